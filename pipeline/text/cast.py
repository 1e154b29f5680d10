"""The article's cast: every person and organisation it names, and whom each name in the text means.

Before anything is attributed or mentioned, the whole article is read for names: catalogue names
and aliases as people write them (`Catalogue.find_names`), and runs of capitalised words that the
catalogue lacks ("Alan Ross, who co-founded the company"). Each person named in full joins the
cast, with the short forms a later reference may use (the surname, "van der Berg", the family
name of "Kim Ji-woo") and, where the text or the catalogue says it, the pronoun that fits them.

Then every name in the text is resolved against the cast:

- a full name means its person;
- a short form ("Ross", "Ms Walsh", "Judge Keane") means the one cast member introduced so far
  who has it and agrees with the honorific; when two do, it means nobody unless the same sentence
  names one of them in full. A catalogue alias that nobody introduced in the article has means the
  catalogue entity (an article may call Micha Kaufman "Kaufman" throughout);
- a name inside a longer name ("Lincoln United", "Alan Ross" for the alias Ross), a possessive
  place ("Carter’s Mill"), a place ("the depot in Lincoln") or an ordinary word at a sentence
  start ("Hunt season opens") means nobody, unless the context makes it the person (a title before
  it, a speech verb after it, or the person's full name in the same paragraph).

An uncatalogued person is only ever a name as written, never a catalogue entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.source.catalogue import Catalogue, Entity, EntityType, Mention
from pipeline.source.folding import PARTICLES, fold
from pipeline.text.cues import (
    GENDERED_NOUNS,
    HONORIFICS,
    PERSON_VERB,
    ROLE_ABBREVIATIONS,
    ROLE_TITLES,
    SPEECH_VERB,
    TITLES,
)
from pipeline.text.lexicon import ordinary_words, place_names
from pipeline.text.names import WORD, NameRun, is_capitalised, name_runs, sentence_initial, sentence_starts

# The last word of a capitalised run that makes it a place or an organisation, not a person.
_PLACE_WORDS = frozenset(
    """Street St Road Rd Lane Avenue Ave Way Close Drive Place Square Terrace Crescent Gardens Park Green
    Hill Hills Valley Vale Wood Woods Forest Chase Heath Common Moor Mill Mills Wharf Yard Quay Dock Docks
    Bridge Gate Cross Court Hall House Tower Towers Centre Center Stadium Arena Stand Ground Field Fields
    Station Airport Port Harbour Harbor Bay Beach River Lake Loch Glacier Island Islands Mountain Mount
    Playhouse Theatre Theater Cinema Museum Gallery Library Hospital School Academy College University
    Church Cathedral Abbey Chapel Castle Palace Market Estate City Town Village County Borough District
    United Rovers Rangers Athletic Wanderers Albion FC Medal Prize Award Trophy Cup Shield Memorial
    Foundation Trust Fund Festival Centre Prize Report Act Bill Plan Review Stakes Road""".split()
)
# The first word of a capitalised run that makes it a place ("North Yorkshire", "New York").
_PLACE_FIRST = frozenset(
    """North South East West Northern Southern Eastern Western Central New Old Great Greater Upper Lower Mount
    Lake Cape Port Fort Saint St San Santa Los Las Antarctic Arctic Atlantic Pacific Royal National Federal""".split()
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|to|near|outside|across|around|towards|toward|via|into|through|of|between|and)\s+(?:the\s+)?)$"
)
_ALSO_PLACE_AFTER = re.compile(r"^[–—-]\s*[A-Z]")  # "Paris–Florence service"
_POSSESSIVE_PLACE = re.compile(r"^['’]s?\s+(?!Ms\b|Mr\b|Mrs\b|Dr\b)([A-Z][a-z]\w*)")
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:his|her|their|the|a|an)\s+(?:[\w-]+\s+){0,2}?(\w+)[,.]")
_APPOSITIVE_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*['’]s)\s+(?:\w+\s+){0,1}?(\w+),?\s+$")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


@dataclass(eq=False)
class Member:
    """One person or organisation of the cast."""

    name: str  # the full name as the article introduces it (titles left out), or the catalogue's
    kind: EntityType
    entity: str | None = None  # the catalogue id, when the catalogue knows them
    keys: set[str] = field(default_factory=set)  # folded short forms a later reference may use
    introduced: tuple[int, int] | None = None  # (paragraph, offset) of the first full naming; None: never
    gender: str | None = None  # "he", "she" or "they", when the catalogue or the text says it
    evidence: bool = False  # the text says it is a person (a title, a role noun, an appositive)
    maybe_organisation: bool = True  # until named once where an organisation would not be ("of X")
    roles: set[str] = field(default_factory=set)  # titles and role nouns it is introduced with: judge, chair

    @property
    def person(self) -> bool:
        return self.kind == "Person"

    @property
    def plausible_person(self) -> bool:
        """A person a pronoun may mean: catalogued as one, or a name the text shows is a person's, or
        one named at least once where an organisation or a place would not be."""
        return self.person and (self.entity is not None or self.evidence or not self.maybe_organisation)


@dataclass(frozen=True)
class Reference:
    """A name in the text, [start, end) in its paragraph, and whom it means."""

    paragraph: int
    start: int
    end: int
    text: str
    full: bool  # a full name, not a short form
    member: Member | None  # whom it means, when that is settled
    candidates: tuple[Member, ...] = ()  # whom it could mean, when it is not settled
    title: str | None = None  # the honorific or role title written before it

    @property
    def ambiguous(self) -> bool:
        """Two or more cast members could be meant."""
        return self.member is None and len(self.candidates) > 1

    @property
    def uncertain(self) -> bool:
        """One cast member could be meant, but the context does not make it their name."""
        return self.member is None and len(self.candidates) == 1


class Cast:
    """The cast of one article and the resolved references, paragraph by paragraph."""

    def __init__(
        self, paragraphs: Sequence[str], catalogue: Catalogue, quoted: Sequence[Sequence[tuple[int, int]]] = ()
    ) -> None:
        self.paragraphs = list(paragraphs)
        self.catalogue = catalogue
        self._quoted = [list(quoted[i]) if i < len(quoted) else [] for i in range(len(self.paragraphs))]
        self.members: list[Member] = []
        self._by_entity: dict[str, Member] = {}
        self._by_name: dict[str, Member] = {}  # folded full name -> member
        self.references: list[list[Reference]] = [[] for _ in self.paragraphs]
        self._found = [catalogue.find_names(text) for text in self.paragraphs]
        self._runs = [name_runs(text) for text in self.paragraphs]
        self.sentences = [
            sentence_starts(text, quoted[i] if i < len(quoted) else ()) for i, text in enumerate(self.paragraphs)
        ]
        self._full_at: list[list[tuple[int, Member]]] = [[] for _ in self.paragraphs]  # (offset, member)
        self._first_names: dict[str, set[Member]] = {}  # folded first name -> people introduced with it
        self._introduce()
        self._resolve()

    # -- who is in the cast ------------------------------------------------------------------

    def _member_of(self, entity: Entity) -> Member:
        member = self._by_entity.get(entity.id)
        if member is None:
            keys = {fold(alias) for alias in entity.aliases if len(alias.split()) < len(entity.name.split())}
            if entity.type == "Person":
                keys |= _short_forms(entity.name)
            elif len(entity.name.split()) == 1:
                keys.add(fold(entity.name))
            member = Member(entity.name, entity.type, entity.id, keys, gender=entity.pronouns)
            self._by_entity[entity.id] = member
            self._by_name[fold(entity.name)] = member
            self.members.append(member)
        return member

    def _introduce(self) -> None:
        """Every full naming, in reading order: catalogue names, then people the catalogue lacks."""
        for index, text in enumerate(self.paragraphs):
            runs = self._runs[index]
            spans: list[tuple[int, int]] = []
            for found in self._found[index]:
                entity = self.catalogue[found.entity]
                written = fold(text[found.start : found.end])
                run = _run_around(runs, found)
                if run is not None and _extends(text, run, found.start, found.end):
                    continue  # part of a longer name ("Alan Ross", "Lincoln United")
                if entity.type == "Person" and not _is_full(written, entity):
                    continue
                member = self._member_of(entity)
                if member.introduced is None:
                    member.introduced = (index, found.start)
                if _is_full(written, entity):  # an organisation's short alias names it, but not in full
                    self._full_at[index].append((found.start, member))
                    self._learn_roles(member, text, found.start, found.end, _title_before(text, found.start))
                if member.person:
                    self._first_names.setdefault(fold(entity.name.split()[0]), set()).add(member)
                spans.append((found.start, found.end))
                self._learn_gender(member, text, found.start, found.end)
            for run in runs:
                if any(a < run.end and run.start < b for a, b in spans):
                    continue
                start, title = _after_titles(text, run)
                words = _NAME_WORD.findall(text[start : run.end])
                core = [w for w in words if w.lower() not in PARTICLES]
                if len(core) < 2 or not _person_like(run, words, text) or _quoted_title(text, run):
                    continue
                name = text[start : run.end]
                known = self._by_name.get(fold(name))
                if known is None:
                    member = Member(name, "Person", None, _short_forms(name), introduced=(index, start))
                    self._by_name[fold(name)] = member
                    self.members.append(member)
                    self._first_names.setdefault(fold(core[0]), set()).add(member)
                else:
                    member = known
                self._full_at[index].append((start, member))
                if title is not None and member.gender is None:
                    member.gender = HONORIFICS.get(title) or ROLE_TITLES.get(title)
                member.evidence = member.evidence or title is not None or says_person(text, start, run.end)
                self._learn_roles(member, text, start, run.end, title)
                if title is None and not _AFTER_PREPOSITION.search(text[max(0, start - 12) : start]):
                    member.maybe_organisation = False  # "Fiona Okonkwo of Money Matters": may be an organisation
                self._learn_gender(member, text, start, run.end)
                member.evidence = member.evidence or member.gender is not None

    def _learn_roles(self, member: Member, text: str, start: int, end: int, title: str | None) -> None:
        """The roles the text gives a person where it names them in full: "Judge Maria Keane", "the
        chair, June Halloran", "Tom Bevan, who chairs…" (not that one), "June Halloran, its chair,"."""
        if not member.person:
            return
        if title is not None:
            member.roles.add(ROLE_ABBREVIATIONS.get(title, title.lower()))
        before = re.search(
            r"\b(?:the|its|his|her|their|a|an)\s+(?:[\w-]+\s+){0,2}?([a-z][\w-]+),?\s+$",
            text[max(0, start - 40) : start],
        )
        after = re.match(r",\s+(?:the|its|his|her|their|a|an)\s+(?:[\w-]+\s+){0,2}?([a-z][\w-]+)[,.]", text[end:])
        for found in (before, after):
            if found is not None:
                member.roles.add(found.group(1).lower())

    def _learn_gender(self, member: Member, text: str, start: int, end: int) -> None:
        """The pronoun the text gives a person where it names them in full: an honorific before the
        name ("Mrs Eileen Walsh"), or a gendered noun beside it ("his mother, Eileen Walsh")."""
        if not member.person or member.gender is not None:
            return
        before = text[:start]
        title = WORD.findall(before[-12:])
        if title and before.rstrip(". ").endswith(title[-1]) and title[-1] in HONORIFICS:
            member.gender = HONORIFICS[title[-1]]
            return
        after = _APPOSITIVE_AFTER.match(text[end:])
        noun = after.group(1).lower() if after else None
        if noun not in GENDERED_NOUNS:
            ahead = _APPOSITIVE_BEFORE.search(before[-40:])
            noun = ahead.group(1).lower() if ahead else None
        if noun in GENDERED_NOUNS:
            member.gender = GENDERED_NOUNS[noun]

    # -- what each name means ----------------------------------------------------------------

    @cached_property
    def _ordinary(self) -> frozenset[str]:
        """Folded short forms of the cast that are also ordinary words or places (need context)."""
        singles = {key for m in self.members for key in m.keys if " " not in key}
        singles |= {fold(a) for e in self.catalogue.entities.values() for a in e.names if " " not in a}
        return ordinary_words(singles) | place_names(singles)

    @cached_property
    def _places(self) -> frozenset[str]:
        singles = {key for m in self.members for key in m.keys if " " not in key}
        singles |= {fold(a) for e in self.catalogue.entities.values() for a in e.names if " " not in a}
        return place_names(singles)

    def _resolve(self) -> None:
        for index, text in enumerate(self.paragraphs):
            found = self._found[index]
            runs = self._runs[index]
            taken: list[tuple[int, int]] = []
            refs: list[Reference] = []
            for name in found:  # catalogue names and aliases
                entity = self.catalogue[name.entity]
                run = _run_around(runs, name)
                if run is not None and _extends(text, run, name.start, name.end):
                    continue
                written = text[name.start : name.end]
                title = _title_before(text, name.start)
                full = _is_full(fold(written), entity)
                shared = any(m.person and fold(written) in m.keys and m.entity != entity.id for m in self.members)
                if full or (entity.type == "Organization" and not shared):
                    member = self._member_of(entity)
                    if full or self._name_here(index, name.start, name.end, member, title):
                        refs.append(Reference(index, name.start, name.end, written, full, member, title=title))
                else:
                    refs.append(self._short(index, name.start, name.end, written, title))
                taken.append((name.start, name.end))
            for run in runs:  # names the catalogue lacks
                if any(a < run.end and run.start < b for a, b in taken):
                    continue
                start, title = _after_titles(text, run)
                if start >= run.end:
                    continue
                written = text[start : run.end]
                named = self._by_name.get(fold(written))
                if named is not None:
                    refs.append(Reference(index, start, run.end, written, True, named, title=title))
                elif fold(written) in {k for m in self.members for k in m.keys}:
                    refs.append(self._short(index, start, run.end, written, title))
            self.references[index] = sorted(refs, key=lambda r: r.start)

    def _short(self, index: int, start: int, end: int, written: str, title: str | None) -> Reference:
        """What a short form means: the one cast member introduced so far who has it and fits."""
        key = fold(written)
        gender = HONORIFICS.get(title) if title else None
        fits = [
            m
            for m in self.members
            if key in m.keys and (title is None or m.person) and (gender is None or m.gender in (None, gender))
        ]
        sentence = self.sentence(index, start)
        before = [m for m in fits if m.introduced is not None and m.introduced <= (index, sentence[1])]
        if before:
            fits = before
        else:
            fits = [m for m in fits if m.introduced is not None] or [self._member_of(e) for e in self._latent(key)]
        role = ROLE_ABBREVIATIONS.get(title, title.lower()) if title is not None and title not in HONORIFICS else None
        if role is not None and len(fits) > 1 and sum(role in m.roles for m in fits) == 1:
            fits = [m for m in fits if role in m.roles]  # "Cllr O’Brien": the councillor of the two
        if gender is not None and len(fits) > 1 and sum(m.gender == gender for m in fits) == 1:
            # "Ms Cole" between Kayleigh Cole (his sister: she) and Jason Cole: the honorific picks her.
            fits = [m for m in fits if m.gender == gender]
        if len(fits) > 1:
            named = {m for at, m in self._full_at[index] if m in fits and sentence[0] <= at < sentence[1]}
            if len(named) == 1:
                fits = list(named)  # the sentence settles it: it names one of them in full
        # A first name of someone introduced ("Jordan Ellis" … "Jordan comes on") may be what is meant.
        namesakes = {m for m in self._first_names.get(key, set()) if m not in fits and m.introduced is not None}
        if namesakes and title is None and any(a <= start < b for a, b in self._quoted[index]):
            return Reference(index, start, end, written, False, None, (*fits, *namesakes))
        if len(fits) == 1 and not self._name_here(index, start, end, fits[0], title):
            # Maybe not a name here ("Hunt season"): no mention and no speaker, but somebody a
            # pronoun might mean, so it still stands in the way of resolving one.
            return Reference(index, start, end, written, False, None, (fits[0],))
        if len(fits) == 1:
            if gender is not None and fits[0].gender is None and fits[0].person:
                fits[0].gender, fits[0].evidence = gender, True  # "Ms O’Brien" settles Aoife O'Brien as she
            return Reference(index, start, end, written, False, fits[0], title=title)
        return Reference(index, start, end, written, False, None, tuple(fits), title=title)

    def _latent(self, key: str) -> list[Entity]:
        """Catalogue entities with this alias that the article never introduced in full."""
        return [
            e
            for e in self.catalogue.entities.values()
            if key in {fold(a) for a in e.aliases} and self._by_entity.get(e.id, Member("", e.type)).introduced is None
        ]

    def _name_here(self, index: int, start: int, end: int, member: Member, title: str | None) -> bool:
        """Whether a short form means the person (or organisation) here: not in a possessive place
        ("Carter’s Mill"), and, when it is also a place or an ordinary word, only where the context
        makes it the name (a title before it, a speech verb or an appositive after it, the full name
        in the same paragraph) and, for a place, not in a place's context ("in Lincoln")."""
        text = self.paragraphs[index]
        after = text[end:]
        owned = _POSSESSIVE_PLACE.match(after)
        if owned is not None and owned.group(1) not in TITLES:
            return False
        if title is not None:
            return True
        if member.person and re.search(r"\b[Tt]he\s+$", text[max(0, start - 5) : start]):
            return False  # "the Chase", "the Bishop of Wrexford": a thing or a role, not a person's name
        key = fold(text[start:end])
        if key not in self._ordinary:
            return True
        verb_at = _AUXILIARY.match(after.lstrip(" ,"))
        said = (
            SPEECH_VERB.match(after.lstrip(" ,")[verb_at.end() if verb_at else 0 :]) is not None
            or PERSON_VERB.match(after.lstrip(" ")) is not None
            or re.match(r",\s+(?:who|an?|the)\b", after) is not None
            or (start == 0 and after.lstrip().startswith(":"))  # an interview label, "Quill: “…”"
            or _SAID_BEFORE.search(text[max(0, start - 14) : start]) is not None  # "said Jordan, 29"
        )
        named_in_full = any(m is member for _, m in self._full_at[index])
        if key in self._places:
            if _PLACE_BEFORE.search(text[max(0, start - 30) : start]) or _ALSO_PLACE_AFTER.match(after):
                return False  # "the depot in Lincoln", "the Paris–Florence service"
            return said or named_in_full
        if sentence_initial(text, start):
            return said or named_in_full
        return True

    # -- for the other stages ----------------------------------------------------------------

    def sentence(self, index: int, at: int) -> tuple[int, int]:
        """[start, end) of the sentence of paragraph `index` that holds offset `at`."""
        starts = self.sentences[index]
        start = max((s for s in starts if s <= at), default=0)
        end = min((s for s in starts if s > at), default=len(self.paragraphs[index]))
        return start, end

    def with_role(self, role: str, before: tuple[int, int]) -> list[Member]:
        """The people introduced before `before` with this title or role noun ("judge", "chair")."""
        return [m for m in self.members if role in m.roles and m.introduced is not None and m.introduced < before]

    def reference_in(self, index: int, start: int, end: int) -> Reference | None:
        """The last name within [start, end) of paragraph `index`."""
        inside = [r for r in self.references[index] if start <= r.start and r.end <= end]
        return inside[-1] if inside else None

    def mentions(self, index: int) -> tuple[Mention, ...]:
        """The catalogue entities that paragraph `index` names, where the name means them."""
        return tuple(
            Mention(r.member.entity, r.start, r.end)
            for r in self.references[index]
            if r.member is not None and r.member.entity is not None
        )


