"""The dataset, `dataset/*.nq`: the corpus in named graphs, each fact once (`graphs.graph_of` says
which graph), in `state.PARTS` N-Quads files (a graph's part fixed by its IRI: `state.part_of`).

A build hands over each article's part of the dataset (`article_part`, made where the article was
built); a rebuild writes only the files of the parts whose graphs changed, copying their unchanged
blocks from the old file (by offset, from its index), and leaves the other parts as they are.
Memory stays bounded by the largest article plus the shared descriptions.
"""

from __future__ import annotations

import mmap
import os
import sys
from collections import Counter
from collections.abc import Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from pipeline.builder.graphs import graph_of_iri, split_by_graph, whole_graph
from pipeline.builder.state import DATASET, LEGACY_DATASET, BuildState, GraphEntry, digest, part_name, part_of
from pipeline.builder.void import Statistics
from pipeline.io.files import atomic_writer, scratch_file, writing
from pipeline.io.kernel import close_in_background, copy_in_kernel, read_at, start_writeback
from pipeline.rdf.serialize.publish import ntriples, serialized, sort_triples
from pipeline.rdf.serialize.statements import Statements, statements
from pipeline.rdf.terms import Row

# DATASET, the parts' folder, is defined with the index of its graphs (`state`) and exported here too.
__all__ = ["DATASET", "ArticlePart", "DatasetIndex", "PartSpan", "PartsSource", "article_part", "write_dataset"]


@dataclass
class DatasetIndex:
    """Where each graph's block is in the dataset (part, offset, length, digest: `state.GraphEntry`) and the
    dataset's counts: what lets a rebuild replace the blocks of the articles that changed and copy the
    rest without parsing it. The graphs are kept in `graphs.tsv` (`state.BuildState`), the counts
    in the manifest (`to_json`)."""

    size: int
    graphs: dict[str, GraphEntry]
    statistics: Statistics
    # The graphs this write made anew with another block than before (None: not known), from which
    # the change set is made without going through every graph.
    written: frozenset[str] | None = None

    @cached_property
    def state(self) -> BuildState:
        return BuildState.of(self.graphs)

    def to_json(self) -> dict[str, Any]:
        """What the manifest keeps: the size and the counts."""
        return {"size": self.size, "statistics": self.statistics.to_json()}

    @classmethod
    def from_parts(cls, state: BuildState | None, data: Any) -> DatasetIndex | None:
        """The index from the state in graphs.tsv and what the manifest kept; None unless they agree."""
        try:
            if state is None or int(data["size"]) != state.size:
                return None
            index = cls(size=state.size, graphs=state.graphs, statistics=Statistics.from_json(data["statistics"]))
            index.__dict__["state"] = state  # the state it was read from: its build id is known
            return index
        except (TypeError, KeyError, ValueError, IndexError, AttributeError):
            return None


@dataclass(frozen=True)
class ArticlePart:
    """What one article adds to the dataset, made where the article is built (a worker process), so
    that writing the dataset need not read the article's file again: its graph's block of N-Quads
    with that block's counts, and its triples about shared documents (N-Triples, by graph)."""

    block: bytes
    statistics: Statistics
    shared: dict[str, bytes]
    digest: str = ""  # the block's (`state.digest`)


def article_part(article: str, triples: Statements | list[ox.Triple]) -> ArticlePart:
    """`article`'s part of the dataset, from its triples in canonical order (as its Turtle file has them)."""
    made = statements(triples)
    lines = made.ntriples_lines()
    if lines is None:  # a triple term: pyoxigraph writes the lines
        lines = [f"{line}\n" for line in ntriples(made.triples).decode("utf-8").split("\n")[:-1]]
    graphs: dict[str, tuple[list[Row], list[str]]] = {article: ([], [])}
    previous, (rows, texts) = None, graphs[article]
    for row, line in zip(made.rows, lines, strict=True):
        subject = row[0]
        if subject != previous:  # in canonical order a subject's triples follow each other
            graph = graph_of_iri(subject, article) if type(subject) is str else article
            previous, (rows, texts) = subject, graphs.setdefault(graph, ([], []))
        rows.append(row)
        texts.append(line)
    own, own_lines = graphs.pop(article)
    statistics = Statistics()
    statistics.add_rows(own, article=True)
    shared = {graph: "".join(texts).encode("utf-8") for graph, (_, texts) in graphs.items()}
    block = _as_quads("".join(own_lines).encode("utf-8"), article)
    return ArticlePart(block, statistics, shared, digest(block))


