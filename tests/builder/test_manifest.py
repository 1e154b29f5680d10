"""pipeline.builder.manifest: the manifest kept by part, and what a watching process keeps of it
between builds."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from pipeline.builder import manifest as manifest_module
from pipeline.builder.manifest import MANIFEST, PARTS_FOLDER, Manifest, ManifestEntry
from pipeline.builder.state import part_of


def entry(n: int) -> ManifestEntry:
    return ManifestEntry(f"articles/a-{n}.txt", f"{n:064x}", None, f"https://x.example/article/a-{n}", n, 0)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (folder / PARTS_FOLDER).iterdir()}


def test_the_entries_are_written_by_part_and_read_back(tmp_path: Path) -> None:
    articles = {f"a-{n}": entry(n) for n in range(200)}
    Manifest(fingerprint={"version": "1"}, articles=articles, catalogue={"x": "1"}).write(tmp_path)
    parts = {f"{part_of(e.iri):02x}.json" for e in articles.values()}
    assert {p.name for p in (tmp_path / PARTS_FOLDER).iterdir()} == parts
    for name in parts:
        rows = orjson.loads((tmp_path / PARTS_FOLDER / name).read_bytes())
        assert rows and all(f"{part_of(articles[slug].iri):02x}.json" == name for slug in rows)
        assert list(rows) == sorted(rows)
    assert "articles" not in orjson.loads((tmp_path / MANIFEST).read_bytes())
    manifest_module._KEPT.clear()  # as a new process
    read = Manifest.read(tmp_path)
    assert read.articles == articles and read.catalogue == {"x": "1"} and read.fingerprint == {"version": "1"}


def test_an_edit_rewrites_only_the_parts_its_entries_are_in(tmp_path: Path) -> None:
    articles = {f"a-{n}": entry(n) for n in range(300)}
    Manifest(fingerprint={"version": "1"}, articles=articles).write(tmp_path)
    manifest_module._KEPT.clear()  # a one-shot build reads the manifest from disk
    changed = Manifest.read(tmp_path).copy()
    before = stamps(tmp_path)
    changed.articles["a-7"] = replace(changed.articles["a-7"], warnings=3)
    del changed.articles["a-8"]
    changed.articles["a-new"] = ManifestEntry(
        "articles/a-new.txt", "0" * 64, None, "https://x.example/article/a-new", 1, 0
    )
    touched = {f"{part_of(e.iri):02x}.json" for e in (entry(7), entry(8), changed.articles["a-new"])}
    changed.write(tmp_path)
    after = stamps(tmp_path)
    assert {name for name in after if after[name] != before.get(name)} == touched
    # Byte for byte what writing every entry into an empty folder gives.
    fresh = tmp_path / "fresh"
    Manifest(fingerprint={"version": "1"}, articles=dict(changed.articles)).write(fresh)
    assert files(fresh) == {k: v for k, v in files(tmp_path).items() if not k.startswith("fresh/")}


def test_a_part_left_empty_is_removed_and_one_manifest_file_is_split(tmp_path: Path) -> None:
    only = entry(1)
    Manifest(articles={"a-1": only}).write(tmp_path)
    part = tmp_path / PARTS_FOLDER / f"{part_of(only.iri):02x}.json"
    assert part.exists()
    emptied = Manifest.read(tmp_path).copy()
    emptied.articles.clear()
    emptied.write(tmp_path)
    assert not part.exists()
    manifest_module._KEPT.clear()
    assert Manifest.read(tmp_path).articles == {}

    # A manifest.json with every entry in it, as earlier newsld wrote it: read, then split.
    legacy = {"fingerprint": {"version": "0"}, "articles": {"a-2": vars(entry(2))}}
    (tmp_path / MANIFEST).write_bytes(orjson.dumps(legacy))
    stray = tmp_path / PARTS_FOLDER / f"{(part_of(entry(2).iri) + 1) % 64:02x}.json"
    stray.write_bytes(orjson.dumps({"ghost": vars(entry(9))}))  # a part no entry falls in
    manifest_module._KEPT.clear()
    read = Manifest.read(tmp_path)
    assert list(read.articles) == ["a-2"]
    read.copy().write(tmp_path)
    manifest_module._KEPT.clear()
    assert list(Manifest.read(tmp_path).articles) == ["a-2"]
    assert not stray.exists(), "a part no entry of the manifest falls in is removed"


def test_the_manifest_written_is_kept_and_only_changed_entries_are_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Manifest(fingerprint={"version": "1"}, articles={f"a-{n}": entry(n) for n in range(5)})
    first.write(tmp_path)
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
    assert kept.articles["a-3"].warnings == 0, "the copy was changed, not the manifest read"
    manifest_module._KEPT.clear()
    assert Manifest.read(tmp_path).articles == changed.articles


def test_a_manifest_another_process_wrote_is_read_again(tmp_path: Path) -> None:
    Manifest(articles={"a-1": entry(1)}).write(tmp_path)
    other = tmp_path / "other"
    Manifest(articles={"a-2": entry(2)}).write(other)
    # As another process's build: its parts, then its manifest.json (a new file).
    shutil.rmtree(tmp_path / PARTS_FOLDER)
    shutil.copytree(other / PARTS_FOLDER, tmp_path / PARTS_FOLDER)
    (other / MANIFEST).replace(tmp_path / MANIFEST)
    assert list(Manifest.read(tmp_path).articles) == ["a-2"]
    (tmp_path / MANIFEST).write_text("not json", encoding="utf-8")
    assert Manifest.read(tmp_path).articles == {}
    Manifest(articles={"a-1": entry(1)}).write(tmp_path)
    (tmp_path / PARTS_FOLDER / f"{part_of(entry(1).iri):02x}.json").write_text("{", encoding="utf-8")
    manifest_module._KEPT.clear()
    assert Manifest.read(tmp_path).articles == {}, "a part that cannot be read: build everything again"


def brute_force(manifest: Manifest, rebuilt: list[str] | None) -> dict[str, bool]:
    """What `shared_graphs` answers, over every article's list."""
    shared: dict[str, bool] = {}
    for slug, entry in manifest.articles.items():
        for graph in entry.shared:
            shared[graph] = shared.get(graph, False) or (rebuilt is not None and slug not in rebuilt)
    return dict(sorted(shared.items()))


