"""What every command shares: printing, and turning newsld's errors into a message and an exit code."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

import typer

from pipeline.errors import NewsldError

T = TypeVar("T")


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    typer.echo(text, err=err, nl=nl)


def fail(error: NewsldError) -> NoReturn:
    """Print the error's one-line message (no traceback) and exit with its code."""
    echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


def call(function: Callable[[], T]) -> T:
    """Run a library call, turning newsld errors into a message and exit code."""
    try:
        return function()
    except NewsldError as error:
        fail(error)
