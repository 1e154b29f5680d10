"""A SHACL validation report in RDF (what pySHACL returns) read into typed results, and merged."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pipeline.validate.report import Severity, ValidationResult, constraint_slug


def results_of(report_graph: Graph, graph_name: str | None = None) -> list[ValidationResult]:
    """Every sh:ValidationResult of `report_graph` as a typed result."""
    return [_result(report_graph, node, graph_name) for node in report_graph.subjects(SH.focusNode, None)]


def _result(report_graph: Graph, node: Node, graph_name: str | None) -> ValidationResult:
    value = report_graph.value(node, SH.value)
    path = report_graph.value(node, SH.resultPath)
    shape = report_graph.value(node, SH.sourceShape)
    component = str(report_graph.value(node, SH.sourceConstraintComponent) or "")
    messages = sorted(str(m) for m in report_graph.objects(node, SH.resultMessage))
    return ValidationResult(
        severity=Severity.from_iri(report_graph.value(node, SH.resultSeverity)),
        focus=show(report_graph.value(node, SH.focusNode)) or "",
        path=_path(report_graph, path) if path is not None else None,
        value=show(value) if value is not None else None,
        source_shape=show(shape) if isinstance(shape, URIRef) else None,
        constraint=constraint_slug(component),
        message=messages[0] if messages else "Does not conform.",
        graph=graph_name,
    )


def show(term: Node | None) -> str | None:
    """A term as results show it: an IRI bare, a blank node as _:x, a literal in N-Triples form."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3()


def _path(graph: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL path syntax (IRIs written in full)."""
    if isinstance(path, URIRef):
        return str(path)
    if (path, None, None) not in graph:
        return show(path) or ""
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(graph, item) for item in Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return "(" + _path(graph, inner) + ")" + suffix
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path(graph, item) for item in Collection(graph, path))
    return show(path) or ""


def summarise(report_graph: Graph, results: tuple[ValidationResult, ...]) -> None:
    """Make a merged sh:ValidationReport state one sh:conforms for the whole file."""
    for node in list(report_graph.subjects(RDF.type, SH.ValidationReport)):
        report_graph.remove((node, None, None))
    node = BNode()
    report_graph.add((node, RDF.type, SH.ValidationReport))
    report_graph.add((node, SH.conforms, Literal(not results)))
    for result in report_graph.subjects(SH.focusNode, None):
        report_graph.add((node, SH.result, result))
