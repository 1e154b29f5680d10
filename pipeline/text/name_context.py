"""What the words around a capitalised name say about it: whether it is a person's name, a title
before it, the name inside a longer one, and the short forms a later reference may use.

`pipeline.text.cast` reads every name in an article with these; `pipeline.text.referents` asks
`says_person` whether a name the cast lacks is a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from pipeline.source.catalogue import Catalogue, Entity, Mention
from pipeline.source.folding import PARTICLES, fold
from pipeline.text.cues import COURTESY, HONORIFICS, ROLE_NOUNS, SPEECH_VERB, TITLES
from pipeline.text.names import JOINERS, NameRun, is_capitalised, sentence_initial
from pipeline.text.quotemarks import title_case

# The last word of a capitalised run that makes it a place or an organisation, not a person.
_PLACE_WORDS = frozenset(
    """Street St Road Rd Lane Avenue Ave Way Close Drive Place Square Terrace Crescent Gardens Park Green
    Hill Hills Valley Vale Wood Woods Forest Chase Heath Common Moor Mill Mills Wharf Yard Quay Dock Docks
    Bridge Gate Cross Court Hall House Tower Towers Centre Center Stadium Arena Stand Ground Field Fields
    Station Airport Port Harbour Harbor Bay Beach River Lake Loch Glacier Island Islands Mountain Mount
    Playhouse Theatre Theater Cinema Museum Gallery Library Hospital School Academy College University
    Church Cathedral Abbey Chapel Castle Palace Market Estate City Town Village County Borough District
    United Rovers Rangers Athletic Wanderers Albion FC Medal Prize Award Trophy Cup Shield Memorial
    Foundation Trust Fund Festival Centre Prize Report Act Bill Plan Review Stakes Road Row Mews Alley Parade
    Walk Boulevard Plaza Circus Embankment Promenade""".split()
)


# The first word of a capitalised run that makes it a place ("North Yorkshire", "New York").
_PLACE_FIRST = frozenset(
    """North South East West Northern Southern Eastern Western Central New Old Great Greater Upper Lower Mount
    Lake Cape Port Fort Saint St San Santa Los Las Antarctic Arctic Atlantic Pacific Royal National Federal River
    Loch Lough""".split()
)


NAME_WORD = re.compile(rf"[^\W\d_][\w.{JOINERS}]*")


def short_forms(name: str) -> set[str]:
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
    elif len(words) > 2:
        forms.add(" ".join(words[-2:]))  # a double surname ("Herrera Valdés") may stand for the name
    if re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):  # Ji-woo, Tae-hoon: the family name comes first
        forms = {words[0]}
    return forms


def is_full(written: str, entity: Entity) -> bool:
    """Whether a catalogue match is the entity's full name (or a multi-word alias), not a short form."""
    if written == fold(entity.name):
        return True
    return any(written == fold(alias) and len(alias.split()) > 1 for alias in entity.aliases)


def run_around(runs: Sequence[NameRun], found: Mention) -> NameRun | None:
    return next((r for r in runs if r.start <= found.start and found.end <= r.end + 2), None)


def extends(text: str, run: NameRun, start: int, end: int) -> bool:
    """Whether the run goes on past the name with words that are not titles ("Alan Ross", "Lincoln United")."""
    if run.end > end and text[end : run.end].strip(" ’'s"):
        return True
    if run.start < start:
        before = NAME_WORD.findall(text[run.start : start])
        first = NAME_WORD.match(text, start)
        if first is not None and first.group().rstrip(".") in TITLES:
            return False  # "Circuit Judge Patricia Odom", "Lowry County Sheriff Dwayne Stone": the title's words
        return bool(before) and before[-1].rstrip(".") not in TITLES
    return False


