"""Loading published files into a triple store: embedded Oxigraph, or any Graph Store Protocol server.

Each article goes into its own named graph (the article IRI), each person, organisation and the
software into theirs (see `pipeline.builder.dataset`); loading again replaces those graphs, so loads are
idempotent, and loading the dataset drops the graphs it no longer has. Every file is parsed before
anything is written: a file that fails to parse changes nothing. In the embedded store each graph
is replaced in one transaction.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from pipeline.config import load_settings
from pipeline.builder.manifest import MANIFEST, Manifest
from pipeline.builder.graphs import graph_of, is_managed, split_by_graph
from pipeline.errors import InputError, StoreError, UsageError
from pipeline.rdf.serialize.publish import ntriples, sort_triples
from pipeline.rdf.rdfio import base_iri_of, check_file_limits, format_of, read_rdf
from pipeline.store.http import Server, redact, run_remote
from pipeline.rdf.vocab import RDF, SCHEMA

_TYPE = ox.NamedNode(str(RDF.type))
_ARTICLE = ox.NamedNode(str(SCHEMA.NewsArticle))
BULK_BATCH = 200_000  # quads per bulk ingestion: below Oxigraph's 1M batch, so each call is one atomic ingest


@dataclass
class LoadSummary:
    """What was loaded where: graphs added (new to the store), replaced and dropped (retracted)."""

    target: str
    graphs: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    triples: int = 0
    store_triples: int | None = None
    seconds: float = 0.0

    def sort_out(self, existing: set[str]) -> None:
        """Tell the loaded graphs apart: those the store held before were replaced, the others added."""
        self.added = [g for g in self.graphs if g not in existing]
        self.replaced = [g for g in self.graphs if g in existing]


def default_files(output: Path) -> list[Path]:
    """What `load` loads by default: the published articles of `output`.

    `dataset.nq` holds every article in its own named graph, in one file that loads in one
    streaming pass; without it, the article Turtle files (from the manifest, else every *.ttl).
    """
    if (output / "dataset.nq").is_file():
        return [output / "dataset.nq"]
    manifest = Manifest.read(output)
    if manifest.articles:
        return [output / f"{slug}.ttl" for slug in sorted(manifest.articles)]
    files = sorted(p for p in output.glob("*.ttl") if p.name != "void.ttl")
    if not files:
        raise InputError(
            f"holds no published articles (*.ttl or {MANIFEST}).",
            path=output,
            fix="Run `newsld build` first.",
            slug="nothing-published",
        )
    return files


@dataclass(frozen=True)
class Source:
    """A checked input file: its format and the graphs it fills (a triples file fills its article's)."""

    path: Path
    format: ox.RdfFormat
    graphs: tuple[str, ...]
    article: str | None  # the graph of every triple, for a triples file

    def groups(self) -> Iterator[tuple[str, list[ox.Quad]]]:
        """The file's quads as runs that share a graph, in file order (read again, streaming).

        A triples file (one article) is split as `dataset.nq` is: the article's own triples into its
        graph, each entity's description into the entity's graph (`graph_of`).
        """
        quads = ox.parse(path=str(self.path), format=self.format, base_iri=base_iri_of(self.path))
        if self.article is not None:
            for iri, triples in split_by_graph(self.article, (q.triple for q in quads)).items():
                graph = ox.NamedNode(iri)
                yield iri, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
            return
        for name, run in groupby(quads, key=attrgetter("graph_name")):
            yield str(name.value), list(run)


def check_file(path: Path) -> Source:
    """Parse the whole file once, without keeping it: syntax errors surface before any write."""
    rdf_format = format_of(path)
    check_file_limits(path, rdf_format)
    graphs: dict[str, None] = {}
    articles: set[str] = set()
    subjects: set[ox.NamedNode] = set()
    default_triples = 0
    last: object = None
    try:
        for quad in ox.parse(path=str(path), format=rdf_format, base_iri=base_iri_of(path)):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph):
                default_triples += 1
                if isinstance(quad.subject, ox.NamedNode):
                    subjects.add(quad.subject)
                if quad.predicate == _TYPE and quad.object == _ARTICLE and isinstance(quad.subject, ox.NamedNode):
                    articles.add(quad.subject.value)
            elif graph != last:  # quads of a graph usually come together: look the name up once per run
                last = graph
                graphs.setdefault(str(graph.value), None)
    except (SyntaxError, OSError, MemoryError):
        read_rdf(path)  # raises the InputError with file, line and column (or the read error)
        raise
    if graphs:
        if default_triples:
            raise InputError(
                "has triples outside any named graph.",
                path=path,
                fix="Put every triple in the graph of its article.",
                slug="default-graph-triples",
            )
        return Source(path, rdf_format, tuple(graphs), None)
    if len(articles) != 1:
        raise InputError(
            f"describes {len(articles)} schema:NewsArticle nodes, so its graph name (the article IRI) is unclear.",
            path=path,
            fix="Load one article per file, or an N-Quads/TriG file with named graphs.",
            slug="article-count",
        )
    (article,) = articles
    shared = sorted({graph_of(subject, article) for subject in subjects} - {article})
    return Source(path, rdf_format, (article, *shared), article)


