"""Who said a quotation: the reporting cue in its own sentence, read against the article's cast.

The rules, in the order they are tried (the slug is what `newsld quotes` shows as the rule):

- ``cue:said-X``        “…,” said Jane Doe / asked Lee       (a speech verb, then the speaker)
- ``cue:X-said``        “…,” Lee said / Lee fired back       (the speaker, then any verb: the name
                                                              next to the quotation decides)
- ``cue:label``         Lee: “…”                             (an interview label opening the paragraph)
- ``cue:X-said:``       Lee told reporters: “…” / Lee was blunter: “…”   (a colon introduces the quote)
- ``cue:according-to``  according to Lee, “…”
- ``cue:X-said-that``   Lee said the deal was “a defensive move”  (the sentence's speaker before a partial quote)
- ``cue:next-sentence`` “…” Lee said the talks had failed. / That is how Lee put it.

The quotation's own sentence decides first. Whom its cue names is settled by the cast
(`pipeline.text.cast`): a full name, or a short form only one cast member can have; a short form
two people share, or a name that means nobody, leaves the quotation unattributed, and no rule
carried over from another quotation may override it. What else a cue can name:

- "he"/"she" (rule ``pronoun``): the nearest person named before, in this paragraph or the one
  before, who agrees with the pronoun (the catalogue's `pronouns`, an honorific, a gendered noun
  beside the name); nobody when two people could be meant, or when the one who could is of
  unknown gender and another person stands nearer;
- "the company/firm/group…" (rule ``org-reference``): the nearest organisation named before, when
  no other organisation-like name stands between;
- "X of Org", "X, chief executive of Org": X, the person, not the organisation;
- "a spokesperson for Org, Jane Doe, said": the person named in apposition;
- a capitalised name the cast lacks: no catalogue speaker, the name as written, published as a
  local person only when the text says it is a person (a title, a role noun before the name, an
  appositive such as ", an analyst", or he/she referring to it);
- "they", "one of them", "an analyst", a quote with no cue: no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.source.catalogue import Catalogue
from pipeline.text.cast import Cast, Member, Reference, says_person
from pipeline.text.cues import PARTIAL_VERB, SPEECH_VERB, TITLES
from pipeline.text.lexicon import place_names
from pipeline.text.names import WORD, NameRun, is_capitalised, name_runs, sentence_initial

_ADVERB = re.compile(r"(?:\w+ly|later|also|then|once|again|earlier|previously|simply|finally|has|had|have)$")
_STOP = frozenset(
    """in on at during after before to from with when while as adding who whom which that and but or
    because since if than then last this yesterday today earlier later by for via about into over under
    amid""".split()
)
_DETERMINERS = frozenset(
    ["a", "an", "the", "one", "some", "another", "two", "three", "several", "many", "most", "few", "each"]
)
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ean|ian|an|ese|ish|ic)|[A-Z][\w-]*-(?:based|born|listed|owned|led|made)")
_OBJECT_BEFORE = re.compile(r"\b(?:for|of|to|with|against|by|from|about|on|at|behind|beside|than)\s+$")
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our"})
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
_CUE_TAIL = frozenset(
    "it so this on in at to during later afterwards after before yesterday today when while as".split()
)
_LABEL = re.compile(r"([^\W\d_][\w'’. -]{0,40}?)\s*:\s*$")
_CLAUSE = re.compile(r"(?:,\s+(?:while|whereas|but|although|though|and\s+(?:then\s+)?[A-Z])\b|;)")
# A reporting cue at the end of a quotation's text: ", Lindqvist added later." / ", she said."
_OWN_CUE = re.compile(
    r",\s+(?:(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*|he|she)\s+(?:"
    + SPEECH_VERB.pattern.removeprefix(r"\b")
    + r")(?:\s+\w+)?[.!?]?\s*$"
)
_GERUND = re.compile(
    r"\b(?:describing|calling|saying|adding|insisting|warning|arguing|noting|citing|telling|accusing|branding"
    r"|dismissing|labelling|labeling|terming|writing|posting|predicting|promising|vowing|urging)\b(?!.*\b(?:said|says|told)\b)"
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
_OF_WORDS = frozenset({"of", "at", "from", "for", "with"})
_OF = re.compile(r"\s+(?:of|at|from|for|with)\s+", re.IGNORECASE)
_PUT_IT = re.compile(r"(?:That|This|So)\s+(?:is|was|’s|'s)\s+how\s+(.+?)\s+(?:put|described|summed up|phrased)\s+it\b")


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation, and the rule that decided it.

    `entity` is a catalogue id; `name` the speaker as written when the catalogue lacks them;
    `is_person` whether the text says that name is a person; `cue` the words of a cue that named
    no one the pipeline can publish ("an analyst", "they", "Ross" with two Rosses), for the review.
    """

    rule: str
    entity: str | None = None
    name: str | None = None
    is_person: bool = False
    cue: str | None = None
    credit: str | None = None  # deliberately anonymous, as the editor describes them ("a company spokesperson")

    @property
    def attributed(self) -> bool:
        return self.entity is not None or self.name is not None

    @property
    def settled(self) -> bool:
        """Whether somebody settled who said it: a rule or an editor named them, or an editor
        declared the quotation anonymous."""
        return self.attributed or self.credit is not None