def after_titles(text: str, run: NameRun) -> tuple[int, str | None]:
    """Where the name of a run starts once titles are left out ("Transport Minister Eamon Tierney"
    -> Eamon, "Det Sgt Liam Brennan" -> Liam), and the last title ("Minister"), also one written
    before the run ("Mr Kim", whose run name_runs starts at Kim)."""
    start, title = run.start, title_before(text, run.start)
    words = list(NAME_WORD.finditer(text, run.start, run.end))
    for position, word in enumerate(words[:-1]):
        bare = word.group().rstrip(".")
        if bare in TITLES and all(
            is_capitalised(w.group()) or w.group().rstrip(".") in TITLES for w in words[:position]
        ):
            start, title = words[position + 1].start(), bare
    return start, title


def title_before(text: str, start: int) -> str | None:
    """The honorific or role title written just before `start` ("Ms O’Brien", "Det Sgt Brennan")."""
    found = _TITLE_BEFORE.search(text, max(0, start - 24), start)
    return found.group(1) if found is not None and found.group(1) in TITLES else None


_TITLE_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*)\.?\s+$")


def person_like(run: NameRun, words: list[str], text: str) -> bool:
    """A run that may be a person's name: not an organisation's or a place's, not a title of a work
    ("The Salt Orchard is set on …": no one's name follows "The"), not a place a noun says is one
    ("up the track to Scarrow End farm")."""
    if run.organisation_like or not words or words[0] in _PLACE_FIRST:
        return False
    if words[-1].rstrip("’'s") in _PLACE_WORDS or len(words) > 4:
        return False
    if _THE_BEFORE.search(text, max(0, run.start - 4), run.start) or _PLACE_NOUN_AFTER.match(text, run.end):
        return False
    return all(is_capitalised(w) or w.lower() in PARTICLES or len(w.rstrip(".")) == 1 for w in words)


SAID_BEFORE = re.compile(r"\b(?:" + SPEECH_VERB.pattern.removeprefix(r"\b") + r")\s+$")


AUXILIARY = re.compile(r"(?:has|had|have|was|is|will|would|later|also|then|once)\s+(?:\w+ly\s+)?")


AFTER_PREPOSITION = re.compile(
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


def quoted_title(text: str, run: NameRun) -> bool:
    """A capitalised run that opens a title or a name in quote marks (‘Leaving Paris’, a memoir,
    “Curtain Up in Kettleby”): all of the quotation, or the start of one in title case."""
    before = text[max(0, run.start - 1) : run.start]
    if before not in ("“", "‘", '"', "'"):
        return False
    after = text[run.end : run.end + 2].lstrip(",.!?")
    if after[:1] in ("”", "’", '"', "'"):
        return True
    close = _CLOSING_MARK.search(text, run.end)
    return close is not None and title_case(text[run.start : close.start()])


_CLOSING_MARK = re.compile(r"[”\"]|’(?!\w)")
_THE_BEFORE = re.compile(r"\bThe\s+$")
_PLACE_NOUN_AFTER = re.compile(
    r"\s+(?:farm|farms|estate|village|hamlet|station|reserve|valley|river|creek|reservoir|quarry|colliery|mine"
    r"|airfield|ward|parish|district|county|township|suburb|neighbourhood|neighborhood"
    # a line or a road named before its vehicle or its kind: "a stalled inbound Valley Line train"
    r"|train|trains|tram|trams|bus|buses|service|services|route|routes|road|street|bridge|tunnel|branch)\b"
)


# A name, then a role, then another name: "Dalton Freight chief executive Ana Kühn".
_ROLE_THEN_NAME = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")\s+[A-Z]"
)


def employs_the_next(text: str, end: int) -> bool:
    """Whether the name ending at `end` is an employer premodifying a role and a name ("Dalton
    Freight chief executive Ana Kühn", "Labour leader Keir Starmer"): an organisation, a party or a
    place, not a person. A possessive ("Ana Kühn's deputy Tom Bevan") may be a person's, and is not."""
    return _ROLE_THEN_NAME.match(text, end) is not None