def graphs_of(path: Path) -> list[tuple[str, list[ox.Triple]]]:
    """The (graph IRI, triples) of a file, all in memory: for small files such as `query --data`."""
    return [(iri, [q.triple for q in quads]) for iri, quads in check_file(path).groups()]


def load_files(
    files: Sequence[Path] | None = None,
    *,
    store: Path | None = None,
    graph_store: str | None = None,
    endpoint: str | None = None,
    keep_removed: bool = False,
    timeout: float = 30.0,
) -> LoadSummary:
    """Load files into the embedded store at `store` (default: store/) or a Graph Store Protocol URL.

    Loading the published dataset (no `files`: the output folder; or N-Quads/TriG files) makes the
    store mirror it: graphs under the loaded articles' base that it no longer holds (retracted
    articles, entities no article names any more) are dropped, unless `keep_removed`. Other graphs
    are never touched. A server's graphs are listed through its SPARQL `endpoint`, which is derived
    from the Graph Store URL for Oxigraph (/store), Virtuoso (/sparql-graph-crud) and Fuseki (/data).

    >>> load_files(store=Path("store")).dropped
    """
    if store is not None and graph_store is not None:
        raise UsageError("choose either --store or --graph-store, not both.")
    if endpoint is not None and graph_store is None:
        raise UsageError("--endpoint goes with --graph-store (it lists the server's graphs).")
    started = time.perf_counter()
    settings = load_settings()
    paths = list(files) if files else default_files(settings.output)
    mirror = not keep_removed and (not files or all(_is_dataset(path) for path in paths))
    if graph_store is not None:
        query = Server(endpoint or query_endpoint(graph_store), timeout=timeout) if mirror else None
        with Server(graph_store, timeout=timeout) as server:
            try:
                summary = _load_remote([check_file(path) for path in paths], server, query)
            finally:
                if query is not None:
                    query.close()
    else:
        location = store or settings.store
        target = open_store(location)
        try:
            if _is_empty(target) and all(_is_dataset(path) for path in paths):
                summary = _bulk_load_empty(target, paths, location)
            else:
                summary = _load_embedded([check_file(path) for path in paths], target, location, mirror)
        except (OSError, RuntimeError) as error:  # the store's own writes: disk full, corruption
            raise StoreError(f"writing to the store at {location}/ failed: {error}") from None
    summary.seconds = time.perf_counter() - started
    return summary


def _is_dataset(path: Path) -> bool:
    """N-Quads or TriG: a file that names its graphs."""
    return format_of(path).supports_datasets and path.suffix != ".jsonld"


def query_endpoint(graph_store: str) -> str:
    """The SPARQL query endpoint beside a Graph Store Protocol URL, for the servers whose layout is known."""
    parts = urlsplit(graph_store)
    for store_path, query_path in (
        ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso, with Digest authentication
        ("/sparql-graph-crud", "/sparql"),  # Virtuoso
        ("/store", "/query"),  # Oxigraph
        ("/data", "/query"),  # Fuseki
    ):
        if parts.path.endswith(store_path):
            path = parts.path.removesuffix(store_path) + query_path
            return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    raise UsageError(
        f"cannot tell the SPARQL query endpoint of {redact(graph_store)}, which lists the server's graphs."
        " Pass it with --endpoint (or --keep-removed with files that are not the whole dataset)."
    )


def _bases(graphs: Iterable[str]) -> set[str]:
    """The bases of the article graphs among `graphs` (the part before `article/`)."""
    return {graph.rpartition("article/")[0] for graph in graphs if "article/" in graph}


def _is_empty(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, None)), None) is None


