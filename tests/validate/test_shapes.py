"""Every shape in shapes/ fires on a minimal broken graph, with its message and severity.

Each case takes the seed article's (conforming) graph, breaks one thing, and checks that the shape
meant to catch it reports it. A meta-test makes sure no shape is left without a case.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from pipeline.rdf.vocab import Iris
from pipeline.validate.engines import validate_graph
from pipeline.validate.report import Severity
from pipeline.validate.shapes import Shapes, load_shapes
from tests.conftest import SEED_IRI, SHAPES
from tests.vocab import CITO, DCTERMS, NIF, PROV, SCHEMA, SH

NS = "https://newsld.example/shapes#"
A = URIRef(SEED_IRI)
KAUFMAN = URIRef("https://newsld.example/person/micha-kaufman")
FIVERR = URIRef("https://newsld.example/organization/fiverr")
P1, P2, P3, P7 = (URIRef(f"{SEED_IRI}#paragraph-{n}") for n in (1, 2, 3, 7))
Q1 = URIRef(f"{SEED_IRI}#quote-1")
Q1_CREDIT = URIRef(f"{SEED_IRI}#quote-1-attribution")
RULE = URIRef("https://newsld.example/software/newsld/0.1.0#attribution-pronoun")
RULE_NODE = BNode()
S1, S7 = URIRef(f"{SEED_IRI}#source-1"), URIRef(f"{SEED_IRI}#source-7")
Mutation = Callable[[Graph], None]


def remove(s: URIRef, p: URIRef, o: URIRef | None = None) -> Mutation:
    def mutate(g: Graph) -> None:
        g.remove((s, p, o))

    return mutate


def replace_value(s: URIRef, p: URIRef, o: object) -> Mutation:
    def mutate(g: Graph) -> None:
        g.remove((s, p, None))
        g.add((s, p, o))  # type: ignore[arg-type]

    return mutate


def add(*triples: tuple[object, object, object]) -> Mutation:
    def mutate(g: Graph) -> None:
        for triple in triples:
            g.add(triple)  # type: ignore[arg-type]

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph) -> None:
        for mutation in mutations:
            mutation(g)

    return mutate


def blank(kind: URIRef, *extra: tuple[URIRef, object]) -> Mutation:
    node = BNode()
    return add((node, RDF.type, kind), *((node, p, o) for p, o in extra))


def unchanged(g: Graph) -> None:
    """The seed as built: it has no publication date."""


V, W = Severity.VIOLATION, Severity.WARNING
CASES: dict[str, tuple[Mutation, Severity]] = {
    "ArticleShape": (blank(SCHEMA.NewsArticle, (SCHEMA.headline, Literal("x"))), V),
    "ArticleHeadlineShape": (remove(A, SCHEMA.headline), V),
    "ArticleHeadlineLengthShape": (replace_value(A, SCHEMA.headline, Literal("word " * 30)), W),
    "ArticleBodyShape": (remove(A, SCHEMA.articleBody), V),
    "ArticleLanguageShape": (replace_value(A, SCHEMA.inLanguage, Literal("English")), V),
    "ArticleWordCountShape": (replace_value(A, SCHEMA.wordCount, Literal("many")), V),
    "ArticlePublisherShape": (add((A, SCHEMA.publisher, FIVERR)), V),
    "ArticlePublisherPresentShape": (remove(A, SCHEMA.publisher), W),
    "ArticleDateShape": (add((A, SCHEMA.datePublished, Literal("yesterday"))), V),
    "ArticleDatePresentShape": (unchanged, W),
    "ArticlePartsShape": (add((A, SCHEMA.hasPart, S1)), V),
    "ArticleCitationsShape": (remove(A, SCHEMA.citation), W),
    "ArticleMentionsShape": (add((A, SCHEMA.mentions, Literal("Kaufman"))), V),
    "ArticleModifiedShape": (add((A, SCHEMA.dateModified, Literal("2025-04-09T10:00"))), V),
    "ArticleImageShape": (add((A, SCHEMA.image, Literal("https://images.example/a.jpg"))), V),
    "ArticleAuthorShape": (add((A, SCHEMA.author, FIVERR)), V),
    "ParagraphPositionsShape": (replace_value(P3, SCHEMA.position, Literal(9)), V),
    "ParagraphOffsetsShape": (replace_value(P2, NIF.beginIndex, Literal(367)), V),
    "QuotationInParagraphShape": (replace_value(Q1, SCHEMA.text, Literal("Words never said")), V),
    "CitedSourcesShape": (add((P7, SCHEMA.citation, URIRef("https://newsld.example/article/other#source-1"))), V),
    "ParagraphShape": (blank(NIF.Paragraph), V),
    "ParagraphArticleShape": (remove(P7, SCHEMA.isPartOf), V),
    "ParagraphPositionShape": (replace_value(P1, SCHEMA.position, Literal("1")), V),
    "ParagraphTextShape": (remove(P7, SCHEMA.text), V),
    "ParagraphBeginShape": (replace_value(P1, NIF.beginIndex, Literal(400)), V),
    "ParagraphEndShape": (remove(P1, NIF.endIndex), V),
    "ParagraphCitationShape": (add((P1, SCHEMA.citation, Literal("Source 1"))), V),
    "ParagraphCitesShape": (add((P1, CITO.cites, Literal("Source 1"))), V),
    "QuotationShape": (blank(SCHEMA.Quotation, (SCHEMA.text, Literal("x")), (SCHEMA.isPartOf, P1)), V),
    "QuotationTextShape": (remove(Q1, SCHEMA.text), V),
    "QuotationParagraphShape": (remove(Q1, SCHEMA.isPartOf), V),
    "QuotationBeginShape": (replace_value(Q1, NIF.beginIndex, Literal("a")), V),
    "QuotationEndShape": (add((Q1, NIF.endIndex, Literal(900))), V),
    "QuotationSpeakerShape": (replace_value(Q1, SCHEMA.creator, S1), V),
    "QuotationCharacterShape": (replace_value(Q1, SCHEMA.spokenByCharacter, S1), V),
    "QuotationSpeakerPresentShape": (remove(Q1, SCHEMA.creator), W),
    "QuotationAttributionShape": (add((Q1, PROV.qualifiedAttribution, Literal("pronoun"))), V),
    "AttributionShape": (blank(PROV.Attribution, (PROV.agent, KAUFMAN), (DCTERMS.conformsTo, S1)), V),
    "AttributionAgentShape": (remove(Q1_CREDIT, PROV.agent), V),
    "AttributionRuleShape": (replace_value(Q1_CREDIT, DCTERMS.conformsTo, Literal("pronoun")), V),
    "AttributionRuleTermShape": (
        both(
            replace_value(Q1_CREDIT, DCTERMS.conformsTo, RULE_NODE),
            add(
                (RULE_NODE, RDF.type, SCHEMA.DefinedTerm),
                (RULE_NODE, SCHEMA.termCode, Literal("pronoun")),
                (RULE_NODE, SCHEMA.description, Literal("He or she.")),
            ),
        ),
        V,
    ),
    "AttributionRuleCodeShape": (remove(RULE, SCHEMA.termCode), V),
    "AttributionRuleDescriptionShape": (replace_value(RULE, SCHEMA.description, Literal(3)), V),
    "SourceShape": (remove(S7, RDF.type, SCHEMA.CreativeWork), V),
    "SourcePositionShape": (remove(S1, SCHEMA.position), V),
    "SourceNameShape": (remove(S1, SCHEMA.name), V),
    "SourceUrlShape": (add((S1, SCHEMA.url, Literal("https://news.example/memo"))), V),
    "SourcePublisherShape": (add((S1, SCHEMA.publisher, KAUFMAN)), V),
    "SourceDateShape": (add((S1, SCHEMA.datePublished, Literal("April 8"))), V),
    "PersonShape": (blank(SCHEMA.Person, (SCHEMA.name, Literal("Anon"))), V),
    "PersonNameShape": (remove(KAUFMAN, SCHEMA.name), V),
    "PersonEmployerShape": (replace_value(KAUFMAN, SCHEMA.worksFor, S1), V),
    "PersonJobTitleShape": (replace_value(KAUFMAN, SCHEMA.jobTitle, FIVERR), V),
    "OrganizationShape": (blank(SCHEMA.Organization, (SCHEMA.name, Literal("Anon Co"))), V),
    "OrganizationNameShape": (remove(FIVERR, SCHEMA.name), V),
    "OrganizationUrlShape": (
        replace_value(FIVERR, SCHEMA.url, Literal("https://www.fiverr.com", datatype=XSD.anyURI)),
        V,
    ),
}


def case_graphs(seed_graph: Graph) -> dict[str, Graph]:
    """The seed, and the seed broken once per shape (CASES), by name."""
    graphs = {"seed": seed_graph}
    for name, (mutate, _) in CASES.items():
        graph = Graph()
        graph += seed_graph
        mutate(graph)
        graphs[name] = graph
    return graphs


def generated_graphs(folder: Path, count: int, seed: int, iris: Iris) -> dict[str, Graph]:
    """The graphs of `count` generated articles (bench/generate.py), by slug."""
    from bench.generate import generate
    from pipeline.rdf.graph import article_graph
    from pipeline.source.article import read_article
    from pipeline.source.catalogue import read_catalogue
    from pipeline.source.sidecar import read_metadata

    generate(count, folder, seed=seed)
    catalogue = read_catalogue(folder / "entities.toml")
    return {
        path.stem: article_graph(read_article(path), read_metadata(path, catalogue), catalogue, iris)
        for path in sorted(folder.glob("*.txt"))
    }


# Warning cases whose mutation also breaks a rule that is a violation.
ALSO_VIOLATED = {"ArticleCitationsShape": {"CitedSourcesShape"}}


@pytest.fixture(scope="module")
def shapes() -> Shapes:
    return load_shapes([SHAPES])


def shape_messages(shapes: Shapes) -> dict[str, str]:
    """Every shape in shapes/ that states a constraint, with its sh:message."""
    graph = shapes.graph
    found: dict[str, str] = {}
    for shape in set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape)):
        name = str(shape).removeprefix(NS)
        message = graph.value(shape, SH.message)
        if message is None:
            constraint = graph.value(shape, SH.sparql)
            message = graph.value(constraint, SH.message) if constraint is not None else None
        found[name] = str(message) if message is not None else ""
    return found


def test_every_shape_has_a_message_and_a_case(shapes: Shapes) -> None:
    messages = shape_messages(shapes)
    assert all(messages.values()), [name for name, message in messages.items() if not message]
    assert set(messages) == set(CASES)


def test_seed_graph_conforms_with_only_the_date_warning(seed_graph: Graph, shapes: Shapes) -> None:
    report = validate_graph(seed_graph, shapes)
    assert report.conforms
    assert [(r.severity, r.source_shape, r.constraint) for r in report.results] == [
        (Severity.WARNING, NS + "ArticleDatePresentShape", "min-count")
    ]


@pytest.mark.parametrize("shape", sorted(CASES))
def test_shape_fires(shape: str, seed_graph: Graph, shapes: Shapes) -> None:
    mutate, severity = CASES[shape]
    graph = Graph()
    graph += seed_graph
    mutate(graph)
    report = validate_graph(graph, shapes)
    fired = [r for r in report.results if r.source_shape == NS + shape]
    assert fired, f"{shape} did not fire; results: {[(r.source_shape, r.message) for r in report.results]}"
    message = shape_messages(shapes)[shape]
    for result in fired:
        assert result.severity is severity
        assert result.message == message or ("{" in message and result.message.startswith(message.split("{")[0]))
    if severity is Severity.VIOLATION:
        assert not report.conforms
    else:  # a warning alone never stops publishing; what else a warning case breaks is listed
        violated = {str(r.source_shape).removeprefix(NS) for r in report.of(Severity.VIOLATION)}
        assert violated == ALSO_VIOLATED.get(shape, set())
        assert report.conforms is (not violated)


def test_positions_catch_repeats_too(seed_graph: Graph, shapes: Shapes) -> None:
    graph = Graph()
    graph += seed_graph
    replace_value(P3, SCHEMA.position, Literal(2))(graph)
    report = validate_graph(graph, shapes)
    fired = [r for r in report.results if r.source_shape == NS + "ParagraphPositionsShape"]
    assert [(r.focus, r.constraint, r.message) for r in fired] == [
        (
            SEED_IRI,
            "sparql",
            "Paragraph positions must run 1..n without gaps or repeats: the 7 paragraphs have 6 distinct positions from 1 to 7.",
        )
    ]


def test_positions_catch_a_paragraph_with_two_positions(seed_graph: Graph, shapes: Shapes) -> None:
    graph = Graph()
    graph += seed_graph
    graph.add((P3, SCHEMA.position, Literal(8)))
    report = validate_graph(graph, shapes)
    assert NS + "ParagraphPositionsShape" in {r.source_shape for r in report.results}
