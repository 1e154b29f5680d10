"""The wire-format parser: article text -> Article, Paragraph (plain data, no RDF).

The format::

    <paragraph 1>                     paragraphs are separated by blank lines

    <paragraph n>

    Reference Map
    1. Paragraph 1: 1, 3, 4, 5        "Paragraph <p>: <source>, ..."; the leading "k." is optional

    Source: Noah Wire Services        the organisation that supplied the story

Parsing is tolerant of what real files contain (CRLF, a BOM, trailing spaces, hard-wrapped
paragraphs, spacing variants in the map) and strict about what would publish wrong data; every
rejection is an InputError naming the file, the line and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pipeline.errors import InputError
from pipeline.io.files import decode, read_bytes
from pipeline.io.limits import MAX_ARTICLE_BYTES, MAX_LINE_CHARS

PARAGRAPH_SEPARATOR = "\n\n"

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
_MAP_HEADER = re.compile(r"reference\s+map\s*:?", re.IGNORECASE)
_MAP_LINE = re.compile(r"(?:\d+\s*[.)]\s*)?paragraph\s+(?P<paragraph>[^:\s]+)\s*:(?P<sources>.*)", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"source\s*:(?P<name>.*)", re.IGNORECASE)
# A map line as the detection of a missing heading sees it: numbers only, so that a paragraph that
# happens to begin with "Paragraph 2:" is not taken for one.
_NUMBERED_MAP_LINE = re.compile(r"(?:\d+\s*[.)]\s*)?paragraph\s+\d+\s*:[\d\s,]*", re.IGNORECASE)
# "Source Noah Wire Services": a Source line without its colon (a name, no sentence).
_SOURCE_WITHOUT_COLON = re.compile(r"source\s+(?P<name>[^\s:][^.!?:]{0,80})", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_POSITIVE = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its 1-based position, its text, the file line it starts on, its sources."""

    position: int
    text: str
    line: int
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class Article:
    """A parsed article. `body` and the offsets derive from the paragraphs."""

    path: Path
    slug: str
    paragraphs: tuple[Paragraph, ...]
    supplier: str | None
    has_reference_map: bool

    @cached_property
    def body(self) -> str:
        """The paragraph texts joined by a blank line: what schema:articleBody holds."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    @cached_property
    def offsets(self) -> tuple[tuple[int, int], ...]:
        """(begin, end) of each paragraph in `body`, in code points, end exclusive."""
        spans = []
        begin = 0
        for paragraph in self.paragraphs:
            end = begin + len(paragraph.text)
            spans.append((begin, end))
            begin = end + len(PARAGRAPH_SEPARATOR)
        return tuple(spans)

    @property
    def sources(self) -> tuple[int, ...]:
        """Every source number the Reference Map cites, ascending."""
        return tuple(sorted({s for p in self.paragraphs for s in p.sources}))

    @property
    def word_count(self) -> int:
        return len(self.body.split())


def is_slug(text: str) -> bool:
    """Whether `text` is safe as an article's slug in an IRI."""
    return _SLUG.fullmatch(text) is not None


def slug_for(path: Path) -> str:
    """The article slug: the file name without its extension, if it is safe in an IRI."""
    slug = path.stem
    if not _SLUG.fullmatch(slug):
        raise InputError(
            f"the file name {path.name!r} cannot become an IRI slug.",
            path=path,
            fix="Rename the file using only letters, digits, '-', '_', '.' and '~'"
            " (it must start with a letter or digit).",
            slug="file-name",
        )
    return slug


def read_article(path: Path) -> Article:
    """Read and parse one article file."""
    return parse_article(read_bytes(path), path)


