"""`newsld publish`: build, then the web site, then the store, in one call, each step only as far
as the build changed things (`pipeline.builder.state`: the site and the store act on the graphs
that changed).

The steps are the library functions of the commands (`build`, `build_site`, `load_files`), run in
this order; each can be left out (`steps`, default: [tool.newsld] publish, else all three). A build
that fails to read its inputs (a broken catalogue, no articles) stops the publish before the site
and the store; articles that do not conform are reported and keep their earlier output, and the
site and the store still follow what is published.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.builder.corpus import BuildSummary, build
from pipeline.config import load_settings
from pipeline.errors import UsageError
from pipeline.store.load import load_files
from pipeline.store.summary import LoadSummary
from pipeline.web.site import SiteResult, build_site

STEPS = ("build", "site", "load")


@dataclass
class PublishSummary:
    """What each step of a publish did (None: the step was left out)."""

    build: BuildSummary | None = None
    site: SiteResult | None = None
    load: LoadSummary | None = None
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """The build's: 0 all published, 1 an article does not conform, 2 an article could not be read."""
        return self.build.exit_code if self.build is not None else 0


def publish(
    paths: Sequence[Path] | None = None,
    *,
    steps: Collection[str] | None = None,
    out: Path | None = None,
    site: Path | None = None,
    store: Path | None = None,
    graph_store: str | None = None,
    endpoint: str | None = None,
    base: str | None = None,
    catalogue: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    full: bool = False,
    title: str | None = None,
    timeout: float = 30.0,
    changed: Collection[Path] | None = None,
) -> PublishSummary:
    """Build the articles under `paths` into `out`, publish the site to `site` and load the store
    (`store`, or the server at `graph_store`), each step as far as things changed; defaults from
    [tool.newsld]. `force` rebuilds every article, `full` loads every graph again; `changed`, the
    files a watcher saw change since the last publish, spares the build a look at every file.

    >>> summary = publish(steps=("build", "load"))
    >>> summary.build.built, summary.load.replaced
    """
    started = time.perf_counter()
    settings = load_settings()
    chosen = tuple(steps) if steps is not None else settings.publish
    unknown = sorted(set(chosen) - set(STEPS))
    if unknown:
        raise UsageError(f"unknown publish step(s) {', '.join(unknown)}: the steps are {', '.join(STEPS)}.")
    output = out or settings.output
    summary = PublishSummary()
    if "build" in chosen:
        summary.build = build(
            paths, out=output, base=base, catalogue=catalogue, jobs=jobs, force=force, changed=changed
        )
    if "site" in chosen:
        summary.site = build_site(output, site, base, title)
    if "load" in chosen:
        summary.load = load_files(
            store=store, graph_store=graph_store, endpoint=endpoint, full=full, output=output, timeout=timeout
        )
    summary.seconds = time.perf_counter() - started
    return summary
