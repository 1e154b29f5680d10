"""Benchmarks: build, rebuild, load and query generated corpora; print a table of the figures.

    python bench/run.py --sizes 1000 10000 --work /tmp/newsld-bench

For each size it generates a corpus (bench/generate.py, same seed every time) and measures, with
the `newsld` command in a subprocess as a user runs it: the cold build, a no-change rebuild, a
rebuild after one article changed, after one catalogue job title changed and after one alias was
added, `newsld load` of the result into a fresh embedded store, and peak memory (resident set,
summed over the build's processes, sampled four times a second), and per-stage CPU time per
article (bench/stages.py). In-process it measures each shipped query on the loaded store, over the
whole corpus and scoped to one article. Then live publishing (bench/publish.py): a cold `newsld
publish`, and build + site + load after each everyday change in a running `newsld publish
--watch`. As the floor it times pyoxigraph alone parsing and re-serializing the
dataset's parts, and prints each figure's ratio to it. Short runs are repeated and their median taken.
Timings are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

SET_ASIDE: list[Path] = []  # earlier outputs moved aside by cold builds, removed at the end


@dataclass
class Row:
    size: int
    what: str
    seconds: float
    runs: int
    note: str = ""


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB, from each process's
    /proc/<pid>/stat (one short read each: reading every `status` cost 6.5 ms a sample, which at
    20 samples a second took 13% of a core from the build being measured)."""
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):  # noqa: PTH208 - names, not a Path each
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:  # noqa: PTH123
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()  # after the command name, which may hold spaces
        parents[int(name)] = int(fields[1])  # field 4, ppid
        rss[int(name)] = int(fields[21]) * page_kib  # field 24, rss in pages
    family = {pid}
    grew = True
    while grew:
        grew = False
        for child, parent in parents.items():
            if parent in family and child not in family:
                family.add(child)
                grew = True
    return sum(rss.get(p, 0) for p in family)


def run_command(args: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Run a command; return (wall seconds, peak summed RSS in MiB of its process tree)."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, error = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {process.returncode}: {error.decode()[-2000:]}")
    return elapsed, peak // 1024