def parse_article(data: bytes | str, path: Path) -> Article:
    """Parse wire-format text (bytes are decoded as UTF-8) into an Article."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"the article is {size:,} bytes long; newsld accepts articles of up to {MAX_ARTICLE_BYTES:,} bytes"
            f" ({MAX_ARTICLE_BYTES >> 20} MiB), as its text becomes one schema:articleBody literal.",
            path=path,
            fix="Check that this is a wire-format article; split a longer text into several articles.",
            slug="article-too-long",
        )
    text = decode(data, path) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    _check_characters(lines, path)

    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        raise InputError(
            "the article is empty.",
            path=path,
            line=1,
            fix="Write the paragraphs, separated by blank lines, then the Reference Map.",
            slug="empty-article",
        )
    map_at = next((i for i in filled if _MAP_HEADER.fullmatch(lines[i].strip())), None)
    if map_at is None:
        _check_unheaded_map(lines, filled, path)
    supplier, source_at = _supplier(lines, filled[-1], map_at, path)
    body_end = map_at if map_at is not None else (source_at if source_at is not None else len(lines))
    blocks = _blocks(lines[:body_end])
    if not blocks:
        where = (map_at if map_at is not None else filled[0]) + 1
        raise InputError(
            "the article has no paragraphs before its Reference Map.",
            path=path,
            line=where,
            fix="Write the article's paragraphs above the Reference Map.",
            slug="no-paragraphs",
        )
    sources: dict[int, tuple[int, ...]] = {}
    if map_at is not None:
        map_end = source_at if source_at is not None else len(lines)
        sources = _reference_map(lines, map_at + 1, map_end, len(blocks), path)
    paragraphs = tuple(
        Paragraph(position=n, text=text, line=line, sources=sources.get(n, ()))
        for n, (line, text) in enumerate(blocks, start=1)
    )
    return Article(
        path=path,
        slug=slug_for(path),
        paragraphs=paragraphs,
        supplier=supplier,
        has_reference_map=map_at is not None,
    )


def _check_characters(lines: list[str], path: Path) -> None:
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS:
            raise InputError(
                f"the line is {len(line):,} characters long; newsld accepts lines of up to"
                f" {MAX_LINE_CHARS:,} characters.",
                path=path,
                line=number,
                fix="Check that this is a wire-format article; hard-wrap or split the paragraph.",
                slug="long-line",
            )
        bad = _CONTROL.search(line)
        if bad:
            raise InputError(
                f"contains the control character U+{ord(bad.group()):04X}.",
                path=path,
                line=number,
                column=bad.start() + 1,
                fix="Remove it; only tabs and line breaks are allowed as control characters.",
                slug="control-character",
            )


def _check_unheaded_map(lines: list[str], filled: list[int], path: Path) -> None:
    """Map lines with no `Reference Map` heading above them would be published as a paragraph (and
    the article as citing nothing): refuse them, naming the heading typed instead, if there is one."""
    first = next((i for i in filled if _NUMBERED_MAP_LINE.fullmatch(lines[i].strip())), None)
    if first is None:
        return
    above = next((i for i in reversed(filled) if i < first), None)
    heading = lines[above].strip() if above is not None else ""
    stands_alone = above is not None and (above == 0 or not lines[above - 1].strip())
    if stands_alone and len(heading.split()) <= 4 and not heading.endswith((".", "!", "?", "”", '"')):
        raise InputError(
            f"{heading!r} is not the Reference Map heading, so the map below it would be published as text.",
            path=path,
            line=above + 1 if above is not None else None,
            fix="Write the heading as `Reference Map`, on a line of its own.",
            slug="map-heading",
        )
    raise InputError(
        "this line looks like a Reference Map line, but no `Reference Map` heading comes before it.",
        path=path,
        line=first + 1,
        fix="Put a line `Reference Map` above the map, after a blank line.",
        slug="map-heading",
    )


def _supplier(lines: list[str], last: int, map_at: int | None, path: Path) -> tuple[str | None, int | None]:
    """The organisation on the trailing "Source:" line, and that line's index.

    The line counts only where it stands apart: after the Reference Map, or after a blank line,
    so that a last paragraph that happens to begin with "Source:" is not taken for it.
    """
    match = _SOURCE_LINE.fullmatch(lines[last].strip())
    stands_apart = (map_at is not None and last > map_at) or (last > 0 and not lines[last - 1].strip())
    if not match and stands_apart and (typo := _SOURCE_WITHOUT_COLON.fullmatch(lines[last].strip())):
        raise InputError(
            f"the Source line has no colon after `Source`: {lines[last].strip()!r}.",
            path=path,
            line=last + 1,
            fix=f"Write `Source: {' '.join(typo['name'].split())}`.",
            slug="source-line",
        )
    if not match or not stands_apart:
        return None, None
    name = " ".join(match["name"].split())
    if not name:
        raise InputError(
            "the Source line names no organisation.",
            path=path,
            line=last + 1,
            fix="Write `Source: <organisation>` or remove the line.",
            slug="empty-source-line",
        )
    return name, last


def _blocks(lines: list[str]) -> list[tuple[int, str]]:
    """Paragraphs as (1-based first line, text): non-blank lines joined by single spaces."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if line.strip():
            if not current:
                start = index + 1
            current.append(line.strip())
        elif current:
            blocks.append((start, " ".join(current)))
            current = []
    if current:
        blocks.append((start, " ".join(current)))
    return blocks


