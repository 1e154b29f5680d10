"""What a reporting cue names: the phrase's head read against the cast (`Referents.head`).

A full name or a short form one cast member fits: that person (or organisation). "He"/"she": the nearest
person before who agrees, when the text leaves no doubt. "The company": the nearest organisation before,
none other between. "The judge": the one introduced as judge. "X of Org": X. "They", roles: nobody.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.source.folding import fold
from pipeline.text.cast import Cast, Member, Reference
from pipeline.text.cues import PERSON_NOUNS, ROLE_NOUNS, SPEECH_VERB, TITLES, is_person_noun
from pipeline.text.kinds import may_be_called
from pipeline.text.lexicon import place_names
from pipeline.text.name_context import says_person
from pipeline.text.names import WORD, NameRun, is_capitalised, sentence_initial
from pipeline.text.passage import Passage, asks
from pipeline.text.speakers import Speaker

_DETERMINERS = frozenset(
    ["a", "an", "the", "one", "some", "another", "two", "three", "several", "many", "most", "few", "each"]
)
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ean|ian|an|ese|ish|ic)|[A-Z][\w-]*-(?:based|born|listed|owned|led|made)")
_OBJECT_BEFORE = re.compile(r"\b(?:for|of|to|with|against|by|from|about|on|at|behind|beside|than)\s+$")
_LEADERS = frozenset(
    """what as how which that and but so where when then later now today yesterday tonight earlier also
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".lower().split()
)
_PLURAL = frozenset({"they", "them", "we", "i", "you", "it"})
_ORG_NOUNS = re.compile(
    r"(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:company|firm|group|bank|business|carrier|retailer|startup|"
    r"start-up|manufacturer|maker|insurer|lender|conglomerate|organisation|organization|agency|ministry|"
    r"government|department|club|university|union|regulator|platform|marketplace|council|authority|association)",
    re.IGNORECASE,
)
# What may follow a noun that heads its phrase: punctuation, a relative, a verb, a preposition.
_HEAD_END = (
    r"\s*(?:[,.;:!?)—–]|$)|\s+(?:who|whom|whose|that|which|said|says|told|tells|asked|added|was|is|were|had|has|have"
    r"|did|does|would|will|could|can|may|might|must|should|and|or|but|with|from|for|at|in|on|of|outside|near|by|to"
    r"|who|named|called|standing|wearing|holding|sitting|carrying|\w+ed|\w+ing"
    r"|came|went|left|grew|began|became|took|made|spent|got|gave|ran|saw|knew|found|kept|sat|stood|wrote)\b"
)
_HEAD_ENDS = re.compile(_HEAD_END)
# A noun phrase's determiner and its head: the shortest run of words to a noun that ends the phrase
# ("The restaurant’s pastry chef came …": the chef, not the pastry).
_UNNAMED = re.compile(
    r"\b((?i:a|an|one|another|the|this|that|his|her|their|neither|either|each|every)|[A-Z][\w-]*[’']s)\s+"
    r"(?:[a-z][\w’'-]*\s+){0,3}?(?P<noun>[a-z]+)\b(?![’'-])(?=" + _HEAD_END + ")"
)
_PREDICATE_BEFORE = re.compile(
    r"\b(?:as|was|is|are|were|be|been|became|becomes|remains|remained|through|via|with|without|to|for|about|like"
    r"|than|into|towards|toward|beside|behind|against|among|after|under|over|of"
    r"|(?:[Aa]sked|[Pp]ressed|[Qq]uestioned|[Cc]hallenged)"
    r"\s+by)\s+$"
)
_WHO = re.compile(r",?\s+who\b")  # any noun a "who" follows is a person ("One shareholder, who asked…")
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or|&|as well as|along with|together with|nor)\b|\s*,\s*$")
# "…; now Korte is …", "…, although Pole said he had been passed fit"
_LATER_CLAUSE = re.compile(
    r"(?:;|,\s+(?:and|but|while|so|yet|although|though|whereas|even\s+though|because|since))\s+(?:[a-z]+\s+)?$"
)
_INTRO = re.compile(r"[\s“‘\"'(]*[^,;:“”\"]{1,80},\s+")
_POSSESSIVES_AND_PLURALS = frozenset("his her their its our my them us those these they we".split())
_ROLE_MODIFIERS = frozenset(
    "the a an former deputy senior acting vice managing foreign prime assistant junior interim then chief".split()
)
# "head of libraries", "director of the museum" (up to a comma or a speech verb; a name after the
# comma is who it is: "The leader of the group, Cllr Imran Qadri").
_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"
_OF_SOMETHING = re.compile(r"\s+of\s+[^,.;:“”\"]{1,60}?(?=,|\s+(?:said|says|told|tells|added|who)\b)")
_POSSESSIVE_PRONOUNS = frozenset("his her their my our your its".split())
_PLURAL_PERSON = re.compile(r"\b([A-Za-z]+)\b")
_GROUP_WORDS = frozenset("people men women children families staff crowds villagers locals folk".split())


def _is_people(word: str) -> bool:
    """A plural noun for people: "engineers", "Neighbours", "families"."""
    word = word.lower()
    if word in _GROUP_WORDS:
        return True
    if word.endswith("ies") and f"{word[:-3]}y" in PERSON_NOUNS:
        return True
    return word.endswith("s") and word[:-1] in PERSON_NOUNS


