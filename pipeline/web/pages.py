"""The site's HTML pages: rendered with Jinja2 (autoescaped) from the views of `web.model`.

Each page has one canonical URL, its `.html` file under the base (`{base}article/x.html`,
`{base}person/x.html`; the index is the base itself): the canonical link, Open Graph's og:url, the
sitemap and every internal link use it. The head carries a meta description, Open Graph and
Twitter card tags built only from facts the graph states (the editor's description, else the lead
paragraph; the image with its alt text and size), and the page's JSON-LD: the document's own
(byte for byte the `.jsonld` served at its IRI, the same graph as the Turtle), plus on a person's
page a `ProfilePage` block about the page itself (its URL, the person it is about, the articles it
lists): facts about the web page, which is the site's, not the dataset's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from pipeline.rdf.serialize import publish
from pipeline.web.archive import archive_page, month_title
from pipeline.web.views import ArticleView, Card, EntityView, Link, Listed

if TYPE_CHECKING:
    from jinja2 import Environment

DATA_FORMATS = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}
DESCRIPTION_MAX = 200  # characters of the lead paragraph a page description falls back to


@dataclass(frozen=True)
class Site:
    """What every page of one site shares."""

    base: str
    title: str
    feed: bool  # whether feed.atom exists (some article has a time)
    favicon: str | None  # the icon's file name in the site folder, when there is one

    def url(self, page: str) -> str:
        """The canonical URL of a page given by its path under the site (`article/x.html`; "" the index)."""
        return self.base + page


class Renderer:
    """Renders the pages of one site (the Jinja2 environment is made once per process)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.env = _environment()

    def article(self, view: ArticleView, jsonld: bytes) -> bytes:
        path = view.page.removesuffix(".html")
        canonical = self.site.url(view.page)
        return self._render(
            "article.html",
            root="../",
            article=view,
            language=view.language,
            canonical=canonical,
            data_path=path,
            jsonld=[jsonld.decode("utf-8")],
            meta=article_meta(view, self.site, canonical),
            alternates=[(kind, f"{path}{suffix}") for suffix, kind in DATA_FORMATS.items()],
        )

    def entity(self, view: EntityView, jsonld: bytes) -> bytes:
        canonical = self.site.url(view.page)
        blocks = [jsonld.decode("utf-8")]
        if view.kind == "Person":
            blocks.append(profile_page(view, self.site, canonical))
        meta = [
            ("property", "og:type", "profile" if view.kind == "Person" else "website"),
            ("property", "og:title", view.name),
            ("property", "og:url", canonical),
            ("property", "og:site_name", self.site.title),
            ("name", "twitter:card", "summary"),
            ("name", "twitter:title", view.name),
        ]
        root = "../" * view.path.count("/")
        return self._render(
            "entity.html",
            root=root,
            entity=view,
            article_rows=Markup("".join(index_row(card, root) for card in view.articles)),  # rows are escaped
            canonical=canonical,
            data_path=view.path,
            jsonld=blocks,
            meta=meta,
            alternates=[(kind, f"{view.path}{suffix}") for suffix, kind in DATA_FORMATS.items()],
        )

    def index(self, cards: Sequence[Card | Listed], months: Sequence[tuple[str, int]] = ()) -> bytes:
        """The front page: the newest articles (a `Listed` brings its row made already), and each
        month's archive with how many articles it lists, newest first (`archive`)."""
        meta = [
            ("property", "og:type", "website"),
            ("property", "og:title", self.site.title),
            ("property", "og:url", self.site.base),
            ("property", "og:site_name", self.site.title),
            ("name", "twitter:card", "summary"),
            ("name", "twitter:title", self.site.title),
        ]
        # One row per article: made here rather than by a loop in the template, which costs ten times
        # as much at 10,000 rows (the same escaping, so the same bytes).
        rows = Markup("".join(c.row if isinstance(c, Listed) else index_row(c) for c in cards))  # rows are escaped
        archives = [(archive_page(month), month_title(month), count) for month, count in months]
        return self._render(
            "index.html",
            root="",
            rows=rows,
            archives=archives,
            canonical=self.site.base,
            meta=meta,
            alternates=[],
        )

    def archive(self, month: str, cards: Sequence[Card | Listed]) -> bytes:
        """A month's archive page: its articles, newest first."""
        page = archive_page(month)
        title = f"{month_title(month)} · {self.site.title}"
        meta = [
            ("property", "og:type", "website"),
            ("property", "og:title", title),
            ("property", "og:url", self.site.url(page)),
            ("property", "og:site_name", self.site.title),
        ]
        rows = Markup("".join(c.row if isinstance(c, Listed) else index_row(c) for c in cards))  # rows are escaped
        return self._render(
            "archive.html",
            root="",
            rows=rows,
            heading=month_title(month),
            title=title,
            canonical=self.site.url(page),
            meta=meta,
            alternates=[],
        )

    def _render(self, template: str, **values: Any) -> bytes:
        root = values["root"]

        def link(target: Link) -> Markup:
            if target.page is None:
                return Markup("<span>{}</span>").format(target.name)
            return Markup('<a href="{}">{}</a>').format(root + target.page, target.name)

        values.setdefault("jsonld", [])
        values.setdefault("language", "en")
        values.setdefault("data_path", "")
        # The JSON-LD writer escapes "<", ">" and "&" already; this keeps "nothing in the JSON can end
        # the script element" true here even if that writer changes.
        values["jsonld"] = [publish.script_safe(block) for block in values["jsonld"]]
        return (
            self.env.get_template(template)
            .render(
                link=link,
                home=root or "./",
                site_title=self.site.title,
                feed=self.site.feed,
                favicon=self.site.favicon,
                **values,
            )
            .encode("utf-8")
        )


