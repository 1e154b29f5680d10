"""The site's files for crawlers and feed readers: sitemaps, a Google News sitemap, robots.txt and
the Atom feed, made from the kept cards (`web.state`), never from the dataset.

- `sitemap.xml` is the index of the sitemaps, which list every page by its canonical URL
  (`pages.Site.url`): a month's articles each (`sitemap-2026-11.xml`), the other pages
  (`sitemap-pages.xml`: the front page, the archives, the entities); past 50,000 URLs or 50 MB (the
  sitemaps protocol's limits) one goes on in `-2`, `-3`, … (`archive`).
- `news-sitemap.xml` (Google News) lists the articles published in the two days up to the newest
  publication date of the corpus (not the clock: the same build gives the same file), 1,000 at most.
- `robots.txt` allows everything and names the sitemap(s).
- `feed.atom` (RFC 4287) has an entry per article that has an instant, the newest 100: a
  `date_modified` or `date_published` with a time of day. Atom needs an instant for every entry, and a bare date has
  none: midnight would be made up, so such articles are left out, and a warning says how to give
  the time. Entries carry the editor's description (else the lead paragraph) as their summary,
  and what the article is about as categories.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Protocol, TypeVar
from xml.sax.saxutils import escape, quoteattr

from pipeline.web.archive import archive_page, by_month, sitemap_name
from pipeline.web.pages import Site
from pipeline.web.views import Card, newest_first

SITEMAP_URLS = 50_000
SITEMAP_BYTES = 50 * 1024 * 1024
NEWS_DAYS = 2
NEWS_URLS = 1_000
FEED_ENTRIES = 100  # the newest; readers poll the feed for what is new, the sitemaps list everything
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


class _Published(Protocol):
    @property
    def date_published(self) -> str | None: ...


class _Instant(_Published, Protocol):
    @property
    def date_modified(self) -> str | None: ...
    @property
    def feed_instant(self) -> datetime | None: ...


Dated = TypeVar("Dated", bound=_Published)
Timed = TypeVar("Timed", bound=_Instant)


def sitemap_entry(site: Site, card: Card) -> str:
    """An article's line of the sitemap: its page and when it last changed."""
    modified = f"<lastmod>{escape(card.updated)}</lastmod>" if card.updated else ""
    return f"  <url><loc>{escape(site.url(card.page))}</loc>{modified}</url>\n"


def sitemaps(site: Site, cards: list[Card], entity_pages: list[str]) -> dict[str, bytes]:
    """Every sitemap of a site with these articles (newest first) and entity pages: a month's each,
    the pages', and `sitemap.xml`, their index (`archive`)."""
    months = by_month(cards)
    files: dict[str, bytes] = {}
    for month, items in months.items():
        files.update(month_sitemaps(month, [sitemap_entry(site, card) for card in items]))
    pages = pages_sitemaps(site, list(months), entity_pages)
    return {"sitemap.xml": sitemap_index(site, [*pages, *files]), **pages, **files}


def month_sitemaps(month: str, entries: list[str]) -> dict[str, bytes]:
    """The sitemap of a month's articles from their entries (`sitemap_entry`), newest first."""
    return _urlsets(sitemap_name(month).removesuffix(".xml"), entries)


def pages_sitemaps(site: Site, months: list[str], entity_pages: list[str]) -> dict[str, bytes]:
    """The sitemap of the pages that are not articles: the front page, the archives, the entities'."""
    entries = [f"  <url><loc>{escape(site.base)}</loc></url>\n"]
    entries += [f"  <url><loc>{escape(site.url(archive_page(month)))}</loc></url>\n" for month in months]
    entries += [f"  <url><loc>{escape(site.url(page))}</loc></url>\n" for page in entity_pages]
    return _urlsets("sitemap-pages", entries)


def sitemap_index(site: Site, names: list[str]) -> bytes:
    """`sitemap.xml`: the index of the sitemaps `names`, in that order."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *(f"  <sitemap><loc>{escape(site.url(name))}</loc></sitemap>" for name in names),
        "</sitemapindex>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _urlsets(stem: str, entries: list[str]) -> dict[str, bytes]:
    """`entries` as `{stem}.xml`, and `{stem}-2.xml`, … past the protocol's limits (50,000 URLs, 50 MB)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n{_URLSET}\n'
    tail = "</urlset>\n"
    parts: list[list[str]] = [[]]
    size = len(head) + len(tail)
    for entry in entries:
        length = len(entry.encode("utf-8"))
        if parts[-1] and (len(parts[-1]) >= SITEMAP_URLS or size + length > SITEMAP_BYTES):
            parts.append([])
            size = len(head) + len(tail)
        parts[-1].append(entry)
        size += length
    return {
        f"{stem}.xml" if n == 1 else f"{stem}-{n}.xml": (head + "".join(part) + tail).encode("utf-8")
        for n, part in enumerate(parts, 1)
    }


