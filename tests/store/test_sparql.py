"""Queries as the README writes them (issue 22, case 14): the data's prefixes need no PREFIX line,
a parser error is one line with its position, https://schema.org/ is warned about, and `--param`
takes the prefixed names the tables print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.store.load import load_files
from pipeline.store.sparql import prepare
from tests.conftest import ROOT, SEED_IRI
from tests.servers import oxigraph_server

SEED_TTL = ROOT / "output" / "fiverr-ceo-ai-warning.ttl"


@pytest.fixture
def store(project: Path) -> Path:
    load_files([SEED_TTL], store=project / "store")
    return project / "store"


def test_the_readme_count_of_people_needs_no_prefix_line(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }", "-f", "csv"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "n\n1\n", "")


def test_every_well_known_prefix_is_declared_when_used() -> None:
    query = (
        "SELECT * { ?a rdf:type schema:NewsArticle ; prov:wasDerivedFrom ?i ; dcterms:x ?d ; rdfs:label ?l ;"
        ' void:y ?v ; cito:cites ?c ; nif:beginIndex ?b . ?p a person:x , organization:y , article:z . FILTER(?b = "1"^^xsd:integer) }'
    )
    from pipeline.rdf.vocab import Iris

    prefixes = Iris("https://news.example/").prefixes()
    prepared = prepare(query, prefixes)
    declared = [line.split()[1] for line in prepared.text.splitlines()[: prepared.added]]
    assert declared == [
        "rdf:", "schema:", "prov:", "dcterms:", "rdfs:", "void:", "cito:", "nif:",
        "person:", "organization:", "article:", "xsd:",
    ]  # fmt: skip
    assert "PREFIX person: <https://news.example/person/>" in prepared.text
    # A query's own declaration wins; prefixes in IRIs, strings and comments are not uses.
    own = prepare('PREFIX schema: <http://x/> SELECT * { ?a schema:b "rdf:type" } # xsd:integer <urn:nif:x>', prefixes)
    assert own.added == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "SELECT ?x WHERE { ?x ?y ?z } LIMT 5",
            "error: the query is not valid SPARQL at line 1, column 36 (`…T ?x WHERE { ?x ?y ?z } LIMT 5 ▸`):"
            " expected HAVING, OFFSET, OPTIONAL, VALUES.\n",
        ),
        (
            "SELECT (COUNT(*) AS ?n)\nWHERE { ?p a foaf:Person }",
            "error: the query is not valid SPARQL at line 2, column 25: foaf: is not declared."
            " Add `PREFIX foaf: <…>` at the top of the query.\n",
        ),
        (
            "SELECT ?x WHERE {\n  ?x schema:name ?n .\n  FILTER(?x = ) }",
            "error: the query is not valid SPARQL at line 3, column 18 (`FILTER(?x = ) } ▸`):"
            " expected ABS, AVG, DAY, IRI, MAX, MD5, MIN, NOT, ….\n",
        ),
    ],
    ids=["typo", "undeclared-prefix", "position-after-added-prefixes"],
)
def test_a_parser_error_is_one_line_with_its_position(query: str, message: str, store: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", query])
    assert (result.exit_code, result.stderr) == (2, message)


def test_https_schema_org_is_warned_about(store: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["query", "PREFIX schema: <https://schema.org/> SELECT ?p WHERE { ?p a schema:Person }", "-f", "csv"]
    )
    assert (result.exit_code, result.stdout) == (0, "p\n")
    assert result.stderr == (
        "warning: the query uses https://schema.org/, but newsld's data (like schema.org's own JSON-LD context)"
        " uses http://schema.org/, so it matches nothing: write PREFIX schema: <http://schema.org/>, or leave"
        " the PREFIX line out.\n"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        load_files([SEED_TTL], graph_store=f"{url}/store")
        yield url


@pytest.mark.parametrize("where", ["store", "server", "data"])
def test_param_takes_a_prefixed_name_as_tables_print_it(
    where: str, store: Path, server: str, runner: CliRunner
) -> None:
    target = {
        "store": [],
        "server": ["--endpoint", f"{server}/query"],
        "data": ["--data", str(SEED_TTL)],
    }[where]
    table = runner.invoke(app, ["query", "quotes", *target])
    assert "article:fiverr-ceo-ai-warning" in table.stdout  # how the table prints the article
    by_name = runner.invoke(
        app, ["query", "quotes", "-p", "article=article:fiverr-ceo-ai-warning", "-f", "csv", *target]
    )
    by_iri = runner.invoke(app, ["query", "quotes", "-p", f"article=<{SEED_IRI}>", "-f", "csv", *target])
    assert by_name.exit_code == 0, by_name.stderr
    assert len(by_name.stdout.splitlines()) == 3
    assert by_name.stdout == by_iri.stdout
    mentions = runner.invoke(app, ["query", "mentions", "-p", "entity=person:micha-kaufman", "-f", "csv", *target])
    assert mentions.stdout.splitlines()[1].startswith("https://newsld.example/person/micha-kaufman,Micha Kaufman,")
    unknown = runner.invoke(app, ["query", "quotes", "-p", "speaker=Dr:Who", "-f", "csv", *target])
    assert unknown.stdout == "article,paragraph,speaker,text\n"  # not a known prefix: the plain string