def _short_forms(name: str) -> set[str]:
    """The folded forms a later reference to a person named `name` may use: the family name (with
    its particles, "van der Berg", and without), or the first word of a family-name-first name."""
    words = fold(name).split()
    if len(words) < 2:
        return {fold(name)}
    forms = {words[-1]}
    last = len(words) - 1
    while last > 1 and words[last - 1].lower() in PARTICLES:
        last -= 1
    if last < len(words) - 1:
        forms.add(" ".join(words[last:]))
    if re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):  # Ji-woo, Tae-hoon: the family name comes first
        forms = {words[0]}
    return forms


def _is_full(written: str, entity: Entity) -> bool:
    """Whether a catalogue match is the entity's full name (or a multi-word alias), not a short form."""
    if written == fold(entity.name):
        return True
    return any(written == fold(alias) and len(alias.split()) > 1 for alias in entity.aliases)


def _run_around(runs: Sequence[NameRun], found: Mention) -> NameRun | None:
    return next((r for r in runs if r.start <= found.start and found.end <= r.end + 2), None)


def _extends(text: str, run: NameRun, start: int, end: int) -> bool:
    """Whether the run goes on past the name with words that are not titles ("Alan Ross", "Lincoln United")."""
    if run.end > end and text[end : run.end].strip(" ’'s"):
        return True
    if run.start < start:
        before = _NAME_WORD.findall(text[run.start : start])
        return bool(before) and before[-1].rstrip(".") not in TITLES
    return False


