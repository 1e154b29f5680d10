"""Loading published files into a triple store: embedded Oxigraph, or any Graph Store Protocol server.

Each article goes into its own named graph (the article IRI); loading again replaces that graph,
so loads are idempotent. Every file is parsed before anything is written: a file that fails to
parse changes nothing. In the embedded store each graph is replaced in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from pipeline.config import load_settings
from pipeline.corpus import MANIFEST, Manifest
from pipeline.errors import InputError, StoreError, UsageError
from pipeline.publish import ntriples
from pipeline.rdfio import read_rdf, split_graphs
from pipeline.remote import Server
from pipeline.vocab import RDF, SCHEMA

_TYPE = ox.NamedNode(str(RDF.type))
_ARTICLE = ox.NamedNode(str(SCHEMA.NewsArticle))


@dataclass
class LoadSummary:
    """What was loaded where."""

    target: str
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    store_triples: int | None = None
    seconds: float = 0.0


def article_files(output: Path) -> list[Path]:
    """The article Turtle files of an output folder (from its manifest, else every *.ttl but void.ttl)."""
    manifest = Manifest.read(output)
    if manifest.articles:
        return [output / f"{slug}.ttl" for slug in sorted(manifest.articles)]
    files = sorted(p for p in output.glob("*.ttl") if p.name != "void.ttl")
    if not files:
        raise InputError(f"holds no article files (*.ttl or {MANIFEST}).", path=output, fix="Run `newsld build` first.")
    return files


def graphs_of(path: Path) -> list[tuple[str, list[ox.Triple]]]:
    """The (graph IRI, triples) in a file: a quads file's named graphs, else the file's one NewsArticle."""
    rdf = read_rdf(path)
    named = split_graphs(rdf.quads)
    if any(g.name is not None for g in named):
        if any(g.name is None for g in named):
            raise InputError(
                "has triples outside any named graph.", path=path, fix="Put every triple in the graph of its article."
            )
        return [(g.name or "", [q.triple for q in g.quads]) for g in named]
    triples = [q.triple for q in rdf.quads]
    articles = sorted(
        {
            str(t.subject.value)
            for t in triples
            if t.predicate == _TYPE and t.object == _ARTICLE and not isinstance(t.subject, ox.Triple)
        }
    )
    if len(articles) != 1:
        raise InputError(
            f"describes {len(articles)} schema:NewsArticle nodes, so its graph name (the article IRI) is unclear.",
            path=path,
            fix="Load one article per file, or an N-Quads/TriG file with named graphs.",
        )
    return [(articles[0], triples)]


def load_files(
    files: Sequence[Path] | None = None,
    *,
    store: Path | None = None,
    graph_store: str | None = None,
    timeout: float = 30.0,
) -> LoadSummary:
    """Load files into the embedded store at `store` (default: store/) or a Graph Store Protocol URL.

    >>> load_files([Path("output/fiverr-ceo-ai-warning.ttl")], store=Path("store"))
    """
    if store is not None and graph_store is not None:
        raise UsageError("choose either --store or --graph-store, not both.")
    started = time.perf_counter()
    settings = load_settings()
    paths = list(files) if files else article_files(settings.output)
    parsed = [graph for path in paths for graph in graphs_of(path)]
    if graph_store is not None:
        summary = _load_remote(parsed, Server(graph_store, timeout=timeout))
    else:
        summary = _load_embedded(parsed, store or settings.store)
    summary.seconds = time.perf_counter() - started
    return summary


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


def _load_embedded(graphs: list[tuple[str, list[ox.Triple]]], path: Path) -> LoadSummary:
    store = open_store(path)
    summary = LoadSummary(target=f"{path}/")
    for iri, triples in graphs:
        name = ox.NamedNode(iri)
        if store.contains_named_graph(name):
            # DROP and INSERT in one update: one transaction, so readers never see a half graph.
            body = ntriples(triples).decode("utf-8")
            store.update(f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }}")
        else:
            store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        summary.graphs.append(iri)
        summary.triples += len(triples)
    store.flush()
    summary.store_triples = len(store)
    return summary


def _load_remote(graphs: list[tuple[str, list[ox.Triple]]], server: Server) -> LoadSummary:
    summary = LoadSummary(target=server.url)
    for iri, triples in graphs:
        server.request(
            "PUT",
            ntriples(triples),
            params={"graph": iri},
            headers={"Content-Type": "application/n-triples"},
        )
        summary.graphs.append(iri)
        summary.triples += len(triples)
    return summary
