"""Input past newsld's named limits ends in one message, exit code 2, and nothing written (issue 22,
cases 1-3): JSON-LD nested thousands of levels deep (a segmentation fault inside pyoxigraph, so
the commands run in a subprocess here), literals and strings over the parsers' buffers, TOML
nested deeper than Python's parser can recurse.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from tests.conftest import snapshot, write_article

DEPTH = 5000  # pyoxigraph 0.5.13 crashed from about 4,000 levels


def newsld(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def deep_jsonld(depth: int) -> str:
    return (
        '{"@context": {"@vocab": "http://schema.org/"}, "@id": "https://x.example/a", "@type": "NewsArticle", "about": '
        + '{"about": ' * depth
        + '"x"'
        + "}" * depth
        + "}"
    )


@pytest.mark.parametrize("command", ["validate", "query", "load"])
def test_deeply_nested_jsonld_is_an_input_error_not_a_crash(command: str, tmp_path: Path) -> None:
    (tmp_path / "deep.jsonld").write_text(deep_jsonld(DEPTH), encoding="utf-8")
    args = {
        "validate": ["validate", "deep.jsonld"],
        "query": ["query", "people", "--data", "deep.jsonld"],
        "load": ["load", "deep.jsonld", "--store", "store"],
    }[command]
    done = newsld(*args, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "error: deep.jsonld:1:1101: nests JSON objects and arrays more than 100 levels deep; newsld reads JSON-LD"
        " nested up to 100 levels. Flatten the document: list the nodes side by side in @graph and refer to"
        " them by @id.\n"
    )


def test_jsonld_up_to_the_limit_is_read(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.jsonld").write_text(deep_jsonld(99), encoding="utf-8")  # 100 levels with the outer object
    result = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--data", "ok.jsonld", "-f", "csv"])
    assert (result.exit_code, result.stdout) == (0, "n\n101\n")
    (tmp_path / "ok.jsonld").write_text(deep_jsonld(100), encoding="utf-8")
    result = runner.invoke(app, ["query", "SELECT * { ?s ?p ?o }", "--data", "ok.jsonld"])
    assert result.exit_code == 2
    assert "more than 100 levels deep" in result.stderr


HUGE = 17 * 1024 * 1024  # over pyoxigraph's 16 MiB buffer for one term


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "big.ttl",
            b'@prefix s: <http://schema.org/> .\n<https://x.example/a> a s:NewsArticle ;\n  s:text "'
            + b"x" * HUGE
            + b'" .\n',
            "error: big.ttl:3: holds a literal or IRI too long to read: newsld reads terms of up to 16 MiB"
            " (16,777,216 bytes) in Turtle. Split the text over several literals, or keep it out of the RDF.\n",
        ),
        (
            "big.jsonld",
            b'{"@id": "https://x.example/a", "@type": "http://schema.org/NewsArticle",\n "http://schema.org/text": "'
            + b"x" * (HUGE // 2)
            + b'"}',
            "error: big.jsonld:2: holds a literal or IRI too long to read: newsld reads terms of up to 8 MiB"
            " (8,388,608 bytes) in JSON-LD. Split the text over several literals, or keep it out of the RDF.\n",
        ),
    ],
    ids=["turtle", "jsonld"],
)
def test_a_literal_over_the_parser_buffer_is_named(
    name: str, data: bytes, message: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(data)
    for args in (["validate", name], ["query", "people", "--data", name], ["load", name, "--store", "store"]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stderr) == (2, message), args
    assert not (tmp_path / "store").exists() or runner.invoke(app, ["query", "ASK { ?s ?p ?o }"]).stdout == "no\n"


def test_a_literal_over_the_buffer_in_a_dataset_leaves_the_empty_store_empty(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An N-Quads file into an empty store goes to Oxigraph's bulk loader, which fails the same way."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.nq").write_bytes(
        b'<https://x.example/a> <http://schema.org/name> "a" <https://x.example/a> .\n'
        + b'<https://x.example/a> <http://schema.org/text> "'
        + b"x" * HUGE
        + b'" <https://x.example/a> .\n'
    )
    result = runner.invoke(app, ["load", "big.nq", "--store", "store"])
    assert (result.exit_code, result.stderr) == (
        2,
        "error: big.nq:2: holds a literal or IRI too long to read: newsld reads terms of up to 16 MiB"
        " (16,777,216 bytes) in N-Quads. Split the text over several literals, or keep it out of the RDF.\n",
    )
    count = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--store", "store", "-f", "csv"])
    assert count.stdout == "n\n0\n"


@pytest.fixture
def two_articles(project: Path, runner: CliRunner) -> dict[str, bytes]:
    """The scratch project with a second article, built: what a failed article must leave as it was."""
    write_article(project / "articles", "second.txt", "A second story.\n\nSource: Wire Co\n")
    assert runner.invoke(app, ["build"]).exit_code == 0
    return snapshot(project / "output")


def test_a_huge_sidecar_string_fails_that_article(
    project: Path, runner: CliRunner, two_articles: dict[str, bytes]
) -> None:
    (project / "articles" / "second.toml").write_text(f'language = "en"\nheadline = "{"x" * HUGE}"\n')
    (project / "articles" / "second.txt").write_text("A second story, edited.\n\nSource: Wire Co\n")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        f"failed  second  articles/second.toml:2: the value of headline is {HUGE:,} characters long; newsld"
        " accepts strings of up to 1,048,576 characters (1 MiB) in TOML files. Shorten it: sidecar and"
        " catalogue values are names, titles and links."
    )
    assert "Traceback" not in result.output
    assert snapshot(project / "output") == two_articles


@pytest.mark.parametrize("nesting", ["arrays", "inline-tables"])
def test_deeply_nested_sidecar_fails_that_article_only(
    nesting: str, project: Path, runner: CliRunner, two_articles: dict[str, bytes]
) -> None:
    value = "[" * DEPTH + "]" * DEPTH if nesting == "arrays" else "{a = " * DEPTH + "1" + "}" * DEPTH
    (project / "articles" / "second.toml").write_text(f'headline = "Second"\nabout = {value}\n')
    (project / "articles" / "fiverr-ceo-ai-warning.toml").write_text('headline = "Changed"\n', encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    column = 109 if nesting == "arrays" else 509
    assert f"failed  second  articles/second.toml:2:{column}: nests arrays and inline tables more than 100 levels" in (
        "\n".join(lines)
    )
    assert any(line.startswith("built   fiverr-ceo-ai-warning") for line in lines), "the other article is built"
    after = snapshot(project / "output")
    assert after["second.ttl"] == two_articles["second.ttl"]
    assert after["fiverr-ceo-ai-warning.ttl"] != two_articles["fiverr-ceo-ai-warning.ttl"]


def test_deeply_nested_catalogue_is_an_input_error(
    project: Path, runner: CliRunner, two_articles: dict[str, bytes]
) -> None:
    with (project / "articles" / "entities.toml").open("a", encoding="utf-8") as catalogue:
        catalogue.write(f'\n[entity.deep]\ntype = "Person"\nname = "Deep"\naliases = {"[" * DEPTH}{"]" * DEPTH}\n')
    lines = (project / "articles" / "entities.toml").read_text(encoding="utf-8").count("\n")
    result = runner.invoke(app, ["build"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: articles/entities.toml:{lines}:111: nests arrays and inline tables more than 100 levels deep;"
        " newsld reads TOML nested up to 100 levels. Write the value flat, or as [table] sections.\n"
    )
    assert snapshot(project / "output") == two_articles