def news_window(items: list[Dated]) -> list[Dated]:
    """Of `items` (newest first), those the news sitemap lists: published in the last `NEWS_DAYS`
    days of the corpus, `NEWS_URLS` at most."""
    # Newest first: the window ends at the first item older than it (not a pass over 100,000 items).
    window: list[Dated] = []
    since: date | None = None
    for item in items:
        day = _day(item.date_published)
        if day is None:
            continue
        if since is None:
            since = day - timedelta(days=NEWS_DAYS - 1)
        if day < since or len(window) == NEWS_URLS:
            break
        window.append(item)
    return window


def newest_timed(items: list[Timed]) -> list[Timed]:
    """Of `items` (newest first), those the feed has: the newest `FEED_ENTRIES` with an instant (in
    `items`' order when two have the same)."""
    timed = [(item, item.feed_instant) for item in items]
    # As sorted(..., reverse=True)[:FEED_ENTRIES], ties in `items`' order, without sorting every article.
    entries = heapq.nlargest(FEED_ENTRIES, ((i, t) for i, t in timed if t is not None), key=lambda it: it[1])
    return [item for item, _ in entries]


def news_sitemap(site: Site, cards: list[Card], publication: str) -> bytes:
    """The Google News sitemap of the articles published in the last `NEWS_DAYS` days of the corpus."""
    recent = news_window(cards)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for card in newest_first(recent):
        lines += [
            "  <url>",
            f"    <loc>{escape(site.url(card.page))}</loc>",
            "    <news:news>",
            "      <news:publication>",
            f"        <news:name>{escape(publication)}</news:name>",
            f"        <news:language>{escape(card.language.split('-')[0].lower())}</news:language>",
            "      </news:publication>",
            f"      <news:publication_date>{escape(card.date_published or '')}</news:publication_date>",
            f"      <news:title>{escape(card.headline)}</news:title>",
            "    </news:news>",
            "  </url>",
        ]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(site: Site) -> bytes:
    """Everything may be crawled; the sitemaps say what there is."""
    return (
        f"User-agent: *\nAllow: /\n\nSitemap: {site.url('sitemap.xml')}\nSitemap: {site.url('news-sitemap.xml')}\n"
    ).encode()


def instant(value: str | None) -> str | None:
    """An RFC 3339 instant for Atom ("Z" for UTC), or None when `value` is a date without a time."""
    if not value or "T" not in value:
        return None
    return value.replace("+00:00", "Z")


def feed(site: Site, cards: list[Card], author: Callable[[Card], list[str]]) -> bytes | None:
    """The Atom feed of the articles with an instant, newest first; None when there is none.

    `author` gives an entry's author names (the byline, else the publisher, else the site)."""
    entries = [
        (card, instant(card.date_modified) or instant(card.date_published) or "") for card in newest_timed(cards)
    ]
    if not entries:
        return None
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(site.title)}</title>",
        f"  <id>{escape(site.base)}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(site.base)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(site.url("feed.atom"))}/>',
        f"  <updated>{entries[0][1]}</updated>",
        "  <generator>newsld</generator>",
    ]
    for card, updated in entries:
        lines += [
            "  <entry>",
            f"    <title>{escape(card.headline)}</title>",
            f"    <id>{escape(card.iri)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(site.url(card.page))}/>',
            f"    <updated>{updated}</updated>",
        ]
        published = instant(card.date_published)
        if published:
            lines.append(f"    <published>{published}</published>")
        lines += [f"    <author><name>{escape(name)}</name></author>" for name in author(card)]
        lines += [f"    <category term={quoteattr(iri)} label={quoteattr(name)}/>" for iri, name in card.categories]
        lines += [f"    <summary>{escape(card.summary)}</summary>", "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _day(value: str | None) -> date | None:
    return _day_of(value[:10]) if value else None


@lru_cache(maxsize=1 << 14)
def _day_of(text: str) -> date | None:
    # 100,000 articles are published on a few thousand days: parse each day once.
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
