"""The one error hierarchy of newsld.

Library code raises these; only the CLI turns them into a message and an exit code
(0 ok, 1 data does not conform, 2 bad input or usage, 3 store unreachable). Data that does not
conform is not an exception at all: validation returns a Report, and exit code 1 follows from it.
"""

from __future__ import annotations

from pathlib import Path


class NewsldError(Exception):
    """Base class: something newsld cannot do, with a message a person can act on."""

    exit_code = 2


class InputError(NewsldError):
    """Input that cannot be read at all: not UTF-8, not the wire format, bad TOML, bad RDF syntax.

    The message names the file, the line (and column) where there is one, and the fix; `slug`
    names the kind of problem in a stable way (`not-utf8`, `map-paragraph`, …), as the constraint
    slugs of validation results do, for tools and tests that must not depend on the wording.
    """

    exit_code = 2

    def __init__(
        self,
        problem: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        fix: str | None = None,
        slug: str = "input",
    ) -> None:
        self.problem = problem
        self.slug = slug
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.fix = fix
        super().__init__(self.message)

    @property
    def location(self) -> str:
        """`file:line:column`, as much of it as is known."""
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def message(self) -> str:
        text = f"{self.location}: {self.problem}"
        if self.fix:
            text += ("" if text.endswith((".", "!", "?")) else ".") + f" {self.fix}"
        return text


class OutputError(InputError):
    """An output file cannot be written (disk full, no permission); earlier output is left as it was."""


class UsageError(NewsldError):
    """Options that do not fit together or name something that does not exist."""

    exit_code = 2


class StoreError(NewsldError):
    """The triple store cannot be reached, refuses the request, or fails while answering."""

    exit_code = 3
