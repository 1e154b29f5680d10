"""The wire-format parser: what it accepts, what it builds, what it rejects and how it says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.source.article import parse_article, read_article
from tests.conftest import SEED

SIMPLE = "First paragraph.\n\nSecond paragraph.\n\nReference Map\n\n1. Paragraph 1: 1, 2\n2. Paragraph 2: 2\n\nSource: Wire Co\n"


def parse(text: str | bytes, name: str = "story.txt"):  # type: ignore[no-untyped-def]
    return parse_article(text, Path(name))


def test_seed_paragraphs_map_and_source() -> None:
    article = read_article(SEED)
    assert article.slug == "fiverr-ceo-ai-warning"
    assert len(article.paragraphs) == 7
    assert [p.position for p in article.paragraphs] == [1, 2, 3, 4, 5, 6, 7]
    assert article.paragraphs[0].text.startswith("Micha Kaufman, the CEO of Fiverr, has recently issued")
    assert article.paragraphs[6].text.endswith("innovators in an AI-driven future.")
    assert [p.sources for p in article.paragraphs] == [(1, 3, 4, 5), (2, 4), (2, 7), (3, 6), (6, 3), (5, 4), ()]
    assert article.supplier == "Noah Wire Services"
    assert article.sources == (1, 2, 3, 4, 5, 6, 7)
    assert [p.line for p in article.paragraphs] == [1, 3, 5, 7, 9, 11, 13]


def test_offsets_index_the_body_in_code_points() -> None:
    article = parse("Emoji 😀 first.\n\nSecond “quoted” part.\n")
    for paragraph, (begin, end) in zip(article.paragraphs, article.offsets, strict=True):
        assert article.body[begin:end] == paragraph.text
    assert article.offsets[1][0] == len(article.paragraphs[0].text) + 2


@pytest.mark.parametrize(
    "variant",
    [
        SIMPLE.replace("\n", "\r\n"),
        "\ufeff" + SIMPLE,
        SIMPLE.replace("\n", "   \n"),
        SIMPLE.replace("1, 2", "1 ,2").replace("Paragraph 2: 2", "Paragraph   2 :2"),
        SIMPLE.replace("1. Paragraph", "Paragraph").replace("2. Paragraph", "2) paragraph"),
        SIMPLE.replace("Reference Map", "REFERENCE MAP:"),
        SIMPLE.replace("\n\nSecond", "\n\n\n\nSecond"),
        SIMPLE.replace("1, 2", "1, 2,"),
        SIMPLE.replace("Source: Wire Co\n", "Source:   Wire Co"),
    ],
    ids=[
        "crlf",
        "bom",
        "trailing-spaces",
        "comma-spacing",
        "map-numbering",
        "header-case",
        "blank-runs",
        "trailing-comma",
        "no-final-newline",
    ],
)
def test_tolerated_variants_parse_the_same(variant: str) -> None:
    expected = parse(SIMPLE)
    article = parse(variant)
    assert [p.text for p in article.paragraphs] == [p.text for p in expected.paragraphs]
    assert [p.sources for p in article.paragraphs] == [(1, 2), (2,)]
    assert article.supplier == "Wire Co"


def test_hard_wrapped_paragraph_is_joined_with_single_spaces() -> None:
    article = parse("A paragraph that\n   was wrapped\nover lines.\n\nNext “one”.\n")
    assert article.paragraphs[0].text == "A paragraph that was wrapped over lines."
    assert article.paragraphs[1].line == 5


def test_text_is_kept_as_written() -> None:
    text = 'He said "x" \\ <b> & ‘y’ — naïve \u202e RTL e\u0301 😀 tab\there.'
    assert parse(text + "\n").paragraphs[0].text == text


def test_missing_map_and_source_are_allowed() -> None:
    article = parse("Only a paragraph.\n")
    assert article.supplier is None
    assert not article.has_reference_map
    assert article.sources == ()


def test_source_line_needs_to_stand_apart() -> None:
    article = parse("Text of the story.\nSource: not a supplier line but text.\n")
    assert article.supplier is None
    assert article.paragraphs[0].text.endswith("Source: not a supplier line but text.")


def test_source_line_without_map() -> None:
    article = parse("Text of the story.\n\nSource: Wire Co\n")
    assert article.supplier == "Wire Co"
    assert len(article.paragraphs) == 1


def test_map_order_is_kept() -> None:
    article = parse(SIMPLE.replace("1, 2", "2, 1"))
    assert article.paragraphs[0].sources == (2, 1)


def error_of(text: str | bytes, name: str = "story.txt") -> str:
    return slug_and_error_of(text, name)[1]


def slug_and_error_of(text: str | bytes, name: str = "story.txt") -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        parse(text, name)
    return caught.value.slug, caught.value.message


SLUGS = {
    "empty": "empty-article",
    "whitespace": "empty-article",
    "map-without-body": "no-paragraphs",
    "unknown-paragraph": "map-paragraph",
    "paragraph-twice": "map-duplicate-paragraph",
    "word-source": "map-number",
    "zero-source": "map-number",
    "negative-source": "map-number",
    "empty-source": "map-empty-entry",
    "source-twice": "map-duplicate-source",
    "garbage-map-line": "map-line",
    "empty-source-line": "empty-source-line",
    "control-character": "control-character",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            "story.txt:1: the article is empty. Write the paragraphs, separated by blank lines, then the Reference Map.",
        ),
        (
            " \n\t\n",
            "story.txt:1: the article is empty. Write the paragraphs, separated by blank lines, then the Reference Map.",
        ),
        (
            "Reference Map\n1. Paragraph 1: 1\n",
            "story.txt:1: the article has no paragraphs before its Reference Map. Write the article's paragraphs above the Reference Map.",
        ),
        (
            SIMPLE.replace("2. Paragraph 2: 2", "2. Paragraph 9: 2"),
            "story.txt:8: Reference Map names paragraph 9, but the article has 2 paragraphs. Fix the map line or add the paragraph.",
        ),
        (
            SIMPLE.replace("2. Paragraph 2: 2", "2. Paragraph 1: 2"),
            "story.txt:8: Reference Map lists paragraph 1 twice (lines 7 and 8). Merge the two lines into one.",
        ),
        (
            SIMPLE.replace("1, 2", "1, two"),
            "story.txt:7: source 'two' is not a positive integer. Use whole numbers from 1 up, separated by commas.",
        ),
        (
            SIMPLE.replace("1, 2", "1, 0"),
            "story.txt:7: source '0' is not a positive integer. Use whole numbers from 1 up, separated by commas.",
        ),
        (
            SIMPLE.replace("1, 2", "1, -3"),
            "story.txt:7: source '-3' is not a positive integer. Use whole numbers from 1 up, separated by commas.",
        ),
        (
            SIMPLE.replace("1, 2", "1,, 2"),
            "story.txt:7: the sources of paragraph 1 have an empty entry between two commas. Remove the extra comma.",
        ),
        (
            SIMPLE.replace("1, 2", "1, 1"),
            "story.txt:7: Reference Map lists source 1 twice for paragraph 1. Remove the repeat.",
        ),
        (
            SIMPLE.replace("2. Paragraph 2: 2", "see sources above"),
            "story.txt:8: this Reference Map line is not of the form `Paragraph <n>: <source>, <source>`: 'see sources above'."
            " Write it like `3. Paragraph 3: 2, 7`, or move the text above the Reference Map.",
        ),
        (
            "Text.\n\nSource:\n",
            "story.txt:3: the Source line names no organisation. Write `Source: <organisation>` or remove the line.",
        ),
        (
            "Fine text.\n\nBell \x07 here.\n",
            "story.txt:3:6: contains the control character U+0007. Remove it; only tabs and line breaks are allowed as control characters.",
        ),
    ],
    ids=[
        "empty",
        "whitespace",
        "map-without-body",
        "unknown-paragraph",
        "paragraph-twice",
        "word-source",
        "zero-source",
        "negative-source",
        "empty-source",
        "source-twice",
        "garbage-map-line",
        "empty-source-line",
        "control-character",
    ],
)
def test_rejections_name_file_line_and_fix(text: str, expected: str, request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.id
    assert slug_and_error_of(text) == (SLUGS[case], expected)


def test_latin1_is_rejected_with_position() -> None:
    slug, message = slug_and_error_of("Caf\xe9 au lait.\n".encode("latin-1"))
    assert slug == "not-utf8"
    assert message == (
        "story.txt:1:4: is not UTF-8 (byte 0xE9 cannot be decoded)."
        " Save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`."
    )


def test_binary_is_rejected() -> None:
    message = error_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert message.startswith("story.txt:3:1: contains a NUL byte: this looks like a binary file")


def test_huge_line_is_rejected() -> None:
    message = error_of("x" * 500_000)
    assert message.startswith("story.txt:1: the line is 500,000 characters long; newsld accepts lines of up to 100,000")


def test_huge_article_is_rejected_before_it_is_read_line_by_line() -> None:
    """Its text would become one articleBody literal, more than a parser reads back."""
    message = error_of(("A paragraph of news. " * 4000 + "\n\n") * 300)
    assert message == (
        "story.txt: the article is 25,200,600 bytes long; newsld accepts articles of up to 1,048,576 bytes"
        " (1 MiB), as its text becomes one schema:articleBody literal. Check that this is a wire-format"
        " article; split a longer text into several articles."
    )


def test_file_name_must_make_a_slug() -> None:
    assert error_of("Text.\n", "my story.txt").startswith(
        "my story.txt: the file name 'my story.txt' cannot become an IRI slug."
    )


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_windows_1252_is_rejected_with_the_cp1252_hint() -> None:
    with pytest.raises(InputError) as caught:
        parse_article("He said \u201cyes\u201d.\n".encode("cp1252"), Path("story.txt"))
    assert str(caught.value) == (
        "story.txt:1:9: is not UTF-8 (byte 0x93 cannot be decoded)."
        " Save the file as UTF-8, e.g. `iconv -f cp1252 -t utf-8 in.txt > out.txt`."
    )


@pytest.mark.parametrize("heading", ["Reference Map", "Reference map:", "REFERENCE MAP", "reference  map"])
def test_heading_variants_are_the_map(heading: str) -> None:
    article = parse_article(f"One.\n\nTwo.\n\n{heading}\n1. Paragraph 2: 4\n".encode(), Path("story.txt"))
    assert [p.sources for p in article.paragraphs] == [(), (4,)]


@pytest.mark.parametrize(
    "text",
    [
        "Paragraph 2: the clause that matters says otherwise.\n\nMore.\n",  # text, not a list of numbers
        "One.\n\nSource code for the tool is public.\n",  # a sentence, not a Source line
        "One.\n\nSources close to the talks said no.\n",
    ],
)
def test_text_that_only_resembles_a_map_or_source_line_is_text(text: str) -> None:
    article = parse_article(text.encode(), Path("story.txt"))
    assert article.supplier is None
    assert len(article.paragraphs) == 2