def _bulk_load_empty(store: ox.Store, paths: list[Path], path: Path) -> LoadSummary:
    """Into an empty store, N-Quads/TriG files go straight to Oxigraph's bulk loader, parsed in Rust.

    There is nothing to replace, so nothing is lost if it fails: the store is emptied again and
    the parser's error reported. (Were the process killed mid-way, part of the data would be in;
    loading again replaces every graph that is there, one transaction each.)
    """
    try:
        for source in paths:
            store.bulk_load(path=str(source), format=format_of(source))
        if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
            raise InputError(
                "has triples outside any named graph.",
                path=paths[0],
                fix="Put every triple in the graph of its article.",
                slug="default-graph-triples",
            )
    except (SyntaxError, OSError, MemoryError, InputError) as error:
        store.clear()
        if isinstance(error, InputError):
            raise
        for source in paths:
            check_file(source)  # the InputError with file, line and column
        raise StoreError(f"loading into {path}/ failed: {error}") from None
    store.flush()
    graphs = sorted(str(g.value) for g in store.named_graphs())
    triples = len(store)
    return LoadSummary(target=f"{path}/", graphs=graphs, added=graphs, triples=triples, store_triples=triples)


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open the embedded store, turning "locked by another process" into a clear StoreError."""
    if read_only and not path.is_dir():
        raise StoreError(f"there is no store at {path}/. Run `newsld load` first, or pass --store.")
    try:
        try:
            location = str(path.absolute())  # RocksDB resolves a relative path again after a chdir
            return ox.Store.read_only(location) if read_only else ox.Store(location)
        except OSError as error:
            if "lock" not in str(error).lower():
                raise
            # An earlier Store of this process that only the garbage collector still holds keeps
            # the lock (seen when a program loads twice): collect it and try once more.
            gc.collect()
            return ox.Store.read_only(location) if read_only else ox.Store(location)
    except (OSError, RuntimeError) as error:  # RuntimeError: RocksDB reports corruption so
        if "lock" in str(error).lower():
            raise StoreError(
                f"the store at {path}/ is in use by another process (an `oxigraph serve`?)."
                " Stop it, or load through its --graph-store URL."
            ) from None
        raise StoreError(f"cannot open the store at {path}/: {error}") from None


def _load_embedded(sources: list[Source], store: ox.Store, path: Path, mirror: bool) -> LoadSummary:
    """New graphs go in with the bulk loader, each call one atomic ingestion of whole graphs;
    graphs already in the store are replaced by one update each (one transaction). Graphs to drop
    go last, in one update, once everything else is in."""
    existing = {str(g.value) for g in store.named_graphs()}
    summary = LoadSummary(target=f"{path}/")
    touched: set[str] = set()
    fresh: list[ox.Quad] = []
    for source in sources:
        for iri, quads in source.groups():
            if iri in existing or iri in touched:
                _replace_graph(store, iri, quads, keep=iri in touched)
            else:
                fresh.extend(quads)
                if len(fresh) >= BULK_BATCH:
                    store.bulk_extend(fresh)
                    fresh = []
            if iri not in touched:
                touched.add(iri)
                summary.graphs.append(iri)
            summary.triples += len(quads)
    if fresh:
        store.bulk_extend(fresh)
    summary.sort_out(existing)
    if mirror:
        bases = _bases(touched)
        summary.dropped = sorted(g for g in existing - touched if is_managed(g, bases))
        if summary.dropped:
            store.update(" ;\n".join(f"DROP GRAPH <{iri}>" for iri in summary.dropped))
    store.flush()
    summary.store_triples = len(store)
    return summary


def _replace_graph(store: ox.Store, iri: str, quads: list[ox.Quad], *, keep: bool) -> None:
    """Make graph `iri` hold `quads` (with `keep`, add them to what it holds) in one update that
    deletes and inserts only the difference: reloading an unchanged graph writes nothing."""
    name = ox.NamedNode(iri)
    current = {quad.triple for quad in store.quads_for_pattern(None, None, None, name)}
    wanted = {quad.triple for quad in quads}
    removed = [] if keep else sort_triples(current - wanted)
    added = sort_triples(wanted - current)
    operations = [
        f"{verb} DATA {{ GRAPH <{iri}> {{\n{ntriples(triples).decode('utf-8')}}} }}"
        for verb, triples in (("DELETE", removed), ("INSERT", added))
        if triples
    ]
    if operations:
        store.update(" ;\n".join(operations))


def _load_remote(sources: list[Source], server: Server, query: Server | None) -> LoadSummary:
    """One PUT per graph (the server replaces it atomically; 201 Created says it is new); a graph
    met again is POSTed (added). With a `query` endpoint the server mirrors the dataset: its managed
    graphs are listed first, and those the dataset lacks are DELETEd last, once every PUT succeeded."""
    bases = _bases(g for source in sources for g in source.graphs)
    existing = _remote_graphs(query, bases) if query is not None else set()
    summary = LoadSummary(target=server.url)
    touched: set[str] = set()
    for source in sources:
        for iri, quads in source.groups():
            answer = server.request(
                "POST" if iri in touched else "PUT",
                ntriples([q.triple for q in quads]),
                params={"graph": iri},
                headers={"Content-Type": "application/n-triples"},
            )
            if iri not in touched:
                touched.add(iri)
                summary.graphs.append(iri)
                (summary.added if answer.status == 201 else summary.replaced).append(iri)
            summary.triples += len(quads)
    if query is not None:
        summary.dropped = sorted(existing - touched)
        for iri in summary.dropped:
            server.request("DELETE", params={"graph": iri}, missing_ok=True)
    return summary


LIST_PAGE = 5_000  # graphs per listing request: below Virtuoso's default ResultSetMaxRows (10,000)


def _remote_graphs(query: Server, bases: set[str]) -> set[str]:
    """The graphs newsld manages under `bases` that the server holds, listed page by page (pages
    shrink to the server's row limit when it cuts one short)."""

    found: set[str] = set()
    for base in sorted(bases):
        prefix, size, offset = ox.Literal(base), LIST_PAGE, 0
        while True:
            page = run_remote(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {prefix})) }}"
                f" ORDER BY ?g LIMIT {size} OFFSET {offset}",
                query,
            )
            if page.truncated_at is not None and page.truncated_at < size:
                size = max(page.truncated_at, 1)
                continue
            found.update(str(row[0].value) for row in page.rows if row[0] is not None)
            if len(page.rows) < size:
                break
            offset += size
    return {graph for graph in found if is_managed(graph, bases)}
