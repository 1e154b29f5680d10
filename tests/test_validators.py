"""The fast SHACL engine (pyshifty) against the oracle (pySHACL): the same results, message for message.

Every shape case of tests/test_shapes.py, the seed, and generated articles (good ones and ones the
shapes reject) go through both engines; the typed results must be equal (blank node labels, which
each engine picks itself, compared as blank).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from pipeline.article_build import BuildContext, choose_validator
from pipeline.validate import ValidationResult, Validator, fast_engine_version, load_shapes, validate_graph
from tests.conftest import SHAPES
from tests.test_shapes import CASES, case_graphs, generated_graphs

Row = tuple[str, ...]


def rows(results: tuple[ValidationResult, ...]) -> list[Row]:
    def plain(text: str | None) -> str:
        return "_:blank" if text is not None and text.startswith("_:") else text or ""

    return sorted(
        (plain(r.focus), r.path or "", r.severity.value, r.source_shape or "", r.constraint, r.message, plain(r.value))
        for r in results
    )


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory, seed_graph: Graph, context: BuildContext) -> dict[str, Graph]:
    found = case_graphs(seed_graph)
    generated = generated_graphs(tmp_path_factory.mktemp("generated"), 120, 21, context.iris)
    for number, (slug, graph) in enumerate(generated.items()):
        found[slug] = graph
        broken = Graph()
        broken += graph
        triples = sorted(graph, key=lambda triple: tuple(str(term) for term in triple))
        broken.remove(triples[(number * 7) % len(triples)])  # one fact missing: many a shape breaks
        found[f"{slug}-broken"] = broken
    return found


def test_the_fast_engine_is_installed() -> None:
    assert fast_engine_version() == "0.5.1", "pyproject pins pyshifty==0.5.1: the version these tests prove"


def test_both_engines_give_the_same_results(graphs: dict[str, Graph]) -> None:
    shapes = load_shapes([SHAPES])
    differing = {}
    failing = 0
    for name, graph in graphs.items():
        fast = validate_graph(graph, shapes, validator=Validator.FAST)
        oracle = validate_graph(graph, shapes, validator=Validator.PYSHACL)
        if rows(fast.results) != rows(oracle.results) or fast.conforms is not oracle.conforms:
            differing[name] = {"fast": rows(fast.results)[:3], "pyshacl": rows(oracle.results)[:3]}
        failing += not oracle.conforms
    assert differing == {}
    assert len(graphs) == 1 + len(CASES) + 2 * 120
    assert failing >= len(CASES) - 4 + 40, "the cases and the broken articles break the shapes"


def test_the_fast_engine_is_chosen_only_for_newsld_s_own_shapes(tmp_path: Path) -> None:
    assert choose_validator(Validator.FAST, SHAPES) == (Validator.FAST, None)
    assert choose_validator(Validator.PYSHACL, SHAPES) == (Validator.PYSHACL, None)
    custom = tmp_path / "shapes"
    custom.mkdir()
    for path in SHAPES.glob("*.ttl"):
        (custom / path.name).write_bytes(path.read_bytes())
    assert choose_validator(Validator.FAST, custom) == (Validator.FAST, None), "a copy is the same shapes"
    (custom / "house.ttl").write_text("# our own rules\n", encoding="utf-8")
    validator, notice = choose_validator(Validator.FAST, custom)
    assert validator is Validator.PYSHACL
    assert notice == (
        f"{custom}/ differs from the shapes newsld ships, which pyshifty is tested on:"
        ' validating with pySHACL (set validator = "pyshacl" in [tool.newsld] to say so).'
    )
