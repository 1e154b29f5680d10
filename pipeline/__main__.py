"""`python -m pipeline` is the `newsld` command."""

from pipeline.cli import main

main()
