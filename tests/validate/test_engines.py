"""The fast SHACL engine (`shacl`) against the oracle (pySHACL): the same results, message for message.

Every shape case of tests/validate/test_shapes.py, the seed, and generated articles (good ones and ones the
shapes reject) go through both engines; the typed results must be equal (blank node labels, which
each engine picks itself, compared as blank).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from pipeline.builder.article import BuildContext
from pipeline.validate.engines import Validator, choose_validator, fast_engine_version, validate_graph
from pipeline.validate.report import ValidationResult
from pipeline.validate.shapes import load_shapes
from tests.conftest import SHAPES
from tests.validate.test_shapes import CASES, case_graphs, generated_graphs
from tests.vocab import SH

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
    assert fast_engine_version() == "0.3.4", "pyproject pins shacl==0.3.4: the version these tests prove"


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
        f"{custom}/ differs from the shapes newsld ships, which shacl is tested on:"
        ' validating with pySHACL (set validator = "pyshacl" in [tool.newsld] to say so).'
    )


def test_a_path_that_is_not_an_iri_is_written_as_pyshacl_writes_it(tmp_path: Path) -> None:
    # (A sequence path is where they differ: the engine writes "(a/b)", pySHACL "a/b". newsld's own
    # shapes, the only ones the engine is chosen for, use IRIs as paths: the next test keeps it so.)
    shapes_file = tmp_path / "paths.ttl"
    shapes_file.write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:minCount 1 ] ;
            sh:property [ sh:path [ sh:inversePath ex:d ] ; sh:maxCount 0 ] ;
            sh:property [ sh:path [ sh:zeroOrMorePath ex:e ] ; sh:minCount 2 ] .
        """,
        encoding="utf-8",
    )
    data = Graph().parse(data="@prefix ex: <http://example.org/> . ex:x a ex:Thing . ex:z ex:d ex:x .")
    shapes = load_shapes([shapes_file])

    def where(validator: Validator) -> list[tuple[str, str | None, str]]:
        return sorted(
            (r.focus, r.path, r.constraint) for r in validate_graph(data, shapes, validator=validator).results
        )

    assert (
        where(Validator.FAST)
        == where(Validator.PYSHACL)
        == [
            ("http://example.org/x", "(http://example.org/a|http://example.org/b)", "min-count"),
            ("http://example.org/x", "(http://example.org/e)*", "min-count"),
            ("http://example.org/x", "^http://example.org/d", "max-count"),
        ]
    )


def test_without_the_fast_engine_builds_use_pyshacl_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "shacl", None)  # import shacl now raises ImportError
    assert fast_engine_version() is None
    assert choose_validator(Validator.FAST, SHAPES) == (
        Validator.PYSHACL,
        "shacl is not installed: validating with pySHACL (slower). Install it with `pip install 'newsld[fast]'`"
        " (Linux x86-64 with glibc, macOS, Windows x86-64).",
    )


def test_newsld_s_shapes_use_only_iris_as_paths() -> None:
    paths = list(load_shapes([SHAPES]).graph.objects(None, SH.path))
    assert len(paths) > 20
    assert [p for p in paths if not isinstance(p, URIRef)] == []
