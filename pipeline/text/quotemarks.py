"""Finding quotations by their quote marks, as newsrooms use them.

Double marks make quotations: curly “…” and straight "…". Single marks outside a quotation are
apostrophes or titles and are left alone. The rules:

- A curly “ opens and ” closes. A straight " opens when it follows a space or the paragraph start
  and closes when it is followed by a space, punctuation or the paragraph end; after a digit it is
  an inch or seconds mark (5'10") and is ignored. Straight marks inside a curly quotation stay inside.
- A quotation continued over paragraphs (newsroom style: the opening mark is repeated at the start
  of each paragraph and closed only in the last) is one quotation with one segment per paragraph.
- A mark that opens and is never closed, or closes nothing, produces no quotation: it is reported
  as a `StrayMark` (paragraph, character position) so the article gets a warning instead of
  publishing narrative text as somebody's words.
- A scare quote, a single quoted word without closing punctuation (the “human element”), is a term,
  not speech: no quotation and no warning. So is a title or a name in quote marks: after "titled",
  "so-called", "dubbed", "a report called", or in title case (“Open Water”).
- Single marks inside a double-quoted quotation (‘…’) that read as speech are a quotation within
  the quotation (`QuotedSpan.nested`): somebody's words as the outer speaker reports them. Their
  text stays in the outer quotation too; a single-quoted title stays only there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_TRAILING = " \t,"
_CURLY = "“”"
_STRAIGHT = '"'
_OPEN_AFTER = " \t([{—–-/"
_CLOSE_BEFORE = " \t.,;:!?)]}—–-…’'"


@dataclass(frozen=True)
class Segment:
    """The part of a quotation inside one paragraph (`paragraph` is its 0-based index).

    `open_at` is the opening mark, `close_at` the index after the closing mark (the paragraph's
    length when the quotation goes on in the next paragraph); `begin`/`end` delimit its text.
    """

    paragraph: int
    open_at: int
    close_at: int
    begin: int
    end: int


@dataclass(frozen=True)
class QuotedSpan:
    """One quotation as marked in the text: one segment, or one per paragraph when continued.

    `nested` marks a quotation within a quotation (‘…’ inside “…”): somebody's words as the outer
    quotation's speaker reports them.
    """

    segments: tuple[Segment, ...]
    nested: bool = False

    def text(self, paragraphs: Sequence[str]) -> str:
        """The words quoted: the segments' texts joined by a space."""
        return " ".join(paragraphs[s.paragraph][s.begin : s.end] for s in self.segments)


@dataclass(frozen=True)
class StrayMark:
    """A quote mark that could not be paired (0-based paragraph, index in it).

    `problem` is "unclosed" (opens, never closed), "unopened" (closes nothing) or "ambiguous"
    (a straight mark with spaces on both sides, which neither opens nor closes).
    """

    paragraph: int
    at: int
    mark: str
    problem: str


Classifier = Callable[[str, int], str | None]  # "open", "close", or None (not a quote mark here)


def find_quotations(paragraphs: Sequence[str]) -> tuple[list[QuotedSpan], list[StrayMark]]:
    """Every quotation in reading order, and the marks that could not be paired."""
    curly, curly_strays, curly_open = _pair(paragraphs, _CURLY, _curly_role, lambda p, i: False)
    covered: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
    for segment in (s for span in curly for s in span.segments):
        covered[segment.paragraph].append((segment.open_at, segment.close_at))
    for paragraph, at in curly_open:
        covered[paragraph].append((at, len(paragraphs[paragraph])))

    def inside_curly(paragraph: int, index: int) -> bool:
        return any(a <= index < b for a, b in covered[paragraph])

    straight, straight_strays, _ = _pair(paragraphs, _STRAIGHT, _straight_role, inside_curly)
    spans = [span for span in curly + straight if _is_speech(span, paragraphs)]
    spans += [
        inner for span in [*curly, *straight] for inner in _nested(span, paragraphs) if _is_speech(inner, paragraphs)
    ]
    spans.sort(key=lambda span: (span.segments[0].paragraph, span.segments[0].open_at))
    strays = sorted(curly_strays + straight_strays, key=lambda m: (m.paragraph, m.at))
    return spans, strays


