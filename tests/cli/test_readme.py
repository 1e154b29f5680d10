"""The README cannot drift: its command reference is what the commands declare, option for option."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.cli.reference import END, START, command_reference, replace_block
from tests.conftest import ROOT


def test_the_readme_command_reference_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_block(readme, command_reference()) == readme, (
        "README.md's command reference is out of date: run `python -m pipeline.cli.reference README.md`"
    )


@pytest.mark.parametrize("command", ["build", "init", "load", "query", "quotes", "serve", "site", "validate"])
def test_every_option_in_help_is_in_the_reference(command: str, runner: CliRunner) -> None:
    """The generator reads the declarations `--help` is made from; prove they agree."""
    shown = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert shown.exit_code == 0
    in_help = set(re.findall(r"(?m)^\s+(?:-\w, )?(--[a-z][a-z-]*)", shown.stdout)) - {"--help"}
    section = command_reference().split(f"#### `newsld {command}`", 1)[1].split("#### ", 1)[0]
    in_reference = set(re.findall(r"`(--[a-z][a-z-]*)`", section))
    assert in_help == {option for option in in_reference if not option.startswith("--no-")}


def test_markers_are_in_place() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(START) == readme.count(END) == 1
    for option in ("--catalogue", "--input-format", "--timeout", "--list", "--keep-removed", "--schemaorg"):
        assert f"`{option}`" in readme.split(START, 1)[1].split(END, 1)[0]
