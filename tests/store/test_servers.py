"""The same answers on every store: embedded Oxigraph, a real `oxigraph serve` and a real Virtuoso.

Each test builds a small corpus, loads it through the CLI into all three stores and compares what
they answer. The Virtuoso tests need Debian's virtuoso-opensource; without it they skip locally and
fail in CI (NEWSLD_REQUIRE_SERVERS=1), because a suite that skipped its servers proved nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.store.http import Server
from pipeline.store.load import load_files
from pipeline.store.query import parse_param, run_query, shipped_queries
from pipeline.store.record import RECORD
from tests.conftest import ROOT, write_article
from tests.servers import VIRTUOSO_USER, Virtuoso, oxigraph_server, virtuoso_binaries, virtuoso_server

REQUIRE = "NEWSLD_REQUIRE_SERVERS"
BASE = "https://newsld.example/"
SCHEMA = "PREFIX schema: <http://schema.org/>\n"
FOREIGN = "https://elsewhere.example/graph"  # a graph newsld did not publish: never touched


def need_virtuoso() -> None:
    if virtuoso_binaries() is None:
        reason = "virtuoso-t/isql-vt not installed (apt-get install virtuoso-opensource)"
        if os.environ.get(REQUIRE):
            pytest.fail(f"{reason}, and {REQUIRE} says the server tests must run")
        pytest.skip(reason)


@dataclass(frozen=True)
class Target:
    """One store as the CLI addresses it: the options for `load` and for `query`."""

    name: str
    load: tuple[str, ...]
    query: tuple[str, ...]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    need_virtuoso()
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


def emptied(graph_store: str, endpoint: str) -> None:
    """Take out of a server what an earlier test published under our base, and its record of it."""
    listed = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}")) }}'
    for graph, *_ in run_query(listed, endpoint=endpoint).rows:
        assert graph is not None
        Server(graph_store).request("DELETE", params={"graph": graph.value}, missing_ok=True)
    Server(graph_store).request("DELETE", params={"graph": RECORD}, missing_ok=True)


@pytest.fixture
def targets(project: Path, virtuoso: Virtuoso, oxigraph: str) -> list[Target]:
    """The three stores, each emptied of what an earlier test published under our base."""
    emptied(virtuoso.graph_store, virtuoso.endpoint)
    emptied(f"{oxigraph}/store", f"{oxigraph}/query")
    return [
        Target("embedded", ("--store", str(project / "store")), ("--store", str(project / "store"))),
        Target("oxigraph", ("--graph-store", f"{oxigraph}/store"), ("--endpoint", f"{oxigraph}/query")),
        Target("virtuoso", ("--graph-store", virtuoso.graph_store), ("--endpoint", virtuoso.endpoint)),
    ]


STORIES = {
    # Kaufman in three articles (his description must count once), one quotation nobody is credited
    # with (a speaker filter must not relabel it), unicode in names and quotations.
    "kaufman-2": "Micha Kaufman spoke again at Fiverr.\n\n“Day two matters,” Kaufman said.\n\n"
    "Source: Noah Wire Services\n",
    "kaufman-3": "Micha Kaufman wrote to Fiverr staff.\n\n“Zoë’s team ships — on Tuesdays — too,” Kaufman said.\n\n"
    "A sign read “no entry after 10 p.m.” on Monday.\n\nSource: Noah Wire Services\n",
}


def build_corpus(project: Path, runner: CliRunner, stories: dict[str, str] | None = None) -> None:
    for slug, text in (STORIES if stories is None else stories).items():
        write_article(project / "articles", f"{slug}.txt", text)
    result = runner.invoke(app, ["build", "--quiet"])
    assert result.exit_code == 0, result.output


def load(runner: CliRunner, target: Target, *options: str) -> str:
    result = runner.invoke(app, ["load", *options, *target.load])
    assert result.exit_code == 0, f"{target.name}: {result.output}"
    return result.stdout


def query(runner: CliRunner, target: Target, *arguments: str) -> str:
    result = runner.invoke(app, ["query", *arguments, *target.query])
    assert result.exit_code == 0, f"{target.name}: {result.output}"
    return result.stdout


def same_everywhere(runner: CliRunner, targets: list[Target], *arguments: str) -> str:
    """The output of `newsld query ARGUMENTS` on every store; it must be identical."""
    answers = {target.name: query(runner, target, *arguments) for target in targets}
    first = answers["embedded"]
    for name, answer in answers.items():
        assert answer == first, f"{name} differs from embedded for {arguments}:\n{answer}\n---\n{first}"
    return first


def test_naive_queries_count_each_fact_once(project: Path, runner: CliRunner, targets: list[Target]) -> None:
    build_corpus(project, runner)
    for target in targets:
        load(runner, target)
    people = same_everywhere(
        runner, targets, SCHEMA + "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }", "-f", "csv"
    )
    assert people.splitlines() == ["n", "1"]  # Micha Kaufman, named in three articles
    quotes = same_everywhere(
        runner,
        targets,
        SCHEMA + 'SELECT ?q WHERE { ?q schema:creator/schema:name "Micha Kaufman" } ORDER BY ?q',
        "-f",
        "csv",
    )
    assert len(quotes.splitlines()) == 1 + 4, "two quotations in the seed, one in each new article, each once"


@pytest.mark.parametrize("output_format", ["table", "csv", "tsv", "json"])
def test_every_shipped_query_answers_the_same_on_every_store(
    project: Path, runner: CliRunner, targets: list[Target], output_format: str
) -> None:
    build_corpus(project, runner)
    for target in targets:
        load(runner, target)
    for name in shipped_queries():
        answer = same_everywhere(runner, targets, name, "-f", output_format)
        assert "Micha Kaufman" in answer or name in ("articles", "sources-by-paragraph")


def test_every_parameter_restricts_the_same_way_on_every_store(
    project: Path, runner: CliRunner, targets: list[Target]
) -> None:
    """--param NAME=VALUE keeps exactly the rows whose NAME is VALUE, for every variable of every
    shipped query that the WHERE clause binds, on every store; it never assigns VALUE to a row."""
    build_corpus(project, runner)
    for target in targets:
        load(runner, target)
    embedded = Path("store")
    checked = 0
    for name, named in shipped_queries().items():
        everything = run_query(name, store=embedded)
        computed = {v for v in everything.variables if f"AS ?{v})" in named.text}
        for index, variable in enumerate(everything.variables):
            if variable in computed:
                continue
            for value in sorted({row[index] for row in everything.rows if row[index] is not None}, key=str)[:3]:
                expected = [row for row in everything.rows if row[index] == value]
                shown = str(value)  # N-Triples: <iri> or "literal"^^<type>, as --param takes it
                for target in targets:
                    options = dict(zip(target.query[::2], target.query[1::2], strict=True))
                    rows = run_query(
                        name,
                        store=Path(options["--store"]) if "--store" in options else None,
                        endpoint=options.get("--endpoint"),
                        params=dict([parse_param(f"{variable}={shown}")]),
                    ).rows
                    assert rows == expected, f"{name} --param {variable}={shown} on {target.name}"
                checked += 1
    assert checked >= 20
    unattributed = same_everywhere(runner, targets, "quotes", "--param", 'speaker="Micha Kaufman"', "-f", "csv")
    assert "no entry after 10 p.m." not in unattributed, "a quotation nobody is credited with keeps no speaker"
    assert len(unattributed.splitlines()) == 1 + 4


def test_a_bare_iri_parameter_is_an_iri(project: Path, runner: CliRunner, targets: list[Target]) -> None:
    build_corpus(project, runner)
    for target in targets:
        load(runner, target)
    bare = same_everywhere(runner, targets, "quotes", "--param", f"article={BASE}article/kaufman-2", "-f", "csv")
    bracketed = same_everywhere(runner, targets, "quotes", "--param", f"article=<{BASE}article/kaufman-2>", "-f", "csv")
    assert bare == bracketed
    assert bare.count("kaufman-2") == 1


def test_retraction_drops_the_article_everywhere(project: Path, runner: CliRunner, targets: list[Target]) -> None:
    build_corpus(project, runner, {**STORIES, "rival": "Lena Ortiz left Acme Corp.\n\nSource: Noah Wire Services\n"})
    (project / "articles" / "entities.toml").write_text(
        (project / "articles" / "entities.toml").read_text(encoding="utf-8")
        + '\n[entity.lena-ortiz]\ntype = "Person"\nname = "Lena Ortiz"\n',
        encoding="utf-8",
    )
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    for target in targets:
        load(runner, target)
    foreign = f'<{FOREIGN}> {{ <https://elsewhere.example/x> <http://schema.org/name> "kept" }}'
    run_query_update(targets, foreign, project)
    assert "rival" in same_everywhere(runner, targets, "articles", "-f", "csv")

    (project / "articles" / "rival.txt").unlink()
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    for target in targets:
        summary = load(runner, target)
        # Only what changed: the article and the person no article names any more leave; nothing
        # else is written again.
        assert ": 0 added, 0 replaced, 2 dropped" in summary, f"{target.name}: {summary}"
    articles = same_everywhere(runner, targets, "articles", "-f", "csv")
    assert "rival" not in articles
    assert articles.count("\n") == 1 + 3
    people = same_everywhere(runner, targets, "people", "-f", "csv")
    assert "Lena Ortiz" not in people, "an entity no article names any more is dropped with it"
    kept = same_everywhere(
        runner,
        targets,
        "SELECT ?n WHERE { GRAPH ?g { ?s <http://schema.org/name> ?n } FILTER(?g = <" + FOREIGN + ">) }",
        "-f",
        "csv",
    )
    assert kept.splitlines() == ["n", "kept"], "graphs newsld did not publish are never touched"


def run_query_update(targets: list[Target], data: str, project: Path) -> None:
    """Put a foreign graph into every store (embedded: in-process; servers: Graph Store PUT)."""
    import pyoxigraph as ox

    for target in targets:
        if target.name == "embedded":
            store = ox.Store(str(project / "store"))
            store.update(f"INSERT DATA {{ GRAPH {data} }}")
            del store
        else:
            body = data.split("{", 1)[1].rsplit("}", 1)[0].strip() + " .\n"
            Server(target.load[1]).request(
                "PUT", body.encode(), params={"graph": FOREIGN}, headers={"Content-Type": "application/n-triples"}
            )


def test_keep_removed_keeps_the_retracted_article(project: Path, runner: CliRunner, targets: list[Target]) -> None:
    build_corpus(project, runner)
    for target in targets:
        load(runner, target)
    (project / "articles" / "kaufman-3.txt").unlink()
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    for target in targets:
        assert ", 0 dropped" in load(runner, target, "--keep-removed")
    assert "kaufman-3" in same_everywhere(runner, targets, "articles", "-f", "csv")


def test_construct_comes_back_as_the_same_triples(project: Path, runner: CliRunner, targets: list[Target]) -> None:
    build_corpus(project, runner)
    for target in targets:
        load(runner, target)
    construct = (
        SCHEMA + "CONSTRUCT { ?p schema:position ?n ; schema:text ?t } WHERE { ?p schema:position ?n ; schema:text ?t }"
    )
    turtle = same_everywhere(runner, targets, construct, "-f", "turtle")
    assert "schema:position 2" in turtle
    assert "Zoë’s team ships — on Tuesdays — too" in turtle


def test_digest_authentication_right_and_wrong_password(
    project: Path, runner: CliRunner, virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    emptied(virtuoso.graph_store, virtuoso.endpoint)
    user, password = VIRTUOSO_USER
    monkeypatch.setenv("NEWSLD_STORE_USER", user)
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", password)
    secured = f"{virtuoso.url}/sparql-graph-crud-auth"
    result = runner.invoke(app, ["load", "--graph-store", secured])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Loaded 5 graphs (240 triples) into {secured} in ")
    answer = runner.invoke(app, ["query", "people", "--endpoint", f"{virtuoso.url}/sparql-auth", "-f", "csv"])
    assert answer.exit_code == 0, answer.output
    assert "Micha Kaufman" in answer.stdout

    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "wrong-password")
    refused = runner.invoke(app, ["load", "--graph-store", secured])
    assert refused.exit_code == 3
    assert refused.stderr.startswith(
        f"error: {virtuoso.url}/sparql-auth?union-default-graph refused the request (HTTP 401"
    )
    assert "wrong-password" not in refused.output
    assert "Traceback" not in refused.output


def test_server_reasons_reach_the_user_without_html(project: Path, runner: CliRunner, virtuoso: Virtuoso) -> None:
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    emptied(virtuoso.graph_store, virtuoso.endpoint)
    virtuoso.sql('REVOKE SPARQL_UPDATE FROM "SPARQL";')
    try:
        result = runner.invoke(app, ["load", "--graph-store", virtuoso.graph_store, "--timeout", "5"])
        named = runner.invoke(app, ["load", "output/dataset", "--graph-store", virtuoso.graph_store])
    finally:
        virtuoso.sql('GRANT SPARQL_UPDATE TO "SPARQL";')
    assert result.exit_code == 3
    # The first write is a SPARQL Update, which Virtuoso refuses with a 500 naming a security error:
    # refused at once, not retried.
    assert "refused the request (HTTP 500: Virtuoso 42000 Error SR186:SECURITY: No permission" in result.stderr
    assert named.exit_code == 3, "named files go by the Graph Store Protocol, which Virtuoso refuses with a 403"
    assert "refused the request (HTTP 403: SQ110:SECURITY: Permission denied" in named.stderr
    assert "<" not in result.stderr.replace("<http", "")
    bad = runner.invoke(
        app, ["query", "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1 OFFSET 100000", "--endpoint", virtuoso.endpoint]
    )
    assert bad.exit_code == 3
    assert "Traceback" not in bad.output


def test_virtuoso_truncation_is_reported(tmp_path: Path, runner: CliRunner) -> None:
    need_virtuoso()
    with virtuoso_server(tmp_path / "small", max_rows=3) as small:
        loaded = load_files([ROOT / "output" / "dataset"], graph_store=small.graph_store)
        assert len(loaded.added) == 5, "listing the server's graphs pages past its row limit"
        again = load_files([ROOT / "output" / "dataset"], graph_store=small.graph_store)
        assert again.replaced == loaded.added and again.dropped == []
        result = runner.invoke(app, ["query", "sources-by-paragraph", "--endpoint", small.endpoint, "-f", "csv"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 + 3
    assert result.stderr.startswith(f"warning: {small.endpoint} cut the result at 3 rows (its ResultSetMaxRows")


def test_stopped_virtuoso_is_exit_3(tmp_path: Path, runner: CliRunner) -> None:
    need_virtuoso()
    with virtuoso_server(tmp_path / "gone") as gone:
        pass
    result = runner.invoke(app, ["query", "people", "--endpoint", gone.endpoint, "--timeout", "1"])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: cannot reach {gone.endpoint}?union-default-graph after 3 attempts")


def test_loads_write_only_what_changed_on_every_store(
    project: Path, runner: CliRunner, targets: list[Target], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first load is a full one (no record); then each load writes only the graphs that
    changed, many to a request; every store then holds exactly the dataset and a record saying so."""
    from pipeline.builder.state import read_state
    from tests.store.mirrored import assert_mirrors, embedded_quads, server_quads

    build_corpus(project, runner)

    def held(target: Target) -> tuple[set[str], dict[str, str], str | None]:
        if target.name == "embedded":
            return embedded_quads(project / "store")
        return server_quads(target.query[1])

    updates: list[str] = []
    sent = Server.request

    def counted(self: Server, method: str, *args: object, **kwargs: object) -> object:
        headers = kwargs.get("headers")
        if isinstance(headers, dict) and headers.get("Content-Type", "").startswith("application/sparql-update"):
            updates.append(self.url)
        return sent(self, method, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Server, "request", counted)
    for target in targets:
        first = load(runner, target)
        assert "; a full load (the store had no record of a build); the store mirrors build" in first
        assert_mirrors(held(target), project / "output", target.name)
    # Each server: the record cleared, then the 6 graphs and the record in one request.
    assert len(updates) == 4, f"graphs go many to a request: {updates}"

    seed = project / "articles" / "fiverr-ceo-ai-warning.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("sobering", "stark"), encoding="utf-8")
    (project / "articles" / "kaufman-3.txt").unlink()
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    write_article(project / "articles", "new.txt", "Ann Lee opened the plant.\n\nSource: Wire Co\n")
    assert runner.invoke(app, ["build", "--quiet"]).exit_code == 0
    for target in targets:
        summary = load(runner, target)
        assert ": 2 added, 1 replaced, 1 dropped; the store mirrors build" in summary, f"{target.name}: {summary}"
        assert_mirrors(held(target), project / "output", target.name)
        assert ": 0 added, 0 replaced, 0 dropped" in load(runner, target)
    for target in targets[1:]:
        Server(target.load[1]).request("DELETE", params={"graph": RECORD})
        again = load(runner, target)
        graphs = len(read_state(project / "output").graphs)  # type: ignore[union-attr]
        assert "a full load (the store had no record of a build)" in again and f": 0 added, {graphs} replaced, 0 dropped" in again
        assert_mirrors(held(target), project / "output", target.name)
