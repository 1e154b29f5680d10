"""The limits on what newsld reads, named, so that a message can say which one an input passed.

Each guards against input that would otherwise end in a crash or a runaway allocation further
down: pyoxigraph's JSON-LD parser recurses once per level of nesting and dies of a stack overflow
(a segmentation fault) about 4,000 levels down, after using gigabytes; its parsers hold one term
(a literal or an IRI) in a buffer of at most 16 MiB; Python's TOML parser recurses once per level
of nested arrays and inline tables, and runs out of stack (RecursionError) about 300 levels down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate
from typing import AnyStr

MAX_LINE_CHARS = 100_000  # a line of an article
MAX_ARTICLE_BYTES = 1 << 20  # an article file: its text becomes one schema:articleBody literal
MAX_STRING_CHARS = 1 << 20  # a string in a sidecar or the catalogue: each becomes a literal
MAX_NESTING = 100  # levels of nested objects and arrays (JSON-LD), arrays and inline tables (TOML)
PARSER_TERM_BYTES = 1 << 24  # pyoxigraph's buffer for one term: 16 MiB (JSON-LD strings: half of it)

# Strings, whose brackets are not nesting (and, in TOML, comments).
JSON_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
TOML_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""+|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\'+|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*',
    re.DOTALL,
)


def too_deep(text: AnyStr, strings: re.Pattern[AnyStr], limit: int = MAX_NESTING) -> int | None:
    """The offset of the first bracket (`[` or `{`) that opens a level deeper than `limit`, outside
    the spans `strings` matches; None when the text nests no deeper than that.

    The common case (not too deep) is decided without a Python loop over the text: strings cut,
    brackets mapped to +1 and -1, the running sum's maximum taken in C.
    """
    if isinstance(text, str):
        if text.count("[") + text.count("{") <= limit:
            return None
        bare = strings.sub("", text).encode("ascii", "ignore")
    else:
        if text.count(b"[") + text.count(b"{") <= limit:
            return None
        bare = strings.sub(b"", text)
    steps = memoryview(bare.translate(_STEPS, _NOT_BRACKETS)).cast("b")
    if max(accumulate(steps), default=0) <= limit:
        return None
    depth = 0
    for match in _tokens(text, strings):
        if match.lastgroup == "open":
            depth += 1
            if depth > limit:
                return match.start()
        elif match.lastgroup == "close":
            depth -= 1
    return None  # unreachable unless the two passes disagree on a malformed string


def _tokens(text: AnyStr, strings: re.Pattern[AnyStr]) -> Iterator[re.Match[AnyStr]]:
    if isinstance(text, str):
        tokens: re.Pattern[AnyStr] = re.compile(f"(?:{strings.pattern}){_BRACKETS}", strings.flags)
    else:
        tokens = re.compile(b"(?:" + strings.pattern + b")" + _BRACKETS.encode(), strings.flags)
    return tokens.finditer(text)


_BRACKETS = r"|(?P<open>[\[{])|(?P<close>[\]}])"
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # as signed bytes: +1, +1, -1, -1
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def position(text: AnyStr, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line = text.count(newline, 0, offset) + 1
    column = offset - (text.rfind(newline, 0, offset) + 1) + 1
    return line, column
