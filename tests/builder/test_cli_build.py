"""`newsld build` through Typer's CliRunner: exit codes, exact messages, what is (not) written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from pipeline.cli.app import app
from tests.conftest import ROOT, published, snapshot, write_article
from tests.dataset import nquads, quads

GOOD = "Ann Lee opened the plant.\n\n“It is a good day,” she said.\n\nReference Map\n1. Paragraph 1: 1\n2. Paragraph 2: 1, 2\n\nSource: Wire Co\n"


def summary_line(output: str) -> str:
    line = output.strip().splitlines()[-1]
    return re.sub(r" in \d+\.\d s", " in N s", line)


def test_build_seed(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "built   fiverr-ceo-ai-warning  188 triples, 1 warning",
        "  Warning    article:fiverr-ceo-ai-warning  schema:datePublished  The article has no publication date:"
        " set `date_published` in its sidecar .toml. (min-count)",
    ]
    assert summary_line(result.stdout) == (
        "Built 1, skipped 0, failed 0, removed 0: 240 triples published, 1 warning, 0 violations in N s -> output/"
    )
    assert published(project / "output") == published(ROOT / "output")


def test_rebuild_skips_unchanged(project: Path, runner: CliRunner) -> None:
    runner.invoke(app, ["build"])
    first = json.loads((project / "output" / "changes.json").read_text())
    assert first["previous"] is None and len(first["added"]) == 5
    before = {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()}
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "skipped articles/fiverr-ceo-ai-warning.txt  unchanged, 1 warning:"
        " `newsld build --force articles/fiverr-ceo-ai-warning.txt` lists them"
    )
    assert summary_line(result.stdout) == (
        "Built 0, skipped 1, failed 0, removed 0: 240 triples published, 1 warning, 0 violations in N s -> output/"
    )
    assert {p.name: p.stat().st_mtime_ns for p in (project / "output").iterdir()} == before, (
        "nothing rewritten; changes.json stays the change set of the last build that changed the dataset"
    )
    forced = runner.invoke(app, ["build", "--force"])
    assert summary_line(forced.stdout).startswith("Built 1, skipped 0")


def test_bad_article_is_reported_and_the_others_published(project: Path, runner: CliRunner) -> None:
    write_article(project / "articles", "good.txt", GOOD)
    write_article(project / "articles", "bad.txt", GOOD.replace("2. Paragraph 2: 1, 2", "2. Paragraph 9: 1"))
    result = runner.invoke(app, ["build", "-q"])
    assert result.exit_code == 2
    assert (
        "failed  bad  articles/bad.txt:7: Reference Map names paragraph 9, but the article has 2 paragraphs."
        in result.stdout
    )
    assert summary_line(result.stdout).startswith("Built 2, skipped 0, failed 1, removed 0")
    assert (project / "output" / "good.ttl").exists()
    assert not (project / "output" / "bad.ttl").exists()
    assert "bad" not in (project / "output" / "manifest.json").read_text()


def test_violation_writes_nothing_and_keeps_earlier_output(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["build"]).exit_code == 0
    before = snapshot(project / "output")
    (project / "shapes" / "strict.ttl").write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <http://schema.org/> .
<urn:strict:date> a sh:NodeShape ; sh:targetClass schema:NewsArticle ;
    sh:property [ sh:path schema:datePublished ; sh:minCount 1 ; sh:message "Our desk publishes nothing undated." ] .
""",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "failed  fiverr-ceo-ai-warning  1 violation, nothing written"
    assert (
        "  Violation  article:fiverr-ceo-ai-warning  schema:datePublished  Our desk publishes nothing undated. (min-count)"
        in result.stdout.splitlines()
    )
    after = snapshot(project / "output")
    assert {k: v for k, v in after.items() if not k.startswith("manifest")} == {
        k: v for k, v in before.items() if not k.startswith("manifest")
    }
    assert json.loads(after["manifest/1f.json"])["fiverr-ceo-ai-warning"]["stale"] is True
    again = runner.invoke(app, ["build"])
    assert again.exit_code == 1, "a failed article must be retried, not skipped"


def test_article_without_sidecar_gets_a_derived_headline_warning(project: Path, runner: CliRunner) -> None:
    write_article(project / "articles", "good.txt", GOOD)
    result = runner.invoke(app, ["build", "articles/good.txt"])
    assert result.exit_code == 0, result.output
    assert (
        "  Warning    article:good  schema:headline  The headline was derived from the first sentence:"
        " set `headline` in good.toml to choose it. (derived-headline)"
    ) in result.stdout.splitlines()


def test_deleted_article_outputs_are_removed(project: Path, runner: CliRunner) -> None:
    write_article(project / "articles", "good.txt", GOOD)
    runner.invoke(app, ["build"])
    assert (project / "output" / "good.jsonld").exists()
    (project / "articles" / "good.txt").unlink()
    result = runner.invoke(app, ["build"])
    assert summary_line(result.stdout).startswith("Built 0, skipped 1, failed 0, removed 1")
    assert not (project / "output" / "good.ttl").exists()
    assert not (project / "output" / "good.jsonld").exists()
    assert "good" not in nquads(project / "output").decode("utf-8")