NOBODY = Speaker("none:no-cue")

# What each rule that attributes a quotation means (published with the rule in the graph).
RULES: dict[str, str] = {
    "cue:said-X": "A speech verb right after the quotation, then the speaker: “…,” said Jane Doe.",
    "cue:X-said": "The speaker right after the quotation, then a verb: “…,” Jane Doe said (or fired back).",
    "cue:label": "An interview label opening the paragraph: Jane Doe: “…”.",
    "cue:X-said:": "The sentence introduces the quotation with a colon: Jane Doe told reporters: “…”.",
    "cue:according-to": "According to Jane Doe, “…”.",
    "cue:X-said-that": "The sentence's speaker before a partial quotation: Jane Doe said it was “a defensive move”.",
    "cue:next-sentence": "The sentence after the quotation names its speaker: “…” Jane Doe said so on Monday.",
    "pronoun": "He or she in the cue, referring to the one person named before who agrees with it.",
    "title": "A title in the cue (“the judge said”) that one person named before was introduced with.",
    "org-reference": "“The company” (or firm, group…) in the cue, referring to the organisation named before it.",
    "continued": "A second quotation right after an attributed one, with nobody else named between them.",
    "editor": "An editor settled the speaker in the article's sidecar ([[quotes]]).",
}


@dataclass(frozen=True)
class Passage:
    """One paragraph as attribution sees it: text, quotations, names outside quotations, sentences."""

    text: str
    quoted: tuple[tuple[int, int], ...]  # (open mark, after close mark) of every quotation in it
    references: tuple[Reference, ...]  # names of the cast outside quotations
    runs: tuple[NameRun, ...]  # capitalised runs outside quotations that the cast does not cover
    sentences: tuple[int, ...]  # sentence start offsets

    @classmethod
    def read(cls, index: int, quoted: Sequence[tuple[int, int]], cast: Cast) -> Passage:
        text = cast.paragraphs[index]

        def outside(start: int) -> bool:
            return not any(a <= start < b for a, b in quoted)

        references = tuple(r for r in cast.references[index] if outside(r.start))
        covered = [(r.start, r.end) for r in cast.references[index]]
        runs = tuple(
            run
            for run in name_runs(text)
            if outside(run.start) and not any(a < run.end and run.start < b for a, b in covered)
        )
        return cls(text, tuple(quoted), references, runs, cast.sentences[index])

    def sentence(self, at: int) -> tuple[int, int]:
        """[start, end) of the sentence holding offset `at`."""
        start = max((s for s in self.sentences if s <= at), default=0)
        end = min((s for s in self.sentences if s > at), default=len(self.text))
        return start, end

    def names_in(self, start: int, end: int) -> bool:
        """Whether [start, end) names a person or an organisation (a cast name or a capitalised run)."""
        return any(start <= r.start < end for r in self.references) or any(
            start <= r.start < end and not sentence_initial(self.text, r.start) for r in self.runs
        )


