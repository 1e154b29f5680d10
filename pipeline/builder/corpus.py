"""Building a corpus: article files -> Turtle, JSON-LD and the corpus files in `output/`.

`build` skips what is unchanged since the manifest (inputs recognised by `pipeline.io.hashcache`),
builds the rest in parallel worker processes (`pipeline.builder.article.build_article` each), writes
conforming articles atomically in synced batches (`Publisher`), removes the outputs of deleted
articles and rewrites `dataset.nq` (from the workers' blocks, `dataset.PartsSource`), `void.ttl`,
`graphs.tsv` and `changes.json` (what changed, graph by graph: `pipeline.builder.state`) and
`manifest.json`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path, PurePath

from pipeline.builder.article import ArticleBuild, BuildContext
from pipeline.builder.catalogue_change import CatalogueChange, article_texts
from pipeline.builder.changed_files import ChangedFiles
from pipeline.builder.code import code_digest
from pipeline.builder.dataset import PartsSource
from pipeline.builder.kept import KeptResults
from pipeline.builder.manifest import MANIFEST, OUTPUT_SUFFIXES, Manifest, ManifestEntry
from pipeline.builder.state import STATE, BuildState, ChangeSet, diff, read_state
from pipeline.builder.workers import collector_paused, run_builds
from pipeline.config import Settings, load_settings_for
from pipeline.errors import InputError
from pipeline.io.files import files_sha256, sweep_temporary_files
from pipeline.io.hashcache import HashCache
from pipeline.io.lock import folder_lock
from pipeline.io.sorting import natural_key
from pipeline.source.catalogue import Catalogue, default_catalogue
from pipeline.source.corpus import discover, display_paths
from pipeline.source.sidecar import sidecar_path

Progress = Callable[[int, int, ArticleBuild | None], None]


@dataclass
class BuildSummary:
    """What a corpus build did."""

    out: Path
    articles: list[ArticleBuild] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    validator: str = ""  # the SHACL engine that checked the articles
    notices: list[str] = field(default_factory=list)  # e.g. why the fast validator was not used
    # the manifest the skipped articles' warnings are read from, when asked for (`skipped_warnings`)
    manifest: Manifest | None = field(default=None, repr=False, compare=False)

    @property
    def built(self) -> list[ArticleBuild]:
        return [a for a in self.articles if a.published]

    @property
    def failed(self) -> list[ArticleBuild]:
        return [a for a in self.articles if not a.published]

    @cached_property
    def skipped_warnings(self) -> dict[str, int]:
        """Article source -> warnings, as the manifest recorded them, of the articles skipped as unchanged."""
        articles = self.manifest.articles if self.manifest is not None else {}
        entries = (articles[slug] for slug in self.skipped if slug in articles)
        return {entry.source: entry.warnings for entry in entries if entry.warnings}

    @property
    def warnings(self) -> int:
        """Warnings of every published article, the skipped ones included (as the manifest recorded them)."""
        articles = self.manifest.articles if self.manifest is not None else {}
        skipped = sum(articles[slug].warnings for slug in self.skipped if slug in articles)
        return sum(a.warnings for a in self.articles) + skipped

    @property
    def violations(self) -> int:
        return sum(a.violations for a in self.articles)

    @property
    def exit_code(self) -> int:
        """0 all published, 1 an article does not conform, 2 an article could not be read."""
        if any(a.error is not None for a in self.articles):
            return 2
        return 1 if self.failed else 0


def build(
    paths: Sequence[Path] | None = None,
    *,
    out: Path | None = None,
    base: str | None = None,
    catalogue: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    strict: bool | None = None,
    validator: str | None = None,
    progress: Progress | None = None,
    changed: Collection[Path] | None = None,
) -> BuildSummary:
    """Build every article under `paths` (default: the project's articles/) into `out` (default: output/).

    `changed` is a promise that only these files (articles, sidecars, the catalogue; deleted ones
    included) changed since the last build into `out`, as a file watcher knows: the other articles
    are then taken as the manifest has them, without listing or checking them. A catalogue among
    them, or a folder, and the build looks at every file as without it.

    For the length of the call, Python's cycle collector is paused in this process (restored after;
    article builds and worker processes keep it), and on the main thread SIGINT and SIGTERM wait
    while a batch of files is renamed into place, then act as before: library users see neither
    once the call returns.

    >>> summary = build([Path("articles")], out=Path("output"))
    >>> summary.exit_code, len(summary.built), summary.triples
    """
    with collector_paused(), ExitStack() as held:
        return _build(paths, out, base, catalogue, jobs, force, strict, validator, progress, changed, held)


def _settings(paths: Sequence[Path] | None, base: str | None, strict: bool | None, validator: str | None) -> Settings:
    """The articles' project's settings (wherever this runs), with the options given here."""
    settings = load_settings_for(paths).with_base(base)
    if strict is not None:
        settings = replace(settings, strict=strict)
    if validator is not None:
        settings = replace(settings, validator=validator)
    return settings


def _build(
    paths: Sequence[Path] | None,
    out: Path | None,
    base: str | None,
    catalogue: Path | None,
    jobs: int | None,
    force: bool,
    strict: bool | None,
    validator: str | None,
    progress: Progress | None,
    changed: Collection[Path] | None,
    held: ExitStack,
) -> BuildSummary:
    started = time.perf_counter()
    settings = _settings(paths, base, strict, validator)
    out = out or settings.output
    roots = list(paths or [settings.articles])
    catalogue_path = catalogue or default_catalogue(roots, settings)
    hint = ChangedFiles.of(changed, roots, catalogue_path, settings.root)
    context = BuildContext.from_settings(settings, catalogue_path)
    if out.exists() and not out.is_dir():
        raise InputError("is not a folder.", path=out, fix="Choose another --out.", slug="output-not-a-folder")
    held.enter_context(folder_lock(out, "build"))  # until the build returns: one build writes `out` at a time

    fingerprint = _fingerprint(context, settings)
    manifest = Manifest.read(out).copy()
    before = read_state(out)
    rebuild_all = force or manifest.fingerprint != fingerprint
    affected = CatalogueChange(manifest.catalogue, manifest.catalogue_names, context.catalogue)
    if hint is not None and (rebuild_all or before is None or not manifest.articles or affected.changed):
        hint = None  # nothing to take as the manifest has it: look at every file
    summary = BuildSummary(
        out=out, validator=context.validator.value, notices=[context.notice] if context.notice else []
    )
    sweep_temporary_files(out)
    hashes, started_ns = HashCache.load(out), time.time_ns()
    sources, total = _articles(roots, hint, manifest, settings.root)
    # The output folder's files before this build: listed once (20,000 names at 10,000 articles),
    # or, when a watcher named the few files to look at, asked about one by one.
    present: Container[str] = _files_in(out) if hint is None else _FilesOnDisk(out)
    pending = _stale(sources, manifest, present, rebuild_all, summary, affected, hashes)

    marked_stale = False
    if progress:
        progress(0, total, None)
    kept = KeptResults()  # one copy of what 100,000 results repeat (a million objects otherwise)
    with PartsSource(out) as parts, Publisher(out, present) as publisher:
        for result in map(kept.shared_tables, run_builds(pending, context, jobs)):
            if result.published:
                publisher.add(result)
                entry = manifest.articles[result.slug] = _entry(result, context)
                if result.dataset is not None:
                    parts.add(entry.iri, result.dataset)
                _record_inputs(hashes, result, started_ns)
            elif _unchanged(manifest.articles.get(result.slug), result):
                # Same inputs as the published version, yet it failed now (new shapes or catalogue):
                # keep its earlier output, but make sure the next build tries it again.
                marked_stale = _mark_stale(manifest, result.slug)
            summary.articles.append(kept.result(result))  # written: keep the report
            if progress:
                progress(len(summary.skipped) + len(summary.articles), total, result)

        publisher.flush()
        _remove_and_skip(manifest, out, settings.root, sources, hint, summary)
        published = bool(rebuild_all or summary.built or summary.removed)
        rebuilt = None if rebuild_all else [a.slug for a in summary.built]
        after, written = _write_corpus_files(out, manifest, context, published, rebuilt, parts, before)
    _record_changes(out, before, after, written)
    _save_manifest(out, manifest, fingerprint, context.catalogue, published or marked_stale)
    hashes.save()
    summary.triples = _published_triples(after or before, manifest)
    summary.manifest = manifest
    summary.seconds = time.perf_counter() - started
    return summary


def _articles(
    roots: list[Path], hint: ChangedFiles | None, manifest: Manifest, root: Path
) -> tuple[dict[Path, str], int]:
    """The articles to look at (path -> display path) and how many the build has: every file under
    `roots`, or with a watcher's `hint` those it names (the rest are as the manifest has them)."""
    if hint is None:
        files = discover(roots)
        return _sources(files, root), len(files)
    return hint.sources(manifest), len(manifest.articles) + len(hint.added(manifest))


