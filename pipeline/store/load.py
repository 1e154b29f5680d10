"""Loading published files into a triple store: embedded Oxigraph, or any Graph Store Protocol server.

Each article goes into its own named graph (the article IRI), each person, organisation and the
software into theirs (see `pipeline.builder.dataset`); loading again replaces those graphs, so loads are
idempotent, and loading the dataset drops the graphs it no longer has.

Loading the output folder (no files named) writes only what changed since the build the store
last mirrored (`pipeline.store.sync`): the store records which build and which graphs it holds.
Named files are each parsed before anything is written (a file that fails to parse changes
nothing) and loaded whole; the record then no longer vouches for the graphs they touched.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from pipeline.builder.state import read_build_id
from pipeline.config import load_settings
from pipeline.errors import StoreError, UsageError
from pipeline.store.embedded import EmbeddedMirror, bulk_load_empty, forget, is_empty, load_groups, open_store
from pipeline.store.http import Server, redact
from pipeline.store.remote import RemoteMirror, endpoints, load_sources, query_endpoint
from pipeline.store.remote import forget as forget_remote
from pipeline.store.sources import check_file, default_files, expand_folders, graphs_of, is_dataset
from pipeline.store.summary import LoadSummary
from pipeline.store.sync import sync_output

# Names other modules and users import from here.
__all__ = ["LoadSummary", "graphs_of", "load_files", "open_store", "query_endpoint"]


def load_files(
    files: Sequence[Path] | None = None,
    *,
    store: Path | None = None,
    graph_store: str | None = None,
    endpoint: str | None = None,
    keep_removed: bool = False,
    full: bool = False,
    output: Path | None = None,
    timeout: float = 30.0,
) -> LoadSummary:
    """Load files into the embedded store at `store` (default: store/) or a Graph Store Protocol URL.

    Without `files`, the store is made to mirror the build in `output` (default: [tool.newsld]
    output), writing only the graphs that changed since the build it last mirrored; `full` loads
    every graph again. Graphs under the dataset's base that it no longer holds (retracted articles,
    entities no article names any more) are dropped, unless `keep_removed`; other graphs are never
    touched. Loading N-Quads or TriG files mirrors them the same way (whole), other files add or
    replace their graphs; a folder stands for its N-Quads files (the dataset's parts, `output/dataset`). A server's SPARQL query and update endpoints are derived from the Graph
    Store URL for Oxigraph (/store), Virtuoso (/sparql-graph-crud) and Fuseki (/data); `endpoint`
    names the query endpoint otherwise.

    >>> load_files(store=Path("store")).dropped
    """
    if store is not None and graph_store is not None:
        raise UsageError("choose either --store or --graph-store, not both.")
    if endpoint is not None and graph_store is None:
        raise UsageError("--endpoint goes with --graph-store (it lists the server's graphs).")
    if full and files:
        raise UsageError("--full goes with loading the output folder (no FILES): named files are always loaded whole.")
    started = time.perf_counter()
    files = expand_folders(files) if files else files
    settings = load_settings()
    output = output or settings.output
    synced = not files and read_build_id(output) is not None
    if graph_store is not None:
        summary = _load_server(files, output, synced, graph_store, endpoint, keep_removed, full, timeout, settings.base)
    else:
        location = store or settings.store
        target = open_store(location)
        try:
            if synced:
                summary = sync_output(
                    output, EmbeddedMirror(target, location), base=settings.base, full=full, keep_removed=keep_removed
                )
            else:
                paths = list(files) if files else default_files(output)
                summary = _load_embedded_files(paths, target, location, keep_removed)
        except (OSError, RuntimeError) as error:  # the store's own writes: disk full, corruption
            raise StoreError(f"writing to the store at {location}/ failed: {error}") from None
    summary.seconds = time.perf_counter() - started
    return summary


def _load_embedded_files(paths: list[Path], target: ox.Store, location: Path, keep_removed: bool) -> LoadSummary:
    if is_empty(target) and all(is_dataset(path) for path in paths):
        return bulk_load_empty(target, paths, location)
    mirror = not keep_removed and all(is_dataset(path) for path in paths)
    sources = [check_file(path) for path in paths]
    summary = load_groups(chain.from_iterable(s.groups() for s in sources), target, location, mirror)
    forget(target, [*summary.graphs, *summary.dropped])
    target.flush()
    summary.store_triples = len(target)
    return summary


def _load_server(
    files: Sequence[Path] | None,
    output: Path,
    synced: bool,
    graph_store: str,
    endpoint: str | None,
    keep_removed: bool,
    full: bool,
    timeout: float,
    base: str,
) -> LoadSummary:
    where = endpoints(graph_store, endpoint)
    paths = list(files) if files else default_files(output)
    mirror = not keep_removed and (not files or all(is_dataset(path) for path in paths))
    with Server(graph_store, timeout=timeout) as server:
        if synced and where.query is not None and where.update is not None:
            with Server(where.query, timeout=timeout) as query, Server(where.update, timeout=timeout) as update:
                remote = RemoteMirror(where, server, query, update)
                return sync_output(output, remote, base=base, full=full, keep_removed=keep_removed)
        lister = Server(where.query or query_endpoint(graph_store), timeout=timeout) if mirror else None
        try:
            summary = load_sources([check_file(path) for path in paths], server, lister)
        finally:
            if lister is not None:
                lister.close()
        if where.update is not None:
            with Server(where.update, timeout=timeout) as update:
                forget_remote(update, [*summary.graphs, *summary.dropped])
        elif synced:
            summary.reason = (
                f"newsld does not know the SPARQL Update endpoint of {redact(graph_store)}, so the server"
                " keeps no record of the build it holds: every load is a full load"
            )
        return summary
