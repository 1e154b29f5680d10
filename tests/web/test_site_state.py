"""pipeline.web.state: the listing a watching process keeps between runs is the one a fresh read gives."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.web import feeds
from pipeline.web import state as site_state
from pipeline.web.listing import Listing
from pipeline.web.state import SiteState
from pipeline.web.views import Card, Listed


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


DAYS = st.sampled_from(
    [None, "2026-01-02", "2026-01-02T09:30:00Z", "2026-01-02T10:30:00+01:00", "2026-01-05", "2025-12-31", "2026"]
)
SLUGS = st.builds(lambda word, n: f"{word}-{n}", st.sampled_from(["a", "b", "story"]), st.integers(0, 30))
ROWS = st.tuples(DAYS, DAYS, st.booleans())  # published, modified, alt text missing


def listed(slug: str, row: tuple[str | None, str | None, bool]) -> Listed:
    return Listed(f"https://x.example/article/{slug}", slug, row[0], row[1], row[2], f"<li>{slug}</li>", slug)


def slugs_of(items: Iterable[Listed]) -> list[str]:
    return [item.slug for item in items]


def lists(listing: Listing) -> dict[str, object]:
    return {
        "items": slugs_of(listing),
        "by_iri": sorted(listing.by_iri),
        "months": [(month, slugs_of(items)) for month, items in listing.months.items()],
        "feed": slugs_of(listing.newest_timed(1000)),
        "undated": slugs_of(listing.undated),
        "untimed": slugs_of(listing.untimed),
        "alt_missing": slugs_of(listing.alt_missing),
    }


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(SLUGS, ROWS, max_size=25),
    st.sets(SLUGS, max_size=8),
    st.dictionaries(SLUGS, ROWS, max_size=8),
)
def test_an_updated_listing_is_the_one_made_from_every_article(
    before: dict[str, tuple[str | None, str | None, bool]],
    gone: set[str],
    changed: dict[str, tuple[str | None, str | None, bool]],
) -> None:
    """Articles taken out and put in by binary search land where a listing made from every article
    puts them, in each of its lists: newest first (undated last, slugs in natural order), by month
    (months in the order of their first article), the feed's newest instants (ties in listing
    order), and the articles the editor is told about."""
    items = {slug: listed(slug, row) for slug, row in before.items()}
    old = Listing(items.values())
    kept = lists(old)
    arriving = [listed(slug, row) for slug, row in changed.items()]
    new = old.updated({items[slug].iri for slug in gone if slug in items}, arriving)
    after = {slug: item for slug, item in items.items() if slug not in gone}
    after.update((item.slug, item) for item in arriving)
    assert lists(new) == lists(Listing(after.values()))
    assert [item.slug for item in new.newest_timed(1000)] == [
        item.slug for item in feeds.newest_timed(list(Listing(after.values())))
    ]
    assert lists(old) == kept  # the listing updated is left as it was


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