_COUNTED = re.compile(
    r"\b(?i:two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of|several|some|many|both|all|other"
    r"|a\s+(?:group|handful|couple)\s+of|\d+)\s+(?:[a-z][\w-]*\s+)?$"
)
_PRONOUN_OPENS = re.compile(r"\s*(He|She|They)\b")
_DECLINED = re.compile(
    r"(?:,[^,.;“”\"]{1,80},)?\s+(?:(?:has|had|have)\s+)?(?:declined|refused)\s+to\s+(?:be\s+interviewed|comment|speak|talk)"
    r"|(?:,[^,.;“”\"]{1,80},)?\s+(?:did\s+not|didn[’']t)\s+(?:respond|reply|return)|\s+could\s+not\s+be\s+reached"
)
_NESTED = re.compile(r"‘[^‘’]*’")
_I_NAMED = re.compile(r"\bI,\s+$")
_WROTE = re.compile(r"\s+(?:wrote|writes|had\s+written)\b")
_LETTER_FROM = re.compile(
    r"\b(?:letter|note|e-?mail|message|card|postcard)s?\s+(?:[a-z][\w-]*\s+){0,3}?from\s+(?:(?:her|his|their)\s+)?"
)
# A verb of asking after its subject: "Cardwell asked him", "Ms Flint asked Dr Archer", "a reporter asked".
_ASKING = r"\s+(?:then\s+|later\s+)?(?:asked|pressed|questioned|quizzed|challenged)\b"
_ASKS_NAMED = re.compile(_ASKING + r"\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?\s+)?(?P<name>[A-Z])")
_ASKS = re.compile(_ASKING + r"\s+(him|her|them)\b")
_POSSESSOR = re.compile(r"\w[’']s\s")
_IN_PLACE = re.compile(r"\b(?:in|at|near|outside|from)\s+$")
_HIM = re.compile(r"\b(?:him|himself)\b")
_HER = re.compile(r"\b(?:[Ss]he|[Hh]er|hers|herself)\b")
_HIS = re.compile(r"\b(?:[Hh]e|[Hh]is|him|himself)\b")
_AGED = re.compile(r",\s+\d{1,3},")
_APPOSITIVE_START = re.compile(r",\s+(?:the\s+)?")
_NAME_FOLLOWS = re.compile(r",?\s+(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'-]*\b")
_OF = re.compile(r"\s+(?:of|at|from|for|with)\s+", re.IGNORECASE)
# An unnamed person who opens a sentence: "The incident commander who took over …", "A law professor
# who studies …", "The unit’s lead investigator, …", "The authority’s director met …" (`_role_opening`).
_ROLE_OPENS = [
    re.compile(
        r"(?:The|A|An|One|Another|Its|Their|His|Her|the|an?|one|another)\s+(?:[A-Za-z0-9][\w’'-]*\s+){" + str(n) + r"}"
        r"(?P<noun>[a-z][\w-]*)\b(?![’'-])"
    )
    for n in range(4)
]
_ONE_OF = re.compile(
    r"(?:One|Another|one|another)\s+of\s+[^,;:“”\"]{0,50}?\b(?P<noun>[a-z][\w-]*?)s\b"  # One of the two officers …
    r"|(?P<alone>One|Another)(?=,\s+who\b)"  # "One, who asked not to be named, …": one of those just named
)
_APPOSED = re.compile(r"(?:\s+[^,.;:“”\"]{1,60}?)?,\s+")  # to the phrase's first comma
_ROLE_CUE = re.compile(r"(?i:the|a|an)\s+(?:[\w’'-]+\s+){0,4}?(?P<noun>[a-z][\w-]*)")
# How a reporter names, in the next sentence, a person just introduced by role (`named_next`):
# "The commander, Luis Ferrante, …", "Her name is Naomi Okimoto.", "Thea Mardell, 52, the museum’s
# chief curator, …", "Finance Minister Ansgar Strenge said …". {noun} is the role's noun.
_NAMING_THE_ROLE = r"(?:The|the)\s+(?:[a-z][\w’'-]*\s+){{0,3}}?{noun}[\w-]*,\s+"
_NAMING_TITLE = r"(?:[A-Z][\w.]*\s+){{0,2}}{title}\s+"  # "U.S. District Judge Rosalind Feeney"
_NAME_IS = re.compile(r"(?P<pronoun>Her|His)\s+name\s+is\s+")
_ROLE_AFTER_NAME = r",\s+(?:\d{{1,3}},\s+)?(?:the|a|an)\s+(?:[\w’'-]+\s+){{0,4}}?{noun}[\w-]*(?![’'\w-])"


