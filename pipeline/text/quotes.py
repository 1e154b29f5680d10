"""Direct quotations of an article and who said them, with the rule that decided each speaker.

Quote marks are read by `pipeline.text.quotemarks` (continued quotations, stray marks, scare quotes);
speakers come from the reporting cue around each quotation (`pipeline.text.attribution`). One more
rule lives here because it needs the quotations in order: ``continued``, a quotation with no cue
of its own right after an attributed one in the same paragraph, with no other person named and no
pronoun in between (“…,” Lee said. “…”), has the same speaker.

A wrong speaker is worse than none: every quotation that ends with no catalogue speaker, and
every unpaired quote mark, becomes a `QuoteNote` that says what to add.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.errors import InputError
from pipeline.source.article import Article
from pipeline.source.catalogue import Catalogue, Mention, slugify
from pipeline.source.folding import fold
from pipeline.source.overrides import QuoteOverride
from pipeline.text.attribution import Attributor
from pipeline.text.cast import Cast
from pipeline.text.cues import PERSON_NOUNS, ROLE_NOUNS, SPEECH_VERB
from pipeline.text.lexicon import place_names
from pipeline.text.names import NameRun
from pipeline.text.passage import Passage, asks
from pipeline.text.quotemarks import QuotedSpan, StrayMark, find_quotations
from pipeline.text.speakers import Speaker

_AFTER_PREPOSITION = re.compile(r"\b(?:at|of|in|for|from|near|on|with|by|to)\s+(?:the\s+)?$")
_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They)\b")


@dataclass(frozen=True)
class Quote:
    """One quotation: its number, the paragraphs it spans, its text, body offsets and speaker."""

    number: int
    paragraphs: tuple[int, ...]
    text: str
    begin: int
    end: int
    speaker: Speaker
    sentence: str

    @property
    def paragraph(self) -> int:
        """The paragraph the quotation opens in."""
        return self.paragraphs[0]

    @property
    def entity(self) -> str | None:
        """The catalogue id of the speaker, if the catalogue knows them."""
        return self.speaker.entity


@dataclass(frozen=True)
class QuoteNote:
    """Something an editor should fix: `constraint` is a stable slug, `quote`/`paragraph` where."""

    constraint: str
    message: str
    paragraph: int
    quote: int | None = None


@dataclass(frozen=True)
class QuoteFindings:
    """What the text says about quotations: mentions per paragraph, the quotations, the notes."""

    mentions: tuple[tuple[Mention, ...], ...]
    quotes: tuple[Quote, ...]
    notes: tuple[QuoteNote, ...]


def find_quotes(article: Article, catalogue: Catalogue, overrides: Sequence[QuoteOverride] = ()) -> QuoteFindings:
    """Mentions, quotations with their speakers, and the notes for an editor, of one article.

    `overrides` are the editor's word from the sidecar (`[[quotes]]`): each settles the one
    quotation whose text contains its words, whatever the rules found; one that matches no
    quotation, or several, is an input error naming the sidecar's line.
    """
    texts = [p.text for p in article.paragraphs]
    spans, strays = find_quotations(texts)
    quoted: list[list[tuple[int, int]]] = [[] for _ in texts]
    for span in spans:
        for segment in span.segments:
            quoted[segment.paragraph].append((segment.open_at, segment.close_at))
    cast = Cast(texts, catalogue, quoted)
    passages = [Passage.read(i, quoted[i], cast) for i in range(len(texts))]
    attributor = Attributor(passages, cast, catalogue)

    quotes: list[Quote] = []
    spoken: list[Quote] = []  # the quotations not within another, in order: what continues what
    previous_span: QuotedSpan | None = None
    for marked in spans:
        span = marked
        while len(span.segments) > 1 and attributor.joins_speakers(
            [(s.paragraph, s.open_at, s.close_at) for s in span.segments]
        ):
            # An unclosed mark before another speaker's quotation: report it, publish only what follows.
            opened = span.segments[0]
            strays.append(
                StrayMark(opened.paragraph, opened.open_at, texts[opened.paragraph][opened.open_at], "unclosed")
            )
            span = QuotedSpan(span.segments[1:])
        first, last = span.segments[0], span.segments[-1]
        if span.nested and spoken:
            # Somebody's words as the outer quotation's speaker reports them: who said them is the
            # outer speaker's to say, which no cue of ours reads (an editor's [[quotes]] can).
            speaker = Speaker("none:nested", cue=f"quoted within quotation {spoken[-1].number}")
        else:
            speaker = attributor.speaker((first.paragraph, first.open_at), (last.paragraph, last.close_at))
            if not speaker.attributed and speaker.rule == "none:no-cue":
                speaker = _continued(spoken, span, passages, speaker)
            if not speaker.attributed and speaker.rule == "none:no-cue" and previous_span is not None:
                speaker = _continued_in_next_paragraph(spoken, previous_span, span, passages, speaker)
            previous_span = span
        begin = article.offsets[first.paragraph][0] + first.begin
        end = article.offsets[last.paragraph][0] + last.end
        start, stop = passages[first.paragraph].sentence(first.open_at)
        quotes.append(
            Quote(
                number=len(quotes) + 1,
                paragraphs=tuple(article.paragraphs[s.paragraph].position for s in span.segments),
                text=span.text(texts),
                begin=begin,
                end=end,
                speaker=speaker,
                sentence=texts[first.paragraph][start:stop].strip(),
            )
        )
        if not span.nested:
            spoken.append(quotes[-1])
    quotes = _overridden(quotes, overrides, article)
    notes = [_quote_note(q) for q in quotes if q.entity is None and q.speaker.rule != "editor"]
    notes += [_stray_note(article, mark) for mark in sorted(strays, key=lambda m: (m.paragraph, m.at))]
    mentions = tuple(cast.mentions(i) for i in range(len(texts)))
    return QuoteFindings(mentions, tuple(quotes), tuple(notes))


# Somebody else who speaks between two quotations: a noun for a person, then a verb of speaking.
_SOMEBODY = re.compile(
    r"\b(?:his|her|their|its|the|a|an)\s+(?:[\w-]+\s+){0,2}?([a-z]+)"
    r"(?=\s+(?:\w+ing|said|says|told|tells|added|adds|called|calls|accused|accuses)\b)"
)
_MARKED = re.compile(r"[“\"‘][^“”\"‘’]*[”\"’]")


def _continued(quotes: list[Quote], span: QuotedSpan, passages: list[Passage], speaker: Speaker) -> Speaker:
    """The previous quotation's speaker, when it is in the same paragraph with no one else in between."""
    first = span.segments[0]
    passage = passages[first.paragraph]
    closes = [b for _, b in passage.quoted if b <= first.open_at]
    if not quotes or not closes or not quotes[-1].speaker.attributed or _cue_of_its_own(span, passages):
        return speaker
    previous = quotes[-1].speaker
    closed = max(closes)
    if any(closed < start < first.open_at for start in passage.sentences):
        return speaker  # a whole sentence stands between: the speaker may have changed
    # Names between the two: a name in quote marks there (a sign's words) is nobody who speaks.
    marked = [m.span() for m in _MARKED.finditer(passage.text, closed, first.open_at)]
    between = [
        r
        for r in passage.references
        if closed <= r.start < first.open_at and not any(a <= r.start < b for a, b in marked)
    ]
    others = [
        r
        for r in between
        if r.member is None or (r.member.person and not previous.names(r.member.entity, r.member.name))
    ]
    others_runs = [
        r.start
        for r in passage.runs
        if closed <= r.start < first.open_at
        and not any(a <= r.start < b for a, b in marked)
        and r.text != previous.name
        and not _not_a_speaker(passage.text, r)
    ]
    pronoun = _PRONOUN.search(passage.text[closed : first.open_at])
    if others or others_runs or (pronoun and previous.rule != "pronoun"):
        return speaker
    own_sentence = passage.sentence(first.open_at)[0] > closed  # what lies between is the first's cue
    if not own_sentence and any(
        m.group(1) in PERSON_NOUNS or m.group(1) in ROLE_NOUNS
        for m in _SOMEBODY.finditer(passage.text, closed, first.open_at)
    ):
        return speaker  # "… and her would-be partner accusing her of negotiating “…”": somebody else
    return Speaker("continued", entity=previous.entity, name=previous.name, is_person=previous.is_person)


