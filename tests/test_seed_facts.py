"""The facts of the seed article, read back from the published output/ (what users download)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.conftest import ROOT, SEED_IRI

PREFIXES = "PREFIX schema: <http://schema.org/>\nPREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>\n"


@pytest.fixture(scope="module", params=["fiverr-ceo-ai-warning.ttl", "fiverr-ceo-ai-warning.jsonld"])
def store(request: pytest.FixtureRequest) -> ox.Store:
    store = ox.Store()
    store.load(path=str(ROOT / "output" / request.param))
    return store


def select(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(PREFIXES + query)]  # type: ignore[union-attr]


def test_seven_paragraphs_in_order_with_exact_texts(store: ox.Store) -> None:
    rows = select(
        store,
        f"SELECT ?pos ?text WHERE {{ <{SEED_IRI}> schema:hasPart ?p . ?p schema:position ?pos ; schema:text ?text }} ORDER BY ?pos",
    )
    source = (ROOT / "articles" / "fiverr-ceo-ai-warning.txt").read_text(encoding="utf-8")
    expected = source.split("Reference Map")[0].strip().split("\n\n")
    assert [int(pos) for pos, _ in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [text for _, text in rows] == expected


def cited(store: ox.Store, position: int) -> list[int]:
    rows = select(
        store,
        f"SELECT ?n WHERE {{ <{SEED_IRI}> schema:hasPart ?p . ?p schema:position {position} ; schema:citation ?s . ?s schema:position ?n }} ORDER BY ?n",
    )
    return [int(n) for (n,) in rows]


def test_citations(store: ox.Store) -> None:
    assert cited(store, 1) == [1, 3, 4, 5]
    assert cited(store, 7) == []


def test_kaufman_works_for_fiverr(store: ox.Store) -> None:
    rows = select(
        store, "SELECT ?name ?org WHERE { ?p a schema:Person ; schema:name ?name ; schema:worksFor/schema:name ?org }"
    )
    assert rows == [("Micha Kaufman", "Fiverr")]


def test_two_quotes_by_kaufman(store: ox.Store) -> None:
    rows = select(
        store,
        "SELECT ?text ?who WHERE { ?q a schema:Quotation ; schema:text ?text ; schema:creator/schema:name ?who } ORDER BY ?text",
    )
    assert rows == [
        ("AI is coming for everyone’s jobs, including mine", "Micha Kaufman"),
        ("Those who resist transformation will be left behind", "Micha Kaufman"),
    ]


def test_publisher(store: ox.Store) -> None:
    assert select(store, f"SELECT ?name WHERE {{ <{SEED_IRI}> schema:publisher/schema:name ?name }}") == [
        ("Noah Wire Services",)
    ]


def test_offsets_hold_in_sparql(store: ox.Store) -> None:
    rows = select(
        store,
        f"""SELECT ?p WHERE {{ <{SEED_IRI}> schema:articleBody ?body ; schema:hasPart ?p .
            ?p schema:text ?text ; nif:beginIndex ?b ; nif:endIndex ?e .
            FILTER (SUBSTR(?body, ?b + 1, ?e - ?b) = ?text) }}""",
    )
    assert len(rows) == 7
