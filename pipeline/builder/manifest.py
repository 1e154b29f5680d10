"""The manifest of an output folder: what each article was built from and what it produced, so a
rebuild does only what changed."""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from pipeline.builder.state import part_of
from pipeline.io.files import write_atomic

MANIFEST = "manifest.json"
PARTS_FOLDER = "manifest"  # the articles' entries, a file per part of the dataset
_PART_FILE = re.compile(r"[0-9a-f]{2}\.json")


OUTPUT_SUFFIXES = (".ttl", ".jsonld")


class Entries(dict[str, "ManifestEntry"]):
    """The manifest's article entries, noting the slugs set or removed since `since`, the entries
    on disk: an edit's write finds what changed among 100,000 entries without going through them."""

    def __init__(self, entries: dict[str, ManifestEntry] | None = None) -> None:
        super().__init__(entries or {})
        self.touched: set[str] = set()
        self.since: dict[str, ManifestEntry] | None = None

    def __setitem__(self, slug: str, entry: ManifestEntry) -> None:
        self.touched.add(slug)
        super().__setitem__(slug, entry)

    def __delitem__(self, slug: str) -> None:
        self.touched.add(slug)
        super().__delitem__(slug)

    def pop(self, slug: str, *default: Any) -> Any:
        self.touched.add(slug)
        return super().pop(slug, *default)

    def popitem(self) -> tuple[str, ManifestEntry]:
        slug, entry = super().popitem()
        self.touched.add(slug)
        return slug, entry

    def setdefault(self, slug: str, entry: ManifestEntry) -> ManifestEntry:
        self.touched.add(slug)
        return super().setdefault(slug, entry)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for slug, entry in dict(*args, **kwargs).items():
            self[slug] = entry

    def __ior__(self, other: Any) -> Entries:  # type: ignore[override,misc]
        self.update(other)
        return self

    def clear(self) -> None:
        self.touched.update(self)
        super().clear()

    def mirrored(self, on_disk: dict[str, ManifestEntry]) -> None:
        """`on_disk` now holds these entries: nothing is changed since."""
        self.touched, self.since = set(), on_disk

    def changed_since(self, on_disk: dict[str, ManifestEntry]) -> list[str] | None:
        """The slugs whose entry is not the one `on_disk` holds, sorted; None unless `on_disk` is
        what the entries were last mirrored to."""
        if self.since is not on_disk:
            return None
        return sorted(slug for slug in self.touched if on_disk.get(slug) is not self.get(slug))


@dataclass
class ManifestEntry:
    """What one article was built from and what it produced."""

    source: str
    input_sha256: str
    sidecar_sha256: str | None
    iri: str
    triples: int
    warnings: int
    stale: bool = False  # a later build of this article failed; its earlier output is kept
    entities: dict[str, str] = field(default_factory=dict)  # catalogue entries it used: id -> entry hash
    shared: list[str] = field(default_factory=list)  # the shared graphs (people, organisations…) its file describes


