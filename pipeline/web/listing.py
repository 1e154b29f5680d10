"""The site's listing of every article, with the lists made from it kept in order too.

The index, the archive of each month, the feed and the editor's notices each take something from
every article: its month, its instant, whether it has a date or alt text. A `Listing` holds those
lists already ordered, and `updated` moves only the articles an edit put or took away (a binary
search each), so that a watching process does not go over 100,000 articles per edit to make them.

    >>> listing = Listing(rows)  # newest first, undated last
    >>> listing = listing.updated(gone={iri}, fresh=[row])
    >>> listing.months["2026-11"], listing.newest_timed(100)
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from pipeline.web.archive import by_month
from pipeline.web.views import Descending, Listed, newest_first, newest_first_key


class Listing:
    """Every article, newest first (`views.newest_first`), and by IRI; by archive month
    (`archive.by_month`); those with an instant, newest instant first (the feed's order); and those
    the editor is told about: without a date, with a date but no time, with an image without alt text.
    Every list is in the listing's order where the order does not say otherwise."""

    def __init__(self, rows: Iterable[Listed]) -> None:
        self.items = newest_first(rows)
        self.by_iri = {item.iri: item for item in self.items}
        self.months = by_month(self.items)
        self.timed = sorted((item for item in self.items if item.feed_instant is not None), key=_feed_key)
        self.undated = [item for item in self.items if _undated(item)]
        self.untimed = [item for item in self.items if _untimed(item)]
        self.alt_missing = [item for item in self.items if item.alt_missing]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Listed]:
        return iter(self.items)

    def newest_timed(self, count: int) -> list[Listed]:
        """The newest `count` articles with an instant, as the feed has them (ties in listing order)."""
        return self.timed[:count]

    def updated(self, gone: Collection[str], fresh: Iterable[Listed]) -> Listing:
        """This listing without the articles whose IRIs are `gone` and with `fresh` (new or
        changed: an article in both is replaced); this one stays as it was."""
        out = object.__new__(Listing)
        out.by_iri = dict(self.by_iri)
        leaving = [out.by_iri.pop(iri) for iri in gone if iri in out.by_iri]
        arriving = list(fresh)
        for item in arriving:
            if item.iri in out.by_iri:
                leaving.append(out.by_iri.pop(item.iri))
            out.by_iri[item.iri] = item
        out.items = _moved(self.items, leaving, arriving, newest_first_key)
        out.timed = _moved(self.timed, *_those(leaving, arriving, _has_instant), _feed_key)
        out.undated = _moved(self.undated, *_those(leaving, arriving, _undated), newest_first_key)
        out.untimed = _moved(self.untimed, *_those(leaving, arriving, _untimed), newest_first_key)
        out.alt_missing = _moved(self.alt_missing, *_those(leaving, arriving, _alt_missing), newest_first_key)
        months = dict(self.months)
        for month in {item.month for item in [*leaving, *arriving]}:
            now = _moved(
                months.get(month, []),
                [item for item in leaving if item.month == month],
                [item for item in arriving if item.month == month],
                newest_first_key,
            )
            if now:
                months[month] = now
            else:
                months.pop(month, None)
        # The months in the order their first articles come in (`by_month`): a few dozen, sorted again.
        out.months = dict(sorted(months.items(), key=lambda pair: newest_first_key(pair[1][0])))
        return out


def _moved(
    ordered: list[Listed], leaving: list[Listed], arriving: list[Listed], key: Callable[[Any], Any]
) -> list[Listed]:
    """A copy of `ordered` (sorted by `key`) without `leaving` and with `arriving`, each put in place."""
    if not leaving and not arriving:
        return ordered
    moved = list(ordered)
    for item in leaving:
        at = bisect.bisect_left(moved, key(item), key=key)
        if at < len(moved) and moved[at] is item:
            del moved[at]
        elif item in moved:  # not where its key says (two with the same key): be exact
            moved.remove(item)
    for item in arriving:
        bisect.insort(moved, item, key=key)
    return moved


def _those(
    leaving: list[Listed], arriving: list[Listed], test: Callable[[Listed], bool]
) -> tuple[list[Listed], list[Listed]]:
    return [item for item in leaving if test(item)], [item for item in arriving if test(item)]


def _feed_key(item: Listed) -> tuple[Descending, Any]:
    """The feed's order: the latest instant first, then the listing's order."""
    return Descending(item.feed_instant), newest_first_key(item)


def _has_instant(item: Listed) -> bool:
    return item.feed_instant is not None


def _undated(item: Listed) -> bool:
    return item.feed_instant is None and not (item.date_published or item.date_modified)


def _untimed(item: Listed) -> bool:
    return item.feed_instant is None and bool(item.date_published or item.date_modified)


def _alt_missing(item: Listed) -> bool:
    return item.alt_missing