@dataclass(frozen=True)
class PartSpan:
    """An `ArticlePart` as `PartsSource` keeps it: its block is `length` bytes at `start` in `file`."""

    file: IO[bytes]
    start: int
    length: int
    statistics: Statistics
    shared: dict[str, bytes]
    digest: str


class _Stale(Exception):
    """The dataset is not what the index says: write every part from the article files instead."""


def write_dataset(
    out: Path,
    articles: Sequence[tuple[str, str | Path]],
    *,
    previous: DatasetIndex | None = None,
    rebuilt: set[str] | None = None,
    shared: dict[str, bool] | None = None,
    parts: PartsSource | None = None,
) -> DatasetIndex:
    """Write the dataset's parts in `out/dataset/`: the article graphs in the order given, then the
    shared graphs (people, organisations, software) sorted, each triple once, each graph in its
    part (`state.part_of`).

    `parts` gives the `ArticlePart` of articles built in this run (by IRI): those are not read again.

    With `previous` (the index of the dataset in `out`), the articles in `rebuilt` (their IRIs)
    and `shared` (every shared graph the articles reference -> whether an article not rebuilt does),
    only the rebuilt articles' files are read, only the parts that hold a graph added, removed or
    made anew are written (their other blocks copied from the old file), and the other parts are
    left untouched. A shared graph whose description changed while an article not rebuilt still
    references it (whose file may say otherwise), an old part that does not match its index, or no
    index: every article's Turtle is read and every part written, as a full build does.
    """
    parts = parts or PartsSource()
    if previous is not None and rebuilt is not None and shared is not None:
        try:
            in_place = _rewrite_parts(out, articles, previous, rebuilt, shared, parts)
            return in_place if in_place is not None else _write(out, articles, previous, rebuilt, shared, parts)
        except _Stale:
            pass
    return _write(out, articles, None, None, None, parts)


def _rewrite_parts(
    out: Path,
    articles: Sequence[tuple[str, str | Path]],
    previous: DatasetIndex,
    rebuilt: set[str],
    shared: dict[str, bool],
    parts: PartsSource,
) -> DatasetIndex | None:
    """A rebuild that keeps the dataset's graphs and their order (the same articles in the same
    order, the same shared graphs: an edit's usual case), in time that grows with what changed:
    only the graphs of the rebuilt articles are looked at, only the parts that hold one whose block
    changed are walked (their other blocks copied), and the index is the previous one with those
    parts' entries replaced (`BuildState.updated`). None when the graphs or their order changed:
    `_write` goes over every graph then."""
    before = previous.state
    if not _same_graphs(before, articles, shared):
        return None
    old = _OldParts(out, previous)
    try:
        old.check()
        fresh = _fresh_blocks(before, articles, rebuilt, shared, parts, old)
        if fresh is None:
            return None
        stats = Statistics.from_json(previous.statistics.to_json())
        entries: dict[str, GraphEntry] = {}
        with ExitStack() as stack:
            for part in sorted({before.graphs[graph].part for graph in fresh}):
                writer = _Writer(stack.enter_context(atomic_writer(out / part_name(part))), part, old, stats)
                for graph in before.by_part[part]:
                    article = before.graphs[graph].article
                    made = fresh.get(graph)
                    if made is None:
                        writer.copy(graph, article=article)
                    elif isinstance(made, PartSpan):
                        writer.fresh_span(graph, made)
                    else:
                        writer.fresh(graph, made[0], made[1], article=article)
                writer.flush()
                entries.update(writer.spans)
    finally:
        old.close()
    state = before.updated(entries)
    state.__dict__["_sources"] = articles  # the same list next time: the same articles in the same order
    index = DatasetIndex(state.size, state.graphs, stats.pruned(), frozenset(fresh))
    index.__dict__["state"] = state
    return index


