"""An rdflib SPARQL processor that parses each distinct query once (see validate._enable_query_cache)."""

from __future__ import annotations

from collections.abc import Mapping
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