def _pair(
    paragraphs: Sequence[str], marks: str, role: Classifier, skip: Callable[[int, int], bool]
) -> tuple[list[QuotedSpan], list[StrayMark], list[tuple[int, int]]]:
    """Pair opening and closing marks; returns the spans, the strays and every opening left unclosed."""
    spans: list[QuotedSpan] = []
    strays: list[StrayMark] = []
    unclosed: list[tuple[int, int]] = []
    carried: list[Segment] = []  # segments of a quotation that goes on into the next paragraph
    for number, text in enumerate(paragraphs):
        if carried and not (text[:1] in marks and role(text, 0) == "open"):
            strays.append(_unclosed(paragraphs, carried[0]))
            carried = []
        opened: int | None = None
        inner_close: int | None = None  # the closing mark of a quotation three deep, skipped with it
        for found in _marks_pattern(marks).finditer(text):  # the marks only: not every character
            index, char = found.start(), found.group()
            if skip(number, index) or index == inner_close:
                continue
            kind = role(text, index)
            if kind == "open" and opened is not None and _inside_single(text, opened, index):
                # “… ‘Violetta sings “Sempre libera” with her mouth’ …”: marks within the single marks
                # within the quotation are part of it, not a quotation of their own.
                close = next((m.start() for m in _marks_pattern(marks).finditer(text, index + 1)), None)
                inner_close = close if close is not None and role(text, close) == "close" else None
                continue
            if kind == "open":
                if opened is not None:  # a second opening before any closing: the first is stray
                    strays.append(
                        _unclosed(paragraphs, carried[0])
                        if carried
                        else StrayMark(number, opened, text[opened], "unclosed")
                    )
                    carried = []
                opened = index
            elif kind == "close" and opened is not None:
                spans.append(QuotedSpan((*carried, _segment(number, text, opened, index))))
                carried, opened = [], None
            elif kind is not None:
                strays.append(StrayMark(number, index, char, "unopened" if kind == "close" else "ambiguous"))
        if opened is not None:
            carried.append(_segment(number, text, opened, len(text)))
            unclosed.append((number, opened))
    if carried:
        strays.append(_unclosed(paragraphs, carried[0]))
    return spans, strays, unclosed


def _inside_single(text: str, start: int, end: int) -> bool:
    """Whether a single quotation mark (‘) opened in text[start:end] is still open at `end` (an
    apostrophe, ’ with a letter after it, closes nothing)."""
    opened = len(re.findall(r"(?<![\w’'])‘", text[start:end]))
    closed = len(re.findall(r"’(?!\w)", text[start:end]))
    return opened > closed


_INNER = re.compile(
    r"(?<![\w’'])‘(?=\S)((?:[^‘’]|’(?=\w))*?\S)’(?!\w)"
    # straight single marks within straight double ones: "We shipped 'the first computer you'll forget' …"
    r"|(?<![\w’'])'(?=\w)((?:[^'‘’]|'(?=\w))*?[\w.,!?])'(?!\w)"
)


def _nested(span: QuotedSpan, paragraphs: Sequence[str]) -> list[QuotedSpan]:
    """The quotations within a quotation: single marks, ‘…’ (or '…' in straight quotes), inside each of
    its segments (an apostrophe, one with a letter on both sides as in “doesn’t”, never closes one)."""
    found = []
    for segment in span.segments:
        text = paragraphs[segment.paragraph]
        for inner in _INNER.finditer(text, segment.begin, segment.end):
            found.append(QuotedSpan((_segment(segment.paragraph, text, inner.start(), inner.end() - 1),), nested=True))
    return found


@lru_cache(maxsize=4)
def _marks_pattern(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]")


def _unclosed(paragraphs: Sequence[str], segment: Segment) -> StrayMark:
    return StrayMark(segment.paragraph, segment.open_at, paragraphs[segment.paragraph][segment.open_at], "unclosed")


def _segment(paragraph: int, text: str, opened: int, closing: int) -> Segment:
    """The segment from the mark at `opened` to the mark at `closing` (or the paragraph's end)."""
    inner = text[opened + 1 : closing]
    begin = opened + 1 + (len(inner) - len(inner.lstrip()))
    end = begin + len(inner.strip().rstrip(_TRAILING).rstrip())
    close_at = closing + 1 if closing < len(text) else closing
    return Segment(paragraph, opened, close_at, begin, max(begin, end))


def _curly_role(text: str, index: int) -> str | None:
    return "open" if text[index] == "“" else "close"


def _straight_role(text: str, index: int) -> str | None:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isdigit() and not re.search(r"(?<![\d,.])\d{4}$", text[max(0, index - 5) : index]):
        return None  # 5'10", a 65" screen: an inch mark (not a year: "every time since 1987".)
    if before in _OPEN_AFTER and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in _CLOSE_BEFORE):
        return "close"
    return "ambiguous"


