"""Building one article: parse, graph, validate and serialize it, writing nothing.

`build_article` is what every worker process runs; `pipeline.builder.corpus.build` runs it over a corpus.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from pipeline._version import __version__
from pipeline.builder.dataset import ArticlePart, article_part
from pipeline.config import Publisher, Settings, load_settings
from pipeline.errors import InputError, UsageError
from pipeline.rdf.vocab import SCHEMA, Iris
from pipeline.source.catalogue import CATALOGUE, Catalogue, read_catalogue
from pipeline.source.corpus import display_path
from pipeline.source.inputs import read_inputs
from pipeline.source.sidecar import Metadata
from pipeline.text.quotes import QuoteFindings
from pipeline.validate.engines import Validator, choose_validator, validate_graph
from pipeline.validate.report import Report, Severity, ValidationResult
from pipeline.validate.shapes import project_shapes


@dataclass(frozen=True)
class BuildContext:
    """Everything an article build needs besides the article: shared by all workers."""

    catalogue: Catalogue
    iris: Iris
    shapes: Path
    root: Path = Path()
    version: str = __version__
    generated_at: str | None = None
    strict: bool = False  # unattributed quotations and unpaired quote marks are violations
    validator: Validator = Validator.PYSHACL
    notice: str | None = None  # why the fast validator is not used, when it was asked for
    publisher: Publisher | None = None  # the site's publishing organisation ([tool.newsld.publisher])

    @classmethod
    def from_settings(cls, settings: Settings | None = None, catalogue: Path | None = None) -> BuildContext:
        settings = settings or load_settings()
        validator, notice = choose_validator(Validator(settings.validator), settings.shapes)
        return cls(
            catalogue=read_catalogue(catalogue or settings.articles / CATALOGUE),
            iris=Iris(settings.base),
            shapes=settings.shapes,
            root=settings.root,
            generated_at=source_date(),
            strict=settings.strict,
            validator=validator,
            notice=notice,
            publisher=settings.publisher,
        )


@dataclass(frozen=True)
class ArticleBuild:
    """The outcome of building one article: its report, or the input error that stopped it."""

    path: Path
    source: str
    slug: str
    input_sha256: str | None
    sidecar_sha256: str | None
    report: Report | None = None
    error: str | None = None
    triples: int = 0
    outputs: dict[str, bytes] = field(default_factory=dict, repr=False)
    entities: dict[str, str] = field(default_factory=dict)  # catalogue entries the graph used: id -> entry hash
    shared: list[str] = field(default_factory=list)  # the shared graphs (people, organisations…) its file describes
    dataset: ArticlePart | None = field(default=None, repr=False)  # its part of dataset.nq, when published

    @property
    def published(self) -> bool:
        return self.error is None and self.report is not None and self.report.conforms

    @property
    def warnings(self) -> int:
        return len(self.report.of(Severity.WARNING)) if self.report else 0

    @property
    def violations(self) -> int:
        return len(self.report.of(Severity.VIOLATION)) if self.report else 0


def source_date() -> str | None:
    """The build time from SOURCE_DATE_EPOCH (reproducible-builds.org), else None: no timestamps."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970.") from None
    return moment.isoformat().replace("+00:00", "Z")


