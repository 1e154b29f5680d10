"""What `newsld site` keeps between runs, so that a run renders only what a build changed.

An SQLite file in the site folder (`.newsld-site.db`; hidden, so neither server serves it) holds:
the digest of each graph of the dataset the site mirrors (from the build's `graphs.tsv`), each
entity's name and kind and the shared graphs its page includes, each article's `Card` with the
entities it links to and the quotations it attributes, and the files newsld wrote with the graph
they belong to (so that removals need no listing of the folder). Small per-entity indexes, not
the dataset: a corpus of 100,000 articles keeps about 100 MB here. A run that cannot trust the
file (missing, another schema version, other settings) renders everything (`--full`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from pipeline.web.archive import month_of
from pipeline.web.listing import Listing
from pipeline.web.views import Card, EntityInfo, Listed, newest_first

STATE_FILE = ".newsld-site.db"
SCHEMA_VERSION = "3"
SITE_LEVEL = ""  # the owner of the files no one graph makes (index, sitemaps, feed, style)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE graphs (graph TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE entities (iri TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE uses (entity TEXT NOT NULL, used TEXT NOT NULL, PRIMARY KEY (entity, used)) WITHOUT ROWID;  -- user, used
CREATE INDEX uses_used ON uses (used);
CREATE TABLE cards (
    iri TEXT PRIMARY KEY, card BLOB NOT NULL, timed INTEGER NOT NULL,
    slug TEXT NOT NULL, published TEXT, modified TEXT, alt_missing INTEGER NOT NULL, row TEXT NOT NULL,
    entry TEXT NOT NULL
);
CREATE INDEX cards_timed ON cards (timed) WHERE timed = 1;
CREATE TABLE links (entity TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (entity, article)) WITHOUT ROWID;
CREATE INDEX links_article ON links (article);
CREATE TABLE quotes (
    speaker TEXT NOT NULL, article TEXT NOT NULL, number INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (speaker, article, number)
) WITHOUT ROWID;
CREATE INDEX quotes_article ON quotes (article);
CREATE TABLE files (path TEXT PRIMARY KEY, owner TEXT NOT NULL);
CREATE INDEX files_owner ON files (owner);
"""


# A site's listing as the last run of this process left it: its state file -> (generation, listing).
_LISTINGS: dict[str, tuple[str, Listing]] = {}


def _keep_listing(key: str, generation: str, listing: Listing) -> None:
    _LISTINGS.clear()  # one site at a time: a listing holds a row per article of the corpus
    _LISTINGS[key] = (generation, listing)


