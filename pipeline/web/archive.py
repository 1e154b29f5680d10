"""The site's lists by month: the front page shows the newest articles, each month has an archive
page and a sitemap of its own, so that an edit rewrites its month's files, not lists of every
article (100,000 rows, 15 MB of HTML, on each publish).

- `index.html`: the newest `FRONT_PAGE` articles and a link to each month's archive, newest first.
- `archive-2026-11.html`: the articles published in November 2026, newest first
  (`archive-undated.html`: those without a date).
- `sitemap-2026-11.xml`: their pages for crawlers (split into `-2`, `-3`, … past the sitemaps
  protocol's limits); `sitemap-pages.xml`: the front page, the archives and the entities' pages;
  `sitemap.xml`: the sitemap index of them all.

Archive pages sit beside `index.html`, so an article's kept row (its links relative to the root)
serves every list as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

FRONT_PAGE = 100  # articles on the front page; the rest are a month's archive away
UNDATED = "undated"


class _Dated(Protocol):
    @property
    def month(self) -> str: ...


Dated = TypeVar("Dated", bound=_Dated)


def month_of(date_published: str | None) -> str:
    """The archive an article is listed in: its publication month ("2026-11"), or `UNDATED`."""
    if date_published and len(date_published) >= 7 and date_published[4:5] == "-":
        year, month = date_published[:4], date_published[5:7]
        if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
            return f"{year}-{month}"
    return UNDATED


def by_month(items: Iterable[Dated]) -> dict[str, list[Dated]]:
    """`items` (newest first) by archive, in the same order: the newest month first, undated last."""
    months: dict[str, list[Dated]] = {}
    for item in items:
        months.setdefault(item.month, []).append(item)  # worked out once per article (`views`)
    return months


def archive_page(month: str) -> str:
    """The archive page of a month, from the site's root: `archive-2026-11.html`."""
    return f"archive-{month}.html"


def sitemap_name(month: str) -> str:
    """The sitemap of a month's articles: `sitemap-2026-11.xml`."""
    return f"sitemap-{month}.xml"


def month_title(month: str) -> str:
    """A month as readers write it: November 2026 (or "Undated")."""
    if month == UNDATED:
        return "Undated"
    return f"{date(int(month[:4]), int(month[5:7]), 1):%B %Y}"