def _remove_and_skip(
    manifest: Manifest,
    out: Path,
    root: Path,
    sources: dict[Path, str],
    hint: ChangedFiles | None,
    summary: BuildSummary,
) -> None:
    """Remove the outputs of deleted articles; with a watcher's hint, count the articles it did not
    name as skipped, as a look at every file would have found them."""
    if hint is None:
        summary.removed = _remove_deleted(manifest, out, root, set(sources.values()))
    else:
        # Only the files the watcher saw deleted can be gone: no pass over every entry.
        present = set(hint.present.values())
        gone = [PurePath(source).stem for source in hint.deleted if source not in present]
        named = {slug: manifest.articles[slug] for slug in gone if slug in manifest.articles}
        summary.removed = _remove_deleted(manifest, out, root, set(), named)
    if hint is not None:
        looked_at = {path.stem for path in sources}
        summary.skipped += [slug for slug in manifest.articles if slug not in looked_at]


def _published_triples(state: BuildState | None, manifest: Manifest) -> int:
    """The dataset's triples, each fact once, as void.ttl and `load` count them (the articles' files
    each repeat the descriptions of the people and organisations they name): the state the build
    left (`after`), or, when it wrote no dataset, the one it found."""
    if state is None:
        return sum(entry.triples for entry in manifest.articles.values())
    return state.triples


