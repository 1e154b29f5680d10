"""Editors have the last word: [[quotes]] in the sidecar settles a speaker, or declares one anonymous."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from pipeline.cli.app import app
from pipeline.errors import InputError
from pipeline.text.review import review_quotes
from tests.conftest import write_article
from tests.vocab import DCTERMS, PROV, SCHEMA

IRI = "https://newsld.example/article/plant"
TEXT = (
    "Ann Lee opened the plant on Monday. Workers lined the road.\n\n"
    "“We will hire in the spring,” a company spokesperson said.\n\n"
    "“We will not comment on the talks,” said one official.\n"
)
CATALOGUE = '[entity.ann-lee]\ntype = "Person"\nname = "Ann Lee"\naliases = ["Lee"]\n'


@pytest.fixture
def articles(project: Path) -> Path:
    folder = project / "articles"
    (folder / "entities.toml").write_text(CATALOGUE, encoding="utf-8")
    return folder


def sidecar(*entries: str) -> str:
    return 'headline = "The plant opens"\n\n' + "\n".join(f"[[quotes]]\n{entry}\n" for entry in entries)


def test_without_overrides_both_are_unattributed_and_strict_fails(articles: Path, runner: CliRunner) -> None:
    story = write_article(articles, "plant.txt", TEXT, sidecar())
    assert [(row.speaker, row.rule) for row in review_quotes([story]).rows] == [
        ("unattributed", "none:role"),
        ("unattributed", "none:role"),
    ]
    assert runner.invoke(app, ["quotes", str(story), "--strict"]).exit_code == 1


def test_an_editor_names_the_speaker_and_declares_the_other_anonymous(articles: Path, runner: CliRunner) -> None:
    story = write_article(
        articles,
        "plant.txt",
        TEXT,
        sidecar(
            'text = "hire in the spring"\nspeaker = "ann-lee"',
            'text = "We will not comment"\nunattributed = "an unnamed union official"',
        ),
    )
    rows = review_quotes([story]).rows
    assert [(row.speaker, row.entity, row.rule) for row in rows] == [
        ("Ann Lee", "ann-lee", "editor"),
        ("anonymous: an unnamed union official", None, "editor"),
    ]
    strict = runner.invoke(app, ["quotes", str(story), "--strict"])
    assert strict.exit_code == 0, strict.output
    assert strict.stdout.splitlines()[1:3] == [
        "plant    1  2  Ann Lee                               editor  We will hire in the spring",
        "plant    2  3  anonymous: an unnamed union official  editor  We will not comment on the talks",
    ]
    assert (
        strict.stdout.splitlines()[-1]
        == "2 quotations: 1 attributed, 1 anonymous, 0 unattributed; 0 unpaired quote marks."
    )
    payload = json.loads(runner.invoke(app, ["quotes", str(story), "--format", "json"]).stdout)
    assert [q["anonymous"] for q in payload["quotes"]] == [None, "an unnamed union official"]
    built = runner.invoke(app, ["build", str(story), "--strict", "-q"])
    assert built.exit_code == 0, built.output
    graph = Graph().parse(articles.parent / "output" / "plant.ttl")
    quote1, quote2 = URIRef(f"{IRI}#quote-1"), URIRef(f"{IRI}#quote-2")
    person = URIRef("https://newsld.example/person/ann-lee")
    assert graph.value(quote1, SCHEMA.creator) == person
    credit = graph.value(quote1, PROV.qualifiedAttribution)
    assert credit == URIRef(f"{IRI}#quote-1-attribution")
    assert graph.value(credit, PROV.agent) == person
    assert graph.value(credit, DCTERMS.conformsTo) == URIRef(
        "https://newsld.example/software/newsld/0.1.0#attribution-editor"
    )
    assert graph.value(quote2, SCHEMA.creator) is None
    assert graph.value(quote2, SCHEMA.creditText) == Literal("an unnamed union official")


def test_an_override_survives_edits_elsewhere_in_the_article(articles: Path) -> None:
    entry = 'text = "not comment on"\nunattributed = "an unnamed union official"'
    story = write_article(articles, "plant.txt", "A new first paragraph.\n\n" + TEXT, sidecar(entry))
    rows = review_quotes([story]).rows
    assert [(row.number, row.paragraphs, row.rule) for row in rows][-1] == (2, (4,), "editor")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            'text = "words nobody said"\nspeaker = "ann-lee"',
            "plant.toml:4: [[quotes]] text 'words nobody said' matches no quotation of plant. Copy words of the"
            " quotation as `newsld quotes` lists them, or remove the entry.",
        ),
        (
            'text = "We will"\nspeaker = "ann-lee"',
            "plant.toml:4: [[quotes]] text 'We will' matches 2 quotations of plant (#1, #2). Give more of the"
            " quotation's words, so that only one quotation contains them.",
        ),
        (
            'text = "We will hire"',
            "plant.toml:4: [[quotes]] needs either speaker or unattributed, not both and not neither. Write speaker"
            ' = "entity-id" (or a name as written), or unattributed = "a company spokesperson".',
        ),
        (
            'text = "We will hire"\nspeaker = "bob-roy"',
            "plant.toml:4: [[quotes]] speaker 'bob-roy' looks like an entity id, but the catalogue has no such"
            " entity. Add [entity.bob-roy] to entities.toml, fix the id, or write the speaker's name as printed.",
        ),
        (
            'text = "We will hire"\nspeaker = "ann-lee"\nwho = "x"',
            "plant.toml:4: [[quotes]] has unknown key 'who'. Known keys: speaker, text, unattributed.",
        ),
        (
            'speaker = "ann-lee"',
            "plant.toml:3: [[quotes]] needs text: a distinctive part of the quotation, two words or more. Copy words"
            ' of the quotation as `newsld quotes` lists them: text = "…".',
        ),
    ],
    ids=["no-match", "several", "neither", "unknown-id", "unknown-key", "no-text"],
)
def test_a_bad_override_is_an_input_error_at_its_line(
    articles: Path, runner: CliRunner, entry: str, message: str
) -> None:
    story = write_article(articles, "plant.txt", TEXT, sidecar(entry))
    with pytest.raises(InputError) as raised:
        review_quotes([story])
    assert raised.value.message.replace(f"{articles}/", "") == message
    result = runner.invoke(app, ["build", str(story), "-q"])
    assert result.exit_code == 2
    assert message in result.stdout.replace("articles/", "")
    assert not (articles.parent / "output" / "plant.ttl").exists()