def build_article(path: Path, context: BuildContext | None = None) -> ArticleBuild:
    """Parse, graph, validate and serialize one article; nothing is written.

    The article goes down the stages once: its inputs are read (source), its quotations and
    mentions found (text), its graph made (rdf), validated (validate), serialized, and its part of
    the dataset cut; each stage hands the next what it needs.

    >>> result = build_article(Path("articles/fiverr-ceo-ai-warning.txt"))
    >>> result.published, result.triples
    """
    from pipeline.rdf.graph import Provenance, article_triples
    from pipeline.rdf.serialize import publish
    from pipeline.text.quotes import find_quotes

    context = context or BuildContext.from_settings()
    source = display_path(path, context.root)
    inputs = read_inputs(path, context.catalogue)
    article, metadata = inputs.article, inputs.metadata
    digests = (inputs.input_sha256, inputs.sidecar_sha256)
    if article is None or metadata is None or inputs.input_sha256 is None:
        return ArticleBuild(path, source, inputs.slug, *digests, error=inputs.error.message if inputs.error else None)

    try:
        findings = find_quotes(article, context.catalogue, metadata.quotes)
    except InputError as error:  # an editor's [[quotes]] entry that fits no quotation, or several
        return ArticleBuild(path, source, inputs.slug, *digests, error=error.message)
    provenance = Provenance(source, inputs.input_sha256, context.version, context.generated_at)
    graph = article_triples(article, metadata, context.catalogue, context.iris, provenance, findings, context.publisher)
    made = graph.statements()
    report = validate_graph(
        made,
        project_shapes(context.shapes),
        source=source,
        validator=context.validator,
        prefixes=context.iris.prefixes(),
    )
    notes = text_notes(article.slug, findings, metadata, context, inputs.sidecar_name)
    report = replace(_without_generic_speaker_warnings(report, notes).with_results(notes), graph=None)
    conforms = report.conforms
    count = len(made)
    outputs: dict[str, bytes] = {}
    part = None
    if conforms:
        ordered = made.sorted()
        prefixes = context.iris.prefixes(article.slug)
        outputs = {".ttl": publish.turtle(ordered, prefixes), ".jsonld": publish.jsonld(ordered, prefixes)}
        part = article_part(context.iris.article(article.slug), ordered)
    hashes = context.catalogue.entry_hashes
    return ArticleBuild(
        path,
        source,
        article.slug,
        *digests,
        report=report,
        triples=count,
        outputs=outputs,
        entities={entity_id: hashes[entity_id] for entity_id in sorted(graph.entities) if entity_id in hashes},
        shared=sorted(part.shared) if part is not None else [],
        dataset=part,
    )


def text_notes(
    slug: str, findings: QuoteFindings, metadata: Metadata, context: BuildContext, sidecar: str
) -> list[ValidationResult]:
    """Results the pipeline itself raises from the text (not from the shapes), with fixes; `sidecar`
    is the name of the article's sidecar file, where most fixes go."""
    iris = context.iris
    notes: list[ValidationResult] = []
    if metadata.headline is None:
        notes.append(
            _note(
                iris.article(slug),
                SCHEMA.headline,
                "derived-headline",
                f"The headline was derived from the first sentence: set `headline` in {sidecar} to choose it.",
            )
        )
    named = {m.entity for paragraph in findings.mentions for m in paragraph}
    for entity_id in metadata.about:
        if entity_id not in named:
            entity = context.catalogue[entity_id]
            notes.append(
                _note(
                    iris.article(slug),
                    SCHEMA.about,
                    "about-not-mentioned",
                    f"The article is about {entity.name!r} ({entity_id}), but its text never names"
                    f" {' or '.join(repr(n) for n in entity.names)}: name them in the text, add the name"
                    f" the text uses as an alias in entities.toml, or remove {entity_id!r} from `about`"
                    f" in {sidecar}.",
                )
            )
    severity = Severity.VIOLATION if context.strict else Severity.WARNING
    for note in findings.notes:
        focus = iris.quote(slug, note.quote) if note.quote is not None else iris.paragraph(slug, note.paragraph)
        path_iri = SCHEMA.creator if note.quote is not None else SCHEMA.text
        notes.append(_note(focus, path_iri, note.constraint, note.message, severity))
    return notes


def _note(
    focus: str, path: str, constraint: str, message: str, severity: Severity = Severity.WARNING
) -> ValidationResult:
    return ValidationResult(
        severity=severity,
        focus=str(focus),
        path=str(path),
        value=None,
        source_shape=None,
        constraint=constraint,
        message=message,
    )


def _without_generic_speaker_warnings(report: Report, notes: list[ValidationResult]) -> Report:
    """Drop the shapes' "nobody is named as the speaker" where a note already says exactly why."""
    explained = {n.focus for n in notes if n.constraint in ("unattributed-quote", "uncatalogued-speaker")}
    kept = tuple(
        r
        for r in report.results
        if not (r.focus in explained and (r.source_shape or "").endswith("QuotationSpeakerPresentShape"))
    )
    return replace(report, results=kept)
