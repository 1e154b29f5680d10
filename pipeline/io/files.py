"""Files in and out: reading bytes and UTF-8 text with a useful error, hashing, and the one atomic writer.

Every write goes through a temporary file beside the target (`.<name>.<random>.tmp`), made with
the target's permissions, written, flushed and synced to disk, and renamed over the target
only when everything succeeded, with SIGTERM/SIGINT held during the rename(s). Several files
written together are synced by one syncfs(2) on Linux rather than an fsync each. Readers see the
old file or the new one, never half of one. Any OSError becomes an OutputError naming the file
(exit 2), and the earlier file stays as it was.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from pipeline.errors import InputError, OutputError
from pipeline.io.kernel import HAS_SYNCFS, syncfs

TEMPORARY_SUFFIX = ".tmp"
_DEFERRED = (signal.SIGTERM, signal.SIGINT)


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError that says why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file.", path=path, fix="Check the path.", slug="missing-file") from None
    except IsADirectoryError:
        raise InputError(
            "is a directory, not a file.", path=path, fix="Name the file itself.", slug="is-a-directory"
        ) from None
    except OSError as error:
        raise InputError(
            f"cannot be read ({error.strerror}).", path=path, fix="Check the file's permissions.", slug="unreadable"
        ) from None


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 strictly; binary data and other encodings are errors with a position and a fix."""
    nul = data.find(b"\x00")
    encoding = _wide_encoding(data)
    if encoding is not None:
        raise InputError(
            f"is {encoding.upper().replace('LE', '').replace('BE', '')} text, not UTF-8.",
            path=path,
            fix=f"Save the file as UTF-8, e.g. `iconv -f {encoding} -t utf-8 in.txt > out.txt`.",
            slug="not-utf8",
        )
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise InputError(
            "contains a NUL byte: this looks like a binary file, not a text article.",
            path=path,
            line=line,
            column=column,
            fix="Give newsld the article's text file (UTF-8).",
            slug="binary",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        # Bytes 0x80-0x9F are control characters in Latin-1 but curly quotes and dashes in
        # Windows-1252, so a file that has them was written as cp1252 (iconv -f latin1 would fail).
        encoding = "cp1252" if any(0x80 <= byte <= 0x9F for byte in data) else "latin1"
        raise InputError(
            f"is not UTF-8 (byte 0x{data[error.start]:02X} cannot be decoded).",
            path=path,
            line=line,
            column=column,
            fix=f"Save the file as UTF-8, e.g. `iconv -f {encoding} -t utf-8 in.txt > out.txt`.",
            slug="not-utf8",
        ) from None


def _wide_encoding(data: bytes) -> str | None:
    """`utf-32`/`utf-16` (iconv's names) for text with their byte order mark, `utf-16le`/`utf-16be`
    for text without one whose every other byte is NUL (mostly ASCII); else None."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    pairs = min(len(data), 4096) // 2
    if pairs < 2:
        return None
    sample = data[: 2 * pairs]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.8 * pairs and even == 0:
        return "utf-16le"
    if even >= 0.8 * pairs and odd == 0:
        return "utf-16be"
    return None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The file's sha256, or None when it does not exist or cannot be read (building it reports why)."""
    try:
        with path.open("rb", buffering=0) as handle:  # unbuffered: one read, half the cost of read_bytes
            return sha256(handle.readall())
    except OSError:
        return None


def files_sha256(paths: Sequence[Path]) -> str:
    """One digest over several files' names and contents (order-independent)."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Stream into a file that replaces `path` only when the block finishes without error.

    >>> with atomic_writer(Path("output/dataset.nq")) as handle:
    ...     handle.write(b"...")
    """
    temporary: str | None = None
    try:
        with _signals_deferred():  # no signal between creating the file and knowing its name
            temporary, descriptor = _create_temporary(path, set())
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _rename_all([(temporary, path)])
    except OSError as error:
        _discard(temporary)
        raise _unwritable(path, error) from None
    except BaseException:  # SIGTERM's SystemExit included: no temporary file is left behind
        _discard(temporary)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and a rename: readers see old or new, never half."""
    write_files_atomic({path: data})


def write_files_atomic(files: Mapping[Path, bytes]) -> None:
    """Replace several files together: each is staged and synced first, and only when all succeeded
    are they renamed into place. A failure leaves all of them as they were. (A rename itself can
    only fail if a target changed under us after staging: that one file stays old.)

    SIGTERM and SIGINT wait until the files are in place (or cleaned up): a signal in between
    would otherwise leave a new file beside an old one, or a temporary file behind.
    """
    together = HAS_SYNCFS and len(files) > 1
    with _signals_deferred():
        staged: list[tuple[str, Path]] = []
        folders: set[str] = set()  # the folders known to exist
        try:
            for path, data in files.items():
                staged.append((_stage(path, data, sync=not together, folders=folders), path))
            if together:
                _sync_file_systems([path for _, path in staged])
        except BaseException:
            for temporary, _ in staged:
                _discard(temporary)
            raise
        _rename_all(staged)


def _stage(path: Path, data: bytes, *, sync: bool, folders: set[str]) -> str:
    """Write `data` to a new temporary file beside `path` (synced if `sync`); return its name.

    Plain os calls, not pathlib and tempfile: a build stages two files per article, and their
    cost per file (a Path per name, a buffered file object, a chmod) was most of the main
    process's share of a build.
    """
    temporary: str | None = None
    try:
        temporary, descriptor = _create_temporary(path, folders)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            if sync:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        _discard(temporary)
        raise _unwritable(path, error) from None
    except BaseException:
        _discard(temporary)
        raise
    return temporary


def _create_temporary(path: Path, folders: set[str]) -> tuple[str, int]:
    """A new temporary file beside `path` (`.<name>.<random>.tmp`), open for writing, with the
    permissions `path` has (a new file: the usual ones under the process umask); its parent folder
    is made first unless it is among `folders`."""
    name = os.fspath(path)
    folder, base = os.path.split(name)
    try:
        status = os.stat(name)  # noqa: PTH116
    except FileNotFoundError:
        mode = None
    else:
        if stat.S_ISDIR(status.st_mode):  # the rename would fail after the other files were renamed: fail now
            raise IsADirectoryError(21, "Is a directory")
        mode = stat.S_IMODE(status.st_mode)
    if folder not in folders:
        os.makedirs(folder or os.curdir, exist_ok=True)  # noqa: PTH103
        folders.add(folder)
    while True:
        # Random (as tempfile's): a name a killed build left behind is not hit again; O_EXCL makes it safe.
        temporary = os.path.join(folder, f".{base}.{random.getrandbits(48):012x}{TEMPORARY_SUFFIX}")  # noqa: PTH118
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC, 0o666)
            break
        except FileExistsError:
            continue
    try:
        if mode is not None and mode != 0o666 & ~_umask():
            os.fchmod(descriptor, mode)  # keep the replaced file's permissions
    except BaseException:
        os.close(descriptor)
        _discard(temporary)
        raise
    return temporary, descriptor


_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(temporary: str | None) -> None:
    if temporary is not None:
        with suppress(FileNotFoundError):
            os.unlink(temporary)  # noqa: PTH108


def _sync_file_systems(paths: Sequence[Path]) -> None:
    """Sync the file system of each of `paths`' folders once (not an fsync per file)."""
    done: set[int] = set()
    for folder in dict.fromkeys(path.parent for path in paths):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            device = os.fstat(descriptor).st_dev
            if device not in done:
                syncfs(descriptor)
            done.add(device)
        except OSError as error:
            raise _unwritable(folder, error, "the earlier files are unchanged") from None
        finally:
            os.close(descriptor)


def _rename_all(staged: list[tuple[str, Path]]) -> None:
    """Rename every staged file over its target, with SIGTERM/SIGINT held: a signal between two
    renames would otherwise leave one new file beside one old one, and a temporary file behind."""
    with _signals_deferred():
        for index, (temporary, path) in enumerate(staged):
            try:
                os.replace(temporary, path)  # noqa: PTH105
            except OSError as error:
                for left, _ in staged[index:]:
                    _discard(left)
                raise _unwritable(path, error) from None


def _unwritable(path: Path | str, error: OSError, earlier: str = "the earlier file is unchanged") -> OutputError:
    problem, fix = _FIXES.get(error.errno or 0, ("", "Free some space or choose another --out"))
    return OutputError(
        f"cannot be written ({error.strerror or error}{problem}).",
        path=path,
        fix=f"{fix}; {earlier}.",
        slug="unwritable",
    )


_FIXES = {
    errno.EFBIG: (": over the file size limit, `ulimit -f`", "Raise the limit or choose another --out"),
    errno.EACCES: ("", "Check the folder's permissions or choose another --out"),
    errno.EPERM: ("", "Check the folder's permissions or choose another --out"),
    errno.EROFS: ("", "Choose another --out on a writable disk"),
}


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Run a block that writes to `path` (a file, or a scratch file in the folder `path`) outside
    `atomic_writer`: an OSError becomes the same OutputError, naming `path`, with the fix.

    >>> with writing(Path("output")):
    ...     scratch.write(block)
    """
    try:
        yield
    except OSError as error:
        raise _unwritable(path, error, "the earlier files are unchanged") from None


def scratch_file(folder: Path) -> IO[bytes]:
    """A nameless temporary file in `folder` (made if missing), gone when closed or when the process
    dies; errors as `writing` gives them."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        return tempfile.TemporaryFile(dir=folder)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGTERM/SIGINT while the block runs; a signal that came meanwhile is raised again after it.
    Inside another such block (a batch of files), the outer one holds them."""
    global _deferring
    if _deferring or threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, frame: received.append(number)) for sig in _DEFERRED}
    _deferring = True
    try:
        yield
    finally:
        _deferring = False
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            os.kill(os.getpid(), received[0])  # now handled as it would have been


_deferring = False


_SWEPT: set[str] | None = None  # inside `swept_once`: the folders swept so far


@contextmanager
def swept_once() -> Iterator[None]:
    """Within the block, `sweep_temporary_files` sweeps each folder once. For a watching process,
    which publishes again and again: only a killed process leaves temporary files behind, the first
    sweep removed those, and listing a site of 100,000 articles for them costs 0.4 s a publish.

    >>> with swept_once():
    ...     watch_and_publish()
    """
    global _SWEPT
    outer, _SWEPT = _SWEPT, set() if _SWEPT is None else _SWEPT
    try:
        yield
    finally:
        _SWEPT = outer


def sweep_temporary_files(folder: Path, *, recursive: bool = False) -> None:
    """Remove temporary files a killed process left behind (a normal failure removes its own):
    `.<name>.<random>.tmp` files, found in one listing per folder (no glob matching); with
    `recursive`, in the folders below too (a site's article/, person/, …). Inside `swept_once`, a
    folder swept before is not listed again."""
    if _SWEPT is not None:
        key = f"{os.path.abspath(folder)}{'/**' if recursive else ''}"  # noqa: PTH100
        if key in _SWEPT:
            return
        _SWEPT.add(key)
    leftovers: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.name[:1] == "." and entry.name.endswith(TEMPORARY_SUFFIX) and len(entry.name) > 5:
                        if entry.is_file(follow_symlinks=False):
                            leftovers.append(entry.path)
                    elif recursive and entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
        except OSError:
            continue  # no folder yet: nothing left behind
    for leftover in leftovers:
        _discard(leftover)