def test_catalogue_change_rebuilds_the_articles_it_can_change(project: Path, runner: CliRunner) -> None:
    write_article(project / "articles", "good.txt", GOOD)
    runner.invoke(app, ["build"])
    catalogue = project / "articles" / "entities.toml"
    catalogue.write_text(
        catalogue.read_text() + '\n[entity.ann-lee]\ntype = "Person"\nname = "Ann Lee"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["build"])
    assert summary_line(result.stdout).startswith("Built 1, skipped 1")  # the seed names no Ann and no Lee
    assert "schema:creator person:ann-lee" in (project / "output" / "good.ttl").read_text()

    kaufman = catalogue.read_text()
    catalogue.write_text(
        kaufman.replace('job_title = "Chief Executive Officer"', 'job_title = "Chair"'), encoding="utf-8"
    )
    result = runner.invoke(app, ["build"])
    assert summary_line(result.stdout).startswith("Built 1, skipped 1")  # only the seed describes Kaufman
    assert 'schema:jobTitle "Chair"' in (project / "output" / "fiverr-ceo-ai-warning.ttl").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "nope"], "error: nope: no such file or folder. Check the path.\n"),
        (
            ["build", "--base", "ftp://x/"],
            "error: --base: base IRI 'ftp://x/' is not an absolute http(s) IRI. Use one like \"https://news.example.org/ld/\".\n",
        ),
        (
            ["build", "--base", "https://x.example/ns"],
            "error: --base: base IRI 'https://x.example/ns' must end with '/' and have no query or fragment, because article, person and organization IRIs are minted under it. Use \"https://x.example/ns/\".\n",
        ),
    ],
    ids=["missing-path", "bad-scheme", "no-slash"],
)
def test_usage_errors(project: Path, runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert not (project / "output").exists()


def test_empty_folder_is_an_error(project: Path, runner: CliRunner) -> None:
    (project / "empty").mkdir()
    result = runner.invoke(app, ["build", "empty"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "error: empty: contains no articles (*.txt files). Put wire-format articles in it, or name the article files directly.\n"
    )


def test_custom_base_iri(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", "--base", "https://news.example.org/ld/", "--out", "elsewhere"])
    assert result.exit_code == 0, result.output
    text = (project / "elsewhere" / "fiverr-ceo-ai-warning.ttl").read_text()
    assert "@prefix article: <https://news.example.org/ld/article/> ." in text
    assert "newsld.example" not in text


@pytest.mark.parametrize("command", ["build", "validate", "load", "query"])
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: newsld " + command in " ".join(result.stdout.split())


def test_python_dash_m_is_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout == "newsld 0.1.0\n"


def test_help_does_not_import_heavy_libraries() -> None:
    code = "import sys; from pipeline.cli.app import app; from typer.testing import CliRunner; CliRunner().invoke(app, ['--help']); print(sorted(m for m in ('rdflib', 'pyshacl', 'pyoxigraph', 'pyld') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_public_api_names_resolve() -> None:
    import pipeline

    for name in pipeline.__all__:
        value = getattr(pipeline, name)
        if name == "__version__":
            assert value == "0.1.0"
        else:
            assert value.__name__ == name, f"pipeline.{name} is {value!r}"


def test_triples_published_counts_shared_descriptions_once(project: Path, runner: CliRunner) -> None:
    """Issue 22, case 16: the summary summed the articles' files, each of which repeats the
    descriptions of the people and organisations it names; void.ttl and `load` count the dataset."""
    write_article(
        project / "articles",
        "second.txt",
        "Micha Kaufman spoke again about Fiverr on Tuesday.\n\nSource: Noah Wire Services\n",
    )
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    published = int(re.search(r"(\d+) triples published", result.stdout)[1])  # type: ignore[index]
    void = (project / "output" / "void.ttl").read_text(encoding="utf-8")
    assert f"void:triples {published} ;" in void
    loaded = runner.invoke(app, ["load"])
    assert f"({published} triples)" in loaded.stdout
    per_file = [int(n) for n in re.findall(r"^built   \S+  (\d+) triples", result.stdout, re.MULTILINE)]
    files = [
        {quad.triple for quad in ox.parse(path=str(project / "output" / f"{slug}.ttl"))}
        for slug in ("fiverr-ceo-ai-warning", "second")
    ]
    assert [len(triples) for triples in files] == per_file
    assert files[0] & files[1], "the second article repeats Kaufman's and Fiverr's descriptions"
    dataset = {quad.triple for quad in quads(project / "output")}
    assert published == len(dataset) == len(files[0] | files[1] | dataset)  # each triple once
    rebuilt = runner.invoke(app, ["build"])  # nothing changed: the same count, from the manifest
    assert f"{published} triples published" in rebuilt.stdout


def test_a_build_replaces_the_single_dataset_file_of_earlier_newsld(project: Path, runner: CliRunner) -> None:
    """An output folder from before the dataset was published in parts (one dataset.nq, graphs.tsv
    in its first format) is built again whole: the old file goes, the parts come, as committed."""
    assert runner.invoke(app, ["build"]).exit_code == 0
    out = project / "output"
    (out / "dataset.nq").write_bytes(nquads(out))
    (out / "graphs.tsv").write_text("# newsld graphs 1\tbuild=x\tsize=1\nsha256\tstart\tlength\ttriples\tkind\tgraph\n")
    for part in (out / "dataset").iterdir():
        part.unlink()
    (out / "dataset").rmdir()
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert not (out / "dataset.nq").exists()
    assert published(out) == published(ROOT / "output")
