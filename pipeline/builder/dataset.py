"""`dataset.nq`: the corpus in named graphs, each fact once (`graphs.graph_of` says which graph).

A build hands over each article's part (`article_part`, made where the article was built); a
rebuild copies the blocks of unchanged graphs from the old file (by offset, from its index) and
writes only what changed. Memory stays bounded by the largest article plus the shared descriptions.
"""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from pipeline.builder.graphs import graph_of_iri, split_by_graph, whole_graph
from pipeline.builder.state import DATASET, BuildState, GraphEntry, digest
from pipeline.builder.void import Statistics
from pipeline.io.files import atomic_writer, scratch_file, writing
from pipeline.io.kernel import close_in_background, copy_in_kernel, mapped, read_at, start_writeback
from pipeline.rdf.serialize.publish import ntriples, serialized, sort_triples
from pipeline.rdf.serialize.statements import Statements, statements
from pipeline.rdf.terms import Row

# DATASET, the file's name, is defined with the index of its graphs (`state`) and exported here too.
__all__ = ["DATASET", "ArticlePart", "DatasetIndex", "PartSpan", "PartsSource", "article_part", "write_dataset"]


@dataclass
class DatasetIndex:
    """Where each graph's block is in `dataset.nq` (offset, length, digest: `state.GraphEntry`) and the
    dataset's counts: what lets a rebuild replace the blocks of the articles that changed and copy the
    rest without parsing it. The graphs are kept in `graphs.tsv` (`state.BuildState`), the counts
    in the manifest (`to_json`)."""

    size: int
    graphs: dict[str, GraphEntry]
    statistics: Statistics

    @property
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
            return cls(size=state.size, graphs=state.graphs, statistics=Statistics.from_json(data["statistics"]))
        except (TypeError, KeyError, ValueError, IndexError, AttributeError):
            return None


