"""pipeline.builder.manifest: what a watching process keeps of the manifest between builds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.builder import manifest as manifest_module
from pipeline.builder.manifest import MANIFEST, Manifest, ManifestEntry


def entry(n: int) -> ManifestEntry:
    return ManifestEntry(f"articles/a-{n}.txt", f"{n:064x}", None, f"https://x.example/article/a-{n}", n, 0)


def test_the_manifest_written_is_kept_and_only_changed_entries_are_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Manifest(fingerprint={"version": "1"}, articles={f"a-{n}": entry(n) for n in range(5)})
    first.write(tmp_path)
    written = (tmp_path / MANIFEST).read_bytes()
    kept = Manifest.read(tmp_path)
    assert kept is first, "the file this process wrote is not parsed again"

    dumped: list[object] = []
    real = manifest_module._dump

    def counting(value: object) -> str:
        dumped.append(value)
        return real(value)

    monkeypatch.setattr(manifest_module, "_dump", counting)
    changed = kept.copy()
    changed.articles["a-3"] = replace(changed.articles["a-3"], warnings=2)
    changed.write(tmp_path)
    assert [v for v in dumped if v == "a-3"] == ["a-3"] and not [v for v in dumped if v == "a-1"]
    monkeypatch.undo()
    # Byte for byte what writing every entry gives.
    fresh = tmp_path / "fresh"
    Manifest(fingerprint={"version": "1"}, articles=dict(changed.articles)).write(fresh)
    assert (tmp_path / MANIFEST).read_bytes() == (fresh / MANIFEST).read_bytes()
    assert kept.articles["a-3"].warnings == 0, "the copy was changed, not the manifest read"
    assert written != (tmp_path / MANIFEST).read_bytes()


def test_a_manifest_another_process_wrote_is_read_again(tmp_path: Path) -> None:
    Manifest(articles={"a-1": entry(1)}).write(tmp_path)
    other = tmp_path / "other"
    Manifest(articles={"a-2": entry(2)}).write(other)
    (other / MANIFEST).replace(tmp_path / MANIFEST)  # as another process's atomic write: a new file
    assert list(Manifest.read(tmp_path).articles) == ["a-2"]
    (tmp_path / MANIFEST).write_text("not json", encoding="utf-8")
    assert Manifest.read(tmp_path).articles == {}
