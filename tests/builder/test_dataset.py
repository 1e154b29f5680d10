"""pipeline.builder.dataset: which graph each triple goes in, and the VoID counts over distinct triples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from pipeline.builder.dataset import PartsSource, article_part
from pipeline.builder.graphs import graph_of, is_managed, split_by_graph
from pipeline.io.sorting import natural_key

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


def test_the_dataset_a_build_writes_from_its_workers_parts_is_the_one_its_files_give(tmp_path: Path) -> None:
    """A build writes the dataset's parts from the blocks its workers made (`article_part`); reading
    every article's Turtle file back, as the fallback does, must give the same bytes and counts."""
    from bench.generate import generate
    from pipeline.builder.corpus import build
    from pipeline.builder.dataset import DATASET, write_dataset
    from pipeline.builder.manifest import Manifest

    generate(30, tmp_path / "articles", seed=3)
    out = tmp_path / "out"
    assert build([tmp_path / "articles"], out=out, jobs=2).exit_code in (0, 1)
    manifest = Manifest.read(out)
    articles = [
        (manifest.articles[slug].iri, out / f"{slug}.ttl") for slug in sorted(manifest.articles, key=natural_key)
    ]
    assert len(articles) >= 25
    again = tmp_path / "again"
    again.mkdir()
    index = write_dataset(again, articles)
    from tests.conftest import snapshot

    assert snapshot(again / DATASET) == snapshot(out / DATASET)
    assert len(snapshot(out / DATASET)) > 20, "30 articles and their people fill most of the 64 parts"
    assert index.to_json() == manifest.dataset
    from pipeline.builder.state import read_state

    assert index.state == read_state(out), "graphs.tsv records the same blocks and digests"


def test_parts_are_kept_in_a_scratch_file_and_read_back(tmp_path: Path) -> None:
    triples = [
        ox.Triple(node(A), node("http://schema.org/name"), ox.Literal("story")),
        ox.Triple(node("https://newsld.example/person/k"), node("http://schema.org/name"), ox.Literal("K")),
    ]
    part = article_part(A, triples)
    assert part.block == f'<{A}> <http://schema.org/name> "story" <{A}> .\n'.encode()
    assert part.shared == {
        "https://newsld.example/person/k": b'<https://newsld.example/person/k> <http://schema.org/name> "K" .\n'
    }
    with PartsSource(tmp_path) as parts:
        assert parts.get(A) is None
        parts.add(A, part)
        parts.add(f"{A}-2", article_part(f"{A}-2", triples[1:]))
        assert parts.get(A) == part
        assert parts.get(f"{A}-2") is not None
        rdf_type = node("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        typed = article_part(f"{A}-3", [ox.Triple(node(f"{A}-3"), rdf_type, node("http://schema.org/NewsArticle"))])
        parts.add(f"{A}-3", typed)
        assert parts.get(f"{A}-3") == typed and typed.statistics.classes, "counts kept packed, given back whole"
        assert list(tmp_path.iterdir()) == [], "the scratch file has no name in the folder"