def _after_titles(text: str, run: NameRun) -> tuple[int, str | None]:
    """Where the name of a run starts once titles are left out ("Transport Minister Eamon Tierney"
    -> Eamon, "Det Sgt Liam Brennan" -> Liam), and the last title ("Minister"), also one written
    before the run ("Mr Kim", whose run name_runs starts at Kim)."""
    start, title = run.start, _title_before(text, run.start)
    words = list(_NAME_WORD.finditer(text, run.start, run.end))
    for position, word in enumerate(words[:-1]):
        bare = word.group().rstrip(".")
        if bare in TITLES and all(
            is_capitalised(w.group()) or w.group().rstrip(".") in TITLES for w in words[:position]
        ):
            start, title = words[position + 1].start(), bare
    return start, title


def _title_before(text: str, start: int) -> str | None:
    """The honorific or role title written just before `start` ("Ms O’Brien", "Det Sgt Brennan")."""
    found = _TITLE_BEFORE.search(text, max(0, start - 24), start)
    return found.group(1) if found is not None and found.group(1) in TITLES else None


_TITLE_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*)\.?\s+$")


def _person_like(run: NameRun, words: list[str], text: str) -> bool:
    """A run that may be a person's name: not an organisation's or a place's, not a title of a work."""
    if run.organisation_like or not words or words[0] in _PLACE_FIRST:
        return False
    if words[-1].rstrip("’'s") in _PLACE_WORDS or len(words) > 4:
        return False
    return all(is_capitalised(w) or w.lower() in PARTICLES or len(w.rstrip(".")) == 1 for w in words)