def _same_graphs(before: BuildState, articles: Sequence[tuple[str, str | Path]], shared: dict[str, bool]) -> bool:
    """Whether `articles` (in that order) and `shared` are the graphs of `before`, in its order: the
    same list of sources as last time says it at once (`corpus` keeps it while no article comes or goes)."""
    if before.__dict__.get("_sources") is not articles:
        order = before.article_order
        if len(order) != len(articles) or [article for article, _ in articles] != order:
            return False
    return shared.keys() == before.shared_graphs


# A graph's new block: from the build's scratch file, or its triples and N-Quads made here.
_Fresh = PartSpan | tuple[list[ox.Triple], bytes]


def _fresh_blocks(
    before: BuildState,
    articles: Sequence[tuple[str, str | Path]],
    rebuilt: set[str],
    shared: dict[str, bool],
    parts: PartsSource,
    old: _OldParts,
) -> dict[str, _Fresh] | None:
    """The graphs whose blocks the rebuilt articles change, with their new blocks; None when they
    describe a shared graph the dataset lacks."""
    fresh: dict[str, _Fresh] = {}
    lines_of: dict[str, set[bytes]] = {}  # shared graph -> its N-Triples lines, as the articles give them
    seen: dict[str, set[bytes]] = {}
    sources: dict[str, str | Path] | None = None
    for article in sorted(rebuilt, key=before.position.__getitem__):
        part = parts.span(article)
        if part is not None:
            if part.digest != before.graphs[article].digest:
                fresh[article] = part
            for graph, block in part.shared.items():
                if block not in seen.setdefault(graph, set()):
                    seen[graph].add(block)
                    lines_of.setdefault(graph, set()).update(block.splitlines())
            continue
        sources = sources if sources is not None else dict(articles)
        parsed = (quad.triple for quad in ox.parse(path=str(sources[article]), format=ox.RdfFormat.TURTLE))
        for graph, triples in split_by_graph(article, parsed).items():
            if graph != article:
                lines_of.setdefault(graph, set()).update(_lines(triples))
            elif digest(block := _nquads(triples, graph)) != before.graphs[graph].digest:
                fresh[graph] = (triples, block)
    for graph in sorted(lines_of):
        if graph not in shared:
            return None
        lines = lines_of[graph] | _whole(graph)
        if shared[graph]:  # an article that was not rebuilt describes it too: only unchanged is safe
            _check_unchanged(graph, lines, old)
            continue
        triples = sort_triples(_triples(b"\n".join(lines)))
        if digest(block := _nquads(triples, graph)) != before.graphs[graph].digest:
            fresh[graph] = (triples, block)
    return fresh


def _check_unchanged(graph: str, lines: set[bytes] | frozenset[bytes], old: _OldParts) -> None:
    """`_Stale` unless `graph`'s block in the old dataset holds exactly these N-Triples lines: a shared
    graph an article that was not rebuilt also describes may be copied, not written anew."""
    tail = f" <{graph}> .".encode()
    if set((old.block(graph) or b"").splitlines()) != {line.removesuffix(b" .") + tail for line in lines}:
        raise _Stale


def _lines(triples: list[ox.Triple]) -> list[bytes]:
    """`triples` as N-Triples lines (without their line breaks)."""
    return serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines()


