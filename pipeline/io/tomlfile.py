"""Reading TOML with errors that point at the line: shared by the sidecar and the catalogue."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.io.files import decode, read_bytes
from pipeline.io.limits import MAX_NESTING, MAX_STRING_CHARS, TOML_STRINGS, position, too_deep

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
    """Parse a TOML file; syntax errors carry the parser's line and column.

    Arrays and inline tables nested more than MAX_NESTING levels deep, and strings longer than
    MAX_STRING_CHARS, are input errors (Python's TOML parser would run out of stack on the first,
    pyoxigraph could not read the second back once it is a literal).
    """
    data = read_bytes(path)
    text = decode(data, path).removeprefix("\ufeff")
    deep = too_deep(text, TOML_STRINGS)
    if deep is not None:
        raise _too_deep(path, *position(text, deep))
    try:
        parsed = tomllib.loads(text)
    except RecursionError:  # what the check above should have caught
        raise _too_deep(path, None, None) from None
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
    toml = TomlFile(path=path, text=text, data=parsed)
    if len(text) > MAX_STRING_CHARS:
        _check_strings(toml, parsed, ())
    return toml


def _too_deep(path: Path, line: int | None, column: int | None) -> InputError:
    return InputError(
        f"nests arrays and inline tables more than {MAX_NESTING} levels deep;"
        f" newsld reads TOML nested up to {MAX_NESTING} levels.",
        path=path,
        line=line,
        column=column,
        fix="Write the value flat, or as [table] sections.",
        slug="toml-depth",
    )


def _check_strings(toml: TomlFile, value: object, keys: tuple[str | int, ...]) -> None:
    """Refuse a string longer than MAX_STRING_CHARS, at the line of its key (`keys`: table names,
    keys and list indices down to it)."""
    if isinstance(value, str) and len(value) > MAX_STRING_CHARS:
        named = list(keys)
        while named and isinstance(named[-1], int):
            named.pop()  # a member of a list: the line of the list's key
        key = str(named.pop()) if named else None
        table = ".".join(map(str, named)) if named and all(isinstance(k, str) for k in named) else None
        raise toml.error(
            f"the value of {'.'.join(map(str, keys))} is {len(value):,} characters long; newsld accepts"
            f" strings of up to {MAX_STRING_CHARS:,} characters ({MAX_STRING_CHARS >> 20} MiB) in TOML files.",
            key=key,
            table=table,
            fix="Shorten it: sidecar and catalogue values are names, titles and links.",
            slug="long-string",
        )
    if isinstance(value, dict):
        for key, member in value.items():
            _check_strings(toml, member, (*keys, str(key)))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            _check_strings(toml, member, (*keys, index))
