"""The entity catalogue (`articles/entities.toml`) and finding its entities in text.

One catalogue is shared by every article, so the same person is one IRI across the corpus::

    [entity.micha-kaufman]
    type = "Person"
    name = "Micha Kaufman"
    aliases = ["Kaufman"]
    job_title = "Chief Executive Officer"
    works_for = "fiverr"
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pipeline.io.iri import is_iri
from pipeline.io.tomlfile import TomlFile, read_toml
from pipeline.source.folding import fold

if TYPE_CHECKING:
    from pipeline.config import Settings

EntityType = Literal["Person", "Organization"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization")
_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_FIELDS = {"type", "name", "aliases", "job_title", "works_for", "legal_name", "url", "same_as", "pronouns"}
_PERSON_ONLY = {"job_title", "works_for", "pronouns"}
PRONOUNS = ("he", "she", "they")
_ORGANIZATION_ONLY = {"legal_name"}


@dataclass(frozen=True)
class Entity:
    """A person or organisation, with only facts a public record states."""

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    job_title: str | None = None
    works_for: str | None = None
    legal_name: str | None = None
    url: str | None = None
    same_as: tuple[str, ...] = ()
    pronouns: str | None = None  # "he", "she" or "they": how the text may refer to them (attribution only)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Mention:
    """Where an entity is named in a text: [start, end) in code points."""

    entity: str
    start: int
    end: int


@dataclass(frozen=True)
class Catalogue:
    """Every known entity by id, and the matcher that finds them in text."""

    entities: dict[str, Entity] = field(default_factory=dict)
    path: Path | None = None

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    @cached_property
    def _by_name(self) -> dict[str, str]:
        """Every name and alias, folded (`folding.fold`: accents, apostrophes, dashes, particles), -> id."""
        return {fold(name): entity.id for entity in self.entities.values() for name in entity.names}

    @cached_property
    def _matcher(self) -> re.Pattern[str] | None:
        if not self._by_name:
            return None
        return _name_matcher(tuple(sorted(self._by_name)))

    def find_names(self, text: str) -> list[Mention]:
        """Every place a catalogue name or alias occurs in `text`, as people write it (Zoe for Zoë,
        O’Brien for O'Brien, Van der Berg for van der Berg), left to right, longest name first.

        These are where a name stands, not yet mentions: whether it means the entity is the article's
        cast to settle (`pipeline.text.cast`), as a namesake or a town may share it.
        """
        if self._matcher is None:
            return []
        folded, found, at = fold(text), [], 0
        while (match := self._matcher.search(folded, at)) is not None:
            match = self._longer_inside(folded, match)
            found.append(Mention(self._by_name[match.group()], match.start(), match.end()))
            at = match.end()
        return found

    def _longer_inside(self, folded: str, match: re.Match[str]) -> re.Match[str]:
        """`match`, or a name that starts inside it and runs on past it: that is the name written
        ("The Ostrander Bequest Trust" names the trust, not "The Ostrander", a museum's alias)."""
        assert self._matcher is not None
        best = match
        for word in _WORD_START.finditer(folded, match.start() + 1, match.end()):
            inner = self._matcher.match(folded, word.start())
            if inner is not None and inner.end() > best.end():
                best = inner
        return best

    @cached_property
    def _by_folded_alias(self) -> dict[str, list[Entity]]:
        found: dict[str, list[Entity]] = {}
        for entity in self.entities.values():
            for alias in dict.fromkeys(fold(a) for a in entity.aliases):
                found.setdefault(alias, []).append(entity)
        return found

    def with_alias(self, folded: str) -> list[Entity]:
        """The entities that have this alias (`folding.fold`ed), in catalogue order."""
        return list(self._by_folded_alias.get(folded, ()))

    @cached_property
    def entry_hashes(self) -> dict[str, str]:
        """A short hash of each entity's entry, by id: what an article's build used of the catalogue."""
        return {entity_id: _entry_hash(entity) for entity_id, entity in sorted(self.entities.items())}

    @cached_property
    def name_hashes(self) -> dict[str, str]:
        """A short hash of each entity's type, names and pronouns, by id: what finding it in text and
        telling it from a namesake depend on (a pronoun can settle which of two namesakes "she" is)."""
        return {
            entity_id: _entry_hash(Entity(id=e.id, type=e.type, name=e.name, aliases=e.aliases, pronouns=e.pronouns))
            for entity_id, e in sorted(self.entities.items())
        }

    @cached_property
    def iri_paths(self) -> dict[str, str]:
        """Each entity's IRI path under the base (`person/micha-kaufman`), to its id."""
        return {f"{entity.type.lower()}/{entity.id}": entity.id for entity in self.entities.values()}

    @cached_property
    def _by_folded_name(self) -> dict[tuple[EntityType, str], list[Entity]]:
        """(type, casefolded name or alias) -> the entities that have it, in catalogue order."""
        found: dict[tuple[EntityType, str], list[Entity]] = {}
        for entity in self.entities.values():
            for folded in dict.fromkeys(n.casefold() for n in entity.names):
                found.setdefault((entity.type, folded), []).append(entity)
        return found

    def named(self, name: str, kind: EntityType) -> list[Entity]:
        """The entities of `kind` that have this name or alias (case-insensitive)."""
        return list(self._by_folded_name.get((kind, name.casefold()), ()))

    def organization(self, name: str) -> Entity:
        """The catalogue organisation with this name or alias, else one minted from the name."""
        found = self._by_folded_name.get(("Organization", name.casefold()))
        return found[0] if found else Entity(id=slugify(name), type="Organization", name=name)

    def closure(self, entity_ids: set[str]) -> set[str]:
        """The ids plus every entity they point at (an employer), so each is described in the graph."""
        result = set(entity_ids)
        pending = list(entity_ids)
        while pending:
            entity = self.entities.get(pending.pop())
            if entity and entity.works_for and entity.works_for not in result:
                result.add(entity.works_for)
                pending.append(entity.works_for)
        return result


_NAME_CHAR = r"[\w\-‐‑]"  # what joins a name to a longer word when it stands next to it
_WORD_START = re.compile(rf"(?<!{_NAME_CHAR})\w")


@lru_cache(maxsize=4)
def _name_matcher(names: tuple[str, ...]) -> re.Pattern[str]:
    """The expression finding `names`, compiled once per process for a set of names: a watching
    process reads the catalogue again for every publish, and compiling it costs a second at 5,000
    entities."""
    # Whole names only: a letter, digit or hyphen joined to a name makes it part of another name
    # (Busch-Jaeger, Anheuser-Busch). A possessive ("Kaufman's", "Fiverr’s") still matches.
    return re.compile(rf"(?<!{_NAME_CHAR})(?:{name_trie(names)})(?!{_NAME_CHAR})")


def name_trie(names: Iterable[str]) -> str:
    """A regular expression matching any of `names`, the longest one that can match first.

    The names are factored into a trie (`Kaufman|Kaufmann` -> `Kaufman(?:n)?`): one alternation of
    many names is slow, as `re` tries every name at every position (bench/NOTES.md); the trie
    tries the few names that share the next character. Continuing a name is tried before ending it,
    and a name that matches but fails what follows gives way to a shorter one: what a plain
    alternation of the names sorted longest first matches (a property test holds the two equal).
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _entry_hash(entity: Entity) -> str:
    import hashlib
    import json

    # The fields are strings and tuples of strings: vars() gives what asdict() would, without its
    # deep copy, which a large catalogue pays on every build.
    return hashlib.sha256(json.dumps(vars(entity), sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class NameWords:
    """Whether a text can contain one of some entities' names: it must contain every word of one."""

    names: tuple[tuple[re.Pattern[str], ...], ...]

    @classmethod
    def of(cls, entities: list[Entity]) -> NameWords:
        names = {tuple(re.findall(r"\w+", name.casefold())) for e in entities for name in e.names}
        return cls(
            tuple(
                tuple(re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in sorted(set(words)))
                for words in sorted(names)
                if words
            )
        )

    def occur_in(self, text: str) -> bool:
        return any(all(word.search(text) for word in words) for words in self.names)


def slugify(name: str) -> str:
    """A lowercase id for a name: accents dropped, runs of other characters turned into '-'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if slug:
        return slug
    return "-".join(re.findall(r"\w+", name.lower())) or "unnamed"


def read_catalogue(path: Path) -> Catalogue:
    """Read `entities.toml`; a missing file is an empty catalogue.

    The last catalogue read is kept while the file is that same file (its inode, size and times,
    older than two seconds: a coarse clock could hide an edit in the same tick): a watching process
    publishes again and again, and reading 5,000 entities costs half a second."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return Catalogue(path=path)
    stamp = (os.path.abspath(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)  # noqa: PTH100
    kept = _KEPT.get("catalogue")
    if kept is not None and kept[0] == stamp:
        return kept[1]
    catalogue = _read_catalogue(path)
    _KEPT.clear()
    if time.time_ns() - info.st_mtime_ns > 2_000_000_000:
        _KEPT["catalogue"] = (stamp, catalogue)
    return catalogue


_KEPT: dict[str, tuple[tuple[object, ...], Catalogue]] = {}


def _read_catalogue(path: Path) -> Catalogue:
    toml = read_toml(path)
    unknown_tables = sorted(set(toml.data) - {"entity"})
    if unknown_tables:
        raise toml.error(
            f"unknown table [{unknown_tables[0]}].",
            table=unknown_tables[0],
            fix="Declare entities as [entity.<id>].",
            slug="catalogue-table",
        )
    tables = toml.data.get("entity", {})
    entities = {entity_id: _entity(toml, entity_id, fields) for entity_id, fields in tables.items()}
    _check_links(toml, entities)
    return Catalogue(entities=entities, path=path)


def _entity(toml: TomlFile, entity_id: str, fields: Any) -> Entity:
    table = f"entity.{entity_id}"
    if not _ID.fullmatch(entity_id):
        raise toml.error(
            f"entity id {entity_id!r} is not a lowercase slug.",
            table=table,
            fix="Use lowercase letters, digits and '-', e.g. [entity.micha-kaufman].",
            slug="entity-id",
        )
    if not isinstance(fields, dict):
        raise toml.error(
            f"entity {entity_id!r} is not a table.",
            key=entity_id,
            fix="Write it as [entity.<id>].",
            slug="entity-table",
        )
    unknown = sorted(set(fields) - _FIELDS)
    if unknown:
        raise toml.error(
            f"entity {entity_id!r} has unknown field {unknown[0]!r}.",
            key=unknown[0],
            table=table,
            fix=f"Known fields: {', '.join(sorted(_FIELDS))}.",
            slug="entity-field",
        )
    kind = fields.get("type")
    if kind not in ENTITY_TYPES:
        raise toml.error(
            f"entity {entity_id!r} has type {kind!r}.",
            key="type",
            table=table,
            fix='Set type = "Person" or type = "Organization".',
            slug="entity-type",
        )
    misplaced = sorted(set(fields) & (_PERSON_ONLY if kind == "Organization" else _ORGANIZATION_ONLY))
    if misplaced:
        raise toml.error(
            f"{misplaced[0]!r} does not apply to {'an' if kind == 'Organization' else 'a'} {kind}.",
            key=misplaced[0],
            table=table,
            fix="Remove it or change the entity's type.",
            slug="entity-field",
        )

    def text(key: str, required: bool = False) -> str | None:
        value = fields.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise toml.error(
                f"entity {entity_id!r}: {key!r} must be non-empty text.",
                key=key,
                table=table,
                fix=f'Write {key} = "…".',
                slug="entity-text",
            )
        return value.strip()

    def texts(key: str) -> tuple[str, ...]:
        value = fields.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise toml.error(
                f"entity {entity_id!r}: {key!r} must be a list of non-empty strings.",
                key=key,
                table=table,
                fix=f'Write {key} = ["…", "…"].',
                slug="entity-list",
            )
        return tuple(v.strip() for v in value)

    url = text("url")
    same_as = texts("same_as")
    pronouns = text("pronouns")
    if pronouns is not None and pronouns not in PRONOUNS:
        raise toml.error(
            f"entity {entity_id!r} has pronouns {pronouns!r}.",
            key="pronouns",
            table=table,
            fix='Write pronouns = "she", "he" or "they" (as the person is referred to in copy), or leave it out.',
            slug="entity-pronouns",
        )
    for link in (url, *same_as):
        if link is not None and not (re.fullmatch(r"https?://\S+", link) and is_iri(link)):
            raise toml.error(
                f"entity {entity_id!r}: {link!r} is not an http(s) URL.",
                key="url" if link == url else "same_as",
                table=table,
                fix="Write the full URL, e.g. https://www.example.com.",
                slug="entity-url",
            )
    return Entity(
        id=entity_id,
        type=kind,
        name=text("name", required=True) or "",
        aliases=texts("aliases"),
        job_title=text("job_title"),
        works_for=text("works_for"),
        legal_name=text("legal_name"),
        url=url,
        same_as=same_as,
        pronouns=pronouns,
    )


def _check_links(toml: TomlFile, entities: dict[str, Entity]) -> None:
    owner: dict[str, tuple[str, str]] = {}  # casefolded name -> (entity id, name as written)
    for entity in entities.values():
        table = f"entity.{entity.id}"
        if entity.works_for is not None:
            employer = entities.get(entity.works_for)
            if employer is None or employer.type != "Organization":
                raise toml.error(
                    f"entity {entity.id!r} works_for {entity.works_for!r},"
                    " which is not an organisation in the catalogue.",
                    key="works_for",
                    table=table,
                    fix=f'Add [entity.{entity.works_for}] with type = "Organization", or fix the id.',
                    slug="entity-works-for",
                )
        for name in entity.names:
            other, other_name = owner.setdefault(name.casefold(), (entity.id, name))
            if other != entity.id:
                line = toml.line_of(None, f"entity.{other}")
                same = "" if other_name == name else f" (as {other_name!r}; case is ignored)"
                raise toml.error(
                    f"the name {name!r} of {entity.id!r} is also a name of {other!r}{same},"
                    f" declared at line {line}, so mentions would be ambiguous.",
                    key="aliases" if name in entity.aliases else "name",
                    table=table,
                    fix="Keep the name or alias on one entity only.",
                    slug="name-collision",
                )


def default_catalogue(paths: Sequence[Path], settings: Settings) -> Path:
    """`entities.toml` beside the first input (inside it, for a folder), else the project's."""
    first = paths[0]
    beside = (first if first.is_dir() else first.parent) / CATALOGUE
    return beside if beside.exists() else settings.articles / CATALOGUE


CATALOGUE = "entities.toml"