# What an article says of a place by name: "the town of Redlake", "Vallmar’s old harbour".
_PLACE_NOUNS = "town|city|village|county|port|suburb|region|province|island|district|municipality|parish|borough|state"
_PLACE_PARTS = (
    r"harbour|harbor|port|streets|high street|town centre|city centre|seafront|beaches|old town|quayside|waterfront"
    r"|outskirts|suburbs|residents|townspeople|skyline|coastline|hills|countryside|town hall"
)


def is_place_here(word: str, folded: str) -> bool:
    """Whether a paragraph (`folded`) calls `word` a place by name ("the town of Redlake", "Vallmar’s
    old harbour", "south of Kellerby", "Kellerby, population 1,100", "the Millgate ward")."""
    name = re.escape(word)
    return (
        re.search(rf"\b(?:{_PLACE_NOUNS})\s+of\s+{name}\b", folded) is not None
        or re.search(rf"\b{name}'s\s+(?:[a-z]+\s+)?(?:{_PLACE_PARTS})\b", folded) is not None
        or re.search(rf"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+{name}\b", folded) is not None
        or re.search(rf"\b{name},\s+(?:population|pop\.)\s", folded) is not None
        or re.search(rf"\bthe\s+{name}\s+(?:ward|district|valley|estate|constituency|parish)\b", folded) is not None
        # "Flights from Shannon, where Curlew has its maintenance base": what happens there
        or re.search(rf"\b(?:in|at|from|to|near|outside)\s+{name},\s+where\s", folded) is not None
    )


_ANIMALS = (
    r"cat|tabby|kitten|tomcat|dog|puppy|terrier|spaniel|collie|labrador|retriever|poodle|greyhound|horse|pony|mare"
    r"|stallion|gelding|foal|donkey|cow|bull|calf|goat|sheep|ewe|ram|lamb|pig|parrot|budgie|owl|hawk|falcon|eagle"
    r"|tortoise|turtle|rabbit|hamster|ferret|alpaca|llama|panda|otter|seal|whale|dolphin|elephant|tiger|lion|bear"
)


_ANY_ANIMAL = re.compile(rf"\b(?:{_ANIMALS})s?\b")
# The animal's noun heads the phrase ("a gray tabby with a white bib", not "an elephant ecologist").
_HEADS = r"s?(?=\s*(?:[,.;:!?)]|$)|\s+(?:with|who|that|which|from|of|in|at|on|whose|named|called|and)\b)"


def mentions_an_animal(folded: str) -> bool:
    """Whether the folded text has a noun for an animal at all (most paragraphs have none)."""
    return _ANY_ANIMAL.search(folded) is not None


def names_an_animal(word: str, folded: str) -> bool:
    """Whether `folded` (a paragraph, `fold`ed) gives `word` to an animal: "Bramble, a gray tabby",
    "a dog called Biscuit", "Biscuit the spaniel"."""
    name = re.escape(word)
    return (
        re.search(rf"\b{name},\s+(?:a|an|the|their|her|his)\s+(?:[\w-]+\s+){{0,3}}?(?:{_ANIMALS}){_HEADS}", folded)
        is not None
        or re.search(rf"\b(?:{_ANIMALS})\s+(?:called|named)\s+{name}\b", folded) is not None
        or re.search(rf"\b{name}\s+the\s+(?:{_ANIMALS})\b", folded) is not None
    )


def listed_with(word: str, folded: str) -> list[str]:
    """The words listed before `word` in a list that ends with it in `folded` (a paragraph, `fold`ed:
    "routes from Donegal, Sligo, Waterford and Shannon": donegal, sligo, waterford); empty when it ends none."""
    found = re.search(rf"\b((?:[a-z][\w-]*,\s+)+[a-z][\w-]*),?\s+(?:and|or)\s+{re.escape(word)}\b", folded)
    return [item.strip() for item in found.group(1).split(",")] if found else []


