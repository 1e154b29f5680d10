"""What a publisher's pages carry, on a project that gives every field (tests/web/test_serve.py's
site: a [tool.newsld.publisher], a sidecar with description, an [image] table, times and a byline),
and the files for crawlers: sitemaps, the Google News sitemap, robots.txt, the Atom feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
from pyld import jsonld as pyld

from pipeline.web import feeds
from pipeline.web.pages import Site
from pipeline.web.views import Card
from tests.web.test_serve import BASE, site  # noqa: F401 - the module fixture that builds the site
from tests.web.test_site import SEED, Page

ARTICLE_PAGE = f"{BASE}article/{SEED}.html"


def meta_of(page: Page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag, attributes in page.tags:
        key = attributes.get("name") or attributes.get("property")
        if tag == "meta" and key:
            found.setdefault(str(key), []).append(str(attributes.get("content")))
    return found


def test_the_article_jsonld_has_what_googles_article_guidance_recommends(site: Path) -> None:  # noqa: F811
    """Google's recommended Article properties, each from a fact the project gives, none made up."""
    document = json.loads(Page((site / f"article/{SEED}.html").read_text(encoding="utf-8")).scripts[0])
    assert document["@type"] == "NewsArticle"
    assert document["headline"] == "Fiverr CEO warns staff about AI"
    assert document["description"].startswith("Micha Kaufman told Fiverr's staff")
    # dates: strings with their time zone, as the sidecar gave them
    assert (document["datePublished"], document["dateModified"]) == (
        "2025-04-08T07:30:00+00:00",
        "2025-04-09T10:00:00+00:00",
    )
    image = document["image"]
    assert image["@type"] == "ImageObject"
    assert (image["url"], image["width"], image["height"]) == ("https://images.example/kaufman.jpg", 1200, 800)
    assert image["caption"].startswith("Micha Kaufman, Fiverr's chief executive")
    # authors: objects with a name, and a url when they have a page (a catalogue person)
    assert [(a["@type"], a["name"], a.get("url")) for a in document["author"]] == [
        ("Person", "Jane Doe", None),
        ("Person", "Micha Kaufman", "https://newsld.example/person/micha-kaufman.html"),
    ]
    publisher = document["publisher"]
    assert "NewsMediaOrganization" in publisher["@type"]
    assert (publisher["name"], publisher["url"], publisher["logo"]) == (
        "The Daily Example",
        "https://daily.example/",
        "https://daily.example/logo.png",
    )
    assert document["sourceOrganization"]["name"] == "Noah Wire Services"  # the wire, not the publisher
    assert document["mainEntityOfPage"] == ARTICLE_PAGE


def test_the_page_jsonld_is_the_turtle_and_the_profile_block_is_about_the_page(site: Path) -> None:  # noqa: F811
    for path in (f"article/{SEED}", "person/micha-kaufman", "organization/the-daily-example"):
        page = Page((site / f"{path}.html").read_text(encoding="utf-8"))
        turtle = set(ox.parse(path=str(site / f"{path}.ttl"), format=ox.RdfFormat.TURTLE))
        first = pyld.to_rdf(json.loads(page.scripts[0]), {"format": "application/n-quads"})
        assert set(ox.parse(first.encode(), format=ox.RdfFormat.N_TRIPLES)) == turtle, path
        if path.startswith("person/"):
            profile = json.loads(page.scripts[1])
            assert profile["@type"] == "ProfilePage" and profile["@id"] == f"{BASE}{path}.html"
            assert profile["mainEntity"] == {"@id": f"{BASE}{path}", "@type": "Person", "name": "Micha Kaufman"}
            assert profile["relatedLink"] == [ARTICLE_PAGE]
            quads = pyld.to_rdf(profile, {"format": "application/n-quads"})
            for triple in ox.parse(quads.encode(), format=ox.RdfFormat.N_TRIPLES):
                # about the page (or the site), or a fact the person's own graph states
                assert triple.subject.value in (f"{BASE}{path}.html", BASE) or triple in turtle, triple
        else:
            assert len(page.scripts) == 1, path


