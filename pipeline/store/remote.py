"""SPARQL servers as `newsld load` writes them: which endpoints a Graph Store URL implies, named
files by the Graph Store Protocol (one PUT per graph), and the output folder mirrored in batches of
many graphs per SPARQL Update request (`RemoteMirror`, driven by `pipeline.store.sync`).

One request per graph cost a round trip and a server transaction each (2,000 articles took 16 s
into `oxigraph serve`); a batch carries about 4 MB of data: a `DROP SILENT GRAPH` for each of its
graphs the server may hold, one `INSERT DATA` for all of them, and the record's lines for them. Oxigraph applies a request in one
transaction; graphs known to be absent (a full load) go to it as N-Quads, parsed by its bulk
reader. The connections stay open across requests (`http.Server`), with its retries and
authentication.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from pipeline.builder.graphs import is_managed
from pipeline.builder.state import ChangeSet, Dataset
from pipeline.errors import UsageError
from pipeline.rdf.serialize.publish import ntriples
from pipeline.store import record
from pipeline.store.http import Server, redact, run_remote
from pipeline.store.results import Term
from pipeline.store.sources import Source
from pipeline.store.summary import LoadSummary
from pipeline.store.sync import Batch, apply_changes, insert_data

LIST_PAGE = 5_000  # rows per listing request: below Virtuoso's default ResultSetMaxRows (10,000)
_UPDATE = {"Content-Type": "application/sparql-update; charset=utf-8"}


@dataclass(frozen=True)
class Endpoints:
    """A server's Graph Store URL and, where its layout is known, its SPARQL query and update URLs,
    and whether its Graph Store takes N-Quads (a POST without a graph adds them)."""

    graph_store: str
    query: str | None
    update: str | None
    quads: bool = False


_LAYOUTS = (
    # Graph Store path, query path, update path, takes N-Quads
    ("/sparql-graph-crud-auth", "/sparql-auth", "/sparql-auth", False),  # Virtuoso, with Digest authentication
    ("/sparql-graph-crud", "/sparql", "/sparql", False),  # Virtuoso
    ("/store", "/query", "/update", True),  # Oxigraph
    ("/data", "/query", "/update", False),  # Fuseki
)


def endpoints(graph_store: str, query: str | None = None) -> Endpoints:
    """The endpoints beside a Graph Store Protocol URL (`query` given: that query endpoint)."""
    parts = urlsplit(graph_store)
    for store_path, query_path, update_path, quads in _LAYOUTS:
        if parts.path.endswith(store_path):
            root = parts.path.removesuffix(store_path)

            def url(path: str, root: str = root) -> str:
                return urlunsplit((parts.scheme, parts.netloc, root + path, "", ""))

            return Endpoints(graph_store, query or url(query_path), url(update_path), quads)
    return Endpoints(graph_store, query, None)


def query_endpoint(graph_store: str) -> str:
    """The SPARQL query endpoint beside a Graph Store Protocol URL, for the servers whose layout is known."""
    found = endpoints(graph_store).query
    if found is None:
        raise UsageError(
            f"cannot tell the SPARQL query endpoint of {redact(graph_store)}, which lists the server's graphs."
            " Pass it with --endpoint (or --keep-removed with files that are not the whole dataset)."
        )
    return found


def load_sources(sources: list[Source], server: Server, query: Server | None) -> LoadSummary:
    """Named files: one PUT per graph (the server replaces it atomically; 201 Created says it is
    new); a graph met again is POSTed (added). With a `query` endpoint the server mirrors the
    dataset: its managed graphs are listed first, and those the files lack are DELETEd last, once
    every PUT succeeded."""
    bases = {g.rpartition("article/")[0] for source in sources for g in source.graphs if "article/" in g}
    existing = listed_graphs(query, bases) if query is not None else set()
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


def forget(update: Server, graphs: Iterable[str]) -> None:
    """After a load of named files: the record no longer vouches for the graphs they touched, nor
    for the build (the next load of the output folder puts them right)."""
    touched = sorted(graphs)
    bases = sorted({g.rpartition("article/")[0] for g in touched if "article/" in g})
    operations = [op for base in bases for op in record.set_build(base, None)]
    if operations:
        update.request("POST", " ;\n".join([*operations, *record.set_digests({}, touched)]).encode(), headers=_UPDATE)


def listed_graphs(query: Server, bases: set[str]) -> set[str]:
    """The graphs newsld manages under `bases` that the server holds, listed page by page (pages
    shrink to the server's row limit when it cuts one short)."""
    found: set[str] = set()
    for base in sorted(bases):
        prefix = ox.Literal(base)

        def listing(size: int, offset: int, prefix: ox.Literal = prefix) -> str:
            return (
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {prefix})) }}"
                f" ORDER BY ?g LIMIT {size} OFFSET {offset}"
            )

        found.update(str(row[0].value) for row in _pages(query, listing) if row[0] is not None)
    return {graph for graph in found if is_managed(graph, bases)}


