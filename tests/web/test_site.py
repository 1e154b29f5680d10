"""`newsld site`: pages, data files, sitemap and feed from the build, rebuilt incrementally."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld as pyld
from typer.testing import CliRunner

from pipeline.builder.state import read_state
from pipeline.cli.app import app
from tests.conftest import snapshot, write_article

BASE = "https://newsld.example/"
SEED = "fiverr-ceo-ai-warning"
SUMMARY = re.compile(
    r"Published (\d+) articles? and (\d+) entity pages?(?: \(rendered \d+ and \d+: what the build changed\))?"
    r" in \d+\.\d s -> site/: (\d+) files? written, (\d+) unchanged, (\d+) removed\.\n"
)
FULL_SIDECAR = """\
headline = "Fiverr CEO warns staff about AI"
date_published = 2025-04-08
date_modified = 2025-04-09T10:00:00Z
image = "https://images.example/kaufman.jpg"
about = ["micha-kaufman"]
author = ["Jane Doe", "micha-kaufman"]

[sources.1]
title = "Kaufman's memo to Fiverr staff"
url = "https://news.example/memo"
publisher = "Business Insider"
date = 2025-04-08

[sources.3]
publisher = "Fiverr"
"""
# Every field a publisher can give: what the article page's JSON-LD, Open Graph and Twitter tags
# are checked against (tests/web/test_pages.py) and what the browser tests audit.
RICH_SIDECAR = """\
headline = "Fiverr CEO warns staff about AI"
description = "Micha Kaufman told Fiverr's staff that AI is coming for everyone's jobs, his own included."
date_published = 2025-04-08T07:30:00Z
date_modified = 2025-04-09T10:00:00Z
about = ["micha-kaufman"]
author = ["Jane Doe", "micha-kaufman"]

[image]
url = "https://images.example/kaufman.jpg"
alt = "Micha Kaufman speaking on a stage"
caption = "Micha Kaufman, Fiverr's chief executive. Photo: Example Agency"
width = 1200
height = 800

[sources.1]
title = "Kaufman's memo to Fiverr staff"
url = "https://news.example/memo"
publisher = "Business Insider"
date = 2025-04-08

[sources.3]
publisher = "Fiverr"
"""
PUBLISHER = """\
[tool.newsld]
base = "https://newsld.example/"

[tool.newsld.publisher]
name = "The Daily Example"
url = "https://daily.example/"
logo = "https://daily.example/logo.png"
"""
HOSTILE = """\
Mallory Example said the plan was </script><script>alert(1)</script> fine. “It works <img src=x onerror=alert(2)> \u202eevil\u202c today,” Mallory Example said.

A second paragraph with <b>markup</b> & an ampersand.


Reference Map

  1. Paragraph 1: 1
  2. Paragraph 2: 2

Source: Example Wire
"""


class Page(HTMLParser):
    """The parts of a page the tests look at: elements by tag, ids, links, scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def ids(self) -> set[str]:
        return {str(attrs["id"]) for _, attrs in self.tags if attrs.get("id")}

    def hrefs(self) -> list[str]:
        return [str(attrs["href"]) for tag, attrs in self.tags if tag in ("a", "link") and attrs.get("href")]

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def nodes_by_id(document: object) -> dict[str, dict[str, object]]:
    """Every described node of a JSON-LD tree (more than an @id) by its @id."""
    found: dict[str, dict[str, object]] = {}
    if isinstance(document, dict):
        if "@id" in document and len(document) > 1:
            found[document["@id"]] = document
        for key, value in document.items():
            if key != "@context":
                found.update(nodes_by_id(value))
    elif isinstance(document, list):
        for value in document:
            found.update(nodes_by_id(value))
    return found