def _write(
    out: Path,
    articles: Sequence[tuple[str, str | Path]],
    previous: DatasetIndex | None,
    rebuilt: set[str] | None,
    shared: dict[str, bool] | None,
    parts: PartsSource,
) -> DatasetIndex:
    old = _OldParts(out, previous)
    try:
        old.check()
        stats = Statistics.from_json(previous.statistics.to_json()) if previous is not None else Statistics()
        (out / DATASET).mkdir(parents=True, exist_ok=True)
        with ExitStack() as stack:
            writers = _Writers(out, old, stats, stack)
            # The shared graphs' triples as N-Triples lines (pyoxigraph writes a triple one way only),
            # parsed only for the graphs written anew: comparing lines is cheaper than parsing blocks.
            fresh_shared: dict[str, set[bytes]] = {}
            seen: dict[str, set[bytes]] = {}  # shared descriptions already added: most articles repeat them
            for article, source in articles:
                if rebuilt is not None and article not in rebuilt:
                    writers.copy(article, article=True)
                    continue
                part = parts.span(article)
                if part is not None:
                    writers.fresh_span(article, part)
                    for graph, block in part.shared.items():
                        if block not in seen.setdefault(graph, set()):
                            seen[graph].add(block)
                            fresh_shared.setdefault(graph, set()).update(block.splitlines())
                    continue
                parsed = (quad.triple for quad in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
                for graph, triples in split_by_graph(article, parsed).items():
                    if graph == article:
                        writers.fresh(graph, triples, article=True)
                    else:
                        lines = serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines()
                        fresh_shared.setdefault(graph, set()).update(lines)
            for graph in fresh_shared:
                fresh_shared[graph] |= _whole(graph)
            for graph in sorted(shared if shared is not None else fresh_shared):
                if graph not in fresh_shared:
                    writers.copy(graph, article=False)
                elif shared is not None and shared[graph]:
                    # An article that was not rebuilt describes this graph too: only unchanged is safe.
                    _check_unchanged(graph, fresh_shared[graph], old)
                    writers.copy(graph, article=False)
                else:
                    writers.fresh(graph, sort_triples(_triples(b"\n".join(fresh_shared[graph]))), article=False)
            if previous is not None:  # a part that lost a graph is written again, without it
                new = {article for article, _ in articles} | set(shared if shared is not None else fresh_shared)
                for graph in previous.graphs.keys() - new:
                    writers.of(graph)
            spans = writers.finish()
            _drop_the_rest(spans, previous, old, stats)
    finally:
        old.close()
    order = [article for article, _ in articles] + sorted(shared if shared is not None else fresh_shared)
    graphs = {graph: spans[graph] for graph in order}
    _remove_empty_parts(out, previous, graphs)
    written = frozenset(writers.changed) if previous is not None else None
    index = DatasetIndex(sum(entry.length for entry in graphs.values()), graphs, stats.pruned(), written)
    index.state.__dict__["_sources"] = articles
    return index


def _drop_the_rest(
    spans: dict[str, GraphEntry], previous: DatasetIndex | None, old: _OldParts, stats: Statistics
) -> None:
    """Take the graphs of the old dataset that the new one lacks (articles removed, entities no
    longer named) out of the counts."""
    if previous is None:
        return
    for graph in previous.graphs.keys() - spans.keys():
        block = old.block(graph)
        assert block is not None
        stats.add_graph(_triples(block), article=previous.graphs[graph].article, sign=-1)


def _remove_empty_parts(out: Path, previous: DatasetIndex | None, graphs: dict[str, GraphEntry]) -> None:
    """Remove the files of parts that hold no graph now, and the single dataset.nq of older newsld."""
    holding = {entry.part for entry in graphs.values()}
    if previous is not None:
        held = {entry.part for entry in previous.graphs.values()}
        names = [part_name(part) for part in sorted(held - holding)]
    else:
        names = [f"{DATASET}/{path.name}" for path in sorted((out / DATASET).glob("*.nq"))]
        names = [name for name in names if name not in {part_name(part) for part in holding}]
    for name in [*names, LEGACY_DATASET]:
        (out / name).unlink(missing_ok=True)
    if not holding:
        with suppress(OSError):
            (out / DATASET).rmdir()


@cache
def _whole(graph: str) -> frozenset[bytes]:
    """`whole_graph` as N-Triples lines (without their line breaks)."""
    triples = whole_graph(graph)
    return (
        frozenset(serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines())
        if triples
        else frozenset()
    )


class _OldParts:
    """The parts of the dataset a rebuild starts from, opened as needed (memory-mapped: reading each
    copied block's end needs no system call), each checked to be as long as its index says."""

    def __init__(self, out: Path, previous: DatasetIndex | None) -> None:
        self.out, self.previous = out, previous
        self._files: dict[int, IO[bytes]] = {}
        self._views: dict[int, mmap.mmap | None] = {}
        self._sizes = previous.state.part_sizes() if previous is not None else {}

    def check(self) -> None:
        """Every old part is there and as long as its index says (a stat each: the parts left as
        they are are not read)."""
        for part, size in self._sizes.items():
            try:
                if (self.out / part_name(part)).stat().st_size != size:
                    raise _Stale
            except FileNotFoundError:
                raise _Stale from None

    def file(self, part: int) -> IO[bytes]:
        if part not in self._files:
            if part not in self._sizes:
                raise _Stale
            try:
                file = (self.out / part_name(part)).open("rb", buffering=0)
            except FileNotFoundError:
                raise _Stale from None
            self._files[part] = file
            if os.fstat(file.fileno()).st_size != self._sizes[part]:
                raise _Stale
            try:
                self._views[part] = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                self._views[part] = None
        return self._files[part]

    def span(self, graph: str) -> GraphEntry | None:
        """Where `graph`'s block is in its old part, after checking that it ends with the graph's name."""
        if self.previous is None or graph not in self.previous.graphs:
            return None
        entry = self.previous.graphs[graph]
        tail = f" <{graph}> .\n".encode()
        if entry.length < len(tail):
            raise _Stale
        if self.read(entry.part, entry.start + entry.length - len(tail), len(tail)) != tail:
            raise _Stale
        return entry

    def block(self, graph: str) -> bytes | None:
        span = self.span(graph)
        return None if span is None else self.read(span.part, span.start, span.length)

    def read(self, part: int, offset: int, length: int) -> bytes:
        file = self.file(part)
        view = self._views[part]
        return view[offset : offset + length] if view is not None else read_at(file, offset, length)

    def close(self) -> None:
        # Closed on a thread: the kernel frees a replaced part's blocks then, while the build goes on.
        for view in self._views.values():
            if view is not None:
                view.close()
        for file in self._files.values():
            close_in_background(file)
        self._files, self._views = {}, {}


class _Writers:
    """A `_Writer` for each part that changes, opened when its first change comes: the graphs of
    the part that came before are copied into it then, in order. The graphs of a part that does not
    change keep their old place, and its file is not touched."""

    def __init__(self, out: Path, old: _OldParts, stats: Statistics, stack: ExitStack) -> None:
        self.out, self.old, self.stats, self.stack = out, old, stats, stack
        self.writers: dict[int, _Writer] = {}
        self.kept: dict[int, dict[str, GraphEntry]] = {}  # part -> its graphs kept so far, in order
        self.changed: set[str] = set()  # the graphs written with another block than before

    def of(self, graph: str) -> _Writer:
        part = part_of(graph)
        if part not in self.writers:
            handle = self.stack.enter_context(atomic_writer(self.out / part_name(part)))
            writer = self.writers[part] = _Writer(handle, part, self.old, self.stats)
            for kept, entry in self.kept.pop(part, {}).items():
                writer.copy(kept, article=entry.article)
        return self.writers[part]

    def copy(self, graph: str, *, article: bool) -> None:
        """`graph`'s block as it was."""
        entry = self.old.previous.graphs.get(graph) if self.old.previous is not None else None
        if entry is None:
            raise _Stale
        if entry.part in self.writers:
            self.writers[entry.part].copy(graph, article=article)
        else:
            self.kept.setdefault(entry.part, {})[graph] = entry

    def fresh(self, graph: str, triples: list[ox.Triple], *, article: bool) -> None:
        """`graph`'s block made anew from `triples`: its part is written unless the block is the same."""
        block = _nquads(triples, graph)
        if self._same(graph, digest(block)):
            self.copy(graph, article=article)
        else:
            self.changed.add(graph)
            self.of(graph).fresh(graph, triples, block, article=article)

    def fresh_span(self, graph: str, part: PartSpan) -> None:
        """An article's block made by its build (`PartsSource`)."""
        if self._same(graph, part.digest):
            self.copy(graph, article=True)
        else:
            self.changed.add(graph)
            self.of(graph).fresh_span(graph, part)

    def _same(self, graph: str, sha: str) -> bool:
        previous = self.old.previous
        return previous is not None and graph in previous.graphs and previous.graphs[graph].digest == sha

    def finish(self) -> dict[str, GraphEntry]:
        """Copy what is pending; every graph's place now."""
        spans: dict[str, GraphEntry] = {}
        for kept in self.kept.values():
            spans.update(kept)
        for writer in self.writers.values():
            writer.flush()
            spans.update(writer.spans)
        return spans


class _Writer:
    """Writes one part of the dataset block by block, copying from its old file where a block is
    unchanged.

    Unchanged blocks that follow each other in the old file are copied as one run, in the kernel
    where it can (a read and a write per block is slow at 10,000 articles); each block's end is
    still checked. New article blocks are copied the same way from the build's scratch file.
    """

    def __init__(self, handle: IO[bytes], part: int, old: _OldParts, stats: Statistics) -> None:
        self.handle, self.part, self.old, self.stats = handle, part, old, stats
        self.spans: dict[str, GraphEntry] = {}
        self.offset = 0
        self._run: tuple[IO[bytes], int, int] | None = None  # a file's [start, end) still to copy

    def emit(self, graph: str, block: bytes, article: bool) -> None:
        self.flush()
        self.handle.write(block)
        self.spans[graph] = GraphEntry(digest(block), self.offset, len(block), article, block.count(b"\n"), self.part)
        self.offset += len(block)

    def copy(self, graph: str, *, article: bool) -> None:
        span = self.old.span(graph)
        if span is None or span.part != self.part:
            raise _Stale
        self._append(graph, self.old.file(self.part), span, article=article)

    def _append(self, graph: str, source: IO[bytes], block: GraphEntry, *, article: bool) -> None:
        """Add `graph`'s block, `block.length` bytes at `block.start` in `source`, to the run to copy."""
        start, length = block.start, block.length
        if self._run is not None and self._run[0] is source and self._run[2] == start:
            self._run = (source, self._run[1], start + length)
        else:
            self.flush()
            self._run = (source, start, start + length)
        self.spans[graph] = GraphEntry(block.digest, self.offset, length, article, block.triples, self.part)
        self.offset += length

    def flush(self) -> None:
        """Copy the pending run of blocks."""
        if self._run is None:
            return
        source, start, end = self._run
        self._run = None
        try:
            in_kernel = copy_in_kernel(source, self.handle, start, end)
        except EOFError:
            raise _Stale from None  # the old file is shorter than its index says
        if in_kernel:
            # Have the disk write the run now rather than all of the file at the fsync that ends the
            # rebuild: the disk writes while the copying goes on.
            start_writeback(self.handle, self.handle.tell() - (end - start), end - start)
            return
        source.seek(start)
        while start < end:
            chunk = source.read(min(end - start, 1 << 23))
            if not chunk:
                raise _Stale
            self.handle.write(chunk)
            start += len(chunk)

    def fresh(self, graph: str, triples: list[ox.Triple], block: bytes, *, article: bool) -> None:
        """`graph`'s new `block`, made of `triples`."""
        old = self.old.block(graph)
        if old is not None:
            self.stats.add_graph(_triples(old), article=article, sign=-1)
        self.stats.add_graph(triples, article=article)
        self.emit(graph, block, article)

    def fresh_span(self, graph: str, part: PartSpan) -> None:
        """An article graph's new block, made and counted elsewhere (`article_part`), from where
        `PartsSource` keeps it."""
        old = self.old.block(graph)
        if old is not None:
            self.stats.add_graph(_triples(old), article=True, sign=-1)
        self.stats.add(part.statistics)
        entry = GraphEntry(part.digest, part.start, part.length, True, part.statistics.triples, self.part)
        self._append(graph, part.file, entry, article=True)


def _nquads(triples: list[ox.Triple], graph: str) -> bytes:
    return _as_quads(serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)), graph)