def article_meta(view: ArticleView, site: Site, canonical: str) -> list[tuple[str, str, str]]:
    """The head's description, Open Graph and Twitter card tags: only what the graph states."""
    description = view.description or shorten(view.lead)
    meta = [("name", "description", description)] if description else []
    meta += [
        ("property", "og:type", "article"),
        ("property", "og:title", view.headline),
        ("property", "og:url", canonical),
        ("property", "og:site_name", site.title),
    ]
    if description:
        meta.append(("property", "og:description", description))
    image = view.image
    if image is not None:
        meta.append(("property", "og:image", image.url))
        if image.width is not None and image.height is not None:
            meta += [
                ("property", "og:image:width", str(image.width)),
                ("property", "og:image:height", str(image.height)),
            ]
        if image.alt:
            meta.append(("property", "og:image:alt", image.alt))
    if view.date_published:
        meta.append(("property", "article:published_time", view.date_published))
    if view.date_modified:
        meta.append(("property", "article:modified_time", view.date_modified))
    meta += [("property", "article:author", site.url(a.page)) for a in view.authors if a.page]
    meta += [("property", "article:tag", entity.name) for entity in view.about]
    meta += [
        ("name", "twitter:card", "summary_large_image" if image is not None else "summary"),
        ("name", "twitter:title", view.headline),
    ]
    if description:
        meta.append(("name", "twitter:description", description))
    if image is not None:
        meta.append(("name", "twitter:image", image.url))
        if image.alt:
            meta.append(("name", "twitter:image:alt", image.alt))
    return meta


def profile_page(view: EntityView, site: Site, canonical: str) -> str:
    """The JSON-LD of a person's page as a web page: a ProfilePage about the person, linking to the
    articles it lists. Its facts are about the page; the person's own are the first block's."""
    document = {
        "@context": {"@vocab": "http://schema.org/", "relatedLink": {"@type": "@id"}, "url": {"@type": "@id"}},
        "@id": canonical,
        "@type": "ProfilePage",
        "url": canonical,
        "name": view.name,
        "isPartOf": {"@id": site.base, "@type": "WebSite", "name": site.title, "url": site.base},
        "mainEntity": {"@id": view.iri, "@type": "Person", "name": view.name},
        "relatedLink": [site.url(card.page) for card in view.articles],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """`text` whole when short, else cut at a word boundary with "…"."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("pipeline.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
    )
    env.filters["day"] = day
    env.filters["kind"] = kind
    return env


def index_row(card: Card, root: str = "") -> str:
    """An article's row of a list (the index, an entity's articles), escaped as the templates escape
    (markupsafe's `escape`); `root` leads from the page to the site's root."""
    row = f'<li><a href="{escape(root + card.page)}">{escape(card.headline)}</a>'
    if card.date_published:
        row += f' <time datetime="{escape(card.date_published)}">{escape(day(card.date_published))}</time>'
    return row + "</li>\n"


@lru_cache(maxsize=4096)
def day(value: str) -> str:
    """A date as readers write it: 8 April 2025."""
    try:
        parsed = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{parsed.day} {parsed:%B %Y}"


def kind(value: str) -> str:
    return {
        "Person": "Person",
        "Organization": "Organisation",
        "NewsMediaOrganization": "News organisation",
        "SoftwareApplication": "Software",
    }.get(value, value)


def resource(name: str) -> bytes:
    return bytes(files("pipeline.web").joinpath("templates", name).read_bytes())
