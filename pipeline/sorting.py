"""Natural sort order, so that paragraph-2 comes before paragraph-10 wherever newsld sorts names."""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"([0-9]+)")
Key = tuple[tuple[int, int | str], ...]


def natural_key(text: str) -> Key:
    """A sort key that orders runs of ASCII digits by value: "p-2" < "p-10"."""
    # IRIs and short values repeat across triples and articles: key each once. Long texts (article
    # bodies, paragraphs) are keyed afresh rather than kept in memory.
    return _cached_key(text) if len(text) <= 256 else _key(text)


@lru_cache(maxsize=1 << 16)
def _cached_key(text: str) -> Key:
    return _key(text)


def _key(text: str) -> Key:
    return tuple((0, int(part)) if _DIGITS.fullmatch(part) else (1, part) for part in _DIGITS.split(text) if part)
