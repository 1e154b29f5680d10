"""Names compared as people write them: the same name with or without its accents, with a curly or
a straight apostrophe, any dash, and a name particle capitalised or not, is the same name.

`fold` keeps a text's length, character for character, so that a match found in the folded text
is at the same offsets in the original. Case is kept (a lower-case "hunt" is not the name Hunt),
except in name particles ("Van der Berg" at a sentence start is "van der Berg").

>>> fold("Seán O’Brien met Zoë van der Berg") == fold("Sean O'Brien met Zoe Van der Berg")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The words that join a family name to the rest ("van der Berg", "de la Cruz", "ap Gwilym").
PARTICLES = frozenset(
    """te van von der den de del della dei degli di da das dos do du la le les ap ab al el bin ibn ben ter ten
    zu zum zur""".split()
)
_PARTICLE = re.compile(
    r"(?<![\w'’ʼ\-‐‑])(?:"
    + "|".join(sorted((p.capitalize() for p in PARTICLES), key=len, reverse=True))
    + r")(?=\s+\w)"
)
_APOSTROPHES = "’‘ʼ`´′"
_DASHES = "‐‑‒–—―−"


def _fold_char(char: str) -> str:
    """One character without its accents (its NFKD base letter), when that is one character."""
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 else char


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Every character of the Latin and punctuation blocks that folds to another; the others (Greek,
    Cyrillic, CJK…) stay as they are."""
    table = {}
    latin = (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    for code in (*latin, *range(0x2010, 0x2020), 0x60, 0xB4, 0x2B9, 0x2BC, 0x2032, 0x2212):
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    return table


def fold(text: str) -> str:
    """`text` with accents, apostrophes, dashes and the case of name particles folded; same length."""
    return _PARTICLE.sub(lambda m: m.group().lower(), text.translate(_table()))