class Attributor:
    """Finds the speaker of each quotation of one article."""

    def __init__(self, passages: Sequence[Passage], cast: Cast, catalogue: Catalogue) -> None:
        self.passages = passages
        self.cast = cast
        self.catalogue = catalogue
        self.opening = (0, 0)  # where the quotation being attributed opens

    def speaker(self, first: tuple[int, int], last: tuple[int, int]) -> Speaker:
        """The speaker of a quotation opening at `first` and closing at `last` ((paragraph, offset) each)."""
        self.opening = first
        paragraph, close_at = last
        passage = self.passages[paragraph]
        _, sentence_end = passage.sentence(max(close_at - 1, 0))
        after = passage.text[close_at:sentence_end]
        first_passage = self.passages[first[0]]
        opens_sentence = not first_passage.text[first_passage.sentence(first[1])[0] : first[1]].strip(' “"‘(')
        found = self._after(paragraph, close_at, after, opens_sentence)
        if found is None or (found.rule == "none:no-cue" and not found.attributed):
            # No cue after it, or words that name nobody (", having first been announced"): the one before.
            found = self._before(*first) or found
        if found is None and not after.strip(" ,;:—–-"):
            next_start = sentence_end
            next_end = passage.sentence(next_start)[1] if next_start < len(passage.text) else next_start
            found = self._next_sentence(paragraph, next_start, passage.text[next_start:next_end])
        return found or NOBODY

    def joins_speakers(self, span_segments: Sequence[tuple[int, int, int]]) -> bool:
        """Whether a quotation marked over several paragraphs would join two speakers' words: its
        first, unclosed part has a reporting cue of its own inside it ("…, Lindqvist added later."),
        or the cue before its opening and the cue after its close name different speakers.

        `span_segments` is (paragraph, opening mark, end) of each part, the last end after the close.
        """
        first_paragraph, open_at, first_end = span_segments[0]
        inside = self.passages[first_paragraph].text[open_at:first_end]
        if _OWN_CUE.search(inside):
            return True
        last_paragraph, _, close_at = span_segments[-1]
        self.opening = (first_paragraph, open_at)
        before = self._before(first_paragraph, open_at)
        passage = self.passages[last_paragraph]
        after = self._after(
            last_paragraph, close_at, passage.text[close_at : passage.sentence(max(close_at - 1, 0))[1]]
        )
        if before is None or after is None or not before.attributed or not after.attributed:
            return False
        return (before.entity, before.name) != (after.entity, after.name)

    # -- the cues ----------------------------------------------------------------------------

    def _after(self, paragraph: int, offset: int, after: str, opens_sentence: bool = True) -> Speaker | None:
        """A cue right after the quotation: "said X", "X said" (any verb), or "according to X".

        After a quotation inside a sentence ("When a minister dismissed it as “…”, she wrote to
        him"), a name and a verb start a clause of their own, not a cue: only "said X" counts there.
        """
        lead = len(after) - len(after.lstrip(" ,;—–-"))
        rest = after[lead:]
        base = offset + lead
        verb = SPEECH_VERB.match(rest)
        if verb and verb.group() not in ("told", "tells"):
            return self._head_after(paragraph, base + verb.end(), "cue:said-X")
        according = re.match(r"according\s+to\b", rest, re.IGNORECASE)
        if according:
            return self._head_after(paragraph, base + according.end(), "cue:according-to")
        if not opens_sentence:
            return None
        for verb in SPEECH_VERB.finditer(rest):
            subject = _subject_before(rest, verb.start())
            if subject is None or subject[0] != 0:
                break  # words stand between the quotation and a verb's subject: not this rule
            return self._head(paragraph, base + subject[0], base + subject[1], "cue:X-said")
        # A name or a pronoun right after the quotation, then a verb the lexicon lacks ("Brandt fired back").
        adjacent = re.match(r"((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*|he|she|they)\s+[a-z]+\b", rest)
        if adjacent and (
            adjacent.group(1) in ("he", "she", "they")
            or self.passages[paragraph].names_in(base, base + adjacent.end(1))
        ):
            return self._head(paragraph, base, base + adjacent.end(1), "cue:X-said")
        return None

    def _before(self, paragraph: int, open_at: int) -> Speaker | None:
        """A cue before the quotation in its sentence: a label, a colon, "according to X", "X said"."""
        passage = self.passages[paragraph]
        start, _ = passage.sentence(open_at)
        before = passage.text[start:open_at]
        label = _LABEL.fullmatch(before)
        if label and start == 0 and not SPEECH_VERB.search(before):
            named = self._head(paragraph, start + label.start(1), start + label.end(1), "cue:label")
            # An interview label is a speaker only if it is somebody of the cast ("Question:" is not).
            if named.entity is not None or (named.name is not None and self._in_cast(named.name)):
                return named
            return Speaker("none:no-cue", cue=label.group(1))
        according = list(re.finditer(r"according\s+to\b", before, re.IGNORECASE))
        if according:
            return self._head_after(paragraph, start + according[-1].end(), "cue:according-to")
        colon = before.rstrip().endswith(":")
        rule = "cue:X-said:" if colon else "cue:X-said-that"
        # "X told the court that …" is X's cue; "X was told (asked) that …" is not.
        verbs = [v for v in PARTIAL_VERB.finditer(before) if not _PASSIVE.search(before[: v.start()])]
        verbs = [v for v in verbs if not any(a <= start + v.start() < b for a, b in passage.quoted)]
        gerund = _GERUND.search(before)
        if gerund is not None and (not verbs or verbs[-1].start() < gerund.start()):
            # "Hope rejected the criticism, insisting …": the sentence's one speaker, if it names one.
            return self._sentence_speaker(paragraph, start, start + gerund.start(), rule)
        if not verbs:
            if colon and not re.search(r"\b(?:[Aa]sked|told|question|questions)\b", before):
                return self._sentence_speaker(paragraph, start, open_at, rule)  # "Reid was blunter:"
            return None
        verb = verbs[-1]
        if not colon and _CLAUSE.search(before, verb.end()):
            return None  # another clause stands between the verb and the quotation ("…, while X …")
        subject = _subject_before(before, verb.start())
        if subject is None:
            # "Marr smiled and said only that …": the sentence's one speaker, if it names one.
            return self._sentence_speaker(paragraph, start, start + verb.start(), rule)
        return self._head(paragraph, start + subject[0], start + subject[1], rule)

    def _sentence_speaker(self, paragraph: int, start: int, end: int, rule: str) -> Speaker | None:
        """The one person or organisation the sentence names before `end` (outside quotations), or a
        he/she that opens it; None when it names nobody or more than one."""
        passage = self.passages[paragraph]
        named = [r for r in passage.references if start <= r.start < end and not r.uncertain]
        members = {id(r.member): r for r in named if r.member is not None}
        if len(named) == len(members) == 1 or (len(members) == 1 and all(r.member is not None for r in named)):
            (reference,) = list(members.values())[-1:]
            return self._named(reference, rule)
        if not named and not any(start <= r.start < end for r in passage.runs):
            opening = re.match(r"\s*(?:[A-Z][\w ,]*,\s+)?(he|she|He|She)\b", passage.text[start:end])
            if opening is not None:
                return self._head(paragraph, start + opening.start(1), start + opening.end(1), rule)
        return None

    def _next_sentence(self, paragraph: int, start: int, text: str) -> Speaker | None:
        """The sentence after a quotation that is a sentence: "Lee said.", "That is how Lee put it."."""
        put = _PUT_IT.match(text)
        if put is not None:
            return self._head(paragraph, start + put.start(1), start + put.end(1), "cue:next-sentence")
        if not _only_a_cue(text):
            return None
        found = self._after(paragraph, start, text)
        return replace(found, rule="cue:next-sentence") if found is not None and found.attributed else found

    # -- what the cue names ------------------------------------------------------------------

    def _head_after(self, paragraph: int, offset: int, rule: str) -> Speaker:
        """The speaker phrase after a verb: up to punctuation or a preposition ("of", "at" too); a role
        followed by a name in apposition ("a spokesperson for Org, Jane Doe") is the name."""
        text = self.passages[paragraph].text
        words: list[re.Match[str]] = []
        for word in WORD.finditer(text, offset):
            gap = text[(words[-1].end() if words else offset) : word.start()]
            if gap.strip() and not (
                words and gap == ". " and (len(words[-1].group()) == 1 or words[-1].group() in TITLES)
            ):
                break
            if word.group().lower() in _STOP or word.group().lower() in ("of", "at", "from") or len(words) == 8:
                break
            words.append(word)
        if not words:
            return Speaker("none:no-cue")
        found = self._head(paragraph, words[0].start(), words[-1].end(), rule)
        if not found.attributed and words[0].group().lower() in _DETERMINERS | _POSSESSIVES:
            # "said its chair, June Halloran" / "said a spokesperson for Org, Ana Kühn, …": the name in apposition
            apposed = re.match(
                r"[^,.;]{0,60}?,\s+((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)(?=[,.;]|\s*$)", text[words[-1].start() :]
            )
            if apposed is not None:
                at = words[-1].start()
                named = self._head(paragraph, at + apposed.start(1), at + apposed.end(1), rule)
                if named.attributed:
                    return named
        return found

    def _head(self, paragraph: int, start: int, end: int, rule: str) -> Speaker:
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
            return self._named(reference, rule)
        if _ORG_NOUNS.fullmatch(phrase):
            return self._organisation(paragraph, start, phrase)
        run = next((r for r in reversed(passage.runs) if start <= r.start and r.end <= end), None)
        if run is not None and _tail_is(passage.text[run.end : end]) and is_capitalised(run.text.split()[-1]):
            return Speaker(rule, name=run.text, is_person=_says_person(passage.text, run.start, run.end, start))
        last = words[-1].lower()
        if last in ("he", "she") and all(w.lower() in _LEADERS for w in words[:-1]):  # "she", "what she"
            at = start + phrase.rfind(words[-1])  # names after the pronoun cannot be what it means
            return self._antecedent(words[-1], last, (paragraph, at))
        if last == "they" and len(words) == 1:
            # Singular "they" only for a person whose pronouns the catalogue or the text gives as they.
            found = self._antecedent(words[-1], "they", (paragraph, start))
            return found if found.attributed else Speaker("none:plural", cue=phrase)
        if last in _PLURAL and len(words) == 1:
            return Speaker("none:plural", cue=phrase)
        if last in _PLURAL:
            return Speaker("none:plural", cue=phrase)  # "one of them", "some of us"
        role = re.fullmatch(r"[Tt]he\s+([a-z][\w-]+)", phrase)
        if role is not None:
            # "the judge said": the one person the article introduced as its judge ("Judge Maria Keane").
            holders = self.cast.with_role(role.group(1), (paragraph, start))
            if len(holders) == 1:
                return self._member_speaker(holders[0], "title")
        if words[0].lower() in _DETERMINERS:
            return Speaker("none:role", cue=phrase)  # "a man sitting beside her", "one driver"
        return Speaker("none:no-cue", cue=phrase)

    def _member_speaker(self, member: Member, rule: str) -> Speaker:
        if member.entity is not None:
            return Speaker(rule, entity=member.entity, is_person=member.person)
        return Speaker(rule, name=member.name, is_person=member.evidence)

    def _named(self, reference: Reference, rule: str) -> Speaker:
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
        return Speaker(rule, name=member.name, is_person=person)

    def _antecedent(self, pronoun: str, gender: str, where_said: tuple[int, int]) -> Speaker:
        """The person "he"/"she" refers to: the nearest person named before both the quotation and
        the pronoun who agrees with it, when the text leaves no doubt (see the module's docstring)."""
        paragraph, at = min(self.opening, where_said)
        candidates = self._people_before(paragraph, at)
        fitting = [(where, c) for where, c in candidates if _agrees(c, gender)]
        back = min((where for where, _ in candidates), default=paragraph - 1)
        while not fitting and back > 0:
            # Nobody nearby agrees ("her father, Peter Lambert" before "she"): the last paragraph
            # before them that names somebody who does, everyone named in between disagreeing.
            back -= 1
            earlier = self._people_in([back], paragraph, at)
            fitting = [(where, c) for where, c in earlier if _agrees(c, gender)]
            candidates = earlier + candidates
        if not fitting:
            return Speaker("none:no-antecedent", cue=pronoun)
        where, nearest = fitting[-1]
        passage = self.passages[where]
        sentence = passage.sentence(_start(nearest))
        together = [c for w, c in fitting if w == where and sentence[0] <= _start(c) < sentence[1]]
        if len({_identity(c) for c in together}) > 1:
            # Two people in that sentence: the one not named after a preposition ("Moran, for Gallagher").
            subjects = [
                c
                for c in together
                if not _OBJECT_BEFORE.search(passage.text[max(0, _start(c) - 12) : _start(c)])
                and not re.match(r"[’']s?\s", passage.text[c.end :])  # "Cole’s plea": not who acts
            ]
            if len({_identity(c) for c in subjects}) != 1:
                names = " or ".join(sorted({_identity(c) for c in together}))
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({names}?)")
            nearest = subjects[-1]
        if _gender(nearest) is None and not self._leads(where, nearest, paragraph, at):
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
        for index in range(where, paragraph + 1):
            text = self.passages[index].text
            since = sentence[1] if index == where else 0
            limit = at if index == paragraph else len(text)
            others = [r for r in self._people_before_in(index, limit) if since <= _start(r) and r is not nearest]
            if any(sentence_initial(text, _start(r)) and _identity(r) != _identity(nearest) for r in others):
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({_identity(nearest)} or another?)")
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

    def _leads(self, where: int, candidate: Reference | NameRun, paragraph: int, at: int) -> bool:
        """Whether the candidate opens the last sentence before the quotation, in its paragraph (its subject)."""
        passage = self.passages[where]
        start = _start(candidate)
        return (
            where == paragraph
            and sentence_initial(passage.text, start)
            and passage.sentence(start)[1] >= passage.sentence(max(at - 1, 0))[0]
            and not re.match(r"[’']s?\s", passage.text[candidate.end :])
        )

    def _people_before_in(self, index: int, limit: int) -> list[Reference | NameRun]:
        passage = self.passages[index]
        people: list[Reference | NameRun] = [
            r
            for r in passage.references
            if r.end <= limit
            and (r.member.plausible_person if r.member is not None else any(m.person for m in r.candidates))
        ]
        people += [r for r in passage.runs if r.end <= limit and self._person_like(passage.text, r)]
        return sorted(people, key=_start)

    def _people_before(self, paragraph: int, at: int) -> list[tuple[int, Reference | NameRun]]:
        """Person-like names before (paragraph, at) in it and the paragraph before, in reading order;
        when those name nobody, the last paragraph before them that does (a profile's "she", several
        paragraphs after its subject was last named, with nobody else named since)."""
        found = self._people_in(range(max(0, paragraph - 1), paragraph + 1), paragraph, at)
        if found:
            return found
        for index in range(paragraph - 2, -1, -1):
            if self.passages[index].references or any(
                self._person_like(self.passages[index].text, r) for r in self.passages[index].runs
            ):
                return self._people_in([index], paragraph, at)  # the nearest paragraph that names anybody
        return []

    def _people_in(self, indexes: Sequence[int], paragraph: int, at: int) -> list[tuple[int, Reference | NameRun]]:
        found: list[tuple[int, Reference | NameRun]] = []
        for index in indexes:
            if index < 0:
                continue
            passage = self.passages[index]
            limit = at if index == paragraph else len(passage.text)
            people: list[Reference | NameRun] = [
                r
                for r in passage.references
                if r.end <= limit
                and (r.member.plausible_person if r.member is not None else any(m.person for m in r.candidates))
            ]
            people += [r for r in passage.runs if r.end <= limit and self._person_like(passage.text, r)]
            found += [(index, p) for p in sorted(people, key=_start)]
        return found

    def _person_like(self, text: str, run: NameRun) -> bool:
        """A name the cast lacks (a single word, or a run the cast found no person in) that may be a
        person: a title before it or a speech verb after it."""
        if run.organisation_like:
            return False
        followed_by_verb = (
            SPEECH_VERB.match(text[run.end :].lstrip(" ")) is not None
        )  # not ", said": an appositive's end
        titled = text[: run.start].rstrip(". ").endswith(tuple(TITLES))
        return followed_by_verb or titled

    def _organisation(self, paragraph: int, at: int, phrase: str) -> Speaker:
        """The organisation "the company" refers to: the nearest one named, with no other name in between."""
        for index in range(paragraph, -1, -1):
            passage = self.passages[index]
            limit = at if index == paragraph else len(passage.text)
            orgs = [r for r in passage.references if r.end <= limit and r.member is not None and not r.member.person]
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

    def _in_cast(self, name: str) -> bool:
        return any(m.name == name for m in self.cast.members)


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


