"""Who said a quotation: the reporting cue around it, never proximity alone.

The rules, in the order they are tried (the slug is what `newsld quotes` shows as the rule):

- ``cue:said-X``        “…,” said Jane Doe / asked Lee      (speech verb, then the speaker)
- ``cue:X-said``        “…,” Lee said / the company said    (the speaker, then the verb)
- ``cue:label``         Lee: “…”                            (an interview label opening the paragraph)
- ``cue:X-said:``       Lee told reporters: “…”             (a colon introduces the quote)
- ``cue:according-to``  according to Lee, “…”
- ``cue:X-said-that``   Lee said the deal was “a defensive move”  (the sentence's speaker before a partial quote)
- ``cue:next-sentence`` “…” Lee said the talks had failed.  (the quote is a sentence; the next one names the speaker)

What the cue names decides the speaker:

- a catalogue person or organisation at the head of the phrase ("Siemens chief executive Roland
  Busch", "Acme"): that entity. An organisation speaks only this way, as the subject of a speech
  verb, or as "the company/firm/group…" (rule ``org-reference``, the nearest organisation named
  before, when no other organisation-like name stands between);
- "he"/"she" (rule ``pronoun``): the nearest person-like name before it, in this paragraph or the
  one before, when that sentence names nobody else; otherwise no speaker;
- a capitalised name the catalogue lacks ("Jane Doe"): no catalogue speaker, the name as written;
  it is published as a local person only when the text says it is a person (a title, a role noun
  before the name, an appositive such as ", an analyst", or he/she referring to it);
- "they", "one of them", "an analyst", a quote with no cue: no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.source.catalogue import Catalogue, Mention
from pipeline.text.names import ROLE_TITLES, TITLES, WORD, NameRun, is_capitalised, name_runs, sentence_initial

_VERBS = """said says say added adds told tells wrote writes asked asks replied replies continued continues
    warned warns stated states explained explains noted notes argued argues insisted insists claimed
    claims cautioned cautions declared declares remarked remarks recalled recalls acknowledged
    acknowledges admitted admits announced announces answered answers commented comments concluded
    concludes conceded concedes emphasised emphasises emphasized emphasizes observed observes posted
    posts quipped quips responded responds stressed stresses suggested suggests tweeted tweets urged
    urges predicted predicts promised promises joked jokes affirmed affirms maintained maintains shouted
    whispered testified testifies agreed agrees countered counters boasted boasts complained complains
    confirmed confirms insisted mused muses""".split()
_LABEL_VERBS = ["called", "calls", "described", "describes", "dubbed", "labelled", "labeled", "termed", "branded"]
SPEECH_VERB = re.compile(r"\b(?:" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + r")\b")
_PARTIAL_VERB = re.compile(r"\b(?:" + "|".join(sorted(set(_VERBS + _LABEL_VERBS), key=len, reverse=True)) + r")\b")
_ADVERB = re.compile(r"(?:\w+ly|later|also|then|once|again|earlier|previously|simply|finally|has|had|have)$")
_STOP = frozenset(
    """in on at during after before to from with when while as adding who whom which that and but or
    because since if than then last this yesterday today earlier later by for via about into over under
    amid""".split()
)
_DETERMINERS = frozenset(
    ["a", "an", "the", "one", "some", "another", "two", "three", "several", "many", "most", "few", "each"]
)
_PRONOUNS = {"he": True, "she": True, "they": False, "them": False, "we": False, "i": False, "you": False, "it": False}
_ORG_NOUNS = re.compile(
    r"(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:company|firm|group|bank|business|carrier|retailer|startup|"
    r"start-up|manufacturer|maker|insurer|lender|conglomerate|organisation|organization|agency|ministry|"
    r"government|department|club|university|union|regulator|platform|marketplace)",
    re.IGNORECASE,
)
_CUE_TAIL = frozenset(
    "it so this on in at to during later afterwards after before yesterday today when while as".split()
)
_SENTENCE_END = re.compile(r"[.!?…][”\"’)]*(?=\s+[“\"‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|No)|\b[A-Z])\.$")
_SPACES = re.compile(r"\s*")  # what str.lstrip strips: both use Unicode's whitespace
_LABEL = re.compile(r"([^\W\d_][\w'’. -]{0,40}?)\s*:\s*$")


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation, and the rule that decided it.

    `entity` is a catalogue id; `name` the speaker as written when the catalogue lacks them;
    `is_person` whether the text says that name is a person; `cue` the words of a cue that named
    no one the pipeline can publish ("an analyst", "they"), for the review and the warning.
    """

    rule: str
    entity: str | None = None
    name: str | None = None
    is_person: bool = False
    cue: str | None = None

    @property
    def attributed(self) -> bool:
        return self.entity is not None or self.name is not None


