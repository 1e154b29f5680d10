"""Natural sort order, so that paragraph-2 comes before paragraph-10 wherever newsld sorts names."""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"([0-9]+)")
Key = tuple[tuple[int, int | str], ...]


def natural_key(text: str) -> Key:
    """A sort key that orders runs of ASCII digits by value: "p-2" < "p-10"."""
    # IRIs and short values repeat across triples and articles: key each once. Long texts (article
    # bodies, paragraphs) and an article's own IRIs (its paragraphs and quotations: #paragraph-3),
    # sorted with that article alone, are keyed afresh rather than kept in memory: at 100,000
    # articles those were 1.8 million keys, which filled the cache and pushed out the slugs.
    return _cached_key(text) if len(text) <= 256 and "#" not in text else _key(text)


@lru_cache(maxsize=1 << 18)  # the IRIs and slugs of 100,000 articles: a smaller cache misses them all
def _cached_key(text: str) -> Key:
    return _key(text)


def _key(text: str) -> Key:
    # Splitting on a captured group alternates text and digit runs: [text, digits, text, ..., text].
    parts = _DIGITS.split(text)
    key: list[tuple[int, int | str]] = []
    for index in range(0, len(parts) - 1, 2):
        if parts[index]:
            key.append((1, parts[index]))
        key.append((0, int(parts[index + 1])))
    if parts[-1]:
        key.append((1, parts[-1]))
    return tuple(key)


def forget_keys(beyond: int) -> None:
    """Empty the key cache once it holds more than `beyond` keys.

    A build worker sorts each article's own IRIs once and never again: kept, they filled the cache
    and grew each worker by about 0.28 GiB over 50,000 articles. Emptied, the keys every article
    shares (predicates, classes, entities) come back with its next article.
    """
    if _cached_key.cache_info().currsize > beyond:
        _cached_key.cache_clear()
