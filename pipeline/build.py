"""Building: article files -> validated graphs -> Turtle, JSON-LD and the corpus files in `output/`.

`build_article` does one article and writes nothing; `build` does a corpus: it skips what is
unchanged since the manifest, builds the rest in parallel worker processes, writes each
conforming article atomically, removes outputs of deleted articles and rewrites `dataset.nq`,
`void.ttl` and `manifest.json`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from pipeline import __version__
from pipeline.article import read_article
from pipeline.catalogue import Catalogue, read_catalogue
from pipeline.config import Settings, load_settings
from pipeline.corpus import OUTPUT_SUFFIXES, Manifest, ManifestEntry, discover, display_path, file_sha256, files_sha256
from pipeline.errors import InputError, UsageError
from pipeline.sidecar import read_metadata, sidecar_path
from pipeline.validate import Report, Severity, ValidationResult, project_shapes, validate_graph
from pipeline.vocab import SCHEMA, Iris

CATALOGUE = "entities.toml"


@dataclass(frozen=True)
class BuildContext:
    """Everything an article build needs besides the article: shared by all workers."""

    catalogue: Catalogue
    iris: Iris
    shapes: Path
    root: Path = Path()
    version: str = __version__
    generated_at: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None, catalogue: Path | None = None) -> BuildContext:
        settings = settings or load_settings()
        return cls(
            catalogue=read_catalogue(catalogue or settings.articles / CATALOGUE),
            iris=Iris(settings.base),
            shapes=settings.shapes,
            root=settings.root,
            generated_at=source_date(),
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

    @property
    def published(self) -> bool:
        return self.error is None and self.report is not None and self.report.conforms

    @property
    def warnings(self) -> int:
        return len(self.report.of(Severity.WARNING)) if self.report else 0

    @property
    def violations(self) -> int:
        return len(self.report.of(Severity.VIOLATION)) if self.report else 0


Progress = Callable[[int, int, "ArticleBuild | None"], None]


@dataclass
class BuildSummary:
    """What a corpus build did."""

    out: Path
    articles: list[ArticleBuild] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def built(self) -> list[ArticleBuild]:
        return [a for a in self.articles if a.published]

    @property
    def failed(self) -> list[ArticleBuild]:
        return [a for a in self.articles if not a.published]

    @property
    def warnings(self) -> int:
        return sum(a.warnings for a in self.articles)

    @property
    def violations(self) -> int:
        return sum(a.violations for a in self.articles)

    @property
    def exit_code(self) -> int:
        """0 all published, 1 an article does not conform, 2 an article could not be read."""
        if any(a.error is not None for a in self.articles):
            return 2
        return 1 if self.failed else 0


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

    >>> result = build_article(Path("articles/fiverr-ceo-ai-warning.txt"))
    >>> result.published, result.triples
    """
    from pipeline import publish
    from pipeline.corpus import sha256
    from pipeline.graph import Provenance, article_graph

    context = context or BuildContext.from_settings()
    source = display_path(path, context.root)
    slug = path.stem
    input_sha = sidecar_sha = None
    try:
        article = read_article(path)
        slug = article.slug
        input_sha = sha256(path.read_bytes())
        sidecar_sha = file_sha256(sidecar_path(path))
        metadata = read_metadata(path, context.catalogue)
    except InputError as error:
        return ArticleBuild(path, source, slug, input_sha, sidecar_sha, error=error.message)

    provenance = Provenance(
        source_name=source, sha256=input_sha, version=context.version, generated_at=context.generated_at
    )
    graph = article_graph(article, metadata, context.catalogue, context.iris, provenance)
    report = validate_graph(graph, project_shapes(context.shapes), source=source)
    report = replace(
        report.with_results(_notes(article.slug, metadata.headline is None, context.iris, path)), graph=None
    )
    outputs: dict[str, bytes] = {}
    if report.conforms:
        triples = publish.to_oxigraph(graph)
        prefixes = context.iris.prefixes(article.slug)
        outputs = {".ttl": publish.turtle(triples, prefixes), ".jsonld": publish.jsonld(triples, prefixes)}
    return ArticleBuild(path, source, slug, input_sha, sidecar_sha, report=report, triples=len(graph), outputs=outputs)


def _notes(slug: str, headline_derived: bool, iris: Iris, path: Path) -> list[ValidationResult]:
    """Warnings the pipeline itself raises (not from the shapes)."""
    if not headline_derived:
        return []
    return [
        ValidationResult(
            severity=Severity.WARNING,
            focus=str(iris.article(slug)),
            path=str(SCHEMA.headline),
            value=None,
            source_shape=None,
            constraint="derived-headline",
            message="The headline was derived from the first sentence:"
            f" set `headline` in {sidecar_path(path).name} to choose it.",
        )
    ]


