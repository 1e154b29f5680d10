"""Building many articles at once: in worker processes, one per core, results in input order."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from pipeline.article_build import ArticleBuild, BuildContext, build_article

_WORKER_CONTEXT: BuildContext | None = None


def _init_worker(context: BuildContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = context
    gc.enable()  # a worker forked while the main process paused the collector (`collector_paused`)


def _build_in_worker(path: Path) -> ArticleBuild:
    return build_article(path, _WORKER_CONTEXT)


def run_builds(paths: list[Path], context: BuildContext, jobs: int | None) -> Iterator[ArticleBuild]:
    """Build `paths` in order: in this process for a few articles, else in worker processes."""
    workers = max(1, jobs or os.cpu_count() or 1)
    if workers == 1 or len(paths) < 4:
        for path in paths:
            with _collecting():
                result = build_article(path, context)
            yield result
        return
    chunk = max(1, min(32, len(paths) // (workers * 8)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(context,))
    try:
        yield from pool.map(_build_in_worker, paths, chunksize=chunk)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM, an error while writing): drop the queued articles at once
        # instead of building them all before exiting.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without Python's cycle collector (restored after it).

    A corpus build's bookkeeping makes tens of thousands of lasting objects (manifest entries,
    paths, digests) and no reference cycles; the collector's full passes over them cost 0.15 s
    of a 10,000-article rebuild. Article builds in this process get it back (`run_builds`):
    pySHACL makes cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _collecting() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()