def _cue_of_its_own(span: QuotedSpan, passages: list[Passage]) -> bool:
    """Whether the quotation's sentence goes on after it with a verb of speaking: a cue no rule read
    names its speaker, and the speaker before is not carried over to it."""
    last = span.segments[-1]
    passage = passages[last.paragraph]
    _, end = passage.sentence(last.close_at)
    after = passage.text[last.close_at : end]
    return any(
        not any(a <= last.close_at + v.start() < b for a, b in passage.quoted) for v in SPEECH_VERB.finditer(after)
    )


def _not_a_speaker(text: str, run: NameRun) -> bool:
    """A capitalised name the cast lacks that cannot be who speaks next: where the speaker works or
    lives ("a portfolio manager at Lindqvist & Hale in Stockholm", "operators in Tonga, Fiji and
    Samoa"): after a preposition, or a place's name."""
    return (
        run.organisation_like
        or _AFTER_PREPOSITION.search(text, max(0, run.start - 8), run.start) is not None
        or bool(place_names([run.text]))
    )


def _continued_in_next_paragraph(
    quotes: list[Quote], previous_span: QuotedSpan, span: QuotedSpan, passages: list[Passage], speaker: Speaker
) -> Speaker:
    """The previous quotation's speaker for a quotation that opens the next paragraph, news style
    (“…,” she said.¶“…”), when nobody else is named after the first or anywhere in the second."""
    first, last = span.segments[0], previous_span.segments[-1]
    if not quotes or not quotes[-1].speaker.attributed or first.paragraph != last.paragraph + 1:
        return speaker
    if _cue_of_its_own(span, passages):
        return speaker  # “…,” the mail carrier who pulled the dog away told jurors: somebody, not the last speaker
    previous, current = passages[last.paragraph], passages[first.paragraph]
    if current.text[: first.open_at].strip():
        return speaker  # the quotation does not open its paragraph
    if any(start > last.close_at for start in previous.sentences):
        return speaker  # the first paragraph goes on after the quotation's sentence
    said = quotes[-1].speaker
    asked = current.text[first.open_at : span.segments[-1].close_at]
    if asks(asked) and not asks(quotes[-1].text) and any(asks(q.text) for q in quotes[-3:-1]):
        return speaker  # an exchange, question and answer: a question after the answer is the asker's turn
    others = [
        r
        for r in previous.references
        if r.start >= last.close_at and (r.member is None or not said.names(r.member.entity, r.member.name))
    ]
    others += [r for r in current.references if r.member is None or not said.names(r.member.entity, r.member.name)]
    runs = [r for r in previous.runs if r.start >= last.close_at] + list(current.runs)
    if others or any(r.text != said.name for r in runs):
        return speaker
    return Speaker("continued", entity=said.entity, name=said.name, is_person=said.is_person)


