"""`python -m pipeline` is the `newsld` command."""

from pipeline.cli.app import main

main()
