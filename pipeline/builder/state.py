"""What a build published, graph by graph: the state that later steps (the store, the site) act on
without reading the corpus again.

A build records beside its manifest:

- `graphs.tsv`: one line per named graph of the dataset, in dataset order (articles, then the
  shared graphs): the sha256 of the graph's block of N-Quads, which part of `dataset/` holds the
  block and where (start and length in bytes), how many triples it holds, and whether it is an
  article's graph or a shared one (a person, an organisation, the software). Its
  first line names the build: the build id is a digest of the lines that follow (every graph's
  name, digest and place), so it names what the dataset holds (two builds that publish the same
  dataset have the same id; outputs stay byte-identical).
- `changes.json`: the last build's change set (`ChangeSet`): the graphs it added, replaced and
  removed, with their digests, and the build it started from.

A consumer keeps the build id and digests of what it last mirrored, and `diff`s them with the
current `read_state`: right however many builds happened in between. The last change set is a
shortcut for the usual case, a consumer one build behind (`ChangeSet.previous` is its build id).
`open_dataset` reads the blocks of the graphs that changed from their parts by offset, each
checked against its digest (`StaleState` when a newer build replaced a part meanwhile).

The dataset is published as `PARTS` N-Quads files, `dataset/00.nq` to `dataset/3f.nq`: a graph's
part is fixed by a hash of its IRI (`part_of`), so an edit rewrites the parts of the graphs it
touched, not the whole dataset (3.5 GB at 100,000 articles). A part no graph falls in has no file.

    >>> state = read_state(Path("output"))
    >>> changes = diff(mirrored_digests, state)
    >>> with open_dataset(Path("output")) as dataset:
    ...     for graph, block in dataset.blocks(changes.written):
    ...         ...

At 100,000 articles (107,000 graphs, 14 MB) the file reads in a fraction of a second and
`read_build_id` reads only its first line; JSON and an SQLite table read no faster (`bench/state.py`
prints the numbers); a text file is
kept because it is byte-identical from build to build and reads in a diff (output/ is committed),
which an SQLite file, whose header carries the library's version, is not.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Any

import orjson

from pipeline.errors import InputError
from pipeline.io.files import write_atomic
from pipeline.io.kernel import read_at

STATE = "graphs.tsv"
CHANGES = "changes.json"
DATASET = "dataset"  # the folder of the dataset's parts
LEGACY_DATASET = "dataset.nq"  # one file, as earlier newsld wrote it: a build removes it
PARTS = 64
_MAGIC = "# newsld graphs 2"
_KIND = {True: "article", False: "shared"}
_COLUMNS = "sha256\tpart\tstart\tlength\ttriples\tkind\tgraph"


def part_of(graph: str) -> int:
    """The part of the dataset that holds `graph`'s block: fixed by its IRI alone, so a graph stays
    in its part from build to build."""
    return int.from_bytes(hashlib.sha256(graph.encode("utf-8")).digest()[:4], "big") % PARTS


def part_name(part: int) -> str:
    """The part's file, relative to the output folder: `dataset/2a.nq`."""
    return f"{DATASET}/{part:02x}.nq"


class StaleState(InputError):
    """A part of the dataset is not the one its index describes: a newer build replaced it
    meanwhile. Read the state again (or fall back to a full pass)."""


def digest(block: bytes) -> str:
    """The digest of a graph's block of N-Quads, as `graphs.tsv` records it (sha256, hex)."""
    return hashlib.sha256(block).hexdigest()


@dataclass(frozen=True, slots=True)
class GraphEntry:
    """One graph of the dataset: its block's digest, where the block is (its part, and the offset
    in the part's file), whether it is an article's, and how many triples (lines) the block holds."""

    digest: str
    start: int
    length: int
    article: bool
    triples: int = 0
    part: int = 0


