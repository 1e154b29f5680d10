"""pipeline.io.limits: nesting is counted outside strings (and TOML comments), at the right place."""

from __future__ import annotations

import pytest

from pipeline.io.limits import JSON_STRINGS, TOML_STRINGS, position, too_deep


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        (b"[[[1]]]", 3, None),
        (b"[[[1]]]", 2, 2),
        (b'{"a": "[[[[[[", "b": {"c": "}}}"}}', 2, None),  # brackets in strings do not nest
        (b'{"a": "\\"[[[", "b": [[1]]}', 2, 21),  # an escaped quote does not end the string
        (b"[1], [2], [3], [4]", 1, None),  # siblings are not deeper
        (b'{"a":\n  {"b":\n    {"c": 1}}}', 2, 18),
    ],
)
def test_json_nesting(text: bytes, limit: int, expected: int | None) -> None:
    assert too_deep(text, JSON_STRINGS, limit) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("a = [[[1]]]\n[table]\nb = {c = 1}\n", 3, None),
        ("a = [[[1]]]\n", 2, 6),
        ("a = \"[[[[\" # [[[[[[\nb = '{{{{'\nc = \"\"\"\n[[[[\n\"\"\"\nd = '''{{{'''\n", 1, None),
        ("[[array.of.tables]]\nx = [1]\n", 2, None),
    ],
)
def test_toml_nesting(text: str, limit: int, expected: int | None) -> None:
    assert too_deep(text, TOML_STRINGS, limit) == expected


def test_position_is_one_based() -> None:
    assert position(b"ab\ncd", 4) == (2, 2)
    assert position("ab\ncd", 0) == (1, 1)
