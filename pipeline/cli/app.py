"""The `newsld` command: each subcommand parses options, calls one library function, renders.

Exit codes: 0 ok, 1 data does not conform, 2 bad input or usage, 3 store unreachable.
Heavy libraries are imported inside the commands, so `newsld --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from pipeline._version import __version__
from pipeline.errors import NewsldError, UsageError

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

    from pipeline.builder.article import ArticleBuild
    from pipeline.builder.corpus import Progress
    from pipeline.web.site import SiteResult

app = typer.Typer(
    name="newsld",
    help="Publish news articles in the wire-service text format as validated linked data (schema.org RDF).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rendering it with rich imports ~70 ms of modules
    context_settings={"help_option_names": ["-h", "--help"]},
)
T = TypeVar("T")


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    turtle = "turtle"


class FailOn(StrEnum):
    violation = "violation"
    warning = "warning"
    info = "info"


class ValidatorChoice(StrEnum):
    fast = "fast"
    pyshacl = "pyshacl"


class InputFormat(StrEnum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"


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


@app.command()
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
    """Build articles into validated Turtle and JSON-LD, plus dataset.nq, void.ttl and manifest.json.

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


@app.command()
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


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD); '-' is stdin.")
    ],
    shapes: Annotated[
        list[Path] | None,
        typer.Option(
            "--shapes", "-s", help="Shapes file or folder; repeatable [default: shapes/, or none with --schemaorg]."
        ),
    ] = None,
    schemaorg: Annotated[
        bool,
        typer.Option("--schemaorg", help="Check against the official schema.org 30.0 shapes too (bundled, offline)."),
    ] = False,
    output_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that fails.")] = FailOn.violation,
    input_format: Annotated[
        InputFormat | None, typer.Option("--input-format", help="Format of the input (needed for stdin).")
    ] = None,
) -> None:
    """Validate RDF files against SHACL shapes and report every result, most severe first.

    Exits 0 when every file conforms, 1 when a result at or above --fail-on is found, 2 when a
    file or the shapes cannot be read. --schemaorg checks any schema.org data against schema.org's
    own shapes, without the network.

    Example: newsld validate output/fiverr-ceo-ai-warning.ttl --shapes shapes/ --format json
    """
    from pipeline.cli.render import validation_output
    from pipeline.config import load_settings
    from pipeline.validate.files import validate_files
    from pipeline.validate.report import Report, Severity

    def run() -> list[Report]:
        shapes_paths = shapes or ([] if schemaorg else [load_settings().shapes])
        return validate_files(
            files,
            shapes_paths,
            fail_on=Severity.parse(fail_on.value),
            input_format=input_format.value if input_format else None,
            schemaorg=schemaorg,
        )

    reports = call(run)
    conforms = all(report.conforms for report in reports)
    echo(validation_output(reports, output_format.value), nl=False)
    raise typer.Exit(0 if conforms else 1)


@app.command()
def load(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Turtle, JSON-LD, N-Quads or TriG files [default: the dataset in output/]."),
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
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a server.")] = 30.0,
) -> None:
    """Load the published dataset into a triple store, so that the store mirrors it.

    Each article, person, organisation and the software has its own named graph; loading again
    replaces them. Loading the dataset (no FILES, or N-Quads/TriG files) also drops the graphs of
    articles removed since (retractions), unless --keep-removed; graphs newsld did not publish are
    never touched. Credentials for a server come from NEWSLD_STORE_USER and NEWSLD_STORE_PASSWORD
    (Basic or Digest, as the server asks), or NEWSLD_STORE_TOKEN.

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
            timeout=timeout,
        )
    )
    echo(load_summary(summary))


@app.command()
def site(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Site folder [default: [tool.newsld] site, site/].")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="The build's folder to publish [default: [tool.newsld] output].")
    ] = None,
    base: Annotated[str | None, typer.Option("--base", help="Base IRI [default: [tool.newsld] base].")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The site's name [default: the base's host].")] = None,
) -> None:
    """Publish the build as a web site: a page per article and entity with embedded JSON-LD, an index,
    sitemap.xml and an Atom feed, each IRI's Turtle, JSON-LD and N-Triples beside its page.

    Only changed files are written; pages of removed articles are removed. Run after `newsld build`.

    Example: newsld site --out site/
    """
    from pipeline.cli.render import site_summary
    from pipeline.web.site import build_site

    def run() -> SiteResult:
        from pipeline.config import check_base_iri

        return build_site(output, out, check_base_iri(base, source="--base") if base else None, title)

    result = call(run)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    echo(site_summary(result))


@app.command()
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


class ReviewFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def quotes(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files or folders [default: articles/].")] = None,
    catalogue: Annotated[
        Path | None, typer.Option("--catalogue", help="Entity catalogue [default: entities.toml beside the articles].")
    ] = None,
    output_format: Annotated[ReviewFormat, typer.Option("--format", "-f", help="Output format.")] = ReviewFormat.table,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Exit 1 when a quotation is unattributed or a quote mark unpaired [default: [tool.newsld] strict].",
        ),
    ] = None,
) -> None:
    """Review every quotation before publishing: its text, speaker and the rule that decided it.

    A quotation whose speaker the text does not settle is listed as unattributed, with the name as
    written when there is one; nothing is published by this command.

    Example: newsld quotes articles/ --format csv > quotes.csv
    """
    from pipeline.cli.render import quote_review
    from pipeline.config import load_settings
    from pipeline.text.review import review_quotes

    review = call(lambda: review_quotes(paths, catalogue=catalogue))
    echo(quote_review(review, output_format.value), nl=False)
    raise typer.Exit(review.exit_code(strict if strict is not None else call(load_settings).strict))


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    turtle = "turtle"


@app.command()
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
        typer.Option("--data", help="Query this file (repeatable; files after QUERY count too) instead of a store."),
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
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a server.")] = 30.0,
) -> None:
    """Run a SPARQL query over the whole corpus (the default graph is the union of all graphs).

    --param NAME=VALUE keeps the solutions whose ?NAME is VALUE (bound and equal), on every store.
    VALUE is <iri> or a bare https://… or urn:… IRI, an N-Triples literal ("text", "text"@en),
    an integer, or else a plain string.

    Example: newsld query quotes --param article=<https://newsld.example/article/fiverr-ceo-ai-warning>
    """
    from pipeline.cli.render import query_output
    from pipeline.store.query import parse_param, run_query, shipped_queries
    from pipeline.store.results import QueryResult

    if list_queries:
        for named in shipped_queries().values():
            echo(f"{named.name:<22}{named.description}")
        raise typer.Exit(0)
    if query_text is None:
        fail(UsageError("give a QUERY (SPARQL text, a .rq file or a shipped name), or --list."))

    def run() -> tuple[QueryResult, dict[str, str]]:
        from pipeline.config import load_settings
        from pipeline.rdf.vocab import Iris

        params = dict(parse_param(p) for p in param or [])
        if more_data and not data:
            raise UsageError(
                f"unexpected argument {str(more_data[0])!r} after QUERY: to query files, write --data before them."
            )
        files = [*(data or []), *(more_data or [])] or None
        result = run_query(query_text, store=store, endpoint=endpoint, data=files, params=params, timeout=timeout)
        return result, Iris(load_settings().base).prefixes()

    result, prefixes = call(run)
    echo(call(lambda: query_output(result, output_format.value, prefixes)), nl=False)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)


def main() -> None:
    """Entry point of the `newsld` console script."""
    import signal

    # Turn SIGTERM into a normal exit, so that half-written temporary files are removed on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    app()