def test_open_graph_and_twitter_tags_from_facts(site: Path) -> None:  # noqa: F811
    page = Page((site / f"article/{SEED}.html").read_text(encoding="utf-8"))
    meta = meta_of(page)
    description = "Micha Kaufman told Fiverr's staff that AI is coming for everyone's jobs, his own included."
    assert meta["description"] == meta["og:description"] == meta["twitter:description"] == [description]
    assert meta["og:type"] == ["article"] and meta["og:url"] == [ARTICLE_PAGE]
    assert meta["og:title"] == meta["twitter:title"] == ["Fiverr CEO warns staff about AI"]
    assert meta["og:image"] == meta["twitter:image"] == ["https://images.example/kaufman.jpg"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["800"])
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == ["Micha Kaufman speaking on a stage"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["article:published_time"] == ["2025-04-08T07:30:00+00:00"]
    assert meta["article:author"] == [f"{BASE}person/micha-kaufman.html"]  # Jane Doe has no page
    assert meta["article:tag"] == ["Micha Kaufman"]
    canonical = [a["href"] for t, a in page.tags if t == "link" and a.get("rel") == "canonical"]
    assert canonical == [ARTICLE_PAGE]
    html = (site / f"article/{SEED}.html").read_text(encoding="utf-8")
    assert (
        '<img src="https://images.example/kaufman.jpg" alt="Micha Kaufman speaking on a stage" width="1200" height="800">'
        in html
    )
    assert "<figcaption>Micha Kaufman, Fiverr&#39;s chief executive. Photo: Example Agency</figcaption>" in html
    hostile = meta_of(Page((site / "article/hostile.html").read_text(encoding="utf-8")))
    assert "og:image" not in hostile and hostile["twitter:card"] == ["summary"]  # no image: none is made up


def test_one_canonical_url_per_page(site: Path) -> None:  # noqa: F811
    """The canonical link, og:url, the sitemaps and the internal links all name a page by its .html URL."""
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring((site / "sitemap.xml").read_bytes())
    assert index.tag == f"{ns}sitemapindex"
    sitemaps = [str(s.findtext(f"{ns}loc")).removeprefix(BASE) for s in index]
    assert sitemaps == ["sitemap-pages.xml", "sitemap-2025-04.xml", "sitemap-undated.xml"]  # newest month first
    listed = [str(u.findtext(f"{ns}loc")) for name in sitemaps for u in ET.fromstring((site / name).read_bytes())]
    pages = {f"{BASE}{p.relative_to(site)}".removesuffix("index.html") for p in site.rglob("*.html")}
    assert sorted(listed) == sorted(pages)  # each page once
    for path in site.rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        url = f"{BASE}{path.relative_to(site)}".removesuffix("index.html")
        assert [a["href"] for t, a in page.tags if t == "link" and a.get("rel") == "canonical"] == [url], path
        assert meta_of(page)["og:url"] == [url]
        for href in (h.partition("#")[0] for h in page.hrefs()):
            if (
                not href
                or href.startswith("http")
                or href.endswith((".ttl", ".jsonld", ".nt", ".nq", ".css", ".atom", ".xml"))
            ):
                continue
            assert href.endswith(".html") or href in ("./", "../", "../../", "../../../"), (path, href)


def test_robots_and_the_news_sitemap(site: Path) -> None:  # noqa: F811
    assert (site / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\nSitemap: {BASE}news-sitemap.xml\n"
    )
    news = ET.fromstring((site / "news-sitemap.xml").read_bytes())
    n = "{http://www.google.com/schemas/sitemap-news/0.9}"
    [url] = list(news)
    assert url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") == ARTICLE_PAGE  # hostile: undated
    assert url.findtext(f"{n}news/{n}publication/{n}name") == "The Daily Example"
    assert url.findtext(f"{n}news/{n}publication_date") == "2025-04-08T07:30:00+00:00"


def card(slug: str, published: str | None, modified: str | None = None) -> Card:
    return Card(f"{BASE}article/{slug}", slug, slug.title(), "en-GB", published, modified, "S", False, (), (), None)


def test_news_sitemap_lists_the_last_two_days_of_the_corpus() -> None:
    site_ = Site(BASE, "T", True, None)
    cards = [card("a", "2025-05-10"), card("b", "2025-05-09T23:00:00Z"), card("c", "2025-05-08"), card("d", None)]
    news = feeds.news_sitemap(site_, cards, "The Daily Example").decode()
    assert [line.strip() for line in news.splitlines() if "<loc>" in line] == [
        f"<loc>{BASE}article/a.html</loc>",
        f"<loc>{BASE}article/b.html</loc>",
    ]
    assert "<news:language>en</news:language>" in news


def test_sitemaps_by_month_and_past_the_protocols_limits() -> None:
    """A month's articles have a sitemap of their own (an edit rewrites one month's), the other pages
    another; one that passes 50,000 URLs or 50 MB goes on in `-2`, `-3`, …; `sitemap.xml` indexes
    them all, newest month first."""
    import pytest

    site_ = Site(BASE, "T", True, None)
    cards = [card(f"s{n}", "2025-05-10") for n in range(7)] + [card("april", "2025-04-30"), card("x", None)]
    files = feeds.sitemaps(site_, cards, ["person/x.html"])
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{ns}sitemapindex"
    names = ["sitemap-pages.xml", "sitemap-2025-05.xml", "sitemap-2025-04.xml", "sitemap-undated.xml"]
    assert [s.findtext(f"{ns}loc") for s in index] == [f"{BASE}{name}" for name in names]
    assert sorted(files) == sorted([*names, "sitemap.xml"])
    pages = [u.findtext(f"{ns}loc") for u in ET.fromstring(files["sitemap-pages.xml"])]
    assert pages == [
        BASE,
        *(f"{BASE}archive-{m}.html" for m in ("2025-05", "2025-04", "undated")),
        f"{BASE}person/x.html",
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds, "SITEMAP_URLS", 3)
        split = feeds.sitemaps(site_, cards, [])
    may = ["sitemap-2025-05.xml", "sitemap-2025-05-2.xml", "sitemap-2025-05-3.xml"]
    assert [len(ET.fromstring(split[name])) for name in may] == [3, 3, 1]
    assert [s.findtext(f"{ns}loc") for s in ET.fromstring(split["sitemap.xml"])][2:5] == [f"{BASE}{n}" for n in may]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feeds, "SITEMAP_BYTES", 400)
        by_size = feeds.sitemaps(site_, cards, [])
    assert len(by_size) > 5 and all(len(data) <= 400 for name, data in by_size.items() if name != "sitemap.xml")


def test_the_feed_makes_up_no_times() -> None:
    site_ = Site(BASE, "T", True, None)
    dated = [
        card("day-only", "2025-05-10"),
        card("timed", "2025-05-09T08:00:00+02:00"),
        card("fixed", "2025-05-01", "2025-05-11T12:00:00Z"),
    ]
    atom = feeds.feed(site_, dated, lambda c: ["Desk"])
    assert atom is not None
    entries = ET.fromstring(atom).findall("{http://www.w3.org/2005/Atom}entry")
    a = "{http://www.w3.org/2005/Atom}"
    assert [(e.findtext(f"{a}id"), e.findtext(f"{a}updated"), e.findtext(f"{a}published")) for e in entries] == [
        (f"{BASE}article/fixed", "2025-05-11T12:00:00Z", None),
        (f"{BASE}article/timed", "2025-05-09T08:00:00+02:00", "2025-05-09T08:00:00+02:00"),
    ]
    assert feeds.feed(site_, [card("day-only", "2025-05-10")], lambda c: []) is None