def _reference_map(
    lines: list[str], begin: int, end: int, paragraph_count: int, path: Path
) -> dict[int, tuple[int, ...]]:
    sources: dict[int, tuple[int, ...]] = {}
    listed_on: dict[int, int] = {}
    for index in range(begin, end):
        raw = lines[index].strip()
        if not raw:
            continue
        number = index + 1
        match = _MAP_LINE.fullmatch(raw)
        if not match:
            raise InputError(
                f"this Reference Map line is not of the form `Paragraph <n>: <source>, <source>`: {raw[:80]!r}.",
                path=path,
                line=number,
                fix="Write it like `3. Paragraph 3: 2, 7`, or move the text above the Reference Map.",
                slug="map-line",
            )
        paragraph = _positive(match["paragraph"], "paragraph number", path, number)
        if paragraph > paragraph_count:
            raise InputError(
                f"Reference Map names paragraph {paragraph}, but the article has"
                f" {paragraph_count} paragraph{'s' if paragraph_count != 1 else ''}.",
                path=path,
                line=number,
                fix="Fix the map line or add the paragraph.",
                slug="map-paragraph",
            )
        if paragraph in listed_on:
            raise InputError(
                f"Reference Map lists paragraph {paragraph} twice (lines {listed_on[paragraph]} and {number}).",
                path=path,
                line=number,
                fix="Merge the two lines into one.",
                slug="map-duplicate-paragraph",
            )
        listed_on[paragraph] = number
        sources[paragraph] = _source_numbers(match["sources"], paragraph, path, number)
    return sources


def _source_numbers(text: str, paragraph: int, path: Path, line: int) -> tuple[int, ...]:
    items = [item.strip() for item in text.split(",")]
    if items and items[-1] == "" and len(items) > 1:
        items.pop()  # a trailing comma
    if items == [""]:
        return ()
    numbers: list[int] = []
    for item in items:
        if not item:
            raise InputError(
                f"the sources of paragraph {paragraph} have an empty entry between two commas.",
                path=path,
                line=line,
                fix="Remove the extra comma.",
                slug="map-empty-entry",
            )
        number = _positive(item, "source", path, line)
        if number in numbers:
            raise InputError(
                f"Reference Map lists source {number} twice for paragraph {paragraph}.",
                path=path,
                line=line,
                fix="Remove the repeat.",
                slug="map-duplicate-source",
            )
        numbers.append(number)
    return tuple(numbers)


def _positive(item: str, what: str, path: Path, line: int) -> int:
    if _POSITIVE.fullmatch(item) and int(item) > 0:
        return int(item)
    raise InputError(
        f"{what} {item!r} is not a positive integer.",
        path=path,
        line=line,
        fix=f"Use whole numbers from 1 up{', separated by commas' if what == 'source' else ''}.",
        slug="map-number",
    )
