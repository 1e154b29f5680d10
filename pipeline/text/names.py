"""Names in running text that the catalogue does not know: who might be a person.

Attribution needs to know where a person-like name stands, catalogued or not, so that "she said"
never skips over somebody to reach an earlier catalogue person. These are heuristics on
capitalisation, deliberately cautious in one direction: something taken for a name can only
block an attribution, never create one (a speaker is published only from a reporting cue).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.text.cues import NATIONALITIES, OCCUPATIONS, TITLES

CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December""".split()
)
# What joins the letters of one name word: apostrophes (O’Brien, Ngũgĩ wa Thiong'o) and hyphens
# (Smith-Jones), in every spelling edited copy uses. For use inside a character class.
JOINERS = "'’ʼ\\-‐‑"
WORD = re.compile(rf"[^\W_](?:[\w{JOINERS}]*[^\W_])?")
_PARTICLES = frozenset({"de", "del", "della", "der", "di", "da", "van", "von", "bin", "ibn", "al", "le", "la", "du"})
_NOT_NAMES = frozenset(
    """A An And As At After Although Also Among Asked According Before Because Both But By Despite During
    Each Earlier Every Few For From Furthermore He Her Here His However I If In Instead It Its Last
    Later Many Meanwhile Moreover Most My Next No None Not Now Of On Once One Only Or Our Over Q She
    Since So Some Still Such That The Their Then There These They This Those Though Through To Today
    Tomorrow Two Under Unlike Until We What When Where Whether Which While Who Why With Without
    Yesterday Yet You Your Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Another Others Neither Either
    Nobody Everyone Everybody Someone Somebody Anyone All Ask Tell Meet Imagine Consider Picture Forget Let
    Listen Remember Thank""".split()  # the last: imperatives that open a sentence ("Ask Vuletić about…")
)
# A descriptor joined by a hyphen, capitalised where it opens a sentence ("Co-author Samuel Okafor",
# "Ex-minister Jan Vos", "Vice-captain Ruth Ahn"): not part of the name. A given name with a hyphen
# ("Jean-Pierre", "Ji-ho") starts otherwise.
_HYPHENATED_DESCRIPTOR = re.compile(r"(?:Co|Ex|Vice|Then|Joint|Acting|Step|Former|Deputy|Assistant)-[a-z]+")
ORGANISATION_WORDS = frozenset(
    """Inc Corp Corporation Ltd Limited LLC PLC Plc AG GmbH SA NV Co Company Group Holdings Bank Fund
    Capital Partners Associates University College Institute Ministry Department Agency Commission
    Council Committee Foundation Association Society Union Court Parliament Government Reuters Bloomberg
    Chamber Network Alliance Forum Federation Confederation Coalition Party Movement Campaign Club Board
    Office Service Services Authority Trust Industries Systems Technologies Labs Media News Times Post
    Herald Gazette Press Journal Insurance Energy Motors Airlines Airways Railways Foods Pharma Bureau
    Institution Assembly Senate Congress Cabinet Tribunal Police Army Navy School Hospital Clinic""".split()
)


@dataclass(frozen=True)
class NameRun:
    """Capitalised words in a row, [start, end) in the text; `sentence_start` when it opens a sentence."""

    text: str
    start: int
    end: int
    words: int

    @property
    def organisation_like(self) -> bool:
        return any(word in ORGANISATION_WORDS for word in WORD.findall(self.text))


def is_capitalised(word: str) -> bool:
    """A word that starts with a capital and is not an acronym (AI, CEO) or a single letter."""
    core = _strip_possessive(word)
    return len(core) > 1 and core[0].isupper() and not core.isupper()


def _strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def name_runs(text: str) -> list[NameRun]:
    """Runs of capitalised words (with initials, titles and particles such as "van" inside them).

    A function word or weekday that opens a run ("The", "In", "Monday") is dropped from it.
    """
    runs: list[NameRun] = []
    words = list(WORD.finditer(text))
    count = len(words)
    index = 0
    while index < count:
        word = words[index].group()
        if not (word[0].isupper() and (_name_word(word) or _INITIALS.match(text, words[index].start()))):
            index += 1  # most words are lower case: test that first
            continue
        last = index
        while last + 1 < count and _joins(text, words[last], words[last + 1]):
            last += 1
        members = words[index : last + 1]
        while members and (
            (
                members[0].group() in _NOT_NAMES
                and not (members[0].group() in CALENDAR and len(members) > 1)
                and not _INITIALS.match(text, members[0].start())
            )
            or (members[0].group() in TITLES and len(members) > 1)
        ):
            members = members[1:]  # "The", "In"; but "June Halloran" is a name, "June 5" is not a run
        if (
            len(members) > 2
            and (members[0].group().lower() in OCCUPATIONS or _HYPHENATED_DESCRIPTOR.fullmatch(members[0].group()))
            and sentence_initial(text, members[0].start())
        ) or (len(members) > 2 and members[0].group() in NATIONALITIES):
            members = members[1:]  # "Meteorologist Kyle Brandt, at the agency's office, said"; "Italian Lorenzo Ancona'
        while members and members[-1].group() in _PARTICLES:
            members = members[:-1]
        if members:
            start, end = members[0].start(), members[-1].end()
            name = _strip_possessive(text[start:end])
            runs.append(NameRun(name, start, start + len(name), len(members)))
        index = last + 1
    return runs


def _name_word(word: str) -> bool:
    return is_capitalised(word) or (len(word) == 1 and word.isupper() and word not in {"A", "I", "Q"})


def _joins(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether `right` continues the name that `left` is part of."""
    gap = text[left.end() : right.start()]
    if left.group().endswith(("’s", "'s")):
        return False
    if gap not in (" ", ". ", "."):
        return False
    if gap != " " and not (len(left.group()) == 1 or left.group() in TITLES):
        return False  # a full stop ends the run unless it follows an initial or a title
    word = right.group()
    return _name_word(word) or word in _PARTICLES or _PARTICLE_JOINED.match(word) is not None


_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.")  # "A.K. Rahman": "A" opens the name, not an article
_PARTICLE_JOINED = re.compile(rf"(?:{'|'.join(sorted(_PARTICLES))}|el|ul|ad|abu|bint)[{JOINERS}][A-Z]")


def sentence_initial(text: str, start: int) -> bool:
    """Whether `start` opens a sentence (only spaces, quote marks or brackets since a full stop)."""
    at = start  # back over spaces, quote marks and brackets, without copying the text before
    while at > 0 and text[at - 1] in " “\"‘'(":
        at -= 1
    return at == 0 or text[at - 1] in ".!?…:"


_SENTENCE_END = re.compile(r"[.!?…][”\"’)]*(?=\s+[“\"‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|No|Cllr|Det|Sgt|Rt|Rev|Insp|Supt|Fr|Gen|Lt|Col)|\b[A-Z])\.$"
)
_SPACES = re.compile(r"\s*")  # what str.lstrip strips: both use Unicode's whitespace


def sentence_starts(text: str, quoted: Sequence[tuple[int, int]] = ()) -> tuple[int, ...]:
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
    return tuple(starts)