@dataclass(frozen=True)
class ArticlePart:
    """What one article adds to dataset.nq, made where the article is built (a worker process), so
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
    """dataset.nq is not what the index says: write it from the article files instead."""


def write_dataset(
    out: Path,
    articles: Sequence[tuple[str, str | Path]],
    *,
    previous: DatasetIndex | None = None,
    rebuilt: set[str] | None = None,
    shared: dict[str, bool] | None = None,
    parts: PartsSource | None = None,
) -> DatasetIndex:
    """Write `out/dataset.nq`: the article graphs in the order given, then the shared graphs (people,
    organisations, software) sorted, each triple once.

    `parts` gives the `ArticlePart` of articles built in this run (by IRI): those are not read again.

    With `previous` (the index of the dataset.nq in `out`), the articles in `rebuilt` (their IRIs)
    and `shared` (every shared graph the articles reference -> whether an article not rebuilt does),
    only the rebuilt articles' files are read: the other blocks are copied from the old file. A
    shared graph whose description changed while an article not rebuilt still references it (whose
    file may say otherwise), an old file that does not match its index, or no index: every article's
    Turtle is read, as a full build does.
    """
    parts = parts or PartsSource()
    if previous is not None and rebuilt is not None and shared is not None:
        try:
            return _write(out, articles, previous, rebuilt, shared, parts)
        except _Stale:
            pass
    return _write(out, articles, None, None, None, parts)


def _write(
    out: Path,
    articles: Sequence[tuple[str, str | Path]],
    previous: DatasetIndex | None,
    rebuilt: set[str] | None,
    shared: dict[str, bool] | None,
    parts: PartsSource,
) -> DatasetIndex:
    path = out / DATASET
    if previous is not None and (not path.is_file() or path.stat().st_size != previous.size):
        raise _Stale
    # The old file stays open until the new one has replaced it, and is closed on a thread: the
    # kernel frees its blocks then (slow for a large file), while the build goes on.
    old = path.open("rb", buffering=0) if previous is not None else None
    try:
        with atomic_writer(path) as handle, mapped(old) as view:
            writer = _Writer(handle, old, view, previous)
            # The shared graphs' triples as N-Triples lines (pyoxigraph writes a triple one way only),
            # parsed only for the graphs written anew: comparing lines is cheaper than parsing blocks.
            fresh_shared: dict[str, set[bytes]] = {}
            seen: dict[str, set[bytes]] = {}  # shared descriptions already added: most articles repeat them
            for article, source in articles:
                if rebuilt is not None and article not in rebuilt:
                    writer.copy(article, article=True)
                    continue
                part = parts.span(article)
                if part is not None:
                    writer.fresh_span(article, part)
                    for graph, block in part.shared.items():
                        if block not in seen.setdefault(graph, set()):
                            seen[graph].add(block)
                            fresh_shared.setdefault(graph, set()).update(block.splitlines())
                    continue
                parsed = (quad.triple for quad in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
                for graph, triples in split_by_graph(article, parsed).items():
                    if graph == article:
                        writer.fresh(graph, triples, article=True)
                    else:
                        lines = serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines()
                        fresh_shared.setdefault(graph, set()).update(lines)
            for graph in fresh_shared:
                fresh_shared[graph] |= _whole(graph)
            for graph in sorted(shared if shared is not None else fresh_shared):
                if graph not in fresh_shared:
                    writer.copy(graph, article=False)
                elif shared is not None and shared[graph]:
                    # An article that was not rebuilt describes this graph too: only unchanged is safe.
                    tail = f" <{graph}> .".encode()
                    now = {line.removesuffix(b" .") + tail for line in fresh_shared[graph]}
                    if set((writer.old_block(graph) or b"").splitlines()) != now:
                        raise _Stale
                    writer.copy(graph, article=False)
                else:
                    writer.fresh(graph, sort_triples(_triples(b"\n".join(fresh_shared[graph]))), article=False)
            writer.drop_the_rest()
    finally:
        if old is not None:
            close_in_background(old)
    return DatasetIndex(writer.offset, writer.spans, writer.stats.pruned())


@cache
def _whole(graph: str) -> frozenset[bytes]:
    """`whole_graph` as N-Triples lines (without their line breaks)."""
    triples = whole_graph(graph)
    return (
        frozenset(serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines())
        if triples
        else frozenset()
    )


class _Writer:
    """Writes dataset.nq block by block, copying from the old file where a block is unchanged.

    Unchanged blocks that follow each other in the old file are copied as one run, in the kernel
    where it can (a read and a write per block is slow at 10,000 articles); each block's end is
    still checked. New article blocks are copied the same way from the build's scratch file.
    """

    def __init__(
        self, handle: IO[bytes], old: IO[bytes] | None, view: mmap.mmap | None, previous: DatasetIndex | None
    ) -> None:
        self.handle, self.old, self.view, self.previous = handle, old, view, previous
        self.stats = Statistics.from_json(previous.statistics.to_json()) if previous is not None else Statistics()
        self.spans: dict[str, GraphEntry] = {}
        self.offset = 0
        self._run: tuple[IO[bytes], int, int] | None = None  # a file's [start, end) still to copy

    def emit(self, graph: str, block: bytes, article: bool) -> None:
        self.flush()
        self.handle.write(block)
        self.spans[graph] = GraphEntry(digest(block), self.offset, len(block), article, block.count(b"\n"))
        self.offset += len(block)

    def _old_span(self, graph: str) -> GraphEntry | None:
        """Where `graph`'s block is in the old file, after checking that it ends with the graph's name."""
        if self.previous is None or self.old is None or graph not in self.previous.graphs:
            return None
        entry = self.previous.graphs[graph]
        tail = f" <{graph}> .\n".encode()
        if entry.length < len(tail):
            raise _Stale
        if self._read(entry.start + entry.length - len(tail), len(tail)) != tail:
            raise _Stale
        return entry

    def old_block(self, graph: str) -> bytes | None:
        span = self._old_span(graph)
        if span is None or self.old is None:
            return None
        return self._read(span.start, span.length)

    def _read(self, offset: int, length: int) -> bytes:
        """Bytes of the old file: from its memory map (every block's end is checked, 10,000 of
        them at 10,000 articles: no system call each), else by pread or seek and read."""
        if self.view is not None:
            return self.view[offset : offset + length]
        assert self.old is not None
        return read_at(self.old, offset, length)

    def copy(self, graph: str, *, article: bool) -> None:
        span = self._old_span(graph)
        if span is None or self.old is None:
            raise _Stale
        self._append(graph, self.old, span, article=article)

    def _append(self, graph: str, source: IO[bytes], block: GraphEntry, *, article: bool) -> None:
        """Add `graph`'s block, `block.length` bytes at `block.start` in `source`, to the run to copy."""
        start, length = block.start, block.length
        if self._run is not None and self._run[0] is source and self._run[2] == start:
            self._run = (source, self._run[1], start + length)
        else:
            self.flush()
            self._run = (source, start, start + length)
        self.spans[graph] = GraphEntry(block.digest, self.offset, length, article, block.triples)
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

    def fresh(self, graph: str, triples: list[ox.Triple], *, article: bool) -> None:
        block = self.old_block(graph)
        if block is not None:
            self.stats.add_graph(_triples(block), article=article, sign=-1)
        self.stats.add_graph(triples, article=article)
        self.emit(graph, _nquads(triples, graph), article)

    def fresh_span(self, graph: str, part: PartSpan) -> None:
        """An article graph's new block, made and counted elsewhere (`article_part`), from where
        `PartsSource` keeps it."""
        old = self.old_block(graph)
        if old is not None:
            self.stats.add_graph(_triples(old), article=True, sign=-1)
        self.stats.add(part.statistics)
        entry = GraphEntry(part.digest, part.start, part.length, True, part.statistics.triples)
        self._append(graph, part.file, entry, article=True)

    def drop_the_rest(self) -> None:
        """Copy what is pending, and take the graphs of the old file that the new one lacks (articles
        removed, entities no longer named) out of the counts."""
        self.flush()
        if self.previous is None:
            return
        for graph in self.previous.graphs.keys() - self.spans.keys():
            block = self.old_block(graph)
            assert block is not None
            self.stats.add_graph(_triples(block), article=self.previous.graphs[graph].article, sign=-1)


