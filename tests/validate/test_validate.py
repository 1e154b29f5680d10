"""`newsld validate` and the library report behind it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from pipeline.builder.state import part_name, part_of
from pipeline.cli.app import app
from pipeline.errors import InputError
from pipeline.validate.files import validate_file, validate_files
from pipeline.validate.report import Severity, constraint_slug
from pipeline.validate.shapes import load_shapes
from tests.conftest import ROOT, SHAPES, VOCAB
from tests.validate.test_shapes import CASES, NS, shape_messages

SEED_TTL = ROOT / "output" / "fiverr-ceo-ai-warning.ttl"
SEED_JSONLD = ROOT / "output" / "fiverr-ceo-ai-warning.jsonld"


@pytest.fixture(scope="module")
def broken_files(tmp_path_factory: pytest.TempPathFactory, seed_graph: Graph) -> dict[str, Path]:
    """One Turtle file per shape, each breaking exactly what that shape checks."""
    folder = tmp_path_factory.mktemp("broken")
    files = {}
    for shape, (mutate, _) in CASES.items():
        graph = Graph()
        graph += seed_graph
        mutate(graph)
        graph.bind("schema", "http://schema.org/", override=True, replace=True)
        graph.bind("", "https://newsld.example/article/fiverr-ceo-ai-warning#")
        graph.bind("article", "https://newsld.example/article/")
        path = folder / f"{shape}.ttl"
        graph.serialize(path, format="turtle")
        files[shape] = path
    return files


@pytest.mark.parametrize("shape", sorted(CASES))
def test_each_shape_message_appears_in_text_and_json(
    shape: str, broken_files: dict[str, Path], runner: CliRunner
) -> None:
    _, severity = CASES[shape]
    message = shape_messages(load_shapes([SHAPES]))[shape]
    prefix = message.split("{")[0]
    text = runner.invoke(app, ["validate", str(broken_files[shape])])
    assert any(line.startswith(f"  {severity.value}") and prefix in line for line in text.stdout.splitlines()), (
        text.stdout
    )
    as_json = runner.invoke(app, ["validate", str(broken_files[shape]), "--format", "json"])
    results = json.loads(as_json.stdout)["files"][0]["results"]
    assert any(r["source_shape"] == NS + shape and r["message"].startswith(prefix) for r in results)
    violations = [r for r in results if r["severity"] == "Violation"]
    assert text.exit_code == as_json.exit_code == (1 if violations else 0)


def test_conforming_file_exits_0_with_a_summary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(SEED_TTL)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        str(SEED_TTL),
        "  Warning    article:fiverr-ceo-ai-warning  schema:datePublished  The article has no publication date:"
        " set `date_published` in its sidecar .toml. (min-count)",
        "  0 violations, 1 warning, 0 infos: conforms",
    ]


def test_fail_on_warning_turns_a_warning_into_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(SEED_TTL), "--fail-on", "warning"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "  0 violations, 1 warning, 0 infos: does not conform (failing on warning)"


def test_several_files_get_their_own_sections_most_severe_first(
    broken_files: dict[str, Path], runner: CliRunner
) -> None:
    result = runner.invoke(app, ["validate", str(SEED_JSONLD), str(broken_files["ParagraphPositionsShape"])])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == str(SEED_JSONLD)
    second = lines.index(str(broken_files["ParagraphPositionsShape"]))
    section = lines[second + 1 : -1]
    assert section[0].startswith("  Violation  ")
    assert section[0].endswith(
        "Paragraph positions must run 1..n without gaps or repeats: the 7 paragraphs have 7 distinct positions from 1 to 9. (sparql)"
    )
    assert section[-1].startswith("  Warning  ")


def test_json_equals_the_library_report(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(SEED_TTL), str(SEED_JSONLD), "--format", "json"])
    reports = validate_files([SEED_TTL, SEED_JSONLD], [SHAPES])
    assert json.loads(result.stdout) == {"conforms": True, "files": [r.to_dict() for r in reports]}
    first = reports[0].to_dict()
    assert first["counts"] == {"Violation": 0, "Warning": 1, "Info": 0}
    assert first["results"][0] == {
        "severity": "Warning",
        "focus": "https://newsld.example/article/fiverr-ceo-ai-warning",
        "path": "http://schema.org/datePublished",
        "value": None,
        "source_shape": NS + "ArticleDatePresentShape",
        "constraint": "min-count",
        "message": "The article has no publication date: set `date_published` in its sidecar .toml.",
        "graph": None,
    }


def test_turtle_format_is_a_shacl_report(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(SEED_TTL), "--format", "turtle"])
    report = Graph().parse(data=result.stdout, format="turtle")
    rows = list(
        report.query(
            "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT ?conforms ?severity WHERE"
            " { ?r a sh:ValidationReport ; sh:conforms ?conforms ; sh:result/sh:resultSeverity ?severity }"
        )
    )
    # SHACL's sh:conforms is false whenever there is a result, a warning included; --fail-on is ours.
    assert [tuple(str(term) for term in row) for row in rows] == [("false", "http://www.w3.org/ns/shacl#Warning")]  # type: ignore[union-attr]


def test_syntax_error_exits_2_with_line_and_column(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix s: <http://schema.org/> .\n<http://a> s:name "x" .\n<http://b> s:name "y" ;; ] .\n')
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {bad}:3:26: is not valid Turtle: ] is not a valid subject or graph name. Fix the syntax at that position.\n"
    )


def test_remote_jsonld_context_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://schema.org/", "@id": "https://x.example/a", "@type": "NewsArticle"}')
    result = runner.invoke(app, ["validate", str(remote)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {remote}: its JSON-LD @context points to a remote document, and newsld never fetches from the network."
        " Inline the context in the file (as newsld's own JSON-LD does).\n"
    )


def test_shapes_nested_deeper_than_pyshacl_follows_are_an_input_error(tmp_path: Path, runner: CliRunner) -> None:
    """A chain of 45 distinct node shapes over a chain of 45 nodes: pySHACL stops at its depth limit."""
    depth = 45
    shapes = ["@prefix sh: <http://www.w3.org/ns/shacl#> .", "@prefix ex: <https://x.example/> ."]
    shapes.append("ex:S0 a sh:NodeShape ; sh:targetNode ex:n0 ; sh:property [ sh:path ex:next ; sh:node ex:S1 ] .")
    for level in range(1, depth):
        shapes.append(f"ex:S{level} a sh:NodeShape ; sh:property [ sh:path ex:next ; sh:node ex:S{level + 1} ] .")
    shapes.append(f"ex:S{depth} a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .")
    (tmp_path / "deep.ttl").write_text("\n".join(shapes) + "\n", encoding="utf-8")
    data = ["@prefix ex: <https://x.example/> ."]
    data += [f"ex:n{i} ex:next ex:n{i + 1} ." for i in range(depth)]
    (tmp_path / "chain.ttl").write_text("\n".join(data) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path / "chain.ttl"), "--shapes", str(tmp_path / "deep.ttl")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'chain.ttl'}: cannot be validated: pySHACL stopped (Validation path too deep)."
        " The shapes nest more than 40 levels deep through this data; validate with fewer shapes.\n"
    )


def test_stdin_needs_and_honours_input_format(runner: CliRunner) -> None:
    data = SEED_TTL.read_bytes()
    refused = runner.invoke(app, ["validate", "-"], input=data)
    assert refused.exit_code == 2
    assert (
        refused.stderr == "error: reading from stdin needs --input-format (turtle, ntriples, nquads, trig or jsonld).\n"
    )
    accepted = runner.invoke(app, ["validate", "-", "--input-format", "turtle"], input=data)
    assert accepted.exit_code == 0
    assert accepted.stdout.splitlines()[0] == "-"


def test_nquads_graphs_are_validated_one_by_one() -> None:
    # The dataset's folder of parts reads as one dataset: each graph with the graphs it references.
    report = validate_file(ROOT / "output" / "dataset", load_shapes([SHAPES]))
    assert [(r.graph, r.constraint) for r in report.results] == [
        ("https://newsld.example/article/fiverr-ceo-ai-warning", "min-count")
    ]
    # One part alone lacks the people and organisations the article's part references.
    alone = validate_file(
        ROOT / "output" / part_name(part_of("https://newsld.example/article/fiverr-ceo-ai-warning")),
        load_shapes([SHAPES]),
    )
    assert not alone.conforms


def test_a_folder_without_parts_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a folder with no N-Quads files \(\*\.nq\) in it"):
        validate_file(tmp_path, load_shapes([SHAPES]))


def test_unknown_extension_and_missing_file(tmp_path: Path, runner: CliRunner) -> None:
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    result = runner.invoke(app, ["validate", str(odd)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {odd}: cannot tell the RDF format from the extension '.xyz'. Use .ttl, .nt, .nq, .trig or .jsonld, or pass --input-format.\n"
    )
    missing = runner.invoke(app, ["validate", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 2
    assert missing.stderr == f"error: {tmp_path / 'none.ttl'}: no such file. Check the path.\n"


def test_bad_shapes_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    not_shapes = tmp_path / "data.ttl"
    not_shapes.write_text("<http://a> <http://b> <http://c> .\n")
    result = runner.invoke(app, ["validate", str(SEED_TTL), "--shapes", str(not_shapes)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"error: {not_shapes}: declares no sh:NodeShape or sh:PropertyShape. Check that --shapes points at SHACL shapes.\n"
    )
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a sh:NodeShape ;\n")
    result = runner.invoke(app, ["validate", str(SEED_TTL), "--shapes", str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}:3:1: is not valid Turtle:")


def test_users_bring_their_own_shapes(tmp_path: Path, runner: CliRunner) -> None:
    house = tmp_path / "house.ttl"
    house.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix schema: <http://schema.org/> .\n"
        "<urn:house> a sh:NodeShape ; sh:targetClass schema:NewsArticle ; sh:property [ sh:path schema:url ;"
        ' sh:minCount 1 ; sh:severity sh:Info ; sh:message "Link the story to its web page." ] .\n'
    )
    result = runner.invoke(
        app, ["validate", str(SEED_TTL), "--shapes", str(SHAPES), "--shapes", str(house), "--fail-on", "info"]
    )
    assert result.exit_code == 1
    assert (
        "  Info       article:fiverr-ceo-ai-warning  schema:url  Link the story to its web page. (min-count)"
        in result.stdout.splitlines()
    )


def test_official_schemaorg_shapes_via_shapes_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(SEED_TTL), "--shapes", str(VOCAB / "schemaorg-shapes.shacl")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "  0 violations, 0 warnings, 0 infos: conforms"


@pytest.mark.parametrize(
    ("component", "slug"),
    [
        ("http://www.w3.org/ns/shacl#MinCountConstraintComponent", "min-count"),
        ("http://www.w3.org/ns/shacl#SPARQLConstraintComponent", "sparql"),
        ("http://www.w3.org/ns/shacl#QualifiedMaxCountConstraintComponent", "qualified-max-count"),
        ("http://www.w3.org/ns/shacl#LessThanOrEqualsConstraintComponent", "less-than-or-equals"),
    ],
)
def test_constraint_slugs(component: str, slug: str) -> None:
    assert constraint_slug(component) == slug


def test_severity_order_and_parse() -> None:
    assert Severity.VIOLATION.rank > Severity.WARNING.rank > Severity.INFO.rank
    assert Severity.parse("warning") is Severity.WARNING
    with pytest.raises(ValueError):
        Severity.parse("fatal")


def test_an_ill_typed_literal_is_a_violation_naming_the_value(tmp_path: Path, runner: CliRunner) -> None:
    seed = (ROOT / "output" / "fiverr-ceo-ai-warning.ttl").read_text(encoding="utf-8")
    bad = tmp_path / "bad-date.ttl"
    bad.write_text(
        seed.replace("\tschema:headline", '\tschema:datePublished "2025-13-01"^^xsd:date ;\n\tschema:headline', 1),
        encoding="utf-8",
    )
    assert '"2025-13-01"^^xsd:date' in bad.read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert (
        "  Violation  article:fiverr-ceo-ai-warning  schema:datePublished  "
        '"2025-13-01" is not a valid xsd:date: fix the value, or give it the right datatype. (ill-typed)'
    ) in result.stdout.splitlines()
    assert "Traceback" not in result.output
    report = validate_file(bad, load_shapes([SHAPES]))
    (ill,) = [r for r in report.results if r.constraint == "ill-typed"]
    assert ill.value == '"2025-13-01"^^<http://www.w3.org/2001/XMLSchema#date>'


def test_relative_iris_resolve_against_the_file(tmp_path: Path, runner: CliRunner) -> None:
    relative = tmp_path / "relative.ttl"
    relative.write_text('<article/x> a <http://schema.org/NewsArticle> ; <http://schema.org/headline> "H" .\n')
    result = runner.invoke(app, ["validate", str(relative), "--format", "json"])
    assert result.exit_code == 1, result.output
    focus = {r["focus"] for r in json.loads(result.stdout)["files"][0]["results"]}
    assert focus == {(tmp_path / "article" / "x").as_uri()}
    query = runner.invoke(
        app, ["query", "SELECT ?a WHERE { ?a a <http://schema.org/NewsArticle> }", "--data", str(relative), "-f", "csv"]
    )
    assert query.stdout.splitlines() == ["a", (tmp_path / "article" / "x").as_uri()]
    based = tmp_path / "based.ttl"
    based.write_text('@base <https://news.example/> .\n<article/x> <http://schema.org/headline> "H" .\n')
    assert runner.invoke(app, ["validate", str(based)]).exit_code == 0


def test_schemaorg_option_checks_against_the_official_shapes_offline(tmp_path: Path, runner: CliRunner) -> None:
    wrong = tmp_path / "wrong.ttl"
    wrong.write_text(
        '@prefix schema: <http://schema.org/> .\n<https://x.example/a> a schema:NewsArticle ; schema:author "x"@en .\n'
    )
    result = runner.invoke(app, ["validate", str(wrong), str(SEED_TTL), "--schemaorg"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == str(wrong)
    author = [line for line in lines if line.startswith("  Violation  <https://x.example/a>  schema:author  ")]
    assert any(line.endswith("(or)") for line in author)  # schema.org's shapes: an author is a node
    # and the project's shapes too, as the help says: an article needs a body
    assert any("schema:articleBody  An article needs exactly one non-empty articleBody" in line for line in lines)
    assert lines[-1] == "  0 violations, 1 warning, 0 infos: conforms", "the seed is valid (it has no date: a warning)"