@dataclass(frozen=True)
class BuildState:
    """The graphs of one build's dataset, in dataset order, and the build's id.

    What is worked out over every graph (the lines of graphs.tsv, each part's graphs and size, the
    total of triples) is worked out once per state and carried to the state an edit leads to
    (`updated`), which changes only the entries the edit moved: a watching process does not go over
    100,000 graphs per edit."""

    build: str
    size: int  # the dataset's size in bytes, all parts together
    graphs: dict[str, GraphEntry]

    @classmethod
    def of(cls, graphs: dict[str, GraphEntry]) -> BuildState:
        """The state of a dataset made of `graphs` (in dataset order), with its build id."""
        lines = [_line(graph, entry) for graph, entry in graphs.items()]
        body = "".join(lines)
        state = cls(build_id(body), sum(entry.length for entry in graphs.values()), graphs)
        state.__dict__.update(lines=lines, body=body)
        return state

    def updated(self, entries: Mapping[str, GraphEntry]) -> BuildState:
        """This state with `entries` replacing those of the same graphs (every one a graph of this
        state: the graphs and their order stay), and its new build id: the same as `of` gives."""
        graphs = self.graphs.copy()
        graphs.update(entries)
        lines, position = self.lines.copy(), self.position
        sizes, triples, size = dict(self.part_sizes()), self.triples, self.size
        for graph, entry in entries.items():
            old = self.graphs[graph]
            lines[position[graph]] = _line(graph, entry)
            size += entry.length - old.length
            triples += entry.triples - old.triples
            sizes[old.part] -= old.length
            sizes[entry.part] = sizes.get(entry.part, 0) + entry.length
        body = "".join(lines)
        state = BuildState(build_id(body), size, graphs)
        carried = {name: self.__dict__[name] for name in _KEYED if name in self.__dict__}
        state.__dict__.update(carried, lines=lines, body=body, triples=triples, _part_sizes=dict(sorted(sizes.items())))
        return state

    @cached_property
    def lines(self) -> list[str]:
        """graphs.tsv's line of each graph (with its line break), in dataset order."""
        return [_line(graph, entry) for graph, entry in self.graphs.items()]

    @cached_property
    def body(self) -> str:
        """graphs.tsv after its two lines of header: what the build id is a digest of."""
        return "".join(self.lines)

    # What depends on the graphs' names and order alone: kept by `updated`.
    @cached_property
    def position(self) -> dict[str, int]:
        """Each graph's place in dataset order."""
        return {graph: number for number, graph in enumerate(self.graphs)}

    @cached_property
    def by_part(self) -> dict[int, list[str]]:
        """The graphs each part holds, in dataset order (their order in its file)."""
        parts: dict[int, list[str]] = {}
        for graph, entry in self.graphs.items():
            parts.setdefault(entry.part, []).append(graph)
        return parts

    @cached_property
    def article_order(self) -> list[str]:
        """The article graphs, in dataset order."""
        return [graph for graph, entry in self.graphs.items() if entry.article]

    @cached_property
    def shared_graphs(self) -> frozenset[str]:
        """The graphs that are not an article's (people, organisations, the software)."""
        return frozenset(graph for graph, entry in self.graphs.items() if not entry.article)

    @cached_property
    def article_bases(self) -> frozenset[str]:
        """What the graphs with `article/` in their IRI start with (one base, in a dataset newsld built)."""
        return frozenset(graph.rpartition("article/")[0] for graph in self.graphs if "article/" in graph)

    def part_sizes(self) -> dict[int, int]:
        """Each part's size in bytes (the parts that hold a graph), by part number, in part order
        (counted once per state: a publish asks for it in the build, the site and the load)."""
        kept: dict[int, int] | None = self.__dict__.get("_part_sizes")
        if kept is None:
            sizes: dict[int, int] = {}
            for entry in self.graphs.values():
                sizes[entry.part] = sizes.get(entry.part, 0) + entry.length
            kept = self.__dict__["_part_sizes"] = dict(sorted(sizes.items()))
        return kept

    @property
    def part_files(self) -> list[str]:
        """The parts' files, relative to the output folder, in part order."""
        return [part_name(part) for part in self.part_sizes()]

    @property
    def digests(self) -> dict[str, str]:
        """Each graph's digest, by graph IRI."""
        return {graph: entry.digest for graph, entry in self.graphs.items()}

    @cached_property
    def triples(self) -> int:
        """The triples of the whole dataset (each once: every triple is in one graph)."""
        return sum(entry.triples for entry in self.graphs.values())

    def write(self, out: Path) -> None:
        """Write `out/graphs.tsv` (atomically)."""
        header = f"{_MAGIC}\tbuild={self.build}\tsize={self.size}\n{_COLUMNS}\n"
        write_atomic(out / STATE, (header + self.body).encode("utf-8"))
        _keep(out / STATE, _stamp(out / STATE), self)


_KEYED = ("position", "by_part", "article_order", "shared_graphs", "article_bases")


def _line(graph: str, e: GraphEntry) -> str:
    return f"{e.digest}\t{e.part:02x}\t{e.start}\t{e.length}\t{e.triples}\t{_KIND[e.article]}\t{graph}\n"


