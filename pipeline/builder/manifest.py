"""The manifest of an output folder: what each article was built from and what it produced, so a
rebuild does only what changed."""

from __future__ import annotations

import os
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from pipeline.io.files import write_atomic

MANIFEST = "manifest.json"


OUTPUT_SUFFIXES = (".ttl", ".jsonld")


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
    """The state of an output folder: shared fingerprint plus one entry per published article."""

    fingerprint: dict[str, str] = field(default_factory=dict)
    articles: dict[str, ManifestEntry] = field(default_factory=dict)
    catalogue: dict[str, str] = field(default_factory=dict)  # the catalogue built against: id -> entry hash
    catalogue_names: dict[str, str] = field(default_factory=dict)  # id -> hash of its type and names
    dataset: dict[str, Any] = field(default_factory=dict)  # dataset.nq's size and counts (`DatasetIndex.to_json`)

    # Each article's line as last written, with the entry it was made from (entries are replaced,
    # never changed in place, so the same entry object means the same line).
    lines: dict[str, tuple[ManifestEntry, str]] = field(default_factory=dict, repr=False, compare=False)

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
                articles={slug: ManifestEntry(**entry) for slug, entry in data["articles"].items()},
                catalogue=dict(data.get("catalogue", {})),
                catalogue_names=dict(data.get("catalogue_names", {})),
                dataset=dict(data.get("dataset", {})),
            )
        except (OSError, ValueError, KeyError, TypeError, orjson.JSONDecodeError):
            return cls()
        _keep(path, stamp, manifest)
        return manifest

    def copy(self) -> Manifest:
        """A manifest to change: its tables copied, its entries shared (they are replaced, not changed)."""
        return Manifest(
            dict(self.fingerprint),
            dict(self.articles),
            dict(self.catalogue),
            dict(self.catalogue_names),
            dict(self.dataset),
            self.lines,
        )

    def write(self, out: Path) -> None:
        tables: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "catalogue": self.catalogue,
            "catalogue_names": self.catalogue_names,
            "dataset": self.dataset,
        }
        lines: dict[str, tuple[ManifestEntry, str]] = {}
        for slug, entry in sorted(self.articles.items()):
            kept = self.lines.get(slug)
            line = kept[1] if kept is not None and kept[0] is entry else f"    {_dump(slug)}: {_dump(_fields(entry))}"
            lines[slug] = (entry, line)
        path = out / MANIFEST
        write_atomic(path, _entry_per_line(tables, [line for _, line in lines.values()]).encode("utf-8"))
        self.lines = lines
        _keep(path, _stamp(path), self)

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


def _entry_per_line(data: dict[str, Any], articles: list[str]) -> str:
    """JSON with each top-level table's entries one per line (an article per line: readable diffs),
    each entry compact, keys sorted. orjson writes the entries (json's encoder is pure Python).
    `articles` are the lines of the "articles" table, already made."""
    tables = []
    for key in sorted([*data, "articles"]):
        if key == "articles":
            rows = ",\n".join(articles)
            tables.append(f'  "articles": {{\n{rows}\n  }}' if articles else '  "articles": {}')
            continue
        value = data[key]
        if isinstance(value, dict) and value:
            rows = ",\n".join(f"    {_dump(k)}: {_dump(v)}" for k, v in sorted(value.items()))
            tables.append(f"  {_dump(key)}: {{\n{rows}\n  }}")
        else:
            tables.append(f"  {_dump(key)}: {_dump(value)}")
    return "{\n" + ",\n".join(tables) + "\n}\n"


_KEPT: dict[str, tuple[tuple[int, ...], Manifest]] = {}  # manifest.json (absolute) -> its stamp and manifest


def _stamp(path: Path) -> tuple[int, ...]:
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _keep(path: Path, stamp: tuple[int, ...], manifest: Manifest) -> None:
    _KEPT.clear()  # one at a time: a manifest holds a line per article of the corpus
    _KEPT[os.path.abspath(path)] = (stamp, manifest)  # noqa: PTH100
