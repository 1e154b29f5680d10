"""The editor's review of quotations: every quote, who said it and the rule that decided it.

`review_quotes` reads articles the way `build` does (same parser, catalogue and attribution) but
builds no graph, so an editor can check every attribution before anything is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.config import load_settings_for
from pipeline.source.catalogue import Catalogue, default_catalogue, read_catalogue
from pipeline.source.corpus import discover, display_path
from pipeline.source.inputs import read_inputs
from pipeline.text.quotes import Quote, QuoteNote, find_quotes


@dataclass(frozen=True)
class QuoteRow:
    """One quotation as the review shows it."""

    article: str
    source: str
    number: int
    paragraphs: tuple[int, ...]
    text: str
    speaker: str  # the catalogue name, or "unattributed: <name as written>", or "unattributed"
    entity: str | None
    rule: str
    cue: str | None
    sentence: str
    written: str | None = None  # unattributed: the name as the text gives it, when it gives one

    settled: bool = False  # an editor settled it: named the speaker, or declared it anonymous
    credit: str | None = None  # deliberately anonymous, as the editor describes the speaker

    @property
    def attributed(self) -> bool:
        return self.entity is not None or self.settled

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON wants it: no speaker is null, not the word the table shows (an anonymous
        quotation's editor credit is `anonymous`)."""
        return {
            "article": self.article,
            "source": self.source,
            "quote": self.number,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "speaker": self.speaker if self.attributed and self.credit is None else None,
            "speaker_as_written": self.written,
            "entity": self.entity,
            "rule": self.rule,
            "cue": self.cue,
            "sentence": self.sentence,
            "anonymous": self.credit,
        }


@dataclass
class QuoteReview:
    """Every quotation of the articles reviewed, and the notes an editor should act on."""

    rows: list[QuoteRow] = field(default_factory=list)
    notes: list[tuple[str, QuoteNote]] = field(default_factory=list)  # (article source, note)

    @property
    def unattributed(self) -> int:
        return sum(not row.attributed for row in self.rows)

    @property
    def anonymous(self) -> int:
        """Quotations an editor declared deliberately anonymous (`unattributed` in `[[quotes]]`)."""
        return sum(row.credit is not None for row in self.rows)

    @property
    def stray_marks(self) -> int:
        return sum(note.constraint == "unmatched-quote-mark" for _, note in self.notes)

    def exit_code(self, strict: bool) -> int:
        """1 under `strict` when a quotation is unattributed or a quote mark is unpaired, else 0."""
        return 1 if strict and (self.unattributed or self.stray_marks) else 0


def review_quotes(paths: Sequence[Path] | None = None, *, catalogue: Path | None = None) -> QuoteReview:
    """Find every quotation in the articles under `paths` (default: the project's articles/).

    >>> review = review_quotes([Path("articles")])
    >>> [(row.number, row.speaker, row.rule) for row in review.rows]
    """
    settings = load_settings_for(paths)
    files = discover(paths or [settings.articles])
    known = read_catalogue(catalogue or default_catalogue(paths or [settings.articles], settings))
    review = QuoteReview()
    for path in files:
        inputs = read_inputs(path, known)
        if inputs.error is not None:
            raise inputs.error
        assert inputs.article is not None and inputs.metadata is not None
        article = inputs.article
        source = display_path(path, settings.root)
        findings = find_quotes(article, known, inputs.metadata.quotes)
        review.rows += [_row(article.slug, source, quote, known) for quote in findings.quotes]
        review.notes += [(source, note) for note in findings.notes if note.quote is None]
    return review


def _row(slug: str, source: str, quote: Quote, catalogue: Catalogue) -> QuoteRow:
    speaker = quote.speaker
    if speaker.entity is not None:
        shown = catalogue[speaker.entity].name
    elif speaker.name is not None and speaker.rule == "editor":
        shown = speaker.name
    elif speaker.name is not None:
        shown = f"unattributed: {speaker.name}"
    elif speaker.credit is not None:
        shown = f"anonymous: {speaker.credit}"
    else:
        shown = "unattributed"
    return QuoteRow(
        article=slug,
        source=source,
        number=quote.number,
        paragraphs=quote.paragraphs,
        text=quote.text,
        speaker=shown,
        entity=speaker.entity,
        rule=speaker.rule,
        cue=speaker.cue,
        sentence=quote.sentence,
        settled=speaker.rule == "editor",
        credit=speaker.credit,
        written=speaker.name if speaker.entity is None and speaker.rule != "editor" else None,
    )