def _nquads(triples: list[ox.Triple], graph: str) -> bytes:
    return _as_quads(serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)), graph)


def _as_quads(lines: bytes, graph: str) -> bytes:
    # N-Triples with the graph name put before each line's final " .": an N-Triples line holds no
    # raw line break (literals escape theirs), so " .\n" ends each line and occurs nowhere else.
    return lines.replace(b" .\n", f" {ox.NamedNode(graph)} .\n".encode())


def _triples(block: bytes) -> list[ox.Triple]:
    return [quad.triple for quad in ox.parse(block, format=ox.RdfFormat.N_QUADS)]


class PartsSource:
    """The `ArticlePart`s of a build, kept out of memory: blocks go to a scratch file as articles
    are built (dataset.nq's worth of them would not fit a small machine), counts stay in memory.

    >>> with PartsSource(Path("output")) as parts:
    ...     parts.add(iri, part)
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._file: IO[bytes] | None = None
        self._index: dict[str, tuple[int, int, Statistics, dict[str, bytes], str]] = {}
        self._size = 0

    def add(self, article: str, part: ArticlePart) -> None:
        assert self.folder is not None, "a PartsSource without a folder only answers None"
        if self._file is None:
            self._file = scratch_file(self.folder)
        with writing(self.folder):  # a full disk: the same message as any output file's
            self._file.seek(self._size)
            self._file.write(part.block)
        sha = part.digest or digest(part.block)
        self._index[article] = (self._size, len(part.block), part.statistics, part.shared, sha)
        self._size += len(part.block)

    def span(self, article: str) -> PartSpan | None:
        """Where `article`'s block is in the scratch file, with its counts and shared graphs."""
        found = self._index.get(article)
        if found is None or self._file is None:
            return None
        start, length, statistics, shared, sha = found
        with writing(self.folder or Path()):
            self._file.flush()
        return PartSpan(self._file, start, length, statistics, shared, sha)

    def get(self, article: str) -> ArticlePart | None:
        span = self.span(article)
        if span is None:
            return None
        span.file.seek(span.start)
        return ArticlePart(span.file.read(span.length), span.statistics, span.shared, span.digest)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> PartsSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
