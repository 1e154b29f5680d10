"""Quotation extraction and speaker attribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import Article, parse_article, read_article
from pipeline.catalogue import Catalogue, Entity
from pipeline.quotes import Quote, extract_quotes
from tests.conftest import SEED

CATALOGUE = Catalogue(
    {
        "ann-lee": Entity("ann-lee", "Person", "Ann Lee", aliases=("Lee",), works_for="acme"),
        "bob-roy": Entity("bob-roy", "Person", "Bob Roy", aliases=("Roy",)),
        "acme": Entity("acme", "Organization", "Acme"),
    }
)


def quotes(text: str, catalogue: Catalogue = CATALOGUE) -> tuple[Quote, ...]:
    article = parse_article(text, Path("q.txt"))
    return extract(article, catalogue)


def extract(article: Article, catalogue: Catalogue) -> tuple[Quote, ...]:
    mentions = [catalogue.find_mentions(p.text) for p in article.paragraphs]
    return extract_quotes(article, catalogue, mentions)


def test_seed_has_two_quotes_by_kaufman() -> None:
    from pipeline.catalogue import read_catalogue
    from tests.conftest import ROOT

    catalogue = read_catalogue(ROOT / "articles" / "entities.toml")
    article = read_article(SEED)
    found = extract(article, catalogue)
    assert [(q.number, q.paragraph, q.text, q.speaker) for q in found] == [
        (1, 2, "AI is coming for everyone’s jobs, including mine", "micha-kaufman"),
        (2, 4, "Those who resist transformation will be left behind", "micha-kaufman"),
    ]
    for quote in found:
        assert article.body[quote.begin : quote.end] == quote.text


def test_speaker_named_in_the_same_sentence_wins_over_earlier_person() -> None:
    found = quotes("Ann Lee spoke first. “We will ship it soon,” said Bob Roy on Monday.\n")
    assert [(q.text, q.speaker) for q in found] == [("We will ship it soon", "bob-roy")]


def test_pronoun_falls_back_to_nearest_preceding_person_across_paragraphs() -> None:
    found = quotes("Bob Roy opened. Ann Lee answered him.\n\n“Not today,” she said.\n")
    assert found[0].speaker == "ann-lee"
    assert found[0].paragraph == 2


def test_person_preferred_to_organisation_in_the_sentence() -> None:
    found = quotes("Acme chief Roy said: “Prices rise next year.”\n")
    assert found[0].speaker == "bob-roy"
    assert found[0].text == "Prices rise next year."


def test_organisation_speaker_when_no_person() -> None:
    assert quotes("“We deny every claim,” Acme said in a statement.\n")[0].speaker == "acme"


def test_name_inside_the_quote_is_not_the_speaker() -> None:
    found = quotes("Bob Roy was asked. “Ann Lee is right about this,” he replied.\n")
    assert found[0].speaker == "bob-roy"


def test_quote_without_any_candidate_has_no_speaker() -> None:
    found = quotes("“Nobody knows who said this,” a source claimed.\n")
    assert found[0].speaker is None


def test_straight_quotes_and_scare_quotes() -> None:
    found = quotes('Lee called the plan "transformative". Later "it will work out fine," Lee said.\n')
    assert [q.text for q in found] == ["it will work out fine"]


def test_single_word_with_punctuation_is_speech() -> None:
    assert [q.text for q in quotes("“Yes,” said Roy.\n")] == ["Yes"]


def test_sentence_ends_at_a_closed_quote() -> None:
    found = quotes("Roy sat down. “That is all for today.” Ann Lee then left the room.\n")
    assert found[0].speaker == "bob-roy"


@pytest.mark.parametrize("text", ["An “unclosed quote here.\n", "Height 5'10\" only.\n", "“   ” empty.\n"])
def test_no_quotation_from_stray_marks(text: str) -> None:
    assert quotes(text) == ()
