"""Catalogue edits rebuild only the articles they can change, and the result is what a full build makes.

Each case edits the generated corpus's entities.toml, builds incrementally on top of the earlier
build, and compares every output file byte for byte with a `--force` build of the same inputs
from scratch. It also checks that the edit did not rebuild everything (that is the point).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.generate import generate
from pipeline.builder.code import PACKAGE, code_digest, digest_of
from pipeline.builder.corpus import build
from pipeline.builder.manifest import Manifest
from pipeline.builder.state import DATASET, STATE, diff, part_name, part_of, read_build_id, read_changes, read_state
from tests.conftest import published, snapshot

Edit = Callable[[str], str]
SIZE = 40


def entry(text: str, entity_id: str) -> str:
    match = re.search(rf"(?ms)^\[entity\.{re.escape(entity_id)}\]\n.*?(?=^\[|\Z)", text)
    assert match, entity_id
    return match[0]


def change_entry(entity_id: str, change: Callable[[str], str]) -> Edit:
    def edit(text: str) -> str:
        old = entry(text, entity_id)
        return text.replace(old, change(old))

    return edit


def a_used_person(text: str, articles: Path) -> tuple[str, str]:
    """A catalogue person (id, name) whose surname some articles use and others do not."""
    corpus = [p.read_text(encoding="utf-8") for p in articles.glob("*.txt")]
    for match in re.finditer(r'(?m)^\[entity\.(person-\d+)\]\ntype = "Person"\nname = "([^"]+)"', text):
        surname = match[2].split()[-1]
        using = sum(surname in article for article in corpus)
        if 0 < using < len(corpus) // 2:
            return match[1], match[2]
    raise AssertionError("the generated corpus has no person used by some articles only")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    generate(SIZE, root / "articles", seed=11)
    (root / "pyproject.toml").write_text('[tool.newsld]\nbase = "https://newsld.example/"\n', encoding="utf-8")
    return root


def edits(catalogue: str, articles: Path) -> dict[str, Edit]:
    person, name = a_used_person(catalogue, articles)
    surname = name.split()[-1]
    return {
        "job title changed": change_entry(person, lambda e: re.sub(r'job_title = "[^"]*"', 'job_title = "Chair"', e)),
        "sameAs added": change_entry(
            person, lambda e: e.rstrip("\n") + '\nsame_as = ["https://www.wikidata.org/wiki/Q42"]\n\n'
        ),
        "alias added": change_entry(
            person,
            lambda e: (
                re.sub(r"(?m)^name = .*$", lambda m: m[0] + f'\naliases = ["{surname}"]', e, count=1)
                if "aliases" not in e
                else e.replace("aliases = [", f'aliases = ["{name.split()[0]}", ', 1)
            ),
        ),
        # Pronouns can settle which of two namesakes "she" means, in articles that do not mention them.
        "pronouns stated": change_entry(person, lambda e: e.rstrip("\n") + '\npronouns = "she"\n\n'),
        "person added whose surname articles use": lambda text: (
            text + f'\n[entity.person-new]\ntype = "Person"\nname = "Sarah {surname}"\n'
        ),
        # Some generated texts name the city, which no entry had: the new alias makes new mentions there.
        "organisation added whose alias some articles use": lambda text: (
            text + '\n[entity.org-zurich]\ntype = "Organization"\nname = "Zürich Quorble AG"\naliases = ["Zürich"]\n'
        ),
        "organisation added that no article names": lambda text: (
            text + '\n[entity.org-new]\ntype = "Organization"\nname = "Zyxwv Quorble"\n'
        ),
        "person removed": lambda text: text.replace(entry(text, person), ""),
    }


def outputs(folder: Path) -> dict[str, bytes]:
    return published(folder)


def built_copy(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the corpus, built once, as the working directory."""
    project = tmp_path / "project"
    shutil.copytree(corpus, project)
    monkeypatch.chdir(project)
    first = build([Path("articles")], out=Path("output"), jobs=1)
    assert first.exit_code in (0, 1) and len(first.built) > SIZE // 2
    (tmp_path / "before").mkdir()
    shutil.copy(project / "output" / STATE, tmp_path / "before" / STATE)
    return project


