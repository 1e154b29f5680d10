"""How fast a build's per-graph state reads and writes, in the formats it could be kept in.

    python bench/state.py --articles 100000 --runs 5

Makes the state of a dataset of `--articles` article graphs and one shared graph per 14 articles
(as bench/generate.py's catalogue has), and times, as the median of `--runs`: writing and reading
`graphs.tsv` (`pipeline.builder.state`, what newsld keeps), the same index as JSON (orjson, as
the manifest kept it before), and in an SQLite table (the standard library's sqlite3); and
reading only the build id. Timings are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.builder.state import BuildState, GraphEntry, read_build_id, read_state  # noqa: E402

BASE = "https://newsld.example/"


def state_of(articles: int) -> BuildState:
    graphs: dict[str, GraphEntry] = {}
    offset = 0
    for number in range(articles + articles // 14):
        article = number < articles
        iri = f"{BASE}article/story-{number:06d}" if article else f"{BASE}person/person-{number - articles}"
        length = 35_000 if article else 600
        graphs[iri] = GraphEntry(hashlib.sha256(iri.encode()).hexdigest(), offset, length, article)
        offset += length
    return BuildState.of(graphs)


def median(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    state = state_of(options.articles)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        as_json = folder / "graphs.json"
        database = folder / "graphs.sqlite"

        def write_json() -> None:
            data = {g: [e.digest, e.start, e.length, int(e.article)] for g, e in state.graphs.items()}
            as_json.write_bytes(orjson.dumps({"build": state.build, "size": state.size, "graphs": data}))

        def read_json() -> dict[str, GraphEntry]:
            data = orjson.loads(as_json.read_bytes())["graphs"]
            return {g: GraphEntry(d, s, n, bool(a)) for g, (d, s, n, a) in data.items()}

        def write_sqlite() -> None:
            database.unlink(missing_ok=True)
            with sqlite3.connect(database) as db:
                db.execute(
                    "CREATE TABLE graph (iri TEXT PRIMARY KEY, digest TEXT, start INT, length INT, article INT)"
                    " WITHOUT ROWID"
                )
                db.executemany(
                    "INSERT INTO graph VALUES (?, ?, ?, ?, ?)",
                    ((g, e.digest, e.start, e.length, int(e.article)) for g, e in state.graphs.items()),
                )
            db.close()

        def read_sqlite() -> dict[str, GraphEntry]:
            db = sqlite3.connect(database)
            try:
                rows = db.execute("SELECT iri, digest, start, length, article FROM graph")
                return {g: GraphEntry(d, s, n, bool(a)) for g, d, s, n, a in rows}
            finally:
                db.close()

        rows = [
            ("graphs.tsv (newsld)", median(options.runs, lambda: state.write(folder)), lambda: read_state(folder)),
            ("JSON (orjson)", median(options.runs, write_json), read_json),
            ("SQLite (sqlite3)", median(options.runs, write_sqlite), read_sqlite),
        ]
        print(f"{options.articles:,} articles, {len(state.graphs):,} graphs; median of {options.runs} runs\n")
        print("| format | size (MB) | write (s) | read every graph (s) |")
        print("|---|---:|---:|---:|")
        for (name, write, read), path in zip(rows, (folder / "graphs.tsv", as_json, database), strict=True):
            size = path.stat().st_size / 1e6
            print(f"| {name} | {size:.1f} | {write:.3f} | {median(options.runs, read):.3f} |")
        alone = median(options.runs, lambda: read_build_id(folder))
        print(f"\nread the build id alone (graphs.tsv's first line): {alone:.5f} s")


if __name__ == "__main__":
    main()
