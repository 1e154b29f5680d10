"""`newsld publish --watch`: publish, then publish again whenever an article, a sidecar, the
catalogue or the shapes change.

The file system's events come from watchfiles (inotify on Linux, FSEvents on macOS): nothing is
polled. Changes are grouped until no new one has come for `step_ms` (an editor's save is often a
write, a rename and a chmod), then one publish runs for the group. Only the inputs count: files
newsld writes (output, site, store) never trigger a publish, even when they live under a watched
folder. A publish that fails (a catalogue that does not parse) is reported and the watch goes on.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.config import Settings, load_settings
from pipeline.errors import NewsldError
from pipeline.io.files import swept_once
from pipeline.live.publish import PublishSummary, publish
from pipeline.source.catalogue import default_catalogue


@dataclass(frozen=True)
class Publication:
    """One publish of a watch: when it finished, the changed files that started it (none for the
    first), and what it did, or the error that stopped it."""

    at: datetime
    changed: tuple[str, ...]
    summary: PublishSummary | None
    error: NewsldError | None = None


class Inputs:
    """Which changed paths are inputs of a publish: article texts and sidecars under the article
    folders (or the article files named), the catalogue, and the shapes; never what newsld writes."""

    def __init__(self, paths: Sequence[Path], settings: Settings, catalogue: Path) -> None:
        self.articles = [p.resolve() for p in paths]
        self.catalogue = catalogue.resolve()
        self.shapes = settings.shapes.resolve()
        self.written = [p.resolve() for p in (settings.output, settings.site, settings.store)]

    @property
    def roots(self) -> list[Path]:
        """What to watch: the article folders or files, the catalogue's folder, the shapes folder."""
        roots = [*self.articles, self.catalogue.parent]
        if self.shapes.is_dir():
            roots.append(self.shapes)
        found: list[Path] = []
        for root in roots:
            if root.exists() and not any(root == r or r in root.parents for r in found):
                found = [r for r in found if root not in r.parents] + [root]
        return found

    def __call__(self, change: Any, path: str) -> bool:
        """watchfiles' filter: whether `path` is an input."""
        where = Path(path)
        if any(where == w or w in where.parents for w in self.written):
            return False
        if where == self.catalogue:
            return True
        if self.shapes in where.parents:
            return where.suffix == ".ttl"
        if where.name.startswith("."):
            return False
        # A folder moved in or out has no event for its files: it counts too (the build then looks
        # at every file); other files (an editor's backup, say) do not.
        if where.suffix not in (".txt", ".toml") and (where.suffix or where.is_file()):
            return False
        return any(where == a or a in where.parents for a in self.articles)


def watch(
    paths: Sequence[Path] | None = None,
    *,
    on_publish: Callable[[Publication], None],
    stop: threading.Event | None = None,
    step_ms: int = 100,
    ready: Callable[[], None] | None = None,
    **options: Any,
) -> None:
    """Publish (`pipeline.live.publish.publish`, with `options`), then again after each group of
    changes to the inputs, calling `on_publish` after each, until `stop` is set or Ctrl-C.

    `ready` is called once the watch is in place (after the first publish).

    >>> watch(on_publish=lambda p: print(p.at, p.summary), steps=("build", "load"))
    """
    from watchfiles import watch as changes_of

    settings = load_settings()
    roots = list(paths or [settings.articles])
    catalogue = options.get("catalogue") or default_catalogue(roots, settings)
    inputs = Inputs(roots, settings, catalogue)
    groups = changes_of(
        *inputs.roots,
        watch_filter=inputs,
        step=step_ms,
        stop_event=stop,
        raise_interrupt=False,
        rust_timeout=200,  # wake five times a second, to see `stop`
        yield_on_timeout=True,
    )
    # The watch is in place once the first (empty) group comes: only then the first publish, so
    # that an edit made while it runs is published next, not missed.
    if next(groups, None) is None:
        return
    # what a killed process left is swept by the first publish, not by each
    with swept_once(), _kept_out_of_collections() as settle:
        last = _publish(paths, (), None, options)
        on_publish(last)
        settle()
        if ready is not None:
            ready()
        for changes in groups:
            if changes:
                changed = tuple(sorted({_shown(path) for _, path in changes}))
                # The build looks only at what changed, after a publish that went through; after one
                # that stopped, its changes are still to do, so it looks at every file.
                hint = [Path(path) for _, path in changes] if last.error is None else None
                last = _publish(paths, changed, hint, options)
                on_publish(last)
                settle()


FULL_COLLECTION_EVERY = 50  # publishes between two full garbage collections of a watching process


@contextmanager
def _kept_out_of_collections() -> Iterator[Callable[[], None]]:
    """A watching process keeps what it published (the manifest, the dataset's index, the site's
    listing: millions of objects at 100,000 articles), and Python's cyclic garbage collector would
    go through all of them again and again, a second each time. After each publish what the
    process holds is frozen (`gc.freeze`: left out of collections); every `FULL_COLLECTION_EVERY`
    publishes it is thawed and collected once, so cycles let go of meanwhile are freed too."""
    published = 0

    def settle() -> None:
        nonlocal published
        published += 1
        if published % FULL_COLLECTION_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    try:
        yield settle
    finally:
        gc.unfreeze()


def _publish(
    paths: Sequence[Path] | None, changed: tuple[str, ...], hint: list[Path] | None, options: dict[str, Any]
) -> Publication:
    try:
        summary = publish(paths, changed=hint, **options)
    except NewsldError as error:
        return Publication(datetime.now().astimezone(), changed, None, error)
    return Publication(datetime.now().astimezone(), changed, summary)


def _shown(path: str) -> str:
    """A changed file as the user knows it: relative to the working directory when under it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
