"""Load times into each store newsld supports: embedded Oxigraph, `oxigraph serve`, Virtuoso.

    python bench/stores.py --size 1000 --runs 3 --work /tmp/newsld-stores

Generates and builds a corpus (bench/generate.py, same seed every time), then times `newsld load`
as a user runs it (a subprocess) of its dataset.nq: into a fresh store (each run starts a fresh
server or folder), and again into the loaded store (every graph replaced). Each figure is the
median of `--runs`. The servers are started as the tests start them (tests/servers.py), on
127.0.0.1 with free ports; Virtuoso needs Debian's virtuoso-opensource. Timings are not asserted
anywhere.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from tests.servers import oxigraph_server, virtuoso_binaries, virtuoso_server  # noqa: E402

NEWSLD = [sys.executable, "-m", "pipeline"]


def newsld(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*NEWSLD, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


@contextmanager
def embedded(folder: Path) -> Iterator[list[str]]:
    shutil.rmtree(folder, ignore_errors=True)
    yield ["--store", str(folder)]


@contextmanager
def oxigraph(folder: Path) -> Iterator[list[str]]:
    shutil.rmtree(folder, ignore_errors=True)
    with oxigraph_server(folder) as url:
        yield ["--graph-store", f"{url}/store"]


@contextmanager
def virtuoso(folder: Path) -> Iterator[list[str]]:
    shutil.rmtree(folder, ignore_errors=True)
    with virtuoso_server(folder) as server:
        yield ["--graph-store", server.graph_store]


Target = Callable[[Path], AbstractContextManager[list[str]]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsld-stores"))
    options = parser.parse_args()
    work: Path = options.work
    project = work / "project"
    if not (project / "output" / "dataset.nq").exists():
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        shutil.copytree(ROOT / "shapes", project / "shapes")
        generate(options.size, project / "articles")
        newsld("build", "--quiet", cwd=project)
    dataset = project / "output" / "dataset.nq"
    quads = sum(1 for _ in dataset.open(encoding="utf-8"))
    targets: dict[str, Target] = {"embedded Oxigraph": embedded, "oxigraph serve": oxigraph}
    if virtuoso_binaries() is not None:
        targets["Virtuoso 7"] = virtuoso
    else:
        print("Virtuoso not installed (apt-get install virtuoso-opensource): skipped", file=sys.stderr)

    print(f"{options.size:,} articles, {quads:,} quads in dataset.nq; median of {options.runs} runs\n")
    print("| store | load into a fresh store (s) | load again, every graph replaced (s) |")
    print("|---|---:|---:|")
    for name, target in targets.items():
        fresh: list[float] = []
        again: list[float] = []
        for run in range(options.runs):
            with target(work / f"store-{run}") as where:
                fresh.append(newsld("load", str(dataset), *where, cwd=project))
                again.append(newsld("load", str(dataset), *where, cwd=project))
        print(f"| {name} | {statistics.median(fresh):.2f} | {statistics.median(again):.2f} |")


if __name__ == "__main__":
    main()
