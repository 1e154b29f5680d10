"""An rdflib SPARQL processor that parses each distinct query once, for the span of a validation.

pySHACL hands rdflib each SPARQL constraint as text for every focus node, and rdflib parses it
again each time: that parse was most of validating an article. `cached_queries()` installs the
processor below as rdflib's "sparql" plugin and puts back whatever was there when it ends, so
rdflib behaves as it did for the rest of a library user's program.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return translateQuery(parseQuery(text), base, dict(namespaces) or None)


class CachingSPARQLProcessor(SPARQLProcessor):
    """rdflib's SPARQLProcessor, with parsed queries kept for reuse (they are immutable once built)."""

    def query(  # type: ignore[override]
        self,
        strOrQuery: str | Query,
        initBindings: Mapping[str, Identifier] | None = None,
        initNs: Mapping[str, Any] | None = None,
        base: str | None = None,
        DEBUG: bool = False,
    ) -> Mapping[str, Any]:
        if isinstance(strOrQuery, str):
            namespaces = tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items()))
            strOrQuery = _prepared(strOrQuery, base, namespaces)
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


@contextmanager
def cached_queries() -> Iterator[None]:
    """rdflib's "sparql" processor is `CachingSPARQLProcessor` inside the block, what it was after."""
    from rdflib import plugin
    from rdflib.query import Processor

    before = plugin.get("sparql", Processor)
    plugin.register("sparql", Processor, __name__, CachingSPARQLProcessor.__name__)
    try:
        yield
    finally:
        plugin.register("sparql", Processor, before.__module__, before.__qualname__)
