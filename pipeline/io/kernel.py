"""What the kernel can do, with plain fallbacks: for large files, copying file ranges without passing
the bytes through Python, reading at an offset, memory maps, starting writeback, syncing a file
system in one call, closing a replaced file on a thread; for worker processes, ending with their
parent."""

from __future__ import annotations

import ctypes
import mmap
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any


def close_in_background(file: IO[bytes]) -> threading.Thread:
    """Close `file` on a thread; Python waits for it before it exits.

    Closing the last descriptor of a file that was replaced makes the kernel free its blocks, which
    for a large file (dataset.nq) takes a while the caller need not wait for.
    """
    thread = threading.Thread(target=file.close, name=f"newsld: close {file.name}")
    thread.start()
    return thread


def _linux_call(name: str, *argtypes: type[ctypes._SimpleCData[Any]]) -> Callable[..., int] | None:
    """A libc function of Linux's (`syncfs`, `sync_file_range`), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True)[name]
    except (OSError, AttributeError):
        return None
    function.argtypes = list(argtypes)
    return function


# syncfs(2): one call writes every file of a file system to disk.
_SYNCFS = _linux_call("syncfs", ctypes.c_int)
# sync_file_range(2): start writing part of a file to disk, without waiting.
_SYNC_FILE_RANGE = _linux_call("sync_file_range", ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
_SYNC_FILE_RANGE_WRITE = 2
HAS_SYNCFS = _SYNCFS is not None
# prctl(2): PR_SET_PDEATHSIG has the kernel send this process a signal when its parent dies.
_PRCTL = _linux_call("prctl", ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)
_PR_SET_PDEATHSIG = 1


def exit_with_parent(parent: int) -> None:
    """End this process when its parent `parent` (a pid) dies, even by SIGKILL: on Linux the kernel
    kills it (PR_SET_PDEATHSIG); elsewhere a thread checks the parent every second.

    For worker processes that write nothing and would otherwise wait forever for work from a
    parent that is gone, each holding its memory.
    """
    if _PRCTL is not None and _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
        if os.getppid() != parent:  # it died before the kernel was asked
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), name="newsld: exit with parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def start_writeback(file: IO[bytes], offset: int, length: int) -> None:
    """Have the kernel start writing `length` bytes of `file` from `offset` to disk, and return at
    once, so that a later fsync has less to wait for. Where it cannot (not Linux), nothing happens:
    the fsync writes everything, as it would anyway."""
    if _SYNC_FILE_RANGE is not None and length > 0:
        _SYNC_FILE_RANGE(file.fileno(), offset, length, _SYNC_FILE_RANGE_WRITE)  # a hint: its errors are the fsync's


def syncfs(descriptor: int) -> None:
    """Write every file of the file system that `descriptor` is on to disk (only where `HAS_SYNCFS`)."""
    assert _SYNCFS is not None
    if _SYNCFS(descriptor) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))


@contextmanager
def mapped(file: IO[bytes] | None) -> Iterator[mmap.mmap | None]:
    """A read-only memory map of `file`, or None (no file, an empty one, or no mapping possible)."""
    try:
        view = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if file is not None else None
    except (OSError, ValueError):
        view = None
    try:
        yield view
    finally:
        if view is not None:
            view.close()


def read_at(file: IO[bytes], offset: int, length: int) -> bytes:
    """`length` bytes of `file` from `offset`: one pread(2) where there is one, else a seek and a read."""
    if hasattr(os, "pread"):
        return os.pread(file.fileno(), length, offset)
    file.seek(offset)
    return file.read(length)


def copy_in_kernel(source: IO[bytes], target: IO[bytes], start: int, end: int) -> bool:
    """Append `source`'s bytes [start, end) to `target` with copy_file_range(2) (Linux): the kernel
    copies without passing the bytes through Python. False, having copied nothing, where it cannot;
    EOFError when `source` ends before `end`."""
    copy = getattr(os, "copy_file_range", None)
    if copy is None:
        return False
    target.flush()
    position = target.tell()
    done = 0
    try:
        while start + done < end:
            copied = copy(source.fileno(), target.fileno(), end - start - done, start + done, position + done)
            if copied == 0:
                raise EOFError(f"{source.name} ends before byte {end}")
            done += copied
    except OSError:
        if done:
            raise
        return False  # not supported here (another file system, an old kernel): copy by hand
    target.seek(position + done)
    return True
