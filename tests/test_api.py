"""The public API: every name in `pipeline.__all__` works, twice, and is what its module defines."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pipeline
from tests.conftest import ROOT, SEED


def test_every_public_name_resolves_to_its_definition_twice() -> None:
    for name in pipeline.__all__:
        if name == "__version__":
            continue
        first = getattr(pipeline, name)
        second = getattr(pipeline, name)
        assert first is second
        module = importlib.import_module(first.__module__)
        assert getattr(module, name) is first, name
        assert not inspect.ismodule(first), f"pipeline.{name} is a module, not the API"


def test_build_called_twice_is_still_the_function(project: Path) -> None:
    """A submodule named like a public function used to replace it after the first call."""
    first = pipeline.build([project / "articles"], out=project / "output")
    second = pipeline.build([project / "articles"], out=project / "output")
    assert (first.exit_code, len(first.built), first.triples) == (0, 1, 240)
    assert (second.exit_code, len(second.built), second.skipped) == (0, 0, ["fiverr-ceo-ai-warning"])
    importlib.import_module("pipeline.builder.corpus")  # importing every submodule must not shadow a name
    assert callable(pipeline.build)
    assert pipeline.read_article(SEED).slug == pipeline.read_article(SEED).slug == "fiverr-ceo-ai-warning"
    report = pipeline.validate_files([ROOT / "output" / "fiverr-ceo-ai-warning.ttl"], [ROOT / "shapes"])[0]
    assert report.conforms and report.counts == {"Violation": 0, "Warning": 1, "Info": 0}


def test_names_are_typed_for_type_checkers() -> None:
    source = (ROOT / "pipeline" / "__init__.py").read_text(encoding="utf-8")
    assert "Any" not in source
    for name in pipeline.__all__:
        if name != "__version__":
            assert f" {name}" in source.split("if TYPE_CHECKING:", 1)[1].split("__version__", 1)[0], name
