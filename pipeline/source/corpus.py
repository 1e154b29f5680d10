"""Finding the articles to build, and the manifest that makes rebuilds incremental.

The manifest (`output/manifest.json`, the articles' entries in `output/manifest/*.json` by part)
records, per article, the sha256 of its text and sidecar, and for the whole build the pipeline
version, base IRI and the sha256 of the entity catalogue and the shapes. An article is rebuilt
when any of its own inputs or any shared input changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from pipeline.errors import InputError
from pipeline.source.article import is_slug, slug_for

ARTICLE_SUFFIX = ".txt"


def discover(paths: Sequence[Path]) -> list[Path]:
    """The article files named by `paths`: files as given, folders searched for *.txt (recursively)."""
    found: list[str] = []  # names, not Paths, until the end: a Path's hash and stem are costly per file
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
    check_slugs(unique)
    return unique


def _articles_in(folder: Path) -> list[str]:
    """The article files under `folder`, hidden files and folders left out, in pathlib's order: what
    `sorted(folder.rglob("*.txt"))` filtered gives, without pathlib's cost per file (bench/NOTES.md).
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


def check_slugs(paths: list[Path]) -> None:
    """Raise when two of `paths` would publish to one IRI (the same slug)."""
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


def display_path(path: Path, root: Path | None = None) -> str:
    """`path` relative to the project root (default: the working directory) when inside it, POSIX style.

    Relative names keep the manifest and the provenance identical across machines and checkouts.
    The folders are resolved once each (a corpus has few folders and many files), and the rest is
    string work: pathlib's parsing per file was a visible share of a large rebuild (bench/NOTES.md).
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