def _save_manifest(
    out: Path, manifest: Manifest, fingerprint: dict[str, str], catalogue: Catalogue, changed: bool
) -> None:
    """Record the build's fingerprint and catalogue; write the manifest if anything in it changed."""
    manifest.fingerprint = fingerprint
    catalogue_changed = manifest.catalogue != catalogue.entry_hashes
    manifest.catalogue = dict(catalogue.entry_hashes)
    manifest.catalogue_names = dict(catalogue.name_hashes)
    if changed or catalogue_changed or not (out / MANIFEST).exists():
        manifest.write(out)


def _record_inputs(hashes: HashCache, result: ArticleBuild, started_ns: int) -> None:
    """Remember the published article's text and sidecar digests, so an unchanged file is not read again."""
    hashes.record(result.path, result.input_sha256, started_ns)
    hashes.record(sidecar_path(result.path), result.sidecar_sha256, started_ns)


def _entry(result: ArticleBuild, context: BuildContext) -> ManifestEntry:
    return ManifestEntry(
        source=result.source,
        input_sha256=result.input_sha256 or "",
        sidecar_sha256=result.sidecar_sha256,
        iri=str(context.iris.article(result.slug)),
        triples=result.triples,
        warnings=result.warnings,
        entities=result.entities,
        shared=result.shared,
    )


def _fingerprint(context: BuildContext, settings: Settings) -> dict[str, str]:
    """What every article depends on: a change to any of it rebuilds them all.

    The catalogue is not in it: a catalogue edit rebuilds only the articles it can change
    (`CatalogueChange`). The code is (`code.code_digest`): rules changed in a checkout whose
    version stays the same rebuild every article, as a new release does.
    """
    shapes = sorted(p for p in settings.shapes.iterdir() if p.is_file()) if settings.shapes.is_dir() else []
    return {
        "pipeline": context.version,
        "code": code_digest(),  # the rules of a development checkout, whose version stays the same
        "base": settings.base,
        "shapes": files_sha256(shapes),
        "strict": str(settings.strict).lower(),
        "publisher": repr(settings.publisher),
        # older manifests lack these: rebuild all once
        "manifest": "entries by part, names, shared graphs, dataset index, graph digests",
    }


def _stale(
    sources: dict[Path, str],
    manifest: Manifest,
    present: Container[str],
    rebuild_all: bool,
    summary: BuildSummary,
    catalogue: CatalogueChange,
    hashes: HashCache,
) -> Iterable[Path]:
    """The articles to build (`sources`: each article's path -> its display path); the others are
    recorded in `summary.skipped`. Found one by one, so that workers build the first while the
    rest are looked for (`run_builds` takes them as they come)."""
    if rebuild_all:
        return list(sources)
    return _changed(sources, manifest, present, summary, catalogue, hashes)


