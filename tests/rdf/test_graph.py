"""The RDF model of an article: golden graph, IRI scheme, offsets, mentions, citations."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from pipeline.rdf.graph import article_graph
from pipeline.rdf.vocab import Iris
from pipeline.source.article import parse_article
from pipeline.source.catalogue import Catalogue
from pipeline.source.sidecar import Metadata
from tests.conftest import DATA, SEED_IRI
from tests.rdfcompare import assert_golden
from tests.vocab import CITO, NIF, PROV, SCHEMA

A = URIRef(SEED_IRI)
KAUFMAN = URIRef("https://newsld.example/person/micha-kaufman")
FIVERR = URIRef("https://newsld.example/organization/fiverr")
NOAH = URIRef("https://newsld.example/organization/noah-wire-services")


def part(n: int) -> URIRef:
    return URIRef(f"{SEED_IRI}#paragraph-{n}")


def source(n: int) -> URIRef:
    return URIRef(f"{SEED_IRI}#source-{n}")


def integer(node: object) -> int:
    assert isinstance(node, Literal)
    return int(node)


def test_seed_graph_matches_golden(seed_graph: Graph, regenerate: bool) -> None:
    assert_golden(seed_graph, DATA / "golden" / "fiverr-ceo-ai-warning.ttl", regenerate)


def test_no_blank_nodes(seed_graph: Graph) -> None:
    assert not [t for t in seed_graph if any(isinstance(term, BNode) for term in t)]


def test_article_core(seed_graph: Graph) -> None:
    g = seed_graph
    assert (A, RDF.type, SCHEMA.NewsArticle) in g
    assert g.value(A, SCHEMA.inLanguage) == Literal("en")
    assert g.value(A, SCHEMA.publisher) == NOAH
    assert set(g.objects(A, SCHEMA.about)) == {KAUFMAN, FIVERR}
    assert set(g.objects(A, SCHEMA.mentions)) == {KAUFMAN, FIVERR}
    assert set(g.objects(A, SCHEMA.hasPart)) == {part(n) for n in range(1, 8)}
    assert set(g.objects(A, SCHEMA.citation)) == {source(n) for n in range(1, 8)}
    body = str(g.value(A, SCHEMA.articleBody))
    assert g.value(A, SCHEMA.wordCount) == Literal(len(body.split()))


def test_paragraph_offsets_reproduce_text(seed_graph: Graph) -> None:
    body = str(seed_graph.value(A, SCHEMA.articleBody))
    for n in range(1, 8):
        begin = integer(seed_graph.value(part(n), NIF.beginIndex))
        end = integer(seed_graph.value(part(n), NIF.endIndex))
        assert body[begin:end] == str(seed_graph.value(part(n), SCHEMA.text))
        assert seed_graph.value(part(n), SCHEMA.position) == Literal(n)


def test_paragraph_citations_both_vocabularies(seed_graph: Graph) -> None:
    assert set(seed_graph.objects(part(1), SCHEMA.citation)) == {source(1), source(3), source(4), source(5)}
    assert set(seed_graph.objects(part(1), CITO.cites)) == {source(1), source(3), source(4), source(5)}
    assert set(seed_graph.objects(part(7), SCHEMA.citation)) == set()
    assert seed_graph.value(source(3), SCHEMA.name) == Literal("Source 3")
    assert seed_graph.value(source(3), SCHEMA.position) == Literal(3)


def test_paragraph_mentions(seed_graph: Graph) -> None:
    assert set(seed_graph.objects(part(1), SCHEMA.mentions)) == {KAUFMAN, FIVERR}
    assert set(seed_graph.objects(part(3), SCHEMA.mentions)) == {KAUFMAN}


def test_entities_described(seed_graph: Graph) -> None:
    g = seed_graph
    assert g.value(KAUFMAN, SCHEMA.name) == Literal("Micha Kaufman")
    assert g.value(KAUFMAN, SCHEMA.jobTitle) == Literal("Chief Executive Officer")
    assert g.value(KAUFMAN, SCHEMA.worksFor) == FIVERR
    assert g.value(FIVERR, SCHEMA.legalName) == Literal("Fiverr International Ltd.")
    assert g.value(FIVERR, SCHEMA.url) == URIRef("https://www.fiverr.com")
    assert g.value(NOAH, SCHEMA.name) == Literal("Noah Wire Services")


def test_quotations(seed_graph: Graph) -> None:
    quotes = sorted(seed_graph.subjects(RDF.type, SCHEMA.Quotation), key=str)
    assert [str(q) for q in quotes] == [f"{SEED_IRI}#quote-1", f"{SEED_IRI}#quote-2"]
    body = str(seed_graph.value(A, SCHEMA.articleBody))
    for quote in quotes:
        assert seed_graph.value(quote, SCHEMA.creator) == KAUFMAN
        assert seed_graph.value(quote, SCHEMA.spokenByCharacter) == KAUFMAN
        begin, end = (integer(seed_graph.value(quote, p)) for p in (NIF.beginIndex, NIF.endIndex))
        assert body[begin:end] == str(seed_graph.value(quote, SCHEMA.text))
        paragraph = seed_graph.value(quote, SCHEMA.isPartOf)
        assert (paragraph, SCHEMA.hasPart, quote) in seed_graph


def test_provenance(seed_graph: Graph) -> None:
    source_file = seed_graph.value(A, PROV.wasDerivedFrom)
    assert seed_graph.value(source_file, SCHEMA.name) == Literal("articles/fiverr-ceo-ai-warning.txt")
    activity = seed_graph.value(A, PROV.wasGeneratedBy)
    assert (activity, PROV.used, source_file) in seed_graph
    software = seed_graph.value(activity, PROV.wasAssociatedWith)
    assert software == URIRef("https://newsld.example/software/newsld/0.1.0")
    assert seed_graph.value(software, SCHEMA.softwareVersion) == Literal("0.1.0")
    assert seed_graph.value(software, SCHEMA.name) == Literal("newsld")


def test_base_iri_is_configurable() -> None:
    article = parse_article("Text.\n\nSource: Wire Co\n", Path("story.txt"))
    graph = article_graph(article, Metadata(headline="H"), Catalogue(), Iris("https://data.example.org/news/"))
    subjects = {str(s) for s in graph.subjects()}
    assert "https://data.example.org/news/article/story" in subjects
    assert "https://data.example.org/news/organization/wire-co" in subjects
    assert all(s.startswith("https://data.example.org/news/") for s in subjects)


def test_article_without_map_or_source_has_no_citations_or_publisher() -> None:
    article = parse_article("Just text here.\n", Path("plain.txt"))
    graph = article_graph(article, Metadata(), Catalogue(), Iris("https://x.example/"))
    node = URIRef("https://x.example/article/plain")
    assert graph.value(node, SCHEMA.publisher) is None
    assert graph.value(node, SCHEMA.citation) is None
    assert graph.value(node, SCHEMA.headline) == Literal("Just text here")