def _is_speech(span: QuotedSpan, paragraphs: Sequence[str]) -> bool:
    """Speech has letters or digits; one word without closing punctuation is a scare quote; a name or
    a title in quote marks (after "titled", "so-called", "a film called", or in title case: “Nowhere
    to Put Them”, “the Road Warrior”) is not anybody's words."""
    text = span.text(paragraphs)
    if not any(c.isalnum() for c in text):
        return False
    first = span.segments[0]
    window = paragraphs[first.paragraph][max(0, first.open_at - 160) : first.open_at]
    if _BEGUN_CALLING.search(window) and len(text.split()) <= 4:
        return False  # traders "have begun calling the committee's habit … the “Ellery pause,”"
    cue = _before_a_list(window)
    if _WITH_THE_WORDS.search(cue) and len(text.split()) > 4:
        return True  # "he greeted her with the words “Still finding germs in your freezer, Ottilie?”"
    what_they_call = _WHAT_THEY_CALL.search(cue)
    if what_they_call and len(text.split()) <= 5:
        return False
    if _TOLD_WITHOUT_AGENT.search(cue) and len(text.split()) <= 4 and text.rstrip()[-1:] not in ".!?…,":
        return False  # passengers have been told “do not travel”
    if _CALLED_END.search(cue) and len(text.split()) <= 2 and _a_name(text.rstrip().rstrip(".,")):
        return False  # a name given: a friend she called “Jojo.”
    if _CALLING_THEM.search(cue) and len(text.split()) <= 3 and title_case(text.rstrip().rstrip(".,")):
        return False  # memes calling her “Shortcut Queen.”: a nickname (not "calling her “a liar”")
    if span.nested and _CALL_ME.search(cue) and len(text.split()) <= 4:
        return False  # “People still call me ‘the young doctor.’”: what others call the speaker
    if _SOMEONE_CALLED.search(cue) and len(text.split()) > 4:
        return True  # a package of cuts that the cabinet member responsible called “the least worst option on …”
    if _CALLED_IT.search(cue) and len(text.split()) == 1 and text.rstrip(",.").islower():
        return True  # one word somebody called a thing: called the report “damning”, the launch “tone-deaf.”
    if _CALLED_IT.search(cue) and len(text.split()) <= 3 and _a_name(text.rstrip().rstrip(".,")):
        return False  # a name somebody gave a thing: his crew called the cat “Foreman.”
    if _NAMING_CUE.search(cue) and not _WHAT_ONE_CALLED.search(cue) and not what_they_call:
        return False
    if len(span.segments) == 1 and _WRITTEN_ON.match(paragraphs[first.paragraph], first.close_at):
        return False  # Somebody had written “2 saved. Well done all” on the whiteboard
    if (
        len(span.segments) == 1
        and _WRITTEN_ACROSS_BEFORE.search(paragraphs[first.paragraph], max(0, first.open_at - 20), first.open_at)
        and _WRITTEN_ACROSS_AFTER.match(paragraphs[first.paragraph], first.close_at)
    ):
        return False  # a voter had written “none of them” across all three boxes
    if (
        span.nested
        and len(text.split()) <= 3
        and all(w.islower() for w in text.rstrip(",.").split())
        and _PREPOSITION_BEFORE.search(paragraphs[first.paragraph], max(0, first.open_at - 12), first.open_at)
    ):
        return False  # within a quotation, a phrase after a preposition: “… shut it for ‘fire danger,’ …”
    sentence = paragraphs[first.paragraph][: first.open_at]
    sentence = sentence[max(sentence.rfind(". "), sentence.rfind("? "), sentence.rfind("! ")) + 1 :]
    if len(text.split()) <= 4 and _WORDS_LISTED.search(sentence):
        return False  # "a handful of spoken commands: “come bye” to send the dog clockwise, “away to me” …"
    if _ONE_OF_THE_SIGNS.search(paragraphs[first.paragraph], 0, first.open_at):
        return False  # "Signs went up overnight. One, propped against a mailbox, read “…”"
    if span.nested and _NAMED_AS_IS.search(cue):
        return False  # “… the story becomes ‘Pellucid can’t ship a phone.’”: words named, not said
    if (
        len(span.segments) == 1
        and text.rstrip()[-1:] not in ".!?…"
        and _WORK_NAMED.search(paragraphs[first.paragraph], max(0, first.open_at - 80), first.open_at)
    ):
        return False  # a work named in apposition: The paper, “Light after dark: …”, is published
    if (
        len(span.segments) == 1
        and title_case(text.removesuffix("."))
        and (not text.endswith(".") or _WORK_BEFORE.search(paragraphs[first.paragraph], 0, first.open_at))
        and not _SAID_AFTER.match(paragraphs[first.paragraph], first.close_at)
    ):
        return False  # a title, also with the full stop US style puts inside: a podcast, “Ashes on Tallow Street.”
    last = span.segments[-1]
    inner = paragraphs[last.paragraph][last.begin : last.close_at - 1].rstrip()
    closed = inner[-1:] in ",.!?…"
    if (
        len(span.segments) == 1
        and len(text.split()) <= 4
        and inner[-1:] not in "!?…"
        and _ITS_TERM.search(paragraphs[first.paragraph], max(0, first.open_at - 50), first.open_at)
    ):
        return False  # an organisation's label for a thing: the metric, which it calls its “committed run-rate,”
    if (
        len(span.segments) == 1
        and not closed
        and _term_after_determiner(text, paragraphs[first.paragraph], first.open_at, first.close_at)
    ):
        return False
    if (
        len(span.segments) == 1
        and not closed
        and len(text.split()) <= 6
        and _POSSESSIVE_BEFORE.search(paragraphs[first.paragraph], max(0, first.open_at - 12), first.open_at)
        and _NOUN_AFTER.match(paragraphs[first.paragraph], first.close_at)
    ):
        return False  # a thing of theirs, named: Its “No child grieves alone” appeal raised £3.1m
    words = text.split()
    if span.nested and not closed and len(words) <= 4 and words[0][:1].isupper() and not text.rstrip().endswith("?"):
        return False  # within a quotation, a short name in marks: “… sings ‘Sempre libera’ with her mouth”
    if (
        span.nested
        and len(words) <= 4
        and words[0][:1].isupper()
        and (
            title_case(text.rstrip().rstrip(".,"))
            or _PREPOSITION_BEFORE.search(paragraphs[first.paragraph], max(0, first.open_at - 12), first.open_at)
        )
    ):
        return False  # also with US style's full stop inside: "I wrote the bridge on 'Gravel.'", 'Q3 Priorities.'

    if (
        len(span.segments) == 1
        and not closed
        and len(words) <= 6
        and _STAGED.search(paragraphs[first.paragraph], max(0, first.open_at - 40), first.open_at)
    ):
        return False  # a work's title after "a staging of", whatever its case: “La traviata”
    if (
        len(span.segments) == 1
        and not closed
        and len(words) <= 4
        and words[0][:1].isupper()
        and _POSSESSOR_BEFORE.search(paragraphs[first.paragraph], max(0, first.open_at - 40), first.open_at)
    ):
        return False  # a work of someone's, named: Castellane’s “Sempre libera”
    if span.nested and not closed and len(words) <= 3 and all(w.islower() for w in words):
        # A speaker's own scare quotes (“There is no ‘too late’, only ‘not yet’.”) are not anybody's
        # words; a phrase with its own determiner is (“They called it ‘a bold bet’.”).
        return words[0] in _DETERMINERS
    paragraph = paragraphs[first.paragraph]
    if (
        len(span.segments) == 1
        and len(words) == 1
        and words[0].islower()
        and (
            _ENDS_THE_SENTENCE.match(paragraph, first.close_at)
            or _IN_THE_CLAUSE.search(paragraph, max(0, first.open_at - 16), first.open_at)
        )
    ):
        # One word that ends what somebody says: "The trust says that figure is “misleading”, because …",
        # or that stands in the clause somebody says, after its subject or verb (not a determiner's
        # modifier): "he said he “strongly” denied any wrongdoing", "said she was “devastated” that …"
        sentence = paragraph[: first.open_at]
        said = _SAYS.search(sentence[max(sentence.rfind(". "), 0) :])
        if said is not None:
            return True
    return len(span.segments) > 1 or len(words) > 1 or closed