def _changed(
    sources: dict[Path, str],
    manifest: Manifest,
    present: Container[str],
    summary: BuildSummary,
    catalogue: CatalogueChange,
    hashes: HashCache,
) -> Iterator[Path]:
    for path, source in sources.items():
        name, slug = os.fspath(path), path.stem
        sidecar = os.path.splitext(name)[0] + ".toml"  # noqa: PTH122 - sidecar_path without a Path per file
        input_sha, sidecar_sha = hashes.sha256(name), hashes.sha256(sidecar)
        current = (
            input_sha is not None
            and manifest.is_current(slug, source, input_sha, sidecar_sha, present)
            and not catalogue.affects(manifest.articles[slug], partial(article_texts, path))
        )
        if current:
            summary.skipped.append(slug)
        else:
            yield path


def _sources(files: list[Path], root: Path) -> dict[Path, str]:
    """Each article's path -> its display path (the manifest's `source`)."""
    return dict(zip(files, display_paths(files, root), strict=True))


class _FilesOnDisk:
    """Whether a file is in `folder`, asked of the file system name by name (a `set` of names
    otherwise: `_files_in`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and os.path.isfile(os.path.join(self.folder, name))  # noqa: PTH113, PTH118


def _files_in(folder: Path) -> set[str]:
    """The names of the files in `folder` (one directory read, not a stat per file)."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_file()}
    except OSError:
        return set()


def _remove_deleted(
    manifest: Manifest, out: Path, root: Path, found: set[str], among: dict[str, ManifestEntry] | None = None
) -> list[str]:
    """Remove the outputs of articles whose input file is gone; return their slugs. (`found`, the
    sources this build was given, exist: only the others are looked for; `among`, the entries to
    look at, all when None.)"""
    removed = []
    for slug, entry in sorted((manifest.articles if among is None else among).items()):
        if entry.source not in found and not (root / entry.source).exists():
            for suffix in OUTPUT_SUFFIXES:
                (out / f"{slug}{suffix}").unlink(missing_ok=True)
            del manifest.articles[slug]
            removed.append(slug)
    return removed


def _write_corpus_files(
    out: Path,
    manifest: Manifest,
    context: BuildContext,
    changed: bool,
    rebuilt: list[str] | None,
    parts: PartsSource,
    before: BuildState | None,
) -> tuple[BuildState | None, frozenset[str] | None]:
    """The dataset's parts, graphs.tsv and void.ttl from the published articles, when something
    changed (or they are missing); the state of the dataset now (None: as `before`, nothing was written).

    `rebuilt` are the IRIs of the articles built this time (None: all were): with the index the
    manifest keeps (and graphs.tsv, `before`), only their blocks are made anew, only the parts that
    hold them are written (their other blocks copied), and the other parts are left as they are.
    """
    from pipeline.builder.dataset import DatasetIndex, write_dataset
    from pipeline.builder.state import DATASET, LEGACY_DATASET
    from pipeline.builder.void import VOID_FILE, write_void

    if not manifest.articles:
        for name in (LEGACY_DATASET, VOID_FILE):
            (out / name).unlink(missing_ok=True)
        if (out / DATASET).is_dir():
            for part in (out / DATASET).glob("*.nq"):
                part.unlink()
            with suppress(OSError):
                (out / DATASET).rmdir()
        manifest.dataset = {}
        empty = BuildState.of({})
        if before is None or before.graphs or not (out / STATE).exists():
            empty.write(out)
        return empty, None
    if changed or before is None or not all((out / name).is_file() for name in before.part_files):
        order = _dataset_order(manifest.articles)
        shared = manifest.shared_graphs(rebuilt)
        built = {manifest.articles[slug].iri for slug in rebuilt} if rebuilt is not None else None
        index = write_dataset(
            out,
            _dataset_sources(order, manifest.articles, out),
            previous=DatasetIndex.from_parts(before, manifest.dataset) if built is not None else None,
            rebuilt=built,
            shared=shared,
            parts=parts,
        )
        manifest.dataset = index.to_json()
        after = index.state
        after.write(out)  # after the parts: a reader that sees this state finds its files
        write_void(out, index.statistics, context.iris, context.version, context.generated_at, dumps=after.part_files)
        return after, index.written
    return None, None