class SiteState:
    """The kept state of one site folder; changes are one transaction (`commit`)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_FILE
        self._touched: set[str] | None = set()  # articles put or forgotten this run (None: all of them)
        self._listed: Listing | None = None  # this run's listing, once made after the last change
        self._months: set[str] | None = set()  # the archive months articles left or joined (None: all)
        self.db = sqlite3.connect(self.path, isolation_level="DEFERRED")
        self.db.execute("PRAGMA journal_mode = DELETE")
        self.db.execute("PRAGMA synchronous = NORMAL")
        if self._version() != SCHEMA_VERSION:
            self.reset()

    def _version(self) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError:
            return None
        return str(row[0]) if row else None

    def reset(self) -> None:
        """Forget everything but the files written (a full run starts from this)."""
        self._touched, self._listed, self._months = None, None, None
        files = self.files() if self._version() == SCHEMA_VERSION else {}
        tables = [row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            self.db.execute(f"DROP TABLE IF EXISTS {table}")
        self.db.executescript(_SCHEMA)
        self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        self.db.executemany("INSERT INTO files VALUES (?, ?)", files.items())

    def close(self) -> None:
        self.db.close()

    def commit(self) -> None:
        """Write this run's changes; a watching process keeps the listing as this run left it."""
        key = os.path.abspath(self.path)  # noqa: PTH100
        if self._touched == set():
            self.db.commit()
            generation = self.meta("listing")
            if self._listed is not None and generation is not None:
                _keep_listing(key, generation, self._listed)
            return
        generation = os.urandom(8).hex()
        self.set_meta("listing", generation)
        self.db.commit()
        if self._listed is not None:
            _keep_listing(key, generation, self._listed)
        else:
            _LISTINGS.pop(key, None)
        self._touched, self._listed, self._months = set(), None, set()

    def months_changed(self) -> set[str] | None:
        """The archive months (`archive.month_of`) that articles put or forgotten since the last
        commit left or joined; None after a `reset`: every month."""
        return None if self._months is None else set(self._months)

    # settings and facts of the whole site
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # graphs mirrored
    def digests(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT graph, digest FROM graphs"))

    def has_digest(self, graph: str) -> bool:
        return self.db.execute("SELECT 1 FROM graphs WHERE graph = ?", (graph,)).fetchone() is not None

    def set_digest(self, graph: str, digest: str | None) -> None:
        if digest is None:
            self.db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))
        else:
            self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?)", (graph, digest))

    # entities
    def entity(self, iri: str) -> EntityInfo | None:
        row = self.db.execute("SELECT name, kind FROM entities WHERE iri = ?", (iri,)).fetchone()
        if row is None:
            return None
        uses = tuple(r[0] for r in self.db.execute("SELECT used FROM uses WHERE entity = ? ORDER BY used", (iri,)))
        return EntityInfo(row[0], row[1], uses)

    def name(self, iri: str) -> str | None:
        row = self.db.execute("SELECT name FROM entities WHERE iri = ?", (iri,)).fetchone()
        return str(row[0]) if row else None

    def entity_iris(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT iri FROM entities")]

    def put_entity(self, iri: str, info: EntityInfo | None) -> None:
        self.db.execute("DELETE FROM entities WHERE iri = ?", (iri,))
        self.set_uses(iri, info.uses if info is not None else ())
        if info is not None:
            self.db.execute("INSERT INTO entities VALUES (?, ?, ?)", (iri, info.name, info.kind))

    def set_uses(self, user: str, used: Iterable[str]) -> None:
        """Record the shared graphs whose triples `user`'s files include (an article's file describes
        the people it names; an entity's page includes its employer)."""
        self.db.execute("DELETE FROM uses WHERE entity = ?", (user,))
        self.db.executemany("INSERT INTO uses VALUES (?, ?)", ((user, graph) for graph in used))

    def users_of(self, graphs: Iterable[str]) -> set[str]:
        """The articles and entities whose files include one of `graphs`."""
        found: set[str] = set()
        for graph in graphs:
            found.update(row[0] for row in self.db.execute("SELECT entity FROM uses WHERE used = ?", (graph,)))
        return found

    # articles
    def card(self, iri: str) -> Card | None:
        row = self.db.execute("SELECT card FROM cards WHERE iri = ?", (iri,)).fetchone()
        return Card.from_json(orjson.loads(row[0])) if row else None

    def cards(self) -> Iterator[Card]:
        for (data,) in self.db.execute("SELECT card FROM cards"):
            yield Card.from_json(orjson.loads(data))

    def listing(self) -> Listing:
        """Every article as the site's lists need it, newest first (`listing.Listing`).

        A watching process keeps the listing its last run left (as long as no other process has
        changed the site since: the generation in `meta` says), and reads again only the articles
        this run changed: 100,000 rows read and sorted cost a second and a half, and each list
        made from them (months, the feed, the notices) a pass over 100,000."""
        if self._listed is None:
            kept = _LISTINGS.get(os.path.abspath(self.path))  # noqa: PTH100
            if kept is not None and self._touched is not None and kept[0] == self.meta("listing"):
                # The kept listing stays as it was until this run commits.
                touched = sorted(self._touched)
                self._listed = kept[1].updated(touched, self._listed_rows(touched))
            else:
                self._listed = Listing(self._listed_rows(None))
        return self._listed

    def _listed_rows(self, iris: list[str] | None) -> list[Listed]:
        columns = "SELECT iri, slug, published, modified, alt_missing, row, entry FROM cards"
        if iris is None:
            found = list(self.db.execute(columns))
        else:
            found = [row for iri in iris for row in self.db.execute(f"{columns} WHERE iri = ?", (iri,))]
        return [Listed(i, s, p, m, bool(a), r, e) for i, s, p, m, a, r, e in found]

    def cards_of(self, iris: Iterable[str]) -> list[Card]:
        """The cards of `iris`, in that order."""
        found = [self.card(iri) for iri in iris]
        return [card for card in found if card is not None]

    def put_article(
        self,
        iri: str,
        card: Card | None,
        links: Iterable[str],
        quotes: Iterable[tuple[str, int, str]],
        row: str = "",
        entry: str = "",
    ) -> None:
        """Keep (or with None forget) an article's card, the entities its page links to, the
        quotations it attributes, and its index row and sitemap entry."""
        if self._touched is not None:
            self._touched.add(iri)
        self._listed = None
        if self._months is not None:
            for (published,) in self.db.execute("SELECT published FROM cards WHERE iri = ?", (iri,)):
                self._months.add(month_of(published))
            if card is not None:
                self._months.add(month_of(card.date_published))
        self.db.execute("DELETE FROM cards WHERE iri = ?", (iri,))
        self.db.execute("DELETE FROM links WHERE article = ?", (iri,))
        self.db.execute("DELETE FROM quotes WHERE article = ?", (iri,))
        if card is None:
            self.set_uses(iri, ())
            return
        self.db.execute(
            "INSERT INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                iri,
                orjson.dumps(card.to_json()),
                int(card.timed),
                card.slug,
                card.date_published,
                card.date_modified,
                int(card.alt_missing),
                row,
                entry,
            ),
        )
        self.db.executemany("INSERT INTO links VALUES (?, ?)", ((entity, iri) for entity in links))
        self.db.executemany(
            "INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?)", ((s, iri, n, text) for s, n, text in quotes)
        )

    def timed_articles(self) -> Iterator[str]:
        """The articles whose cards have an instant (a date-time published or modified), as read."""
        for (iri,) in self.db.execute("SELECT iri FROM cards WHERE timed = 1"):
            yield str(iri)

    def links_of(self, article: str) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT entity FROM links WHERE article = ?", (article,))}

    def linking(self, entity: str, limit: int | None = None) -> tuple[list[Card], int]:
        """The cards of the newest `limit` articles that link to `entity` (all of them: None), newest
        first (`views.newest_first`), and how many articles link to it in all.

        Only the cards shown are read whole: an entity 20,000 articles name has its page made again
        from 100 cards, not 20,000 (the rows are ordered by date in SQLite; the same day's are
        put in natural order of their slugs here)."""
        rows = self.db.execute(
            "SELECT cards.published, cards.iri FROM links JOIN cards ON cards.iri = links.article"
            " WHERE links.entity = ? ORDER BY coalesce(cards.published, '') DESC",
            (entity,),
        ).fetchall()
        shown = rows
        if limit is not None and len(rows) > limit:
            last = rows[limit - 1][0] or ""
            shown = [row for row in rows if (row[0] or "") >= last]  # the limit's day whole: slugs order it
        cards = newest_first(card for card in self.cards_of(iri for _, iri in shown))
        return (cards if limit is None else cards[:limit]), len(rows)

    def quotes_by(self, speaker: str, articles: Iterable[str] | None = None) -> list[tuple[str, int, str]]:
        """(article IRI, number, text) of the quotations attributed to `speaker` (in `articles` only,
        when given)."""
        rows = self.db.execute("SELECT article, number, text FROM quotes WHERE speaker = ?", (speaker,))
        wanted = None if articles is None else set(articles)
        return [(str(a), int(n), str(t)) for a, n, t in rows if wanted is None or a in wanted]

    # files written
    def files(self, owner: str | None = None) -> dict[str, str]:
        """path -> owner of the files newsld wrote (of one owner when given)."""
        if owner is None:
            return dict(self.db.execute("SELECT path, owner FROM files"))
        return dict(self.db.execute("SELECT path, owner FROM files WHERE owner = ?", (owner,)))

    def owners(self, prefix: str) -> list[str]:
        """The owners of files written whose names start with `prefix` ("month:")."""
        rows = self.db.execute("SELECT DISTINCT owner FROM files WHERE substr(owner, 1, ?) = ?", (len(prefix), prefix))
        return sorted(str(row[0]) for row in rows)

    def set_files(self, owner: str, paths: Iterable[str]) -> None:
        self.db.execute("DELETE FROM files WHERE owner = ?", (owner,))
        self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", ((p, owner) for p in paths))