class Referents:
    """Resolves what the phrases of one article's cues name."""

    def __init__(self, passages: Sequence[Passage], cast: Cast) -> None:
        self.passages = passages
        self.cast = cast

    def head(self, paragraph: int, start: int, end: int, rule: str, opening: tuple[int, int]) -> Speaker:
        """What the phrase text[start:end] names: its head, before any "of Org"; its last name."""
        passage = self.passages[paragraph]
        phrase = passage.text[start:end].strip(" ,")
        for cut in _OF.finditer(phrase):  # "Ken Mwangi of Dalton Freight", "one tallyman for the party": before it
            if re.match(r"(?:them|us|those|these)\b", phrase[cut.end() :]):
                break  # "one of them": who is meant is the group's
            at = passage.text.find(phrase, start) + cut.start()
            if not any(r.start < at < r.end for r in passage.references) and at > start:
                end = at
                phrase = passage.text[start:end].strip(" ,")
                break
        words = WORD.findall(phrase)
        if not words:
            return Speaker("none:no-cue")
        reference = next((r for r in reversed(passage.references) if start <= r.start and r.end <= end), None)
        if reference is not None and _tail_is(passage.text[reference.end : end]):
            return self.named(reference, rule)
        if _ORG_NOUNS.fullmatch(phrase):
            # "The regulator, the Resources Compliance Authority, says": the organisation it names.
            comma = _APPOSITIVE_START.match(passage.text, start + len(passage.text[start:end].rstrip(" ,")))
            named = next((r for r in passage.references if comma is not None and r.start == comma.end()), None)
            if named is not None and named.member is not None and not named.member.person:
                return self.named(named, rule)
            if any(is_capitalised(w) for w in words[1:]):
                # "the Teshrian foreign ministry": a name written in lower case, not "the ministry"
                # named before; the catalogue's, or nobody's.
                return self.organisation_named(phrase, rule)
            return self.organisation(paragraph, start, phrase)
        run = next((r for r in reversed(passage.runs) if start <= r.start and r.end <= end), None)
        if run is not None and _JOINED_NAME.search(passage.text, max(0, run.start - 40), run.start):
            # "The Foundation for Individual Rights and Expression", "Bread and Roses": the end of a
            # longer name, an organisation's, not a person called "Expression".
            return self.organisation_named(passage.text[start:end].strip(" ,"), rule)
        run = next((r for r in reversed(passage.runs) if start <= r.start and r.end <= end), None)
        if run is not None and _tail_is(passage.text[run.end : end]) and is_capitalised(run.text.split()[-1]):
            return Speaker(rule, name=run.text, is_person=_says_person(passage.text, run.start, run.end, start))
        last = words[-1].lower()
        if last in ("he", "she") and all(w.lower() in _LEADERS for w in words[:-1]):  # "she", "what she"
            at = start + phrase.rfind(words[-1])  # names after the pronoun cannot be what it means
            return self._pronoun(words[-1], paragraph, at, opening)
        if last == "they" and len(words) == 1:
            # Singular "they" only for a person whose pronouns the catalogue or the text gives as they,
            # and not when a group of people came up since ("two engineers … they said").
            found = self.antecedent(words[-1], "they", min(opening, (paragraph, start)))
            group = self.group_since(paragraph, min(opening, (paragraph, start))[1], found)
            if group is not None:
                return Speaker("none:plural", cue=f"{phrase} ({group})")
            return found if found.attributed else Speaker("none:plural", cue=phrase)
        if last in _PLURAL and len(words) == 1:
            return Speaker("none:plural", cue=phrase)
        if last in _PLURAL:
            return Speaker("none:plural", cue=phrase)  # "one of them", "some of us"
        role = re.fullmatch(r"[Tt]he\s+([a-z][\w-]+)", phrase)
        if role is not None and role.group(1) in _BODIES:
            return Speaker("none:role", cue=phrase)  # "the sub-committee said": a body, not its chair
        if role is not None:
            # "the judge said": the one person the article introduced as its judge ("Judge Maria Keane").
            holders = self.cast.with_role(role.group(1), (paragraph, start))
            if len(holders) == 1 and self.only_theirs(role.group(1), holders[0], paragraph, start):
                return self.member_speaker(holders[0], "title")
        cue = _ROLE_CUE.fullmatch(phrase)
        if (
            cue is not None
            and cue.group("noun") in ROLE_NOUNS | PERSON_NOUNS.keys()
            and not any(is_capitalised(w) for w in words[1:])
        ):
            # "says the museum’s chief curator" … "The curator, Thea Mardell, …": named in the next sentence
            later = self.named_next(cue.group("noun"), None, paragraph, start + len(phrase))
            if later is not None:
                return later
        if words[0].lower() in _DETERMINERS:
            return Speaker("none:role", cue=phrase)  # "a man sitting beside her", "one driver"
        if len(words) > 1 and words[0].lower() in _POSSESSIVE_PRONOUNS and last in PERSON_NOUNS:
            return Speaker("none:role", cue=phrase)  # "her mother says": somebody, named or not, not the last speaker
        return Speaker("none:no-cue", cue=phrase)

    def _pronoun(self, pronoun: str, paragraph: int, at: int, opening: tuple[int, int]) -> Speaker:
        """Whom "he"/"she" at `at` means: an unnamed person just before, the letter's writer, or the
        antecedent (`antecedent`), never someone the quotation's own words speak of."""
        passage = self.passages[paragraph]
        last = pronoun.lower()
        role = self.role_before(opening, last) if opening[0] == paragraph else None
        if role is not None:
            meant = _may_be(role, last)
            if meant and self._agreeing_between(paragraph, role.end(), at, last):
                # "The authority’s director met June Hollis. “…,” she said": either of them
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({role.group().strip()} or another?)")
            later = self.named_next(role.group("noun"), last, paragraph, at)
            if later is not None:
                return later
            if meant:
                # "Wilf Orrin ordered it. The incident commander said … “…,” he said": the subject
                # just before, whom the text does not name, may be meant as well as anyone named.
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({role.group().strip()}?)")
        if _WROTE.match(passage.text, at + len(pronoun)):
            writer = self.writer_before(min(opening, (paragraph, at)), last)
            if writer is not None:
                return writer
        found = self.antecedent(pronoun, last, min(opening, (paragraph, at)))
        if found.attributed and self._named_inside(opening, found):
            # “Bethan would not let me cheat,” she says: not Bethan, whom the words speak of.
            return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} (not {found.name or found.entity}?)")
        return found

    def _spoken_of(self, where: int, person: Reference | NameRun, gender: str) -> bool:
        """Whether `person` is named in a question put to somebody ("Asked whether Thewlis …,") or in
        what a "he"/"she" of `gender` says ("she said Ms Sheldrake had …"), in their sentence."""
        passage = self.passages[where]
        start, _ = passage.sentence(_start(person))
        before = passage.text[start : _start(person)]
        return bool(_ASKED_ABOUT.match(before)) or (
            gender in ("he", "she") and re.search(rf"\b(?i:{gender})\s+{_SAYS_THAT}", before) is not None
        )

    def role_before(self, opening: tuple[int, int], gender: str) -> re.Match[str] | None:
        """The unnamed person (a role, a description) who opens the sentence before a quotation that
        opens its own sentence: "The incident commander who took over the fire said the weather would
        decide. “…,” he said"; or opens the one before sentences that go on with the pronoun ("A
        former engineer, who …, disputed that. She said … “…,” she said")."""
        paragraph, at = opening
        passage = self.passages[paragraph]
        start, _ = passage.sentence(at)
        said = re.compile(rf"{gender.capitalize()}\s").match(passage.text, start)  # "She said customers … “…”"
        if (passage.text[start:at].strip(" “\"‘'(") and said is None) or start == 0:
            return None
        before = passage.sentence(start - 1)
        for _ in range(2):
            if not re.compile(rf"{gender.capitalize()}\s").match(passage.text, before[0]) or before[0] == 0:
                break
            before = passage.sentence(before[0] - 1)
        opens = _role_opening(passage.text, before[0])
        if opens is None or not _may_be(opens, gender):
            # A clause's subject later in the sentence, when nobody named comes before it there:
            # "The count was held up when the returning officer ordered a recount."
            subject = _clause_subject(passage.text, before[0], before[1])
            apposed = (
                opens is not None
                and subject is not None
                and not passage.text[opens.end() : subject.start()].strip(" ,")
            )
            if (
                subject is not None
                and not apposed
                and not self._agreeing_between(paragraph, before[0], subject.start(), gender)
            ):
                opens = subject  # (not "The study’s discussant, an oncologist …": that describes the opening's)
        if opens is None or any(a <= before[0] < b for a, b in passage.quoted):
            return None
        comma = _APPOSED.match(passage.text, opens.end())
        if comma is not None and self._name_at(paragraph, comma.end()) is not None:
            return None  # "The company’s managing director, Simon Achterberg, …": named there (of the council too)
        return opens

    def _agreeing_between(self, paragraph: int, start: int, end: int, gender: str) -> bool:
        """Whether the paragraph names a person who may be "he"/"she" in [start, end) (outside quotations)."""
        people = self.people_before_in(paragraph, end)
        return any(start <= _start(person) and _gender(person) in (None, gender) for person in people)

    def named_next(self, noun: str | None, gender: str | None, paragraph: int, after: int) -> Speaker | None:
        """The person a reporter names in the sentence after the one holding `after`, where a cue gave
        only a role: "The commander, Luis Ferrante, said …" (the role's noun again), "Her name is
        Naomi Okimoto", "Thea Mardell, 52, the museum’s chief curator, …", "Finance Minister Ansgar
        Strenge said …". The next sentence outside quotations, in the paragraph or opening the next
        one; None unless it names them so, and agrees with the pronoun."""
        where, start = self._sentence_after(paragraph, after)
        if where is None:
            return None
        passage = self.passages[where]
        name_at: int | None = None
        said_as = _NAME_IS.match(passage.text, start)
        if said_as is not None:
            if gender is not None and {"Her": "she", "His": "he"}[said_as.group("pronoun")] != gender:
                return None
            name_at = said_as.end()
        elif noun is not None:
            root = re.escape(noun.split("-")[0])
            again = re.compile(_NAMING_THE_ROLE.format(noun=root)).match(passage.text, start)
            title = re.compile(_NAMING_TITLE.format(title=root.capitalize())).match(passage.text, start)
            if again is not None:
                name_at = again.end()
            elif title is not None and noun in ROLE_NOUNS | PERSON_NOUNS.keys():
                name_at = title.end()
            else:
                name = self._name_at(where, start)
                role = re.compile(_ROLE_AFTER_NAME.format(noun=root)) if name is not None else None
                if name is not None and role is not None and role.match(passage.text, name.end):
                    name_at = _start(name)
        if name_at is None:
            return None
        named = self._name_at(where, name_at)
        if named is None:
            return None
        if isinstance(named, Reference):
            if named.member is not None and (gender is not None and named.member.gender not in (None, gender)):
                return None
            found = self.named(named, "named-next")
            return found if found.attributed else None
        if len(named.text.split()) < 2 or named.organisation_like:
            return None
        return Speaker("named-next", name=named.text, is_person=True)

    def _sentence_after(self, paragraph: int, after: int) -> tuple[int | None, int]:
        """Where the sentence after the one holding `after` starts, outside quotations: in the
        paragraph, or at the start of the next one."""
        passage = self.passages[paragraph]
        _, end = passage.sentence(after)
        while end < len(passage.text):
            start = end + len(passage.text[end:]) - len(passage.text[end:].lstrip())
            if not any(a <= start < b for a, b in passage.quoted):
                return paragraph, start
            _, end = passage.sentence(start)
            if end <= start:
                break
        if paragraph + 1 < len(self.passages) and end >= len(passage.text.rstrip()):
            following = self.passages[paragraph + 1]
            start = len(following.text) - len(following.text.lstrip())
            if not any(a <= start < b for a, b in following.quoted):
                return paragraph + 1, start
        return None, 0

    def _name_at(self, where: int, at: int) -> Reference | NameRun | None:
        """The name that starts at `at` (after a title: "Dr Susannah Okwuosa"), outside quotations."""
        passage = self.passages[where]
        names: list[Reference | NameRun] = [*passage.references, *passage.runs]
        for name in sorted(names, key=_start):
            if _start(name) >= at:
                gap = passage.text[at : _start(name)].replace(".", " ").split()
                return name if all(word in TITLES for word in gap) else None
        return None

    def only_theirs(self, role: str, holder: Member, paragraph: int, at: int) -> bool:
        """Whether the text gives the role noun, before (paragraph, at), to no named person but the
        holder: "his elder brother and captain, Rohan." makes another captain than "Kelsham captain
        Ollie Bowler", and "the captain recalled" either of them. (Not "Cross-examining the
        detective, Hatcher asked": a name after the comma that goes on with a verb is the subject.)"""
        word = re.compile(rf"(?i:\b{re.escape(role)}\b)(?:\s+|,\s+(?={_NAME}[,.;:]))(?={_NAME})")
        for index in range(paragraph + 1):
            passage = self.passages[index]
            for found in word.finditer(passage.text, 0, at if index == paragraph else len(passage.text)):
                if any(a <= found.start() < b for a, b in passage.quoted):
                    continue
                named = next((r for r in passage.references if r.start == found.end()), None)
                if named is None or named.member is not holder:
                    return False
        return True

    def group_since(self, paragraph: int, at: int, found: Speaker) -> str | None:
        """A group of people named in the paragraph before `at` ("two engineers", "Neighbours on
        Millrace Row"), outside quotations, with the person `found` not named after it: what a
        "they" there may mean instead of that person."""
        passage = self.passages[paragraph]
        groups = [
            m
            for m in _PLURAL_PERSON.finditer(passage.text, 0, at)
            if _is_people(m.group(1))
            and not any(a <= m.start() < b for a, b in passage.quoted)
            # a group that does something: counted ("two engineers"), or opening its sentence
            # ("Neighbours on Millrace Row …"); not an object ("worried the firm’s accountants")
            and (
                _COUNTED.search(passage.text, max(0, m.start() - 30), m.start()) is not None
                or sentence_initial(passage.text, m.start())
                or passage.text[: m.start()].rstrip()[-1:] in ("", "—", "–", ":")  # "10:20 — Neighbours …"
            )
        ]
        if not groups:
            return None
        since = groups[-1].end()
        named = [
            r
            for r in passage.references
            if since <= r.start < at
            and r.member is not None
            and found.attributed
            and found.names(r.member.entity, r.member.name)
        ]
        return None if named else groups[-1].group(1)

    def member_speaker(self, member: Member, rule: str) -> Speaker:
        if member.entity is not None:
            return Speaker(rule, entity=member.entity, is_person=member.person)
        return Speaker(rule, name=member.name, is_person=member.evidence)

    def named(self, reference: Reference, rule: str) -> Speaker:
        member = reference.member
        if member is None:
            if reference.ambiguous:
                names = " or ".join(sorted(m.name for m in reference.candidates))
                return Speaker("none:ambiguous-name", cue=f"{reference.text} ({names}?)")
            return Speaker("none:not-a-name", cue=reference.text)  # "Hunt" where it may be a word
        if member.entity is not None:
            return Speaker(rule, entity=member.entity, is_person=member.person)
        text = self.passages[reference.paragraph].text
        person = member.evidence or reference.title is not None or says_person(text, reference.start, reference.end)
        # An interview's label is a speaker's: a person named in full in the article ("Leah Corrigan").
        return Speaker(rule, name=member.name, is_person=person or (rule == "cue:label" and member.person))

    def _asker(self, where: int, candidate: Reference | NameRun, gender: str | None = None) -> bool:
        """Whether the candidate asked the question the quotation answers: "Asked by Ms Achterberg …,
        she replied", "Cardwell asked him why … “…,” he said" (him, not Cardwell)."""
        text = self.passages[where].text
        if _ASKED_BY.search(text, max(0, _start(candidate) - 30), _start(candidate)) is not None:
            return True
        asks = _ASKS.match(text, candidate.end)
        if asks is not None:
            return {"him": "he", "her": "she", "them": "they"}[asks.group(1)] == gender
        # "Ms Flint asked Dr Archer whether the bats could be moved. “…,” she said": the one asked
        # answers, when the pronoun may mean her.
        named = _ASKS_NAMED.match(text, candidate.end)
        if named is None or gender is None:
            return False
        return any(
            named.start() < _start(asked) <= named.start("name") and _agrees(asked, gender)
            for asked in self.people_before_in(where, len(text))
        )

    def writer_before(self, opening: tuple[int, int], gender: str) -> Speaker | None:
        """Who wrote the letter the sentence before the quotation brings in, for a "she wrote" after
        it: "Mrs Oldroyd read out a letter from Winifred Gilthwaite, 91, … “…,” she wrote" (not the
        reader); None unless that sentence names its writer, and the pronoun agrees."""
        paragraph, at = opening
        passage = self.passages[paragraph]
        start, _ = passage.sentence(at)
        if start == 0:
            return None
        before = passage.sentence(start - 1)
        found = _LETTER_FROM.search(passage.text, before[0], before[1])
        named = self._name_at(paragraph, found.end()) if found is not None else None
        if named is None or not _agrees(named, gender):
            return None
        if isinstance(named, Reference):
            speaker = self.named(named, "pronoun")
            return speaker if speaker.attributed else None
        return Speaker("pronoun", name=named.text, is_person=True)

    def _named_inside(self, opening: tuple[int, int], speaker: Speaker) -> bool:
        """Whether the quotation that opens at `opening` names `speaker` in its own words."""
        paragraph, at = opening
        passage = self.passages[paragraph]
        span = next(((a, b) for a, b in passage.quoted if a <= at < b), None)
        if span is None:
            return False
        # The quotation's own words: not what it quotes in turn (‘Joost, your face …’), nor "I, Gwilym
        # Harcourt, …", a speaker naming themselves.
        words = _NESTED.sub(lambda m: " " * len(m.group()), passage.text[span[0] : span[1]])
        if any(
            span[0] <= r.start < span[1]
            and words[r.start - span[0]] != " "
            and not _I_NAMED.search(words, 0, r.start - span[0])
            and r.member is not None
            and speaker.names(r.member.entity, r.member.name)
            for r in passage.references
        ):
            return True
        # By first name, which no alias may list: "Bethan would not let me cheat," of Bethan Morrow.
        return any(
            not _I_NAMED.search(words, 0, found.start())
            for m in self.cast.members
            if m.person and speaker.names(m.entity, m.name) and len(m.name.split()) > 1
            for found in re.finditer(rf"\b{re.escape(m.name.split()[0])}\b", words)
        )

    def _a_question_at(self, paragraph: int, at: int) -> bool:
        """Whether the quotation that opens at `at` asks a question."""
        passage = self.passages[paragraph]
        span = next(((a, b) for a, b in passage.quoted if a <= at < b), None)
        return span is not None and asks(passage.text[span[0] : span[1]])

    def _possessor_of_the_subject(
        self,
        where: int,
        nearest: Reference | NameRun,
        paragraph: int,
        at: int,
        fitting: list[tuple[int, Reference | NameRun]],
    ) -> bool:
        """Whether the nearest candidate owns the subject of the pronoun's own sentence ("Irena
        Balaz, his spokeswoman, said … Lindahl’s team had not replied, she said"), with somebody
        else who agrees named before it in the paragraph: a possessor is not who speaks there."""
        passage = self.passages[where]
        if where != paragraph or not re.match(r"[’']s?\s", passage.text[nearest.end :]):
            return False
        sentence = passage.sentence(_start(nearest))
        if sentence != passage.sentence(max(at - 1, 0)) or not _opens(passage.text, sentence[0], _start(nearest)):
            return False
        return any(w == where and _identity(c) != _identity(nearest) for w, c in fitting)

    def antecedent(self, pronoun: str, gender: str, before: tuple[int, int]) -> Speaker:
        """The person "he"/"she" refers to: the nearest person named before both the quotation and
        the pronoun who agrees with it, when the text leaves no doubt (see the module's docstring)."""
        paragraph, at = before
        candidates = self.people_before(paragraph, at)
        # "Asked by Ms Achterberg why …, she replied": who asked is not who answers (unless the
        # quotation is a question too: "Sahni pressed Vell. “Are you …?” she asked").
        if not self._a_question_at(paragraph, at):
            candidates = [(w, c) for w, c in candidates if not self._asker(w, c, gender)]
        # "Asked whether Thewlis had been given enough money, he said": whom a question put to the
        # speaker is about is not the speaker; nor is one named in what "she" said ("she said Ms
        # Sheldrake had been invited three times. “…,” she said").
        candidates = [(w, c) for w, c in candidates if not self._spoken_of(w, c, gender)]
        # "Charlene declined to be interviewed for this story. “…,” she said": not Charlene.
        declined = {_identity(c) for w, c in candidates if _DECLINED.match(self.passages[w].text, c.end)}
        candidates = [(w, c) for w, c in candidates if _identity(c) not in declined]
        fitting = [(where, c) for where, c in candidates if _agrees(c, gender)]
        back = min((where for where, _ in candidates), default=paragraph - 1)
        while not fitting and back > 0:
            # Nobody nearby agrees ("her father, Peter Lambert" before "she"): the last paragraph
            # before them that names somebody who does, everyone named in between disagreeing.
            back -= 1
            earlier = self.people_in([back], paragraph, at)
            fitting = [(where, c) for where, c in earlier if _agrees(c, gender)]
            candidates = earlier + candidates
        if not fitting:
            return Speaker("none:no-antecedent", cue=pronoun)
        skipped = [i for i in range(fitting[-1][0] + 1, paragraph) if self._unnamed_referent(i, gender)]
        if skipped and self._principal(gender) not in _identities(fitting[-1][1], gender):
            # "Whitcombe … remembers her drafts. ¶ The chief judge called her “…”. ¶ “…,” she says":
            # a paragraph in between says "her" of somebody it does not name, who may be another
            # than the one named last; unless that is the article's first, a profile's subject.
            return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(fitting[-1][1])} or another?)")
        where, nearest = fitting[-1]
        passage = self.passages[where]
        sentence = passage.sentence(_start(nearest))
        if self._possessor_of_the_subject(where, nearest, paragraph, at, fitting) or _after_its_pronoun(
            passage.text, sentence[0], _start(nearest), gender
        ):
            return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(nearest)}?)")
        together = [c for w, c in fitting if w == where and sentence[0] <= _start(c) < sentence[1]]
        if len({_identity(c) for c in together}) > 1:
            # Two people in that sentence: the one not named after a preposition ("Moran, for Gallagher").
            subjects = [
                c
                for c in together
                if not _OBJECT_BEFORE.search(passage.text[max(0, _start(c) - 12) : _start(c)])
                and not re.match(r"[’']s?\s", passage.text[c.end :])  # "Cole’s plea": not who acts
            ]
            subject = _known_subject(passage.text, sentence[0], together, gender)
            if subject is not None:
                subjects = [subject]  # "Herrera Valdés, who…, signed it with the deputy minister, Tran Van Phuc"
            if len({_identity(c) for c in subjects}) != 1:
                names = " or ".join(sorted({_identity(c) for c in together}))
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({names}?)")
            nearest = subjects[-1]
        # The subject just before leads, unless it asked a question (“Did you…?” “No,” she said).
        asked = where == paragraph and re.search(r"\?[”\"’']", self.passages[where].text[_start(nearest) : at])
        leads = self.leads(where, nearest, paragraph, at) and not asked
        if _gender(nearest) is None and not leads:
            # Of unknown agreement, the nearest is meant only if nobody else could be: nobody whose
            # pronoun is known to agree, and nobody else of unknown agreement in the same paragraph
            # (unless it is the subject of the sentence just before: "Okafor said … “…,” he said").
            rivals = [
                c for w, c in fitting if _identity(c) != _identity(nearest) and (_gender(c) is not None or w == where)
            ]
            if rivals:
                return Speaker(
                    "none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(nearest)} or {_identity(rivals[-1])}?)"
                )
        if _gender(nearest) is None and not leads:
            # A profile's subject, named paragraphs back and known to agree, may be meant as well
            # as the nearer person whose pronoun the text never gives (her late husband, Jack).
            first = min((w for w, _ in candidates), default=where)
            same = {_identity(nearest)} | {
                m.name for m in (nearest.candidates if isinstance(nearest, Reference) else ()) if m is not None
            }
            agreeing_before = [
                c
                for _, c in self.people_in(range(first), paragraph, at)
                if _gender(c) == gender and _identity(c) not in same
            ]
            if agreeing_before:
                rival = _identity(agreeing_before[-1])
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(nearest)} or {rival}?)")
        unnamed = self.unnamed_person_after(where, nearest, paragraph, at, gender)
        if unnamed is not None:
            return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(nearest)} or {unnamed}?)")
        for index in range(where, paragraph + 1):
            text = self.passages[index].text
            since = sentence[1] if index == where else 0
            limit = at if index == paragraph else len(text)
            others = [r for r in self.people_before_in(index, limit) if since <= _start(r) and r is not nearest]
            if any(sentence_initial(text, _start(r)) and _identity(r) != _identity(nearest) for r in others):
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(nearest)} or another?)")
        return _pronoun_speaker(nearest, pronoun, gender)

    def _principal(self, gender: str) -> str | None:
        """The first person the article names who is known to be "he"/"she": a profile's subject."""
        for passage in self.passages:
            for reference in passage.references:
                if reference.member is not None and reference.member.person and _gender(reference) == gender:
                    return _identity(reference)
        return None

    def _unnamed_referent(self, index: int, gender: str) -> bool:
        """Whether a paragraph that names nobody agreeing with "he"/"she" uses that pronoun (outside
        quotations) of somebody."""
        passage = self.passages[index]
        words = _HER if gender == "she" else _HIS if gender == "he" else None
        return words is not None and any(
            not any(a <= found.start() < b for a, b in passage.quoted) for found in words.finditer(passage.text)
        )

    def unnamed_person_after(
        self, where: int, nearest: Reference | NameRun, paragraph: int, at: int, gender: str
    ) -> str | None:
        """A person the text does not name ("one woman", "her mother") agreeing with the pronoun, between the
        nearest named candidate and it (outside quotations): "she" may mean them. Not an appositive of a
        name ("her daughter, Kerensa Tremayne"), nor a role the candidate was introduced with."""
        roles = nearest.member.roles if isinstance(nearest, Reference) and nearest.member is not None else set()
        for index in range(where, paragraph + 1):
            passage = self.passages[index]
            start = nearest.end if index == where else 0
            if index == where and self.leads(where, nearest, paragraph, at):
                # The subject of the last sentence: what else that sentence holds is not who speaks
                # ("Herrera Valdés laughed before the interpreter had finished. “…?” she said").
                start = passage.sentence(_start(nearest))[1]
            limit = at if index == paragraph else len(passage.text)
            for phrase in _UNNAMED.finditer(passage.text, start, limit):
                noun = phrase.group("noun")
                known = PERSON_NOUNS.get(noun, "" if _WHO.match(passage.text, phrase.end()) else "?")  # "": "…, who"
                if known == "?" and noun in ROLE_NOUNS and _POSSESSOR.search(phrase.group()):
                    known = None  # "the federation’s president": somebody's role, whom "she" may mean
                of = _OF_SOMETHING.match(passage.text, phrase.end()) if known == "?" and noun in ROLE_NOUNS else None
                if of is not None and not _NAME_FOLLOWS.match(passage.text, of.end()):
                    known = ""  # "The borough's head of libraries, who …": a person, whom "she" may mean
                if known not in ("", None, gender) or noun in roles:
                    continue
                if any(a <= phrase.start() < b for a, b in passage.quoted):
                    continue
                if gender == "she" and known in ("", None) and _HIM.search(passage.text, phrase.end(), limit):
                    continue  # "When a government minister … dismissed her findings, she wrote to him"
                if index == where and re.fullmatch(r",\s*", passage.text[nearest.end : phrase.start()]):
                    continue  # in apposition to the candidate
                named = _NAME_FOLLOWS.match(passage.text, phrase.end())
                if named is not None and len(named.group().strip(", ").split()) > 1:
                    continue  # "her daughter, Kerensa Tremayne": a named person, a candidate of their own
                # "Mrs Voss’s husband, Daniel": named by a first name only, nobody the cast knows, but
                # somebody "he" may mean all the same.
                if not _HEAD_ENDS.match(passage.text, phrase.end()):
                    continue  # "the local surgery": the noun modifies another
                if _PREDICATE_BEFORE.search(passage.text, max(0, phrase.start() - 30), phrase.start()):
                    continue  # "listed as a director", "she was a nurse", "asked by one analyst"
                if phrase.group(1).lower() == "the" and len(phrase.group().split()) == 2:
                    # "the chef" (not "the restaurant’s pastry chef", another role of its own)
                    holders = self.cast.with_role(noun, (index, phrase.start()))
                    if len(holders) == 1 and (holders[0].gender not in (None, gender) or _is(nearest, holders[0])):
                        continue  # "the councillor": the one person introduced so, who cannot be meant
                return phrase.group().strip()
        return None

    def leads(self, where: int, candidate: Reference | NameRun, paragraph: int, at: int) -> bool:
        """Whether the candidate opens the last sentence before the quotation, in its paragraph (its subject)."""
        passage = self.passages[where]
        start = _start(candidate)
        opening = passage.sentence(start)[0]
        return (
            where == paragraph
            and _opens(passage.text, opening, start)
            and passage.sentence(start)[1] > passage.sentence(max(at - 1, 0))[0]
            and not re.match(r"[’']s?\s", passage.text[candidate.end :])
        )

    def people_before_in(self, index: int, limit: int) -> list[Reference | NameRun]:
        passage = self.passages[index]
        people: list[Reference | NameRun] = [
            r
            for r in passage.references
            if r.end <= limit
            and (
                r.member.plausible_person
                if r.member is not None
                # a name that may not be a person's here, after "in" ("the office on Tanpit Row in
                # Preston"), is a place: nobody a pronoun means
                else any(m.person for m in r.candidates) and not _IN_PLACE.search(passage.text, 0, r.start)
            )
        ]
        people += [r for r in passage.runs if r.end <= limit and self.person_like(passage.text, r)]
        return sorted(people, key=_start)

    def people_before(self, paragraph: int, at: int) -> list[tuple[int, Reference | NameRun]]:
        """Person-like names before (paragraph, at) in it and the paragraph before, in reading order;
        when those name nobody, the last paragraph before them that does (a profile's "she", several
        paragraphs after its subject was last named, with nobody else named since)."""
        found = self.people_in(range(max(0, paragraph - 1), paragraph + 1), paragraph, at)
        if found:
            return found
        for index in range(paragraph - 2, -1, -1):
            if self.passages[index].references or any(
                self.person_like(self.passages[index].text, r) for r in self.passages[index].runs
            ):
                return self.people_in([index], paragraph, at)  # the nearest paragraph that names anybody
        return []

    def people_in(self, indexes: Sequence[int], paragraph: int, at: int) -> list[tuple[int, Reference | NameRun]]:
        found: list[tuple[int, Reference | NameRun]] = []
        for index in indexes:
            if index < 0:
                continue
            limit = at if index == paragraph else len(self.passages[index].text)
            found += [(index, p) for p in self.people_before_in(index, limit)]
        return found

    def person_like(self, text: str, run: NameRun) -> bool:
        """A name the cast lacks (a single word, or a run the cast found no person in) that may be a
        person: a title before it or a speech verb after it."""
        if run.organisation_like:
            return False
        followed_by_verb = (
            SPEECH_VERB.match(text[run.end :].lstrip(" ")) is not None
        )  # not ", said": an appositive's end
        titled = text[: run.start].rstrip(". ").endswith(tuple(TITLES))
        # "Amelia, 15, who sits her GCSEs next summer" (not a first name the cast knows: "Alun, 74",
        # Alun Bevan's, is his)
        aged = _AGED.match(text, run.end) is not None and not any(
            m.name.split()[0] == run.text for m in self.cast.members
        )
        return followed_by_verb or titled or aged

    def organisation_named(self, phrase: str, rule: str) -> Speaker:
        """The catalogued organisation whose name or alias `phrase` is, whatever its case ("the
        Teshrian foreign ministry"), or nobody."""
        key = fold(re.sub(r"^(?i:the|its|their)\s+", "", phrase)).casefold()
        found = [
            e
            for e in self.cast.catalogue.entities.values()
            if e.type != "Person" and key in {fold(n).casefold() for n in (e.name, *e.aliases)}
        ]
        if len(found) == 1:
            return Speaker(rule, entity=found[0].id, is_person=False)
        return Speaker("none:role", cue=phrase)

    def organisation(self, paragraph: int, at: int, phrase: str) -> Speaker:
        """The organisation "the company" refers to: the nearest one named, with no other name in between."""
        for index in range(paragraph, -1, -1):
            passage = self.passages[index]
            limit = at if index == paragraph else len(passage.text)
            orgs = [
                r
                for r in passage.references
                if r.end <= limit
                and r.member is not None
                and not r.member.person
                and may_be_called(r.member.name, phrase)
                and not _TOLD_BEFORE.search(passage.text, max(0, r.start - 40), r.start)  # the outlet told
            ]
            others = [r for r in passage.runs if r.end <= limit and _maybe_organisation(passage.text, r)]
            if orgs:
                nearest = orgs[-1]
                sentence = passage.sentence(nearest.start)
                if any(o.member is not nearest.member for o in orgs if passage.sentence(o.start) == sentence):
                    return Speaker("none:ambiguous-organisation", cue=phrase)
                if any(r.start > nearest.end for r in others):
                    return Speaker("none:ambiguous-organisation", cue=phrase)
                assert nearest.member is not None
                return Speaker(
                    "org-reference",
                    entity=nearest.member.entity,
                    name=None if nearest.member.entity else nearest.member.name,
                )
            if others:
                return Speaker("none:ambiguous-organisation", cue=phrase)
        return Speaker("none:no-antecedent", cue=phrase)


