"""`newsld init`: a new publisher's project that builds at once, and never overwrites one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.cli.init import init_project
from tests.conftest import ROOT


def test_init_scaffolds_a_project_that_builds(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "paper"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created paper/pyproject.toml",
        "created paper/articles/entities.toml",
        "created paper/articles/fiverr-ceo-ai-warning.toml",
        "created paper/articles/fiverr-ceo-ai-warning.txt",
        "created paper/.gitignore",
        "Next: cd paper && newsld build",
    ]
    for name in ("entities.toml", "fiverr-ceo-ai-warning.txt", "fiverr-ceo-ai-warning.toml"):
        assert (tmp_path / "paper" / "articles" / name).read_bytes() == (ROOT / "articles" / name).read_bytes()
    os.chdir(tmp_path / "paper")
    built = runner.invoke(app, ["build"])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "paper" / "output" / "fiverr-ceo-ai-warning.ttl").read_bytes() == (
        ROOT / "output" / "fiverr-ceo-ai-warning.ttl"
    ).read_bytes()


def test_init_adds_its_table_to_an_existing_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "paper"\n', encoding="utf-8")
    summary = init_project(tmp_path)
    assert summary.created[0] == "pyproject.toml"
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith('[project]\nname = "paper"\n\n[tool.newsld]\n')


def test_init_refuses_to_overwrite(tmp_path: Path, runner: CliRunner) -> None:
    init_project(tmp_path / "one")
    again = runner.invoke(app, ["init", str(tmp_path / "one")])
    assert again.exit_code == 2
    assert again.stderr == (
        f"error: {tmp_path / 'one' / 'pyproject.toml'}: is already a newsld project. Run `newsld build` there.\n"
    )
    (tmp_path / "two" / "articles").mkdir(parents=True)
    (tmp_path / "two" / "articles" / "mine.txt").write_text("mine", encoding="utf-8")
    mixed = runner.invoke(app, ["init", str(tmp_path / "two")])
    assert mixed.exit_code == 2
    assert "exists and is not empty; newsld init does not mix its example into your files." in mixed.stderr
    assert not (tmp_path / "two" / "pyproject.toml").exists()