def describing(n: int, *graphs: str) -> ManifestEntry:
    return replace(entry(n), shared=[f"https://x.example/person/{g}" for g in graphs])


def test_which_shared_graphs_only_rebuilt_articles_describe_follows_each_write(tmp_path: Path) -> None:
    manifest_module._KEPT.clear()
    manifest_module._DESCRIBERS = None
    first = Manifest(articles={"a-1": describing(1, "p", "q"), "a-2": describing(2, "q"), "a-3": describing(3, "r")})
    first.write(tmp_path)
    for rebuilt in (None, [], ["a-1"], ["a-2"], ["a-1", "a-2"], ["a-3"]):
        assert first.shared_graphs(rebuilt) == brute_force(first, rebuilt), rebuilt
    # Edits in a copy, before it is written: "r" loses its only article, "s" gains one.
    second = Manifest.read(tmp_path).copy()
    second.articles["a-3"] = describing(3, "s")
    second.articles["a-4"] = describing(4, "q", "s")
    del second.articles["a-1"]
    for rebuilt in (None, ["a-3"], ["a-3", "a-4"], ["a-2", "a-4"]):
        assert second.shared_graphs(rebuilt) == brute_force(second, rebuilt), rebuilt
    assert "https://x.example/person/r" not in second.shared_graphs([])
    second.write(tmp_path)  # the counts carry over to what was written
    third = Manifest.read(tmp_path).copy()
    third.articles["a-2"] = describing(2, "p")
    for rebuilt in (None, ["a-2"], ["a-2", "a-3", "a-4"]):
        assert third.shared_graphs(rebuilt) == brute_force(third, rebuilt), rebuilt


def test_the_entries_changed_since_the_last_write_are_noted_as_they_change(tmp_path: Path) -> None:
    """The slugs an edit set or removed, found without going through every entry, are those a full
    comparison with the entries on disk finds: replaced, added, removed, but not set back as they were."""
    first = Manifest(articles={f"a-{n}": entry(n) for n in range(40)})
    first.write(tmp_path)
    on_disk = first.on_disk
    assert on_disk is not None
    edited = first.copy()
    edited.articles["a-3"] = replace(entry(3), triples=99)  # replaced
    edited.articles["a-new"] = entry(100)  # added
    del edited.articles["a-5"]  # removed
    edited.articles["a-7"] = on_disk["a-7"]  # set to what it was
    edited.articles["a-gone"] = entry(101)
    edited.articles.pop("a-gone")  # added and removed again
    edited.articles.update({"a-9": replace(entry(9), warnings=2)})
    expected = sorted(
        [slug for slug, e in edited.articles.items() if on_disk.get(slug) is not e]
        + sorted(on_disk.keys() - edited.articles.keys())
    )
    assert edited._changed_since(on_disk) == expected == ["a-3", "a-5", "a-9", "a-new"]
    # Written, nothing is changed since; the next edit is noted afresh.
    edited.write(tmp_path)
    assert edited.on_disk is not None
    assert edited._changed_since(edited.on_disk) == []
    again = edited.copy()
    again.articles["a-1"] = replace(entry(1), triples=7)
    assert again._changed_since(edited.on_disk) == ["a-1"]
    assert Manifest.read(tmp_path).articles == edited.articles
