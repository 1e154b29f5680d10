"""pipeline.io.hashcache: digests reused only for files whose stat facts are unchanged and not racy."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from pipeline.io import hashcache
from pipeline.io.hashcache import HashCache


def aged(path: Path, seconds: float = 3600) -> None:
    """Give `path` a modification time well before now (as an unedited file has)."""
    past = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(past, past))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"first")
    aged(article)
    cache = HashCache.load(tmp_path / "out")
    assert cache.sha256(article) == digest(b"first")
    assert cache.sha256(tmp_path / "missing.txt") is None
    cache.save()

    read: list[Path] = []
    monkeypatch.setattr(hashcache, "file_sha256", read.append)
    again = HashCache.load(tmp_path / "out")
    assert again.sha256(article) == digest(b"first")
    assert read == []


def test_a_changed_file_is_hashed_again(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"first")
    aged(article)
    cache = HashCache.load(tmp_path / "out")
    cache.sha256(article)
    cache.save()
    article.write_bytes(b"second, longer")
    aged(article, 1800)
    assert HashCache.load(tmp_path / "out").sha256(article) == digest(b"second, longer")


def test_an_edit_in_the_same_tick_as_the_cache_is_caught(tmp_path: Path) -> None:
    """Same size, same modification time: only the racy rule tells the edit apart."""
    article = tmp_path / "a.txt"
    article.write_bytes(b"first")  # modified now: within two seconds of the cache being written
    cache = HashCache.load(tmp_path / "out")
    cache.sha256(article)
    cache.save()
    stamp = article.stat().st_mtime_ns
    article.write_bytes(b"fir5t")
    os.utime(article, ns=(stamp, stamp))
    assert HashCache.load(tmp_path / "out").sha256(article) == digest(b"fir5t")


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    article = tmp_path / "a.txt"
    article.write_bytes(b"first")
    cache = HashCache.load(tmp_path / "out")
    assert cache.sha256(article) == digest(b"first")
    cache.save()  # no exception; builds go on hashing every file


def test_a_rebuild_with_nothing_changed_reads_no_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.generate import generate
    from pipeline.builder.corpus import build

    generate(12, tmp_path / "articles", seed=4)
    for path in (tmp_path / "articles").iterdir():
        aged(path)
    out = tmp_path / "out"
    assert build([tmp_path / "articles"], out=out, jobs=1).exit_code in (0, 1)  # records the digests it read

    read: list[Path] = []
    monkeypatch.setattr(hashcache, "file_sha256", read.append)
    summary = build([tmp_path / "articles"], out=out, jobs=1)
    assert (len(summary.skipped), summary.built) == (12, [])
    assert read == []

    edited = sorted((tmp_path / "articles").glob("*.txt"))[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    monkeypatch.undo()
    summary = build([tmp_path / "articles"], out=out, jobs=1)
    assert [a.slug for a in summary.articles] == [edited.stem], summary.skipped[:3]


def test_without_a_home_folder_builds_go_on_without_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    article = tmp_path / "a.txt"
    article.write_bytes(b"first")
    cache = HashCache.load(tmp_path / "out")
    assert cache.sha256(article) == digest(b"first")
    cache.save()  # nowhere to write it: nothing happens
    assert cache.path is None


def test_the_cache_folder_is_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22, case 16: ~/.cache/newsld gained a file per output folder ever built, for good."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "cache" / "newsld"
    folder.mkdir(parents=True)
    for number in range(50):  # 50 recently used caches of other output folders, one an hour apart
        other = folder / f"hashes-{number:024x}.json"
        other.write_bytes(b'{"written_ns": 0, "files": {}}')
        aged(other, 3600 * (number + 1))
    stale = folder / f"hashes-{'f' * 24}.json"
    stale.write_bytes(b"{}")
    aged(stale, 31 * 86_400)  # not used for a month
    (folder / ".hashes-x.json.0123456789ab.tmp").write_bytes(b"half")  # a killed build's
    article = tmp_path / "a.txt"
    article.write_bytes(b"text")
    aged(article)
    cache = HashCache.load(tmp_path / "out")
    cache.sha256(article)
    cache.save()
    kept = sorted(path.name for path in folder.iterdir())
    assert len(kept) == 32  # hashcache.KEEP_FILES
    assert cache.path is not None and cache.path.name in kept, "the cache in use is kept"
    assert stale.name not in kept
    assert [f"hashes-{number:024x}.json" in kept for number in range(50)] == [True] * 31 + [False] * 19
