"""`newsld publish`: build, site and store in one command, once or on every change."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pipeline.cli.console import call, echo

if TYPE_CHECKING:
    from pipeline.live.watch import Publication


def publish(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files or folders [default: articles/].")] = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Publish again whenever an article, sidecar, the catalogue or shapes change."),
    ] = False,
    build: Annotated[
        bool | None, typer.Option("--build/--no-build", help="Build [default: [tool.newsld] publish].")
    ] = None,
    site: Annotated[
        bool | None, typer.Option("--site/--no-site", help="Write the web site [default: [tool.newsld] publish].")
    ] = None,
    load: Annotated[
        bool | None, typer.Option("--load/--no-load", help="Load the store [default: [tool.newsld] publish].")
    ] = None,
    store: Annotated[Path | None, typer.Option("--store", help="Embedded store folder [default: store/].")] = None,
    graph_store: Annotated[
        str | None, typer.Option("--graph-store", help="Load a server instead: its Graph Store Protocol URL.")
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="The server's SPARQL query URL [default: derived].")
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: cores].")] = None,
    full: Annotated[bool, typer.Option("--full", help="Load every graph again, not only what changed.")] = False,
) -> None:
    """Publish: build the articles, write the web site, load the store, each only as far as
    something changed, with one summary line per step. --watch keeps publishing on every change
    (one line per publish, with its time); Ctrl-C stops it.

    Paths, base, site and store come from [tool.newsld]; so do the steps (publish = ["build",
    "site", "load"]), which --no-build, --no-site and --no-load leave out.

    Example: newsld publish --watch
    """
    from pipeline.cli.render import publication_line, publish_lines
    from pipeline.config import load_settings
    from pipeline.live.publish import publish as publish_once

    settings = call(load_settings)
    chosen = {"build": build, "site": site, "load": load}
    steps = [step for step, wanted in chosen.items() if wanted or (wanted is None and step in settings.publish)]
    options: dict[str, Any] = {
        "steps": steps,
        "store": store,
        "graph_store": graph_store,
        "endpoint": endpoint,
        "jobs": jobs,
        "full": full,
    }
    if not watch:
        summary = call(lambda: publish_once(paths, **options))
        for line in publish_lines(summary):
            echo(line)
        raise typer.Exit(summary.exit_code)

    from pipeline.live.watch import watch as watch_inputs

    def show(publication: Publication) -> None:
        echo(publication_line(publication))
        sys.stdout.flush()

    def ready() -> None:
        echo("Watching for changes (Ctrl-C to stop).")
        sys.stdout.flush()

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C during a publish: its files are written atomically
        call(lambda: watch_inputs(paths, on_publish=show, ready=ready, **options))
    echo("Stopped.")