_TOLD_BEFORE = re.compile(r"\b(?:told|tells|telling|interviews?\s+with|speaking\s+to|spoke\s+to)\s+(?:the\s+)?$")


_ASKED_BY = re.compile(
    r"\b(?i:asked|questioned|pressed|challenged|quizzed)\s+by\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+)?$"
)


def _after_its_pronoun(text: str, sentence_start: int, start: int, gender: str) -> bool:
    """Whether a sentence that names the candidate opens with the same pronoun: "He met Dr Marchbank
    on Friday. “…,” he says." (the one named is the object; "He" is somebody earlier)."""
    opening = _PRONOUN_OPENS.match(text, sentence_start)
    return opening is not None and opening.end() <= start and opening.group(1).lower() == gender


def _pronoun_speaker(nearest: Reference | NameRun, pronoun: str, gender: str) -> Speaker:
    """Who the pronoun names, once `nearest` is settled as what it means."""
    if isinstance(nearest, Reference) and nearest.member is None:
        # "Lambert" of two Lamberts, but only one is a she: the pronoun settles which.
        agreeing = [m for m in nearest.candidates if m.person and m.gender == gender]
        if len(agreeing) == 1 and all(m.gender is not None for m in nearest.candidates if m.person):
            nearest = replace(nearest, member=agreeing[0])
    if isinstance(nearest, Reference) and nearest.member is not None:
        member = nearest.member
        if member.entity is not None:
            return Speaker("pronoun", entity=member.entity, is_person=True)
        return Speaker("pronoun", name=member.name, is_person=True)
    if isinstance(nearest, NameRun):
        return Speaker("pronoun", name=nearest.text, is_person=True)
    return Speaker("none:ambiguous-pronoun", cue=pronoun)


