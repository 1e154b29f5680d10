"""`newsld site`: the published dataset as a static web site whose paths are the IRIs' paths.

For every IRI `{base}{path}` the site holds `{path}.html` (the page, with the document's JSON-LD
embedded), `{path}.ttl`, `{path}.jsonld` and `{path}.nt`, so a server that negotiates content
(`newsld serve`, or nginx with the shipped configuration) answers the IRI itself. Articles are
documents (200); people, organisations and the software are things, answered with a 303 to their
document. Plus `index.html` (the newest articles) and an archive page per month (`web.archive`),
the sitemaps, `robots.txt`, `feed.atom`, `style.css`,
the dataset's VoID description (`void.ttl`, `.jsonld`, `.nt`, listing the downloads) and the
dataset's parts, `dataset/*.nq` (hard links to the build's files, not copies).

A run renders only what the build changed since the site last mirrored it (the build's per-graph
digests, `builder.state`): the pages and files of the articles added, changed or removed, the
pages of the entities they name before and after, of entities whose own graph changed, and of
articles and entities that show a renamed entity; the front page, the sitemap index and the feed
are made again from each article's kept row and sitemap entry (`web.state`), and the archive page
and sitemap of each month an article joined or left. Graphs are read one block at a time from
the dataset's parts by offset, so memory is bounded by the pages being written. `full=True`
(`newsld site --full`) renders everything and gives the same folder. Other files in the folder are
left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pyoxigraph as ox

from pipeline._version import __version__
from pipeline.builder.state import DATASET, Dataset, open_dataset, read_changes, read_state
from pipeline.builder.void import VOID_FILE
from pipeline.config import Settings
from pipeline.errors import InputError, OutputError
from pipeline.io.files import read_bytes, sweep_temporary_files, write_files_atomic
from pipeline.io.kernel import close_in_background
from pipeline.io.lock import folder_lock
from pipeline.io.sorting import natural_key
from pipeline.rdf.serialize import publish
from pipeline.web import feeds
from pipeline.web.archive import FRONT_PAGE, archive_page
from pipeline.web.documents import data_files, notices, timed, void_files
from pipeline.web.model import article_view, entity_info, entity_view, is_shared, nodes_of, triples_of
from pipeline.web.pages import Renderer, Site, index_row, resource
from pipeline.web.state import SITE_LEVEL, SiteState
from pipeline.web.views import Listed

LEGACY_MANIFEST = ".newsld-site.json"  # what newsld < 0.2 listed its files in
BATCH_FILES = 400  # files written together (atomically) at most
ENTITY_ARTICLES = 100  # an entity's page lists the newest articles that name it, this many at most
_MONTH = "month:"  # the owner of a month's archive page and sitemaps: "month:2026-11"
BATCH_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class SiteResult:
    """What `build_site` did: files written (changed), unchanged, removed; warnings for the editor."""

    out: Path
    articles: int
    entities: int
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    rendered_articles: int = 0
    rendered_entities: int = 0
    full: bool = True


def build_site(
    output: Path | None = None,
    out: Path | None = None,
    base: str | None = None,
    title: str | None = None,
    *,
    full: bool = False,
) -> SiteResult:
    """Write the web site of the build in `output` to `out` [defaults: [tool.newsld] output, site, base];
    only what changed since the last run unless `full`.

    >>> build_site(Path("output"), Path("site"), "https://newsld.example/")
    """
    from pipeline.config import load_settings

    settings = load_settings()
    site = out or settings.site
    with folder_lock(site, "site"):  # one run writes the folder at a time
        sweep_temporary_files(site, recursive=True)  # what a killed run left
        return _publish(settings, output or settings.output, site, base or settings.base, title, full)


def _publish(settings: Settings, output: Path, out: Path, base: str, title: str | None, full: bool) -> SiteResult:
    started = time.perf_counter()
    if not (output / DATASET).is_dir():
        raise InputError(
            "does not exist, so there is nothing to publish.",
            path=output / DATASET,
            fix="Run `newsld build` first.",
            slug="no-dataset",
        )
    if read_state(output) is None:
        raise InputError(
            "has no graphs.tsv: it was built by an older newsld.",
            path=output,
            fix="Run `newsld build --force`.",
            slug="no-build-state",
        )
    if out.exists() and not out.is_dir():
        raise OutputError("is not a folder.", path=out, fix="Choose another --out.", slug="site-not-folder")
    out.mkdir(parents=True, exist_ok=True)
    site_title = title or urlsplit(base).hostname or "newsld"
    favicon = settings.favicon if settings.favicon is not None and settings.favicon.is_file() else None
    publication = settings.publisher.name if settings.publisher else site_title
    state = SiteState(out)
    try:
        with open_dataset(output) as dataset:
            run = _Run(out, output, dataset, state, base, site_title, favicon, publication)
            run.go(full)
            state.commit()
    finally:
        state.close()
    return SiteResult(
        out=out,
        articles=run.article_count,
        entities=run.entity_count,
        written=tuple(sorted(run.written)),
        unchanged=run.unchanged,
        removed=tuple(sorted(run.removed)),
        warnings=tuple(run.warnings),
        seconds=time.perf_counter() - started,
        rendered_articles=len(run.rendered_articles),
        rendered_entities=len(run.rendered_entities),
        full=run.full,
    )


@dataclass
class _Run:
    out: Path
    output: Path
    dataset: Dataset
    state: SiteState
    base: str
    title: str
    favicon: Path | None
    publication: str
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    rendered_articles: set[str] = field(default_factory=set)
    rendered_entities: set[str] = field(default_factory=set)
    full: bool = False
    article_count: int = 0
    entity_count: int = 0
    _pending: dict[Path, bytes] = field(default_factory=dict)
    _pending_size: int = 0

    def go(self, full: bool) -> None:
        graphs = self.dataset.state.graphs
        self.article_count, self.entity_count = self._counts()
        fingerprint = self._fingerprint()
        legacy = self.out / LEGACY_MANIFEST
        self.full = full or self.state.meta("fingerprint") != fingerprint or legacy.exists()
        if self.full:
            self.state.reset()
            self.state.set_meta("fingerprint", fingerprint)
        changed, gone = self._changes()
        articles = {g for g in changed if graphs[g].article}
        shared = changed - articles
        has_feed = self._feed_after(articles)
        if self.state.meta("feed") != str(has_feed):
            # Every page links the feed or does not: all of them change.
            changed, self.full = set(self._mirrored()), True
            articles = {g for g in changed if graphs[g].article}
            shared = changed - articles
            self.state.set_meta("feed", str(has_feed))
        site = Site(self.base, self.title, has_feed, f"favicon{self.favicon.suffix}" if self.favicon else None)
        renderer = Renderer(site)

        gone_articles = {g for g in gone if g.startswith(f"{self.base}article/")}
        shared_changes = shared | (gone - gone_articles)
        # Pages and files that include a changed shared graph: an article's file describes the people
        # and organisations it names, an entity's page its employer.
        users = self.state.users_of(shared_changes)
        user_articles = {g for g in users if g in graphs and graphs[g].article}
        self._entities(shared, gone - gone_articles)
        touched = self._articles(renderer, articles, gone_articles, user_articles)
        # An entity's page shows its own graph and those it links to, and lists the articles that
        # name it: any of them changed, the page is made again.
        dirty = shared | touched | users
        self._entity_pages(renderer, sorted((g for g in dirty if self._mirrors(g, shared=True)), key=natural_key))
        for graph in gone:
            self.state.set_digest(graph, None)
        self.state.set_meta("build", self.dataset.state.build)
        if self.full or changed or gone:  # else the index, sitemaps, feed and VoID are as they were
            self._site_files(site, renderer)
        else:
            self._link_dataset()
            self.warnings += notices(self.state.listing(), has_feed)
        if legacy.exists():  # what an older newsld wrote and this run did not: gone from the dataset
            kept = self.state.files()
            for name in sorted(set(_legacy_list(legacy)) - set(kept)):
                self._remove(name)
        self.flush()
        if legacy.exists():
            legacy.unlink()

    def _fingerprint(self) -> str:
        """What every page depends on besides the graphs: a change renders everything."""
        here = Path(__file__).parent
        code = sorted([*here.glob("*.py"), *(here / "templates").iterdir()])
        digest = hashlib.sha256()
        for part in (__version__, self.base, self.title, self.publication):
            digest.update(part.encode() + b"\0")
        for path in code:  # the site's own code and templates: pages look as they say
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        if self.favicon is not None:
            digest.update(self.favicon.name.encode() + read_bytes(self.favicon))
        return digest.hexdigest()

    def _counts(self) -> tuple[int, int]:
        """The dataset's articles and the entities that have pages (their graphs under the base)."""
        state = self.dataset.state
        return len(state.article_order), sum(1 for g in state.shared_graphs if g.startswith(self.base))

    def _mirrors(self, graph: str, *, shared: bool = False) -> bool:
        """Whether the site has pages for `graph` (an article's, or an entity's under the base)."""
        entry = self.dataset.state.graphs.get(graph)
        return (
            entry is not None
            and (not entry.article if shared else True)
            and (entry.article or graph.startswith(self.base))
        )

    def _mirrored(self) -> dict[str, str]:
        """The digest of every graph the site has pages for, by graph."""
        return {g: e.digest for g, e in self.dataset.state.graphs.items() if e.article or g.startswith(self.base)}

    def _changes(self) -> tuple[set[str], set[str]]:
        """The graphs whose pages are to be made again, and those gone since the site's last run.

        When the site mirrors the build the last build started from, that build's change set says
        it (`changes.json`): the graphs it wrote and removed, not a comparison of every digest
        (107,000 at 100,000 articles). Else the digests the site kept are compared with the build's."""
        state = self.dataset.state
        mirrored = None if self.full else self.state.meta("build")
        if mirrored is not None and mirrored == state.build:
            return set(), set()
        delta = read_changes(self.output) if mirrored is not None else None
        if delta is not None and delta.previous == mirrored and delta.build == state.build:
            changed = {g for g in delta.written if self._mirrors(g)}
            return changed, {g for g in delta.removed if self.state.has_digest(g)}
        before = self.state.digests()
        now = self._mirrored()
        return {g for g, d in now.items() if before.get(g) != d}, set(before) - set(now)

    def _feed_after(self, changed: set[str]) -> bool:
        """Whether some article will have an instant (so there is a feed), before any page is made.

        From the kept cards of the articles that did not change and, for the changed ones, their
        blocks' N-Quads: our writer puts a date-time on one line with its datatype."""
        if any(timed(iri, block) for iri, block in self.dataset.blocks(changed)):
            return True
        graphs = self.dataset.state.graphs
        return any(iri in graphs and iri not in changed for iri in self.state.timed_articles())

    def _entities(self, changed: set[str], gone: set[str]) -> None:
        """Record the changed entities' names, kinds and links; forget the removed ones."""
        for iri in gone:
            self.state.put_entity(iri, None)
            self._drop_files(iri)
        for iri, block in self.dataset.blocks(changed):
            self.state.put_entity(iri, entity_info(iri, nodes_of(triples_of(block)), self.base))

    def _articles(self, renderer: Renderer, changed: set[str], gone: set[str], showing: set[str]) -> set[str]:
        """Render the changed articles and those that show a changed entity; drop the removed ones.
        Returns the entities whose pages list them, before and after."""
        touched: set[str] = set()
        for iri in gone:
            touched |= self.state.links_of(iri)
            self.state.put_article(iri, None, (), ())
            self._drop_files(iri)
        for iri, block in self.dataset.blocks(changed | (showing - gone)):
            touched |= self.state.links_of(iri)
            touched |= self._article(renderer, iri, block)
            self.state.set_digest(iri, self.dataset.state.graphs[iri].digest)
        return touched

    def _article(self, renderer: Renderer, iri: str, block: bytes) -> set[str]:
        view = article_view(iri, nodes_of(triples_of(block)), self.base, self.state.name)
        slug = view.slug
        data = {suffix: read_bytes(self.output / f"{slug}{suffix}") for suffix in (".ttl", ".jsonld")}
        # The Turtle's triples are in canonical order already: N-Triples keeps it.
        triples = list(ox.parse(data[".ttl"], format=ox.RdfFormat.TURTLE))
        data[".nt"] = publish.ntriples(triples)
        described = {t.subject.value.partition("#")[0] for t in triples if isinstance(t.subject, ox.NamedNode)}
        self.state.set_uses(iri, sorted(g for g in described if is_shared(g, self.base)))
        files = {f"article/{slug}{suffix}": body for suffix, body in data.items()}
        files[view.page] = renderer.article(view, data[".jsonld"])
        self._own(iri, files)
        links = view.linked()
        card = view.card()
        row, entry = index_row(card), feeds.sitemap_entry(renderer.site, card)
        self.state.put_article(iri, card, links, view.quoted(), row, entry)
        self.rendered_articles.add(iri)
        return links

    def _entity_pages(self, renderer: Renderer, entities: list[str]) -> None:
        for iri in entities:
            info = self.state.entity(iri)
            if info is None:
                continue
            used = [g for g in info.uses if g in self.dataset.state.graphs and not self.dataset.state.graphs[g].article]
            blocks = dict(self.dataset.blocks([iri, *used]))
            own = triples_of(blocks[iri])
            triples = own + [t for g in used for t in triples_of(blocks[g])]
            cards, total = self.state.linking(iri, ENTITY_ARTICLES)
            by_article: dict[str, list[tuple[int, str]]] = {}
            for article, number, text in self.state.quotes_by(iri, (card.iri for card in cards)):
                by_article.setdefault(article, []).append((number, text))
            quotes = [(card, n, text) for card in cards for n, text in sorted(by_article.get(card.iri, []))]
            view = entity_view(iri, nodes_of(triples), self.base, self.state.name, cards, quotes, total)
            data = data_files(iri, self.base, view.kind, triples)
            files = {f"{view.path}{suffix}": body for suffix, body in data.items()}
            files[view.page] = renderer.entity(view, data[".jsonld"])
            self._own(iri, files)
            self.state.set_digest(iri, self.dataset.state.graphs[iri].digest)
            self.rendered_entities.add(iri)

    def _site_files(self, site: Site, renderer: Renderer) -> None:
        # The lists are made from each article's kept row and entry; only the articles in the feed
        # and the news sitemap are read whole.
        listing = self.state.listing()  # newest first
        months = listing.months
        entity_pages = sorted((f"{iri[len(self.base) :]}.html" for iri in self.state.entity_iris()), key=natural_key)
        counts = [(month, len(items)) for month, items in months.items()]
        files = {"style.css": resource("style.css"), "index.html": renderer.index(listing.items[:FRONT_PAGE], counts)}
        pages = feeds.pages_sitemaps(site, list(months), entity_pages)
        files.update(pages)
        files["sitemap.xml"] = feeds.sitemap_index(site, [*pages, *self._months(renderer, months)])
        news = self.state.cards_of(item.iri for item in feeds.news_window(listing.items))
        files["news-sitemap.xml"] = feeds.news_sitemap(site, news, self.publication)
        files["robots.txt"] = feeds.robots(site)
        newest = self.state.cards_of(item.iri for item in listing.newest_timed(feeds.FEED_ENTRIES))
        atom = feeds.feed(site, newest, lambda card: list(card.authors) or [card.publisher or site.title])
        if atom is not None:
            files["feed.atom"] = atom
        void = self.output / VOID_FILE
        if void.is_file():
            turtle = read_bytes(void)
            derived = ("void.ttl", "void.nt", "void.jsonld")
            if all((self.out / name).is_file() for name in derived) and read_bytes(self.out / "void.ttl") == turtle:
                files.update({name: read_bytes(self.out / name) for name in derived})  # made from these bytes
            else:
                files.update(void_files(turtle))
        if self.favicon is not None and site.favicon is not None:
            files[site.favicon] = read_bytes(self.favicon)
        self._own(SITE_LEVEL, files, extra=self.dataset.state.part_files)
        self._link_dataset()
        self.warnings += notices(listing, atom is not None)

    def _months(self, renderer: Renderer, months: dict[str, list[Listed]]) -> list[str]:
        """Write the archive page and the sitemap of each month an article left or joined (of every
        month, in a full run), remove those of months that have none left; return the names of
        every month's sitemaps, newest month first, for the sitemap index."""
        changed = None if self.full else self.state.months_changed()
        for owner in self.state.owners(_MONTH):
            if owner.removeprefix(_MONTH) not in months:
                self._drop_files(owner)
        names: list[str] = []
        for month, items in months.items():
            owner = f"{_MONTH}{month}"
            if changed is None or month in changed or not self.state.files(owner):
                files = {archive_page(month): renderer.archive(month, items)}
                files.update(feeds.month_sitemaps(month, [item.entry for item in items]))
                self._own(owner, files)
            names += sorted((n for n in self.state.files(owner) if n.startswith("sitemap-")), key=natural_key)
        return names

    def _link_dataset(self) -> None:
        """site/dataset/*.nq are the build's parts themselves (hard links): no second copy of the
        largest files. A part the build left as it is is not touched."""
        for name in self.dataset.state.part_files:
            self._link(name)

    def _link(self, name: str) -> None:
        source, target = self.output / name, self.out / name
        try:
            if target.exists() and source.samefile(target):
                self.unchanged += 1
                return
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            os.link(source, temporary)
        except OSError:
            # Another file system: a copy it has to be (the folder's files must be whole on their own).
            self._pending[target] = read_bytes(source)
            self.written.append(name)
            return
        try:
            # The link replaced is often the last of the build's previous part: freeing its blocks
            # happens when it is closed, on a thread, not inside the rename.
            previous: IO[bytes] | None = target.open("rb")
        except OSError:
            previous = None
        temporary.replace(target)
        if previous is not None:
            close_in_background(previous)
        self.written.append(name)

    def _own(self, owner: str, files: dict[str, bytes], extra: Iterable[str] = ()) -> None:
        """Write `files` (what changed of them) as `owner`'s, and remove what it had and no longer has."""
        previous = self.state.files(owner)
        for name, data in files.items():
            self._put(name, data)
        names = {*files, *extra}
        for name in sorted(set(previous) - names):
            self._remove(name)
        self.state.set_files(owner, names)

    def _drop_files(self, owner: str) -> None:
        for name in sorted(self.state.files(owner)):
            self._remove(name)
        self.state.set_files(owner, ())

    def _put(self, name: str, data: bytes) -> None:
        path = self.out / name
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if same:
            self.unchanged += 1
            return
        self._pending[path] = data
        self._pending_size += len(data)
        self.written.append(name)
        if len(self._pending) >= BATCH_FILES or self._pending_size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            write_files_atomic(self._pending)
        self._pending, self._pending_size = {}, 0

    def _remove(self, name: str) -> None:
        """Remove a file newsld wrote, and folders it leaves empty."""
        path = self.out / name
        root = self.out.resolve()
        if root not in path.resolve().parents or not path.is_file():
            return
        self._pending.pop(path, None)
        path.unlink()
        self.removed.append(name)
        parent = path.parent
        while parent != self.out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _legacy_list(path: Path) -> list[str]:
    try:
        return [str(name) for name in json.loads(path.read_text("utf-8")).get("files", [])]
    except (OSError, ValueError, AttributeError):
        return []
