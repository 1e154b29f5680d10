"""Editors have the last word: `[[quotes]]` in an article's sidecar settles who said a quotation.

    [[quotes]]
    text = "Those who resist transformation"   # a distinctive part of the quotation
    speaker = "micha-kaufman"                  # an entity id, or a name as written

    [[quotes]]
    text = "We will not comment"
    unattributed = "an unnamed company spokesperson"   # deliberately anonymous

An override is keyed by words of the quotation, not by its number, so it survives edits elsewhere
in the article; `pipeline.text.quotes` applies it and refuses one that matches no quotation, or
more than one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.io.tomlfile import TomlFile
from pipeline.source.catalogue import Catalogue

_KEYS = {"text", "speaker", "unattributed"}


@dataclass(frozen=True)
class QuoteOverride:
    """The editor's word on one quotation: who said it, or how an anonymous speaker is described."""

    text: str
    entity: str | None = None  # the catalogue id of the speaker
    name: str | None = None  # the speaker as written, when the catalogue lacks them
    unattributed: str | None = None  # "an unnamed company spokesperson": deliberately no speaker
    path: Path | None = None
    line: int | None = None


def read_overrides(toml: TomlFile, catalogue: Catalogue) -> tuple[QuoteOverride, ...]:
    """The sidecar's `[[quotes]]` entries, checked: text, and either speaker or unattributed."""
    value = toml.data.get("quotes", [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise toml.error(
            "quotes must be [[quotes]] tables.",
            key="quotes",
            fix='Write [[quotes]] with text = "…" and speaker = "entity-id" (or unattributed = "…").',
            slug="sidecar-quote",
        )
    lines = _entry_lines(toml)
    return tuple(
        _override(toml, entry, lines[k] if k < len(lines) else None, catalogue) for k, entry in enumerate(value)
    )


def _override(toml: TomlFile, entry: dict[str, Any], line: int | None, catalogue: Catalogue) -> QuoteOverride:

    def error(problem: str, fix: str) -> InputError:
        return InputError(problem, path=toml.path, line=line, fix=fix, slug="sidecar-quote")

    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise error(f"[[quotes]] has unknown key {unknown[0]!r}.", "Known keys: speaker, text, unattributed.")
    text = entry.get("text")
    if not isinstance(text, str) or len(text.split()) < 2:
        raise error(
            "[[quotes]] needs text: a distinctive part of the quotation, two words or more.",
            'Copy words of the quotation as `newsld quotes` lists them: text = "…".',
        )
    speaker, anonymous = entry.get("speaker"), entry.get("unattributed")
    if (speaker is None) == (anonymous is None):
        raise error(
            "[[quotes]] needs either speaker or unattributed, not both and not neither.",
            'Write speaker = "entity-id" (or a name as written), or unattributed = "a company spokesperson".',
        )
    for key, given in (("speaker", speaker), ("unattributed", anonymous)):
        if given is not None and (not isinstance(given, str) or not given.strip()):
            raise error(f"[[quotes]] {key} must be non-empty text.", f'Write {key} = "…".')
    text = " ".join(text.split())
    if anonymous is not None:
        return QuoteOverride(text, unattributed=" ".join(anonymous.split()), path=toml.path, line=line)
    assert isinstance(speaker, str)
    speaker = " ".join(speaker.split())
    if speaker in catalogue:
        return QuoteOverride(text, entity=speaker, path=toml.path, line=line)
    named = catalogue.named(speaker, "Person") or catalogue.named(speaker, "Organization")
    if len(named) == 1:
        return QuoteOverride(text, entity=named[0].id, path=toml.path, line=line)
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", speaker):
        raise error(
            f"[[quotes]] speaker {speaker!r} looks like an entity id, but the catalogue has no such entity.",
            f"Add [entity.{speaker}] to entities.toml, fix the id, or write the speaker's name as printed.",
        )
    return QuoteOverride(text, name=speaker, path=toml.path, line=line)


def _entry_lines(toml: TomlFile) -> list[int]:
    """The line of each `[[quotes]]` entry's text (or of its header, when it has none), in order."""
    found: list[int] = []
    awaiting = False  # a header was seen and its entry's text line not yet
    for number, line in enumerate(toml.text.splitlines(), start=1):
        if re.fullmatch(r"\s*\[\[\s*quotes\s*\]\]\s*(#.*)?", line):
            found.append(number)
            awaiting = True
        elif awaiting and re.match(r"\s*text\s*=", line):
            found[-1], awaiting = number, False
    return found