def build(
    paths: Sequence[Path] | None = None,
    *,
    out: Path | None = None,
    base: str | None = None,
    catalogue: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildSummary:
    """Build every article under `paths` (default: the project's articles/) into `out` (default: output/).

    >>> summary = build([Path("articles")], out=Path("output"))
    >>> summary.exit_code, len(summary.built), summary.triples
    """
    from pipeline.dataset import write_dataset, write_void

    started = time.perf_counter()
    settings = load_settings().with_base(base)
    out = out or settings.output
    files = discover(paths or [settings.articles])
    catalogue_path = catalogue or _default_catalogue(paths or [settings.articles], settings)
    context = BuildContext.from_settings(settings, catalogue_path)
    if out.exists() and not out.is_dir():
        raise InputError("is not a folder.", path=out, fix="Choose another --out.")

    shapes_files = sorted(p for p in settings.shapes.iterdir() if p.is_file()) if settings.shapes.is_dir() else []
    fingerprint = {
        "pipeline": context.version,
        "base": settings.base,
        "catalogue": file_sha256(catalogue_path) or "none",
        "shapes": files_sha256(shapes_files),
    }
    manifest = Manifest.read(out)
    rebuild_all = force or manifest.fingerprint != fingerprint
    summary = BuildSummary(out=out)

    pending: list[Path] = []
    for path in files:
        source, slug = display_path(path, settings.root), path.stem
        input_sha, sidecar_sha = file_sha256(path), file_sha256(sidecar_path(path))
        if not rebuild_all and input_sha is not None and manifest.is_current(slug, source, input_sha, sidecar_sha, out):
            summary.skipped.append(slug)
        else:
            pending.append(path)

    done = len(summary.skipped)
    if progress:
        progress(done, len(files), None)
    for result in _run(pending, context, jobs):
        summary.articles.append(result)
        if result.published:
            for suffix in OUTPUT_SUFFIXES:
                _write(out / f"{result.slug}{suffix}", result.outputs[suffix])
            manifest.articles[result.slug] = ManifestEntry(
                source=result.source,
                input_sha256=result.input_sha256 or "",
                sidecar_sha256=result.sidecar_sha256,
                iri=str(context.iris.article(result.slug)),
                triples=result.triples,
                warnings=result.warnings,
            )
        elif result.slug in manifest.articles:
            manifest.articles[result.slug].stale = True
        done += 1
        if progress:
            progress(done, len(files), result)

    for slug, entry in sorted(manifest.articles.items()):
        if not (settings.root / entry.source).exists():
            for suffix in OUTPUT_SUFFIXES:
                (out / f"{slug}{suffix}").unlink(missing_ok=True)
            del manifest.articles[slug]
            summary.removed.append(slug)

    changed = rebuild_all or summary.built or summary.removed or not (out / "dataset.nq").exists()
    if changed and manifest.articles:
        order = sorted(manifest.articles, key=_natural)
        stats = write_dataset(out, ((manifest.articles[s].iri, out / f"{s}.ttl") for s in order))
        write_void(out, stats, context.iris, context.version, context.generated_at)
    manifest.fingerprint = fingerprint
    if changed or not (out / "manifest.json").exists():
        manifest.write(out)
    summary.triples = sum(entry.triples for entry in manifest.articles.values())
    summary.seconds = time.perf_counter() - started
    return summary


def _write(path: Path, data: bytes) -> None:
    """Write unless the file already holds exactly these bytes (keeps mtimes of unchanged output)."""
    from pipeline.publish import write_atomic

    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def _default_catalogue(paths: Sequence[Path], settings: Settings) -> Path:
    """`entities.toml` beside the first input (inside it, for a folder), else the project's."""
    first = paths[0]
    beside = (first if first.is_dir() else first.parent) / CATALOGUE
    return beside if beside.exists() else settings.articles / CATALOGUE


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    import re

    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text) if p)


_WORKER_CONTEXT: BuildContext | None = None


def _init_worker(context: BuildContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context


def _build_in_worker(path: Path) -> ArticleBuild:
    return build_article(path, _WORKER_CONTEXT)


def _run(paths: list[Path], context: BuildContext, jobs: int | None) -> Iterator[ArticleBuild]:
    """Build `paths` in order: in this process for a few articles, else in worker processes."""
    workers = max(1, jobs or os.cpu_count() or 1)
    if workers == 1 or len(paths) < 4:
        for path in paths:
            yield build_article(path, context)
        return
    chunk = max(1, min(32, len(paths) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(context,)) as pool:
        yield from pool.map(_build_in_worker, paths, chunksize=chunk)
