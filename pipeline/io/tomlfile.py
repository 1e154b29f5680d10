"""Reading TOML with errors that point at the line: shared by the sidecar and the catalogue."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.io.files import decode, read_bytes

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


@dataclass(frozen=True)
class TomlFile:
    """A parsed TOML file that still knows its text, so later checks can name a line."""

    path: Path
    text: str
    data: dict[str, Any]

    def line_of(self, key: str | None, table: str | None = None) -> int | None:
        """The line where `key = ...` is set (inside `[table]` when given), else the table's header."""
        lines = self.text.splitlines()
        start = 0
        if table is not None:
            header = re.compile(rf"\s*\[\s*{_dotted(table)}\s*\]\s*(#.*)?")
            found = next((i for i, line in enumerate(lines) if header.fullmatch(line)), None)
            if found is None:
                return None
            start = found + 1
            if key is None:
                return start
        if key is None:
            return None
        assignment = re.compile(rf"\s*(\"{re.escape(key)}\"|{re.escape(key)})\s*=")
        for index in range(start, len(lines)):
            if table is not None and lines[index].lstrip().startswith("["):
                break
            if assignment.match(lines[index]):
                return index + 1
        return start if table is not None else None

    def error(
        self, problem: str, *, key: str | None = None, table: str | None = None, fix: str, slug: str
    ) -> InputError:
        """An InputError at the line that sets `key` (or opens `table`)."""
        line = self.line_of(key, table)
        return InputError(problem, path=self.path, line=line, fix=fix, slug=slug)


def _dotted(table: str) -> str:
    return r"\s*\.\s*".join(re.escape(part) for part in table.split("."))


def read_toml(path: Path) -> TomlFile:
    """Parse a TOML file; syntax errors carry the parser's line and column."""
    data = read_bytes(path)
    text = decode(data, path).removeprefix("\ufeff")
    try:
        return TomlFile(path=path, text=text, data=tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _POSITION.search(message)
        line = int(match[1]) if match else None
        column = int(match[2]) if match else None
        problem = _POSITION.sub("", message).rstrip(".") + "."
        raise InputError(
            f"is not valid TOML: {problem[0].lower()}{problem[1:]}",
            path=path,
            line=line,
            column=column,
            fix="Fix the TOML syntax (https://toml.io).",
            slug="toml-syntax",
        ) from None
