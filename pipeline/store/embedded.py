"""The embedded store (Oxigraph in a folder): opening it, loading files into it, and mirroring the
build in the output folder (`EmbeddedMirror`, driven by `pipeline.store.sync`)."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from pipeline.builder.graphs import is_managed
from pipeline.builder.state import Dataset
from pipeline.errors import InputError, StoreError
from pipeline.rdf.rdfio import format_of
from pipeline.rdf.serialize.publish import ntriples, sort_triples
from pipeline.store import record
from pipeline.store.sources import check_file
from pipeline.store.summary import LoadSummary
from pipeline.store.sync import Batch, insert_data

BULK_BATCH = 200_000  # quads per bulk ingestion: below Oxigraph's 1M batch, so each call is one atomic ingest

Groups = Iterable[tuple[str, list[ox.Quad]]]


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


def is_empty(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, None)), None) is None


def bulk_load_empty(store: ox.Store, paths: list[Path], path: Path) -> LoadSummary:
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


def load_groups(groups: Groups, store: ox.Store, path: Path, mirror: bool) -> LoadSummary:
    """Load (graph, quads) groups. New graphs go in with the bulk loader, each call one atomic
    ingestion of whole graphs; graphs already in the store are replaced by one update each (one
    transaction). With `mirror`, the graphs under the loaded articles' bases that were not loaded
    are dropped last, in one update, once everything else is in."""
    existing = {str(g.value) for g in store.named_graphs()}
    summary = LoadSummary(target=f"{path}/")
    touched: set[str] = set()
    fresh: list[ox.Quad] = []
    for iri, quads in groups:
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
        bases = bases_of(touched)
        summary.dropped = sorted(g for g in existing - touched if is_managed(g, bases))
        if summary.dropped:
            store.update(" ;\n".join(f"DROP GRAPH <{iri}>" for iri in summary.dropped))
    return summary


def bases_of(graphs: Iterable[str]) -> set[str]:
    """The bases of the article graphs among `graphs` (the part before `article/`)."""
    return {graph.rpartition("article/")[0] for graph in graphs if "article/" in graph}


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


def forget(store: ox.Store, graphs: Iterable[str]) -> None:
    """After a load of named files: the record no longer vouches for the graphs they touched, nor
    for the build (the next load of the output folder puts them right)."""
    touched = sorted(graphs)
    bases = bases_of(touched)
    if bases:
        store.update(" ;\n".join(op for base in sorted(bases) for op in record.set_build(base, None)))
        store.update(" ;\n".join(record.set_digests({}, unset=touched)))


class EmbeddedMirror:
    """The embedded store as `pipeline.store.sync` drives it: each batch is one update (one
    transaction: the graphs and the record change together)."""

    def __init__(self, store: ox.Store, location: Path) -> None:
        self.store, self.location = store, location
        self.target = f"{location}/"

    def recorded_build(self, base: str) -> str | None:
        return record.embedded_build(self.store, base)

    def recorded_digests(self, base: str) -> dict[str, str]:
        return record.embedded_digests(self.store, base)

    def write(self, batch: Batch) -> None:
        operations = [f"DROP SILENT GRAPH <{graph}>" for graph, _ in batch.writes if graph not in batch.fresh]
        operations += [insert_data(batch.writes)] if batch.writes else []
        operations += [f"DROP SILENT GRAPH <{graph}>" for graph in batch.drops]
        operations += batch.record
        if operations:
            self.store.update(" ;\n".join(operations))

    def full(self, dataset: Dataset, base: str, mirror: bool) -> LoadSummary:
        """Today's full load of the dataset, then the whole record: the bulk loader into an empty
        store, else every graph replaced by its difference (`load_groups`)."""
        state = dataset.state
        if is_empty(self.store):
            # Part by part: Oxigraph's bulk loader holds what it is given until it writes it out
            # (2 GB for 100,000 articles at once, 0.3 GB a part).
            for part in dataset.part_readers():
                self.store.bulk_load(input=part, format=ox.RdfFormat.N_QUADS)
            self.store.bulk_extend(record.record_quads(base, state.build, state.digests))
            graphs = list(state.graphs)
            return LoadSummary(self.target, graphs=graphs, added=graphs, triples=state.triples)
        with dataset.reader() as reader:
            summary = load_groups(_groups(reader), self.store, self.location, mirror)
        self.store.update(" ;\n".join(record.forget_all(base)))
        self.store.bulk_extend(record.record_quads(base, state.build, state.digests))
        return summary

    def finish(self) -> None:
        self.store.flush()


def _groups(reader: IO[bytes]) -> Iterator[tuple[str, list[ox.Quad]]]:
    quads = ox.parse(reader, format=ox.RdfFormat.N_QUADS)
    for name, run in groupby(quads, key=attrgetter("graph_name")):
        yield str(name.value), list(run)