def _identity(candidate: Reference | NameRun) -> str:
    if isinstance(candidate, Reference):
        return candidate.member.name if candidate.member is not None else candidate.text
    return candidate.text


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


def _only_a_cue(sentence: str) -> bool:
    """A sentence that only says who spoke: "Lee said.", "Lee said so on Monday.", not "Lee said the talks failed"."""
    verb = SPEECH_VERB.search(sentence)
    if verb is None or sentence.lstrip().startswith(("“", '"')):
        return False
    tail = WORD.findall(sentence[verb.end() :])
    return not tail or tail[0].lower() in _CUE_TAIL


def _tail_is(rest: str) -> bool:
    """Whether only a possessive or spaces follow a name up to the phrase's end."""
    return rest.strip() in ("", "’s", "'s", "’", "'")


def _subject_before(text: str, verb_at: int) -> tuple[int, int] | None:
    """The phrase that is the subject of the verb at `verb_at`: back to punctuation, a stop word or another verb.

    An appositive between commas ("Busch, the chief executive, said") is skipped to reach the name.
    """
    end = verb_at
    head = text[:end].rstrip()
    words = list(WORD.finditer(head))
    if words and _ADVERB.fullmatch(words[-1].group()) and words[-1].group()[0].islower():
        head = head[: words[-1].start()].rstrip()
    if head.endswith(","):
        relative = list(re.finditer(r",\s+(?:which|who|whose|where)\b", head[:-1]))
        opening = relative[-1].start() if relative else head[:-1].rfind(", ")  # not a comma of a list inside it
        if opening <= 0 or len(head) - opening > 80:
            return None
        inner = head[opening + 1 : -1].strip()
        if inner[:1].isupper() and WORD.findall(inner)[0].lower() not in _DETERMINERS:
            start = opening + 1 + (len(head[opening + 1 :]) - len(head[opening + 1 :].lstrip()))
            return start, start + len(inner)  # "Kestrel's head of lending, Sam Adeyemi, said"
        head = head[:opening].rstrip()
    chosen: list[re.Match[str]] = []
    for word in reversed(list(WORD.finditer(head))):
        gap = head[word.end() : chosen[-1].start() if chosen else len(head)]
        if gap.strip() and gap.strip() not in (".", "’", "'"):  # a plural possessive: "the Renters’ Network"
            break
        lower = word.group().lower()
        if (lower in _STOP and lower not in _OF_WORDS) or SPEECH_VERB.fullmatch(lower) or PARTIAL_VERB.fullmatch(lower):
            break
        if len(chosen) == 12:
            break
        chosen.append(word)
    if not chosen:
        return None
    return chosen[-1].start(), chosen[0].end()
