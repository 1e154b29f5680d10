"""Loading published files into a triple store: embedded Oxigraph, or any Graph Store Protocol server.

Each article goes into its own named graph (the article IRI); loading again replaces that graph,
so loads are idempotent. Every file is parsed before anything is written: a file that fails to
parse changes nothing. In the embedded store each graph is replaced in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from pathlib import Path

import pyoxigraph as ox

from pipeline.config import load_settings
from pipeline.corpus import MANIFEST, Manifest
from pipeline.errors import InputError, StoreError, UsageError
from pipeline.publish import ntriples
from pipeline.rdfio import format_of, read_rdf
from pipeline.remote import Server
from pipeline.vocab import RDF, SCHEMA

_TYPE = ox.NamedNode(str(RDF.type))
_ARTICLE = ox.NamedNode(str(SCHEMA.NewsArticle))
BULK_BATCH = 200_000  # quads per bulk ingestion: below Oxigraph's 1M batch, so each call is one atomic ingest


@dataclass
class LoadSummary:
    """What was loaded where."""

    target: str
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    store_triples: int | None = None
    seconds: float = 0.0


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
            f"holds no published articles (*.ttl or {MANIFEST}).", path=output, fix="Run `newsld build` first."
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
        """The file's quads as runs that share a graph, in file order (read again, streaming)."""
        quads = ox.parse(path=str(self.path), format=self.format)
        if self.article is not None:
            graph = ox.NamedNode(self.article)
            yield self.article, [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
            return
        for name, run in groupby(quads, key=attrgetter("graph_name")):
            yield str(name.value), list(run)


def check_file(path: Path) -> Source:
    """Parse the whole file once, without keeping it: syntax errors surface before any write."""
    rdf_format = format_of(path)
    graphs: dict[str, None] = {}
    articles: set[str] = set()
    default_triples = 0
    last: object = None
    try:
        for quad in ox.parse(path=str(path), format=rdf_format):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph):
                default_triples += 1
                if quad.predicate == _TYPE and quad.object == _ARTICLE and isinstance(quad.subject, ox.NamedNode):
                    articles.add(quad.subject.value)
            elif graph != last:  # quads of a graph usually come together: look the name up once per run
                last = graph
                graphs.setdefault(str(graph.value), None)
    except (SyntaxError, OSError):
        read_rdf(path)  # raises the InputError with file, line and column (or the read error)
        raise
    if graphs:
        if default_triples:
            raise InputError(
                "has triples outside any named graph.", path=path, fix="Put every triple in the graph of its article."
            )
        return Source(path, rdf_format, tuple(graphs), None)
    if len(articles) != 1:
        raise InputError(
            f"describes {len(articles)} schema:NewsArticle nodes, so its graph name (the article IRI) is unclear.",
            path=path,
            fix="Load one article per file, or an N-Quads/TriG file with named graphs.",
        )
    (article,) = articles
    return Source(path, rdf_format, (article,), article)


def graphs_of(path: Path) -> list[tuple[str, list[ox.Triple]]]:
    """The (graph IRI, triples) of a file, all in memory: for small files such as `query --data`."""
    return [(iri, [q.triple for q in quads]) for iri, quads in check_file(path).groups()]


def load_files(
    files: Sequence[Path] | None = None,
    *,
    store: Path | None = None,
    graph_store: str | None = None,
    timeout: float = 30.0,
) -> LoadSummary:
    """Load files into the embedded store at `store` (default: store/) or a Graph Store Protocol URL.

    >>> load_files([Path("output/dataset.nq")], store=Path("store"))
    """
    if store is not None and graph_store is not None:
        raise UsageError("choose either --store or --graph-store, not both.")
    started = time.perf_counter()
    settings = load_settings()
    paths = list(files) if files else default_files(settings.output)
    if graph_store is not None:
        summary = _load_remote([check_file(path) for path in paths], Server(graph_store, timeout=timeout))
    else:
        target = open_store(store or settings.store)
        fresh = _is_empty(target) and all(
            format_of(path).supports_datasets and path.suffix != ".jsonld" for path in paths
        )
        if fresh:
            summary = _bulk_load_empty(target, paths, store or settings.store)
        else:
            summary = _load_embedded([check_file(path) for path in paths], target, store or settings.store)
    summary.seconds = time.perf_counter() - started
    return summary


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
            )
    except (SyntaxError, OSError, InputError) as error:
        store.clear()
        if isinstance(error, InputError):
            raise
        for source in paths:
            check_file(source)  # the InputError with file, line and column
        raise StoreError(f"loading into {path}/ failed: {error}") from None
    store.flush()
    graphs = sorted(str(g.value) for g in store.named_graphs())
    triples = len(store)
    return LoadSummary(target=f"{path}/", graphs=graphs, triples=triples, store_triples=triples)


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open the embedded store, turning "locked by another process" into a clear StoreError."""
    if read_only and not path.is_dir():
        raise StoreError(f"there is no store at {path}/. Run `newsld load` first, or pass --store.")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(
                f"the store at {path}/ is in use by another process (an `oxigraph serve`?)."
                " Stop it, or load through its --graph-store URL."
            ) from None
        raise StoreError(f"cannot open the store at {path}/: {error}") from None


def _load_embedded(sources: list[Source], store: ox.Store, path: Path) -> LoadSummary:
    """New graphs go in with the bulk loader, each call one atomic ingestion of whole graphs;
    graphs already in the store are replaced by one DROP + INSERT DATA update: one transaction."""
    wanted = {graph for source in sources for graph in source.graphs}
    existing = {str(g.value) for g in store.named_graphs() if str(g.value) in wanted}
    summary = LoadSummary(target=f"{path}/")
    touched: set[str] = set()
    fresh: list[ox.Quad] = []
    for source in sources:
        for iri, quads in source.groups():
            if iri in existing:
                body = ntriples([q.triple for q in quads]).decode("utf-8")
                drop = "" if iri in touched else f"DROP SILENT GRAPH <{iri}> ;\n"
                store.update(f"{drop}INSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }}")
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
    store.flush()
    summary.store_triples = len(store)
    return summary


def _load_remote(sources: list[Source], server: Server) -> LoadSummary:
    """One PUT per graph (the server replaces it atomically); a graph met again in a file is POSTed (added)."""
    summary = LoadSummary(target=server.url)
    touched: set[str] = set()
    for source in sources:
        for iri, quads in source.groups():
            server.request(
                "POST" if iri in touched else "PUT",
                ntriples([q.triple for q in quads]),
                params={"graph": iri},
                headers={"Content-Type": "application/n-triples"},
            )
            if iri not in touched:
                touched.add(iri)
                summary.graphs.append(iri)
            summary.triples += len(quads)
    return summary