_SAID_BEFORE = re.compile(r"\b(?:" + SPEECH_VERB.pattern.removeprefix(r"\b") + r")\s+$")
_AUXILIARY = re.compile(r"(?:has|had|have|was|is|will|would|later|also|then|once)\s+(?:\w+ly\s+)?")
_AFTER_PREPOSITION = re.compile(
    r"\b(?:of|at|for|from|in|on|the|near|outside|across|around|towards|toward|via|into|through|between|beside|within)\s+$"
)
_ROLE_BEFORE = re.compile(r"\b([a-z][a-z-]+),?\s+$")
_NOT_ROLES = frozenset(
    "the a an and or but of in on at to for with by from as than that this his her their its our".split()
)


def says_person(text: str, start: int, end: int) -> bool:
    """A role noun just before the name ("economist Maria Lopez", "host, Dana Whitfield"), an
    appositive after it (", an analyst", ", 68,", ", who runs…"), or an affiliation ("Ken Mwangi of
    Dalton Freight")."""
    role = _ROLE_BEFORE.search(text[max(0, start - 30) : start])
    if role is not None and role.group(1) not in _NOT_ROLES and not role.group(1).endswith("ly"):
        return True
    after = (
        r",\s+(?:an?\s+[\w-]|the\s+[a-z]|the\s+[^,]{0,40}?\b[a-z]{3,}\s*,|\d{1,3},|who\b)"
        r"|\s+of\s+(?:the\s+)?(?:[a-z]+\s+){0,3}[A-Z]"
    )
    return re.match(after, text[end:]) is not None


def _quoted_title(text: str, run: NameRun) -> bool:
    """A capitalised run that is all of a quotation: a title or a name in quote marks (‘Leaving Paris’)."""
    before = text[max(0, run.start - 1) : run.start]
    after = text[run.end : run.end + 2].lstrip(",.!?")
    return before in ("“", "‘", '"', "'") and after[:1] in ("”", "’", '"', "'")
