"""pipeline.dataset: which graph each triple goes in, and the VoID counts over distinct triples."""

from __future__ import annotations

import pyoxigraph as ox

from pipeline.dataset import graph_of, is_managed, split_by_graph

A = "https://newsld.example/article/story"


def node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def test_graph_of_a_subject() -> None:
    assert graph_of(node(f"{A}#paragraph-2"), A) == A
    assert graph_of(node(f"{A}#speaker-1"), A) == A, "speakers the catalogue lacks are the article's own"
    assert graph_of(node("https://newsld.example/person/kaufman"), A) == "https://newsld.example/person/kaufman"
    assert graph_of(node("https://newsld.example/organization/x#y"), A) == "https://newsld.example/organization/x"
    assert graph_of(node("https://newsld.example/software/newsld/0.1.0"), A) == (
        "https://newsld.example/software/newsld/0.1.0"
    )
    assert graph_of(node("https://elsewhere.example/person/x"), A) == A, "only under the article's base"
    assert graph_of(ox.BlankNode("b"), A) == A


def test_split_keeps_the_article_first_and_every_triple_once() -> None:
    p = node("http://schema.org/name")
    triples = [
        ox.Triple(node("https://newsld.example/person/k"), p, ox.Literal("K")),
        ox.Triple(node(A), p, ox.Literal("headline")),
    ]
    split = split_by_graph(A, triples)
    assert list(split) == [A, "https://newsld.example/person/k"]
    assert sum(len(part) for part in split.values()) == 2


def test_managed_graphs() -> None:
    bases = {"https://newsld.example/"}
    assert is_managed(A, bases)
    assert is_managed("https://newsld.example/person/k", bases)
    assert not is_managed("https://newsld.example/dataset", bases)
    assert not is_managed("https://other.example/article/x", bases)