def build_and_publish(runner: CliRunner, *extra: str) -> str:
    built = runner.invoke(app, ["build", "-q"])
    assert built.exit_code in (0, 1), built.output
    result = runner.invoke(app, ["site", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def page(site: Path, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def test_seed_site_has_every_page_and_data_file(project: Path, runner: CliRunner) -> None:
    summary = SUMMARY.fullmatch(build_and_publish(runner))
    assert summary is not None
    assert summary.groups()[:2] == ("1", "4")  # micha-kaufman, fiverr, noah-wire-services and the software
    site = project / "site"
    names = {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}
    for path in ("article/" + SEED, "person/micha-kaufman", "organization/fiverr", "software/newsld/0.1.0"):
        assert {f"{path}.html", f"{path}.ttl", f"{path}.jsonld", f"{path}.nt"} <= names, path
    assert {"index.html", "sitemap.xml", "news-sitemap.xml", "robots.txt", "style.css"} <= names
    assert {"void.ttl", "void.jsonld", "void.nt", ".newsld-site.db"} <= names
    assert "feed.atom" not in names  # the seed has no date: no feed, and a warning says what to add
    # the dataset's parts are the build's files themselves, not second copies
    parts = sorted(str(p.relative_to(project / "output")) for p in (project / "output/dataset").glob("*.nq"))
    assert len(parts) == 5 and set(parts) <= names
    assert all((site / part).stat().st_ino == (project / "output" / part).stat().st_ino for part in parts)
    assert (site / f"article/{SEED}.ttl").read_bytes() == (project / f"output/{SEED}.ttl").read_bytes()
    assert (site / f"article/{SEED}.jsonld").read_bytes() == (project / f"output/{SEED}.jsonld").read_bytes()


def test_seed_summary_counts_entity_pages(project: Path, runner: CliRunner) -> None:
    summary = SUMMARY.fullmatch(build_and_publish(runner))
    assert summary is not None
    articles, entities, written, unchanged, removed = map(int, summary.groups())
    assert (articles, entities, unchanged, removed) == (1, 4, 0, 0)
    # 5 documents x 4 files; index, sitemap index, the pages' sitemap, news sitemap, robots, style,
    # void.ttl/.nt/.jsonld; the undated month's archive page and sitemap; the dataset's 5 parts
    assert written == 5 * 4 + 9 + 2 + 5


def test_undated_articles_are_named_in_a_warning(project: Path, runner: CliRunner) -> None:
    runner.invoke(app, ["build", "-q"])
    result = runner.invoke(app, ["site"])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: 1 of 1 articles are not in the Atom feed, which needs an instant for each entry"
        " (1 have no date: fiverr-ceo-ai-warning): set `date_published` (or `date_modified`) with a time and"
        " UTC offset in their sidecar .toml, e.g. 2025-04-08T09:30:00Z. With no such article there is no feed.atom.\n"
    )


def test_seed_page_shows_the_article_with_fragments_for_its_iris(project: Path, runner: CliRunner) -> None:
    build_and_publish(runner)
    html = (project / f"site/article/{SEED}.html").read_text(encoding="utf-8")
    seed = Page(html)
    assert seed.count("h1") == 1
    assert (
        "<h1>Fiverr CEO Micha Kaufman warns staff that AI is coming for everyone’s jobs, including his own</h1>" in html
    )
    ids = seed.ids()
    assert {f"paragraph-{n}" for n in range(1, 8)} <= ids
    assert {f"source-{n}" for n in range(1, 8)} <= ids
    assert {"quote-1", "quote-2", "input", "build"} <= ids
    assert '<span class="quote" id="quote-1">AI is coming for everyone’s jobs, including mine</span>' in html
    assert '<a href="#quote-1">Quote 1</a>: said by <a href="../person/micha-kaufman.html">Micha Kaufman</a>' in html
    assert (
        'Mentions <a href="../organization/fiverr.html">Fiverr</a>, <a href="../person/micha-kaufman.html">Micha Kaufman</a>'
        in html
    )
    assert '<link rel="canonical" href="https://newsld.example/article/fiverr-ceo-ai-warning.html">' in html
    assert '<link rel="alternate" type="text/turtle" href="../article/fiverr-ceo-ai-warning.ttl">' in html
    assert seed.count("script") == 1  # the JSON-LD; no JavaScript
    assert json.loads(seed.scripts[0]) == json.loads((project / f"output/{SEED}.jsonld").read_text(encoding="utf-8"))
    # no description in the sidecar: the meta description is the lead paragraph, cut at a word
    meta = {a.get("name") or a.get("property"): a.get("content") for t, a in seed.tags if t == "meta"}
    assert str(meta["description"]).startswith("Micha Kaufman, the CEO of Fiverr, has recently issued")
    assert str(meta["description"]).endswith("…") and len(str(meta["description"])) <= 200
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary"
    assert "og:image" not in meta  # no image: none is made up


def test_person_page_lists_facts_quotes_and_articles(project: Path, runner: CliRunner) -> None:
    build_and_publish(runner)
    html = (project / "site/person/micha-kaufman.html").read_text(encoding="utf-8")
    assert "<dt>Job title</dt><dd>Chief Executive Officer</dd>" in html
    assert '<dt>Works for</dt><dd><a href="../organization/fiverr.html">Fiverr</a></dd>' in html
    assert html.count("<blockquote>") == 2
    assert f'<a href="../article/{SEED}.html#quote-2">' in html
    assert html.count(f'<a href="../article/{SEED}.html">') == 1  # in "Articles"
    document = json.loads(Page(html).scripts[0])
    assert document["@id"] == "https://newsld.example/person/micha-kaufman"
    assert document["worksFor"]["name"] == "Fiverr"  # the employer's graph comes along for its name


def test_full_sidecar_reaches_page_feed_and_jsonld(project: Path, runner: CliRunner) -> None:
    (project / f"articles/{SEED}.toml").write_text(FULL_SIDECAR, encoding="utf-8")
    build_and_publish(runner)
    site = project / "site"
    html = (site / f"article/{SEED}.html").read_text(encoding="utf-8")
    assert (
        '<p class="byline">By <span>Jane Doe</span>, <a href="../person/micha-kaufman.html">Micha Kaufman</a>'
        ' · <a href="../organization/noah-wire-services.html">Noah Wire Services</a>'
        ' · <time datetime="2025-04-08">8 April 2025</time>'
        ' · updated <time datetime="2025-04-09T10:00:00+00:00">9 April 2025</time></p>'
    ) in html
    assert '<figure class="lead">\n<img src="https://images.example/kaufman.jpg" alt="">\n</figure>' in html
    assert (
        '<li id="source-1" value="1"><a href="https://news.example/memo">Kaufman&#39;s memo to Fiverr staff</a>,'
        ' <a href="../organization/business-insider.html">Business Insider</a>,'
        ' <time datetime="2025-04-08">8 April 2025</time></li>'
    ) in html
    assert '<li id="source-2" value="2">Source 2</li>' in html
    assert '<li id="source-3" value="3">Source 3, <a href="../organization/fiverr.html">Fiverr</a></li>' in html

    document = json.loads(Page(html).scripts[0])
    assert document["datePublished"] == "2025-04-08"
    assert document["dateModified"] == "2025-04-09T10:00:00+00:00"
    assert document["image"]["contentUrl"] == "https://images.example/kaufman.jpg"
    # A node is described once, where the tree first reaches it; later mentions are {"@id": …} references.
    described = nodes_by_id(document)
    assert [a["name"] for a in document["author"]] == ["Jane Doe", "Micha Kaufman"]  # in full, where named
    assert document["publisher"]["name"] == "Noah Wire Services"
    source = document["citation"][0]
    assert source["url"] == "https://news.example/memo"
    assert described[source["publisher"]["@id"]]["name"] == "Business Insider"

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "feed.atom").read_bytes())
    entry = feed.find(f"{atom}entry")
    assert entry is not None
    assert entry.findtext(f"{atom}id") == BASE + "article/" + SEED
    assert entry.findtext(f"{atom}updated") == "2025-04-09T10:00:00Z"
    assert entry.find(f"{atom}published") is None  # published on 8 April, at a time no one gave
    assert [c.get("label") for c in entry.findall(f"{atom}category")] == ["Micha Kaufman"]
    assert str(entry.findtext(f"{atom}summary")).startswith("Micha Kaufman, the CEO of Fiverr")
    assert [a.findtext(f"{atom}name") for a in entry.findall(f"{atom}author")] == ["Jane Doe", "Micha Kaufman"]
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemaps = [str(s.findtext(f"{ns}loc")) for s in ET.fromstring((site / "sitemap.xml").read_bytes())]
    assert sitemaps == [BASE + "sitemap-pages.xml", BASE + "sitemap-2025-04.xml"]
    locations = [
        u.findtext(f"{ns}loc")
        for name in sitemaps
        for u in ET.fromstring((site / name.removeprefix(BASE)).read_bytes())
    ]
    assert BASE + "article/" + SEED + ".html" in locations and BASE + "archive-2025-04.html" in locations
    assert BASE + "organization/business-insider.html" in locations
    assert all(str(loc).startswith(BASE) for loc in locations)


