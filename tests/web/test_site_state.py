"""pipeline.web.state: the listing a watching process keeps between runs is the one a fresh read gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.web import state as site_state
from pipeline.web.state import SiteState
from pipeline.web.views import Card, newest_first, update_newest_first


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


DAYS = st.sampled_from([None, "2026-01-02", "2026-01-02T09:30:00Z", "2026-01-05", "2025-12-31"])
SLUGS = st.builds(lambda word, n: f"{word}-{n}", st.sampled_from(["a", "b", "story"]), st.integers(0, 30))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(SLUGS, DAYS, max_size=25),
    st.sets(SLUGS, max_size=8),
    st.dictionaries(SLUGS, DAYS, max_size=8),
)
def test_an_updated_listing_is_the_one_a_full_sort_gives(
    before: dict[str, str | None], gone: set[str], changed: dict[str, str | None]
) -> None:
    """Items taken out and put in by binary search land where `newest_first` of everything puts
    them: dates descending (times after their day's plain date), undated last, slugs in natural order."""
    cards = {slug: card(slug, day) for slug, day in before.items()}
    listed = newest_first(cards.values())
    leaving = [cards[slug] for slug in sorted((gone | changed.keys()) & cards.keys())]
    arriving = [card(slug, day) for slug, day in changed.items()]
    update_newest_first(listed, leaving, arriving)
    after = {slug: c for slug, c in cards.items() if slug not in gone | changed.keys()}
    after.update((c.slug, c) for c in arriving)
    assert [c.slug for c in listed] == [c.slug for c in newest_first(after.values())]


def test_an_entitys_newest_articles_are_read_without_reading_every_card(tmp_path: Path) -> None:
    """`linking` with a limit gives what `newest_first` of every card gives, cut to the limit, even
    when the limit falls inside a day (slugs in natural order decide), and counts them all."""
    state = SiteState(tmp_path)
    days = {
        "a-10": "2026-01-02",
        "a-9": "2026-01-02",
        "a-2": "2026-01-02",
        "b": "2026-01-05",
        "c": None,
        "d": "2025-12-01",
    }
    for slug, day in days.items():
        state.put_article(f"https://x.example/article/{slug}", card(slug, day), ["https://x.example/person/p"], ())
    put(state, "e", "2026-02-01")  # names nobody
    everything, total = state.linking("https://x.example/person/p")
    assert [c.slug for c in everything] == ["b", "a-2", "a-9", "a-10", "d", "c"] and total == 6
    for limit in range(1, 8):
        cards, total = state.linking("https://x.example/person/p", limit)
        assert [c.slug for c in cards] == [c.slug for c in everything][:limit] and total == 6
    state.close()
