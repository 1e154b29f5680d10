"""One paragraph as attribution reads it: its text, its quotations, the names outside them, its sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.text.cast import Cast, Reference
from pipeline.text.names import NameRun, sentence_initial


@dataclass(frozen=True)
class Passage:
    """One paragraph as attribution sees it: text, quotations, names outside quotations, sentences."""

    text: str
    quoted: tuple[tuple[int, int], ...]  # (open mark, after close mark) of every quotation in it
    references: tuple[Reference, ...]  # names of the cast outside quotations
    runs: tuple[NameRun, ...]  # capitalised runs outside quotations that the cast does not cover
    sentences: tuple[int, ...]  # sentence start offsets

    @classmethod
    def read(cls, index: int, quoted: Sequence[tuple[int, int]], cast: Cast) -> Passage:
        text = cast.paragraphs[index]

        def outside(start: int) -> bool:
            return not any(a <= start < b for a, b in quoted)

        references = tuple(r for r in cast.references[index] if outside(r.start))
        covered = [(r.start, r.end) for r in cast.references[index]]
        runs = tuple(
            run
            for run in cast.runs[index]
            if outside(run.start) and not any(a < run.end and run.start < b for a, b in covered)
        )
        return cls(text, tuple(quoted), references, runs, cast.sentences[index])

    def sentence(self, at: int) -> tuple[int, int]:
        """[start, end) of the sentence holding offset `at`."""
        start = max((s for s in self.sentences if s <= at), default=0)
        end = min((s for s in self.sentences if s > at), default=len(self.text))
        return start, end

    def names_in(self, start: int, end: int) -> bool:
        """Whether [start, end) names a person or an organisation (a cast name or a capitalised run)."""
        return any(start <= r.start < end for r in self.references) or any(
            start <= r.start < end and not sentence_initial(self.text, r.start) for r in self.runs
        )


def asks(quotation: str) -> bool:
    """Whether a quotation's words (with or without their marks) are a question."""
    return quotation.rstrip(" ”’\"'").endswith("?")
