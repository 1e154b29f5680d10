"""Ill-typed literals (`"2025-13-01"^^xsd:date`), reported with the value and the fix.

SHACL engines report one only where a shape asks for that datatype, and then without saying what
is wrong with the value; every literal is checked here, whatever the shapes say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal
from rdflib.term import Node

from pipeline.rdf import as_rdflib
from pipeline.rdf.serialize.statements import Statements
from pipeline.rdf.terms import IMPLICIT_DATATYPES, XSD_INTEGER, Lit
from pipeline.rdf.vocab import XSD
from pipeline.validate.report import Severity, ValidationResult

_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")


def ill_typed_results(graph: Graph | Statements, graph_name: str | None = None) -> list[ValidationResult]:
    """A Violation for every literal whose lexical form its datatype does not allow, naming the value."""
    found = []
    triples: Iterable[tuple[Node, Node, Node]] = _typed_literals(graph) if isinstance(graph, Statements) else graph
    for subject, predicate, value in triples:
        if isinstance(value, Literal) and value.ill_typed:
            short = str(value.datatype).replace(str(XSD), "xsd:")
            found.append(
                ValidationResult(
                    severity=Severity.VIOLATION,
                    focus=str(subject),
                    path=str(predicate),
                    value=value.n3(),
                    source_shape=None,
                    constraint="ill-typed",
                    message=f'"{value}" is not a valid {short}: fix the value, or give it the right datatype.',
                    graph=graph_name,
                )
            )
    return found


def _typed_literals(statements: Statements) -> Iterator[tuple[Node, Node, Node]]:
    """The triples whose object is a literal with a datatype that has a lexical space to check (not a
    string), as rdflib terms: rdflib knows which lexical forms are ill-typed."""
    for row in statements.rows:
        value = row[2]
        if type(value) is not Lit or value.datatype in IMPLICIT_DATATYPES:
            continue
        if value.datatype == XSD_INTEGER and _INTEGER_FORM.fullmatch(value.value):
            continue  # positions and offsets, by the dozen: plainly integers, no rdflib term needed
        (triple,) = Statements([row]).triples
        yield as_rdflib.term(triple.subject), as_rdflib.term(triple.predicate), as_rdflib.term(triple.object)
