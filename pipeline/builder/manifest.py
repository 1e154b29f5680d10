"""The manifest of an output folder: what each article was built from and what it produced, so a
rebuild does only what changed."""

from __future__ import annotations

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

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest in `out`, or an empty one if there is none (or it is unreadable: rebuild all)."""
        try:
            data: dict[str, Any] = orjson.loads((out / MANIFEST).read_bytes())
            return cls(
                fingerprint=dict(data["fingerprint"]),
                articles={slug: ManifestEntry(**entry) for slug, entry in data["articles"].items()},
                catalogue=dict(data.get("catalogue", {})),
                catalogue_names=dict(data.get("catalogue_names", {})),
                dataset=dict(data.get("dataset", {})),
            )
        except (OSError, ValueError, KeyError, TypeError, orjson.JSONDecodeError):
            return cls()

    def write(self, out: Path) -> None:
        data: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "catalogue": self.catalogue,
            "catalogue_names": self.catalogue_names,
            "dataset": self.dataset,
            "articles": {slug: _fields(entry) for slug, entry in self.articles.items()},
        }
        write_atomic(out / MANIFEST, _entry_per_line(data).encode("utf-8"))

    def is_current(self, slug: str, source: str, input_sha: str, sidecar_sha: str | None, present: set[str]) -> bool:
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


def _entry_per_line(data: dict[str, Any]) -> str:
    """JSON with each top-level table's entries one per line (an article per line: readable diffs),
    each entry compact, keys sorted. orjson writes the entries (json's encoder is pure Python)."""

    def dump(value: Any) -> str:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")

    tables = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, dict) and value:
            rows = ",\n".join(f"    {dump(k)}: {dump(v)}" for k, v in sorted(value.items()))
            tables.append(f"  {dump(key)}: {{\n{rows}\n  }}")
        else:
            tables.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(tables) + "\n}\n"
