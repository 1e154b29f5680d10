"""The `newsld` command: each subcommand parses options, calls one library function, renders.

Exit codes: 0 ok, 1 data does not conform, 2 bad input or usage, 3 store unreachable.
Heavy libraries are imported inside the commands, so `newsld --help` stays fast. The commands
live in `pipeline.cli.commands`, by stage; they are registered here in the order `--help` lists them.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pipeline._version import __version__
from pipeline.cli.commands import build, check, live, store, web
from pipeline.cli.console import echo

app = typer.Typer(
    name="newsld",
    help="Publish news articles in the wire-service text format as validated linked data (schema.org RDF).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rendering it with rich imports more modules
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        echo(f"newsld {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Publish news articles in the wire-service text format as validated linked data (schema.org RDF)."""


for command in (
    build.build,
    build.init,
    check.validate,
    store.load,
    web.site,
    live.publish,
    web.serve,
    check.quotes,
    store.query,
):
    app.command()(command)


def main() -> None:
    """Entry point of the `newsld` console script."""
    import signal

    # Turn SIGTERM into a normal exit, so that half-written temporary files are removed on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    app()
