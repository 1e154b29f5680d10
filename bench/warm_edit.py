"""One edited article in a warm process: the cost a watching process pays per edit, without the
watch's file-system events around it.

    python bench/warm_edit.py --size 10000 --edits 7 --work /tmp/newsld-bench [--profile]

In a project over a generated corpus (bench/generate.py; kept in `--work` and reused), it publishes
once (build + site + embedded store), then edits `--edits` articles one at a time, publishing each
edit with `publish(changed=[path])` as `newsld publish --watch` does, and undoing it (untimed). The
process is frozen for the garbage collector after each publish, as the watch does. It prints each
edit's time and the median; `--profile` prints a cProfile of the middle edit. Timings are not
asserted anywhere.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from pipeline.io.files import swept_once  # noqa: E402
from pipeline.live.publish import publish  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsld-warm-edit"))
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    corpus, project = options.work / f"corpus-{options.size}", options.work / f"project-{options.size}"
    if not corpus.exists():
        generate(options.size, corpus)
    project.mkdir(parents=True, exist_ok=True)
    (project / "pyproject.toml").write_text(
        f'[tool.newsld]\nbase = "https://newsld.example/"\narticles = "{corpus}"\n', encoding="utf-8"
    )
    os.chdir(project)
    articles = sorted(corpus.rglob("*.txt"))
    with swept_once():
        started = time.perf_counter()
        publish()
        print(f"first publish: {time.perf_counter() - started:.1f} s")
        gc.freeze()
        times, profile = [], cProfile.Profile()
        for n in range(options.edits):
            article = articles[(n * 7919) % len(articles)]
            text = article.read_text(encoding="utf-8")
            article.write_text(text.replace(".", " again.", 1), encoding="utf-8")
            middle = options.profile and n == options.edits // 2
            started = time.perf_counter()
            if middle:
                profile.enable()
            publish(changed=[article])
            if middle:
                profile.disable()
            times.append(time.perf_counter() - started)
            article.write_text(text, encoding="utf-8")
            publish(changed=[article])
            gc.freeze()
    print(f"{options.size} articles, one edit: median {statistics.median(times):.3f} s", [round(t, 3) for t in times])
    if options.profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
