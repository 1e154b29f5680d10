"""`newsld quotes`, `build --strict`, and what an article's graph says about its quotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from pipeline.builder.article import BuildContext, build_article
from pipeline.cli.app import app
from pipeline.rdf.vocab import Iris
from pipeline.source.catalogue import read_catalogue
from pipeline.text.review import review_quotes
from pipeline.validate.report import Severity
from tests.conftest import SHAPES, write_article
from tests.vocab import RDF, SCHEMA

ARTICLE = "art"
IRI = f"https://newsld.example/article/{ARTICLE}"
TEXT = (
    "Ann Lee opened the plant on Monday.\n\n"
    "“This is a defensive move,” said Jane Doe, an analyst at Bernstein.\n\n"
    '“We will hire,” Lee said. “Soon.” Then the "tour began.\n'
)


CATALOGUE = """
[entity.ann-lee]
type = "Person"
name = "Ann Lee"
aliases = ["Lee"]
"""


@pytest.fixture
def story(project: Path) -> Path:
    (project / "articles" / "entities.toml").write_text(CATALOGUE, encoding="utf-8")
    return write_article(project / "articles", f"{ARTICLE}.txt", TEXT)


def test_review_lists_every_quote_with_speaker_and_rule(story: Path) -> None:
    review = review_quotes([story])
    assert [(r.number, r.paragraphs, r.speaker, r.entity, r.rule) for r in review.rows] == [
        (1, (2,), "unattributed: Jane Doe", None, "cue:said-X"),
        (2, (3,), "Ann Lee", "ann-lee", "cue:X-said"),
        (3, (3,), "Ann Lee", "ann-lee", "continued"),
    ]
    assert review.rows[1].sentence == "“We will hire,” Lee said."
    assert [note.constraint for _, note in review.notes] == ["unmatched-quote-mark"]
    assert (review.unattributed, review.stray_marks, review.exit_code(False), review.exit_code(True)) == (1, 1, 0, 1)


def test_quotes_command_table(story: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["quotes", str(story)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "article  #  ¶  speaker                 rule        text",
        "art      1  2  unattributed: Jane Doe  cue:said-X  This is a defensive move",
        "art      2  3  Ann Lee                 cue:X-said  We will hire",
        "art      3  3  Ann Lee                 continued   Soon.",
        'articles/art.txt: Paragraph 3, character 44: the opening quote mark " is never closed, so no quotation was'
        " published from it: close the quotation (or, to continue it, open the next paragraph with a quote mark)."
        " (unmatched-quote-mark)",
        "3 quotations: 2 attributed, 1 unattributed; 1 unpaired quote mark.",
    ]


def test_quotes_command_json_and_csv_and_strict(story: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["quotes", str(story), "--format", "json", "--strict"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["quotes"][0] == {
        "article": "art",
        "source": "articles/art.txt",
        "quote": 1,
        "paragraphs": [2],
        "text": "This is a defensive move",
        "speaker": None,
        "speaker_as_written": "Jane Doe",
        "entity": None,
        "rule": "cue:said-X",
        "cue": None,
        "sentence": "“This is a defensive move,” said Jane Doe, an analyst at Bernstein.",
        "anonymous": None,
    }
    csv_out = runner.invoke(app, ["quotes", str(story), "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines()[:2] == [
        "article,quote,paragraphs,speaker,rule,cue,text,sentence",
        "art,1,2,unattributed: Jane Doe,cue:said-X,,This is a defensive move,"
        '"“This is a defensive move,” said Jane Doe, an analyst at Bernstein."',
    ]


def test_quotes_command_bad_input(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["quotes", "missing.txt"])
    assert result.exit_code == 2
    assert result.stderr == "error: missing.txt: no such file or folder. Check the path.\n"


def test_graph_publishes_a_named_speaker_as_a_local_person_and_warns(story: Path) -> None:
    context = BuildContext(read_catalogue(story.parent / "entities.toml"), Iris("https://newsld.example/"), SHAPES)
    result = build_article(story, context)
    assert result.published
    assert result.report is not None
    notes = {(r.constraint, r.focus) for r in result.report.of(Severity.WARNING)}
    assert ("uncatalogued-speaker", f"{IRI}#quote-1") in notes
    assert ("unmatched-quote-mark", f"{IRI}#paragraph-3") in notes
    # The specific note replaces the shapes' generic "nobody is named" for the same quote.
    assert not any((r.source_shape or "").endswith("QuotationSpeakerPresentShape") for r in result.report.results)
    from rdflib import Graph

    graph = Graph().parse(data=result.outputs[".ttl"], format="turtle")
    speaker = URIRef(f"{IRI}#speaker-1")
    assert graph.value(URIRef(f"{IRI}#quote-1"), SCHEMA.creator) == speaker
    assert set(graph.predicate_objects(speaker)) == {(RDF.type, SCHEMA.Person), (SCHEMA.name, Literal("Jane Doe"))}


def test_strict_build_fails_unattributed_quotes(story: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["build", str(story), "--strict", "-q"])
    assert result.exit_code == 1
    assert "failed  art  2 violations, nothing written" in result.stdout
    assert not (story.parent.parent / "output" / "art.ttl").exists()
    assert runner.invoke(app, ["build", str(story), "-q"]).exit_code == 0


def test_continued_quotation_over_paragraphs_conforms(story: Path, project: Path) -> None:
    text = "Ann Lee spoke. “We waited a long time.\n\n“We are ready now,” she continued.\n"
    path = write_article(project / "articles", "cont.txt", text)
    context = BuildContext(read_catalogue(path.parent / "entities.toml"), Iris("https://newsld.example/"), SHAPES)
    result = build_article(path, context)
    assert result.published and result.report is not None
    assert result.report.of(Severity.VIOLATION) == []
    from rdflib import Graph

    graph = Graph().parse(data=result.outputs[".ttl"], format="turtle")
    quote = URIRef("https://newsld.example/article/cont#quote-1")
    assert str(graph.value(quote, SCHEMA.text)) == "We waited a long time. We are ready now"
    assert {str(p).rsplit("-", 1)[-1] for p in graph.objects(quote, SCHEMA.isPartOf)} == {"1", "2"}


def test_about_entity_never_named_gets_a_warning(story: Path, project: Path) -> None:
    path = write_article(project / "articles", "ab.txt", "Bob said nothing today.\n")
    (project / "articles" / "ab.toml").write_text('headline = "H"\nabout = ["ann-lee"]\n', encoding="utf-8")
    context = BuildContext(read_catalogue(path.parent / "entities.toml"), Iris("https://newsld.example/"), SHAPES)
    result = build_article(path, context)
    assert result.report is not None
    [note] = [r for r in result.report.results if r.constraint == "about-not-mentioned"]
    assert note.message == (
        "The article is about 'Ann Lee' (ann-lee), but its text never names 'Ann Lee' or 'Lee': name them in the"
        " text, add the name the text uses as an alias in entities.toml, or remove 'ann-lee' from `about` in ab.toml."
    )


def test_quotes_json_has_null_for_no_speaker(project: Path, runner: CliRunner) -> None:
    """Issue 22, case 16: it wrote "speaker": "unattributed", the table's word, where JSON has null."""
    write_article(project / "articles", "plural.txt", "Talks stalled on Monday.\n\n“Nobody knows,” they said.\n")
    result = runner.invoke(app, ["quotes", "articles/plural.txt", "--format", "json"])
    (row,) = json.loads(result.stdout)["quotes"]
    assert (row["speaker"], row["speaker_as_written"], row["entity"]) == (None, None, None)
    attributed = json.loads(runner.invoke(app, ["quotes", "--format", "json"]).stdout)["quotes"][0]
    assert (attributed["speaker"], attributed["speaker_as_written"]) == ("Micha Kaufman", None)
