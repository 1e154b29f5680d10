"""pipeline.web.feeds.newest_timed: the feed's entries are the newest with an instant, as a full sort gives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pipeline.web import feeds


@dataclass(frozen=True)
class Item:
    name: int
    feed_instant: datetime | None
    date_published: str | None = None
    date_modified: str | None = None


@given(st.lists(st.one_of(st.none(), st.integers(0, 40)), max_size=300))
def test_the_feeds_entries_are_those_a_full_sort_gives(hours: list[int | None]) -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    items = [Item(n, None if h is None else start + timedelta(hours=h)) for n, h in enumerate(hours)]
    timed = [item for item in items if item.feed_instant is not None]
    expected = sorted(timed, key=lambda item: item.feed_instant or start, reverse=True)[: feeds.FEED_ENTRIES]
    assert feeds.newest_timed(items) == expected  # ties (many: 41 hours) keep the items' order