_LISTED_BEFORE = re.compile(r"[“\"][^“”\"]*[”\"]\s*(?:,\s*)?(?:(?:and|or)\s+)?$")


_IN_A_CLAUSE = re.compile(r",\s+(?:which|who|whom|whose)\b[^,;“”\"]*$")


def _before_a_list(before: str) -> str:
    """What comes before the first of quoted items listed together: signs reading “A” and “B” are
    both signs' words, as a name cue before the first names the others too."""
    while (listed := _LISTED_BEFORE.search(before)) is not None and listed.start() < len(before):
        if listed.group().rstrip()[-1:] in '”"':  # two quotations side by side are not a list
            break
        if listed.group().rstrip().endswith(",") and _IN_A_CLAUSE.search(before, 0, listed.start()):
            break  # "…, which the menu describes as “A”, “B”": the comma closes the clause, not a list
        before = before[: listed.start()]
    return before[-100:]


def _term_after_determiner(text: str, paragraph: str, open_at: int, close_at: int) -> bool:
    """A short lower-case phrase in marks used as a noun, after a determiner outside them: its “slow
    cinema” style, a ‘climate novel’, a rare “danger to life” warning (any adjective, when a noun
    for a kind of thing follows the marks: the phrase names which). Somebody's words carry their own determiner
    (“a defensive move”) or run longer."""
    words = text.split()
    if not 1 < len(words) <= 3 or text.rstrip()[-1:] in ",.!?…" or any(not w.islower() for w in words):
        return False
    if words[0] in ("a", "an", "the"):
        return False  # its own determiner: emails calling her “a groomer”
    if _DETERMINER_BEFORE.search(paragraph, max(0, open_at - 28), open_at) is None and not (
        _DETERMINER_ADJECTIVE_BEFORE.search(paragraph, max(0, open_at - 28), open_at)
        and _NOUN_AFTER.match(paragraph, close_at)
    ):
        return False
    if _CALLED.search(paragraph, max(0, open_at - 40), open_at) is not None:
        return False  # what she called his “genuine…” efforts
    # In what somebody reports, the phrase is theirs: "Corvina said in a statement that the guests'
    # health was its “highest priority”", "was the “predictable result” of …, the inspector said".
    start = max(paragraph.rfind(". ", 0, open_at), paragraph.rfind("\n", 0, open_at)) + 1
    stop = paragraph.find(". ", close_at)
    sentence = paragraph[start : stop if stop >= 0 else len(paragraph)]
    if not _ENDS_THE_PHRASE.match(paragraph, close_at):
        return True  # an “efficiency savings” programme: it names the programme, whoever speaks
    return _REPORTED.search(_MARKED_OUT.sub(" ", sentence)) is None