def test_embedded_jsonld_states_the_same_facts_as_the_turtle(project: Path, runner: CliRunner) -> None:
    """Expanded offline to RDF (pyld, no remote contexts), the page's JSON-LD is the article's Turtle graph."""
    (project / f"articles/{SEED}.toml").write_text(FULL_SIDECAR, encoding="utf-8")
    build_and_publish(runner)
    site = project / "site"
    for path in (f"article/{SEED}", "person/micha-kaufman", "organization/business-insider"):
        document = json.loads(page(site, f"{path}.html").scripts[0])  # the document's own block
        nquads = pyld.to_rdf(document, {"format": "application/n-quads"})
        from_page = set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        from_turtle = set(ox.parse(path=str(site / f"{path}.ttl"), format=ox.RdfFormat.TURTLE))
        assert from_page == from_turtle, path
        assert from_turtle == set(ox.parse(path=str(site / f"{path}.nt"), format=ox.RdfFormat.N_TRIPLES))


def test_embedded_jsonld_passes_the_schemaorg_shapes(project: Path, runner: CliRunner) -> None:
    (project / f"articles/{SEED}.toml").write_text(FULL_SIDECAR, encoding="utf-8")
    build_and_publish(runner)
    script = page(project / "site", f"article/{SEED}.html").scripts[0]
    (project / "embedded.jsonld").write_text(script, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--schemaorg", "embedded.jsonld"])
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


def test_rebuild_writes_only_what_changed_and_removes_what_left(project: Path, runner: CliRunner) -> None:
    build_and_publish(runner)
    (project / "site/notes.txt").write_text("not newsld's", encoding="utf-8")
    again = SUMMARY.fullmatch(build_and_publish(runner))
    assert again is not None and again.group(3) == "0" and again.group(5) == "0"

    write_article(project / "articles", "second.txt", HOSTILE)
    second = SUMMARY.fullmatch(build_and_publish(runner))
    assert second is not None
    assert second.group(1) == "2"
    before = snapshot(project / "site")
    assert "article/second.html" in before and "organization/example-wire.html" in before

    (project / "articles/second.txt").unlink()
    third = SUMMARY.fullmatch(build_and_publish(runner))
    assert third is not None
    after = snapshot(project / "site")
    gone = sorted(set(before) - set(after))
    state = read_state(project / "output")
    assert state is not None
    # The site links exactly the build's parts: a part left with no graph goes with the pages.
    assert sorted(name for name in after if name.startswith("dataset/")) == state.part_files
    parts_gone = sorted(name for name in before if name.startswith("dataset/") and name not in after)
    assert gone == sorted(
        [f"{p}.{e}" for p in ("article/second", "organization/example-wire") for e in ("html", "jsonld", "nt", "ttl")]
        + parts_gone
    )
    assert int(third.group(5)) == len(gone)
    assert after["notes.txt"] == b"not newsld's"  # files newsld did not write are left alone
    assert after[f"article/{SEED}.html"] == before[f"article/{SEED}.html"]


def test_hostile_text_is_text(project: Path, runner: CliRunner) -> None:
    write_article(project / "articles", "second.txt", HOSTILE)
    build_and_publish(runner)
    html = (project / "site/article/second.html").read_text(encoding="utf-8")
    hostile = Page(html)
    assert hostile.count("script") == 1 and hostile.count("img") == 0 and hostile.count("b") == 0
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "</script><script>" not in html.split("</head>")[1]
    text = "".join(hostile.text)
    assert "</script><script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert "\u202eevil\u202c" in text
    document = json.loads(hostile.scripts[0])  # the JSON-LD is escaped, so the script element holds it whole
    assert "</script><script>alert(1)</script>" in document["articleBody"]


def test_unattributed_quotation_names_no_speaker(project: Path, runner: CliRunner) -> None:
    write_article(
        project / "articles",
        "unattributed.txt",
        "Officials met on Monday. “We will not stop,” one of them said.\n\nSource: Example Wire\n",
    )
    build_and_publish(runner)
    html = (project / "site/article/unattributed.html").read_text(encoding="utf-8")
    assert '<a href="#quote-1">Quote 1</a>: speaker not established' in html


def test_each_credited_quotation_links_its_rule_on_the_software_page(project: Path, runner: CliRunner) -> None:
    build_and_publish(runner)
    article = (project / f"site/article/{SEED}.html").read_text(encoding="utf-8")
    rule = "../software/newsld/0.1.0.html#attribution-pronoun"
    assert article.count(f'(rule <a href="{rule}">pronoun</a>)') == 2
    software = page(project / "site", "software/newsld/0.1.0.html")
    assert "attribution-pronoun" in software.ids()  # the link's fragment is on the page
    html = (project / "site/software/newsld/0.1.0.html").read_text(encoding="utf-8")
    assert '<dt id="attribution-pronoun"><code>pronoun</code></dt><dd>He or she in the cue' in html


def test_an_anonymous_quotation_shows_the_editors_credit(project: Path, runner: CliRunner) -> None:
    write_article(
        project / "articles",
        "anonymous.txt",
        "Officials met on Monday. “We will not stop,” one of them said.\n\nSource: Example Wire\n",
    )
    (project / "articles/anonymous.toml").write_text(
        '[[quotes]]\ntext = "We will not stop"\nunattributed = "an official at the meeting"\n', encoding="utf-8"
    )
    build_and_publish(runner)
    html = (project / "site/article/anonymous.html").read_text(encoding="utf-8")
    assert (
        '<a href="#quote-1">Quote 1</a>: said by an official at the meeting'
        ' <small class="rule">(anonymous by the editor)</small>' in html
    )


def test_site_without_a_build_is_an_input_error(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["site"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "error: output/dataset: does not exist, so there is nothing to publish. Run `newsld build` first.\n"
    )
    assert not (project / "site").exists()


def test_site_folder_that_is_a_file_is_an_output_error(project: Path, runner: CliRunner) -> None:
    runner.invoke(app, ["build", "-q"])
    (project / "site").write_text("a file", encoding="utf-8")
    result = runner.invoke(app, ["site"])
    assert result.exit_code == 2
    assert result.stderr == "error: site: is not a folder. Choose another --out.\n"
    assert (project / "site").read_text(encoding="utf-8") == "a file"


def test_site_setting_and_options(project: Path, runner: CliRunner) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace('store = "store"', 'store = "store"\nsite = "public"')
    )
    runner.invoke(app, ["build", "-q"])
    assert runner.invoke(app, ["site", "--title", "The Daily Graph"]).exit_code == 0
    assert "<title>The Daily Graph</title>" in (project / "public/index.html").read_text(encoding="utf-8")
    assert runner.invoke(app, ["site", "--out", "elsewhere"]).exit_code == 0
    assert (project / "elsewhere/index.html").is_file()


def test_favicon_setting(project: Path, runner: CliRunner) -> None:
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16"/></svg>\n'
    (project / "icon.svg").write_text(icon, encoding="utf-8")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace('store = "store"', 'store = "store"\nfavicon = "icon.svg"')
    )
    build_and_publish(runner)
    assert (project / "site/favicon.svg").read_text(encoding="utf-8") == icon
    assert '<link rel="icon" href="../favicon.svg">' in (project / f"site/article/{SEED}.html").read_text(
        encoding="utf-8"
    )
    assert '<link rel="icon" href="favicon.svg">' in (project / "site/index.html").read_text(encoding="utf-8")


