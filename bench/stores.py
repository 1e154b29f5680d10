"""Load times into each store newsld supports: embedded Oxigraph, `oxigraph serve`, Virtuoso.

    python bench/stores.py --size 1000 --runs 3 --work /tmp/newsld-stores

Generates and builds a corpus (bench/generate.py, same seed every time), then times `newsld load`
of the output folder as a user runs it (a subprocess): into a fresh store (each run starts a fresh
server or folder: a full load), again with nothing changed, after one article was edited and
rebuilt (one graph written), and with `--full` into the loaded store (every graph again). Runs
take the stores in turn, so that the machine's drift falls on all of them alike; each figure is
the median of `--runs`, and the last column the fresh load's ratio to the embedded store's. The
servers are started as the tests start them (tests/servers.py), on 127.0.0.1 with free ports;
Virtuoso needs Debian's virtuoso-opensource. Timings are not asserted anywhere.
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
    if not (project / "output" / "graphs.tsv").exists():
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        shutil.copytree(ROOT / "shapes", project / "shapes")
        generate(options.size, project / "articles")
        newsld("build", "--quiet", cwd=project)
    quads = sum(1 for part in sorted((project / "output" / "dataset").glob("*.nq")) for _ in part.open("rb"))
    targets: dict[str, Target] = {"embedded Oxigraph": embedded, "oxigraph serve": oxigraph}
    if virtuoso_binaries() is not None:
        targets["Virtuoso 7"] = virtuoso
    else:
        print("Virtuoso not installed (apt-get install virtuoso-opensource): skipped", file=sys.stderr)

    stories = sorted((project / "articles").glob("*.txt"))
    article = stories[len(stories) // 2]
    original = article.read_bytes()

    def edited_load(where: list[str]) -> float:
        article.write_bytes(original.replace(b".", b". Updated.", 1))
        try:
            newsld("build", "--quiet", cwd=project)
            return newsld("load", *where, cwd=project)
        finally:
            article.write_bytes(original)
            newsld("build", "--quiet", cwd=project)
            newsld("load", *where, cwd=project)

    times: dict[str, dict[str, list[float]]] = {name: {} for name in targets}
    for run in range(options.runs):
        for name, target in targets.items():
            with target(work / f"store-{run}") as where:
                measured = times[name]
                measured.setdefault("fresh", []).append(newsld("load", *where, cwd=project))
                measured.setdefault("same", []).append(newsld("load", *where, cwd=project))
                measured.setdefault("edit", []).append(edited_load(where))
                measured.setdefault("full", []).append(newsld("load", "--full", *where, cwd=project))
    print(f"{options.size:,} articles, {quads:,} quads in the dataset; median of {options.runs} runs\n")
    print(
        "| store | fresh store (s) | nothing changed (s) | one article edited (s)"
        " | --full, every graph again (s) | fresh x embedded |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    baseline = statistics.median(times["embedded Oxigraph"]["fresh"])
    for name, measured in times.items():
        fresh, same, edit, full = (statistics.median(measured[key]) for key in ("fresh", "same", "edit", "full"))
        print(f"| {name} | {fresh:.2f} | {same:.2f} | {edit:.2f} | {full:.2f} | {fresh / baseline:.1f} |")


if __name__ == "__main__":
    main()
