"""schema.org validation done once per run (`validate.memo`, `engines._with_ontology`) finds what
plain pySHACL with the ontology and RDFS inference finds: on our data and on broken data."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import Graph

from pipeline.validate.engines import MAX_DEPTH, validate_graph
from pipeline.validate.results import results_of
from pipeline.validate.shapes import Shapes, load_shapes
from tests.conftest import SHAPES, VOCAB

PREFIXES = """\
@prefix schema: <http://schema.org/> .
@prefix x: <https://x.example/> .
"""
BROKEN = {
    "a literal author": "x:a a schema:NewsArticle ; schema:headline 'H' ; schema:author 'Jane' .",
    "a nested employer that is text": """
        x:a a schema:NewsArticle ; schema:author x:p .
        x:p a schema:Person ; schema:name 'P' ; schema:worksFor 'Acme' .""",
    "a broken node inside a cycle": """
        x:a a schema:NewsArticle ; schema:hasPart x:a1 .
        x:a1 a schema:CreativeWork ; schema:isPartOf x:a ; schema:hasPart x:q .
        x:q a schema:Quotation ; schema:isPartOf x:a1 ; schema:creator 'someone' ; schema:spokenByCharacter x:a .""",
    "a publisher that is a person with a text url": """
        x:a a schema:NewsArticle ; schema:publisher x:o ; schema:about x:o .
        x:o a schema:Organization ; schema:name 'O' ; schema:founder x:f .
        x:f a schema:Person ; schema:worksFor x:o ; schema:url 'not an IRI' ; schema:knows x:f .""",
}


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return load_shapes([SHAPES, VOCAB / "schemaorg-shapes.shacl"], ontology=[VOCAB / "schemaorg-subclasses.shacl"])


def plain(graph: Graph, shapes: Shapes) -> list[str]:
    import pyshacl

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Recursive Shape was detected")
        _, results, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes.graph,
            ont_graph=shapes.ontology,
            inference="rdfs",
            allow_warnings=False,
            max_validation_depth=MAX_DEPTH,
        )
    return sorted(map(repr, results_of(results, None)))


def remembered(graph: Graph, shapes: Shapes) -> list[str]:
    report = validate_graph(graph, shapes)
    return sorted(map(repr, (r for r in report.results if r.constraint != "datatype")))


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_gives_plain_pyshacls_results(case: str, shapes: Shapes) -> None:
    graph = Graph().parse(data=PREFIXES + BROKEN[case], format="turtle")
    found = remembered(graph, shapes)
    assert found == plain(graph, shapes)
    assert found, "each case is broken"


def test_our_data_gives_plain_pyshacls_results(shapes: Shapes, seed_graph: Graph, tmp_path: Path) -> None:
    import subprocess
    import sys

    from pipeline.builder.corpus import build
    from tests.conftest import ROOT

    subprocess.run(
        [sys.executable, str(ROOT / "bench/generate.py"), "--articles", "4", "--out", str(tmp_path / "articles")],
        check=True,
        capture_output=True,
    )
    assert build([tmp_path / "articles"], out=tmp_path / "output").exit_code in (0, 1)
    graphs = [seed_graph, *(Graph().parse(p) for p in sorted((tmp_path / "output").glob("*.ttl")))]
    for graph in graphs:
        assert remembered(graph, shapes) == plain(graph, shapes)
    # the same shapes object, reused: nothing carried from one graph to the next changes a result
    assert remembered(graphs[1], shapes) == plain(graphs[1], shapes)
