"""The sha256 of input files, remembered by their size, modification time and inode.

A rebuild that finds nothing changed spends most of its time reading and hashing every article and
sidecar (20,000 files at 10,000 articles). The cache keeps each file's digest beside its stat
facts, so an unchanged file costs one stat. It lives in the user's cache folder
(`$XDG_CACHE_HOME/newsld`, else `~/.cache/newsld`), one file per output folder, never in the output
folder itself: that is committed, and modification times differ between checkouts. Caches unused
for KEEP_DAYS days, and all but the KEEP_FILES most recently used, are removed (`prune`).

A digest is reused only when the file's size, inode and modification time (to the nanosecond) are
what they were, and the file was last modified more than two seconds before the cache was written:
an edit in the same clock tick as the previous build could otherwise keep its size and timestamp
(git guards its index against the same "racy" case). Anything else is hashed again. The cache is a
speed-up only: when it cannot be read or written, builds hash every file, as without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path
from typing import Any

import orjson

from pipeline.io.files import file_sha256

RACY_NS = 2_000_000_000  # a file modified this close to the cache's writing is hashed again
KEEP_DAYS = 30  # a cache unused this long (its output folder not built) is removed
KEEP_FILES = 32  # and no more than this many are kept, the most recently used


def cache_folder() -> Path | None:
    """Where newsld keeps caches: `$XDG_CACHE_HOME/newsld`, else `~/.cache/newsld`; None when there
    is no home folder to put it in (some containers): builds then hash every file."""
    root = os.environ.get("XDG_CACHE_HOME")
    if not root:
        try:
            root = str(Path.home() / ".cache")
        except RuntimeError:  # no $HOME and no password entry
            return None
    return Path(root) / "newsld"


class HashCache:
    """Digests of the input files of one output folder.

    >>> cache = HashCache.load(Path("output"))
    >>> cache.sha256(Path("articles/fiverr-ceo-ai-warning.txt"))
    >>> cache.save()
    """

    def __init__(self, path: Path | None, written_ns: int = 0, files: dict[str, list[Any]] | None = None) -> None:
        self.path = path
        self.written_ns = written_ns
        self.files: dict[str, list[Any]] = files or {}
        self.changed = False
        self.seen: set[str] = set()

    @classmethod
    def load(cls, out: Path) -> HashCache:
        folder = cache_folder()
        if folder is None:
            return cls(None)
        key = hashlib.sha256(os.path.realpath(out).encode()).hexdigest()[:24]
        path = folder / f"hashes-{key}.json"
        try:
            data = orjson.loads(path.read_bytes())
            cache = cls(path, int(data["written_ns"]), dict(data["files"]))
        except (OSError, ValueError, KeyError, TypeError):
            cache = cls(path)
        else:
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: `prune` goes by when each cache was last used
        prune(folder)
        return cache

    def sha256(self, path: Path | str) -> str | None:
        """The file's sha256 (None when it is missing or unreadable), from the cache when it can be."""
        name = os.fspath(path)
        self.seen.add(name)
        try:
            stat = os.stat(name)  # noqa: PTH116 - called 20,000 times a rebuild: no Path needed
        except OSError:
            return None
        facts = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        known = self.files.get(name)
        if known is not None and known[:3] == facts and stat.st_mtime_ns < self.written_ns - RACY_NS:
            return str(known[3])
        digest = file_sha256(Path(name))
        if digest is not None:
            self.files[name] = [*facts, digest]
            self.changed = True
        return digest

    def record(self, path: Path, digest: str | None, unchanged_since_ns: int) -> None:
        """Remember `digest` as the sha256 of `path`, read by a build that started at
        `unchanged_since_ns`: only if the file was not modified after that, so it is what was read."""
        name = os.fspath(path)
        self.seen.add(name)
        try:
            stat = path.stat()
        except OSError:
            return
        if digest is not None and stat.st_mtime_ns < unchanged_since_ns:
            self.files[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino, digest]
            self.changed = True

    def save(self) -> None:
        """Write the cache if it learned anything; a cache that cannot be written is left alone.
        Files this build did not look at are forgotten once they outnumber the ones it did."""
        if not self.changed or self.path is None:
            return
        from pipeline.errors import OutputError
        from pipeline.io.files import write_atomic

        if len(self.files) > 2 * len(self.seen) + 1000:
            self.files = {name: facts for name, facts in self.files.items() if name in self.seen}
        data = {"written_ns": time.time_ns(), "files": self.files}
        with contextlib.suppress(OutputError):
            write_atomic(self.path, orjson.dumps(data))
            prune(self.path.parent)  # one more cache now


def prune(folder: Path, now: float | None = None) -> None:
    """Remove the caches of output folders not built for KEEP_DAYS days, all but the KEEP_FILES most
    recently used, and temporary files a killed build left: the folder gains one cache per output
    folder ever built (every scratch build, every test run), and would otherwise only grow."""
    from pipeline.io.files import sweep_temporary_files

    sweep_temporary_files(folder)
    try:
        with os.scandir(folder) as entries:
            caches = [
                (entry.stat().st_mtime, entry.path)
                for entry in entries
                if entry.name.startswith("hashes-") and entry.name.endswith(".json") and entry.is_file()
            ]
    except OSError:
        return  # no cache folder yet
    oldest = (now if now is not None else time.time()) - KEEP_DAYS * 86_400
    caches.sort(reverse=True)
    for index, (used, name) in enumerate(caches):
        if index >= KEEP_FILES or used < oldest:
            with contextlib.suppress(OSError):
                os.unlink(name)  # noqa: PTH108
