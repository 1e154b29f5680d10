"""The build writes N-Triples and Turtle itself (`rdftext`); pyoxigraph's writers are the oracle.

Both must come out byte for byte as pyoxigraph writes the same triples: on whole generated
articles, and on any text, language tag, number, date and IRI a graph may hold.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rdf.serialize import publish
from pipeline.rdf.serialize import turtle as rdftext
from pipeline.rdf.serialize.statements import Statements


def pyoxigraph_turtle_lines(made: Statements, prefixes: dict[str, str]) -> list[str]:
    body = publish.serialized(ox.serialize(made.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes))
    return [line for line in body.decode("utf-8").split("\n") if line and not line.startswith("@prefix ")]


def assert_written_as_pyoxigraph_writes(made: Statements, prefixes: dict[str, str]) -> None:
    oracle = Statements.of(made.triples)  # the same triples, read back from pyoxigraph's terms
    assert oracle.rows == made.rows
    assert "".join(rdftext.ntriples_lines(made.rows) or []).encode() == publish.serialized(
        ox.serialize(made.triples, format=ox.RdfFormat.N_TRIPLES)
    )
    lines = rdftext.turtle_statements(made.rows, prefixes)
    if len(set(prefixes.values())) < len(prefixes):
        assert lines is None  # left to pyoxigraph
    else:
        assert lines == pyoxigraph_turtle_lines(made, prefixes)


def test_generated_articles_are_written_as_pyoxigraph_writes_them(tmp_path: Path) -> None:
    from bench.generate import generate
    from pipeline.builder.article import BuildContext
    from pipeline.config import load_settings
    from pipeline.io.files import read_bytes
    from pipeline.rdf.graph import article_triples
    from pipeline.source.article import parse_article
    from pipeline.source.sidecar import read_metadata
    from pipeline.text.quotes import find_quotes
    from tests.conftest import ROOT

    generate(30, tmp_path / "articles", seed=7)
    seed = BuildContext.from_settings(load_settings(), ROOT / "articles" / "entities.toml")
    generated = BuildContext.from_settings(load_settings(), tmp_path / "articles" / "entities.toml")
    cases = [(ROOT / "articles" / "fiverr-ceo-ai-warning.txt", seed)]
    cases += [(path, generated) for path in sorted((tmp_path / "articles").glob("*.txt"))]
    for path, context in cases:
        article = parse_article(read_bytes(path), path)
        metadata = read_metadata(path, context.catalogue, article.sources)
        findings = find_quotes(article, context.catalogue)
        graph = article_triples(article, metadata, context.catalogue, context.iris, None, findings)
        made = graph.statements().sorted()
        prefixes = publish.used_prefixes(made, context.iris.prefixes(article.slug))
        assert_written_as_pyoxigraph_writes(made, prefixes)


_XSD = "http://www.w3.org/2001/XMLSchema#"
# Local names with every kind of character Turtle treats apart: name characters, digits, the ones
# a backslash escapes, '.', ':', percent escapes, and ones no local name may hold.
_LOCAL = st.lists(
    st.sampled_from([*"aZ_09-.:~!$&'()*+,;=/?#@·é\u0300\u203f\u2070\ufffd\U00010000", "%41"]), max_size=8
).map("".join)
_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)  # any text UTF-8 can carry
_PREFIXES = {
    "": "http://e.example/a#",
    "e": "http://e.example/",
    "ea": "http://e.example/a",
    "s": "http://s.example/",
    "same": "http://s.example/",  # two names for one namespace: left to pyoxigraph
}


@st.composite
def literals(draw: st.DrawFn) -> ox.Literal:
    kind = draw(st.sampled_from(["string", "language", "integer", "decimal", "double", "boolean", "date", "other"]))
    if kind == "string":
        return ox.Literal(draw(_TEXT))
    if kind == "language":
        return ox.Literal(draw(_TEXT), language=draw(st.sampled_from(["en", "de-CH", "zh-Hant-TW"])))
    lexical = draw(
        st.one_of(
            _TEXT,
            st.from_regex(r"[+-]?[0-9]{0,3}(\.[0-9]{0,3})?([eE][+-]?[0-9]{0,2})?", fullmatch=True),
            st.sampled_from(["true", "false", "1", "0", "+5", "-.5", "1.e3", ".e3", "2025-01-31"]),
        )
    )
    datatype = f"{_XSD}{kind}" if kind != "other" else "http://e.example/type/x"
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


def _iri(base: str, local: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(base + local)
    except ValueError:
        return None  # not an IRI ('#' twice, say)


iris = st.builds(_iri, st.sampled_from(sorted(set(_PREFIXES.values()))), _LOCAL).filter(lambda iri: iri is not None)
objects = st.one_of(iris, literals(), st.builds(ox.BlankNode, st.sampled_from(["b1", "b2"])))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.builds(
            ox.Triple,
            st.one_of(iris, st.builds(ox.BlankNode, st.sampled_from(["b1", "b2"]))),
            st.one_of(iris, st.just(ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))),
            objects,
        ),
        max_size=12,
    ),
    st.sets(st.sampled_from(sorted(_PREFIXES)), max_size=4),
)
def test_any_triples_are_written_as_pyoxigraph_writes_them(triples: list[ox.Triple], names: set[str]) -> None:
    made = Statements.of(dict.fromkeys(triples))  # a graph: each triple once
    assert_written_as_pyoxigraph_writes(made.sorted(), {name: _PREFIXES[name] for name in sorted(names)})


def test_a_triple_term_is_left_to_pyoxigraph() -> None:
    inner = ox.Triple(ox.NamedNode("http://e.example/s"), ox.NamedNode("http://e.example/p"), ox.Literal("o"))
    try:
        outer = ox.Triple(ox.NamedNode("http://e.example/t"), ox.NamedNode("http://e.example/says"), inner)
    except TypeError:
        pytest.skip("this pyoxigraph has no triple terms")
    made = Statements.of([outer])
    assert rdftext.ntriples_lines(made.rows) is None
    assert rdftext.turtle_statements(made.rows, {}) is None
    assert publish.turtle(made, {}) == publish.turtle([outer], {})  # written by pyoxigraph
    assert b"<<" in publish.turtle(made, {})
    from pipeline.builder.dataset import article_part

    part = article_part("http://e.example/t", made)  # its dataset block: pyoxigraph's lines, with the graph
    expected = publish.serialized(
        ox.serialize(
            [ox.Quad(outer.subject, outer.predicate, outer.object, ox.NamedNode("http://e.example/t"))],
            format=ox.RdfFormat.N_QUADS,
        )
    )
    assert part.block == expected


def test_the_build_writes_its_files_without_making_pyoxigraph_triples(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of rows: a build makes no pyoxigraph Triple at all."""
    from pipeline.builder.article import build_article
    from pipeline.rdf import as_oxigraph
    from tests.conftest import ROOT

    def refuse(_: object) -> None:
        raise AssertionError("the build made pyoxigraph Triples")

    monkeypatch.setattr(as_oxigraph, "triples", refuse)
    result = build_article(ROOT / "articles" / "fiverr-ceo-ai-warning.txt")
    assert result.published
    assert result.outputs[".ttl"] == (ROOT / "output" / "fiverr-ceo-ai-warning.ttl").read_bytes()
    assert result.outputs[".jsonld"] == (ROOT / "output" / "fiverr-ceo-ai-warning.jsonld").read_bytes()