def home_here(word: str, folded: str) -> bool:
    """Whether a paragraph (`folded`) says someone lives in `word` ("has lived in Ullerby all her
    life"): a place, whichever person also bears the name (an organisation named after its town is
    still the organisation in "Brackenholt beat Kelsham")."""
    return (
        re.search(rf"\b(?:lived|lives|living|born|grew\s+up|raised)\s+in\s+{re.escape(word)}\b(?!['’])", folded)
        is not None
    )


_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|to|near|outside|across|around|towards|toward|via|into|through|of|between|and)\s+(?:the\s+)?)$"
)
_ALSO_PLACE_AFTER = re.compile(r"[–—-]\s*[A-Z]")  # "Paris–Florence service"
_REGION_AFTER = re.compile(r",\s+(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w-]+\s*(?:[,.;)]|$)")


def place_context(text: str, start: int, end: int) -> bool:
    """Whether the words around a name make it a place: "the depot in Lincoln", "the Paris–Florence service"."""
    return _PLACE_BEFORE.search(text[max(0, start - 30) : start]) is not None or bool(
        _ALSO_PLACE_AFTER.match(text, end)
    )


_OWNER_BEFORE = re.compile(r"[A-Z][\w-]*['’]s\s+$")


def owned_place(text: str, start: int) -> bool:
    """Whether the name at `start` follows a possessive that follows a place's preposition: a place
    named for its owner ("at Tanner’s Marsh"), where "Apple’s Cook said" is a person."""
    window = text[max(0, start - 40) : start]
    owner = _OWNER_BEFORE.search(window)
    return owner is not None and _PLACE_BEFORE.search(window[: owner.start()]) is not None


# Before or after an organisation's one-word short form, what makes it the place the organisation is
# named after ("outside Brackwater", "nine miles from Castlebridge", "the Brackwater coast"). Not
# "at" or "of": "five years at Castlebridge", "the chair of Brackwater" are the organisation.
_TOWN_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|around|across|through|towards|toward|into|onto|along|alongside|beside|overlooking)\s+"
    r"|\b(?:miles|kilometres|kilometers|km|drive|walk)\s+from\s+"
    # "on the edge of Wraxford", "north of Brackwater", "the streets of Castlebridge"
    r"|\b(?:edge|edges|outskirts|centre|center|heart|north|south|east|west|streets|town|city|village)\s+of\s+)$"
)
_TOWN_AFTER = re.compile(
    r"\s+(?:coast|coastline|area|region|valley|shore|shoreline|estuary|bay|hills|countryside|border|district"
    r"|suburbs|outskirts|town centre|city centre)\b"
)


def town_of(text: str, start: int, end: int) -> bool:
    """Whether an organisation's one-word short form at [start, end) names the place it is named
    after, not the organisation ("outside Brackwater" for the University of Brackwater). Not with
    "the" between (“around the Quillon processor”) or a possessive after ("in Quillon’s design")."""
    if re.match(r"['’]s?\b", text[end:]):
        return False
    return (
        _TOWN_BEFORE.search(text[max(0, start - 30) : start]) is not None
        or _RIVER_BEFORE.search(text, max(0, start - 30), start) is not None
        or bool(_TOWN_AFTER.match(text, end))
    )


# The river an organisation is named after: "discharging into the Mardle", "a walk along the Quill".
_RIVER_BEFORE = re.compile(r"\b(?:into|along|down|up|across|beside|onto|over|under)\s+the\s+$")


def with_region(text: str, start: int, end: int) -> bool:
    """A place named with its region after a place's preposition: "in Dunbar, East Lothian"."""
    return _PLACE_BEFORE.search(text[max(0, start - 30) : start]) is not None and bool(_REGION_AFTER.match(text, end))


def has_word(word: str, texts: Sequence[str]) -> bool:
    """Whether `word` stands as a word in one of `texts` (a first name: "Leo and Sofia Marchetti")."""
    return any(re.search(rf"\b{re.escape(word)}\b", text) for text in texts)


_CONTRAST = re.compile(r"\b(?i:the)\s+(?:younger|elder|older)\s+$")
Ref = TypeVar("Ref")


