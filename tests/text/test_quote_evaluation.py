"""The quotation evaluation set (tests/data/quotes/): 0 wrong speakers, 0 invented quotes, recall >= 0.9.

Run `python -m tests.text.test_quote_evaluation` to print the score and every miss.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.source.article import read_article
from pipeline.source.catalogue import read_catalogue
from pipeline.text.quotes import Quote, find_quotes

DATA = Path(__file__).parent.parent / "data" / "quotes"


@dataclass(frozen=True)
class Label:
    article: str
    starts: str
    speaker: str  # catalogue id, "name:<as written>" or "none"
    construction: str


@dataclass
class Score:
    """How the pipeline's quotations compare with the labels."""

    labels: int = 0
    found: int = 0
    correct: int = 0  # attributed, and to the labelled speaker
    attributed: int = 0  # quotations the pipeline gave a speaker (catalogue id or name as written)
    attributable: int = 0  # labels with a speaker
    wrong: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # labelled quotations not found at all
    unattributed: list[str] = field(default_factory=list)  # attributable, but left without a speaker

    @property
    def precision(self) -> float:
        return self.correct / self.attributed if self.attributed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.attributable if self.attributable else 1.0


def labels() -> list[Label]:
    data = tomllib.loads((DATA / "labels.toml").read_text(encoding="utf-8"))
    return [Label(**row) for row in data["q"]]


def said_by(quote: Quote) -> str:
    if quote.speaker.entity is not None:
        return quote.speaker.entity
    return f"name:{quote.speaker.name}" if quote.speaker.name is not None else "none"


def score() -> Score:
    catalogue = read_catalogue(DATA / "entities.toml")
    expected = labels()
    result = Score(labels=len(expected), attributable=sum(label.speaker != "none" for label in expected))
    for path in sorted(DATA.glob("*.txt")):
        quotes = list(find_quotes(read_article(path), catalogue).quotes)
        result.found += len(quotes)
        mine = [label for label in expected if label.article == path.stem]
        for quote in quotes:
            label = next((lab for lab in mine if quote.text.startswith(lab.starts)), None)
            where = f"{path.stem} #{quote.number} “{quote.text[:40]}”"
            if label is None:
                result.invented.append(where)
                continue
            mine.remove(label)
            got = said_by(quote)
            if got != "none":
                result.attributed += 1
                if got == label.speaker:
                    result.correct += 1
                else:
                    result.wrong.append(f"{where}: {got} ({quote.speaker.rule}), expected {label.speaker}")
            elif label.speaker != "none":
                result.unattributed.append(
                    f"{where}: {quote.speaker.rule}, expected {label.speaker} ({label.construction})"
                )
        result.missed += [f"{label.article} “{label.starts}”" for label in mine]
    return result


@pytest.fixture(scope="module")
def evaluation() -> Score:
    return score()


def test_the_set_is_big_enough() -> None:
    assert len(list(DATA.glob("*.txt"))) >= 15
    assert len(labels()) >= 60


def test_no_quotation_is_attributed_to_the_wrong_speaker(evaluation: Score) -> None:
    assert evaluation.wrong == []


def test_no_quotation_is_invented_and_every_labelled_one_is_found(evaluation: Score) -> None:
    assert evaluation.invented == []
    assert evaluation.missed == []
    assert evaluation.found == evaluation.labels


def test_recall_of_attributable_quotations_is_at_least_0_9(evaluation: Score) -> None:
    assert evaluation.recall >= 0.9, evaluation.unattributed


def main() -> None:
    result = score()
    print(
        f"{result.labels} labelled quotations in {len(list(DATA.glob('*.txt')))} articles,"
        f" {result.attributable} attributable; found {result.found}"
    )
    print(f"attributed {result.attributed}: correct {result.correct}, wrong {len(result.wrong)}")
    print(f"precision {result.precision:.3f}, recall {result.recall:.3f}")
    for kind in ("wrong", "invented", "missed", "unattributed"):
        for line in getattr(result, kind):
            print(f"  {kind}: {line}")


if __name__ == "__main__":
    main()
