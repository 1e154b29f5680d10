"""Direct quotations and who said them.

A quotation is text between double quotes (curly “…” or straight "…") within one paragraph.
A single word with no closing punctuation (“transformative”) is a scare quote, not speech, and
is skipped. The comma that ends a quoted clause (“…, including mine,” he said) belongs to the
sentence, not to the speaker, and is left out of the quotation's text.

The speaker is the entity named in the same sentence outside the quote (a person before an
organisation, the nearest first), else the nearest person named earlier in the article, which is
who "he said" refers to. A quote with no candidate keeps no speaker; the shapes warn about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.article import Article
from pipeline.catalogue import Catalogue, Mention

_QUOTED = (re.compile(r"“([^“”]*)”"), re.compile(r'"([^"\n]*)"'))
_TRAILING = " \t,"
_SENTENCE_END = re.compile(r"[.!?…][”\"’)]*(?=\s+[“\"‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|No)|\b[A-Z])\.$")


@dataclass(frozen=True)
class Quote:
    """One quotation: its number in the article, paragraph, exact text, body offsets, speaker id."""

    number: int
    paragraph: int
    text: str
    begin: int
    end: int
    speaker: str | None


def extract_quotes(article: Article, catalogue: Catalogue, mentions: list[list[Mention]]) -> tuple[Quote, ...]:
    """All quotations of `article`, numbered in reading order.

    `mentions[i]` are the catalogue mentions of paragraph i+1 (paragraph-relative offsets).
    """
    quotes: list[Quote] = []
    earlier_people: list[str] = []  # person ids named so far, outside quotes, in reading order
    for paragraph, (offset, _), found in zip(article.paragraphs, article.offsets, mentions, strict=True):
        text = paragraph.text
        spans = quoted_spans(text)
        outside = [m for m in found if not any(a <= m.start < b for a, b, _, _ in spans)]
        boundaries = _sentence_boundaries(text, spans)
        for open_at, close_at, begin, end in spans:
            sentence = _enclosing(boundaries, open_at, close_at, len(text))
            speaker = _speaker_in(sentence, open_at, close_at, outside, catalogue)
            if speaker is None:
                before = [m.entity for m in outside if m.end <= open_at and _is_person(m, catalogue)]
                people = earlier_people + before
                speaker = people[-1] if people else None
            quotes.append(
                Quote(
                    number=len(quotes) + 1,
                    paragraph=paragraph.position,
                    text=text[begin:end],
                    begin=offset + begin,
                    end=offset + end,
                    speaker=speaker,
                )
            )
        earlier_people.extend(m.entity for m in outside if _is_person(m, catalogue))
    return tuple(quotes)


def quoted_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open mark, after close mark, text begin, text end) of each quotation in `text`."""
    spans: list[tuple[int, int, int, int]] = []
    for pattern in _QUOTED:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b, _, _ in spans):
                continue  # a straight-quoted title inside a curly quotation
            inner = match.group(1)
            stripped = inner.rstrip(_TRAILING).lstrip()
            if not _is_speech(inner, stripped):
                continue
            begin = match.start(1) + (len(inner) - len(inner.lstrip()))
            spans.append((match.start(), match.end(), begin, begin + len(stripped)))
    return sorted(spans)


def _is_speech(inner: str, stripped: str) -> bool:
    if not any(c.isalnum() for c in stripped):
        return False
    return len(stripped.split()) > 1 or inner.rstrip()[-1:] in ",.!?…"


def _sentence_boundaries(text: str, spans: list[tuple[int, int, int, int]]) -> list[int]:
    """Offsets where a sentence starts, ignoring full stops inside quotations except at their end."""
    boundaries = [0]
    for match in _SENTENCE_END.finditer(text):
        at = match.end()
        inside = any(a < match.start() and at < b for a, b, _, _ in spans)
        if inside or _ABBREVIATION.search(text[: match.start() + 1]):
            continue
        boundaries.append(at)
    return boundaries


def _enclosing(boundaries: list[int], open_at: int, close_at: int, length: int) -> tuple[int, int]:
    start = max((b for b in boundaries if b <= open_at), default=0)
    end = min((b for b in boundaries if b >= close_at), default=length)
    return start, end


def _speaker_in(
    sentence: tuple[int, int], open_at: int, close_at: int, mentions: list[Mention], catalogue: Catalogue
) -> str | None:
    start, end = sentence
    named = [m for m in mentions if start <= m.start and m.end <= end]

    def distance(m: Mention) -> int:
        return open_at - m.end if m.end <= open_at else m.start - close_at

    for kind in ("Person", "Organization"):
        candidates = [m for m in named if catalogue[m.entity].type == kind]
        if candidates:
            return min(candidates, key=lambda m: (distance(m), m.start)).entity
    return None


def _is_person(mention: Mention, catalogue: Catalogue) -> bool:
    return catalogue[mention.entity].type == "Person"
