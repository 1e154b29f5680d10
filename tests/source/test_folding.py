"""Names as people write them (pipeline.source.folding): a catalogue name written with another
apostrophe, dash, accents or particle case, on either side, still means its entity, and never
another one."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.source.article import parse_article
from pipeline.source.catalogue import Catalogue, Entity
from pipeline.source.folding import fold
from pipeline.text.quotes import find_quotes

_ONSETS = ["B", "D", "K", "L", "M", "N", "R", "S", "T", "V", "Br", "Kr", "Th", "Zh"]
_VOWELS = ["a", "e", "i", "o", "u", "á", "é", "ë", "ö", "ü", "ñ", "ø", "ı", "ã"]
_CODAS = ["", "n", "r", "s", "l", "k", "rd", "nn"]
_PARTICLES = ["van", "van der", "de", "de la", "ap", "von", "di", "le"]


@st.composite
def _word(draw: st.DrawFn) -> str:
    syllables = draw(st.integers(2, 3))
    word = "".join(draw(st.sampled_from(_ONSETS)) + draw(st.sampled_from(_VOWELS)) for _ in range(syllables))
    return word[0] + word[1:].lower() + draw(st.sampled_from(_CODAS))


@st.composite
def _name(draw: st.DrawFn) -> str:
    """A person's name with the features folding must see through: accents, an O’- or D’-prefix,
    a double-barrelled family name, a lower-case particle."""
    first = draw(_word())
    family = draw(_word())
    if draw(st.booleans()):
        family = draw(st.sampled_from(["O’", "D’", "O'"])) + family
    if draw(st.booleans()):
        family = f"{family}-{draw(_word())}"
    if draw(st.booleans()):
        family = f"{draw(st.sampled_from(_PARTICLES))} {family}"
    return f"{first} {family}"


def _strip_accents(text: str) -> str:
    return "".join(
        unicodedata.normalize(
            "NFC", "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        )
        or ch
        for ch in text
    )


@st.composite
def _written(draw: st.DrawFn, name: str) -> str:
    """`name` as a writer or a catalogue may spell it."""
    if draw(st.booleans()):
        name = name.replace("’", "'") if "’" in name else name.replace("'", draw(st.sampled_from(["’", "ʼ"])))
    if draw(st.booleans()):
        name = name.replace("-", draw(st.sampled_from(["‐", "‑"])))
    if draw(st.booleans()):
        name = _strip_accents(name)
    if draw(st.booleans()):  # a particle capitalised, as at a sentence start
        words = name.split(" ")
        name = " ".join(w.capitalize() if w in _PARTICLES else w for w in words)
    return name


@settings(max_examples=300, deadline=None)
@given(data=st.data(), names=st.lists(_name(), min_size=2, max_size=6, unique_by=lambda n: fold(n).casefold()))
def test_a_name_written_another_way_resolves_to_its_entity_and_no_other(data: st.DataObject, names: list[str]) -> None:
    entities = {}
    for index, name in enumerate(names):
        entity_id = f"person-{index}"
        entities[entity_id] = Entity(entity_id, "Person", data.draw(_written(name)))
    catalogue = Catalogue(entities)
    chosen = data.draw(st.integers(0, len(names) - 1))
    written = data.draw(_written(names[chosen]))

    text = f"Yesterday {written} opened the plant."
    found = catalogue.find_names(text)
    assert [(m.entity, text[m.start : m.end]) for m in found] == [(f"person-{chosen}", written)]

    article = parse_article(f"“We will hire again,” said {written}.\n\nThe plant opened.\n", Path("q.txt"))
    quotes = find_quotes(article, catalogue).quotes
    assert [q.entity for q in quotes] == [f"person-{chosen}"]


def test_fold_keeps_length_and_case_outside_particles() -> None:
    for text in ["Seán O’Brien", "Zoë Van der Berg", "Anna‐Maria ap Gwilym", "Łukasz Żuławski", "ΣΩΚΡΑΤΗΣ"]:
        assert len(fold(text)) == len(text)
    assert fold("Zoë Van der Berg") == "Zoe van der Berg"
    assert fold("hunt") != fold("Hunt")