# Words that end one noun phrase and start another: "a tip from a member" is not one phrase.
_NOT_IN_A_HEAD = frozenset("a an the of from for with at in on by to and or his her their its".split())


def unnamed_subject(text: str, at: int) -> re.Match[str] | None:
    """The unnamed person (a noun for a person) a sentence at `at` opens with: "A federal judge on
    Thursday fined …"; None for anything else."""
    phrase = _role_opening(text, at)
    return phrase if phrase is not None and is_person_noun(phrase.group("noun") or "") else None


def _role_opening(text: str, at: int) -> re.Match[str] | None:
    """The shortest run of words from a determiner at `at` to a noun that ends the phrase ("The
    board’s chief executive, …"), else to a noun for people before any word ("The authority’s
    director met …"), or one of a group ("One of Dr. Lisowski’s longtime co-authors, who …")."""
    one_of = _ONE_OF.match(text, at)
    if one_of is not None and (one_of.group("alone") or is_person_noun(one_of.group("noun"))):
        return one_of
    phrases = [phrase for phrase in (opening.match(text, at) for opening in _ROLE_OPENS) if phrase is not None]
    heads = [phrase for phrase in phrases if _HEAD_ENDS.match(text, phrase.end())]
    for phrase in heads:
        inner = phrase.group().split()[1:]
        if is_person_noun(phrase.group("noun")) and not _NOT_IN_A_HEAD & {w.lower() for w in inner}:
            return phrase  # "A former engineering manager, …": not "A former", before a word in -ing
    for phrase in heads:
        return phrase
    for phrase in phrases:
        if is_person_noun(phrase.group("noun")) and re.compile(r"\s+[a-z]+\b").match(text, phrase.end()):
            return phrase
    return None


