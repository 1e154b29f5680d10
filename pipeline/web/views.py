"""The views the pages show: plain records, one per article, entity, paragraph, quotation and
source, and the `Card` of an article that other pages, the feed and the sitemaps need (small
enough to keep for every article in `web.state`). `web.model` makes them from the graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Protocol, TypeVar

from pipeline.io.sorting import natural_key
from pipeline.web.archive import month_of


@dataclass(frozen=True)
class Link:
    """A name and, when it has a page, the page's path from the site root (`person/x.html`)."""

    name: str
    page: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text; `quote` is the number of the quotation it belongs to, if any."""

    text: str
    quote: int | None = None


@dataclass(frozen=True)
class QuoteView:
    number: int
    text: str
    speaker: Link | None
    paragraphs: tuple[int, ...]
    rule: Link | None = None  # the attribution rule that credited the speaker, on the software's page
    credit: str | None = None  # deliberately anonymous, as the editor describes the speaker


@dataclass(frozen=True)
class ParagraphView:
    position: int
    segments: tuple[Segment, ...]
    sources: tuple[int, ...]
    mentions: tuple[Link, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class SourceView:
    number: int
    name: str
    url: str | None = None
    publisher: Link | None = None
    date: str | None = None


@dataclass(frozen=True)
class ImageView:
    url: str
    alt: str | None = None
    caption: str | None = None
    width: int | None = None
    height: int | None = None


class _ListDates:
    """What the lists ask of an article's dates, worked out once per article (a watching process
    keeps its articles from publish to publish): its archive month and the instant its feed entry
    is ordered by."""

    date_published: str | None
    date_modified: str | None

    @cached_property
    def month(self) -> str:
        """Its archive (`archive.month_of`): "2026-11", or "undated"."""
        return month_of(self.date_published)

    @cached_property
    def feed_instant(self) -> datetime | None:
        """When it last changed, for the feed's order: its date-time modified, else published;
        None without a time of day (Atom needs one)."""
        for value in (self.date_modified, self.date_published):
            if value and "T" in value:
                return datetime.fromisoformat(value.replace("Z", "+00:00"))
        return None


@dataclass(frozen=True)
class Card(_ListDates):
    """What other pages, the feed and the sitemaps need of an article, kept between runs."""

    iri: str
    slug: str
    headline: str
    language: str
    date_published: str | None
    date_modified: str | None
    summary: str  # the editor's description, else the lead paragraph
    has_description: bool
    authors: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]  # (IRI, name) of what it is about
    publisher: str | None
    alt_missing: bool = False  # a lead image without alt text

    @property
    def page(self) -> str:
        return f"article/{self.slug}.html"

    @property
    def updated(self) -> str | None:
        return self.date_modified or self.date_published

    @property
    def timed(self) -> bool:
        """Whether it has an instant (a date with a time of day): what an Atom entry needs."""
        return "T" in (self.date_modified or "") or "T" in (self.date_published or "")

    def to_json(self) -> list[Any]:
        return [
            self.iri,
            self.slug,
            self.headline,
            self.language,
            self.date_published,
            self.date_modified,
            self.summary,
            self.has_description,
            list(self.authors),
            [list(c) for c in self.categories],
            self.publisher,
            self.alt_missing,
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Card:
        iri, slug, headline, language, published, modified, summary, described, authors, categories, publisher = data[
            :11
        ]
        return cls(
            iri,
            slug,
            headline,
            language,
            published,
            modified,
            summary,
            bool(described),
            tuple(authors),
            tuple((c[0], c[1]) for c in categories),
            publisher,
            bool(data[11]),
        )


@dataclass(frozen=True)
class Listed(_ListDates):
    """An article as the site's lists need it (index, sitemaps, which go in the feed and the news
    sitemap, the editor's notices), with its index row and sitemap entry already made: kept beside
    its `Card`, so that the lists are made again without reading and rendering every card."""

    iri: str
    slug: str
    date_published: str | None
    date_modified: str | None
    alt_missing: bool
    row: str  # its row of the index page (HTML)
    entry: str  # its <url> line of the sitemap

    @property
    def timed(self) -> bool:
        return "T" in (self.date_modified or "") or "T" in (self.date_published or "")


class _Dated(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def date_published(self) -> str | None: ...


Ordered = TypeVar("Ordered", bound=_Dated)


def newest_first(cards: Iterable[Ordered]) -> list[Ordered]:
    """Newest first by publication date, undated last; the same day in natural order of slugs."""
    ordered = sorted(cards, key=lambda c: natural_key(c.slug))
    ordered.sort(key=lambda c: c.date_published or "", reverse=True)  # stable: slug order within a day
    return ordered


class Descending:
    """A value (a date's text, an instant) that sorts in reverse: later ones first."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: Descending) -> bool:
        return bool(self.value > other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Descending) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


def newest_first_key(card: _Dated) -> tuple[Descending, Any]:
    """What `newest_first` orders by: the date published, newest first (undated last), then the slug."""
    return Descending(card.date_published or ""), natural_key(card.slug)


@dataclass(frozen=True)
class ArticleView:
    slug: str
    iri: str
    headline: str
    language: str
    word_count: int | None
    date_published: str | None
    date_modified: str | None
    url: str | None
    description: str | None
    image: ImageView | None
    publisher: Link | None
    supplier: Link | None
    authors: tuple[Link, ...]
    about: tuple[Link, ...]
    paragraphs: tuple[ParagraphView, ...]
    sources: tuple[SourceView, ...]
    quotes: tuple[QuoteView, ...]
    input_name: str | None
    input_sha256: str | None
    software: Link | None

    @property
    def page(self) -> str:
        return f"article/{self.slug}.html"

    @property
    def updated(self) -> str | None:
        return self.date_modified or self.date_published

    @property
    def lead(self) -> str:
        return "".join(s.text for s in self.paragraphs[0].segments) if self.paragraphs else ""

    def card(self) -> Card:
        return Card(
            iri=self.iri,
            slug=self.slug,
            headline=self.headline,
            language=self.language,
            date_published=self.date_published,
            date_modified=self.date_modified,
            summary=self.description or self.lead,
            has_description=self.description is not None,
            authors=tuple(a.name for a in self.authors),
            categories=tuple((a.iri or "", a.name) for a in self.about),
            publisher=self.publisher.name if self.publisher else None,
            alt_missing=self.image is not None and self.image.alt is None,
        )

    def linked(self) -> set[str]:
        """The IRIs its page links to as who or what it is about, by, from or quoting."""
        links = [
            *(link for p in self.paragraphs for link in p.mentions),
            *self.about,
            *self.authors,
            *(s.publisher for s in self.sources if s.publisher is not None),
            *((self.publisher,) if self.publisher else ()),
            *((self.supplier,) if self.supplier else ()),
            *(q.speaker for q in self.quotes if q.speaker is not None),
        ]
        return {link.iri for link in links if link.iri and link.page}

    def quoted(self) -> list[tuple[str, int, str]]:
        """(speaker IRI, quotation number, text) of each quotation whose speaker has a page."""
        return [
            (q.speaker.iri, q.number, q.text) for q in self.quotes if q.speaker and q.speaker.iri and q.speaker.page
        ]


@dataclass(frozen=True)
class EntityView:
    iri: str
    path: str  # the IRI's path under the base: person/micha-kaufman
    kind: str  # Person, Organization, NewsMediaOrganization or SoftwareApplication
    name: str
    facts: tuple[tuple[str, tuple[Link, ...]], ...]  # (label, values) in display order
    articles: tuple[Card, ...] = ()
    quotes: tuple[tuple[Card, int, str], ...] = ()  # (article, quotation number, text)
    rules: tuple[tuple[str, str, str], ...] = ()  # the software's attribution rules: (anchor, code, meaning)
    article_count: int = 0  # the articles that name it, all of them (`articles` are the newest)

    @property
    def page(self) -> str:
        return f"{self.path}.html"


@dataclass(frozen=True)
class EntityInfo:
    """What other pages need of an entity's graph: its name and kind, and the shared graphs its page
    includes (what it links to: an employer)."""

    name: str
    kind: str
    uses: tuple[str, ...]