NOBODY = Speaker("none:no-cue")


@dataclass(frozen=True)
class Passage:
    """One paragraph as attribution sees it: text, quotations, names outside quotations, sentences."""

    text: str
    quoted: tuple[tuple[int, int], ...]  # (open mark, after close mark) of every quotation in it
    mentions: tuple[Mention, ...]  # catalogue mentions outside quotations
    runs: tuple[NameRun, ...]  # capitalised runs outside quotations that are not catalogue mentions
    sentences: tuple[int, ...]  # sentence start offsets
    all_runs: tuple[NameRun, ...] = ()  # every capitalised run, in quotations and mentions too

    @classmethod
    def read(cls, text: str, quoted: Sequence[tuple[int, int]], mentions: Sequence[Mention]) -> Passage:
        def outside(start: int) -> bool:
            return not any(a <= start < b for a, b in quoted)

        found = tuple(m for m in mentions if outside(m.start))
        every = tuple(name_runs(text))
        runs = tuple(
            run
            for run in every
            if outside(run.start) and not any(m.start < run.end and run.start < m.end for m in mentions)
        )
        return cls(text, tuple(quoted), found, runs, tuple(_sentence_starts(text, quoted)), every)

    def sentence(self, at: int) -> tuple[int, int]:
        """[start, end) of the sentence holding offset `at`."""
        start = max((s for s in self.sentences if s <= at), default=0)
        end = min((s for s in self.sentences if s > at), default=len(self.text))
        return start, end


