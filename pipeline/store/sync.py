"""Loading the output folder: bring the store from the build it last mirrored to the current one,
writing only the graphs that changed.

The store's record (`pipeline.store.record`) says which build it mirrors and the digest of each
graph it holds; the output folder's `graphs.tsv` says the same of the current build
(`pipeline.builder.state`). Then:

- the same build: nothing to do;
- the store is one build behind and the build's `changes.json` starts from it: that change set;
- otherwise the record's digests against the current ones (`diff`): right however many builds
  happened in between, and after a load that stopped half-way;
- no record at all (a store loaded by an older newsld, or by hand), or `--full`: a full load, as
  before the record existed, and the summary says why.

Changed graphs are written in batches (`Batch`), each with the record's lines for its graphs: one
transaction in the embedded store, one SPARQL Update request to a server. Each graph is replaced
whole (dropped and inserted in the same request). Graphs to drop (retracted articles, entities no
article names any more) go last, with the new build id.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pipeline.builder.state import BuildState, ChangeSet, Dataset, diff, open_dataset, read_changes
from pipeline.store import record
from pipeline.store.summary import LoadSummary


@dataclass
class Batch:
    """Graphs to write (each with its block of N-Quads) and to drop, and the record's SPARQL Update
    operations that go with them, applied together."""

    writes: list[tuple[str, bytes]] = field(default_factory=list)
    drops: list[str] = field(default_factory=list)
    record: list[str] = field(default_factory=list)
    fresh: set[str] = field(default_factory=set)  # graphs known to be absent: nothing to drop first

    @property
    def size(self) -> int:
        return sum(len(block) for _, block in self.writes)


class Mirror(Protocol):
    """A store as the sync drives it (`embedded.EmbeddedMirror`, `remote.RemoteMirror`)."""

    target: str

    def recorded_build(self, base: str) -> str | None: ...

    def recorded_digests(self, base: str) -> dict[str, str]: ...

    def write(self, batch: Batch) -> None: ...

    def full(self, dataset: Dataset, base: str, mirror: bool) -> LoadSummary: ...

    def finish(self) -> None: ...


def sync_output(
    output: Path,
    store: Mirror,
    *,
    base: str,
    full: bool = False,
    keep_removed: bool = False,
    batch_bytes: int = 4 << 20,
) -> LoadSummary:
    """Make `store` mirror the build in `output` (see the module's description); `base` is the
    dataset's base IRI when its graphs do not tell (an empty dataset).

    >>> sync_output(Path("output"), EmbeddedMirror(open_store(Path("store")), Path("store")), base=BASE)
    """
    started = time.perf_counter()
    with open_dataset(output) as dataset:
        state = dataset.state
        base = _base_of(state, base)
        held = None if full else store.recorded_build(base)
        changes: ChangeSet | None = None
        reason = "asked for" if full else None
        if held == state.build:
            changes = ChangeSet(build=state.build, previous=held)
        elif not full:
            last = read_changes(output)
            if held is not None and last is not None and (last.previous, last.build) == (held, state.build):
                changes = last
            else:
                digests = store.recorded_digests(base)
                if held is None and not digests:
                    reason = "the store had no record of a build"
                else:
                    changes = diff(digests, state, previous=held)
        if changes is None:
            summary = store.full(dataset, base, mirror=not keep_removed)
            summary.mode, summary.reason = "full", reason
        else:
            summary = apply_changes(dataset, store, base, changes, keep_removed=keep_removed, batch_bytes=batch_bytes)
        store.finish()
    summary.build, summary.dataset_triples = state.build, state.triples
    summary.store_triples = None  # counting every quad of a store takes as long as the store is large
    summary.seconds = time.perf_counter() - started
    return summary


def _base_of(state: BuildState, default: str) -> str:
    """The base of the dataset's article graphs (the part before `article/`); `default` when there
    are none or several."""
    bases = state.article_bases
    return next(iter(bases)) if len(bases) == 1 else default


def apply_changes(
    dataset: Dataset,
    store: Mirror,
    base: str,
    changes: ChangeSet,
    *,
    keep_removed: bool = False,
    batch_bytes: int = 4 << 20,
    fresh: set[str] | None = None,
    cleared: bool = False,
) -> LoadSummary:
    """Write the change set in batches; the record changes with each batch. `fresh` are graphs known
    to be absent from the store (nothing to drop before they are inserted); `cleared`: the record
    under `base` was emptied (nothing to forget in it)."""
    state = dataset.state
    written = changes.written
    drops = [] if keep_removed else sorted(changes.removed)
    summary = LoadSummary(store.target, mode="changes" if written or drops else "unchanged")
    summary.graphs = written
    summary.added = [g for g in written if g in changes.added]
    summary.replaced = [g for g in written if g not in changes.added]
    summary.dropped = drops
    summary.triples = sum(state.graphs[g].triples for g in written)
    if changes.empty and changes.previous == state.build:
        return summary
    batches = list(_batches(dataset, written, batch_bytes))
    batches[-1].drops = drops
    for number, batch in enumerate(batches):
        batch.fresh = fresh or set()
        digests = {graph: state.graphs[graph].digest for graph, _ in batch.writes}
        if number == 0 and len(batches) > 1:
            batch.record += record.set_build(base, None)  # mid-way: only the digests are true
        unset = changes.removed if number == len(batches) - 1 else ()
        batch.record += record.set_digests(digests, unset, cleared=cleared)
        if number == len(batches) - 1:
            batch.record += record.set_build(base, state.build)
        store.write(batch)
    return summary


def _batches(dataset: Dataset, graphs: list[str], budget: int) -> Iterator[Batch]:
    """The graphs' blocks in batches of about `budget` bytes (a larger graph makes a batch alone);
    at least one batch, which may be empty."""
    batch = Batch()
    for graph, block in dataset.blocks(graphs):
        if batch.writes and batch.size + len(block) > budget:
            yield batch
            batch = Batch()
        batch.writes.append((graph, block))
    yield batch


def insert_data(blocks: list[tuple[str, bytes]]) -> str:
    """One SPARQL `INSERT DATA` of graphs' blocks of N-Quads (empty text for none). A block's lines
    are N-Triples lines with the graph's name before the final " ." (an N-Triples line has no raw
    line break), which is taken out. One operation for many graphs: Virtuoso took about a tenth
    less time for it than for an operation per graph."""
    if not blocks:
        return ""
    parts = []
    for graph, block in blocks:
        triples = block.replace(f" <{graph}> .\n".encode(), b" .\n").decode("utf-8")
        parts.append(f"GRAPH <{graph}> {{\n{triples}}}\n")
    graphs = "".join(parts)
    return f"INSERT DATA {{\n{graphs}}}"
