"""Natural sort order, so that paragraph-2 comes before paragraph-10 wherever newsld sorts names."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders runs of ASCII digits by value: "p-2" < "p-10"."""
    return tuple((0, int(part)) if _DIGITS.fullmatch(part) else (1, part) for part in _DIGITS.split(text) if part)
