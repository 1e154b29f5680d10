"""A digest of the code that makes an article's files, for the build's fingerprint.

An article's Turtle and JSON-LD depend on newsld's rules (who said a quotation, who is meant), not
only on the article: a build whose rules changed must not keep the files the earlier rules made.
A release changes newsld's version and so rebuilds everything; a development checkout keeps its
version while its rules change, and this digest tells those builds apart. The site, the store and
the command line make no article file, so a change to them rebuilds nothing.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# What makes no article file: the web site, the stores, the commands, the watch.
_ELSEWHERE = frozenset({"web", "store", "cli", "live"})


@cache
def code_digest() -> str:
    """The digest of newsld's own code (`digest_of` its package), worked out once per process."""
    return digest_of(PACKAGE)


def digest_of(package: Path) -> str:
    """sha256 of the code in `package` that shapes an article's output and of the schema.org data it
    validates with (their paths and bytes): the same in a checkout and an installed package.

    >>> digest_of(Path("pipeline"))
    """
    digest = hashlib.sha256()
    for path in sorted(_files(package, package)):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _files(folder: Path, package: Path) -> list[Path]:
    found = []
    for path in folder.iterdir():
        if path.name == "__pycache__" or path.name.startswith("."):
            continue
        if path.is_dir():
            if not (folder == package and path.name in _ELSEWHERE):
                found += _files(path, package)
        elif path.suffix == ".py" or path.parent.name == "schemaorg":
            found.append(path)
    return found
