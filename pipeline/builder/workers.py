"""Building many articles at once: in worker processes, one per core, results in input order."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from itertools import chain, islice
from pathlib import Path

from pipeline.builder.article import ArticleBuild, BuildContext, build_article
from pipeline.io.kernel import exit_with_parent
from pipeline.io.sorting import forget_keys

_WORKER_CONTEXT: BuildContext | None = None


def _init_worker(context: BuildContext, parent: int) -> None:
    global _WORKER_CONTEXT
    exit_with_parent(parent)  # a killed build leaves no worker behind
    _WORKER_CONTEXT = context
    gc.enable()  # a worker forked while the main process paused the collector (`collector_paused`)


def _build_in_worker(path: Path) -> ArticleBuild:
    result = build_article(path, _WORKER_CONTEXT)
    forget_keys(beyond=1 << 14)  # an article's own IRIs are not sorted again in this process
    return result


def run_builds(paths: Iterable[Path], context: BuildContext, jobs: int | None) -> Iterator[ArticleBuild]:
    """Build `paths` in order: in worker processes, or in this process for fewer than four.

    `paths` may be a generator still finding them (a rebuild's scan for what changed): the
    workers start on the first while it runs.
    """
    workers = max(1, jobs or os.cpu_count() or 1)
    found = iter(paths)
    first = list(islice(found, 4))
    if workers == 1 or len(first) < 4:
        for path in chain(first, found):
            with _collector(on=True):
                result = build_article(path, context)
            yield result
        return
    # Articles go to the workers in chunks: a chunk per message costs less than an article per
    # message, but a chunk must fill before it is sent, so a stream of unknown length goes singly.
    chunk = max(1, min(32, len(paths) // (workers * 8))) if isinstance(paths, Sized) else 1
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(context, os.getpid()))
    try:
        yield from pool.map(_build_in_worker, chain(first, found), chunksize=chunk)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, an error while writing): drop the queued articles at once
        # instead of building them all before exiting.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=False)  # every result is in: the workers exit while the caller writes them


def collector_paused() -> AbstractContextManager[None]:
    """Run the block without Python's cycle collector (restored after it).

    A corpus build's bookkeeping makes tens of thousands of lasting objects (manifest entries,
    paths, digests) and no reference cycles; the collector's full passes over them are a
    visible share of a large rebuild (bench/NOTES.md). Article builds in this process get it back (`run_builds`):
    pySHACL makes cycles.
    """
    return _collector(on=False)


@contextmanager
def _collector(*, on: bool) -> Iterator[None]:
    """The cycle collector on or off for the block, as it was after it."""
    enabled = gc.isenabled()
    (gc.enable if on else gc.disable)()
    try:
        yield
    finally:
        (gc.enable if enabled else gc.disable)()
