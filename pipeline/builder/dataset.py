"""Corpus outputs: `dataset.nq` (each fact once, in named graphs) and `void.ttl` (VoID + DCAT).

Both are derived from the per-article Turtle files in the output folder, streamed one article at
a time with pyoxigraph. Each article file is a self-contained document that repeats the names and
facts of the people and organisations it references; in the dataset every triple goes into the
graph of the document its subject belongs to (`graph_of`): the article's own triples (paragraphs,
quotations, sources, provenance) into the article's graph, an entity's description into the entity's
graph (`{base}person/{id}`), the software's into its graph, so each fact is stated once. Memory stays
bounded by the largest article plus the shared descriptions.
"""

from __future__ import annotations

import mmap
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from pipeline.io.files import atomic_writer, close_in_background, start_writeback, write_atomic
from pipeline.rdf.serialize.publish import ntriples, serialized, sort_triples, turtle
from pipeline.rdf.statements import Statements, statements
from pipeline.rdf.terms import Row
from pipeline.rdf.vocab import CITO, DCAT, DCTERMS, NIF, PREFIXES, PROV, RDF, SCHEMA, VOID, XSD, Iris

DATASET = "dataset.nq"
VOID_FILE = "void.ttl"
_TYPE = str(RDF.type)
SHARED_FOLDERS = ("person/", "organization/", "software/")  # documents many articles reference


def graph_of(subject: ox.NamedNode | ox.BlankNode | ox.Triple, article: str) -> str:
    """The named graph of a triple about `subject` that came from the file of `article`.

    A subject under one of the base's shared folders (the base is the part of the article IRI
    before `article/`) is described in its own document, the IRI without its fragment; anything
    else is the article's.
    """
    return _graph_of_iri(subject.value, article) if isinstance(subject, ox.NamedNode) else article


def _graph_of_iri(iri: str, article: str) -> str:
    base = article.rpartition("article/")[0]
    document = iri.partition("#")[0]
    if base and document.startswith(base) and document[len(base) :].startswith(SHARED_FOLDERS):
        return document
    return article


def is_managed(graph: str, bases: Iterable[str]) -> bool:
    """Whether newsld publishes `graph`: an article or a shared document under one of `bases`."""
    return any(
        graph.startswith(base) and graph[len(base) :].startswith(("article/", *SHARED_FOLDERS)) for base in bases
    )


def split_by_graph(article: str, triples: Iterable[ox.Triple]) -> dict[str, list[ox.Triple]]:
    """An article file's triples by the graph they go into (`graph_of`); the article's first."""
    graphs: dict[str, list[ox.Triple]] = {article: []}
    graph_of_subject: dict[ox.NamedNode | ox.BlankNode | ox.Triple, str] = {}  # subjects repeat
    previous, members = None, graphs[article]
    for triple in triples:
        subject = triple.subject
        if subject != previous:  # in canonical order a subject's triples follow each other
            graph = graph_of_subject.get(subject)
            if graph is None:
                graph = graph_of_subject[subject] = graph_of(subject, article)
            previous, members = subject, graphs.setdefault(graph, [])
        members.append(triple)
    return graphs


