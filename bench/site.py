"""`newsld site` time and page weight on a generated corpus.

    python bench/site.py --size 1000 --runs 3 --work /tmp/newsld-site

Generates and builds a corpus (bench/generate.py, same seed every time), then times `newsld site`
as a user runs it (a subprocess): into an empty folder (cold), again with nothing changed, after
one article changed (rebuilt first; only the site step is timed), and `--full` with nothing
changed. Each figure is the median of `--runs`, with the largest peak RSS of those runs. Then
prints the page weight: article pages (median and largest, with and without the embedded
JSON-LD), entity pages, and the whole site. Timings are not asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

NEWSLD = [sys.executable, "-m", "pipeline"]
SCRIPT = re.compile(rb"<script type=\"application/ld\+json\">.*?</script>", re.DOTALL)


PEAKS: dict[str, int] = {}


def newsld(*args: str, cwd: Path, label: str = "") -> float:
    """Run newsld; return its wall time, and keep its peak RSS (kB) under `label`."""
    started = time.perf_counter()
    process = subprocess.Popen([*NEWSLD, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"newsld {' '.join(args)} failed ({process.returncode})")
    if label:
        PEAKS[label] = max(PEAKS.get(label, 0), usage.ru_maxrss)
    return time.perf_counter() - started


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsld-site"))
    options = parser.parse_args()

    work = options.work
    shutil.rmtree(work, ignore_errors=True)
    generate(options.size, work / "articles", seed=1)
    (work / "pyproject.toml").write_text('[tool.newsld]\nbase = "https://newsld.example/"\n', encoding="utf-8")
    newsld("build", "--quiet", cwd=work)

    cold, unchanged, one_changed, full = [], [], [], []
    for _ in range(options.runs):
        shutil.rmtree(work / "site", ignore_errors=True)
        cold.append(newsld("site", cwd=work, label="cold"))
        unchanged.append(newsld("site", cwd=work, label="nothing changed"))
        story = sorted((work / "articles").glob("*.txt"))[0]
        story.write_text(story.read_text(encoding="utf-8").replace(" the ", " a ", 1), encoding="utf-8")
        newsld("build", "--quiet", cwd=work)
        one_changed.append(newsld("site", cwd=work, label="one article changed"))
        full.append(newsld("site", "--full", cwd=work, label="--full"))

    site = work / "site"
    articles = sorted((site / "article").glob("*.html"))
    sizes = [p.stat().st_size for p in articles]
    without = [len(SCRIPT.sub(b"", p.read_bytes())) for p in articles]
    entities = [p.stat().st_size for folder in ("person", "organization") for p in (site / folder).glob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    files = sum(1 for p in site.rglob("*") if p.is_file())

    print(f"newsld site, {options.size} articles, median of {options.runs} (s), peak RSS:")
    for label, times in (
        ("cold", cold),
        ("nothing changed", unchanged),
        ("one article changed", one_changed),
        ("--full", full),
    ):
        print(f"  {label:<22}{statistics.median(times):7.2f}   {PEAKS[label] / 1024:6.0f} MB")
    print("page weight (HTML, uncompressed; the CSS is one shared file):")
    print(f"  article page  median {kb(statistics.median(sizes))}, largest {kb(max(sizes))}")
    print(f"    without its JSON-LD  median {kb(statistics.median(without))}, largest {kb(max(without))}")
    print(f"  entity page   median {kb(statistics.median(entities))}, largest {kb(max(entities))}")
    print(f"  style.css     {kb((site / 'style.css').stat().st_size)}")
    print(f"  whole site    {total / 1024 / 1024:.1f} MB in {files} files")


if __name__ == "__main__":
    main()
