"""Process faults end cleanly (issue 22, cases 4-8): a file size limit, a killed parent, two builds
or two site runs at once, Ctrl-C and SIGTERM during a long query, a site killed mid-write.

Each runs newsld in a subprocess, bounded in time; nothing here talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.generate import generate
from tests.conftest import snapshot

NEWSLD = [sys.executable, "-m", "pipeline"]


def file_size_limit(kib: int) -> Callable[[], None]:
    """For preexec_fn: no file this process writes may grow past `kib` KiB (as `ulimit -f`)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (kib * 1024, kib * 1024))

    return limit


def test_a_full_disk_on_a_fresh_build_is_one_message(project: Path) -> None:
    """Case 4: the dataset's scratch file, written outside the atomic writer, was a traceback."""
    generate(40, project / "corpus", seed=4)
    done = subprocess.run(
        [*NEWSLD, "build", "corpus", "--out", "fresh", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=file_size_limit(20),
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "error: fresh: cannot be written (File too large: over the file size limit, `ulimit -f`)."
        " Raise the limit or choose another --out; the earlier files are unchanged.\n"
    )
    assert "Traceback" not in done.stdout
    assert sorted(path.name for path in (project / "fresh").iterdir()) == []  # no partial or temporary file


def test_a_full_disk_on_a_rebuild_keeps_every_earlier_file(project: Path) -> None:
    generate(40, project / "corpus", seed=4)
    built = subprocess.run(
        [*NEWSLD, "build", "corpus", "-q"], cwd=project, capture_output=True, timeout=300, check=False
    )
    assert built.returncode == 0, built.stdout
    before = snapshot(project / "output")
    done = subprocess.run(
        [*NEWSLD, "build", "corpus", "-q", "--force"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=file_size_limit(20),
        check=False,
    )
    assert (done.returncode, done.stderr.count("\n")) == (2, 1), done.stderr
    assert done.stderr.startswith("error: output: cannot be written (File too large")
    assert snapshot(project / "output") == before
