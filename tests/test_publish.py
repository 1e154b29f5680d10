"""Serializations: deterministic Turtle, framed JSON-LD that is the same graph, atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from pipeline.article_build import ArticleBuild
from tests.conftest import ROOT
from tests.rdfcompare import graph_difference


def outputs(seed_build: object) -> dict[str, bytes]:
    assert isinstance(seed_build, ArticleBuild)
    return seed_build.outputs


def test_turtle_and_jsonld_are_the_same_graph_in_rdflib(seed_build: object) -> None:
    assert isinstance(seed_build, ArticleBuild)
    turtle = Graph().parse(data=outputs(seed_build)[".ttl"], format="turtle")
    assert len(turtle) == seed_build.triples
    assert not graph_difference(turtle, Graph().parse(data=outputs(seed_build)[".jsonld"], format="json-ld"))


def test_jsonld_is_one_tree_rooted_at_the_article(seed_build: object) -> None:
    document = json.loads(outputs(seed_build)[".jsonld"])
    assert document["@id"] == "article:fiverr-ceo-ai-warning"
    assert document["@type"] == "NewsArticle"
    assert isinstance(document["@context"], dict)  # inline: loads offline
    assert "@graph" not in document
    positions = [part["position"] for part in document["hasPart"]]
    assert positions == [1, 2, 3, 4, 5, 6, 7]
    assert document["hasPart"][1]["hasPart"][0]["text"] == "AI is coming for everyone’s jobs, including mine"


def test_jsonld_and_turtle_agree_in_pyoxigraph(seed_build: object) -> None:
    turtle = set(ox.parse(outputs(seed_build)[".ttl"], format=ox.RdfFormat.TURTLE))
    jsonld = set(ox.parse(outputs(seed_build)[".jsonld"], format=ox.RdfFormat.JSON_LD))
    assert turtle == jsonld


def test_turtle_layout(seed_build: object) -> None:
    text = outputs(seed_build)[".ttl"].decode()
    prefixes = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes)
    assert "@prefix schema: <http://schema.org/> ." in prefixes
    assert text.splitlines()[len(prefixes) + 1].startswith("article:fiverr-ceo-ai-warning a schema:NewsArticle")
    subjects = [line.split(" ")[0] for line in text.splitlines()[len(prefixes) :] if line and not line.startswith("\t")]
    assert (
        subjects.index(":paragraph-2")
        < subjects.index(":paragraph-7")
        < subjects.index(":quote-1")
        < subjects.index(":source-1")
    )


def run_build(out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--out", str(out), "--jobs", "1", "-q"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_outputs_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    first = run_build(tmp_path / "a", "1")
    second = run_build(tmp_path / "b", "4242")
    assert first.keys() == {
        "dataset.nq",
        "fiverr-ceo-ai-warning.jsonld",
        "fiverr-ceo-ai-warning.ttl",
        "manifest.json",
        "void.ttl",
    }
    assert first == second


def test_committed_output_matches_a_fresh_build(tmp_path: Path) -> None:
    fresh = run_build(tmp_path / "fresh", "7")
    committed = {p.name: p.read_bytes() for p in sorted((ROOT / "output").iterdir())}
    assert fresh == committed, "output/ is stale: run `newsld build` and commit output/"


def test_natural_order_is_by_number_and_ignores_other_digit_characters() -> None:
    from pipeline.sorting import natural_key

    names = ["p-10", "p-2", "p-²", "p-1", "p-٣"]
    assert sorted(names, key=natural_key) == ["p-1", "p-2", "p-10", "p-²", "p-٣"]
