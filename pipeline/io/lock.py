"""One writer per folder: `build` on its output folder, `site` on its site folder.

Two runs writing the same folder would sweep each other's temporary files and interleave their
renames. The lock is an advisory lock (flock(2); on Windows, msvcrt's byte lock) on `.newsld.lock`
in the folder, which holds the owner's pid for the message the second run gives. The kernel drops
the lock when its owner dies, however it dies, so a killed run never leaves the folder locked; the
file itself is removed by the owner on the way out (and reused when a SIGKILL left it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from pipeline.errors import OutputError, UsageError
from pipeline.io.files import writing

LOCK_FILE = ".newsld.lock"


@contextmanager
def folder_lock(folder: Path, command: str) -> Iterator[None]:
    """Hold `folder` (made if missing) for the block, or raise UsageError naming the run that holds it.

    >>> with folder_lock(Path("output"), "build"):
    ...     ...  # write into output/
    """
    if folder.exists() and not folder.is_dir():
        raise OutputError("is not a folder.", path=folder, fix="Choose another --out.", slug="not-a-folder")
    created = not folder.is_dir()
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = _acquire(folder / LOCK_FILE, folder, command)
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
    try:
        yield
    finally:
        with suppress(OSError):  # unlinked while held: the next owner cannot lock a name that is gone
            (folder / LOCK_FILE).unlink()
        os.close(descriptor)  # releases the lock
        if created:
            with suppress(OSError):
                folder.rmdir()  # made only to hold the lock, and nothing was written into it


def _acquire(path: Path, folder: Path, command: str) -> int:
    """An open descriptor of `path`, locked by this process."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        if not _try_lock(descriptor):
            holder = _holder(descriptor)
            os.close(descriptor)
            owner = f" (pid {holder})" if holder else ""
            raise UsageError(
                f"another newsld {command} is writing {folder}/{owner}. Wait until it has finished,"
                " or choose another --out."
            )
        try:
            if path.stat().st_ino == os.fstat(descriptor).st_ino:
                return descriptor
        except FileNotFoundError:
            pass
        os.close(descriptor)  # the owner we waited for removed this file as it let go: lock the new one


def _holder(descriptor: int) -> int | None:
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        text = os.read(descriptor, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 1 << 20, os.SEEK_SET)  # a byte past the pid, which others must read
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