def test_a_site_an_older_newsld_made_is_taken_over(project: Path, runner: CliRunner) -> None:
    """Its list of files (.newsld-site.json) says what newsld wrote: what the dataset no longer has goes."""
    site = project / "site"
    (site / "article").mkdir(parents=True)
    (site / "article/gone.html").write_text("old page", encoding="utf-8")
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    (site / ".newsld-site.json").write_text(json.dumps({"files": ["article/gone.html", "index.html"]}))
    build_and_publish(runner)
    assert not (site / "article/gone.html").exists() and not (site / ".newsld-site.json").exists()
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (site / f"article/{SEED}.html").is_file()


def test_an_entity_page_lists_its_newest_articles_and_says_how_many_name_it(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `ENTITY_ARTICLES`, a page lists the newest (and their quotations) and counts the rest:
    a person 20,000 articles name gets a page made from 100 of them."""
    from pipeline.web import site as site_module

    monkeypatch.setattr(site_module, "ENTITY_ARTICLES", 1)
    seed = (project / f"articles/{SEED}.txt").read_text(encoding="utf-8")
    write_article(project / "articles", "later.txt", seed, 'date_published = "2099-01-01"\nheadline = "Later"\n')
    build_and_publish(runner)
    html = (project / "site/person/micha-kaufman.html").read_text(encoding="utf-8")
    assert "The newest 1 of the 2 articles that name Micha Kaufman, with the quotations they attribute above." in html
    assert '<a href="../article/later.html">Later</a>' in html and f"../article/{SEED}.html" not in html


def test_an_edit_rewrites_its_months_archive_and_sitemap_and_the_front_page_shows_the_newest(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lists by month: an edit rewrites the front page and its own month's archive and sitemap, not
    another month's; an article moved to another month rewrites both; a month left empty goes."""
    from pipeline.web import site as site_module
    from pipeline.web.pages import Renderer

    monkeypatch.setattr(site_module, "FRONT_PAGE", 2)
    seed = (project / f"articles/{SEED}.txt").read_text(encoding="utf-8")
    (project / f"articles/{SEED}.toml").write_text('date_published = "2026-10-02"\n', encoding="utf-8")
    for name, day in (("march-a", "2026-03-05"), ("march-b", "2026-03-20")):
        write_article(project / "articles", f"{name}.txt", seed, f'date_published = "{day}"\nheadline = "{name}"\n')
    build_and_publish(runner)
    site = project / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('<li><a href="article/') == 2 and "march-a" not in index.split('<nav class="archive"')[0]
    assert '<a href="archive-2026-10.html">October 2026</a> (1)' in index
    assert '<a href="archive-2026-03.html">March 2026</a> (2)' in index
    march = (site / "archive-2026-03.html").read_text(encoding="utf-8")
    assert march.index("march-b.html") < march.index("march-a.html")  # newest first

    rendered: list[str] = []
    archive = Renderer.archive

    def counted(self: Renderer, month: str, cards: object) -> bytes:
        rendered.append(month)
        return archive(self, month, cards)  # type: ignore[arg-type]

    monkeypatch.setattr(Renderer, "archive", counted)

    def rebuild(change: Callable[[], object]) -> set[str]:
        change()
        rendered.clear()
        before = snapshot(site)
        build_and_publish(runner)
        after = snapshot(site)
        return {
            n
            for n in before.keys() | after.keys()
            if before.get(n) != after.get(n) and n.startswith(("archive-", "sitemap"))
        }

    sidecar = project / "articles/march-a.toml"
    edited = rebuild(lambda: sidecar.write_text('date_published = "2026-03-05"\nheadline = "March A, corrected"\n'))
    assert edited == {"archive-2026-03.html"} and rendered == ["2026-03"]  # October's list is not made again
    moved = rebuild(lambda: sidecar.write_text('date_published = "2026-05-01"\nheadline = "march-a"\n'))
    assert moved == {
        "archive-2026-03.html",
        "sitemap-2026-03.xml",
        "archive-2026-05.html",
        "sitemap-2026-05.xml",
        "sitemap.xml",
        "sitemap-pages.xml",
    }  # a new month: indexed and listed

    def remove_march_b() -> None:
        for suffix in (".txt", ".toml"):
            (project / f"articles/march-b{suffix}").unlink()

    gone = rebuild(remove_march_b)
    assert gone == {"archive-2026-03.html", "sitemap-2026-03.xml", "sitemap.xml", "sitemap-pages.xml"}
    assert not (site / "archive-2026-03.html").exists() and not (site / "sitemap-2026-03.xml").exists()
