"""Finding the articles to build, and the manifest that makes rebuilds incremental.

The manifest (`output/manifest.json`) records, per article, the sha256 of its text and sidecar,
and for the whole build the pipeline version, base IRI and the sha256 of the entity catalogue and
the shapes. An article is rebuilt when any of its own inputs or any shared input changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson

from pipeline.errors import InputError
from pipeline.io.files import write_atomic
from pipeline.source.article import is_slug, slug_for

MANIFEST = "manifest.json"
ARTICLE_SUFFIX = ".txt"
OUTPUT_SUFFIXES = (".ttl", ".jsonld")


def discover(paths: Sequence[Path]) -> list[Path]:
    """The article files named by `paths`: files as given, folders searched for *.txt (recursively)."""
    found: list[str] = []  # names, not Paths, until the end: a Path's hash and stem cost 3 µs a file
    for path in paths:
        if path.is_dir():
            articles = _articles_in(path)
            if not articles:
                raise InputError(
                    f"contains no articles (*{ARTICLE_SUFFIX} files).",
                    path=path,
                    fix="Put wire-format articles in it, or name the article files directly.",
                    slug="no-articles",
                )
            found.extend(articles)
        elif path.is_file():
            found.append(os.fspath(path))
        elif path.exists():
            raise InputError(
                "is neither a file nor a folder.", path=path, fix="Name article files or folders.", slug="not-a-file"
            )
        else:
            raise InputError("no such file or folder.", path=path, fix="Check the path.", slug="missing-file")
    unique = [Path(name) for name in dict.fromkeys(found)]
    _check_slugs(unique)
    return unique


def _articles_in(folder: Path) -> list[str]:
    """The article files under `folder`, hidden files and folders left out, in pathlib's order: what
    `sorted(folder.rglob("*.txt"))` filtered gives, without pathlib's cost per file (0.3 s at 10,000).
    Linked folders are not entered (as rglob does not); linked files are taken."""
    found: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif os.path.normcase(entry.name).endswith(ARTICLE_SUFFIX) and entry.is_file():
                        found.append(entry.path)
        except OSError:
            continue  # an unreadable folder: rglob passes over it too
    found.sort(key=lambda name: os.path.normcase(name).split(os.sep))  # noqa: PTH206 (no Path per file)
    return found


def _check_slugs(paths: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        # A *.txt name's stem by string; any other name, or one that is no slug, goes through
        # slug_for, which says what is wrong with it.
        stem = path.name.removesuffix(ARTICLE_SUFFIX)
        slug = stem if stem != path.name and is_slug(stem) else slug_for(path)
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
    # The instance's own dict holds exactly its fields (asdict's deep copy cost 2 s at 10,000, and
    # a dict made from fields() 30 ms).
    return vars(entry)


def _entry_per_line(data: dict[str, Any]) -> str:
    """JSON with each top-level table's entries one per line (an article per line: readable diffs),
    each entry compact, keys sorted. orjson writes the entries (json's encoder took 0.3 s at 10,000)."""

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


def display_path(path: Path, root: Path | None = None) -> str:
    """`path` relative to the project root (default: the working directory) when inside it, POSIX style.

    Relative names keep the manifest and the provenance identical across machines and checkouts.
    The folders are resolved once each (a corpus has few folders and many files), and the rest is
    string work: pathlib's parsing cost 40 µs a file, 0.4 s of a 10,000-article rebuild.
    """
    full = os.path.join(_real_folder(os.path.abspath(path.parent)), path.name)  # noqa: PTH100, PTH118
    if os.path.islink(full):  # noqa: PTH114
        full = os.path.realpath(full)
    return _shown(full, _top(root))


def display_paths(paths: Sequence[Path], root: Path | None = None) -> list[str]:
    """`display_path` of each of `paths`, learning which files are links from one listing of each
    folder instead of a stat of each file (a corpus has few folders and many files)."""
    top = _top(root)
    links: dict[str, set[str]] = {}
    shown = []
    for path in paths:
        folder, name = os.path.split(os.path.abspath(path))  # noqa: PTH100
        linked = links.get(folder)
        if linked is None:
            linked = links[folder] = _links_in(folder)
        full = os.path.join(_real_folder(folder), name)  # noqa: PTH118
        if name in linked:
            full = os.path.realpath(full)
        shown.append(_shown(full, top))
    return shown


def _top(root: Path | None) -> str:
    """The project folder, resolved, with a trailing separator."""
    return _real_folder(os.path.abspath(root or Path.cwd())).rstrip(os.sep) + os.sep  # noqa: PTH100


def _shown(full: str, top: str) -> str:
    """A resolved file name relative to `top` when inside it, POSIX style."""
    return (full[len(top) :] if full.startswith(top) else full).replace(os.sep, "/")


def _links_in(folder: str) -> set[str]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_symlink()}
    except OSError:
        return set()  # no folder, no files in it: nothing to resolve


@lru_cache(maxsize=1024)
def _real_folder(absolute: str) -> str:
    return os.path.realpath(absolute)
