"""Live publishing: build + site + load after each everyday change, as `newsld publish --watch` runs it.

    python bench/publish.py --size 10000 --runs 3 --work /tmp/newsld-bench

In a project over a generated corpus (bench/generate.py), it times a cold `newsld publish` (empty
output, site and store: its peak memory too), then starts `newsld publish --watch` and makes each
change a newsroom makes, `--runs` times each (undone after each, untimed): one article edited,
one new article, one retraction, a save that changes nothing, one catalogue job title. Each
figure is the publish time the watch reports (from the change seen to the store loaded; the
process is warm, as a watching process is), the median of the runs, with each step's share, and
`newsld publish` of one edit as a fresh process (what a script pays, interpreter start included).
Timings are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.run import Row, run_command, tree_rss_kib  # noqa: E402

LINE = re.compile(
    r" published in (?P<total>[0-9.]+) s: built (?P<built>\d+), failed \d+ \((?P<build>[0-9.]+) s\)"
    r"(?:; site (?P<files>\d+) files? written, \d+ removed \((?P<site>[0-9.]+) s\))?"
    r"; store (?P<added>\d+) added, (?P<replaced>\d+) replaced, (?P<dropped>\d+) dropped \((?P<load>[0-9.]+) s"
)


def project_for(corpus: Path, work: Path, size: int) -> Path:
    """A project folder whose [tool.newsld] points at the corpus, with empty output, site and store."""
    project = work / f"project-{size}"
    for folder in ("output", "site", "store"):
        shutil.rmtree(project / folder, ignore_errors=True)
    project.mkdir(parents=True, exist_ok=True)
    (project / "pyproject.toml").write_text(
        f'[tool.newsld]\nbase = "https://newsld.example/"\narticles = "{corpus}"\n', encoding="utf-8"
    )
    return project


class Watcher:
    """`newsld publish --watch` in a subprocess: the lines it prints, and its peak memory."""

    def __init__(self, project: Path, jobs: list[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "publish", "--watch", *jobs],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        self.stdout: IO[str] = self.process.stdout
        self.peak_mib = 0
        self._done = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()
        self.next_line()  # the first publish
        assert self.next_line().startswith("Watching")

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak_mib = max(self.peak_mib, tree_rss_kib(self.process.pid) // 1024)
            time.sleep(0.25)

    def next_line(self) -> str:
        line = self.stdout.readline()
        if not line:
            raise RuntimeError("newsld publish --watch stopped")
        return line

    def publish_after(self, change: Callable[[], None]) -> dict[str, float]:
        """Make a change; the figures of the publish it starts."""
        change()
        line = self.next_line()
        found = LINE.search(line)
        if found is None:
            raise RuntimeError(f"unexpected line: {line}")
        return {key: float(value) for key, value in found.groupdict().items() if value is not None}

    def stop(self) -> None:
        self._done.set()
        self.process.terminate()
        self.process.wait(30)


def changes(corpus: Path) -> dict[str, tuple[Callable[[], None], Callable[[], None]]]:
    """Each everyday change and how to undo it."""
    stories = sorted(corpus.glob("story-*.txt"))
    middle = stories[len(stories) // 2]
    retracted = stories[len(stories) // 3]
    catalogue = corpus / "entities.toml"
    originals = {path: path.read_bytes() for path in (middle, retracted, catalogue)}
    sidecar = retracted.with_suffix(".toml")
    sidecar_bytes = sidecar.read_bytes() if sidecar.exists() else None
    new = corpus / "story-new.txt"

    def restore(*paths: Path) -> Callable[[], None]:
        def undo() -> None:
            for path in paths:
                path.write_bytes(originals[path])

        return undo

    def write(path: Path, data: bytes) -> Callable[[], None]:
        def change() -> None:
            path.write_bytes(data)

        return change

    def retract() -> None:
        sidecar.unlink(missing_ok=True)
        retracted.unlink()

    def unretract() -> None:
        if sidecar_bytes is not None:
            sidecar.write_bytes(sidecar_bytes)
        retracted.write_bytes(originals[retracted])

    retitled = re.sub(rb'job_title = "([^"]*)"', rb'job_title = "Former \1"', originals[catalogue], count=1)
    return {
        "one article edited": (write(middle, originals[middle].replace(b".", b". Updated.", 1)), restore(middle)),
        "one new article": (write(new, originals[middle].replace(b". ", b"; ", 2)), new.unlink),
        "one retraction": (retract, unretract),
        "a save that changes nothing": (write(middle, originals[middle]), lambda: None),
        "one job title changed (catalogue)": (write(catalogue, retitled), restore(catalogue)),
    }


def publish_rows(size: int, corpus: Path, work: Path, runs: int, jobs: int | None) -> list[Row]:
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    project = project_for(corpus, work, size)
    seconds, peak = run_command([sys.executable, "-m", "pipeline", "publish", *jobs_args], cwd=project)
    rows = [Row(size, "publish, cold (build + site + load)", seconds, 1, f"peak RSS {peak} MiB (all processes)")]
    watcher = Watcher(project, jobs_args)
    try:
        for what, (change, undo) in changes(corpus).items():
            figures = []
            for _ in range(runs):
                figures.append(watcher.publish_after(change))
                if what != "a save that changes nothing":
                    watcher.publish_after(undo)
            total = statistics.median(f["total"] for f in figures)
            steps = ", ".join(
                f"{step} {statistics.median(f.get(step, 0.0) for f in figures):.2f}"
                for step in ("build", "site", "load")
            )
            first = figures[0]
            wrote = f"store +{first['added']:.0f} ~{first['replaced']:.0f} -{first['dropped']:.0f}"
            rows.append(Row(size, f"publish --watch: {what}", total, runs, f"{steps} s; {wrote}"))
        rows.append(Row(size, "publish --watch: peak RSS", 0.0, 1, f"{watcher.peak_mib} MiB over these publishes"))
    finally:
        watcher.stop()
    change, undo = changes(corpus)["one article edited"]
    fresh: list[float] = []
    for _ in range(runs):
        change()
        fresh.append(run_command([sys.executable, "-m", "pipeline", "publish", *jobs_args], cwd=project)[0])
        undo()
        run_command([sys.executable, "-m", "pipeline", "publish", *jobs_args], cwd=project)
    rows.append(Row(size, "newsld publish, one article edited (a fresh process)", statistics.median(fresh), runs))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsld-bench"))
    options = parser.parse_args()
    corpus = options.work / f"corpus-{options.size}"
    if not (corpus / "entities.toml").exists():
        generate(options.size, corpus)
    from bench.run import print_table

    print_table(publish_rows(options.size, corpus.resolve(), options.work.resolve(), options.runs, options.jobs))


if __name__ == "__main__":
    main()
