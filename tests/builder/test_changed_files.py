"""`ChangedFiles`: a watcher's changed paths as a build takes them, and when it must look at every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.builder.changed_files import ChangedFiles
from pipeline.builder.manifest import Manifest, ManifestEntry
from pipeline.errors import InputError


@pytest.fixture
def project(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    (articles / "world").mkdir(parents=True)
    for name in ("a.txt", "a.toml", "b.txt", "world/c.txt"):
        (articles / name).write_text("text\n", encoding="utf-8")
    (articles / "entities.toml").write_text("", encoding="utf-8")
    return tmp_path


def hint(project: Path, *names: str) -> ChangedFiles | None:
    articles = project / "articles"
    return ChangedFiles.of([articles / n for n in names], [articles], articles / "entities.toml", project)


def entry(source: str, *, stale: bool = False) -> ManifestEntry:
    return ManifestEntry(source, "0" * 64, None, f"https://x.example/article/{Path(source).stem}", 1, 0, stale)


def test_an_article_its_sidecar_and_a_deleted_article_are_named_by_display_path(project: Path) -> None:
    (project / "articles" / "b.txt").unlink()
    found = hint(project, "a.toml", "world/c.txt", "b.txt")
    assert found is not None
    assert found.present == {
        project / "articles" / "a.txt": "articles/a.txt",
        project / "articles" / "world" / "c.txt": "articles/world/c.txt",
    }
    assert found.deleted == {"articles/b.txt"}


def test_hidden_files_and_files_outside_the_article_folders_are_not_inputs(project: Path) -> None:
    (project / "articles" / ".drafts").mkdir()
    (project / "articles" / ".drafts" / "d.txt").write_text("x", encoding="utf-8")
    found = ChangedFiles.of(
        [project / "articles" / ".drafts" / "d.txt", project / "notes.txt"],
        [project / "articles"],
        project / "articles" / "entities.toml",
        project,
    )
    assert found is not None and not found.present and not found.deleted


@pytest.mark.parametrize("name", ["entities.toml", "world", "gone-folder"])
def test_the_catalogue_or_a_folder_makes_the_build_look_at_every_file(project: Path, name: str) -> None:
    assert hint(project, name) is None


def test_no_hint_is_no_hint(project: Path) -> None:
    assert ChangedFiles.of(None, [project / "articles"], project / "articles" / "entities.toml", project) is None


def test_a_new_file_with_another_articles_slug_is_refused(project: Path) -> None:
    (project / "articles" / "world" / "a.txt").write_text("text\n", encoding="utf-8")
    found = hint(project, "world/a.txt")
    assert found is not None
    manifest = Manifest(articles={"a": entry("articles/a.txt")})
    with pytest.raises(InputError, match="same slug 'a'"):
        found.sources(manifest)


def test_a_moved_article_is_no_duplicate_of_its_old_self(project: Path) -> None:
    (project / "articles" / "a.txt").rename(project / "articles" / "world" / "a.txt")
    found = hint(project, "a.txt", "world/a.txt")
    assert found is not None
    manifest = Manifest(articles={"a": entry("articles/a.txt")})
    assert found.sources(manifest) == {project / "articles" / "world" / "a.txt": "articles/world/a.txt"}


def test_articles_whose_last_build_failed_are_looked_at_again(project: Path) -> None:
    found = hint(project)
    assert found is not None
    manifest = Manifest(articles={"a": entry("articles/a.txt"), "b": entry("articles/b.txt", stale=True)})
    assert found.sources(manifest) == {project / "articles" / "b.txt": "articles/b.txt"}
    assert found.added(manifest) == []
