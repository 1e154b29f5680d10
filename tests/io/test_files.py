"""pipeline.io.files: strict reading, hashing, and the one atomic writer (all or nothing, old file kept)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import InputError, OutputError
from pipeline.io.files import (
    atomic_writer,
    decode,
    file_sha256,
    files_sha256,
    read_bytes,
    sha256,
    sweep_temporary_files,
    swept_once,
    write_atomic,
    write_files_atomic,
)


def test_reading_errors_say_why(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        read_bytes(tmp_path / "none.txt")
    assert (missing.value.slug, missing.value.message) == (
        "missing-file",
        f"{tmp_path / 'none.txt'}: no such file. Check the path.",
    )
    with pytest.raises(InputError) as folder:
        read_bytes(tmp_path)
    assert folder.value.slug == "is-a-directory"


def test_decode_points_at_the_byte_and_suggests_the_encoding() -> None:
    with pytest.raises(InputError) as cp1252:
        decode("ok\n“quoted”".encode("cp1252"), Path("a.txt"))
    assert (cp1252.value.slug, cp1252.value.line, cp1252.value.column) == ("not-utf8", 2, 1)
    assert "iconv -f cp1252" in cp1252.value.message
    with pytest.raises(InputError) as binary:
        decode(b"ab\x00", Path("b.bin"))
    assert binary.value.slug == "binary"


def test_hashes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"one")
    b.write_bytes(b"two")
    assert file_sha256(a) == sha256(b"one") == "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed"
    assert file_sha256(tmp_path / "none") is None
    assert files_sha256([a, b]) == files_sha256([b, a]) != files_sha256([a])


def test_a_failed_write_keeps_every_earlier_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.jsonld"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    (tmp_path / "blocked").mkdir()
    with pytest.raises(OutputError) as error:
        write_files_atomic({first: b"new a", tmp_path / "blocked": b"cannot replace a folder", second: b"new b"})
    assert error.value.slug == "unwritable"
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.jsonld", "blocked"], "no temporary file left"


def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions of the replaced file are kept


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.ttl", b"x")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.ttl").stat().st_mode & 0o777 == 0o644


def test_leftover_temporary_files_are_swept(tmp_path: Path) -> None:
    (tmp_path / "dataset.nq").write_bytes(b"kept")
    (tmp_path / ".dataset.nq.abc.tmp").write_bytes(b"left by a killed build")
    (tmp_path / "notes.tmp").write_bytes(b"not ours: not hidden")
    (tmp_path / ".cache.tmp").mkdir()  # not a file: left alone
    sweep_temporary_files(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache.tmp", "dataset.nq", "notes.tmp"]
    sweep_temporary_files(tmp_path / "missing")  # no output folder yet: nothing to do


def test_a_watching_process_sweeps_each_folder_once(tmp_path: Path) -> None:
    (tmp_path / "article").mkdir()
    leftover = tmp_path / "article" / ".a.html.0123456789ab.tmp"
    with swept_once():
        leftover.write_bytes(b"left by a killed run")
        sweep_temporary_files(tmp_path, recursive=True)
        assert not leftover.exists(), "the first sweep of a folder removes what a killed run left"
        leftover.write_bytes(b"another")
        sweep_temporary_files(tmp_path, recursive=True)
        assert leftover.exists(), "within the block the folder is not listed again"
        sweep_temporary_files(tmp_path)  # not recursive: another sweep, of the top folder only
        assert leftover.exists()
    sweep_temporary_files(tmp_path, recursive=True)
    assert not leftover.exists(), "outside the block every sweep lists the folder"
