"""The pyoxigraph boundary: rows (`terms`) to pyoxigraph terms and back.

Making a pyoxigraph Triple is costly (more so when its object is a literal; bench/NOTES.md), and
each read of a term's attribute makes a new Python object: the build works on rows, and crosses here
only where pyoxigraph's parsers, writers or store need its own terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from pipeline.rdf.terms import XSD_STRING, Blank, Lit, Row, Term


def triples(rows: Sequence[Row]) -> list[ox.Triple]:
    """The rows as pyoxigraph Triples (each distinct IRI made into a NamedNode once)."""
    named: dict[str, Any] = {}

    def node(term: Any) -> Any:
        kind = type(term)
        if kind is str:
            found = named.get(term)
            if found is None:
                found = named[term] = ox.NamedNode(term)
            return found
        if kind is Lit:
            if term.language:
                return ox.Literal(term.value, language=term.language)
            if term.datatype == XSD_STRING:
                return ox.Literal(term.value)
            return ox.Literal(term.value, datatype=node(term.datatype))
        if kind is Blank:
            return ox.BlankNode(term)
        return term  # a triple term

    return [ox.Triple(node(s), node(p), node(o)) for s, p, o in rows]


def rows(kept: Iterable[ox.Triple]) -> list[Row]:
    """pyoxigraph Triples as rows, each term read once."""
    return [(term(t.subject), t.predicate.value, term(t.object)) for t in kept]


def term(node: Any) -> Term:
    """One pyoxigraph term as a row term."""
    kind = type(node)
    if kind is ox.NamedNode:
        return node.value  # type: ignore[no-any-return]
    if kind is ox.Literal:
        return Lit(node.value, node.datatype.value, node.language or "")
    if kind is ox.BlankNode:
        return Blank(node.value)
    return node  # type: ignore[no-any-return]
