"""`newsld site` and `newsld serve`: the web site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.console import call, echo

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from pipeline.web.site import SiteResult


def site(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Site folder [default: [tool.newsld] site, site/].")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="The build's folder to publish [default: [tool.newsld] output].")
    ] = None,
    base: Annotated[str | None, typer.Option("--base", help="Base IRI [default: [tool.newsld] base].")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The site's name [default: the base's host].")] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Render every page, not only what the build changed (the same result).")
    ] = False,
) -> None:
    """Publish the build as a web site: a page per article and entity with embedded JSON-LD, an index,
    sitemaps, robots.txt and an Atom feed, each IRI's Turtle, JSON-LD and N-Triples beside its page.

    Renders only what the build changed since the last run (the pages of changed articles and of
    the entities they name); pages of removed articles are removed. Run after `newsld build`.

    Example: newsld site --out site/
    """
    from pipeline.cli.render import site_summary
    from pipeline.web.site import build_site

    def run() -> SiteResult:
        from pipeline.config import check_base_iri

        return build_site(output, out, check_base_iri(base, source="--base") if base else None, title, full=full)

    result = call(run)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    echo(site_summary(result))


def serve(
    site_folder: Annotated[
        Path | None, typer.Option("--site", help="Site folder [default: [tool.newsld] site, site/].")
    ] = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port; 0 picks a free one.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    base: Annotated[str | None, typer.Option("--base", help="Base IRI [default: [tool.newsld] base].")] = None,
) -> None:
    """Preview the site: answer each IRI under the base with content negotiation (HTML, Turtle,
    JSON-LD, N-Triples by Accept), 303 from a person's or organisation's IRI to its document.

    Example: newsld serve --port 8000, then curl -H 'Accept: text/turtle' http://127.0.0.1:8000/article/fiverr-ceo-ai-warning
    """
    from pipeline.web.serve import base_path_of, make_server

    def start() -> tuple[ThreadingHTTPServer, str, str]:
        from pipeline.config import check_base_iri, load_settings

        settings = load_settings()
        chosen = check_base_iri(base, source="--base") if base else settings.base
        folder = site_folder or settings.site
        return make_server(folder, chosen, host, port), chosen, str(folder)

    server, chosen, folder = call(start)
    url = f"http://{host}:{server.server_port}{base_path_of(chosen)}"
    echo(f"Serving {folder}/ as {chosen} at {url} (Ctrl-C to stop)")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
