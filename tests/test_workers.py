"""pipeline.workers: a parallel build gives the same results, in input order, as a serial one."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from pipeline.article_build import BuildContext
from pipeline.catalogue import read_catalogue
from pipeline.vocab import Iris
from pipeline.workers import run_builds
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
