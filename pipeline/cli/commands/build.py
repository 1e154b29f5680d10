"""`newsld build` and `newsld init`: making the published files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.choices import ValidatorChoice
from pipeline.cli.console import call, echo

if TYPE_CHECKING:
    from pipeline.builder.article import ArticleBuild
    from pipeline.builder.corpus import Progress


def build(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files or folders [default: articles/].")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder [default: output/].")] = None,
    base: Annotated[str | None, typer.Option("--base", help="Base IRI [default: [tool.newsld] base].")] = None,
    catalogue: Annotated[
        Path | None, typer.Option("--catalogue", help="Entity catalogue [default: entities.toml beside the articles].")
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: cores].")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild every article, changed or not.")] = False,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Fail articles with unattributed quotations or unpaired quote marks [default: [tool.newsld] strict].",
        ),
    ] = None,
    validator: Annotated[
        ValidatorChoice | None,
        typer.Option(
            "--validator",
            help="SHACL engine: fast (the shacl package, on newsld's own shapes) or pyshacl"
            " [default: [tool.newsld] validator].",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures and the summary.")] = False,
) -> None:
    """Build articles into validated Turtle and JSON-LD, plus the dataset in parts (dataset/*.nq), void.ttl and
    manifest.json.

    Unchanged articles are skipped; an article with a violation is reported and not written.

    Example: newsld build articles/ --out output/
    """
    from pipeline.builder.corpus import build as build_corpus
    from pipeline.cli.render import build_summary

    with _progress(quiet) as progress:
        summary = call(
            lambda: build_corpus(
                paths,
                out=out,
                base=base,
                catalogue=catalogue,
                jobs=jobs,
                force=force,
                strict=strict,
                validator=validator.value if validator else None,
                progress=progress,
            )
        )
    for notice in summary.notices:
        echo(f"note: {notice}", err=True)
    for line in build_summary(summary, quiet=quiet):
        echo(line)
    raise typer.Exit(summary.exit_code)


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    """A rich progress bar on a terminal; plain lines per article otherwise."""
    from pipeline.cli.render import article_lines

    if not sys.stderr.isatty():

        def plain(done: int, total: int, result: ArticleBuild | None) -> None:
            if result is not None:
                for line in article_lines(result, quiet):
                    echo(line)

        yield plain
        return

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("build", total=None)

        def rich(done: int, total: int, result: ArticleBuild | None) -> None:
            bar.update(task, completed=done, total=total)
            if result is not None:
                for line in article_lines(result, quiet):
                    bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

        yield rich


def init(
    folder: Annotated[Path, typer.Argument(help="The project folder (created if needed).")] = Path(),
) -> None:
    """Start a project: pyproject.toml with [tool.newsld], and articles/ with an example to build.

    Example: newsld init my-news && cd my-news && newsld build
    """
    from pipeline.cli.init import init_project

    summary = call(lambda: init_project(folder))
    for name in summary.created:
        echo(f"created {folder / name}")
    where = "" if folder == Path() else f"cd {folder} && "
    echo(f"Next: {where}newsld build")