def _as_quads(lines: bytes, graph: str) -> bytes:
    # N-Triples with the graph name put before each line's final " .": an N-Triples line holds no
    # raw line break (literals escape theirs), so " .\n" ends each line and occurs nowhere else.
    return lines.replace(b" .\n", f" {ox.NamedNode(graph)} .\n".encode())


def _triples(block: bytes) -> list[ox.Triple]:
    return [quad.triple for quad in ox.parse(block, format=ox.RdfFormat.N_QUADS)]


# A `Statistics` as `PartsSource` keeps it: its four counts, then its classes' and properties' names
# (a tuple shared by every article with the same names) and counts.
_PackedCounts = tuple[tuple[int, int, int, int], tuple[str, ...], tuple[int, ...], tuple[str, ...], tuple[int, ...]]


def _unpack(packed: _PackedCounts) -> Statistics:
    (triples, graphs, articles, subjects), classes, class_counts, properties, property_counts = packed
    return Statistics(
        triples,
        graphs,
        articles,
        subjects,
        Counter(dict(zip(classes, class_counts, strict=True))),
        Counter(dict(zip(properties, property_counts, strict=True))),
    )


class PartsSource:
    """The `ArticlePart`s of a build, kept out of memory: blocks go to a scratch file as articles
    are built (dataset.nq's worth of them would not fit a small machine), counts stay in memory.

    >>> with PartsSource(Path("output")) as parts:
    ...     parts.add(iri, part)
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._file: IO[bytes] | None = None
        self._index: dict[str, tuple[int, int, _PackedCounts, dict[str, bytes], str]] = {}
        self._size = 0
        # What 100,000 articles' counts and shared blocks repeat, kept once: each came from a
        # worker as fresh objects (about 9 KB an article otherwise).
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._blocks: dict[bytes, bytes] = {}

    def add(self, article: str, part: ArticlePart) -> None:
        assert self.folder is not None, "a PartsSource without a folder only answers None"
        if self._file is None:
            self._file = scratch_file(self.folder)
        with writing(self.folder):  # a full disk: the same message as any output file's
            self._file.seek(self._size)
            self._file.write(part.block)
        sha = part.digest or digest(part.block)
        shared = {sys.intern(graph): self._blocks.setdefault(block, block) for graph, block in part.shared.items()}
        self._index[article] = (self._size, len(part.block), self._pack(part.statistics), shared, sha)
        self._size += len(part.block)

    def span(self, article: str) -> PartSpan | None:
        """Where `article`'s block is in the scratch file, with its counts and shared graphs."""
        found = self._index.get(article)
        if found is None or self._file is None:
            return None
        start, length, packed, shared, sha = found
        with writing(self.folder or Path()):
            self._file.flush()
        return PartSpan(self._file, start, length, _unpack(packed), shared, sha)

    def get(self, article: str) -> ArticlePart | None:
        span = self.span(article)
        if span is None:
            return None
        span.file.seek(span.start)
        return ArticlePart(span.file.read(span.length), span.statistics, span.shared, span.digest)

    def _pack(self, statistics: Statistics) -> _PackedCounts:
        classes = self._key_tuple(statistics.classes)
        properties = self._key_tuple(statistics.properties)
        return (
            (statistics.triples, statistics.graphs, statistics.articles, statistics.subjects),
            classes,
            tuple(statistics.classes[key] for key in classes),
            properties,
            tuple(statistics.properties[key] for key in properties),
        )

    def _key_tuple(self, counts: dict[str, int]) -> tuple[str, ...]:
        keys = tuple(sys.intern(key) for key in counts)
        return self._keys.setdefault(keys, keys)

    def close(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            # A write that failed (a full disk) was reported where it happened; closing flushes the
            # same bytes again and fails the same way, and the nameless file has nothing to keep.
            with suppress(OSError):
                file.close()

    def __enter__(self) -> PartsSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
