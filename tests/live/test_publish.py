"""`newsld publish`: each kind of change, published on top of an earlier publish, gives the output
folder, the site folder and the store's quads that a cold publish of the same inputs gives."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.generate import generate
from pipeline.live.publish import PublishSummary, publish
from pipeline.web.state import STATE_FILE
from tests.conftest import published, snapshot
from tests.store.mirrored import assert_mirrors, embedded_quads

SIZE = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    generate(SIZE, root / "articles", seed=5)
    (root / "pyproject.toml").write_text('[tool.newsld]\nbase = "https://newsld.example/"\n', encoding="utf-8")
    return root


def entry(text: str, entity_id: str) -> str:
    match = re.search(rf"(?ms)^\[entity\.{re.escape(entity_id)}\]\n.*?(?=^\[|\Z)", text)
    assert match, entity_id
    return match[0]


def used_person(articles: Path) -> str:
    """A catalogue person named by some articles' texts, in no sidecar's `about`."""
    catalogue = (articles / "entities.toml").read_text(encoding="utf-8")
    texts = [p.read_text(encoding="utf-8") for p in articles.glob("*.txt")]
    sidecars = "".join(p.read_text(encoding="utf-8") for p in articles.glob("story-*.toml"))
    for match in re.finditer(r'(?m)^\[entity\.(person-\d+)\]\ntype = "Person"\nname = "([^"]+)"', catalogue):
        if f'"{match[1]}"' not in sidecars and 0 < sum(match[2] in t for t in texts) < len(texts) // 2:
            return match[1]
    raise AssertionError("no person named in texts only")


def catalogue_edit(articles: Path, change: Callable[[str], str]) -> None:
    path = articles / "entities.toml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def story(articles: Path, number: int) -> Path:
    return articles / f"story-{number:05d}.txt"


def edit_text(articles: Path) -> None:
    path = story(articles, 3)
    path.write_text(path.read_text(encoding="utf-8").replace(".", ". Updated.", 1), encoding="utf-8")


def edit_sidecar(articles: Path) -> None:
    sidecar = next(p for p in sorted(articles.glob("story-*.toml")))
    text = sidecar.read_text(encoding="utf-8")
    sidecar.write_text(re.sub(r'(?m)^headline = "', 'headline = "Corrected: ', text), encoding="utf-8")


def add_article(articles: Path) -> None:
    story(articles, 99).write_bytes(story(articles, 5).read_bytes().replace(b". ", b"; ", 2))


def remove_article(articles: Path) -> None:
    story(articles, 7).unlink()
    story(articles, 7).with_suffix(".toml").unlink(missing_ok=True)


def change_job_title(articles: Path) -> None:
    person = used_person(articles)
    catalogue_edit(
        articles,
        lambda t: t.replace(entry(t, person), re.sub(r'job_title = "[^"]*"', 'job_title = "Chair"', entry(t, person))),
    )


def add_alias(articles: Path) -> None:
    # The first organisation gets its first word as an alias, as bench/run.py does.
    catalogue_edit(
        articles,
        lambda t: re.sub(
            r'(\[entity\.org-1\]\ntype = "Organization"\nname = "(\w+)[^"]*")', r'\1\naliases = ["\2"]', t, count=1
        ),
    )


def remove_entity(articles: Path) -> None:
    person = used_person(articles)
    catalogue_edit(articles, lambda t: t.replace(entry(t, person), ""))


CHANGES: dict[str, Callable[[Path], None]] = {
    "article text": edit_text,
    "sidecar": edit_sidecar,
    "article added": add_article,
    "article removed": remove_article,
    "catalogue job title": change_job_title,
    "alias": add_alias,
    "entity removed": remove_entity,
}


def publish_in(project: Path, monkeypatch: pytest.MonkeyPatch, changed: list[Path] | None = None) -> PublishSummary:
    monkeypatch.chdir(project)
    summary = publish(jobs=1, changed=changed)
    assert summary.exit_code in (0, 1)
    return summary


def state_of(project: Path) -> tuple[dict[str, bytes], dict[str, bytes], set[str]]:
    """The output folder (as git keeps it), the site folder, and the store's quads of the dataset."""
    assert_mirrors(embedded_quads(project / "store"), project / "output")
    # the site folder as served: newsld's own record of what it mirrors (.newsld-site.db) aside
    site = {name: data for name, data in snapshot(project / "site").items() if name != STATE_FILE}
    return published(project / "output"), site, embedded_quads(project / "store")[0]