def contrasted(reference: Ref, text: str, members: Iterable[Any]) -> Ref:
    """A short form after "the younger", "the elder" or "the older" sets apart people who share it
    ("the younger Mr Fitzgibbon", his uncle's alias): whom it means is not the catalogue's alias to
    say, so every person with that surname is a candidate and none is settled. (`reference` is a
    `cast.Reference`; `members` the cast.)"""
    ref: Any = reference
    if ref.member is not None and fold(ref.text) == fold(ref.member.name):
        return reference  # a full name says who
    if not _CONTRAST.search(text, max(0, ref.start - 24), ref.start):
        return reference
    surname = fold(ref.text).split()[-1]
    candidates = tuple(m for m in members if m.person and surname in m.keys)
    return replace(ref, member=None, candidates=candidates, full=False) if len(candidates) > 1 else reference


_COORDINATED = re.compile(r"\b([A-Z][\w’'-]+)\s+(?:and|&)\s+$")


def coordinated(text: str, references: Sequence[Any], catalogue: Catalogue) -> list[tuple[int, int, Entity]]:
    """Given names that share the family name written once, after the last ("Maureen and Des
    Fitzgibbon"): (start, end, the catalogue's person) of each given name whose full name the
    catalogue has, before a full name of `references` (`cast.Reference`s) not already referred to."""
    found = []
    for ref in references:
        words = ref.text.split()
        before = _COORDINATED.search(text, max(0, ref.start - 48), ref.start) if ref.full and len(words) > 1 else None
        if (
            before is None
            or sentence_initial(text, before.start(1))
            or any(r.start == before.start(1) for r in references)
        ):
            continue
        full = fold(f"{before.group(1)} {words[-1]}")
        named = [catalogue[m.entity] for m in catalogue.find_names(full) if (m.start, m.end) == (0, len(full))]
        found += [(before.start(1), before.end(1), e) for e in named if e.type == "Person" and fold(e.name) == full]
    return found


def surname_taken(members: Sequence[Any], entity: str, alias: str, here: tuple[int, int]) -> bool:
    """Whether an honorific alias ("Mr Roarke", the father's) is a surname like any other here: the
    article has named someone else with that surname in full before ("Callum Roarke", his son) whom
    the honorific fits, and not yet the alias's holder. (`members` is the cast.)"""
    honorific, _, surname = alias.partition(" ")
    if honorific not in COURTESY or not surname:
        return False
    gender = HONORIFICS.get(honorific)
    for member in members:
        if member.entity == entity and member.introduced is not None and member.introduced < here:
            return False  # the holder was named in full before: the alias is theirs
    return any(
        m.person and m.entity != entity and surname in m.keys and m.gender in (None, gender)
        for m in members
        if m.introduced is not None and m.introduced <= here
    )


_KIN = (
    "mother|father|son|daughter|brother|sister|wife|husband|uncle|aunt|grandmother|grandfather|grandson"
    "|granddaughter|cousin|niece|nephew|widow|widower|twin|mum|mom|dad|stepmother|stepfather|stepson|stepdaughter"
)
# "Bankole’s mother, Funmi", "Okafor's younger brother Emeka": a relative named by a first name alone.
_KIN_BY_FIRST_NAME = re.compile(
    rf"\b([A-Z][\w’'-]*)[’']s?\s+(?:(?:older|younger|elder|late|twin|little|big|eldest|youngest)\s+)?({_KIN}),?\s+"
    r"([A-Z][a-z]+)\b(?!\s+[A-Z])"
)