def assert_same_as_full_build(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """Every output file of the incremental build equals what a --force build of the same inputs writes."""
    full = tmp_path / "full"
    shutil.copytree(project / "articles", full / "articles")
    shutil.copy(project / "pyproject.toml", full / "pyproject.toml")
    monkeypatch.chdir(full)
    assert build([Path("articles")], out=Path("output"), jobs=1, force=True).exit_code in (0, 1)
    assert outputs(full / "output") == outputs(project / "output"), case
    # changes.json says what the incremental build changed, graph by graph, digests included.
    before, after = read_state(tmp_path / "before"), read_state(project / "output")
    assert before is not None and after is not None
    if before.build != after.build:
        assert read_changes(project / "output") == diff(before.digests, after, previous=before.build), case


@pytest.mark.parametrize(
    "case",
    [
        "job title changed",
        "sameAs added",
        "alias added",
        "pronouns stated",
        "person added whose surname articles use",
        "organisation added whose alias some articles use",
        "organisation added that no article names",
        "person removed",
    ],
)
def test_catalogue_edit_rebuilds_what_it_changes_and_equals_a_full_build(
    corpus: Path, tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = built_copy(corpus, tmp_path, monkeypatch)
    catalogue = project / "articles" / "entities.toml"
    text = catalogue.read_text(encoding="utf-8")
    edited = edits(text, project / "articles")[case](text)
    assert edited != text, case
    if case == "person removed":
        # Sidecars that name the person by id (`about`) would no longer build: the editor drops the id too.
        person = a_used_person(text, project / "articles")[0]
        for sidecar in (project / "articles").glob("story-*.toml"):
            content = sidecar.read_text(encoding="utf-8")
            sidecar.write_text(re.sub(rf'"{person}"(, )?|, "{person}"', "", content), encoding="utf-8")
    catalogue.write_text(edited, encoding="utf-8")

    incremental = build([Path("articles")], out=Path("output"), jobs=1)
    assert incremental.exit_code in (0, 1)
    rebuilt = len(incremental.articles)
    if case in ("organisation added that no article names", "person added whose surname articles use"):
        assert rebuilt == 0  # no text has every word of "Zyxwv Quorble" or of "Sarah <surname>"
    else:
        assert 0 < rebuilt < SIZE, f"{case}: rebuilt {rebuilt} of {SIZE}"

    assert_same_as_full_build(project, tmp_path, monkeypatch, case)


def article_edits(articles: Path) -> dict[str, Callable[[], None]]:
    """Edits of the corpus itself; the dataset and void.ttl must come out as a full build writes them."""
    stories = sorted(articles.glob("story-*.txt"))

    def change_text() -> None:
        story = stories[3]
        story.write_text(story.read_text(encoding="utf-8").replace(".", ". Updated.", 1), encoding="utf-8")

    def drop_quotations() -> None:
        story = stories[4]
        text = story.read_text(encoding="utf-8")
        story.write_text(re.sub('["“”]', "", text), encoding="utf-8")

    def add_article() -> None:
        (articles / "story-zzz.txt").write_bytes(stories[5].read_bytes().replace(b". ", b"; ", 2))

    def remove_article() -> None:
        stories[7].unlink()
        stories[7].with_suffix(".toml").unlink(missing_ok=True)

    def change_publisher() -> None:
        story = stories[9]
        text = story.read_text(encoding="utf-8")
        story.write_text(re.sub(r"(?m)^Source: .*$", "Source: Brand New Wire", text), encoding="utf-8")

    return {
        "one article's text changed": change_text,
        "an article's quotation marks removed": drop_quotations,
        "article added": add_article,
        "article removed": remove_article,
        "an article's publisher changed to a new one": change_publisher,
    }


EXPECTED_WAYS = {
    "one article's text changed": ["parts"],
    "article added": ["copied"],
    "an article's quotation marks removed": ["parts"],
    "article removed": ["copied"],
    "an article's publisher changed to a new one": ["copied"],
    "a part of the dataset edited by hand": ["scratch"],
}


@pytest.mark.parametrize(
    "case",
    [
        "one article's text changed",
        "article added",
        "an article's quotation marks removed",
        "article removed",
        "an article's publisher changed to a new one",
        "a part of the dataset edited by hand",
    ],
)
def test_article_edit_updates_the_dataset_as_a_full_build_writes_it(
    corpus: Path, tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.builder import dataset

    project = built_copy(corpus, tmp_path, monkeypatch)
    if case == "a part of the dataset edited by hand":
        state = read_state(project / "output")
        assert state is not None
        nquads = project / "output" / state.part_files[-1]
        nquads.write_bytes(nquads.read_bytes().replace(b"\n", b"\n\n", 3))  # not what the index says
        article_edits(project / "articles")["one article's text changed"]()
    else:
        article_edits(project / "articles")[case]()
    # How the dataset was written each time: only the parts an edit touched ("parts"), every part
    # with the unchanged blocks copied ("copied"), or again from every article's file ("scratch").
    ways: list[str] = []
    write, rewrite = dataset._write, dataset._rewrite_parts

    def recorded(out: Path, articles: object, previous: object, *rest: object) -> object:
        ways.append("scratch" if previous is None else "copied")
        return write(out, articles, previous, *rest)  # type: ignore[arg-type]

    def recorded_parts(*args: object) -> object:
        index = rewrite(*args)  # type: ignore[arg-type]
        ways.extend(["parts"] if index is not None else [])
        return index

    monkeypatch.setattr(dataset, "_write", recorded)
    monkeypatch.setattr(dataset, "_rewrite_parts", recorded_parts)
    incremental = build([Path("articles")], out=Path("output"), jobs=1)
    assert len(incremental.articles) <= 1
    # Only a dataset that is not what its index says is written again from every article's file:
    # an edit copies the other articles' blocks (the software's graph does not depend on which
    # rules the edited article's quotations use), and one that keeps the dataset's graphs writes
    # only the parts it touched.
    assert ways == EXPECTED_WAYS[case]
    monkeypatch.undo()
    monkeypatch.chdir(project)

    assert_same_as_full_build(project, tmp_path, monkeypatch, case)


def test_where_the_kernel_cannot_copy_the_dataset_python_copies_the_same_bytes(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged runs of a part of the dataset are copied by copy_file_range(2) where it works, else by reads
    and writes, and the old file's blocks are read from a memory map, else by pread(2), else by seek
    and read: all give what a full build writes."""
    import errno
    import mmap
    import os

    project = built_copy(corpus, tmp_path, monkeypatch)

    def cross_device(*_: object, **__: object) -> int:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", cross_device, raising=False)
    monkeypatch.setattr(mmap, "mmap", cross_device)  # no memory map of the old file: blocks are read
    monkeypatch.delattr(os, "pread", raising=False)  # as on Windows: by seek and read
    article_edits(project / "articles")["one article's text changed"]()
    assert len(build([Path("articles")], out=Path("output"), jobs=1).articles) == 1
    # A full build copies every new article block from the build's scratch file the same way.
    assert build([Path("articles")], out=Path("by-python"), jobs=1).exit_code == 0
    monkeypatch.undo()
    assert snapshot(project / "by-python" / DATASET) == snapshot(project / "output" / DATASET)
    assert_same_as_full_build(project, tmp_path, monkeypatch, "python copy")


def test_an_edit_rewrites_only_the_parts_of_the_graphs_it_changed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A graph's part is fixed by its IRI: an edit rewrites the parts that hold the graphs it added,
    replaced or removed, and leaves every other part's file as it was (same inode, same bytes)."""
    project = built_copy(corpus, tmp_path, monkeypatch)
    out = project / "output"
    before = read_state(out)
    assert before is not None and len(before.part_files) > 10
    files = {name: (out / name).stat() for name in before.part_files}
    for case in ("one article's text changed", "article removed", "article added"):
        article_edits(project / "articles")[case]()
        assert build([Path("articles")], out=Path("output"), jobs=1).exit_code in (0, 1)
        changes = read_changes(out)
        after = read_state(out)
        assert changes is not None and after is not None and not changes.empty
        touched = {part_name(part_of(graph)) for graph in [*changes.added, *changes.replaced, *changes.removed]}
        assert len(touched) < 5, case
        for name in after.part_files:
            now = (out / name).stat()
            rewritten = name not in files or (now.st_ino, now.st_mtime_ns) != (
                files[name].st_ino,
                files[name].st_mtime_ns,
            )
            assert rewritten == (name in touched), f"{case}: {name}"
        files = {name: (out / name).stat() for name in after.part_files}
    full = tmp_path / "full"
    shutil.copytree(project / "articles", full / "articles")
    shutil.copy(project / "pyproject.toml", full / "pyproject.toml")
    monkeypatch.chdir(full)
    assert build([Path("articles")], out=Path("output"), jobs=1, force=True).exit_code in (0, 1)
    assert outputs(full / "output") == outputs(out)


def test_the_replaced_part_is_closed_after_the_new_one_is_in_place(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old file of a part rewritten stays open until the new one has replaced it (the kernel then
    frees its blocks when it is closed, on a thread): the build leaves no descriptor of it behind."""
    import os
    import threading

    from pipeline.builder import dataset
    from pipeline.io import kernel

    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("needs /proc/self/fd (Linux) to list the open files")
    project = built_copy(corpus, tmp_path, monkeypatch)
    before = read_state(project / "output")
    assert before is not None
    inodes = {name: (project / "output" / name).stat().st_ino for name in before.part_files}
    closed: list[tuple[int, int]] = []  # (the inode closed, the inode its part had by then)
    closers: list[threading.Thread] = []

    def close_in_background(file: object) -> threading.Thread:
        closed.append((os.fstat(file.fileno()).st_ino, Path(file.name).stat().st_ino))  # type: ignore[attr-defined]
        closers.append(kernel.close_in_background(file))  # type: ignore[arg-type]
        return closers[-1]

    monkeypatch.setattr(dataset, "close_in_background", close_in_background)
    article_edits(project / "articles")["one article's text changed"]()
    assert len(build([Path("articles")], out=Path("output"), jobs=1).articles) == 1
    changes = read_changes(project / "output")
    assert changes is not None and list(changes.replaced) and not changes.added and not changes.removed
    (name,) = {part_name(part_of(graph)) for graph in changes.replaced}
    old, new = inodes[name], (project / "output" / name).stat().st_ino
    assert new != old  # replaced, not written in place
    # The old file, closed only once the new one was in its place; the other parts opened were only
    # read (the shared descriptions the article names, checked unchanged) and are still in place.
    assert [pair for pair in closed if pair[0] != pair[1]] == [(old, new)]
    assert {inode for inode, _ in closed} - {old} <= set(inodes.values())
    for thread in closers:
        thread.join(timeout=10)

    def open_inodes() -> set[int]:
        found = set()
        for fd in fds.iterdir():
            try:
                found.add(fd.stat().st_ino)
            except OSError:
                continue  # closed while listing (the listing's own descriptor)
        return found

    assert old not in open_inodes()


def test_the_disk_is_asked_to_write_each_copied_run_of_the_dataset_as_it_is_copied(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run of blocks the kernel copies into a part being rewritten is handed to the disk at once
    (sync_file_range(2)), so the fsync at the end has little left to wait for: the runs asked for
    are the part's bytes, each once, in order."""
    from pipeline.io import kernel

    if kernel._SYNC_FILE_RANGE is None:
        pytest.skip("sync_file_range(2) is Linux's")
    project = built_copy(corpus, tmp_path, monkeypatch)
    asked: list[tuple[int, int]] = []
    real = kernel._SYNC_FILE_RANGE

    def record(descriptor: int, offset: int, length: int, flags: int) -> int:
        asked.append((offset, length))
        return real(descriptor, offset, length, flags)

    monkeypatch.setattr(kernel, "_SYNC_FILE_RANGE", record)
    article_edits(project / "articles")["one article's text changed"]()
    assert len(build([Path("articles")], out=Path("output"), jobs=1).articles) == 1
    changes = read_changes(project / "output")
    assert changes is not None
    (name,) = {part_name(part_of(graph)) for graph in changes.replaced}
    size = (project / "output" / name).stat().st_size
    assert asked, "the changed article's new block, with the part's other blocks around it"
    ends = [0]
    for offset, length in asked:
        assert offset == ends[-1] and length > 0
        ends.append(offset + length)
    assert ends[-1] == size  # one article's text changed: no shared graph changed, every block copied
    assert_same_as_full_build(project, tmp_path, monkeypatch, "writeback")


def test_a_new_base_in_the_same_process_puts_every_graph_under_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dataset's list of article sources is kept for the next build of the same articles (a
    watching process): a new base rebuilds every article, and none is listed under the old IRI."""
    project = built_copy(corpus, tmp_path, monkeypatch)
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("newsld.example", "news.example.org"))
    assert build([Path("articles")], out=Path("output"), jobs=1).exit_code in (0, 1)
    state = read_state(project / "output")
    assert state is not None and state.graphs
    assert all(graph.startswith("https://news.example.org/") for graph, e in state.graphs.items() if e.article)
    assert_same_as_full_build(project, tmp_path, monkeypatch, "base changed")


def test_a_build_after_the_rules_changed_rebuilds_every_article(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A development checkout keeps its version while its rules change: the code's digest in the
    fingerprint makes the next build rebuild every article, as a release does, not keep the files
    the earlier rules made."""
    from pipeline.builder import corpus as corpus_module

    project = built_copy(corpus, tmp_path, monkeypatch)
    again = build([Path("articles")], out=Path("output"), jobs=1)
    assert again.built == [] and len(again.skipped) == SIZE
    monkeypatch.setattr(corpus_module, "code_digest", lambda: "0" * 64)
    changed = build([Path("articles")], out=Path("output"), jobs=1)
    assert len(changed.built) == SIZE and changed.skipped == []
    assert Manifest.read(project / "output").fingerprint["code"] == "0" * 64


def test_the_code_digest_follows_the_rules_not_the_site_or_the_store(tmp_path: Path) -> None:
    package = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    first = digest_of(package)
    assert first == digest_of(PACKAGE) == code_digest()
    for name in ("web/site.py", "store/sync.py", "cli/app.py", "live/watch.py"):
        (package / name).write_text((package / name).read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    (package / "text" / "notes.txt").write_text("not code", encoding="utf-8")
    assert digest_of(package) == first
    rules = package / "text" / "quotes.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "# a rule changed\n", encoding="utf-8")
    assert digest_of(package) != first


def test_edits_one_after_another_in_one_process_equal_a_full_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watching process builds edit after edit with the state the last build left in memory (the
    lines of graphs.tsv, each part's graphs, the list of sources): after edits to several articles,
    one of them twice, and one undone, every file equals a full build's, and each edit wrote only
    the parts it touched."""
    from pipeline.builder import dataset

    project = built_copy(corpus, tmp_path, monkeypatch)
    stories = sorted((project / "articles").glob("story-*.txt"))
    ways: list[str] = []
    rewrite = dataset._rewrite_parts

    def recorded_parts(*args: object) -> object:
        index = rewrite(*args)  # type: ignore[arg-type]
        ways.append("parts" if index is not None else "every graph")
        return index

    monkeypatch.setattr(dataset, "_rewrite_parts", recorded_parts)
    original = stories[2].read_text(encoding="utf-8")
    for number, story in enumerate([stories[2], stories[9], stories[2], stories[17], stories[2]]):
        text = original if number == 4 else story.read_text(encoding="utf-8").replace(".", f". Edit {number}.", 1)
        story.write_text(text, encoding="utf-8")
        shutil.copy(project / "output" / STATE, tmp_path / "before" / STATE)  # the last change set starts here
        assert build([Path("articles")], out=Path("output"), jobs=1).exit_code in (0, 1)
        state = read_state(project / "output")
        assert state is not None and read_build_id(project / "output") == state.build
    assert ways == ["parts"] * 5
    monkeypatch.undo()
    monkeypatch.chdir(project)
    assert_same_as_full_build(project, tmp_path, monkeypatch, "five edits in one process")
