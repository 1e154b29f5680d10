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


def readme_commands() -> list[str]:
    """Every newsld command the README and docs/ show: in code blocks (`$ newsld …`) and in inline code."""
    readme = "\n".join(
        p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    )
    blocks = re.findall(r"(?m)^(?:\$ )?(?:\.venv/bin/)?(newsld [^\n]*)$", readme)
    inline = re.findall(r"`(newsld [^`]*)`", readme)
    return sorted(set(blocks + inline))


def test_readme_commands_paste_into_a_shell_as_they_are() -> None:
    """Issue 22, case 14: `--param article=<https://…>` pasted into a shell is a redirection."""
    import shlex

    commands = readme_commands()
    assert len(commands) > 20
    for command in commands:
        lexer = shlex.shlex(command.split(" && ")[0], posix=True, punctuation_chars="<>|;&")
        tokens = list(lexer)
        redirections = [token for token in tokens if set(token) <= set("<>")]
        assert redirections in ([], [">"]), f"{command!r} redirects: quote its <…>"
        if redirections:
            assert tokens[-2] == ">", f"{command!r}: only an output file at the end"