def build_id(body: str) -> str:
    """The id of the build whose graphs.tsv holds `body` after its header: a digest of every graph's
    name, digest and place, so two builds that publish the same dataset have the same id."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def read_state(out: Path) -> BuildState | None:
    """The state recorded in `out/graphs.tsv`, or None when there is none or it cannot be read (then
    nothing is known: consumers do a full pass).

    The last state read or written is kept, for as long as the file is that same file (its inode,
    size and times): a publish reads it in the build, the site and the load (14 MB at 100,000
    articles), and a watching process publishes again and again."""
    path = out / STATE
    try:
        stamp = _stamp(path)
        kept = _KEPT.get(os.path.abspath(path))  # noqa: PTH100
        if kept is not None and kept[0] == stamp:
            return kept[1]
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    state = _parse_state(text)
    _keep(path, stamp, state)
    return state


_KEPT: dict[str, tuple[tuple[int, ...], BuildState]] = {}  # graphs.tsv (absolute) -> its stamp and state


def _stamp(path: Path) -> tuple[int, ...]:
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _keep(path: Path, stamp: tuple[int, ...], state: BuildState | None) -> None:
    _KEPT.clear()  # one at a time: a state holds a line per graph of the corpus
    if state is not None:
        _KEPT[os.path.abspath(path)] = (stamp, state)  # noqa: PTH100


def _parse_state(text: str) -> BuildState | None:
    lines = text.split("\n")
    header = _header(lines[0])
    if header is None or len(lines) < 2 or lines[1] != _COLUMNS or lines[-1] != "":
        return None
    build, size = header
    graphs: dict[str, GraphEntry] = {}
    try:
        for line in lines[2:-1]:
            sha, part, start, length, triples, kind, graph = line.split("\t")
            graphs[graph] = GraphEntry(sha, int(start), int(length), kind == "article", int(triples), int(part, 16))
    except ValueError:
        return None
    return BuildState(build, size, graphs)


def read_build_id(out: Path) -> str | None:
    """The id of the build in `out` (the first line of graphs.tsv alone), or None."""
    try:
        with (out / STATE).open(encoding="utf-8") as handle:
            header = _header(handle.readline().rstrip("\n"))
    except (OSError, UnicodeDecodeError):
        return None
    return header[0] if header is not None else None


def _header(line: str) -> tuple[str, int] | None:
    magic, _, rest = line.partition("\t")
    if magic != _MAGIC:
        return None
    fields = dict(part.partition("=")[::2] for part in rest.split("\t"))
    try:
        return fields["build"], int(fields["size"])
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True)
class ChangeSet:
    """How one state of the dataset differs from another: the graphs added, replaced (old and new
    digest) and removed (their last digest). `previous` is the build id it starts from (None: from
    nothing known), `build` the one it leads to."""

    build: str
    previous: str | None
    added: dict[str, str] = field(default_factory=dict)
    replaced: dict[str, tuple[str, str]] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)

    @property
    def written(self) -> list[str]:
        """The graphs whose new blocks a mirror must write: added and replaced, sorted."""
        return sorted(self.added.keys() | self.replaced.keys())

    @property
    def empty(self) -> bool:
        return not (self.added or self.replaced or self.removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "build": self.build,
            "previous": self.previous,
            "added": self.added,
            "replaced": {graph: list(pair) for graph, pair in self.replaced.items()},
            "removed": self.removed,
        }

    @classmethod
    def from_json(cls, data: Any) -> ChangeSet | None:
        try:
            return cls(
                build=str(data["build"]),
                previous=None if data["previous"] is None else str(data["previous"]),
                added={str(g): str(d) for g, d in data["added"].items()},
                replaced={str(g): (str(old), str(new)) for g, (old, new) in data["replaced"].items()},
                removed={str(g): str(d) for g, d in data["removed"].items()},
            )
        except (TypeError, KeyError, ValueError, AttributeError):
            return None

    def write(self, out: Path) -> None:
        """Write `out/changes.json` (atomically, and only when its bytes change)."""
        data = orjson.dumps(self.to_json(), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
        path = out / CHANGES
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        write_atomic(path, data)


def diff(before: Mapping[str, str], after: BuildState, *, previous: str | None = None) -> ChangeSet:
    """The change set from the graphs `before` (graph -> digest, as a mirror last saw them; their
    build id `previous`) to the state `after`."""
    now = {graph: entry.digest for graph, entry in after.graphs.items()}
    return ChangeSet(
        build=after.build,
        previous=previous,
        added={g: d for g, d in now.items() if g not in before},
        replaced={g: (before[g], d) for g, d in now.items() if g in before and before[g] != d},
        removed={g: d for g, d in sorted(before.items()) if g not in now},
    )


def read_changes(out: Path) -> ChangeSet | None:
    """The change set of the last build in `out` (`changes.json`), or None."""
    try:
        return ChangeSet.from_json(orjson.loads((out / CHANGES).read_bytes()))
    except (OSError, orjson.JSONDecodeError):
        return None


class Dataset:
    """One build's dataset, held open with its state: the blocks of given graphs, by offset.

    Its parts are opened before its index is read again, and checked against it (each part's size,
    the build id, and each block's digest as it is read), so a build that replaces a part
    meanwhile is noticed (`StaleState`), never mixed in.
    """

    def __init__(self, out: Path, state: BuildState, files: dict[int, IO[bytes]] | None) -> None:
        self.out, self.state, self._files = out, state, files

    def block(self, graph: str) -> bytes:
        """The N-Quads block of `graph` (KeyError when the dataset has no such graph)."""
        entry = self.state.graphs[graph]
        file = self._files.get(entry.part) if self._files is not None else None
        if file is None:
            raise self._stale()
        data = read_at(file, entry.start, entry.length)
        if len(data) != entry.length or digest(data) != entry.digest:
            raise self._stale()
        return data

    def blocks(self, graphs: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """(graph, block) of each of `graphs`, in file order (reads go forward through each part)."""
        entries = self.state.graphs
        for graph in sorted(graphs, key=lambda g: (entries[g].part, entries[g].start)):
            yield graph, self.block(graph)

    def reader(self) -> IO[bytes]:
        """The whole of this build's dataset, every part in turn, as one stream (close it after use):
        for a full pass over the dataset, even when a newer build has replaced a part since."""
        if self._files is None:
            raise self._stale()
        return io.BufferedReader(_Parts([os.dup(file.fileno()) for _, file in sorted(self._files.items())]), 1 << 20)

    def part_readers(self) -> Iterator[IO[bytes]]:
        """This build's dataset part by part, each part a stream of its own (closed when the next is
        asked for): what a bulk loader takes in pieces, its memory bounded by a part, not the dataset."""
        if self._files is None:
            raise self._stale()
        for _, file in sorted(self._files.items()):
            with io.BufferedReader(_Parts([os.dup(file.fileno())]), 1 << 20) as part:
                yield part

    def _stale(self) -> StaleState:
        return StaleState(
            "changed while it was read (a build replaced it).",
            path=self.out / DATASET,
            fix="Run the command again once the build is done.",
            slug="dataset-changed",
        )

    def close(self) -> None:
        for file in (self._files or {}).values():
            file.close()
        self._files = None

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class _Parts(io.RawIOBase):
    """Files read one after the other from their start, as one stream (the dataset's parts)."""

    def __init__(self, descriptors: list[int]) -> None:
        super().__init__()
        self._descriptors, self._at, self._offset = descriptors, 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while self._at < len(self._descriptors):
            count = os.preadv(self._descriptors[self._at], [view], self._offset)
            if count:
                self._offset += count
                return count
            self._at, self._offset = self._at + 1, 0
        return 0

    def close(self) -> None:
        if not self.closed:
            for descriptor in self._descriptors:
                os.close(descriptor)
            self._descriptors = []
        super().close()


def open_dataset(out: Path, attempts: int = 3) -> Dataset:
    """`out`'s dataset and its state, consistent with each other (read again when a build replaces
    them in between); InputError when `out` holds no recorded build."""
    state = None
    for _ in range(attempts):
        state = read_state(out)
        if state is None:
            break
        files: dict[int, IO[bytes]] = {}
        try:
            for part, size in state.part_sizes().items():
                file: IO[bytes] = (out / part_name(part)).open("rb", buffering=0)
                files[part] = file
                if os.fstat(file.fileno()).st_size != size:
                    raise FileNotFoundError  # not this build's part: read the state again
        except FileNotFoundError:
            pass
        else:
            if read_build_id(out) == state.build:
                return Dataset(out, state, files)
        for file in files.values():
            file.close()
    if state is not None:
        raise Dataset(out, state, None)._stale()
    raise InputError(
        f"holds no recorded build ({STATE} is missing or unreadable).",
        path=out,
        fix="Run `newsld build` first.",
        slug="no-build-state",
    )
