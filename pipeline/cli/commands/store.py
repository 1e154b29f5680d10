"""`newsld load` and `newsld query`: the triple store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.choices import QueryFormat
from pipeline.cli.console import call, echo, fail
from pipeline.errors import UsageError

if TYPE_CHECKING:
    from pipeline.store.results import QueryResult


def load(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Turtle, JSON-LD, N-Quads or TriG files, or the folder of the dataset's parts (output/dataset)"
            " [default: the dataset in output/]."
        ),
    ] = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="Embedded Oxigraph store folder [default: store/].")
    ] = None,
    graph_store: Annotated[
        str | None,
        typer.Option(
            "--graph-store",
            help="Graph Store Protocol URL: http://localhost:7878/store (Oxigraph),"
            " http://localhost:8890/sparql-graph-crud (Virtuoso), http://localhost:3030/ds/data (Fuseki).",
        ),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint",
            help="The server's SPARQL query URL, to list its graphs [default: derived from --graph-store].",
        ),
    ] = None,
    keep_removed: Annotated[
        bool,
        typer.Option("--keep-removed", help="Keep the graphs of articles the dataset no longer has (retracted)."),
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Load every graph of the build again, not only what changed.")
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a server.")] = 30.0,
) -> None:
    """Load the published dataset into a triple store, so that the store mirrors it.

    Each article, person, organisation and the software has its own named graph. With no FILES,
    only the graphs that changed since the build the store last mirrored are written (the store
    records which build and graphs it holds; without a record, or with --full, every graph is
    loaded). Graphs of articles removed since (retractions) are dropped, unless --keep-removed;
    graphs newsld did not publish are never touched. Named N-Quads/TriG files are mirrored whole,
    other files add or replace their graphs. Credentials for a server come from NEWSLD_STORE_USER
    and NEWSLD_STORE_PASSWORD (Basic or Digest, as the server asks), or NEWSLD_STORE_TOKEN.

    Example: newsld load --store store/
    """
    from pipeline.cli.render import load_summary
    from pipeline.store.load import load_files

    summary = call(
        lambda: load_files(
            files,
            store=store,
            graph_store=graph_store,
            endpoint=endpoint,
            keep_removed=keep_removed,
            full=full,
            timeout=timeout,
        )
    )
    echo(load_summary(summary))


def query(
    query_text: Annotated[
        str | None, typer.Argument(metavar="QUERY", help="SPARQL text, a .rq file, or a shipped query's name.")
    ] = None,
    store: Annotated[Path | None, typer.Option("--store", help="Embedded store folder [default: store/].")] = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="SPARQL 1.1 query endpoint, e.g. http://localhost:7878/query.")
    ] = None,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Query this file or the dataset's folder (repeatable; files after QUERY count too), not a store.",
        ),
    ] = None,
    more_data: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[FILES]...", help="More files for --data, so that `--data output/*.ttl` works."),
    ] = None,
    output_format: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE: keep the solutions whose ?NAME is VALUE; repeatable."),
    ] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the shipped queries and exit.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the answer, from a server or the store.")
    ] = 30.0,
) -> None:
    """Run a SPARQL query over the whole corpus (the default graph is the union of all graphs).

    The prefixes of the data (schema:, rdf:, xsd:, prov:, nif:, article:, person:, …) need no
    PREFIX line. --param NAME=VALUE keeps the solutions whose ?NAME is VALUE (bound and equal), on
    every store. VALUE is a prefixed name as tables print them (article:SLUG, person:ID), a bare
    https://… or urn:… IRI, '<iri>' (quoted in a shell), an N-Triples literal ('"text"',
    '"text"@en'), an integer, or else a plain string.

    Example: newsld query quotes --param article=article:fiverr-ceo-ai-warning
    """
    from pipeline.cli.render import query_output
    from pipeline.store.query import parse_param, run_query, shipped_queries

    if list_queries:
        for named in shipped_queries().values():
            echo(f"{named.name:<22}{named.description}")
        raise typer.Exit(0)
    if query_text is None:
        fail(UsageError("give a QUERY (SPARQL text, a .rq file or a shipped name), or --list."))

    def run() -> tuple[QueryResult, dict[str, str]]:
        from pipeline.config import load_settings
        from pipeline.rdf.vocab import Iris

        prefixes = Iris(load_settings().base).prefixes()
        params = dict(parse_param(p, prefixes) for p in param or [])
        if more_data and not data:
            raise UsageError(
                f"unexpected argument {str(more_data[0])!r} after QUERY: to query files, write --data before them."
            )
        files = [*(data or []), *(more_data or [])] or None
        result = run_query(
            query_text, store=store, endpoint=endpoint, data=files, params=params, timeout=timeout, prefixes=prefixes
        )
        return result, prefixes

    result, prefixes = call(run)
    echo(call(lambda: query_output(result, output_format.value, prefixes)), nl=False)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