# Where a clause's subject may stand inside a sentence: after an opening phrase ("At a table after
# the event, a Pellucid employee who …") or a conjunction ("… held up when the returning officer
# ordered a recount").
_CLAUSE_OPENS = re.compile(r",\s+|\b(?:when|after|before|as|while|because|until|once|since|and|but)\s+(?=[a-z])")


_QUESTIONER = re.compile(_ASKING)
# Nouns for a body of people that speaks as one: not the title of a person in it.
_BODIES = frozenset(
    """committee sub-committee subcommittee panel board council jury tribunal court commission inquiry bench
    cabinet government department agency authority union federation association trust club party group""".split()
)
_JOINED_NAME = re.compile(r"\b[A-Z][\w’'-]*\s+(?:and|&)\s+$")
# A question put to the one who answers, opening the sentence: "Asked whether Thewlis had been …,".
_ASKED_ABOUT = re.compile(r"\s*Asked\s+(?:whether|if|about|what|why|how|when|who|whom|which|where|to)\b[^,;.!?“”\"]*$")
_SAYS_THAT = (
    r"(?:said|says|told\s+[\w\s]{1,30}?|tells\s+[\w\s]{1,30}?|added|adds|insisted|insists|argued|argues)\s+(?:that\s+)?"
)


def _clause_subject(text: str, start: int, end: int) -> re.Match[str] | None:
    """The last unnamed person in [start, end) who is the subject of a clause in the sentence there,
    not its opening (`_role_opening`): "a Pellucid employee who …", "when the returning officer ordered
    …" (a person's noun only)."""
    found = None
    for clause in _CLAUSE_OPENS.finditer(text, start, end):
        if not re.match(r"(?:the|an?|one|another)\s", text[clause.end() : clause.end() + 9]):
            continue
        phrase = _role_opening(text, clause.end())
        if phrase is None or phrase.end() > end or not is_person_noun(phrase.group("noun") or "one"):
            continue
        if _QUESTIONER.match(text, phrase.end()) is None:  # "a reporter asked Pettibone …": he answers
            found = phrase
    return found


