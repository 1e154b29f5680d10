"""`newsld validate --schemaorg` on a generated corpus: the median of several runs of the command.

    python bench/schemaorg.py --articles 51 --runs 3

Builds the corpus once (bench/generate.py), then times the command on every article's JSON-LD, as
a user runs it (project shapes and schema.org's), and prints the median and each run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=51)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--articles", str(options.articles), "--out", "articles"],
            cwd=root,
            check=True,
            capture_output=True,
        )
        (root / "pyproject.toml").write_text('[tool.newsld]\nbase = "https://newsld.example/"\n', encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pipeline", "build", "-q"], cwd=root, check=False, capture_output=True)
        files = sorted(str(p.relative_to(root)) for p in (root / "output").glob("*.jsonld"))
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "pipeline", "validate", "--schemaorg", *files],
                cwd=root,
                check=False,
                capture_output=True,
            )
            times.append(time.perf_counter() - started)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr.decode())
    runs = ", ".join(f"{t:.1f}" for t in times)
    print(f"validate --schemaorg, {len(files)} files: median {statistics.median(times):.1f} s (runs: {runs})")


if __name__ == "__main__":
    main()