@dataclass
class Statistics:
    """The dataset's VoID counts. Every subject lives in exactly one graph (`graph_of`), so each count
    is a sum over graphs: replacing one graph is subtracting its old counts and adding its new."""

    triples: int = 0
    graphs: int = 0
    articles: int = 0
    subjects: int = 0
    classes: Counter[str] = field(default_factory=Counter)  # class -> its distinct instances
    properties: Counter[str] = field(default_factory=Counter)

    def add_graph(self, triples: Iterable[ox.Triple], *, article: bool, sign: int = 1) -> None:
        """Add (or with sign -1, take away) the counts of one graph, given as pyoxigraph triples."""
        # Each pyoxigraph attribute read makes a new Python object: read each once per triple.
        triples = list(triples)
        predicates = [t.predicate.value for t in triples]
        typed = (t for t, predicate in zip(triples, predicates, strict=True) if predicate == _TYPE)
        instances = ((t.subject, kind.value) for t in typed if isinstance(kind := t.object, ox.NamedNode))
        self._add(predicates, {t.subject for t in triples}, instances, article=article, sign=sign)

    def add_rows(self, rows: Sequence[Row], *, article: bool, sign: int = 1) -> None:
        """`add_graph` for the graph's rows (`statements.Statements`)."""
        instances = ((s, o) for s, p, o in rows if p == _TYPE and type(o) is str)
        self._add([row[1] for row in rows], {row[0] for row in rows}, instances, article=article, sign=sign)

    def _add(
        self,
        predicates: list[str],
        subjects: set[Any],
        instances: Iterable[tuple[Any, str]],  # (subject, class IRI), read only when a type is stated
        *,
        article: bool,
        sign: int,
    ) -> None:
        properties = Counter(predicates)  # counted in C, not per triple in Python
        classes: dict[str, set[Any]] = {}
        if _TYPE in properties:
            for subject, cls in instances:
                classes.setdefault(cls, set()).add(subject)
        for prop, count in properties.items():
            self.properties[prop] += sign * count
        self.triples += sign * len(predicates)
        self.subjects += sign * len(subjects)
        for cls, members in classes.items():
            self.classes[cls] += sign * len(members)
        self.graphs += sign
        self.articles += sign if article else 0

    def add(self, other: Statistics, sign: int = 1) -> None:
        """Add (or with sign -1, take away) the counts of other graphs."""
        self.triples += sign * other.triples
        self.graphs += sign * other.graphs
        self.articles += sign * other.articles
        self.subjects += sign * other.subjects
        for cls, count in other.classes.items():
            self.classes[cls] += sign * count
        for prop, count in other.properties.items():
            self.properties[prop] += sign * count

    def pruned(self) -> Statistics:
        """The same counts without classes and properties that no longer occur."""
        return replace(self, classes=+self.classes, properties=+self.properties)

    def to_json(self) -> dict[str, Any]:
        return {
            "triples": self.triples,
            "graphs": self.graphs,
            "articles": self.articles,
            "subjects": self.subjects,
            "classes": dict(sorted(self.classes.items())),
            "properties": dict(sorted(self.properties.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Statistics:
        return cls(
            triples=int(data["triples"]),
            graphs=int(data["graphs"]),
            articles=int(data["articles"]),
            subjects=int(data["subjects"]),
            classes=Counter({str(k): int(v) for k, v in data["classes"].items()}),
            properties=Counter({str(k): int(v) for k, v in data["properties"].items()}),
        )


@dataclass
class DatasetIndex:
    """Where each graph's block is in `dataset.nq` (offset, length) and the dataset's counts: what lets
    a rebuild replace the blocks of the articles that changed and copy the rest without parsing it."""

    size: int
    graphs: dict[str, tuple[int, int, bool]]  # graph -> (offset, length, is an article graph)
    statistics: Statistics

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "graphs": {graph: [start, length, int(article)] for graph, (start, length, article) in self.graphs.items()},
            "statistics": self.statistics.to_json(),
        }

    @classmethod
    def from_json(cls, data: Any) -> DatasetIndex | None:
        try:
            return cls(
                size=int(data["size"]),
                graphs={str(g): (int(span[0]), int(span[1]), bool(span[2])) for g, span in data["graphs"].items()},
                statistics=Statistics.from_json(data["statistics"]),
            )
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
            graph = _graph_of_iri(subject, article) if type(subject) is str else article
            previous, (rows, texts) = subject, graphs.setdefault(graph, ([], []))
        rows.append(row)
        texts.append(line)
    own, own_lines = graphs.pop(article)
    statistics = Statistics()
    statistics.add_rows(own, article=True)
    shared = {graph: "".join(texts).encode("utf-8") for graph, (_, texts) in graphs.items()}
    return ArticlePart(_as_quads("".join(own_lines).encode("utf-8"), article), statistics, shared)


@dataclass(frozen=True)
class PartSpan:
    """An `ArticlePart` as `PartsSource` keeps it: its block is `length` bytes at `start` in `file`."""

    file: IO[bytes]
    start: int
    length: int
    statistics: Statistics
    shared: dict[str, bytes]


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
    # kernel frees its blocks then (0.1-0.15 s for 350 MB here), while the build goes on.
    old = path.open("rb", buffering=0) if previous is not None else None
    try:
        with atomic_writer(path) as handle, _mapped(old) as view:
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


class _Writer:
    """Writes dataset.nq block by block, copying from the old file where a block is unchanged.

    Unchanged blocks that follow each other in the old file are copied as one run, in the kernel
    where it can (a block per read and write cost 0.5 s at 10,000 articles); each block's end is
    still checked. New article blocks are copied the same way from the build's scratch file.
    """

    def __init__(
        self, handle: IO[bytes], old: IO[bytes] | None, view: mmap.mmap | None, previous: DatasetIndex | None
    ) -> None:
        self.handle, self.old, self.view, self.previous = handle, old, view, previous
        self.stats = Statistics.from_json(previous.statistics.to_json()) if previous is not None else Statistics()
        self.spans: dict[str, tuple[int, int, bool]] = {}
        self.offset = 0
        self._run: tuple[IO[bytes], int, int] | None = None  # a file's [start, end) still to copy

    def emit(self, graph: str, block: bytes, article: bool) -> None:
        self.flush()
        self.handle.write(block)
        self.spans[graph] = (self.offset, len(block), article)
        self.offset += len(block)

    def _old_span(self, graph: str) -> tuple[int, int] | None:
        """Where `graph`'s block is in the old file, after checking that it ends with the graph's name."""
        if self.previous is None or self.old is None or graph not in self.previous.graphs:
            return None
        start, length, _ = self.previous.graphs[graph]
        tail = f" <{graph}> .\n".encode()
        if length < len(tail):
            raise _Stale
        if self._read(start + length - len(tail), len(tail)) != tail:
            raise _Stale
        return start, length

    def old_block(self, graph: str) -> bytes | None:
        span = self._old_span(graph)
        if span is None or self.old is None:
            return None
        return self._read(span[0], span[1])

    def _read(self, offset: int, length: int) -> bytes:
        """Bytes of the old file: from its memory map (every block's end is checked, 10,000 of
        them at 10,000 articles: no system call each), else by pread or seek and read."""
        if self.view is not None:
            return self.view[offset : offset + length]
        assert self.old is not None
        return _read_at(self.old, offset, length)

    def copy(self, graph: str, *, article: bool) -> None:
        span = self._old_span(graph)
        if span is None or self.old is None:
            raise _Stale
        self._append(graph, self.old, *span, article=article)

    def _append(self, graph: str, source: IO[bytes], start: int, length: int, *, article: bool) -> None:
        """Add `graph`'s block, `length` bytes at `start` in `source`, to the run to copy."""
        if self._run is not None and self._run[0] is source and self._run[2] == start:
            self._run = (source, self._run[1], start + length)
        else:
            self.flush()
            self._run = (source, start, start + length)
        self.spans[graph] = (self.offset, length, article)
        self.offset += length

    def flush(self) -> None:
        """Copy the pending run of blocks."""
        if self._run is None:
            return
        source, start, end = self._run
        self._run = None
        if _copy_in_kernel(source, self.handle, start, end):
            # Have the disk write the run now rather than all of the file at the fsync: a 350 MB
            # fsync took 0.2 s at the end of a rebuild, and the disk writes while the copying goes on.
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
        self._append(graph, part.file, part.start, part.length, article=True)

    def drop_the_rest(self) -> None:
        """Copy what is pending, and take the graphs of the old file that the new one lacks (articles
        removed, entities no longer named) out of the counts."""
        self.flush()
        if self.previous is None:
            return
        for graph in self.previous.graphs.keys() - self.spans.keys():
            block = self.old_block(graph)
            assert block is not None
            self.stats.add_graph(_triples(block), article=self.previous.graphs[graph][2], sign=-1)


@contextmanager
def _mapped(file: IO[bytes] | None) -> Iterator[mmap.mmap | None]:
    """A read-only memory map of `file`, or None (no file, an empty one, or no mapping possible)."""
    try:
        view = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if file is not None else None
    except (OSError, ValueError):
        view = None
    try:
        yield view
    finally:
        if view is not None:
            view.close()


def _read_at(file: IO[bytes], offset: int, length: int) -> bytes:
    """`length` bytes of `file` from `offset`: one pread(2) where there is one, else a seek and a read."""
    if hasattr(os, "pread"):
        return os.pread(file.fileno(), length, offset)
    file.seek(offset)
    return file.read(length)


def _copy_in_kernel(source: IO[bytes], target: IO[bytes], start: int, end: int) -> bool:
    """Append `source`'s bytes [start, end) to `target` with copy_file_range(2) (Linux): the kernel
    copies without passing 350 MB through Python. False, having copied nothing, where it cannot."""
    copy = getattr(os, "copy_file_range", None)
    if copy is None:
        return False
    target.flush()
    position = target.tell()
    done = 0
    try:
        while start + done < end:
            copied = copy(source.fileno(), target.fileno(), end - start - done, start + done, position + done)
            if copied == 0:
                raise _Stale  # the old file is shorter than its index says
            done += copied
    except OSError:
        if done:
            raise
        return False  # not supported here (another file system, an old kernel): copy by hand
    target.seek(position + done)
    return True


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
        self._index: dict[str, tuple[int, int, Statistics, dict[str, bytes]]] = {}
        self._size = 0

    def add(self, article: str, part: ArticlePart) -> None:
        if self._file is None:
            assert self.folder is not None, "a PartsSource without a folder only answers None"
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = tempfile.TemporaryFile(dir=self.folder)  # noqa: SIM115 (open until close())
        self._file.seek(self._size)
        self._file.write(part.block)
        self._index[article] = (self._size, len(part.block), part.statistics, part.shared)
        self._size += len(part.block)

    def span(self, article: str) -> PartSpan | None:
        """Where `article`'s block is in the scratch file, with its counts and shared graphs."""
        found = self._index.get(article)
        if found is None or self._file is None:
            return None
        start, length, statistics, shared = found
        self._file.flush()
        return PartSpan(self._file, start, length, statistics, shared)

    def get(self, article: str) -> ArticlePart | None:
        span = self.span(article)
        if span is None:
            return None
        span.file.seek(span.start)
        return ArticlePart(span.file.read(span.length), span.statistics, span.shared)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> PartsSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def write_void(out: Path, stats: Statistics, iris: Iris, version: str, modified: str | None = None) -> None:
    """Write `out/void.ttl`: the dataset's size, classes, properties, vocabularies and downloads."""
    base = iris.base
    dataset = ox.NamedNode(str(iris.dataset()))
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))

    add(dataset, _TYPE, ox.NamedNode(str(VOID.Dataset)))
    add(dataset, _TYPE, ox.NamedNode(str(DCAT.Dataset)))
    add(dataset, str(DCTERMS.title), ox.Literal("newsld news articles as linked data", language="en"))
    add(
        dataset,
        str(DCTERMS.description),
        ox.Literal(
            "News articles from wire-service text, as schema.org RDF: paragraphs, quotations, people,"
            " organisations and numbered sources; one named graph per article and one per person,"
            " organisation and software, so that each fact is stated once.",
            language="en",
        ),
    )
    add(dataset, str(VOID.uriSpace), ox.Literal(base))
    add(dataset, str(VOID.triples), integer(stats.triples))
    add(dataset, str(VOID.entities), integer(stats.subjects))
    add(dataset, str(VOID.distinctSubjects), integer(stats.subjects))
    add(dataset, str(VOID.classes), integer(len(stats.classes)))
    add(dataset, str(VOID.properties), integer(len(stats.properties)))
    add(dataset, str(VOID.documents), integer(stats.articles))
    software = ox.NamedNode(str(iris.software(version)))
    add(dataset, str(PROV.wasAttributedTo), software)
    add(software, _TYPE, ox.NamedNode(str(PROV.SoftwareAgent)))
    add(software, _TYPE, ox.NamedNode(str(SCHEMA.SoftwareApplication)))
    add(software, str(SCHEMA.name), ox.Literal("newsld"))
    add(software, str(SCHEMA.softwareVersion), ox.Literal(version))
    if modified is not None:
        add(dataset, str(DCTERMS.modified), ox.Literal(modified, datatype=ox.NamedNode(str(XSD.dateTime))))
    used = {
        str(namespace)
        for namespace in (SCHEMA, CITO, NIF, PROV)
        if any(p.startswith(str(namespace)) for p in stats.properties)
    }
    for namespace in sorted(used):
        add(dataset, str(VOID.vocabulary), ox.NamedNode(namespace))

    for kind, media_type, download in (
        ("nquads", "application/n-quads", f"{base}{DATASET}"),
        ("turtle", "text/turtle", None),
        ("jsonld", "application/ld+json", None),
    ):
        distribution = ox.NamedNode(str(iris.dataset(f"distribution-{kind}")))
        add(dataset, str(DCAT.distribution), distribution)
        add(distribution, _TYPE, ox.NamedNode(str(DCAT.Distribution)))
        add(
            distribution,
            str(DCAT.mediaType),
            ox.NamedNode(f"https://www.iana.org/assignments/media-types/{media_type}"),
        )
        if download is not None:
            add(dataset, str(VOID.dataDump), ox.NamedNode(download))
            add(distribution, str(DCAT.downloadURL), ox.NamedNode(download))
            add(
                distribution,
                str(DCTERMS.title),
                ox.Literal("The whole corpus as named graphs, each fact once", language="en"),
            )
        else:
            add(distribution, str(DCAT.accessURL), ox.NamedNode(f"{base}article/"))
            add(distribution, str(DCTERMS.title), ox.Literal(f"One {kind} file per article", language="en"))

    for index, (cls, instances) in enumerate(sorted(stats.classes.items()), start=1):
        partition = ox.NamedNode(str(iris.dataset(f"class-{index}")))
        add(dataset, str(VOID.classPartition), partition)
        add(partition, str(VOID["class"]), ox.NamedNode(cls))
        add(partition, str(VOID.entities), integer(instances))
    for index, (prop, count) in enumerate(sorted(stats.properties.items()), start=1):
        partition = ox.NamedNode(str(iris.dataset(f"property-{index}")))
        add(dataset, str(VOID.propertyPartition), partition)
        add(partition, str(VOID.property), ox.NamedNode(prop))
        add(partition, str(VOID.triples), integer(count))

    write_atomic(out / VOID_FILE, turtle(sort_triples(triples), {**PREFIXES, "": f"{iris.dataset()}#"}))
