"""Comparing RDF as graphs, with a readable diff when they differ."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic


def graph_difference(expected: Graph, actual: Graph, limit: int = 20) -> str:
    """Empty when the graphs are isomorphic, else the triples only in one of them (N-Triples)."""
    left, right = to_isomorphic(expected), to_isomorphic(actual)
    if left == right:
        return ""
    _, only_expected, only_actual = graph_diff(left, right)
    lines = ["only in expected:", *_ntriples(only_expected)[:limit], "only in actual:", *_ntriples(only_actual)[:limit]]
    return "\n".join(lines)


def _ntriples(graph: Graph) -> list[str]:
    return sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)


def assert_golden(actual: Graph, golden: Path, regenerate: bool) -> None:
    """Compare `actual` with the golden Turtle file, or rewrite the file when regenerating."""
    if regenerate or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual.serialize(format="longturtle"), encoding="utf-8")
        if not regenerate:
            raise AssertionError(f"{golden} did not exist; it was written. Review it and run the tests again.")
        return
    expected = Graph().parse(golden, format="turtle")
    difference = graph_difference(expected, actual)
    assert not difference, f"graph differs from {golden} (rerun with --regenerate-golden if intended):\n{difference}"
