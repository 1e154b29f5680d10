"""pipeline.web.state: the listing a watching process keeps between runs is the one a fresh read gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web import state as site_state
from pipeline.web.state import SiteState
from pipeline.web.views import Card


def card(slug: str, published: str | None) -> Card:
    return Card(f"https://x.example/article/{slug}", slug, slug.title(), "en", published, None, "", False, (), (), None)


def put(state: SiteState, slug: str, published: str | None) -> None:
    state.put_article(f"https://x.example/article/{slug}", card(slug, published), (), (), f"<li>{slug}</li>", slug)


def slugs(folder: Path) -> list[str]:
    """The listing as a process that kept nothing reads it."""
    kept = dict(site_state._LISTINGS)
    site_state._LISTINGS.clear()
    try:
        state = SiteState(folder)
        try:
            return [item.slug for item in state.listing()]
        finally:
            state.close()
    finally:
        site_state._LISTINGS.update(kept)


def test_a_kept_listing_follows_each_runs_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = SiteState(tmp_path)
    for slug, day in (("a-2", "2026-01-02"), ("a-10", "2026-01-02"), ("b", "2026-01-05"), ("c", None)):
        put(first, slug, day)
    assert [i.slug for i in first.listing()] == ["b", "a-2", "a-10", "c"]  # newest first, undated last
    first.commit()
    first.close()

    reads: list[object] = []
    whole = SiteState._listed_rows

    def counted(self: SiteState, iris: list[str] | None) -> object:
        reads.append(iris)
        return whole(self, iris)

    monkeypatch.setattr(SiteState, "_listed_rows", counted)
    second = SiteState(tmp_path)  # the next run of the same process: one article changed, one gone, one new
    put(second, "a-10", "2026-01-09")
    second.put_article("https://x.example/article/b", None, (), ())
    put(second, "d", "2026-01-03")
    listed = [i.slug for i in second.listing()]
    second.commit()
    second.close()
    assert reads == [["https://x.example/article/a-10", "https://x.example/article/b", "https://x.example/article/d"]]
    assert listed == ["a-10", "d", "a-2", "c"] == slugs(tmp_path)

    # Another process changed the site meanwhile (its own generation): the kept listing is not used.
    other = sqlite_generation(tmp_path, "someone-else")
    reads.clear()
    third = SiteState(tmp_path)
    assert [i.slug for i in third.listing()] == listed and reads == [None], other
    third.close()


def sqlite_generation(folder: Path, value: str) -> str:
    import sqlite3

    with sqlite3.connect(folder / site_state.STATE_FILE) as db:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('listing', ?)", (value,))
    return value