def _overridden(quotes: list[Quote], overrides: Sequence[QuoteOverride], article: Article) -> list[Quote]:
    """The quotations with the editor's overrides applied (rule ``editor``)."""
    settled = list(quotes)
    for override in overrides:
        wanted = _words(override.text)
        matches = [i for i, quote in enumerate(settled) if wanted in _words(quote.text)]
        if len(matches) != 1:
            found = ", ".join(f"#{settled[i].number}" for i in matches)
            problem = (
                f"[[quotes]] text {override.text!r} matches no quotation of {article.slug}."
                if not matches
                else f"[[quotes]] text {override.text!r} matches {len(matches)} quotations of {article.slug} ({found})."
            )
            fix = (
                "Copy words of the quotation as `newsld quotes` lists them, or remove the entry."
                if not matches
                else "Give more of the quotation's words, so that only one quotation contains them."
            )
            raise InputError(problem, path=override.path, line=override.line, fix=fix, slug="quote-override")
        index = matches[0]
        if override.unattributed is not None:
            speaker = Speaker("editor", credit=override.unattributed)
        else:
            speaker = Speaker("editor", entity=override.entity, name=override.name, is_person=True)
        settled[index] = replace(settled[index], speaker=speaker)
    return settled


def _words(text: str) -> str:
    """Text compared as words: folded (apostrophes, accents), spaces collapsed, case ignored."""
    return " ".join(fold(text).casefold().split())


