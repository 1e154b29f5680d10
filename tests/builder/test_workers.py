"""pipeline.builder.workers: a parallel build gives the same results, in input order, as a serial one."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generate import generate
from pipeline.builder.article import ArticleBuild, BuildContext
from pipeline.builder.workers import collector_paused, run_builds
from pipeline.rdf.vocab import Iris
from pipeline.source.catalogue import read_catalogue
from tests.conftest import BASE, ROOT, SHAPES


def test_worker_processes_keep_input_order_and_results(tmp_path: Path) -> None:
    generate(9, tmp_path, seed=3)
    (tmp_path / "story-00004.txt").write_bytes(b"\xff not utf-8")  # one fails to read: still in its place
    paths = sorted(tmp_path.glob("*.txt"))
    context = BuildContext(
        catalogue=read_catalogue(tmp_path / "entities.toml"), iris=Iris(BASE), shapes=SHAPES, root=ROOT
    )
    serial = list(run_builds(paths, context, jobs=1))
    parallel = list(run_builds(paths, context, jobs=2))
    assert [r.slug for r in parallel] == [p.stem for p in paths]
    assert [(r.slug, r.error, r.triples, r.outputs) for r in parallel] == [
        (r.slug, r.error, r.triples, r.outputs) for r in serial
    ]
    assert [r.error is not None for r in parallel] == [p.stem == "story-00004" for p in paths]


def _collector_state(path: Path, context: BuildContext | None = None) -> ArticleBuild:
    return ArticleBuild(path, str(path), path.stem, None, None, error=f"collector on: {gc.isenabled()}")


def test_article_builds_collect_cycles_while_a_corpus_build_pauses_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main process pauses the cycle collector for its bookkeeping; article builds, which
    make cycles under pySHACL, have it on, in this process and in forked workers."""
    from pipeline.builder import workers

    generate(5, tmp_path, seed=3)
    paths = sorted(tmp_path.glob("*.txt"))
    context = BuildContext(catalogue=read_catalogue(tmp_path / "entities.toml"), iris=Iris(BASE), shapes=SHAPES)
    monkeypatch.setattr(workers, "build_article", _collector_state)
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        serial = [r.error for r in run_builds(paths, context, jobs=1)]
        assert not gc.isenabled()
        parallel = [r.error for r in run_builds(paths, context, jobs=2)]
    assert gc.isenabled()
    assert serial == parallel == ["collector on: True"] * len(paths)


def test_a_corpus_build_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    from pipeline.builder.corpus import build

    generate(2, tmp_path / "articles", seed=3)
    build([tmp_path / "articles"], out=tmp_path / "out", jobs=1)
    assert gc.isenabled()
    gc.disable()
    try:
        build([tmp_path / "articles"], out=tmp_path / "out-2", jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _mark_and_report(path: Path, context: BuildContext | None = None) -> ArticleBuild:
    (path.parent / f"{path.stem}.started").touch()
    return ArticleBuild(path, str(path), path.stem, None, None, error="marked")


def test_workers_start_while_the_paths_are_still_being_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild finds what changed one article at a time; the workers build the first ones
    meanwhile, and the results still come in input order."""
    import time

    from pipeline.builder import workers

    monkeypatch.setattr(workers, "build_article", _mark_and_report)
    paths = [tmp_path / f"story-{n}.txt" for n in range(8)]
    seen_started: list[bool] = []

    def still_scanning() -> Iterator[Path]:
        yield from paths[:5]
        deadline = time.monotonic() + 20
        while not (tmp_path / "story-0.started").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        seen_started.append((tmp_path / "story-0.started").exists())
        yield from paths[5:]

    context = BuildContext(catalogue=read_catalogue(tmp_path / "none.toml"), iris=Iris(BASE), shapes=SHAPES)
    results = list(run_builds(still_scanning(), context, jobs=2))
    assert seen_started == [True], "no worker started before the scan finished"
    assert [r.slug for r in results] == [p.stem for p in paths]
