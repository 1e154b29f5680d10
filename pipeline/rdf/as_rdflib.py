"""The rdflib boundary: pyoxigraph terms and rows to rdflib terms and graphs, and back.

rdflib is what pySHACL and the public `article_graph` speak; the build itself never makes an
rdflib term (an rdflib Literal is several times dearer to make than a pyoxigraph one).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from pipeline.errors import InputError
from pipeline.rdf.terms import XSD_STRING


def graph_of_quads(quads: Iterable[ox.Quad | ox.Triple], prefixes: Mapping[str, str] | None = None) -> Graph:
    """The triples of `quads` (graph names dropped) as an rdflib Graph, with `prefixes` bound.

    An ill-typed literal (`"2025-13-01"^^xsd:date`) is kept as it is; rdflib would log a traceback
    for it, which validation reports as a result instead (`validate.literals`).
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (prefixes or {}).items():
        # schema: is http://schema.org/ here, overriding rdflib's https default.
        graph.bind(prefix, namespace, override=True, replace=True)
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        for quad in quads:
            graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    finally:
        term_log.setLevel(level)
    return graph


def term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A pyoxigraph term as the rdflib term for the same RDF term."""
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype.value == XSD_STRING:
            return Literal(node.value)  # rdflib tells "x" and "x"^^xsd:string apart; RDF 1.1 does not
        return Literal(node.value, datatype=URIRef(node.datatype.value))
    raise InputError("RDF-star quoted triples are not supported.", fix="Remove the quoted triples.", slug="rdf-star")


def ntriples_term(text: str) -> Node:
    """An rdflib term from its N-Triples form (how the fast SHACL engine names focus nodes and values)."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    (quad,) = ox.parse(f"<urn:s> <urn:p> {text} .", format=ox.RdfFormat.N_TRIPLES)
    return term(quad.object)


def oxigraph_triples(graph: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """An rdflib graph's triples as pyoxigraph Triples, in no particular order."""
    named: dict[Node, ox.NamedNode] = {}  # IRIs repeat (predicates, classes, subjects): convert each once

    def convert(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if type(node) is URIRef:
            found = named.get(node)
            if found is None:
                found = named[node] = ox.NamedNode(node)
            return found
        return _oxigraph_term(node)

    return [ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in graph]  # type: ignore[arg-type]


def _oxigraph_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"cannot convert {node!r}")
