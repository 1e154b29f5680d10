"""The text of a query, before it runs: the prefixes of newsld's data declared for it, a parser error
as one line with its position, and the mistakes that silently find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.errors import UsageError
from pipeline.store.results import blanked

_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
# A prefixed name's prefix (`schema:` in `schema:Person`), in text with IRIs, strings and comments
# blanked: not after a word character or a variable sign (`?x:`, `a:b:c`'s second colon).
_USED = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:")
_PARSER = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_HTTPS_SCHEMA = "https://schema.org/"


@dataclass(frozen=True)
class Prepared:
    """A query with PREFIX lines added for the well-known prefixes it uses and does not declare."""

    text: str
    added: int  # lines added at the top: parser positions are shifted by as many
    warnings: tuple[str, ...] = ()


def prepare(text: str, prefixes: Mapping[str, str]) -> Prepared:
    """Declare the prefixes among `prefixes` (newsld's vocabularies and the base's article:, person:,
    organization:) that `text` uses without declaring, as the README's examples assume; and warn
    about https://schema.org/, which finds nothing in data that uses http://schema.org/.

    >>> prepare("SELECT (COUNT(*) AS ?n) { ?p a schema:Person }", {"schema": "http://schema.org/"}).text
    'PREFIX schema: <http://schema.org/>\\nSELECT (COUNT(*) AS ?n) { ?p a schema:Person }'
    """
    code = blanked(text)
    declared = {match.group(1) or "" for match in _DECLARED.finditer(code)}
    used = dict.fromkeys(match.group(1) or "" for match in _USED.finditer(code))
    missing = [name for name in used if name not in declared and name in prefixes]
    lines = "".join(f"PREFIX {name}: <{prefixes[name]}>\n" for name in missing)
    warnings: tuple[str, ...] = ()
    if _HTTPS_SCHEMA in text and prefixes.get("schema") == "http://schema.org/":
        warnings = (
            "the query uses https://schema.org/, but newsld's data (like schema.org's own JSON-LD context)"
            " uses http://schema.org/, so it matches nothing: write PREFIX schema: <http://schema.org/>,"
            " or leave the PREFIX line out.",
        )
    return Prepared(lines + text, len(missing), warnings)


def check_syntax(prepared: Prepared, original: str) -> None:
    """Parse the query (on an empty store, where nothing is evaluated): an error is one line."""
    import pyoxigraph as ox

    try:
        ox.Store().query(prepared.text)
    except SyntaxError as error:
        raise syntax_error(error, prepared, original) from None


def syntax_error(error: SyntaxError, prepared: Prepared, original: str) -> UsageError:
    """pyoxigraph's parser error (several lines, a list of tokens) as one line: where, what is
    there, and what it expected; an undeclared prefix is said so."""
    message = str(error.msg or error)
    match = _PARSER.match(message)
    if match is None:
        return UsageError(f"the query is not valid SPARQL: {' '.join(message.split())}")
    line, column, expected = int(match[1]) - prepared.added, int(match[2]), match[3]
    source = original.split("\n")
    here = source[line - 1] if 0 < line <= len(source) else ""
    where = f"the query is not valid SPARQL at line {line}, column {column}"
    if "Prefix not found" in expected:
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", here[: column - 1])
        prefix = f"{name.group(1) or ''}:" if name else "a prefix"
        return UsageError(f"{where}: {prefix} is not declared. Add `PREFIX {prefix} <…>` at the top of the query.")
    if "IRI parsing failed" in expected:
        return UsageError(f"{where}: the IRI there is not valid. Fix it (no spaces, one scheme such as https:).")
    before = " ".join(here[max(0, column - 31) : column - 1].split())
    snippet = ("…" if column > 31 else "") + before + " ▸ " + " ".join(here[column - 1 : column + 9].split())
    tokens = [
        token.strip()
        for token in re.split(r",\s*(?![^\[]*\])", " ".join(expected.removeprefix("expected").split()))
        if token.strip() and not token.strip().startswith("[")
    ]
    tokens = [token.removeprefix("one of ") for token in tokens]
    shown = ", ".join(tokens[:8]) + (", …" if len(tokens) > 8 else "")
    return UsageError(f"{where} (`{snippet.strip()}`): expected {shown or 'something else'}.")