def _sentence_starts(text: str, quoted: Sequence[tuple[int, int]]) -> list[int]:
    """Offsets where sentences start; a full stop inside a quotation ends a sentence only at its close."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        at, stop = match.end(), match.start() + 1
        inside = any(a < match.start() and at < b for a, b in quoted)
        # An abbreviation is at most five characters before the stop: search only there (the
        # search still sees the whole text, so \b looks at the character before the window).
        if inside or _ABBREVIATION.search(text, max(0, stop - 8), stop):
            continue
        starts.append(_SPACES.match(text, at).end())  # type: ignore[union-attr]  # \s* always matches
    return starts


class Attributor:
    """Finds the speaker of each quotation of one article."""

    def __init__(self, passages: Sequence[Passage], catalogue: Catalogue) -> None:
        self.passages = passages
        self.catalogue = catalogue
        # Surname -> full name, from every name written in full (quotations included): "Lopez" is
        # "Maria Lopez" once she has been introduced.
        everywhere = [run for p in passages for run in p.all_runs]
        self.full_names = {run.text.split()[-1]: run.text for run in everywhere if run.words > 1}
        mid_sentence = {r.text for p in passages for r in p.runs if not sentence_initial(p.text, r.start)}
        self.known_names = mid_sentence | set(self.full_names) | set(self.full_names.values())
        self.opening = (0, 0)  # where the quotation being attributed opens

    def speaker(self, first: tuple[int, int], last: tuple[int, int]) -> Speaker:
        """The speaker of a quotation opening at `first` and closing at `last` ((paragraph, offset) each)."""
        self.opening = first
        paragraph, close_at = last
        passage = self.passages[paragraph]
        _, sentence_end = passage.sentence(max(close_at - 1, 0))
        after = passage.text[close_at:sentence_end]
        found = self._after(paragraph, close_at, after, "cue:said-X", "cue:X-said")
        if found is None:
            found = self._before(*first)
        if found is None and not after.strip(" ,;:—–-"):
            next_start = sentence_end
            next_end = passage.sentence(next_start)[1] if next_start < len(passage.text) else next_start
            text = passage.text[next_start:next_end]
            if _only_a_cue(text):
                found = self._after(paragraph, next_start, text, "cue:next-sentence", "cue:next-sentence")
        return found or NOBODY

    # -- the cues ----------------------------------------------------------------------------

    def _after(self, paragraph: int, offset: int, after: str, verb_first: str, verb_last: str) -> Speaker | None:
        """A cue right after the quotation: "said X" or "X said" (or "according to X")."""
        lead = len(after) - len(after.lstrip(" ,;—–-"))
        rest = after[lead:]
        base = offset + lead
        verb = SPEECH_VERB.match(rest)
        if verb and verb.group() not in ("told", "tells"):
            return self._head_after(paragraph, base + verb.end(), verb_first)
        according = re.match(r"according\s+to\b", rest, re.IGNORECASE)
        if according:
            return self._head_after(paragraph, base + according.end(), "cue:according-to")
        for verb in SPEECH_VERB.finditer(rest):
            subject = _subject_before(rest, verb.start())
            if subject is None:
                return None
            start, end = subject
            if start != 0:
                return None  # words stand between the quotation and the speaker: not a cue
            return self._head(paragraph, base + start, base + end, verb_last)
        return None

    def _before(self, paragraph: int, open_at: int) -> Speaker | None:
        """A cue before the quotation in its sentence: a label, a colon, "according to X", "X said"."""
        passage = self.passages[paragraph]
        start, _ = passage.sentence(open_at)
        before = passage.text[start:open_at]
        label = _LABEL.fullmatch(before)
        if label and start == 0 and not SPEECH_VERB.search(before):
            named = self._head(paragraph, start + label.start(1), start + label.end(1), "cue:label")
            # An interview label is a speaker only if it is a known name ("Question:" is not).
            if named.entity is not None or named.name in self.known_names:
                return named
            return Speaker("none:no-cue", cue=label.group(1))
        according = list(re.finditer(r"according\s+to\b", before, re.IGNORECASE))
        if according:
            return self._head_after(paragraph, start + according[-1].end(), "cue:according-to")
        colon = before.rstrip().endswith(":")
        verbs = [v for v in _PARTIAL_VERB.finditer(before) if colon or v.group() not in ("told", "tells", "asked")]
        verbs = [v for v in verbs if not any(a <= start + v.start() < b for a, b in passage.quoted)]
        if not verbs:
            return None
        verb = verbs[-1]
        subject = _subject_before(before, verb.start())
        if subject is None:
            return None
        return self._head(
            paragraph, start + subject[0], start + subject[1], "cue:X-said:" if colon else "cue:X-said-that"
        )

    # -- what the cue names ------------------------------------------------------------------

    def _head_after(self, paragraph: int, offset: int, rule: str) -> Speaker:
        """The speaker phrase after a verb: up to punctuation or a preposition ("of", "at" too)."""
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
        return self._head(paragraph, words[0].start(), words[-1].end(), rule)

    def _head(self, paragraph: int, start: int, end: int, rule: str) -> Speaker:
        """What the phrase text[start:end] names: its last word(s) are its head."""
        passage = self.passages[paragraph]
        phrase = passage.text[start:end].strip(" ,")
        words = WORD.findall(phrase)
        if not words:
            return Speaker("none:no-cue")
        last = words[-1].lower()
        if last in _PRONOUNS:
            if not _PRONOUNS[last]:
                return Speaker("none:plural", cue=phrase)
            return self._antecedent(phrase)
        mention = next((m for m in reversed(passage.mentions) if start <= m.start and m.end <= end), None)
        if mention is not None and _tail_is(passage.text[mention.end : end]):
            entity = self.catalogue[mention.entity]
            return Speaker(rule, entity=entity.id, is_person=entity.type == "Person")
        if _ORG_NOUNS.fullmatch(phrase):
            return self._organisation(paragraph, start, phrase)
        run = next((r for r in reversed(passage.runs) if start <= r.start and r.end <= end), None)
        if run is not None and _tail_is(passage.text[run.end : end]) and is_capitalised(run.text.split()[-1]):
            name = self.full_names.get(run.text, run.text) if run.words == 1 else run.text
            return Speaker(rule, name=name, is_person=self._says_person(passage.text, run, start))
        if words[0].lower() in _DETERMINERS:
            return Speaker("none:role", cue=phrase)
        return Speaker("none:no-cue", cue=phrase)

    def _says_person(self, text: str, run: NameRun, phrase_start: int) -> bool:
        """A title, a role noun just before the name, or an appositive ", an analyst" after it."""
        before = WORD.findall(text[phrase_start : run.start])
        if before and (before[-1] in TITLES | ROLE_TITLES or (before[-1].islower() and before[-1] not in _DETERMINERS)):
            return not _ORG_NOUNS.fullmatch(f"the {before[-1]}")
        return bool(re.match(r",\s+(?:an?|the)\s+[a-z]", text[run.end :]))

    def _antecedent(self, pronoun: str) -> Speaker:
        """The person "he"/"she" refers to: the nearest person named before the quotation opens.

        Only when the text leaves no doubt: that sentence names nobody else, and no sentence since
        then opens with another capitalised name (its subject might be the speaker).
        """
        paragraph, at = self.opening
        candidates = self._people_before(paragraph, at)
        if not candidates:
            return Speaker("none:no-antecedent", cue=pronoun)
        where, nearest = candidates[-1]
        passage = self.passages[where]
        sentence = passage.sentence(nearest.start)
        same_sentence = {
            self._identity(c) for w, c in candidates if w == where and sentence[0] <= c.start < sentence[1]
        }
        if len(same_sentence) > 1:
            return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({' or '.join(sorted(same_sentence))}?)")
        for index in range(where, paragraph + 1):
            text = self.passages[index].text
            since = sentence[1] if index == where else 0
            limit = at if index == paragraph else len(text)
            if any(since <= r.start < limit and sentence_initial(text, r.start) for r in self.passages[index].runs):
                return Speaker("none:ambiguous-pronoun", cue=f"{pronoun} ({self._identity(nearest)} or another?)")
        if isinstance(nearest, Mention):
            return Speaker("pronoun", entity=nearest.entity, is_person=True)
        return Speaker("pronoun", name=self.full_names.get(nearest.text, nearest.text), is_person=True)

    def _people_before(self, paragraph: int, at: int) -> list[tuple[int, Mention | NameRun]]:
        """Person-like names before (paragraph, at) in it and the paragraph before, in reading order."""
        found: list[tuple[int, Mention | NameRun]] = []
        for index in (paragraph - 1, paragraph):
            if index < 0:
                continue
            passage = self.passages[index]
            limit = at if index == paragraph else len(passage.text)
            people: list[Mention | NameRun] = [
                m for m in passage.mentions if m.end <= limit and self.catalogue[m.entity].type == "Person"
            ]
            people += [r for r in passage.runs if r.end <= limit and self._person_like(passage.text, r)]
            found += [(index, p) for p in sorted(people, key=lambda c: c.start)]
        return found

    def _person_like(self, text: str, run: NameRun) -> bool:
        """A name that may be a person: several words, or one with a title, a speech verb or a first name."""
        if run.organisation_like:
            return False
        if run.words > 1:
            return True
        followed_by_verb = SPEECH_VERB.match(text[run.end :].lstrip(" ,")) is not None
        titled = text[: run.start].rstrip(". ").endswith(tuple(TITLES))
        return followed_by_verb or titled or run.text in self.full_names

    def _organisation(self, paragraph: int, at: int, phrase: str) -> Speaker:
        """The organisation "the company" refers to: the nearest one named, with no other name in between."""
        for index in range(paragraph, -1, -1):
            passage = self.passages[index]
            limit = at if index == paragraph else len(passage.text)
            orgs = [m for m in passage.mentions if m.end <= limit and self.catalogue[m.entity].type == "Organization"]
            others = [r for r in passage.runs if r.end <= limit and self._maybe_organisation(passage.text, r)]
            if orgs:
                nearest = orgs[-1]
                sentence = passage.sentence(nearest.start)
                if any(m.entity != nearest.entity for m in orgs if passage.sentence(m.start) == sentence):
                    return Speaker("none:ambiguous-organisation", cue=phrase)
                if any(r.start > nearest.end for r in others):
                    return Speaker("none:ambiguous-organisation", cue=phrase)
                return Speaker("org-reference", entity=nearest.entity)
            if others:
                return Speaker("none:ambiguous-organisation", cue=phrase)
        return Speaker("none:no-antecedent", cue=phrase)

    def _maybe_organisation(self, text: str, run: NameRun) -> bool:
        """An uncatalogued name that might be an organisation (any but a lone sentence-opening word)."""
        return not (run.words == 1 and sentence_initial(text, run.start) and run.text not in self.known_names)

    def _identity(self, candidate: Mention | NameRun) -> str:
        if isinstance(candidate, Mention):
            return self.catalogue[candidate.entity].name
        return self.full_names.get(candidate.text, candidate.text)


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
        opening = head[:-1].rfind(",")
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
        if gap.strip() and gap.strip() not in (".",):
            break
        lower = word.group().lower()
        if lower in _STOP or SPEECH_VERB.fullmatch(lower) or _PARTIAL_VERB.fullmatch(lower) or len(chosen) == 8:
            break
        chosen.append(word)
    if not chosen:
        return None
    return chosen[-1].start(), chosen[0].end()