def _may_be(role: re.Match[str], gender: str) -> bool:
    """Whether a phrase a role's noun heads ("The incident commander") is a person "he"/"she" may mean."""
    noun = role.group("noun")
    if noun is None:  # "One, who …"
        return True
    if noun in PERSON_NOUNS:
        return PERSON_NOUNS[noun] in (None, gender)
    return is_person_noun(noun) or _WHO.match(role.string, role.end()) is not None


def _start(candidate: Reference | NameRun) -> int:
    return candidate.start


def _gender(candidate: Reference | NameRun) -> str | None:
    if isinstance(candidate, Reference) and candidate.member is not None:
        return candidate.member.gender
    return None


def _agrees(candidate: Reference | NameRun, gender: str) -> bool:
    """Whether "he"/"she" can refer to the candidate: its known pronoun is that one, or unknown."""
    if isinstance(candidate, Reference):
        members: Sequence[Member] = [candidate.member] if candidate.member is not None else candidate.candidates
        if gender == "they":
            return any(m.person and m.gender == "they" for m in members)
        return any(m.person and m.gender in (None, gender) for m in members)
    return gender != "they"


def _identities(candidate: Reference | NameRun, gender: str) -> set[str]:
    """Who the candidate may be: its member, or those of its candidates who agree with "he"/"she"."""
    if isinstance(candidate, Reference) and candidate.member is None:
        return {m.name for m in candidate.candidates if m is not None and m.gender in (None, gender)}
    return {_identity(candidate)}


