"""The article's cast: every person and organisation it names, and whom each name in the text means.

First the whole article is read for names: catalogue names and aliases as people write them, and
capitalised runs the catalogue lacks ("Alan Ross, who co-founded the company"). Each person named
in full joins the cast with their short forms (the surname, "van der Berg", the family name of
"Kim Ji-woo") and, where the text or catalogue says it, their pronoun. Then every name is resolved:

- a full name means its person;
- a short form ("Ross", "Ms Walsh", "Judge Keane") means the one cast member introduced so far
  who has it and agrees with the honorific; when two do, it means nobody unless the same sentence
  names one of them in full. A catalogue alias nobody introduced has means the catalogue entity
  ("Kaufman" throughout), and its holder is a candidate if the text names them ("Leo and Sofia X");
- a name inside a longer name ("Lincoln United", "Alan Ross" for the alias Ross), a possessive
  place ("Carter’s Mill"), a place ("the depot in Lincoln") or an ordinary word at a sentence
  start ("Hunt season opens") means nobody, unless the context makes it the person (a title before
  it, a speech verb after it, or the person's full name in the same paragraph).

An uncatalogued person is only ever a name as written, never a catalogue entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from pipeline.source.catalogue import Catalogue, Entity, EntityType, Mention
from pipeline.source.folding import PARTICLES, fold
from pipeline.text.cues import (
    COURTESY,
    GENDERED_NOUNS,
    HONORIFICS,
    PERSON_VERB,
    ROLE_ABBREVIATIONS,
    ROLE_NOUNS,
    ROLE_TITLES,
    SPEECH_VERB,
    TITLES,
)
from pipeline.text.lexicon import ordinary_words, place_names
from pipeline.text.name_context import (
    AFTER_PREPOSITION,
    AUXILIARY,
    NAME_WORD,
    SAID_BEFORE,
    after_titles,
    contrasted,
    coordinated,
    employs_the_next,
    extends,
    firms_sharing,
    has_word,
    home_here,
    is_full,
    is_place_here,
    kin_by_first_name,
    listed_with,
    mentions_an_animal,
    names_a_work,
    names_an_animal,
    not_the_person,
    owned_place,
    person_like,
    place_context,
    quoted_title,
    run_around,
    says_person,
    short_forms,
    surname_of,
    surname_taken,
    title_before,
    town_of,
    with_region,
)
from pipeline.text.names import CALENDAR, WORD, name_runs, sentence_initial, sentence_starts

_POSSESSIVE_PLACE = re.compile(r"^['’]s?\s+(?!Ms\b|Mr\b|Mrs\b|Dr\b)([A-Z][a-z]\w*)")
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:his|her|their|the|a|an)\s+(?:[\w-]+\s+){0,2}?(\w+)[,.]")
_APPOSITIVE_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*['’]s)\s+(?:\w+\s+){0,1}?(\w+),?\s+$")


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
    courtesy: set[str] = field(default_factory=set)  # the courtesy titles the text gives them: Ms, Mrs

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


_OPENING_CLAUSE = re.compile(
    r"(?:^|[.!?][”\"’]?\s+)(?:According\s+to|In|After|Before|Under|With|When|While|As|Although|Though|Because"
    r"|Since|If|Once|Despite|During|Until|For|On|At|By|From|Without|Given)\b"
    r"(?:[^.!?,;“”\"]|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\.|(?<=\bSt)\.)*$"
)
_IN_AN_OPENING_PHRASE = re.compile(r"(?:^|[.!?][”\"’]?\s+)(?:According\s+to|In|After|Before|Under)\b[^.!?,;“”\"]*$")


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
        self.runs = [name_runs(text) for text in self.paragraphs]
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
                keys |= short_forms(entity.name)
            elif len(entity.name.split()) == 1:
                keys.add(fold(entity.name))
            member = Member(entity.name, entity.type, entity.id, keys, gender=entity.pronouns)
            self._by_entity[entity.id] = member
            self._by_name[fold(entity.name)] = member
            self.members.append(member)
        return member

    def _introduce(self) -> None:
        """Every full naming, in reading order: catalogue names, then people the catalogue lacks (not a
        name the article once uses as an employer: "Dalton Freight chief executive Ana Kühn")."""
        employers = {
            fold(text[run.start : run.end])
            for index, text in enumerate(self.paragraphs)
            for run in self.runs[index]
            if employs_the_next(text, run.end)
        }
        by_alias: list[tuple[int, int, Member, str]] = []  # full namings by a longer alias ("Te Rangi")
        for index, text in enumerate(self.paragraphs):
            runs = self.runs[index]
            spans = self._catalogued(index, text, by_alias)
            for run in runs:
                if any(a < run.end and run.start < b for a, b in spans):
                    continue
                start, title = after_titles(text, run)
                words = NAME_WORD.findall(text[start : run.end])
                core = [w for w in words if w.lower() not in PARTICLES]
                if len(core) < 2 or not person_like(run, words, text) or quoted_title(text, run):
                    continue
                if fold(text[run.start : run.end]) in employers:
                    continue
                name = text[start : run.end]
                known = self._by_name.get(fold(name))
                if known is None:
                    member = Member(name, "Person", None, short_forms(name), introduced=(index, start))
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
                if title is None and not AFTER_PREPOSITION.search(text[max(0, start - 12) : start]):
                    member.maybe_organisation = False  # "Fiona Okonkwo of Money Matters": may be an organisation
                self._learn_gender(member, text, start, run.end)
                member.evidence = member.evidence or member.gender is not None
        self._unless_shared(by_alias)

    def _catalogued(self, index: int, text: str, by_alias: list[tuple[int, int, Member, str]]) -> list[tuple[int, int]]:
        """Introduce the catalogue entities paragraph `index` names in full; returns their spans."""
        spans: list[tuple[int, int]] = []
        for found in self._found[index]:
            entity = self.catalogue[found.entity]
            written = fold(text[found.start : found.end])
            run = run_around(self.runs[index], found)
            if run is not None and extends(text, run, found.start, found.end):
                continue  # part of a longer name ("Alan Ross", "Lincoln United")
            if entity.type == "Person" and not is_full(written, entity):
                continue
            if surname_taken(self.members, entity.id, text[found.start : found.end], (index, found.start)):
                continue  # "Mr Roarke" after Callum Roarke: a surname, not the alias holder named
            member = self._member_of(entity)
            if member.introduced is None:
                member.introduced = (index, found.start)
            if is_full(written, entity):  # an organisation's short alias names it, but not in full
                self._full_at[index].append((found.start, member))
                if written != fold(entity.name):
                    by_alias.append((index, found.start, member, written))
                self._learn_roles(member, text, found.start, found.end, title_before(text, found.start))
            if member.person:
                self._first_names.setdefault(fold(entity.name.split()[0]), set()).add(member)
            spans.append((found.start, found.end))
            self._learn_gender(member, text, found.start, found.end)
        return spans

    def _unless_shared(self, by_alias: list[tuple[int, int, Member, str]]) -> None:
        """Take back full namings by a longer alias another person's name ends with ("Te Rangi")."""
        for index, start, member, written in by_alias:
            if any(other is not member and other.person and written in other.keys for other in self.members):
                self._full_at[index].remove((start, member))

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
        if (
            before is not None
            and _OPENING_CLAUSE.search(text, 0, max(0, start - 40) + before.start())
            and not re.match(r"\s*[,.;:]", text[end:])
        ):
            # "According to a report filed with the federation, Ms. Belinsky was checked", "With the
            # position level, Ms. Belinsky gave up a knight": the opening phrase ends before the name,
            # which begins the sentence's clause (an apposition closes with a comma: "When the
            # judge, Maria Keane, entered").
            before = None
        after = re.match(r",\s+(?:the|its|his|her|their|a|an)\s+(?:[\w-]+\s+){0,2}?([a-z][\w-]+)[,.]", text[end:])
        if after is not None and _IN_AN_OPENING_PHRASE.search(text, 0, start):
            # "According to an affidavit filed by Special Agent Marcus Ebright, the contractor, …
            # began": the opening phrase ends with the name; the role is the sentence's subject.
            after = None
        for found in (before, after):
            if found is not None:
                member.roles.add(found.group(1).lower())
        # News style without a determiner: "Orringham head coach Marta Ilves", "Labour leader Keir Starmer".
        bare = re.search(r"\b([a-z][\w-]+)\s+$", text[max(0, start - 30) : start])
        if before is None and bare is not None and bare.group(1) in ROLE_NOUNS:
            member.roles.add(bare.group(1))

    def _learn_gender(self, member: Member, text: str, start: int, end: int) -> None:
        """The pronoun the text gives a person where it names them in full: an honorific before the
        name ("Mrs Eileen Walsh"), or a gendered noun beside it ("his mother, Eileen Walsh"). Not the
        pronoun after "X said": "Jean Fairley said he had made a choir of amateurs…" is about
        somebody else."""
        if not member.person or member.gender is not None:
            return
        before = text[:start]
        title = WORD.findall(before[-12:])
        if title and before.rstrip(". ").endswith(title[-1]) and title[-1] in HONORIFICS:
            member.gender = HONORIFICS[title[-1]]
            if title[-1] in COURTESY:
                member.courtesy.add(title[-1])
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
        singles = self._single_names()
        calendar = frozenset(word for word in singles if word in CALENDAR)  # Eleanor May, and May the month
        return ordinary_words(singles) | self._places | self._homes | self._animals | calendar

    @cached_property
    def _places(self) -> frozenset[str]:
        """Folded one-word names that are places: in the gazetteer, or called one by this article
        ("the town of Redlake", "Vallmar’s old harbour"), whatever else they also name."""
        singles = self._single_names()
        return place_names(singles) | frozenset(
            word
            for word in singles
            if any(is_place_here(word, text) for text in self._folded)
            or any(self._among_places(word, text) for text in self._folded)
        )

    @staticmethod
    def _among_places(word: str, folded: str) -> bool:
        """Listed last after two or more places of the gazetteer: "from Donegal, Sligo, Waterford and Shannon"."""
        listed = listed_with(word, folded)
        return len(listed) >= 2 and len(place_names(frozenset(listed))) >= 2

    @cached_property
    def _animals(self) -> frozenset[str]:
        """Folded one-word names the article gives an animal ("Bramble, a gray tabby with a white bib",
        "a dog called Biscuit"): a person's alias only where the person is plainly meant."""
        singles = self._single_names()
        animals = [text for text in self._folded if mentions_an_animal(text)]
        return frozenset(word for word in singles if any(names_an_animal(word, text) for text in animals))

    @cached_property
    def _folded(self) -> list[str]:
        """The paragraphs, `fold`ed once."""
        return [fold(text) for text in self.paragraphs]

    @cached_property
    def _homes(self) -> frozenset[str]:
        """Folded one-word names the article says someone lives in (`home_here`): places, for a person's alias."""
        singles = self._single_names()
        return frozenset(word for word in singles if any(home_here(word, text) for text in self._folded))

    def _single_names(self) -> set[str]:
        """The cast's one-word short forms and the one-word catalogue names the text contains."""
        singles = {key for m in self.members for key in m.keys if " " not in key}
        for index, text in enumerate(self.paragraphs):
            singles |= {fold(text[f.start : f.end]) for f in self._found[index] if " " not in text[f.start : f.end]}
        return singles

    def _resolve(self) -> None:
        for index, text in enumerate(self.paragraphs):
            found = self._found[index]
            runs = self.runs[index]
            taken: list[tuple[int, int]] = []
            refs: list[Reference] = []
            for name in found:  # catalogue names and aliases
                entity = self.catalogue[name.entity]
                run = run_around(runs, name)
                if run is not None and extends(text, run, name.start, name.end):
                    continue
                if names_a_work(text, name.start, name.end):
                    continue  # a song called “Small Hours”: the work, not the band named after it
                written = text[name.start : name.end]
                title = title_before(text, name.start)
                shared = any(m.person and fold(written) in m.keys and m.entity != entity.id for m in self.members)
                # A longer alias another person's name also ends with ("Te Rangi" for Aroha Te Rangi and her
                # mother Mereana) is a short form like any surname.
                full = (
                    is_full(fold(written), entity)
                    and (not shared or fold(written) == fold(entity.name))
                    and not self._town_here(entity, written, text, name.start, name.end)  # "the Dyffryn Teg valley"
                )
                honorific, _, surname = written.partition(" ")
                if full and surname_taken(self.members, entity.id, written, (index, name.start)):
                    # "Mr Roarke", the father's alias, after the article named his son Callum Roarke:
                    # the son, or the father once his first name has come up ("her husband, Steven").
                    ref = self._short(index, name.end - len(surname), name.end, surname, honorific)
                    holder = self._member_of(entity)
                    if ref.member is not holder and has_word(entity.name.split()[0], self.paragraphs[: index + 1]):
                        ref = replace(ref, member=None, candidates=(*(ref.candidates or (ref.member,)), holder))
                    refs.append(ref)
                    taken.append((name.start, name.end))
                    continue
                namesakes = [m for m in self.members if m.person and surname_of(m, written)]
                if entity.type == "Organization" and namesakes:
                    # A house named after its founder ("De Montfaucon" and Séverine de Montfaucon): the
                    # bare name is the company or the person, which the words around it do not settle.
                    refs.append(
                        Reference(
                            index, name.start, name.end, written, False, None, (self._member_of(entity), *namesakes)
                        )
                    )
                    taken.append((name.start, name.end))
                    continue
                if full or (entity.type == "Organization" and not shared):
                    member = self._member_of(entity)
                    if full or self._name_here(index, name.start, name.end, member, title):
                        refs.append(Reference(index, name.start, name.end, written, full, member, title=title))
                else:
                    refs.append(self._short(index, name.start, name.end, written, title))
                taken.append((name.start, name.end))
            for run in runs:  # names the catalogue lacks
                if any(a < run.end and run.start < b for a, b in taken) or names_a_work(text, run.start, run.end):
                    continue
                start, title = after_titles(text, run)
                if start >= run.end:
                    continue
                written = text[start : run.end]
                named = self._by_name.get(fold(written))
                if named is not None:
                    refs.append(Reference(index, start, run.end, written, True, named, title=title))
                elif fold(written) in {k for m in self.members for k in m.keys}:
                    refs.append(self._short(index, start, run.end, written, title))
            for start, end, person in coordinated(text, refs, self.catalogue):  # "Maureen and Des Fitzgibbon"
                member = self._member_of(person)
                member.introduced = member.introduced or (index, start)
                refs.append(Reference(index, start, end, text[start:end], True, member))
            self.references[index] = [contrasted(r, text, self.members) for r in sorted(refs, key=lambda r: r.start)]

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
            # Also the catalogue's holder of the alias, named but never in full ("Leo and Sofia Marchetti").
            latent = [self._member_of(e) for e in self._latent(key) if e.type == "Person"]
            fits = before + [m for m in latent if has_word(m.name.split()[0], self.paragraphs[: index + 1])]
        else:
            fits = [m for m in fits if m.introduced is not None] or [self._member_of(e) for e in self._latent(key)]
        role = ROLE_ABBREVIATIONS.get(title, title.lower()) if title is not None and title not in HONORIFICS else None
        if role is not None and len(fits) > 1 and sum(role in m.roles for m in fits) == 1:
            fits = [m for m in fits if role in m.roles]  # "Cllr O’Brien": the councillor of the two
        if title in COURTESY and len(fits) > 1:
            # Copy keeps one courtesy title per person: after "Ms Hale" for the daughter, "Mrs Hale" is her mother.
            fits = [m for m in fits if not m.courtesy or title in m.courtesy] or fits
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
        firms = firms_sharing(self.members, fits, key, (index, start))  # "Pemberton" after "Pemberton Cloud"
        if firms and fits and title is None:
            return Reference(index, start, end, written, False, None, (*fits, *firms))
        text = self.paragraphs[index]
        thing = not_the_person(text, start, end) or re.search(
            r"\b[Tt]he\s+(?:other\s+)?$", text[max(0, start - 11) : start]
        )
        if len(fits) == 1 and fits[0].person and title is None and thing:
            # "south of Kellerby", "the Kellerby saleyards": a place or a thing, nobody a pronoun means
            return Reference(index, start, end, written, False, None, ())
        if len(fits) == 1 and not self._name_here(index, start, end, fits[0], title):
            # Maybe not a name here ("Hunt season"): no mention and no speaker, but somebody a
            # pronoun might mean, so it still stands in the way of resolving one.
            return Reference(index, start, end, written, False, None, (fits[0],))
        kin = (
            kin_by_first_name(self.paragraphs, index, start, (written, fits[0].name.split()[0]))
            if len(fits) == 1 and fits[0].person and title is None
            else None
        )
        if kin is not None:
            # "Bankole’s mother, Funmi" … "Bankole said": the striker, or her mother by the same name.
            # Who the relative is, nobody knows for sure: no pronoun settles it for them, nor makes
            # them the speaker (a name made up of "Hennigan’s son Gary" is nobody's to publish).
            relative = Member(kin, "Person", evidence=True)
            return Reference(index, start, end, written, False, None, (fits[0], relative))
        if len(fits) == 1:
            if gender is not None and fits[0].gender is None and fits[0].person:
                fits[0].gender, fits[0].evidence = gender, True  # "Ms O’Brien" settles Aoife O'Brien as she
            if title in COURTESY:
                fits[0].courtesy.add(title)
            return Reference(index, start, end, written, False, fits[0], title=title)
        return Reference(index, start, end, written, False, None, tuple(fits), title=title)

    def _latent(self, key: str) -> list[Entity]:
        """Catalogue entities with this alias that the article never introduced in full."""
        known = self._by_entity
        return [e for e in self.catalogue.with_alias(key) if known.get(e.id, Member("", e.type)).introduced is None]

    @staticmethod
    def _town_here(entity: Entity, written: str, text: str, start: int, end: int) -> bool:
        """An organisation's short name used as the place it is named after: "the Dyffryn Teg valley"."""
        return (
            entity.type == "Organization"
            and len(written.split()) < len(entity.name.split())
            and town_of(text, start, end)
        )

    def _name_here(self, index: int, start: int, end: int, member: Member, title: str | None) -> bool:
        """Whether a short form means the person (or organisation) here: not in a possessive place
        ("Carter’s Mill"), and, when it is also a place or an ordinary word, only where the context
        makes it the name (a title before it, a speech verb or an appositive after it, the full name
        in the same paragraph) and, for a place, not in a place's context ("in Lincoln")."""
        text = self.paragraphs[index]
        after = text[end:]
        owned = _POSSESSIVE_PLACE.match(after)
        if (owned is not None and owned.group(1) not in TITLES) or owned_place(text, start):
            return False  # "Carter’s Mill", "at Tanner’s Marsh"
        short = len(text[start:end].split()) < len(member.name.split())
        if not member.person and short and town_of(text, start, end):
            return False  # "outside Brackwater", for the University of Brackwater
        if title is not None:
            return True
        if with_region(text, start, end):
            return False  # "a walking club in Dunbar, East Lothian": a town, whoever else is called Dunbar
        if member.person and re.search(r"\b[Tt]he\s+(?:other\s+)?$", text[max(0, start - 11) : start]):
            return False  # "the Chase", "the Bishop of Wrexford": a thing or a role, not a person's name
        key = fold(text[start:end])
        if key not in self._ordinary:
            return True
        verb_at = AUXILIARY.match(after.lstrip(" ,"))
        said = (
            SPEECH_VERB.match(after.lstrip(" ,")[verb_at.end() if verb_at else 0 :]) is not None
            or PERSON_VERB.match(after.lstrip(" ")) is not None
            or re.match(r",\s+(?:who|an?|the)\b", after) is not None
            or (start == 0 and after.lstrip().startswith(":"))  # an interview label, "Quill: “…”"
            or SAID_BEFORE.search(text[max(0, start - 14) : start]) is not None  # "said Jordan, 29"
        )
        named_in_full = any(m is member for _, m in self._full_at[index])
        if member.person and key in self._animals:
            # "Bramble, a gray tabby": a bare "Bramble" is the cat, unless it speaks or the person is
            # named in full here ("the shelter's manager, Greer Bramble … “…,” Bramble says").
            return named_in_full or SPEECH_VERB.match(after.lstrip(" ,")[verb_at.end() if verb_at else 0 :]) is not None
        if key in self._places or key in CALENDAR or (member.person and key in self._homes):
            # "in Lincoln", "in May", "between Ullerby and …" where someone lives in Ullerby
            if place_context(text, start, end):
                return False  # "the depot in Lincoln", "the Paris–Florence service"
            return said or named_in_full
        if sentence_initial(text, start) or text[max(0, start - 1) : start] in ("“", '"', "‘"):
            # An ordinary word that opens a sentence, or what quotation marks open ("Quick sync:
            # company update"), is capitalised as such: the name only where the context says so.
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
