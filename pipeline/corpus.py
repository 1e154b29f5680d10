"""Finding the articles to build, and the manifest that makes rebuilds incremental.

The manifest (`output/manifest.json`) records, per article, the sha256 of its text and sidecar,
and for the whole build the pipeline version, base IRI and the sha256 of the entity catalogue and
the shapes. An article is rebuilt when any of its own inputs or any shared input changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.article import slug_for
from pipeline.errors import InputError
from pipeline.files import write_atomic

MANIFEST = "manifest.json"
ARTICLE_SUFFIX = ".txt"
OUTPUT_SUFFIXES = (".ttl", ".jsonld")


def discover(paths: Sequence[Path]) -> list[Path]:
    """The article files named by `paths`: files as given, folders searched for *.txt (recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            articles = sorted(p for p in path.rglob(f"*{ARTICLE_SUFFIX}") if p.is_file() and not _hidden(p, path))
            if not articles:
                raise InputError(
                    f"contains no articles (*{ARTICLE_SUFFIX} files).",
                    path=path,
                    fix="Put wire-format articles in it, or name the article files directly.",
                    slug="no-articles",
                )
            found.extend(articles)
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise InputError(
                "is neither a file nor a folder.", path=path, fix="Name article files or folders.", slug="not-a-file"
            )
        else:
            raise InputError("no such file or folder.", path=path, fix="Check the path.", slug="missing-file")
    unique = list(dict.fromkeys(found))
    _check_slugs(unique)
    return unique


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _check_slugs(paths: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        slug = slug_for(path)
        if slug in seen:
            raise InputError(
                f"has the same slug {slug!r} as {seen[slug]}, so both would publish to one IRI.",
                path=path,
                fix="Rename one of the two files.",
                slug="duplicate-slug",
            )
        seen[slug] = path


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
    dataset: dict[str, Any] = field(default_factory=dict)  # dataset.nq's index (`dataset.DatasetIndex`)

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """The manifest in `out`, or an empty one if there is none (or it is unreadable: rebuild all)."""
        try:
            data: dict[str, Any] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            return cls(
                fingerprint=dict(data["fingerprint"]),
                articles={slug: ManifestEntry(**entry) for slug, entry in data["articles"].items()},
                catalogue=dict(data.get("catalogue", {})),
                catalogue_names=dict(data.get("catalogue_names", {})),
                dataset=dict(data.get("dataset", {})),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def write(self, out: Path) -> None:
        data = {
            "fingerprint": dict(sorted(self.fingerprint.items())),
            "catalogue": dict(sorted(self.catalogue.items())),
            "catalogue_names": dict(sorted(self.catalogue_names.items())),
            "dataset": self.dataset,
            "articles": {slug: asdict(self.articles[slug]) for slug in sorted(self.articles)},
        }
        write_atomic(out / MANIFEST, (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode())

    def is_current(self, slug: str, source: str, input_sha: str, sidecar_sha: str | None, out: Path) -> bool:
        entry = self.articles.get(slug)
        return (
            entry is not None
            and not entry.stale
            and entry.source == source
            and entry.input_sha256 == input_sha
            and entry.sidecar_sha256 == sidecar_sha
            and all((out / f"{slug}{suffix}").is_file() for suffix in OUTPUT_SUFFIXES)
        )


def display_path(path: Path, root: Path | None = None) -> str:
    """`path` relative to the project root (default: the working directory) when inside it, POSIX style.

    Relative names keep the manifest and the provenance identical across machines and checkouts.
    """
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