def _quote_note(quote: Quote) -> QuoteNote:
    where = f"Quote {quote.number} (paragraph {quote.paragraph}, “{_short(quote.text)}”)"
    speaker = quote.speaker
    if speaker.name is not None:
        entity_id = slugify(speaker.name)
        kind = '"Person"' if speaker.is_person else '"Person" or "Organization"'
        published = "is published with that name only" if speaker.is_person else "is published without a speaker"
        return QuoteNote(
            "uncatalogued-speaker",
            f"{where} is attributed to “{speaker.name}” as written ({speaker.rule}), who is not in the catalogue,"
            f' so it {published}: add [entity.{entity_id}] with type = {kind} and name = "{speaker.name}"'
            " to entities.toml.",
            quote.paragraph,
            quote.number,
        )
    reason = {
        "none:role": f"its cue names “{speaker.cue}”, not a person",
        "none:plural": f"its cue “{speaker.cue}” names no single speaker",
        "none:ambiguous-pronoun": f"“{speaker.cue}” could refer to more than one person",
        "none:ambiguous-organisation": f"“{speaker.cue}” could refer to more than one organisation",
        "none:no-antecedent": f"“{speaker.cue}” refers to nobody named before it",
        "none:nested": f"it is {speaker.cue}, in that speaker's words",
        "none:ambiguous-name": f"“{speaker.cue}” could be more than one person",
        "none:not-a-name": f"“{speaker.cue}” may not be a name here",
        "none:document": f"it quotes {speaker.cue}, whose author its sentence does not name",
        "none:writer": f"its cue “{speaker.cue}” makes it the writer's own words",
        "none:reported": f"its sentence reports what another said (“{speaker.cue}”), so whose words they are is open",
    }.get(speaker.rule, "no reporting cue (“…,” X said) names its speaker")
    return QuoteNote(
        "unattributed-quote",
        f"{where} has no speaker: {reason}. Name the speaker in the quotation's sentence"
        " (and add them to entities.toml) to attribute it.",
        quote.paragraph,
        quote.number,
    )


def _stray_note(article: Article, mark: StrayMark) -> QuoteNote:
    paragraph = article.paragraphs[mark.paragraph].position
    where = f"Paragraph {paragraph}, character {mark.at + 1}"
    problem = {
        "unclosed": f"the opening quote mark {mark.mark} is never closed",
        "unopened": f"the closing quote mark {mark.mark} closes no quotation",
        "ambiguous": f"the quote mark {mark.mark} stands between spaces, so it neither opens nor closes",
    }[mark.problem]
    fix = {
        "unclosed": "close the quotation (or, to continue it, open the next paragraph with a quote mark)",
        "unopened": "add the opening mark or remove this one",
        "ambiguous": "attach it to the quoted words or remove it",
    }[mark.problem]
    return QuoteNote(
        "unmatched-quote-mark",
        f"{where}: {problem}, so no quotation was published from it: {fix}.",
        paragraph,
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
