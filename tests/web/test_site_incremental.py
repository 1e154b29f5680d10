"""`newsld site` renders only what a build changed, and gives the folder `--full` gives.

For each kind of change (an article's text, its sidecar, an article added, removed, a catalogue
job title, a new alias that makes new mentions, an entity removed, the first article with a time,
the publisher's settings), the project is built, the site updated in place, and compared byte for
byte with a site made from scratch with `--full` in another folder (the kept state file aside).
Each step must also change the site, and render fewer pages than a full run where it can.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.web.state import STATE_FILE
from tests.conftest import ROOT, snapshot
from tests.web.test_site import SEED

QUOTES = ROOT / "tests" / "data" / "quotes" / "core"
RENDERED = re.compile(r"\(rendered (\d+) and (\d+): what the build changed\)")


def site_files(folder: Path) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(folder).items() if name != STATE_FILE}


def publish(runner: CliRunner, project: Path, step: str) -> tuple[dict[str, bytes], tuple[int, int] | None]:
    """Build, update the site in place, make one from scratch with --full; both must be the same."""
    built = runner.invoke(app, ["build", "-q"])
    assert built.exit_code in (0, 1), (step, built.output)
    incremental = runner.invoke(app, ["site"])
    assert incremental.exit_code == 0, (step, incremental.output)
    fresh = project / "full"
    shutil.rmtree(fresh, ignore_errors=True)
    full = runner.invoke(app, ["site", "--full", "--out", "full"])
    assert full.exit_code == 0, (step, full.output)
    kept, made = site_files(project / "site"), site_files(fresh)
    assert sorted(kept) == sorted(made), (step, sorted(set(kept) ^ set(made)))
    different = [name for name in kept if kept[name] != made[name]]
    assert different == [], (step, different)
    rendered = RENDERED.search(incremental.stdout)
    return kept, (int(rendered[1]), int(rendered[2])) if rendered else None


def test_every_kind_of_change_renders_what_full_renders(project: Path, runner: CliRunner) -> None:
    articles = project / "articles"
    catalogue = articles / "entities.toml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8") + "\n" + (QUOTES / "entities.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    for name in ("01-port-strike", "02-energy-results", "03-minister-interview"):
        shutil.copy(QUOTES / f"{name}.txt", articles / f"{name}.txt")
    (articles / "01-port-strike.toml").write_text('headline = "Port strike"\ndate_published = 2025-05-01\n')
    (articles / "02-energy-results.toml").write_text(
        'headline = "Energy results"\ndate_published = 2025-05-02\nabout = ["brightwater"]\n'
    )
    before, _ = publish(runner, project, "first")

    def step(name: str, edit: object) -> tuple[int, int] | None:
        nonlocal before
        after, rendered = publish(runner, project, name)
        assert after != before, f"{name}: the site did not change"
        before = after
        return rendered

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (path, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(articles / f"{SEED}.txt", "sobering alert", "stark warning")
    assert step("article text", None) == (1, 3)  # the article and the entities it names

    edit(articles / "02-energy-results.toml", 'headline = "Energy results"', 'headline = "Brightwater results"')
    rendered = step("sidecar", None)
    assert rendered is not None and rendered[0] == 1

    shutil.copy(QUOTES / "04-financing-deal.txt", articles / "04-financing-deal.txt")
    rendered = step("article added", None)
    assert rendered is not None and rendered[0] == 1

    (articles / "03-minister-interview.txt").unlink()
    rendered = step("article removed", None)
    assert rendered is not None and rendered[0] == 0
    assert not (project / "site/article/03-minister-interview.html").exists()

    edit(
        catalogue,
        'job_title = "Chief Executive Officer"\nworks_for = "fiverr"',
        'job_title = "Founder"\nworks_for = "fiverr"',
    )
    step("job title", None)
    assert "<dd>Founder</dd>" in (project / "site/person/micha-kaufman.html").read_text(encoding="utf-8")

    edit(catalogue, 'name = "Noah Wire Services"', 'name = "Noah Wire Services"\naliases = ["Test Wire"]')
    step("alias", None)

    catalogue.write_text(
        catalogue.read_text(encoding="utf-8") + '\n[entity.varde]\ntype = "Organization"\nname = "Varde"\n'
    )
    step("entity added", None)
    assert (project / "site/organization/varde.html").is_file()
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace('\n[entity.varde]\ntype = "Organization"\nname = "Varde"\n', "")
    )
    step("entity removed", None)
    assert not (project / "site/organization/varde.html").exists()

    assert not (project / "site/feed.atom").exists()  # dates without times: no feed yet
    edit(articles / "01-port-strike.toml", "date_published = 2025-05-01", "date_published = 2025-05-01T09:30:00Z")
    step("the first article with a time", None)  # every page now links the feed
    assert (project / "site/feed.atom").is_file()

    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + '\n[tool.newsld.publisher]\nname = "The Daily Example"\n',
        encoding="utf-8",
    )
    step("publisher", None)
    assert (project / "site/organization/the-daily-example.html").is_file()

    unchanged, rendered = publish(runner, project, "nothing changed")
    assert unchanged == before and rendered == (0, 0)