_REPORTED = re.compile(
    r"\b[Aa]ccording\s+to\b"
    r"|\b(?:said|says|told|tells|wrote|writes|added|adds|insisted|argued|warned)\b[^.;]{0,40}?\bthat\b"
    r"|,\s+(?:[\w’'-]+\s+){1,8}?(?:said|says|wrote|writes|added|adds)\b"
)
_ENDS_THE_PHRASE = re.compile(r"\s*(?:[,.;:!?)]|$|(?:of|and|or|but|that|which|for|in|on|to|with|from|as)\b)")
_MARKED_OUT = re.compile(r"[“\"][^“”\"]*[”\"]")
_DETERMINERS = frozenset("a an the his her its their our my your this that these those".split())
_CALLED = re.compile(
    r"\b(?:called|calls|call|described|describes|termed|terms|praised|praises|criticised|criticized|criticises"
    r"|criticizes|condemned|condemns|hailed|hails)\b"
)
# "in what its vice-chancellor called “…”": one person's words, a partial quotation (not "what locals
# call", a group's name for something, nor "what it called", an organisation's).
# "what locals call “the Big Dry”": a group's name for something, when it is short; "in what housing
# campaigners have called “a textbook no-fault eviction dressed up in a hard hat”" is their words.
_WHAT_THEY_CALL = re.compile(
    r"\bwhat\s+(?:(?:the|some|many|most|its|their)\s+)?(?!(?:he|she|i|you|we|they|it|who|has|was|is|does|this)\b)"
    r"(?:[a-z][\w-]*\s+)?(?:[a-z][\w-]*s|people|staff|police|media|press|public)"
    r"\s+(?:(?:have|has|had|now|often|sometimes)\s+)?(?:call|calls|called|dub|dubs|dubbed|term|terms|termed)"
    r"(?:\s+(?:the|a|an))?\s*$"
)
# A relative clause with its own subject: what somebody called a thing, at length, is their words.
_SOMEONE_CALLED = re.compile(
    r"\b(?:(?:that|which|what)\s+|[a-z]+\s+)(?:the|its|his|her|their|one)\s+(?:[\w’'-]+\s+){1,4}"
    r"(?:called|calls|described\s+as|termed)\s*$"
)
# Advice or an order passed on without whose it is: "passengers have been told “do not travel”".
_TOLD_WITHOUT_AGENT = re.compile(
    r"\b(?:have|has|had|been|were|was|are|is)\s+(?:been\s+)?(?:told|advised|urged|warned)\s*$"
)
_WHAT_ONE_CALLED = re.compile(
    r"\bwhat\s+(?:(?:the|its|his|her|their|a|an)\s+)?(?:[\w-]+\s+)?"
    r"(?!it\b|people\b|staff\b|police\b|media\b|press\b|public\b|[\w-]*s\s)[a-z][\w-]*"
    r"\s+(?:called|calls|termed|dubbed|described\s+as)\s*$"
)
# "which it calls", "what it called": a thing's or an organisation's name for something (a person's
# "what he called “…”" is a partial quotation).
_ITS_TERM = re.compile(
    r"\b(?:which|what|that)\s+(?:it|the\s+(?:company|firm|group|brand|bank|maker|club|council|government|ministry"
    r"|agency|business|startup|retailer|network|platform|trust|authority|board|service|hospital|school|university"
    r"|department|charity|regulator))\s+(?:(?:now|has|had|still|often)\s+)?"
    r"(?:calls|called|dubs|dubbed|terms|termed|describes\s+as|described\s+as)\s+(?:(?:a|an|the|its)\s+)?$"
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?i:its|their|his|her|our)\s*$")
_DETERMINER_ADJECTIVE_BEFORE = re.compile(r"\b(?i:a|an|the|its|his|her|their|our|this|that)\s+[a-z][\w-]*\s*$")
# A noun for a kind of thing after the closing mark, the phrase in marks naming which: a “danger to
# life” warning, “fit to practise” status (not her client “categorically denies” falsifying).
_NOUN_AFTER = re.compile(
    r"\s+(?:warning|alert|status|rating|label|level|category|zone|order|notice|scheme|policy|programme|program"
    r"|campaign|tax|levy|rule|clause|list|tier|badge|mode|grade|classification|designation|certificate|stamp"
    r"|appeal|fund|drive|initiative|project|strategy|brand|tagline)s?\b"
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?i:a|an|the|its|his|her|their|our|this|that|these|those|whose)\b|\b[a-z]+[’']s)\s*"
    r"(?:(?:[a-z][\w-]*(?:al|ive|ic|ous|ful|less|able|ible|ary|ory|ish|ern|ial)|[a-z]+-[a-z]+(?:ed|en))\s+)?$"
    # an adjective: an internal “…”, a white-painted “ghost bike”
)


