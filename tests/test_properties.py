"""Property-based: any article in the wire format builds, conforms and round-trips exactly."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from pipeline.builder.article import BuildContext
from pipeline.rdf import as_rdflib
from pipeline.rdf.graph import article_graph
from pipeline.rdf.serialize import publish
from pipeline.rdf.vocab import Iris
from pipeline.source.article import parse_article
from pipeline.source.catalogue import Catalogue, Entity
from pipeline.source.sidecar import Metadata
from pipeline.validate.engines import validate_graph
from pipeline.validate.report import Severity
from pipeline.validate.shapes import project_shapes
from tests.conftest import SHAPES
from tests.rdfcompare import graph_difference
from tests.vocab import NIF, SCHEMA

CATALOGUE = Catalogue(
    {
        "ann-lee": Entity("ann-lee", "Person", "Ann Lee", aliases=("Lee",), works_for="acme"),
        "acme": Entity("acme", "Organization", "Acme"),
    }
)
CONTEXT = BuildContext(catalogue=CATALOGUE, iris=Iris("https://newsld.example/"), shapes=SHAPES)

# Words: letters from many scripts, digits, punctuation, quotes, emoji and marks; no whitespace
# and no control characters (those are rejected by design).
word = st.one_of(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
            blacklist_characters="\ufeff\x85",
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["Ann Lee", "Lee’s", "Acme", "“We", "will,”", '"ok,"', "said", "😀", "e\u0301", "<b>", "&", "\\"]),
)
paragraph = st.lists(word, min_size=1, max_size=40).map(" ".join)


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[str], dict[int, list[int]], str | None]:
    texts = draw(st.lists(paragraph, min_size=1, max_size=6))
    for text in texts:
        assume(not text.strip().lower().startswith(("reference map", "source:")))
        assume(text.strip())
    cited = draw(st.lists(st.integers(1, len(texts)), unique=True, max_size=len(texts)))
    sources = {p: draw(st.lists(st.integers(1, 30), min_size=1, max_size=5, unique=True)) for p in cited}
    supplier = draw(st.one_of(st.none(), st.sampled_from(["Wire Co", "Agence Éclair", "新华社"])))
    wrapped = [_wrap(text, draw(st.integers(0, 3))) for text in texts]
    body = "\n\n".join(wrapped)
    if sources:
        body += "\n\nReference Map\n" + "\n".join(
            f"{i}. Paragraph {p}: {', '.join(map(str, s))}" for i, (p, s) in enumerate(sources.items(), 1)
        )
    if supplier:
        body += f"\n\nSource: {supplier}"
    if draw(st.booleans()):
        body = body.replace("\n", "\r\n")
    if draw(st.booleans()):
        body = "\ufeff" + body
    return body, [" ".join(t.split(" ")).strip() for t in texts], sources, supplier


def _wrap(text: str, breaks: int) -> str:
    words = text.split(" ")
    for index in range(1, min(breaks, len(words) - 1) + 1):
        cut = index * len(words) // (breaks + 1)
        if 0 < cut < len(words) and words[cut - 1] and words[cut]:
            words[cut] = "\n" + words[cut]
    return " ".join(words).replace(" \n", "\n")


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(articles())
def test_any_article_builds_conforms_and_round_trips(
    case: tuple[str, list[str], dict[int, list[int]], str | None],
) -> None:
    text, expected, sources, supplier = case
    article = parse_article(text, Path("story.txt"))
    assert [p.text for p in article.paragraphs] == [" ".join(e.split()) for e in expected]
    assert {p.position: list(p.sources) for p in article.paragraphs if p.sources} == sources
    assert article.supplier == supplier

    graph = article_graph(article, Metadata(headline="A headline"), CATALOGUE, CONTEXT.iris)
    report = validate_graph(graph, project_shapes(SHAPES))
    assert report.of(Severity.VIOLATION) == [], [r.message for r in report.results]

    body = article.body
    node = URIRef("https://newsld.example/article/story")
    for position in range(1, len(article.paragraphs) + 1):
        part = URIRef(f"{node}#paragraph-{position}")
        begin, end = (int(str(graph.value(part, p))) for p in (NIF.beginIndex, NIF.endIndex))
        assert body[begin:end] == str(graph.value(part, SCHEMA.text))

    triples = publish.sort_triples(as_rdflib.oxigraph_triples(graph))
    prefixes = CONTEXT.iris.prefixes("story")
    turtle, jsonld = publish.turtle(triples, prefixes), publish.jsonld(triples, prefixes)
    assert not graph_difference(graph, Graph().parse(data=turtle, format="turtle"))
    assert not graph_difference(graph, Graph().parse(data=jsonld, format="json-ld"))
    expected_set = set(triples)
    assert {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)} == expected_set
    assert {q.triple for q in ox.parse(jsonld, format=ox.RdfFormat.JSON_LD)} == expected_set


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(articles())
def test_no_invented_quotations(case: tuple[str, list[str], dict[int, list[int]], str | None]) -> None:
    """Every quotation is text between its own quote marks; a text with no double marks has none."""
    from pipeline.text.quotes import find_quotes

    article = parse_article(case[0], Path("story.txt"))
    findings = find_quotes(article, CATALOGUE)
    if not any(mark in article.body for mark in '“”"'):
        assert findings.quotes == ()
    for quote in findings.quotes:
        span = article.body[quote.begin : quote.end]
        assert article.body[quote.begin - 1] in '“"' or article.body[: quote.begin].rstrip()[-1:] in '“"'
        assert quote.text.replace(" ", "") == span.replace("\n\n“", "").replace('\n\n"', "").replace(" ", "").replace(
            "\n", ""
        )
        if quote.speaker.entity is not None:
            assert quote.speaker.rule != "none:no-cue"


_PIECES = ["Mr.", "Dr. ", "X. ", "Corp.", "No.", "U.S.", "a", "B", "s", ".", "!", "?", "…", " ", "  ", "\n"]
_PIECES += ["\u00a0", "\u2003", "\u2029", "\x1c", "”", '"', "’", ")", "(", "“", "‘", "Now", "It", "0"]


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(st.sampled_from(_PIECES), max_size=24).map("".join),
    quoted=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=2),
)
def test_sentence_starts_are_the_plain_definition(text: str, quoted: list[tuple[int, int]]) -> None:
    """Sentences start after a full stop (or ! ? …) that is neither inside a quotation nor the end of
    an abbreviation, at the first character that is not whitespace: what a search of the whole text
    before the stop and str.lstrip give, whatever the text."""
    import re

    from pipeline.text.names import _ABBREVIATION, _SENTENCE_END, sentence_starts

    expected = [0]
    for match in _SENTENCE_END.finditer(text):
        at = match.end()
        if any(a < match.start() and at < b for a, b in quoted) or re.search(
            _ABBREVIATION.pattern, text[: match.start() + 1]
        ):
            continue
        expected.append(at + len(text[at:]) - len(text[at:].lstrip()))
    assert list(sentence_starts(text, quoted)) == expected


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES), max_size=16).map("".join), data=st.data())
def test_sentence_initial_is_the_plain_definition(text: str, data: st.DataObject) -> None:
    """A name opens a sentence when only spaces, quote marks or brackets stand between it and a stop
    (or the start): what stripping them from the text before it gives."""
    from pipeline.text.names import sentence_initial

    start = data.draw(st.integers(0, len(text)))
    before = text[:start].rstrip(" “\"‘'(")
    assert sentence_initial(text, start) == (not before or before[-1] in ".!?…:")