def kin_by_first_name(paragraphs: Sequence[str], index: int, start: int, words: Sequence[str]) -> str | None:
    """A relative of someone the text calls by one of `words` (the bare surname, the holder's first
    name), named by a first name alone in this paragraph before `start` or in the one before
    ("Bankole’s mother, Funmi"), as the words that name them: a relative may bear the surname too,
    so a bare "Bankole said" next may be either of them."""
    wanted = {fold(w) for w in words}
    for at in range(index, max(0, index - 1) - 1, -1):
        text = paragraphs[at][: start if at == index else None]
        found = [m for m in _KIN_BY_FIRST_NAME.finditer(text) if fold(m.group(1)) in wanted]
        if found:
            return f"{found[-1].group(1)}’s {found[-1].group(2)} {found[-1].group(3)}"
    return None


def firms_sharing(members: Sequence[Any], fits: Sequence[Any], key: str, here: tuple[int, int]) -> list[Any]:
    """Organisations named before `here` whose name starts with the surname `key` of the people who
    `fit` it, named after those people were ("Pemberton" after "Gideon Pemberton" and then the rival
    "Pemberton Cloud"): the company or the person, which the words around it are not ours to weigh.
    A company named before the person (the family's firm: "Halvorsen Marine" … "Ingrid Halvorsen")
    leaves the surname theirs."""
    firms = [
        m
        for m in members
        if not m.person
        and m.introduced is not None
        and m.introduced <= here
        and " " in m.name
        and fold(m.name).split()[0] == key
        and m not in fits
    ]
    return [f for f in firms if any(m.introduced is None or m.introduced < f.introduced for m in fits)]


_WORK_CUE = re.compile(
    r"\b(?:called|titled|entitled|named|dubbed|song|album|single|record|track|film|book|novel|memoir|play"
    r"|show|series|poem|painting|exhibition)\s+$"
)


def names_a_work(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is the whole of a title in quote marks after a work's noun or
    "called": a song called “Small Hours” is the song, not the band of that name."""
    return (
        start > 0
        and text[start - 1] in '“"‘'
        and text[end : end + 1] in ("”", '"', "’")
        and _WORK_CUE.search(text, max(0, start - 41), start - 1) is not None
    )


def surname_of(member: Any, written: str) -> bool:
    """Whether `written` (an organisation's name as the text has it) is a short form of the person
    `member`'s name, whatever its case: "De Montfaucon" for Séverine de Montfaucon."""
    return member.introduced is not None and written.casefold() in {key.casefold() for key in member.keys}


# Around a person's surname, what makes it a place or a thing named after someone: a place's
# preposition or a compass point before it ("south of Kellerby", "in Kellerby"; not "at", which
# follows verbs: "pointed at Okonkwo-Hale"), a town's appositive
# after it ("Kellerby, population 1,100"), an indefinite article before it ("a MacInnes tartan", "a
# Ferrand": one of the family, or a thing, never the person the catalogue means).
_PERSON_PLACE_BEFORE = re.compile(r"(?:\b(?i:in|outside)|\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+$")
_TOWN_APPOSITIVE = re.compile(r",\s+(?:population|pop\.|a\s+(?:town|village|city|hamlet|suburb)\b)")
_INDEFINITE_BEFORE = re.compile(
    r"\b(?i:a|an)\s+(?:[a-z][\w-]*(?:ed|al|ive|ic|ous|ful|less|able|ible|ary|ory|ish|ern|ial)\s+)?$"
)  # "a Ferrand", "a muted MacInnes tartan"; not "a reporter asked Pettibone", "a penalty Adeyemi described"


def not_the_person(text: str, start: int, end: int) -> bool:
    """Whether a person's surname at [start, end) names a place or a thing here, not the person."""
    if re.match(r"['’]s?\b", text[end:]):
        return False  # "at Kellerby’s farm": his
    window = text[max(0, start - 30) : start]
    return bool(
        _PERSON_PLACE_BEFORE.search(window)
        or _TOWN_APPOSITIVE.match(text, end)
        or _INDEFINITE_BEFORE.search(window)
        or (
            _ON_OPENING.search(text, max(0, start - 30), start) and text.startswith(",", end)
        )  # "On Lewis, the ferry …": an island
    )


_ON_OPENING = re.compile(r"(?:^|[.!?][”\"’]?\s+)On\s+$")