_ORDER: list[tuple[frozenset[str], list[str]]] = []  # the last slugs put in dataset order, and that order
_SOURCES: list[tuple[list[str], str, list[tuple[str, str]]]] = []  # that order, the folder, its sources


def _dataset_sources(order: list[str], articles: dict[str, ManifestEntry], out: Path) -> list[tuple[str, str]]:
    """Each article's graph IRI and Turtle file (a string: read only for articles not built now, so no
    Path each), in dataset order; the list made for the same order and folder is used again (an
    article's IRI is its slug's under the base, which a rebuild of everything changes)."""
    folder = os.path.join(out, "")  # noqa: PTH118 - with its separator
    if _SOURCES and _SOURCES[0][0] is order and _SOURCES[0][1] == folder:
        sources = _SOURCES[0][2]
        if not order or sources[0][0] == articles[order[0]].iri:  # the same base
            return sources
    sources = [(articles[slug].iri, f"{folder}{slug}.ttl") for slug in order]
    _SOURCES[:] = [(order, folder, sources)]
    return sources


def _dataset_order(articles: dict[str, ManifestEntry]) -> list[str]:
    """The slugs of `articles` in the dataset's order (natural order): a watching process sorts
    100,000 slugs again only when one was added or removed."""
    if _ORDER and articles.keys() == _ORDER[0][0]:
        return _ORDER[0][1]
    order = sorted(articles, key=natural_key)
    _ORDER[:] = [(frozenset(order), order)]
    return order


def _record_changes(
    out: Path, before: BuildState | None, after: BuildState | None, written: frozenset[str] | None = None
) -> None:
    """Write the change set (`changes.json`) of a build that changed the dataset: from the state it
    found to the one it left. A build that changed nothing leaves the last one in place. With the
    graphs the build wrote anew (`written`), only those are compared (and the removed ones found by
    a difference of key sets), not every graph of the dataset."""
    if after is None or (before is not None and before.build == after.build):
        return
    if before is None:
        diff({}, after).write(out)
        return
    if written is None:
        diff(before.digests, after, previous=before.build).write(out)
        return
    old, new = before.graphs, after.graphs
    ChangeSet(
        build=after.build,
        previous=before.build,
        added={g: new[g].digest for g in sorted(written) if g not in old},
        replaced={g: (old[g].digest, new[g].digest) for g in sorted(written) if g in old},
        removed={g: old[g].digest for g in sorted(old.keys() - new.keys())},
    ).write(out)


def _mark_stale(manifest: Manifest, slug: str) -> bool:
    """Have the next build try `slug` again (its entry replaced, not changed: the manifest keeps
    each entry's line by the entry it was made from)."""
    manifest.articles[slug] = replace(manifest.articles[slug], stale=True)
    return True


def _unchanged(entry: ManifestEntry | None, result: ArticleBuild) -> bool:
    return (
        entry is not None
        and entry.input_sha256 == result.input_sha256
        and entry.sidecar_sha256 == result.sidecar_sha256
    )


class Publisher:
    """Writes articles' Turtle and JSON-LD in batches: each batch is staged, synced to disk once and
    renamed into place (`write_files_atomic`), so an article's two files appear together or not at
    all, at a fraction of an fsync per file. Files whose bytes are already there are not rewritten.
    Leaving the block without an error writes what is pending; an error drops it.
    """

    BATCH = 64  # articles

    def __init__(self, out: Path, present: Container[str] | None = None) -> None:
        self.out = out
        self.present = present  # the folder's file names, when known: others need not be read first
        self.pending: dict[Path, bytes] = {}

    def add(self, result: ArticleBuild) -> None:
        for suffix in OUTPUT_SUFFIXES:
            name = f"{result.slug}{suffix}"
            path = self.out / name
            known = self.present is None or name in self.present
            if not (known and _holds(path, result.outputs[suffix])):
                self.pending[path] = result.outputs[suffix]
        if len(self.pending) >= 2 * self.BATCH:
            self.flush()

    def flush(self) -> None:
        from pipeline.io.files import write_files_atomic

        if self.pending:
            write_files_atomic(self.pending)
            self.pending = {}

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.flush()


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