# What introduces a name, a title or a term in quote marks rather than somebody's words.
_NAMING_CUE = re.compile(
    r"(?:\bso-called|\bdubbed|\bnicknamed|\bknown(?:\s+[^.!?“”\"]{0,40}?)?\s+as|\breferred\s+to\s+as|\b(?:en)?titled|\bheadlined|\bcode-?named"
    r"|\b(?:headed|labell?ed|stamped)"  # a column headed “cooperative pricing”, a case labelled “…”
    r"|\bunder\s+(?:the|a|an)\s+(?:title|name|banner|slogan|heading|caption|headline|subject\s+line)\b[^.!?“”\"]{0,60}?"
    r"|\b(?i:banner|sign|placard|poster|slogan|headline|motto|hashtag|caption|plaque|shirt|screen|billboard|mural"
    r"|board|scoreboard|noticeboard|whiteboard|blackboard|chalkboard|display|card|bedsheet|sheet|flag|label"
    r"|drawing|sticker|graffiti|tattoo|flyer|leaflet|notice|entry|entrie|badge|tag|button|pin|mug|cap|hat|hoodie"
    r"|jersey|wristband|sash|lanyard)s?\b[^.!?“”\"]{0,80}?\s(?:reading|saying|reads|read|says|say|(?:that|which)\s+(?:still\s+)?(?:read|reads|say|says|said"
    r"|promises|promised|proclaims|proclaimed|declares|declared|urges|urged))"
    # what a menu, a label or a brochure calls a thing: "which the menu describes as “kissed by the tide”"
    r"|\b(?:menu|label|packaging|listing|advert|advertisement|flyer|leaflet)s?"
    r"(?:,?\s+(?:which|that))?\s+(?:describes|described|calls|called)(?:\s+[\w’'-]+){0,3}?(?:\s+as)?"
    r"|\bmeans?"  # a rating or a term defined: a zero rating means “urgent improvement necessary”
    r"|\blisted\s+(?:[^.!?“”\"]{0,60}?\s)?as"  # listed in calendar invitations as “Quick sync: …”
    r"|\bsigned(?:\s+off)?(?:\s+(?:simply|only|just))?"  # an email signed “The Sagebrook Family.”
    r"|\b(?:a|an|the|their|his|her|its|our)\s+(?:nick)?name\s+for\s+(?:him|her|them|it|the\s+[\w-]+|[A-Z][\w’'-]*)\s*:"
    # what somebody calls a thing: "a 1742 Guarneri that she calls “the old man,”"
    r"|\b(?:that|which|whom)\s+(?:he|she|they|we|I|everyone|people)\s+(?:still\s+|now\s+|affectionately\s+)?"
    r"(?:calls?|called|nicknamed|dubs?|dubbed)"
    # "a small laminated sign, printed in 1994 and never replaced: “Phones off.”" (nobody speaks between)
    # (not "a video of the banners with a single line:", somebody's words about them)
    r"|(?<!of\s)(?<!of\sthe\s)(?<!of\sa\s)\b(?:sign|placard|poster|plaque|banner|notice|card)s?\b"
    r"(?:(?!\b(?:said|says|told|tells|added|adds|wrote|writes|explained|explains|with)\b)[^.!?“”\"]){0,80}:"
    # "had taped a hand-lettered note to the door:", "was still stapled to a pole on Linden Street:"
    r"|\b(?:taped|pinned|stuck|stapled|nailed|glued|hung|posted|fixed)\b[^.!?“”\"]{0,60}?\b(?:to|on)\s+(?:the|a|an|its"
    r"|his|her|their)\s+(?:[\w-]+\s+)?(?:door|window|wall|gate|fence|noticeboard|pole|lamppost|post|counter|till"
    r"|fridge|tree|railing)s?\b[^.!?“”\":]{0,40}:"
    r"|\b(?:taken|started|begun|began|come)\s+to\s+call(?:ing)?(?:\s+[\w’'-]+){0,3}"
    r"|\b(?:they|we|locals|people|residents|fans|critics|staff|traders|analysts|officials|insiders|some|many|others"
    r"|colleagues|friends|supporters|opponents|Keepers|Staff|Residents|Locals|Fans|Regulars|Colleagues|Friends"
    r"|Neighbours|Neighbors|Workers|Players|Students|Pupils|Villagers"
    r"|(?!(?:has|was|is|does|his|this|its|hers|ours|yours|theirs)\b)[a-z]+s)"
    r"\s+(?:(?:have|had|has)\s+)?(?:(?:still|now|often|sometimes|affectionately|simply|all|just|already|also|even"
    r"|widely|jokingly)\s+)?"
    r"(?:call|called|dub|dubbed|nickname|nicknamed)(?:\s+[\w’'-]+){0,3}"
    r"|\b(?:(?:(?i:the|its|his|her|their|a|an)|[\w-]+[’']s)\s+(?:[a-z][\w-]*\s+)?)?(?:motto|slogan|catchphrase|tagline"
    r"|nickname|title|headline|watchword|name)\b"
    # (not when somebody says the words in between: "which Korvath the nickname means is, one aide joked, “…”")
    r"(?:(?!\b(?:said|says|joked|jokes|added|told|quipped|remarked|insisted|wrote|writes|recalled)\b)[^.!?“”\"]){0,80}"
    r"(?:,|\b(?:was|is|reads|read|became)\b)"
    r"|\b(?!(?:he|she|they|it|we|i|you|who|which|that|what|and|be|been|being)\b)[a-z]+\s+(?:called|named|entitled)"
    r"|\b(?:being|been|was|were|is|are)\s+(?:described|labell?ed|branded|hailed|billed|dismissed)\s+as"
    r"|\bchant(?:ed|ing|s)?(?:\s+of)?|\b(?:sing|sings|sang|sung|singing)"  # a crowd's chant or song
    # a crowd's shout: "The crowd counts down from ten and then, more or less together, shouts “Get in!”"
    # (not "The crowd went quiet as a man shouted", nor "… as Ann Lee shouted": somebody's words)
    r"|\b(?i:crowd|audience|fans|spectators|onlookers|protesters|supporters|everyone|people)\b"
    r"(?:(?!\b(?:as|when|while|until|before|after|a|an|one|who|whom)\b)[^.!?“”\"A-Z]){0,80}?"
    r"\b(?:shout|shouts|shouted|shouting|yell|yells|yelled|cheer|cheers|cheered|roar|roars|roared|scream|screamed)"
    r"|\b(?:inscriptions?|slogans?|signs?|placards?|banners?|messages?)\s+(?:such\s+as|like|including)"
    r"|\bdefin(?:e|es|ed|ing)\s+(?:[\w’'-]+\s+){0,3}?as"
    r"|\b(?i:whose|his|her|its|their|our)\s+(?:name|title|label|slogan|motto|headline|nickname)\??"
    # rates the stock “hold” (a verb with its object, not "the rating had been applied")
    r"|\brat(?:es|ed|ing)\s+(?:(?:it|them|the\s+[\w-]+|its\s+[\w-]+|[A-Z][\w-]*)\s+)?(?:at|as)?"
    r"|\bthe\s+(?:word|words|term|phrase|name|title|label|slogan|motto|headline|subject\s+line|description|wording))"
    r"(?:\s+(?:the|a|an))?\s*[,:]?\s*$"
)
# “Turnips. Apparently,” she says: words in title case that somebody says.
_SAID_AFTER = re.compile(
    r"\s*(?:(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*|he|she|they)\s+(?:says|said|adds|added|replies|replied|wrote"
    r"|writes|posted|tweeted)\b|\s*(?:says|said)\s+[A-Z]"
)
# A sign the sentences before speak of, its words: "Hand-lettered signs went up. One, propped
# against a mailbox, read “…”", "Her first sign still hangs there. It reads “…”".
_ONE_OF_THE_SIGNS = re.compile(
    r"\b(?:signs?|banners?|placards?|posters?|plaques?|notices?|labels?|stickers?|boards?|billboards?|murals?)\b"
    r".{0,300}?[.!?][”\"’]?\s+(?:One|Another|It|The other|A second|A third|The first|The second)"
    r"(?:,[^.!?“”\"]{0,80},)?\s+(?:still\s+)?(?:read|reads|said|says)(?:\s+simply)?\s*[,:]?\s*[“\"]?$"
    # words written on one of them: "On one, someone had added in black marker: “We'll be back.”"
    r"|\b(?:signs?|banners?|placards?|posters?|plaques?|notices?|labels?|stickers?|boards?|billboards?|murals?)\b"
    r".{0,300}?[.!?][”\"’]?\s+On\s+(?:one|another|the\s+other|a\s+second|it|them)\b[^.!?“”\"]{0,80}?"
    r"\b(?:added|wrote|written|scrawled|painted|spray-painted|scribbled|taped|stuck)\b[^.!?“”\"]{0,40}?[,:]?\s*[“\"]?$"
)
_WORDS_LISTED = re.compile(
    r"\b(?:commands|words|phrases|terms|calls|expressions|orders|catchphrases|sayings|signals|slogans)\s*:"
)
# Words written on a thing, not said: "a voter had written “none of them” across all three boxes".
_WRITTEN_ACROSS_BEFORE = re.compile(
    r"\b(?:written|scrawled|scribbled|painted|spray-painted|chalked|carved|etched|sprayed|stencilled|stenciled)\s*$"
)
_WRITTEN_ACROSS_AFTER = re.compile(r"[,.]?\s+(?:on|across|over|along|inside|onto|beneath|under)\s")
_WRITTEN_ON = re.compile(
    r"\s+on\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:whiteboard|blackboard|board|wall|sign|door|window"
    r"|banner|placard|card|sheet|note|sticker|cake|shirt|t-shirt)s?\b"
)
_NAMED_AS_IS = re.compile(r"\b(?:is|was|becomes|became|be)\s*[,:]?\s*$")
_ENDS_THE_SENTENCE = re.compile(r"[.,;]?\s*(?:$|\n|[A-Z“\"]|(?:because|but|and|although|though|since)\b)")
# Somebody's words reported in the sentence: a verb of saying, or "according to".
_SAYS = re.compile(
    r"\b(?:says|said|say|saying|told|tells|insists|insisted|argues|argued|wrote|writes|[Aa]ccording\s+to)\b"
)
_IN_THE_CLAUSE = re.compile(
    r"\b(?:he|she|they|it|we|I|was|were|is|are|be|been|being|felt|feels|feel|seemed|seems|remained|remains|had|has"
    r"|have|would|will|could|should|did|does|do)\s+$"
)
# "called the report", "called it": the thing called, then what it was called (a name has no such object:
# "a feature called “Halo Mode”").
_CALLED_IT = re.compile(
    r"\bcalled\s+(?:it|them|this|that|(?:the|his|her|its|their|this|that|these|those)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s*$"
)
_CALLING_THEM = re.compile(r"\bcalling\s+(?:her|him|them|it|me|us)\s*$")
_CALL_ME = re.compile(r"\bcall(?:s|ed|ing)?\s+(?:me|us)\s*$")
_CALLED_END = re.compile(r"\b(?:called|calls|named|names|nicknamed)\s*$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|of|from|about|into|for|with|called|titled|named)\s+$")
_WITH_THE_WORDS = re.compile(r"\b(?:with|in)\s+the\s+words\s*[,:]?\s*$")
_BEGUN_CALLING = re.compile(r"\b(?:begun|began|started|taken\s+to)\s+call(?:ing)?\b[^.!?“”\"]{0,110}$")
_POSSESSOR_BEFORE = re.compile(r"\b[A-Z][\w-]*[’']s\s*$")
_STAGED = re.compile(
    r"\b(?:staging|production|performance|revival|recording|version|premiere|adaptation|run)s?\s+of\s+$"
)
_WORK_BEFORE = re.compile(
    r"\b(?:book|novel|memoir|biography|film|documentary|podcast|album|song|single|anthem|ballad|track|hit|tune"
    r"|play|musical|series|show"
    r"|programme|program|column|essay|poem|exhibition|newsletter|blog|website|game|opera|ballet|painting)s?,?\s*$"
)
# Lower-case words a title in title case keeps (English, and the particles of other languages' titles
# and names: “Corazón de Barrio”, “Les Misérables du Nord”).
# A work's noun right before the marks, in apposition: "The paper, “…”", "her memoir, “…”".
_WORK_NAMED = re.compile(
    r"\b(?i:the|a|an|his|her|its|their|our)\s+(?:[\w-]+\s+){0,2}(?:paper|study|article|thesis|dissertation|memoir"
    r"|book|novel|biography|film|documentary|podcast|album|song|play|musical|series|programme|program|essay|poem"
    r"|exhibition|painting|report)s?,\s*$"
)
_MINOR_WORDS = frozenset(
    "a an the of to for and or in on at by with from as but nor vs into upon de del della la le les du des van von"
    " der den da di y".split()
)


def _a_name(text: str) -> bool:
    """Capitalised words, minor ones aside: “Jojo”, “the Aquarium”."""
    words = text.split()
    return any(w[:1].isupper() for w in words) and all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words)


def title_case(text: str) -> bool:
    """Words in title case without a sentence's closing punctuation: a title or a name, not speech."""
    stripped = text.strip()
    words = re.findall(r"[^\W_][\w’'-]*", stripped)
    if len(words) < 2 or stripped[-1:] in ".!?…,;" or re.search(r"[!?…]\s", stripped):
        return False  # ends as a sentence, or holds a sentence's end: “Minds? No,” he says
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    last = words[-1][0]
    return (
        bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content) and (last.isupper() or last.isdigit())
    )