def median_of(runs: int, action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(runs))


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def newsld(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def catalogue_rows(size: int, corpus: Path, out: Path, jobs_args: list[str], runs: int) -> list[Row]:
    """The everyday catalogue edits: one job title changed, one alias added (each built, then
    undone; the median of `runs` such builds)."""
    catalogue = corpus / "entities.toml"
    found: list[Row] = []

    def catalogue_edit(edit: Callable[[str], str]) -> tuple[float, str]:
        """Build after editing the catalogue, then restore it (and the build); the time and the summary."""
        original = catalogue.read_text(encoding="utf-8")
        catalogue.write_text(edit(original), encoding="utf-8")
        try:
            started = time.perf_counter()
            result = subprocess.run(
                newsld("build", str(corpus), "--out", str(out), "--quiet", *jobs_args),
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.perf_counter() - started
        finally:
            catalogue.write_text(original, encoding="utf-8")
            run_command(newsld("build", str(corpus), "--out", str(out), "--quiet", *jobs_args))
        return elapsed, result.stdout.strip().splitlines()[-1].split(":")[0]

    def new_title(text: str) -> str:
        return re.sub(r'job_title = "([^"]*)"', r'job_title = "Former \1"', text, count=1)

    def new_alias(text: str) -> str:
        # The first organisation gets its first word as an alias ("Pacific" for "Pacific Juniper Holdings").
        return re.sub(
            r'(\[entity\.org-1\]\ntype = "Organization"\nname = "(\w+)[^"]*")', r'\1\naliases = ["\2"]', text, count=1
        )

    for what, edit in (("one job title changed (catalogue)", new_title), ("one alias added (catalogue)", new_alias)):
        measured = [catalogue_edit(edit) for _ in range(runs)]
        found.append(Row(size, what, statistics.median(m[0] for m in measured), runs, measured[0][1]))
    return found


def cold_build(size: int, corpus: Path, out: Path, jobs_args: list[str], runs: int) -> tuple[Row, int]:
    """The median of `runs` builds of the corpus into an empty folder, and the largest peak memory;
    and the number of quads in the dataset built."""
    # Each cold build writes into an empty folder: the previous output is moved aside, and removed
    # only when the whole benchmark is done (`main`). On a file system without a journal (this
    # machine's ext4), creating a file within a minute of deleting many costs ~0.7 ms of kernel CPU
    # (ext4 skips recently freed inodes one by one), and the benchmark's own clean-up would be
    # charged to the builds it measures.
    colds: list[float] = []
    peaks: list[int] = []
    for attempt in range(runs):
        if out.exists():
            aside = out.with_name(f"{out.name}.old-{attempt}")
            out.rename(aside)
            SET_ASIDE.append(aside)
        seconds, peak = run_command(newsld("build", str(corpus), "--out", str(out), "--quiet", *jobs_args))
        colds.append(seconds)
        peaks.append(peak)
    triples = sum(1 for part in sorted((out / "dataset").glob("*.nq")) for _ in part.open("rb"))
    cold, peak = statistics.median(colds), max(peaks)
    return Row(size, "cold build", cold, runs, f"{triples:,} triples; peak RSS {peak} MiB (all processes)"), triples


def bench_size(size: int, work: Path, runs: int, jobs: int | None) -> list[Row]:
    import pyoxigraph as ox

    from pipeline.store.query import parse_param, run_query, shipped_queries
    from pipeline.store.results import Term

    corpus, out, store = work / f"corpus-{size}", work / f"out-{size}", work / f"store-{size}"
    if not (corpus / "entities.toml").exists():
        generate(size, corpus)
    jobs_args = ["--jobs", str(jobs)] if jobs else []
    rows: list[Row] = []

    cold, triples = cold_build(size, corpus, out, jobs_args, runs)
    rows.append(cold)

    rows.append(
        Row(
            size,
            "no-change rebuild",
            median_of(
                runs, lambda: run_command(newsld("build", str(corpus), "--out", str(out), "--quiet", *jobs_args))[0]
            ),
            runs,
        )
    )

    def one_changed(index: int) -> float:
        article = sorted(corpus.glob("*.txt"))[index]
        original = article.read_bytes()
        article.write_bytes(original.replace(b".", b". Updated.", 1))
        try:
            return run_command(newsld("build", str(corpus), "--out", str(out), "--quiet", *jobs_args))[0]
        finally:
            article.write_bytes(original)

    changed = statistics.median(one_changed(i) for i in range(runs))
    run_command(newsld("build", str(corpus), "--out", str(out), "--quiet", *jobs_args))  # back to the original
    rows.append(Row(size, "one-article-changed rebuild", changed, runs))

    rows += catalogue_rows(size, corpus, out, jobs_args, runs)
    if size <= 1000:  # the stages do not depend on the corpus size
        from bench.stages import stage_times

        # Each stage's median over the articles, and of that the median over `runs` passes: this
        # machine's speed drifts by a quarter from one minute to the next.
        count = min(size, 300)
        passes = [stage_times(corpus, count) for _ in range(runs)]
        stages = {stage: statistics.median(p[stage] for p in passes) for stage in passes[0]}
        total = statistics.median(sum(p.values()) for p in passes)
        for stage, ms in stages.items():
            rows.append(Row(size, f"stage: {stage}", ms / 1000, runs, f"{ms:.2f} ms CPU per article, {count} articles"))
        rows.append(
            Row(size, "stages together", total / 1000, runs, f"{total:.2f} ms CPU per article, {count} articles")
        )

    def load() -> float:
        shutil.rmtree(store, ignore_errors=True)
        return run_command(newsld("load", str(out / "dataset"), "--store", str(store)))[0]

    rows.append(
        Row(
            size,
            "newsld load (fresh embedded store)",
            median_of(min(runs, 3), load),
            min(runs, 3),
            f"{triples:,} quads",
        )
    )

    first_article = ox.Store.read_only(str(store))
    article = next(iter(sorted(g.value for g in first_article.named_graphs())))
    del first_article

    def query_time(name: str, params: dict[str, Term] | None = None) -> float:
        return median_of(runs, lambda: timed(lambda: run_query(name, store=store, params=params)))

    for name in shipped_queries():
        count = len(run_query(name, store=store).rows)
        rows.append(Row(size, f"query {name} (whole corpus)", query_time(name), runs, f"{count:,} rows"))
        if name != "people":
            key = "entity" if name == "mentions" else "article"
            value = article if key == "article" else "https://newsld.example/person/person-1"
            rows.append(
                Row(size, f"query {name} (one {key})", query_time(name, dict([parse_param(f"{key}=<{value}>")])), runs)
            )

    def floor() -> float:
        parts = sorted((out / "dataset").glob("*.nq"))
        return timed(
            lambda: [
                ox.serialize(ox.parse(path=str(part), format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
                for part in parts
            ]
        )

    rows.append(Row(size, "FLOOR: pyoxigraph parse + serialize the dataset", median_of(runs, floor), runs))

    from bench.publish import publish_rows

    # Build + site + load after each everyday change, in a warm `newsld publish --watch` (bench/publish.py).
    rows += publish_rows(size, corpus.resolve(), work.resolve(), min(runs, 3), jobs)
    return rows


def startup(runs: int) -> list[Row]:
    help_time = median_of(runs, lambda: run_command([sys.executable, "-m", "pipeline", "--help"])[0])
    typer_time = median_of(runs, lambda: run_command([sys.executable, "-c", "import typer"])[0])
    return [
        Row(0, "newsld --help", help_time, runs, f"{help_time / typer_time:.2f}x `python -c 'import typer'`"),
        Row(0, "python -c 'import typer'", typer_time, runs),
    ]


def print_table(rows: list[Row]) -> None:
    floors = {r.size: r.seconds for r in rows if r.what.startswith("FLOOR")}
    print("| articles | measurement | seconds | runs (median) | x floor | notes |")
    print("|---:|---|---:|---:|---:|---|")
    for row in rows:
        floor = floors.get(row.size)
        size = f"{row.size:,}" if row.size else "-"
        if row.what.startswith("stage"):  # CPU per article, in the notes: a wall-clock ratio means nothing
            print(f"| {size} | {row.what} | - | {row.runs} passes |  | {row.note} |")
            continue
        ratio = f"{row.seconds / floor:.1f}" if floor else ""
        print(f"| {size} | {row.what} | {row.seconds:.3f} | {row.runs} | {ratio} | {row.note} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsld-bench"), help="scratch folder")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of short measurements")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for builds [default: cores]")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)
    # Bytecode for newsld's own modules, as `pip install` writes it for an installed package: an
    # editable checkout under PYTHONDONTWRITEBYTECODE=1 (set on some machines) would otherwise
    # compile every module on every run, 0.15 s of each command that no installed copy pays.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
    for leftover in args.work.glob("out-*.old-*"):  # a run that was stopped: removed before timing starts
        shutil.rmtree(leftover, ignore_errors=True)
    rows = startup(args.runs)
    try:
        for size in args.sizes:
            rows += bench_size(size, args.work, args.runs, args.jobs)
            print_table(rows)
            print(flush=True)
    finally:
        for aside in SET_ASIDE:
            shutil.rmtree(aside, ignore_errors=True)
    builds = {r.size: r.seconds for r in rows if r.what == "cold build"}
    if len(builds) >= 2:
        small, large = min(builds), max(builds)
        print(
            f"cold build scaling: {large / small:.0f}x the articles took {builds[large] / builds[small]:.1f}x the time"
        )


if __name__ == "__main__":
    main()
