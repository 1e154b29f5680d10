"""Our output against the official schema.org release 30.0 (read from ../shared, not copied here)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from pipeline.validate.engines import validate_graph
from pipeline.validate.report import Severity
from pipeline.validate.shapes import load_shapes
from tests.conftest import ROOT, VOCAB

HTTP, HTTPS = "http://schema.org/", "https://schema.org/"


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(VOCAB / "schemaorg-current-https.ttl", format="turtle")


@pytest.fixture(scope="module")
def published() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "output").glob("*.ttl")):
        if path.name != "void.ttl":
            graph.parse(path, format="turtle")
    assert len(graph) > 0
    return graph


def schema_terms(graph: Graph) -> tuple[set[str], set[str]]:
    classes = {str(o) for o in graph.objects(None, RDF.type) if str(o).startswith(HTTP)}
    properties = {str(p) for p in graph.predicates() if str(p).startswith(HTTP)}
    return classes, properties


def test_every_schema_term_we_emit_exists(vocabulary: Graph, published: Graph) -> None:
    classes, properties = schema_terms(published)
    assert {f"{HTTP}NewsArticle", f"{HTTP}Quotation", f"{HTTP}Person"} <= classes
    for term in sorted(classes):
        assert (URIRef(term.replace(HTTP, HTTPS)), RDF.type, RDFS.Class) in vocabulary, f"unknown class {term}"
    for term in sorted(properties):
        assert (URIRef(term.replace(HTTP, HTTPS)), RDF.type, RDF.Property) in vocabulary, f"unknown property {term}"


def test_every_property_is_used_on_a_class_it_applies_to(vocabulary: Graph, published: Graph) -> None:
    """schema:domainIncludes, with the class hierarchy: e.g. schema:sha256 on a MediaObject."""
    superclasses: dict[str, set[str]] = {}
    for cls in vocabulary.subjects(RDF.type, RDFS.Class):
        superclasses[str(cls)] = {str(c) for c in vocabulary.transitive_objects(cls, RDFS.subClassOf)}
    domain = URIRef(f"{HTTPS}domainIncludes")
    for subject, predicate, _ in published:
        if not str(predicate).startswith(HTTP):
            continue
        allowed = {str(c) for c in vocabulary.objects(URIRef(str(predicate).replace(HTTP, HTTPS)), domain)}
        types = {str(t).replace(HTTP, HTTPS) for t in published.objects(subject, RDF.type) if str(t).startswith(HTTP)}
        reachable = set().union(*(superclasses.get(t, {t}) for t in types)) if types else set()
        assert reachable & allowed, f"{predicate} on {subject} (types {sorted(types)}) outside {sorted(allowed)}"


def test_output_passes_the_official_schemaorg_shapes(published: Graph) -> None:
    shapes = load_shapes([VOCAB / "schemaorg-shapes.shacl"], ontology=[VOCAB / "schemaorg-subclasses.shacl"])
    report = validate_graph(published, shapes)
    assert report.of(Severity.VIOLATION) == [], [r.message for r in report.results[:5]]
    assert report.conforms
