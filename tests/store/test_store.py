"""`newsld load` and `newsld query` against a real embedded Oxigraph store and a real Oxigraph server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.store.load import load_files
from pipeline.store.query import parse_param, run_query, shipped_queries
from pipeline.store.results import QueryResult
from tests.conftest import ROOT, SEED_IRI
from tests.dataset import nquads, quads
from tests.servers import oxigraph_server

SEED_TTL = ROOT / "output" / "fiverr-ceo-ai-warning.ttl"
SEED_JSONLD = ROOT / "output" / "fiverr-ceo-ai-warning.jsonld"
HEADLINE = "Fiverr CEO Micha Kaufman warns staff that AI is coming for everyone’s jobs, including his own"
KAUFMAN = "https://newsld.example/person/micha-kaufman"
SEED_GRAPHS = [
    SEED_IRI,
    "https://newsld.example/organization/fiverr",
    "https://newsld.example/organization/noah-wire-services",
    KAUFMAN,
    "https://newsld.example/software/newsld/0.1.0",
]

EXPECTED: dict[str, list[tuple[str | None, ...]]] = {
    "sources-by-paragraph": [
        (SEED_IRI, "1", "1, 3, 4, 5"),
        (SEED_IRI, "2", "2, 4"),
        (SEED_IRI, "3", "2, 7"),
        (SEED_IRI, "4", "3, 6"),
        (SEED_IRI, "5", "3, 6"),
        (SEED_IRI, "6", "4, 5"),
        (SEED_IRI, "7", ""),  # no sources: the empty list
    ],
    "quotes": [
        (SEED_IRI, "2", "Micha Kaufman", "AI is coming for everyone’s jobs, including mine"),
        (SEED_IRI, "4", "Micha Kaufman", "Those who resist transformation will be left behind"),
    ],
    "people": [(KAUFMAN, "Micha Kaufman", "Chief Executive Officer", "Fiverr")],
    "mentions": [
        ("https://newsld.example/organization/fiverr", "Fiverr", SEED_IRI, "1, 6, 7"),
        (KAUFMAN, "Micha Kaufman", SEED_IRI, "1, 2, 3, 4, 5, 6, 7"),
    ],
    "articles": [(SEED_IRI, HEADLINE, "Noah Wire Services", "7", "2")],
}


def values(result: QueryResult) -> list[tuple[str | None, ...]]:
    return [tuple(None if term is None else term.value for term in row) for row in result.rows]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    load_files([SEED_TTL], store=path)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        load_files([SEED_TTL], graph_store=f"{url}/store")
        yield url


def test_every_shipped_query_is_tested() -> None:
    assert set(shipped_queries()) == set(EXPECTED)
    assert all(q.description for q in shipped_queries().values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_query_exact_answer_embedded_and_server(name: str, store: Path, server: str) -> None:
    embedded = run_query(name, store=store)
    remote = run_query(name, endpoint=f"{server}/query")
    assert values(embedded) == EXPECTED[name]
    assert embedded.variables == remote.variables
    assert embedded.rows == remote.rows


@pytest.mark.parametrize("name", ["quotes", "sources-by-paragraph", "articles"])
def test_article_param_scopes_the_query_on_both(name: str, store: Path, server: str) -> None:
    mine = dict([parse_param(f"article=<{SEED_IRI}>")])
    other = dict([parse_param("article=<https://newsld.example/article/none>")])
    assert values(run_query(name, store=store, params=mine)) == EXPECTED[name]
    assert (
        run_query(name, endpoint=f"{server}/query", params=mine).rows == run_query(name, store=store, params=mine).rows
    )
    assert run_query(name, store=store, params=other).rows == []
    assert run_query(name, endpoint=f"{server}/query", params=other).rows == []


def test_load_twice_is_idempotent_embedded(tmp_path: Path) -> None:
    path = tmp_path / "store"
    first = load_files([SEED_TTL], store=path)
    second = load_files([SEED_TTL, SEED_JSONLD], store=path)
    assert first.graphs == first.added == SEED_GRAPHS
    assert second.graphs == second.replaced == SEED_GRAPHS
    assert first.store_triples == second.store_triples == 240
    names = sorted(g.value for g in ox.Store.read_only(str(path)).named_graphs())
    assert names == sorted(SEED_GRAPHS)


def count_on(server: str) -> int:
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", endpoint=f"{server}/query")
    return int(values(result)[0][0] or 0)


def test_load_twice_is_idempotent_on_the_server(server: str) -> None:
    before = count_on(server)
    load_files([SEED_TTL], graph_store=f"{server}/store")
    load_files([SEED_JSONLD], graph_store=f"{server}/store")
    assert before == count_on(server) == 240


def test_cli_load_and_query(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "store"
    result = runner.invoke(app, ["load", str(SEED_TTL), "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Loaded 5 graphs (240 triples) into {path}/ in ")
    assert result.stdout.rstrip().endswith(": 5 added, 0 replaced, 0 dropped; the store holds 240 triples.")
    csv = runner.invoke(app, ["query", "sources-by-paragraph", "--store", str(path), "--format", "csv"])
    assert csv.exit_code == 0
    assert csv.stdout.splitlines()[:3] == [
        "article,position,sources",
        f'{SEED_IRI},1,"1, 3, 4, 5"',
        f'{SEED_IRI},2,"2, 4"',
    ]
    table = runner.invoke(app, ["query", "people", "--store", str(path)])
    assert "person:micha-kaufman" in table.stdout
    assert "Chief Executive Officer" in table.stdout
    assert table.stdout.rstrip().endswith("1 row")
    listing = runner.invoke(app, ["query", "--list"])
    assert [line.split()[0] for line in listing.stdout.splitlines()] == sorted(EXPECTED)


def test_query_formats(store: Path, runner: CliRunner) -> None:
    as_json = json.loads(runner.invoke(app, ["query", "people", "--store", str(store), "-f", "json"]).stdout)
    assert as_json["head"]["vars"] == ["person", "name", "jobTitle", "organization"]
    assert as_json["results"]["bindings"][0]["person"] == {"type": "uri", "value": KAUFMAN}
    tsv = runner.invoke(app, ["query", "people", "--store", str(store), "-f", "tsv"]).stdout.splitlines()
    assert tsv == [
        "?person\t?name\t?jobTitle\t?organization",
        f'<{KAUFMAN}>\t"Micha Kaufman"\t"Chief Executive Officer"\t"Fiverr"',
    ]
    ask = runner.invoke(app, ["query", "ASK { ?q a <http://schema.org/Quotation> }", "--store", str(store)])
    assert ask.stdout == "yes\n"
    graph = runner.invoke(app, ["query", f"DESCRIBE <{KAUFMAN}>", "--store", str(store), "-f", "turtle"])
    assert "person:micha-kaufman a schema:Person ;" in graph.stdout
    wrong = runner.invoke(app, ["query", "people", "--store", str(store), "-f", "turtle"])
    assert wrong.exit_code == 2
    assert wrong.stderr == "error: a SELECT or ASK query gives solutions: use --format table, csv, tsv or json.\n"


def test_query_from_a_rq_file_and_from_data_files(tmp_path: Path, runner: CliRunner) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text(
        "PREFIX schema: <http://schema.org/>\nSELECT (COUNT(*) AS ?n) WHERE { ?a schema:hasPart/schema:position ?x }\n"
    )
    result = runner.invoke(app, ["query", str(rq), "--data", str(SEED_TTL), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "7"]


def test_unknown_query_name_and_bad_sparql(store: Path, runner: CliRunner) -> None:
    unknown = runner.invoke(app, ["query", "quote", "--store", str(store)])
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "error: no shipped query is named 'quote'. Shipped: articles, mentions, people, quotes, sources-by-paragraph (see --list).\n"
    )
    bad = runner.invoke(app, ["query", "SELECT ?x WHERE {", "--store", str(store)])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: the query is not valid SPARQL at line 1, column 18")
    assert bad.stderr.count("\n") == 1


def test_no_store_yet(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", "people", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert (
        result.stderr
        == f"error: there is no store at {tmp_path / 'none'}/. Run `newsld load` first, or pass --store.\n"
    )


def test_stopped_server_gives_exit_3(tmp_path: Path, runner: CliRunner) -> None:
    with oxigraph_server(tmp_path / "ox") as url:
        pass  # started and stopped: nothing listens on its port any more
    result = runner.invoke(app, ["load", str(SEED_TTL), "--graph-store", f"{url}/store", "--timeout", "2"])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: cannot reach {url}/store?graph=")
    assert (
        "after 3 attempts ([Errno 111] Connection refused). Check that the server is running and the URL is right.\n"
        in result.stderr
    )
    query = runner.invoke(app, ["query", "people", "--endpoint", f"{url}/query", "--timeout", "2"])
    assert query.exit_code == 3
    assert query.stderr.startswith(f"error: cannot reach {url}/query?union-default-graph after 3 attempts")


def test_embedded_store_locked_by_a_server(tmp_path: Path, runner: CliRunner) -> None:
    location = tmp_path / "shared"
    load_files([SEED_TTL], store=location)
    with oxigraph_server(location):
        result = runner.invoke(app, ["load", str(SEED_TTL), "--store", str(location)])
    assert result.exit_code == 3
    assert result.stderr == (
        f"error: the store at {location}/ is in use by another process (an `oxigraph serve`?)."
        " Stop it, or load through its --graph-store URL.\n"
    )


def test_a_file_that_fails_to_parse_changes_nothing(store: Path, tmp_path: Path, runner: CliRunner) -> None:
    changed = tmp_path / "changed.ttl"
    changed.write_text(SEED_TTL.read_text().replace("Micha Kaufman", "Someone Else"))
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> .\n")
    result = runner.invoke(app, ["load", str(changed), str(broken), "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}:1:")
    assert values(run_query("people", store=store)) == EXPECTED["people"]


def test_credentials_in_the_url_are_refused_without_echoing_them(runner: CliRunner) -> None:
    result = runner.invoke(app, ["load", str(SEED_TTL), "--graph-store", "http://admin:hunter2@127.0.0.1:1/store"])
    assert result.exit_code == 2
    assert "hunter2" not in result.output
    assert result.stderr == (
        "error: http://***@127.0.0.1:1/store carries credentials in the URL; they would show in shell history and process"
        " lists. Set NEWSLD_STORE_USER and NEWSLD_STORE_PASSWORD (or NEWSLD_STORE_TOKEN) instead.\n"
    )


def test_both_targets_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["load", str(SEED_TTL), "--store", str(tmp_path), "--graph-store", "http://127.0.0.1:1/store"]
    )
    assert result.exit_code == 2
    assert result.stderr == "error: choose either --store or --graph-store, not both.\n"


def test_shared_entities_do_not_multiply_rows(project: Path) -> None:
    """Each article graph repeats the people it names; queries must not join copies across graphs."""
    from pipeline.builder.corpus import build
    from tests.conftest import write_article

    for n in range(1, 4):
        write_article(
            project / "articles",
            f"story-{n}.txt",
            f"Micha Kaufman spoke again on day {n}.\n\n“Day {n} matters,” Kaufman said at Fiverr.\n\nSource: Noah Wire Services\n",
        )
    assert build([project / "articles"], out=project / "output").exit_code == 0
    load_files(store=project / "store")
    people = run_query("people", store=project / "store")
    assert values(people) == EXPECTED["people"]
    quotes = run_query("quotes", store=project / "store")
    assert len(quotes.rows) == 2 + 3
    articles = values(run_query("articles", store=project / "store"))
    assert [(row[0], row[3], row[4]) for row in articles if "story" in str(row[0])] == [
        (f"https://newsld.example/article/story-{n}", "2", "1") for n in range(1, 4)
    ]


def test_broken_nquads_into_an_empty_store_leaves_it_empty(tmp_path: Path, runner: CliRunner) -> None:
    good = nquads(ROOT / "output").decode("utf-8")
    broken = tmp_path / "broken.nq"
    broken.write_text(good + "<http://a> <http://b> <http://c> <http://g> <http://extra> .\n", encoding="utf-8")
    store = tmp_path / "store"
    result = runner.invoke(app, ["load", str(broken), "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}:{good.count(chr(10)) + 1}:")
    assert len(ox.Store.read_only(str(store))) == 0


def test_nquads_with_default_graph_triples_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    mixed = tmp_path / "mixed.nq"
    mixed.write_text(
        nquads(ROOT / "output").decode("utf-8") + "<http://a> <http://b> <http://c> .\n", encoding="utf-8"
    )
    for store in (tmp_path / "empty", tmp_path / "filled"):
        if store.name == "filled":
            load_files([SEED_TTL], store=store)
        result = runner.invoke(app, ["load", str(mixed), "--store", str(store)])
        assert result.exit_code == 2
        assert (
            result.stderr
            == f"error: {mixed}: has triples outside any named graph. Put every triple in the graph of its article.\n"
        )
    assert len(ox.Store.read_only(str(tmp_path / "empty"))) == 0
    assert len(ox.Store.read_only(str(tmp_path / "filled"))) == 240


def test_query_data_takes_several_files_as_a_shell_glob_gives_them(runner: CliRunner) -> None:
    ttl, jsonld = (str(ROOT / "output" / f"fiverr-ceo-ai-warning.{suffix}") for suffix in ("ttl", "jsonld"))
    result = runner.invoke(app, ["query", "people", "--data", ttl, jsonld, "-f", "csv"])
    assert result.exit_code == 0, result.output
    single = runner.invoke(app, ["query", "people", "--data", ttl, "-f", "csv"])
    assert result.stdout == single.stdout  # the same graph twice: the same people
    stray = runner.invoke(app, ["query", "people", ttl])
    assert stray.exit_code == 2
    assert stray.stderr == (
        f"error: unexpected argument {ttl!r} after QUERY: to query files, write --data before them.\n"
    )


def test_reloading_a_changed_article_leaves_no_stale_triple(project: Path) -> None:
    from pipeline.builder.corpus import build
    from pipeline.builder.graphs import split_by_graph

    assert build([project / "articles"], out=project / "output").exit_code == 0
    load_files(store=project / "store")
    seed = project / "articles" / "fiverr-ceo-ai-warning.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("sobering", "stark"), encoding="utf-8")
    assert build([project / "articles"], out=project / "output").exit_code == 0
    summary = load_files(store=project / "store")
    assert summary.replaced == [SEED_IRI], "only the graph that changed is written again"
    assert summary.mode == "changes"
    graphs = split_by_graph(
        SEED_IRI, (q.triple for q in ox.parse(path=str(project / "output" / "fiverr-ceo-ai-warning.ttl")))
    )
    published: dict[str, set[ox.Triple]] = {}
    for quad in quads(project / "output"):
        published.setdefault(str(quad.graph_name.value), set()).add(quad.triple)
    store = ox.Store.read_only(str(project / "store"))
    for graph in graphs:
        held = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        assert held == published[graph], graph
    assert any("stark" in str(t.object) for t in published[SEED_IRI])


def test_a_quotation_continued_over_paragraphs_is_one_row(project: Path) -> None:
    from pipeline.builder.corpus import build
    from tests.conftest import write_article

    write_article(
        project / "articles",
        "continued.txt",
        "Micha Kaufman wrote to Fiverr staff on Monday.\n\n"
        "“The first part runs here,” Kaufman said. “And it goes on.\n\n"
        "“It ends in this paragraph.”\n\nSource: Noah Wire Services\n",
    )
    assert build([project / "articles"], out=project / "output").exit_code == 0
    load_files(store=project / "store")
    rows = values(run_query("quotes", store=project / "store", params=dict([parse_param("article=" + BASE_IRI)])))
    assert rows == [
        (BASE_IRI, "2", "Micha Kaufman", "The first part runs here"),
        (BASE_IRI, "2", "Micha Kaufman", "And it goes on. It ends in this paragraph."),
    ]


BASE_IRI = "https://newsld.example/article/continued"


def test_articles_loaded_one_file_at_a_time_leave_every_rule_described(project: Path) -> None:
    """The software's graph is published whole: loading one article's file (which carries only the
    rules its own quotations were credited by) must not take away the rules another article's
    attributions point to."""
    from pipeline.builder.corpus import build
    from tests.conftest import write_article

    write_article(
        project / "articles",
        "continued.txt",
        "Micha Kaufman wrote to Fiverr staff on Monday.\n\n"
        "“The first part runs here,” Kaufman said. “And a second one follows.”\n\nSource: Noah Wire Services\n",
    )
    assert build([project / "articles"], out=project / "output").exit_code == 0
    files = [project / "output" / "continued.ttl", SEED_TTL.relative_to(ROOT)]
    assert "attribution-continued" in files[0].read_text(encoding="utf-8")
    assert "attribution-continued" not in (project / files[1]).read_text(encoding="utf-8")
    for file in files:
        load_files([project / file], store=project / "store")
    store = ox.Store.read_only(str(project / "store"))
    undescribed = store.query(
        "SELECT ?rule WHERE { ?a <http://purl.org/dc/terms/conformsTo> ?rule "
        "FILTER NOT EXISTS { GRAPH ?g { ?rule <http://schema.org/termCode> ?code } } }",
        use_default_graph_as_union=True,
    )
    assert [row["rule"].value for row in undescribed] == []  # type: ignore[union-attr]
    assert [
        row["rule"].value
        for row in store.query(  # type: ignore[union-attr]
            "SELECT DISTINCT ?rule WHERE { ?a <http://purl.org/dc/terms/conformsTo> ?rule }",
            use_default_graph_as_union=True,
        )
    ] != []


def test_loading_a_folder_without_parts_is_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["load", str(tmp_path / "empty"), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'empty'}: is a folder with no N-Quads files (*.nq) in it."
        " Name RDF files, or a dataset's folder of parts such as output/dataset.\n"
    )
    assert "Traceback" not in result.output
