"""Shared fixtures: the repository's paths, a scratch project, the seed article's graph."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from rdflib import Graph
from typer.testing import CliRunner

from pipeline.builder.article import BuildContext, build_article
from pipeline.rdf.vocab import Iris
from pipeline.source.catalogue import read_catalogue

# HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py  for a long hunt.
settings.register_profile("default", max_examples=40)
settings.register_profile("thorough", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "fiverr-ceo-ai-warning.txt"
SHAPES = ROOT / "shapes"
DATA = Path(__file__).resolve().parent / "data"
VOCAB = ROOT / "pipeline" / "data" / "schemaorg"  # the schema.org 30.0 reference files newsld ships
BASE = "https://newsld.example/"
SEED_IRI = f"{BASE}article/fiverr-ceo-ai-warning"


_CACHE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Builds keep a cache of input digests in the user's cache folder: tests keep theirs apart."""
    import tempfile

    config.stash[_CACHE] = os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="newsld-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if (cache := config.stash.get(_CACHE, None)) is not None:
        shutil.rmtree(cache, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="Rewrite the golden RDF fixtures in tests/data/golden from the current code.",
    )


@pytest.fixture
def regenerate(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate-golden"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def context() -> BuildContext:
    return BuildContext(
        catalogue=read_catalogue(ROOT / "articles" / "entities.toml"), iris=Iris(BASE), shapes=SHAPES, root=ROOT
    )


@pytest.fixture(scope="session")
def seed_graph(context: BuildContext) -> Graph:
    """The seed article's graph as the pipeline builds it (before serialization)."""
    from pipeline.rdf.graph import Provenance, article_graph
    from pipeline.source.article import read_article
    from pipeline.source.sidecar import read_metadata

    article = read_article(SEED)
    provenance = Provenance("articles/fiverr-ceo-ai-warning.txt", "0" * 64, context.version)
    return article_graph(article, read_metadata(SEED, context.catalogue), context.catalogue, context.iris, provenance)


@pytest.fixture(scope="session")
def seed_build(context: BuildContext) -> object:
    return build_article(SEED, context)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A scratch copy of the project (pyproject, articles, shapes) as the working directory."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "articles", tmp_path / "articles")
    shutil.copytree(SHAPES, tmp_path / "shapes")
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def write_article(folder: Path, name: str, text: str, sidecar: str | None = None) -> Path:
    """Write a wire-format article (and optional sidecar) into `folder`; return the article path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: to prove that nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def published(folder: Path) -> dict[str, bytes]:
    """What git keeps of an output folder (`snapshot` without changes.json, which describes the last
    build run in that folder, not the dataset): to compare a build with the committed output/."""
    return {name: data for name, data in snapshot(folder).items() if name != "changes.json"}
