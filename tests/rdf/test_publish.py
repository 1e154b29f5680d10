"""Serializations: deterministic Turtle, framed JSON-LD that is the same graph, atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from pipeline.builder.article import ArticleBuild
from pipeline.rdf.serialize.statements import Statements, predicate_key, term_key
from tests.conftest import ROOT, snapshot
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
    assert document["@id"] == "https://newsld.example/article/fiverr-ceo-ai-warning"
    assert document["@type"] == "NewsArticle"
    assert isinstance(document["@context"], dict)  # inline: loads offline
    assert "@graph" not in document
    positions = [part["position"] for part in document["hasPart"]]
    assert positions == [1, 2, 3, 4, 5, 6, 7]
    assert document["hasPart"][1]["hasPart"][0]["text"] == "AI is coming for everyone’s jobs, including mine"


def test_every_jsonld_id_is_an_absolute_iri(seed_build: object) -> None:
    """A page can embed the file as it is: no prefix of the data's own IRIs needs the context to resolve."""
    ids: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            ids.extend(v for k, v in value.items() if k == "@id" and isinstance(v, str))
            for k, v in value.items():
                if k != "@context":
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    document = json.loads(outputs(seed_build)[".jsonld"])
    walk(document)
    assert len(ids) > 40
    assert [i for i in ids if not i.startswith("https://newsld.example/")] == []
    assert not set(document["@context"]) & {"article", "person", "organization", ""}


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
    return snapshot(out)


def test_outputs_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    first = run_build(tmp_path / "a", "1")
    second = run_build(tmp_path / "b", "4242")
    assert {name for name in first if not name.startswith("dataset/")} == {
        "changes.json",
        "graphs.tsv",
        "fiverr-ceo-ai-warning.jsonld",
        "fiverr-ceo-ai-warning.ttl",
        "manifest.json",
        "manifest/1f.json",
        "void.ttl",
    }
    assert len([name for name in first if name.startswith("dataset/")]) == 5, "the article's part and its entities'"
    assert first == second


def test_committed_output_matches_a_fresh_build(tmp_path: Path) -> None:
    fresh = run_build(tmp_path / "fresh", "7")
    committed = {name: data for name, data in snapshot(ROOT / "output").items() if name != "changes.json"}
    fresh.pop("changes.json")
    assert fresh == committed, "output/ is stale: run `newsld build` and commit output/"