def files_changed(before: dict[str, bytes], folder: Path) -> list[Path]:
    """What a file watcher would report: the files added, removed or rewritten since `before`."""
    after = snapshot(folder)
    return [folder / name for name in sorted(before.keys() | after.keys()) if before.get(name) != after.get(name)]


@pytest.mark.parametrize("watched", [False, True], ids=["every file looked at", "changed files named"])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_publish_equals_a_cold_one(
    corpus: Path, tmp_path: Path, change: str, watched: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "live"
    shutil.copytree(corpus, live)
    publish_in(live, monkeypatch)
    inputs = snapshot(live / "articles")
    CHANGES[change](live / "articles")
    changed = files_changed(inputs, live / "articles") if watched else None
    assert changed != [], change
    summary = publish_in(live, monkeypatch, changed)
    assert summary.build is not None and summary.load is not None and summary.site is not None
    assert len(summary.build.skipped) + len(summary.build.articles) == len(list((live / "articles").glob("*.txt")))
    assert summary.load.mode == "changes", f"{change}: the store follows the change set"
    assert 0 < len(summary.load.graphs) + len(summary.load.dropped) < SIZE, change

    cold = tmp_path / "cold"
    shutil.copytree(live / "articles", cold / "articles")
    shutil.copy(live / "pyproject.toml", cold / "pyproject.toml")
    publish_in(cold, monkeypatch)
    outputs, site, quads = state_of(live)
    cold_outputs, cold_site, cold_quads = state_of(cold)
    assert outputs == cold_outputs, change
    assert site == cold_site, change
    assert quads == cold_quads, change


def test_a_named_file_that_did_not_change_is_not_built_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A watcher names a file saved with the same bytes: its outputs are found in place (asked of
    the folder by name, not listed) and nothing is built; one whose outputs are gone is built."""
    live = tmp_path / "live"
    shutil.copytree(corpus, live)
    publish_in(live, monkeypatch)
    same = publish_in(live, monkeypatch, [story(live / "articles", 4)])
    assert same.build is not None and same.build.built == [] and len(same.build.skipped) == SIZE
    (live / "output" / "story-00004.jsonld").unlink()
    again = publish_in(live, monkeypatch, [story(live / "articles", 4)])
    assert again.build is not None and [a.slug for a in again.build.built] == ["story-00004"]


def test_steps_can_be_left_out_and_unknown_ones_are_refused(project: Path) -> None:
    from pipeline.errors import UsageError

    summary = publish(steps=("build", "load"), jobs=1)
    assert summary.site is None and not (project / "site").exists()
    assert summary.load is not None and summary.load.mode == "full"
    with pytest.raises(UsageError, match="unknown publish step"):
        publish(steps=("build", "deploy"))
    (project / "pyproject.toml").write_text(
        (project / "pyproject.toml")
        .read_text(encoding="utf-8")
        .replace("[tool.newsld]", '[tool.newsld]\npublish = ["build"]'),
        encoding="utf-8",
    )
    only = publish(jobs=1)
    assert only.build is not None and only.site is None and only.load is None


def test_the_site_follows_the_builds_change_set_and_compares_digests_when_it_is_behind(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site one build behind takes the build's change set (changes.json) and compares no digests;
    two builds behind, it compares every digest it kept; either way it equals a cold publish."""
    from pipeline.web.state import SiteState

    live = tmp_path / "live"
    shutil.copytree(corpus, live)
    publish_in(live, monkeypatch)
    compared: list[int] = []
    digests = SiteState.digests

    def counted(self: SiteState) -> dict[str, str]:
        compared.append(1)
        return digests(self)

    monkeypatch.setattr(SiteState, "digests", counted)
    edit_text(live / "articles")
    publish_in(live, monkeypatch)
    assert compared == [], "one build behind: the change set says what changed"

    edit_sidecar(live / "articles")
    monkeypatch.chdir(live)
    assert publish(steps=("build",), jobs=1).exit_code in (0, 1)
    add_article(live / "articles")
    publish_in(live, monkeypatch)
    assert compared == [1], "two builds behind: every kept digest compared"

    cold = tmp_path / "cold"
    shutil.copytree(live / "articles", cold / "articles")
    shutil.copy(live / "pyproject.toml", cold / "pyproject.toml")
    publish_in(cold, monkeypatch)
    assert state_of(live) == state_of(cold)