def _identity(candidate: Reference | NameRun) -> str:
    if isinstance(candidate, Reference):
        return candidate.member.name if candidate.member is not None else candidate.text
    return candidate.text


def _opens(text: str, opening: int, start: int) -> bool:
    """Whether the name at `start` is the subject the sentence opens with: first, or after titles or
    a role only ("Transport Minister Eamon Tierney urged…", "Dr Ama Boateng…"), or after an opening
    phrase that names nobody ("At a news conference after the vote, Lenoir was asked…", "Asked
    about the cap, Reid was blunter:"), not after an appositive's noun ("Her campaign manager,
    Declan Ruane, said")."""
    if sentence_initial(text, start):
        return True
    before = text[opening:start]
    intro = _INTRO.match(before)
    if intro is not None:
        words = re.findall(r"[\w’'-]+", intro.group())
        person = any(w in PERSON_NOUNS or w.lower() in _POSSESSIVES_AND_PLURALS for w in words)
        if person or any(w[:1].isupper() for w in words[1:]):
            return False
        before = before[intro.end() :]
    return _titles_only(before)


def _titles_only(text: str) -> bool:
    """Whether `text` holds only titles and role words that can stand before a name ("Transport
    Minister", "Dr", "the economist", "chief executive"), not a clause ("Officials met with")."""
    words = text.strip(" “‘\"'(").split()
    if not words:
        return text.strip(" “‘\"'(") == ""
    role = [w for w in words if not w[:1].isupper()]
    return all(w in PERSON_NOUNS or w in _ROLE_MODIFIERS for w in role) and (
        words[-1][:1].isupper() or words[-1] in PERSON_NOUNS
    )


def _known_subject(
    text: str, opening: int, candidates: Sequence[Reference | NameRun], gender: str
) -> Reference | NameRun | None:
    """The sentence's subject if it opens it (after titles at most), is not a possessor ("Callum’s brother,
    Jamie Rowe"), takes this pronoun, and no other is joined to it ("Frost and Kerrigan") or leads a later clause."""
    if not candidates:
        return None
    first = candidates[0]
    possessor = text.startswith(("’s ", "'s ", "’ ", "' "), first.end)
    if _gender(first) != gender or possessor or not _opens(text, opening, _start(first)):
        return None
    for other in candidates[1:]:
        if _identity(other) == _identity(first):
            continue
        if _JOINED.match(text[first.end : _start(other)]) or _LATER_CLAUSE.search(text, opening, _start(other)):
            return None
    return first


def _is(candidate: Reference | NameRun, member: Member) -> bool:
    return isinstance(candidate, Reference) and candidate.member is member


def _maybe_organisation(text: str, run: NameRun) -> bool:
    """An uncatalogued name that might be an organisation: any but a lone sentence-opening word, a
    place (GeoNames) or a word of nationality or region ("European", "Norwegian")."""
    if run.words == 1 and (sentence_initial(text, run.start) or _NATIONALITY.fullmatch(run.text)):
        return False
    return not place_names([run.text])


def _says_person(text: str, start: int, end: int, phrase_start: int) -> bool:
    """A title, a role noun just before the name, or an appositive ", an analyst" after it."""
    before = WORD.findall(text[phrase_start:start])
    if before and (before[-1] in TITLES or (before[-1].islower() and before[-1] not in _DETERMINERS)):
        return not _ORG_NOUNS.fullmatch(f"the {before[-1]}")
    return bool(re.match(r",\s+(?:an?|the)\s+[a-z]", text[end:]))


def _tail_is(rest: str) -> bool:
    """Whether only a possessive or spaces follow a name up to the phrase's end."""
    return rest.strip() in ("", "’s", "'s", "’", "'")