def test_natural_order_is_by_number_and_ignores_other_digit_characters() -> None:
    from pipeline.io.sorting import natural_key

    names = ["p-10", "p-2", "p-²", "p-1", "p-٣"]
    assert sorted(names, key=natural_key) == ["p-1", "p-2", "p-10", "p-²", "p-٣"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789a-#/²٣é"), max_size=24) | st.text())
def test_the_natural_key_is_text_and_numbers_in_turn(text: str) -> None:
    """The key is the text cut into runs of ASCII digits (by value) and of everything else (as text),
    in order, nothing empty: what a plain regex split gives, whatever the text."""
    import re

    from pipeline.io.sorting import _key

    reference = tuple(
        (0, int(part)) if re.fullmatch("[0-9]+", part) else (1, part) for part in re.split("([0-9]+)", text) if part
    )
    assert _key(text) == reference


def test_a_build_worker_forgets_the_keys_of_the_articles_it_sorted() -> None:
    """A worker sorts each article's own IRIs once: past the bound the cache is emptied, and the
    keys it gives afterwards are the same."""
    from pipeline.io.sorting import _cached_key, forget_keys, natural_key

    _cached_key.cache_clear()
    iris = [f"https://newsld.example/article/story-{n}" for n in range(300)]
    before = [natural_key(iri) for iri in iris]
    forget_keys(beyond=len(iris))
    assert _cached_key.cache_info().currsize == len(iris)  # not past the bound: kept
    forget_keys(beyond=len(iris) - 1)
    assert _cached_key.cache_info().currsize == 0
    assert [natural_key(iri) for iri in iris] == before
    # An article's own IRIs (its paragraphs, its quotations) are keyed afresh, never kept.
    _cached_key.cache_clear()
    assert natural_key("https://newsld.example/article/story-2#paragraph-10") > natural_key(
        "https://newsld.example/article/story-2#paragraph-9"
    )
    assert _cached_key.cache_info().currsize == 0


def test_direct_jsonld_is_byte_identical_to_pyld_framing(tmp_path: Path) -> None:
    """pyld is the oracle: the directly built tree must be the document its framing makes."""
    import pyoxigraph as ox

    from bench.generate import generate
    from pipeline.builder.corpus import build
    from pipeline.rdf.serialize import publish
    from pipeline.rdf.serialize.jsonld import tree
    from pipeline.rdf.vocab import Iris

    generate(60, tmp_path / "articles", seed=5)
    assert build([tmp_path / "articles"], out=tmp_path / "out").exit_code in (0, 1)
    files = [ROOT / "output" / "fiverr-ceo-ai-warning.ttl", *sorted((tmp_path / "out").glob("story-*.ttl"))]
    assert len(files) > 40
    iris = Iris("https://newsld.example/")
    for path in files:
        triples = publish.sort_triples(q.triple for q in ox.parse(path=str(path)))
        prefixes = iris.prefixes(path.stem)
        context = publish.jsonld_context(triples, prefixes)
        rows = Statements.of(triples).rows
        assert tree(rows, context, "http://schema.org/NewsArticle") is not None, f"{path.name} fell back"
        assert publish.jsonld(triples, prefixes) == publish.jsonld_framed(triples, prefixes), path.name
        if path.parent == tmp_path / "out":
            assert path.with_suffix(".jsonld").read_bytes() == publish.jsonld(triples, prefixes)


def test_graphs_the_direct_tree_has_no_rule_for_go_to_pyld() -> None:
    import pyoxigraph as ox

    from pipeline.rdf.serialize import publish
    from pipeline.rdf.serialize.jsonld import tree

    article = ox.NamedNode("https://newsld.example/article/a")
    blank = ox.BlankNode("b")
    schema = "http://schema.org/"
    triples = publish.sort_triples(
        [
            ox.Triple(
                article,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(f"{schema}NewsArticle"),
            ),
            ox.Triple(article, ox.NamedNode(f"{schema}author"), blank),
            ox.Triple(blank, ox.NamedNode(f"{schema}name"), ox.Literal("Anonymous")),
        ]
    )
    prefixes = {"schema": schema, "article": "https://newsld.example/article/"}
    context = publish.jsonld_context(triples, prefixes)
    assert tree(Statements.of(triples).rows, context, f"{schema}NewsArticle") is None
    assert publish.jsonld(triples, prefixes) == publish.jsonld_framed(triples, prefixes)
    assert b'"name": "Anonymous"' in publish.jsonld(triples, prefixes)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), language=st.sampled_from(["", "en", "de-CH"]), number=st.integers(-(2**70), 2**70))
def test_the_direct_writer_escapes_and_orders_as_the_json_module_does(text: str, language: str, number: int) -> None:
    """Any text (control characters, quotes, U+2028, astral characters) and any integer come out
    byte for byte as pyld's tree written by the json module."""
    from pipeline.rdf.serialize import publish

    schema = "http://schema.org/"
    article = ox.NamedNode("https://newsld.example/article/a")
    triples = publish.sort_triples(
        [
            ox.Triple(
                article,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(f"{schema}NewsArticle"),
            ),
            ox.Triple(article, ox.NamedNode(f"{schema}headline"), ox.Literal(text, language=language or None)),
            ox.Triple(article, ox.NamedNode(f"{schema}alternativeHeadline"), ox.Literal(text)),
            ox.Triple(
                article, ox.NamedNode(f"{schema}wordCount"), ox.Literal(str(number), datatype=ox.NamedNode(XSD_INTEGER))
            ),
            ox.Triple(article, ox.NamedNode(f"{schema}keywords"), ox.Literal(text[::-1] or "x")),
        ]
    )
    prefixes = {"schema": schema, "article": "https://newsld.example/article/"}
    assert publish.jsonld(triples, prefixes) == publish.jsonld_framed(triples, prefixes)


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


_NAMES = ["https://e/p-1", "https://e/p-01", "https://e/p-10", "https://e/p-2", "https://e/a", "_b1", "_b01"]


def _term(name: str, literal: bool = False) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if literal:
        return ox.Literal(name.rsplit("/", 1)[-1], language="en" if "1" in name else None)
    return ox.BlankNode(name[1:]) if name.startswith("_") else ox.NamedNode(name)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_NAMES),
            st.sampled_from([*_NAMES[:5], "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]),
            st.sampled_from(_NAMES),
            st.booleans(),
        ),
        max_size=40,
    )
)
def test_canonical_order_is_sorting_by_subject_predicate_and_object_keys(
    rows: list[tuple[str, str, str, bool]],
) -> None:
    """Grouping by subject and predicate keys gives what one sort by the three keys gives, also when
    two IRIs have the same key (p-1 and p-01) and for duplicate triples."""
    from pipeline.rdf.serialize import publish

    triples = [
        ox.Triple(
            _term(s) if not s.startswith("_") else ox.BlankNode(s[1:]),  # type: ignore[arg-type]
            ox.NamedNode(p),
            _term(o, literal),
        )
        for s, p, o, literal in rows
    ]
    expected = sorted(
        zip(triples, Statements.of(triples).rows, strict=True),
        key=lambda pair: (term_key(pair[1][0]), predicate_key(pair[1][1]), term_key(pair[1][2])),
    )
    assert publish.sort_triples(triples) == [triple for triple, _ in expected]