def _pages(query: Server, text: Callable[[int, int], str]) -> Iterable[list[Term | None]]:
    """The rows of a query made by `text(size, offset)`, page by page."""
    size, offset = LIST_PAGE, 0
    while True:
        page = run_remote(text(size, offset), query)
        if page.truncated_at is not None and page.truncated_at < size:
            size = max(page.truncated_at, 1)
            continue
        yield from page.rows
        if len(page.rows) < size:
            return
        offset += size


class RemoteMirror:
    """A server as `pipeline.store.sync` drives it: each batch is one SPARQL Update request (after
    an N-Quads POST of its graphs known to be absent, where the server takes one)."""

    def __init__(self, where: Endpoints, store: Server, query: Server, update: Server) -> None:
        self.where, self.store, self.query, self.update = where, store, query, update
        self.target = store.url

    def recorded_build(self, base: str) -> str | None:
        rows = run_remote(record.build_query(base), self.query).rows
        return str(rows[0][0].value) if rows and rows[0][0] is not None else None

    def recorded_digests(self, base: str) -> dict[str, str]:
        found = {}
        for graph, sha in _pages(self.query, lambda size, offset: record.digests_query(base, size, offset)):
            if graph is not None and sha is not None:
                found[str(graph.value)] = str(sha.value)
        return found

    def write(self, batch: Batch) -> None:
        operations = []
        posted = [(g, block) for g, block in batch.writes if g in batch.fresh] if self.where.quads else []
        if posted:
            self.store.request(
                "POST", b"".join(block for _, block in posted), headers={"Content-Type": "application/n-quads"}
            )
        inserted = [(g, block) for g, block in batch.writes if not (self.where.quads and g in batch.fresh)]
        operations += [f"DROP SILENT GRAPH <{graph}>" for graph, _ in inserted if graph not in batch.fresh]
        operations += [insert_data(inserted)] if inserted else []
        operations += [f"DROP SILENT GRAPH <{graph}>" for graph in batch.drops]
        operations += batch.record
        if operations:
            self.update.request("POST", " ;\n".join(operations).encode("utf-8"), headers=_UPDATE)

    def full(self, dataset: Dataset, base: str, mirror: bool) -> LoadSummary:
        """Every graph of the dataset, the ones the server lacks without a drop first, and (with
        `mirror`) the managed graphs under `base` the dataset lacks dropped; the record written anew."""
        state = dataset.state
        existing = listed_graphs(self.query, {base})
        changes = ChangeSet(
            build=state.build,
            previous=None,
            added={g: e.digest for g, e in state.graphs.items() if g not in existing},
            replaced={g: ("", e.digest) for g, e in state.graphs.items() if g in existing},
            removed={g: "" for g in sorted(existing - state.graphs.keys())},
        )
        self.update.request("POST", " ;\n".join(record.forget_all(base)).encode(), headers=_UPDATE)
        return apply_changes(
            dataset, self, base, changes, keep_removed=not mirror, fresh=set(changes.added), cleared=True
        )

    def finish(self) -> None:
        """Nothing to flush: each request was applied when it was answered."""
