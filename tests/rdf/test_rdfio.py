"""pipeline.rdf.rdfio: formats by extension, syntax errors with positions, documents of a quads file."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from pipeline.errors import InputError, UsageError
from pipeline.rdf.as_rdflib import graph_of_quads
from pipeline.rdf.rdfio import base_iri_of, documents, format_of, read_rdf

G = "https://newsld.example/"


def test_formats_by_extension_or_name() -> None:
    assert format_of(Path("a.ttl")) == ox.RdfFormat.TURTLE
    assert format_of(Path("a.nq")) == ox.RdfFormat.N_QUADS
    assert format_of(Path("a.data"), "trig") == ox.RdfFormat.TRIG
    with pytest.raises(UsageError, match=r"cannot tell the RDF format from the extension '\.xyz'"):
        format_of(Path("a.xyz"))


def test_syntax_errors_name_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_rdf(bad)
    assert (error.value.slug, error.value.line) == ("rdf-syntax", 2)
    assert error.value.message.startswith(f"{bad}:2:")


def test_relative_iris_resolve_against_the_file(tmp_path: Path) -> None:
    data = tmp_path / "rel.ttl"
    data.write_text('<a> <http://b> "c" .\n', encoding="utf-8")
    (quad,) = read_rdf(data).quads
    assert quad.subject == ox.NamedNode((tmp_path / "a").as_uri())
    assert base_iri_of(data) == data.as_uri()


def quad(s: str, o: str, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(s), ox.NamedNode("http://schema.org/mentions"), ox.NamedNode(o), ox.NamedNode(g))


def test_documents_join_each_graph_with_the_graphs_it_references() -> None:
    a1, a2 = f"{G}article/one", f"{G}article/two"
    person, org, lonely = f"{G}person/p", f"{G}organization/o", f"{G}person/nobody-names"
    quads = [
        quad(a1, person, a1),
        quad(f"{a2}#paragraph-1", org, a2),
        quad(person, org, person),  # works for: the closure reaches the organisation
        ox.Quad(ox.NamedNode(org), ox.NamedNode("http://schema.org/name"), ox.Literal("O"), ox.NamedNode(org)),
        ox.Quad(ox.NamedNode(lonely), ox.NamedNode("http://schema.org/name"), ox.Literal("L"), ox.NamedNode(lonely)),
    ]
    found = {doc.name: {str(q.graph_name) for q in doc.quads} for doc in documents(quads)}
    assert found == {a1: {f"<{g}>" for g in (a1, person, org)}, a2: {f"<{a2}>", f"<{org}>"}, lonely: {f"<{lonely}>"}}


def test_ill_typed_literals_reach_rdflib_without_a_logged_traceback(caplog: pytest.LogCaptureFixture) -> None:
    date = ox.Literal("2025-13-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    graph = graph_of_quads([ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), date, ox.DefaultGraph())])
    (literal,) = graph.objects()
    assert literal.ill_typed  # type: ignore[attr-defined]
    assert caplog.records == []
