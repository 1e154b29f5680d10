"""Our shapes mean the same in a second, independent SHACL engine: Apache Jena (Java) vs pySHACL.

Every case of tests/validate/test_shapes.py (the seed with one thing broken per shape), the seed itself and
generated articles, good and broken, are validated by both engines; the result sets must be equal
(focus node, path, severity, source shape, constraint component; blank nodes compared as blank),
as multisets: SHACL makes one result per solution of a SPARQL constraint.
Jena comes from Debian's packages (`.ci/jena-setup`, recipe in ../shared/JENA.md); its classpath
is in NEWSLD_JENA_CP. Without it the test skips locally and fails in CI (NEWSLD_REQUIRE_SERVERS).
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from pipeline.builder.article import BuildContext
from pipeline.validate.engines import validate_graph
from pipeline.validate.report import Severity
from pipeline.validate.shapes import Shapes, load_shapes
from tests.conftest import SHAPES
from tests.validate.test_shapes import CASES, P3, case_graphs, generated_graphs, replace_value
from tests.vocab import SH

JAVA_SOURCE = Path(__file__).parent.parent / "jena" / "ValidateAll.java"
Key = tuple[str, str | None, str, str | None, str]


def jena_classpath() -> str:
    classpath = os.environ.get("NEWSLD_JENA_CP")
    if not classpath:
        reason = "Apache Jena not set up: CP=$(.ci/jena-setup /tmp/jena) and export NEWSLD_JENA_CP=$CP"
        if os.environ.get("NEWSLD_REQUIRE_SERVERS"):
            pytest.fail(f"{reason}; NEWSLD_REQUIRE_SERVERS says the second SHACL engine must run")
        pytest.skip(reason)
    return classpath


def key(focus: object, path: object, severity: str, shape: object, component: object) -> Key:
    def name(node: object) -> str | None:
        if node is None:
            return None
        return "_:blank" if isinstance(node, BNode) or str(node).startswith("_:") else str(node)

    return (name(focus) or "", name(path), severity, name(shape), str(component).rsplit("#", 1)[-1])


def keys_of(results: Graph) -> Counter[Key]:
    """The results of a SHACL validation report graph, as comparable keys."""
    return Counter(
        key(
            results.value(node, SH.focusNode),
            results.value(node, SH.resultPath),
            Severity.from_iri(results.value(node, SH.resultSeverity)).value,
            results.value(node, SH.sourceShape),
            results.value(node, SH.sourceConstraintComponent),
        )
        for node in results.subjects(SH.focusNode, None)
    )


def pyshacl_keys(graph: Graph, shapes: Shapes) -> Counter[Key]:
    report = validate_graph(graph, shapes)
    assert report.graph is not None
    return keys_of(report.graph)


def jena_keys(report: Path) -> Counter[Key]:
    return keys_of(Graph().parse(report, format="nt"))


def graphs_to_check(seed_graph: Graph, context: BuildContext, folder: Path) -> dict[str, Graph]:
    graphs = case_graphs(seed_graph)
    repeated = Graph()
    repeated += seed_graph
    replace_value(P3, URIRef("http://schema.org/position"), Literal(2))(repeated)
    graphs["repeated-position"] = repeated
    return {**graphs, **generated_graphs(folder / "generated", 30, 11, context.iris)}  # good and rejected


def test_jena_and_pyshacl_report_the_same_results(seed_graph: Graph, context: BuildContext, tmp_path: Path) -> None:
    classpath = jena_classpath()
    shapes = load_shapes([SHAPES])
    merged = tmp_path / "shapes.nt"
    shapes.graph.serialize(merged, format="nt", encoding="utf-8")
    graphs = graphs_to_check(seed_graph, context, tmp_path)
    arguments: list[str] = [str(merged)]
    for name, graph in graphs.items():
        data = tmp_path / f"{name}.nt"
        graph.serialize(data, format="nt", encoding="utf-8")
        arguments += [str(data), str(tmp_path / f"{name}.report.nt")]
    subprocess.run(
        ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, str(JAVA_SOURCE), *arguments],
        check=True,
        capture_output=True,
        timeout=600,
    )
    disagreements = {}
    fired = 0
    for name, graph in graphs.items():
        ours, theirs = pyshacl_keys(graph, shapes), jena_keys(tmp_path / f"{name}.report.nt")
        fired += ours.total()
        if ours != theirs:  # as multisets: SHACL makes one result per solution of a SPARQL constraint
            disagreements[name] = {"pyshacl more": sorted(ours - theirs), "jena more": sorted(theirs - ours)}
    assert disagreements == {}
    assert len(graphs) >= len(CASES) + 25
    assert fired >= len(CASES) + 25, "the graphs exercise the shapes"
