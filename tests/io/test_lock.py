"""pipeline.io.lock: one holder per folder, named in the refusal; nothing left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import OutputError, UsageError
from pipeline.io.lock import LOCK_FILE, folder_lock


def test_a_held_folder_is_refused_with_the_holder(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with folder_lock(out, "build"):
        assert (out / LOCK_FILE).read_text() == f"{os.getpid()}\n"
        with pytest.raises(UsageError) as refused, folder_lock(out, "build"):
            pass
        assert str(refused.value) == (
            f"another newsld build is writing {out}/ (pid {os.getpid()}). Wait until it has finished,"
            " or choose another --out."
        )
    assert not out.exists()  # released, and the folder it made for the lock removed
    with folder_lock(out, "build"):  # free again
        (out / "written").write_text("x")
    assert [p.name for p in out.iterdir()] == ["written"]


def test_a_folder_made_only_for_the_lock_is_removed_again(tmp_path: Path) -> None:
    with folder_lock(tmp_path / "new" / "site", "site"):
        assert (tmp_path / "new" / "site").is_dir()
    assert not (tmp_path / "new" / "site").exists()


def test_a_lock_file_a_killed_run_left_is_taken_over(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE).write_text("999999\n")  # its owner is gone, and so is its flock
    with folder_lock(tmp_path, "build"):
        assert (tmp_path / LOCK_FILE).read_text() == f"{os.getpid()}\n"


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "output").write_text("x")
    with pytest.raises(OutputError, match="is not a folder"), folder_lock(tmp_path / "output", "build"):
        pass
