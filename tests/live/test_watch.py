"""`newsld publish --watch`: an edit reaches the output, the site and the store; Ctrl-C stops it."""

from __future__ import annotations

import gc
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from pipeline.live.watch import Publication, watch
from tests.conftest import ROOT, SEED_IRI

PAGE = Path("site") / "article" / "fiverr-ceo-ai-warning.html"


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def store_says(project: Path, text: str) -> bool:
    store = ox.Store.read_only(str(project / "store"))
    try:
        return any(text in str(q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(SEED_IRI)))
    finally:
        del store


def test_an_edit_is_published_to_the_site_and_the_store(project: Path) -> None:
    seen: list[Publication] = []
    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(
        target=lambda: watch(on_publish=seen.append, stop=stop, ready=ready.set, jobs=1), daemon=True
    )
    watcher.start()
    try:
        assert ready.wait(60), "the first publish and the watch are in place"
        assert len(seen) == 1 and seen[0].changed == () and seen[0].error is None
        assert gc.get_freeze_count() > 0, "what a publish left is out of the garbage collector's way"
        assert "sobering" in (project / PAGE).read_text(encoding="utf-8")

        article = project / "articles" / "fiverr-ceo-ai-warning.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("sobering", "stark"), encoding="utf-8")
        assert wait_for(lambda: len(seen) >= 2), "the edit was published"
        second = seen[1]
        assert second.changed == ("articles/fiverr-ceo-ai-warning.txt",)
        assert second.summary is not None and second.summary.load is not None
        assert second.summary.load.replaced == [SEED_IRI]
        assert "stark" in (project / PAGE).read_text(encoding="utf-8")
        assert store_says(project, "stark") and not store_says(project, "sobering")

        (project / "output" / "ignored.txt").write_text("newsld's own folders do not count", encoding="utf-8")
        catalogue = project / "articles" / "entities.toml"
        catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n[broken\n", encoding="utf-8")
        assert wait_for(lambda: len(seen) >= 3)
        assert seen[2].error is not None and "entities.toml" in str(seen[2].error), "reported; the watch goes on"
        catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("\n[broken\n", ""), encoding="utf-8")
        assert wait_for(lambda: len(seen) >= 4)
        assert seen[3].error is None
        time.sleep(0.5)
        assert len(seen) == 4, "what newsld writes never starts a publish"

        # A folder moved in names none of its files: the build looks at every file.
        drafts = project / "drafts"
        drafts.mkdir()
        (drafts / "second-story.txt").write_bytes(article.read_bytes())
        drafts.rename(project / "articles" / "world")
        assert wait_for(lambda: len(seen) >= 5)
        fifth = seen[4].summary
        assert fifth is not None and fifth.build is not None
        assert [a.slug for a in fifth.build.built] == ["second-story"]
        assert (project / "site" / "article" / "second-story.html").is_file()
    finally:
        stop.set()
        watcher.join(10)
    assert not watcher.is_alive()
    assert gc.get_freeze_count() == 0, "thawed when the watch stops"


def test_the_command_prints_a_line_per_publish_and_stops_on_ctrl_c(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "publish", "--watch", "--jobs", "1", "--no-site"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(project)},
    )
    assert process.stdout is not None
    watchdog = threading.Timer(120, process.kill)  # a line that never comes must not hang the suite
    watchdog.start()
    try:
        first = process.stdout.readline()
        assert re.search(r" published in [0-9.]+ s: built 1, failed 0 \([0-9.]+ s\); store 5 added", first), first
        assert process.stdout.readline() == "Watching for changes (Ctrl-C to stop).\n"
        article = project / "articles" / "fiverr-ceo-ai-warning.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("sobering", "stark"), encoding="utf-8")
        line = process.stdout.readline()
        assert re.fullmatch(
            r"\d\d:\d\d:\d\d articles/fiverr-ceo-ai-warning.txt changed, published in [0-9.]+ s:"
            r" built 1, failed 0 \([0-9.]+ s\); store 0 added, 1 replaced, 0 dropped \([0-9.]+ s\)\.\n",
            line,
        ), line
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert out == "Stopped.\n" and "Traceback" not in err