@settings(max_examples=300, deadline=None)
@given(
    iris=st.sets(st.text(alphabet="ab/#:", max_size=6)),
    prefixes=st.dictionaries(st.text(alphabet="xyz", max_size=2), st.text(alphabet="ab/#:", max_size=4)),
)
def test_the_prefixes_used_are_those_some_iri_goes_on_after(iris: set[str], prefixes: dict[str, str]) -> None:
    from pipeline.rdf.serialize.publish import _prefixes_of

    expected = {
        name: namespace
        for name, namespace in sorted(prefixes.items())
        if any(iri.startswith(namespace) and len(iri) > len(namespace) for iri in iris)
    }
    found = _prefixes_of(iris, prefixes)
    assert found == expected
    assert list(found) == sorted(found)


def test_authors_and_publisher_are_described_where_the_article_names_them(context: object) -> None:
    """An author also in `about` (which sorts first) and a configured publisher are embedded in full
    under `author` and `publisher` (what search engines read), as pyld frames them with
    `@embed: @always`; the image is an ImageObject with its size; dates are strings even when the
    article's and its sources' datatypes differ; the tree is still the graph."""
    from dataclasses import replace
    from datetime import UTC, date, datetime

    from pipeline.config import Publisher
    from pipeline.rdf.graph import article_triples
    from pipeline.rdf.serialize import publish
    from pipeline.source.article import read_article
    from pipeline.source.sidecar import ImageInfo, Named, SourceInfo, read_metadata
    from tests.conftest import SEED

    catalogue, iris = context.catalogue, context.iris  # type: ignore[attr-defined]
    metadata = replace(
        read_metadata(SEED, catalogue),
        authors=(Named("Jane Doe"), Named("Micha Kaufman", "micha-kaufman")),
        image=ImageInfo("https://img.example/k.jpg", "Micha Kaufman on stage", "Kaufman.", 1200, 800),
        description="A memo.",
        date_published=datetime(2025, 4, 8, 7, 30, tzinfo=UTC),
        sources={1: SourceInfo(title="Memo", date=date(2025, 4, 8))},
    )
    publisher = Publisher("The Daily Example", "https://daily.example/", "https://daily.example/logo.png")
    triples = publish.sort_triples(
        article_triples(read_article(SEED), metadata, catalogue, iris, publisher=publisher).triples
    )
    prefixes = iris.prefixes(SEED.stem)
    written = publish.jsonld(triples, prefixes)
    assert written == publish.jsonld_framed(triples, prefixes)
    document = json.loads(written)
    kaufman = document["author"][1]
    assert (kaufman["name"], kaufman["url"]) == ("Micha Kaufman", "https://newsld.example/person/micha-kaufman.html")
    assert kaufman["worksFor"]["name"] == "Fiverr"
    about = {node["@id"]: node for node in document["about"]}
    assert about[kaufman["@id"]]["name"] == "Micha Kaufman"  # described there too: the same facts twice
    assert document["publisher"] == {
        "@id": "https://newsld.example/organization/the-daily-example",
        "@type": ["NewsMediaOrganization", "Organization"],
        "logo": "https://daily.example/logo.png",
        "name": "The Daily Example",
        "url": "https://daily.example/",
    }
    assert document["sourceOrganization"]["name"] == "Noah Wire Services"
    assert document["image"]["width"] == 1200 and document["image"]["contentUrl"] == "https://img.example/k.jpg"
    assert document["mainEntityOfPage"] == "https://newsld.example/article/fiverr-ceo-ai-warning.html"
    # an instant for the article, a day for its source: both plain strings (a type-scoped context)
    assert document["datePublished"] == "2025-04-08T07:30:00+00:00"
    assert document["citation"][0]["datePublished"] == "2025-04-08"
    from_jsonld = set(ox.parse(written, format=ox.RdfFormat.JSON_LD))
    assert from_jsonld == set(ox.parse(publish.turtle(triples, prefixes), format=ox.RdfFormat.TURTLE))