@dataclass
class Manifest:
    """The state of an output folder: shared fingerprint plus one entry per published article.

    `manifest.json` holds the shared tables; the articles' entries are kept by part, in
    `manifest/2a.json` the entries of the articles whose graph is in the dataset's part `2a`
    (`state.part_of`), so that an edit rewrites 1/64 of them (at 100,000 articles the entries are
    40 MB). The parts are written before `manifest.json`."""

    fingerprint: dict[str, str] = field(default_factory=dict)
    articles: dict[str, ManifestEntry] = field(default_factory=Entries)
    catalogue: dict[str, str] = field(default_factory=dict)  # the catalogue built against: id -> entry hash
    catalogue_names: dict[str, str] = field(default_factory=dict)  # id -> hash of its type and names
    dataset: dict[str, Any] = field(default_factory=dict)  # the dataset's size and counts (`DatasetIndex.to_json`)

    # Each article's line as last written, with the entry it was made from (entries are replaced,
    # never changed in place, so the same entry object means the same line).
    lines: dict[str, tuple[ManifestEntry, str]] = field(default_factory=dict, repr=False, compare=False)
    # The entries as the parts on disk hold them (None: not known, write every part), and each
    # part's slugs. Both are replaced when written, never changed: a copy shares them.
    on_disk: dict[str, ManifestEntry] | None = field(default=None, repr=False, compare=False)
    members: dict[int, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest in `out`, or an empty one if there is none (or it is unreadable: rebuild all).

        The manifest this process last wrote or read is kept while the file is that same file: a
        watching process builds again and again, and reading 100,000 entries costs half a second.
        Callers that change it work on a `copy()`."""
        path = out / MANIFEST
        try:
            stamp = _stamp(path)
        except OSError:
            return cls()
        kept = _KEPT.get(os.path.abspath(path))  # noqa: PTH100
        if kept is not None and kept[0] == stamp:
            return kept[1]
        try:
            data: dict[str, Any] = orjson.loads(path.read_bytes())
            manifest = cls(
                fingerprint=dict(data["fingerprint"]),
                catalogue=dict(data.get("catalogue", {})),
                catalogue_names=dict(data.get("catalogue_names", {})),
                dataset=dict(data.get("dataset", {})),
            )
            if "articles" in data:  # one file, as earlier newsld wrote it: the next write splits it
                manifest.articles = Entries({slug: ManifestEntry(**entry) for slug, entry in data["articles"].items()})
            else:
                manifest._read_parts(out)
        except (OSError, ValueError, KeyError, TypeError, orjson.JSONDecodeError):
            return cls()
        _keep(path, stamp, manifest)
        return manifest

    def _read_parts(self, out: Path) -> None:
        for part, file in sorted(_part_files(out / PARTS_FOLDER).items()):
            rows: dict[str, Any] = orjson.loads(file.read_bytes())
            self.articles.update((slug, ManifestEntry(**entry)) for slug, entry in rows.items())
            self.members[part] = frozenset(rows)
        self.on_disk = dict(self.articles)
        self._mirrored()

    def copy(self) -> Manifest:
        """A manifest to change: its tables copied, its entries shared (they are replaced, not changed)."""
        articles = Entries(self.articles)
        if isinstance(self.articles, Entries):
            articles.touched, articles.since = set(self.articles.touched), self.articles.since
        return Manifest(
            dict(self.fingerprint),
            articles,
            dict(self.catalogue),
            dict(self.catalogue_names),
            dict(self.dataset),
            self.lines,
            self.on_disk,
            self.members,
        )

    def write(self, out: Path) -> None:
        """Write the parts whose entries changed, then `manifest.json` (each atomically)."""
        on_disk = self.on_disk if self.on_disk is not None else {}
        members = dict(self.members) if self.on_disk is not None else {}
        slugs = self._changed_since(on_disk)
        changed: dict[int, tuple[set[str], set[str]]] = {}  # part -> (slugs out, slugs in)
        for slug in slugs:
            old, new = on_disk.get(slug), self.articles.get(slug)
            if old is not None:
                changed.setdefault(part_of(old.iri), (set(), set()))[0].add(slug)
            if new is not None:
                changed.setdefault(part_of(new.iri), (set(), set()))[1].add(slug)
        folder = out / PARTS_FOLDER
        for part, (gone, added) in sorted(changed.items()):
            members[part] = (members.get(part, frozenset()) - gone) | added
            if members[part]:
                write_atomic(folder / _part_file(part), self._part_text(members[part]).encode("utf-8"))
            else:
                del members[part]
        # Parts no entry falls in any more (or left by another layout, when nothing was known).
        for part, file in _part_files(folder).items():
            if part not in members:
                file.unlink(missing_ok=True)
        tables: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "catalogue": self.catalogue,
            "catalogue_names": self.catalogue_names,
            "dataset": self.dataset,
        }
        path = out / MANIFEST
        write_atomic(path, _entry_per_line(tables).encode("utf-8"))
        global _DESCRIBERS
        counts = None
        if _DESCRIBERS is not None and self.on_disk is not None and _DESCRIBERS[0] is self.on_disk:
            counts = _updated(_DESCRIBERS[1], on_disk, self.articles, slugs)  # carried over, not counted again
        self.on_disk, self.members = dict(self.articles), members
        self._mirrored()
        if counts is not None:
            _DESCRIBERS = (self.on_disk, counts)
        _keep(path, _stamp(path), self)

    def _part_text(self, slugs: frozenset[str]) -> str:
        """One part's entries, one per line, sorted by slug (lines of unchanged entries reused)."""
        rows = []
        for slug in sorted(slugs):
            entry = self.articles[slug]
            kept = self.lines.get(slug)
            if kept is not None and kept[0] is entry:
                rows.append(kept[1])
            else:
                line = f"  {_dump(slug)}: {_dump(_fields(entry))}"
                self.lines[slug] = (entry, line)
                rows.append(line)
        return "{\n" + ",\n".join(rows) + "\n}\n"

    def shared_graphs(self, rebuilt: Collection[str] | None) -> dict[str, bool]:
        """Each shared graph (person, organisation, software) the articles describe -> whether an
        article not among the `rebuilt` slugs describes it too (all False when every article is
        rebuilt: None). Counted from the manifest last written, updated by the entries changed
        since, not over every article's list (800,000 items at 100,000 articles)."""
        counts = self._describers()
        if rebuilt is None:
            return dict.fromkeys(counts, False)
        again: dict[str, int] = {}
        for slug in rebuilt:
            for graph in self.articles[slug].shared:
                again[graph] = again.get(graph, 0) + 1
        return {graph: count > again.get(graph, 0) for graph, count in counts.items()}

    def _describers(self) -> dict[str, int]:
        """How many articles describe each shared graph."""
        global _DESCRIBERS
        if self.on_disk is None:
            return _count_describers(self.articles.values())
        if _DESCRIBERS is None or _DESCRIBERS[0] is not self.on_disk:
            _DESCRIBERS = (self.on_disk, _count_describers(self.on_disk.values()))
        return _updated(_DESCRIBERS[1], self.on_disk, self.articles, self._changed_since(self.on_disk))

    def _mirrored(self) -> None:
        """The entries are those on disk now."""
        if not isinstance(self.articles, Entries):
            self.articles = Entries(self.articles)
        if self.on_disk is not None:
            self.articles.mirrored(self.on_disk)

    def _changed_since(self, on_disk: dict[str, ManifestEntry]) -> list[str]:
        """The slugs whose entry is not the one `on_disk` holds: replaced, added or removed."""
        if isinstance(self.articles, Entries):
            noted = self.articles.changed_since(on_disk)
            if noted is not None:
                return noted
        changed = [slug for slug, entry in self.articles.items() if on_disk.get(slug) is not entry]
        return changed + sorted(on_disk.keys() - self.articles.keys())

    def is_current(
        self, slug: str, source: str, input_sha: str, sidecar_sha: str | None, present: Container[str]
    ) -> bool:
        """Whether `slug` was built from these inputs and its files are among `present` (the output folder's)."""
        entry = self.articles.get(slug)
        return (
            entry is not None
            and not entry.stale
            and entry.source == source
            and entry.input_sha256 == input_sha
            and entry.sidecar_sha256 == sidecar_sha
            and all(f"{slug}{suffix}" in present for suffix in OUTPUT_SUFFIXES)
        )


def _fields(entry: ManifestEntry) -> dict[str, Any]:
    # The instance's own dict holds exactly its fields: no deep copy (asdict), no dict rebuilt
    # from fields(), both costly at 10,000 entries (bench/NOTES.md).
    return vars(entry)


def _dump(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def _entry_per_line(data: dict[str, Any]) -> str:
    """JSON with each top-level table's entries one per line (readable diffs), each entry compact,
    keys sorted. orjson writes the entries (json's encoder is pure Python)."""
    tables = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, dict) and value:
            rows = ",\n".join(f"    {_dump(k)}: {_dump(v)}" for k, v in sorted(value.items()))
            tables.append(f"  {_dump(key)}: {{\n{rows}\n  }}")
        else:
            tables.append(f"  {_dump(key)}: {_dump(value)}")
    return "{\n" + ",\n".join(tables) + "\n}\n"


def _updated(
    counts: dict[str, int], before: dict[str, ManifestEntry], after: dict[str, ManifestEntry], slugs: list[str]
) -> dict[str, int]:
    """`counts` (shared graph -> articles describing it, for `before`) for `after`, where only `slugs` differ."""
    counts = dict(counts)
    for slug in slugs:
        for entry, sign in ((before.get(slug), -1), (after.get(slug), 1)):
            for graph in entry.shared if entry is not None else ():
                counts[graph] = counts.get(graph, 0) + sign
    return {graph: count for graph, count in sorted(counts.items()) if count > 0}


def _count_describers(entries: Iterable[ManifestEntry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries:
        for graph in entry.shared:
            counts[graph] = counts.get(graph, 0) + 1
    return dict(sorted(counts.items()))


def _part_file(part: int) -> str:
    return f"{part:02x}.json"


def _part_files(folder: Path) -> dict[int, Path]:
    """The parts' files in `folder` (none if there is no folder), by part number."""
    if not folder.is_dir():
        return {}
    return {int(file.name[:2], 16): file for file in folder.iterdir() if _PART_FILE.fullmatch(file.name)}


_KEPT: dict[str, tuple[tuple[int, ...], Manifest]] = {}
# The entries last written (a manifest's `on_disk`) and how many of them describe each shared graph.
_DESCRIBERS: tuple[dict[str, ManifestEntry], dict[str, int]] | None = (
    None  # manifest.json (absolute) -> its stamp and manifest
)


def _stamp(path: Path) -> tuple[int, ...]:
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _keep(path: Path, stamp: tuple[int, ...], manifest: Manifest) -> None:
    _KEPT.clear()  # one at a time: a manifest holds a line per article of the corpus
    _KEPT[os.path.abspath(path)] = (stamp, manifest)  # noqa: PTH100
