"""Article + metadata + catalogue -> one rdflib.Graph in schema.org terms (IRIs only, no blank nodes)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from pipeline.article import Article
from pipeline.catalogue import Catalogue, Entity, Mention
from pipeline.quotes import Quote, QuoteFindings, find_quotes
from pipeline.sidecar import Metadata, SourceInfo, derive_headline
from pipeline.vocab import CITO, NIF, PROV, RDF, SCHEMA, XSD, Iris


@dataclass(frozen=True)
class Provenance:
    """Where the graph came from: its input file, that file's checksum, the software that built it."""

    source_name: str  # the input file's path as given, relative to the project
    sha256: str
    version: str
    generated_at: str | None = None  # an xsd:dateTime, only when SOURCE_DATE_EPOCH asks for one


def new_graph(iris: Iris) -> Graph:
    """An empty graph with our prefixes bound (schema: to http://schema.org/, overriding rdflib's https).

    The bindings are the same for every article, so rdflib's parsed-query cache keyed on them hits.
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in iris.prefixes().items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


Triple = tuple[Node, Node, Node]


class Triples:
    """An article's triples, each once, in the order added: what the build needs of a graph.

    It iterates, counts, lists subjects and prefixes like an rdflib Graph; `graph()` makes the rdflib
    Graph itself (for pySHACL and the API). Skipping rdflib's indexed store saves some 4 ms of CPU
    per article on the build path, where the triples only go on to pyoxigraph.
    """

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def subjects(self) -> Iterator[Node]:
        return iter({s: None for s, _, _ in self._triples})

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return ((prefix, URIRef(namespace)) for prefix, namespace in self.iris.prefixes().items())

    def graph(self) -> Graph:
        graph = new_graph(self.iris)
        for triple in self._triples:
            graph.add(triple)
        return graph


def article_graph(
    article: Article,
    metadata: Metadata,
    catalogue: Catalogue,
    iris: Iris,
    provenance: Provenance | None = None,
    findings: QuoteFindings | None = None,
) -> Graph:
    """The graph of one article: the NewsArticle, its paragraphs, quotations, sources and entities.

    `findings` are the article's mentions and quotations (`find_quotes`), computed when not given.
    """
    return article_triples(article, metadata, catalogue, iris, provenance, findings).graph()


def article_triples(
    article: Article,
    metadata: Metadata,
    catalogue: Catalogue,
    iris: Iris,
    provenance: Provenance | None = None,
    findings: QuoteFindings | None = None,
) -> Triples:
    """The triples of `article_graph`, without building the rdflib Graph (the build's path)."""
    graph = Triples(iris)
    add = graph.add
    slug = article.slug
    node = iris.article(slug)
    findings = findings or find_quotes(article, catalogue)
    mentions = findings.mentions
    described: dict[str, Entity] = {}

    def entity_iri(entity: Entity) -> URIRef:
        described.setdefault(entity.id, entity)
        return iris.entity(entity)

    add((node, RDF.type, SCHEMA.NewsArticle))
    headline = metadata.headline or derive_headline(article.paragraphs[0].text)
    add((node, SCHEMA.headline, Literal(headline)))
    add((node, SCHEMA.articleBody, Literal(article.body)))
    add((node, SCHEMA.inLanguage, Literal(metadata.language)))
    add((node, SCHEMA.wordCount, Literal(article.word_count)))
    _add_sidecar_facts(graph, node, metadata)
    _add_authors(graph, metadata, iris, slug, entity_iri, catalogue)
    if article.supplier is not None:
        add((node, SCHEMA.publisher, entity_iri(catalogue.organization(article.supplier))))
    for entity_id in metadata.about:
        add((node, SCHEMA.about, entity_iri(catalogue[entity_id])))

    for paragraph, (begin, end), found in zip(article.paragraphs, article.offsets, mentions, strict=True):
        part = iris.paragraph(slug, paragraph.position)
        add((node, SCHEMA.hasPart, part))
        add((part, RDF.type, SCHEMA.CreativeWork))
        add((part, RDF.type, NIF.Paragraph))
        add((part, SCHEMA.isPartOf, node))
        add((part, SCHEMA.position, Literal(paragraph.position)))
        add((part, SCHEMA.text, Literal(paragraph.text)))
        add((part, NIF.beginIndex, Literal(begin)))
        add((part, NIF.endIndex, Literal(end)))
        for entity_id in _distinct(found):
            iri = entity_iri(catalogue[entity_id])
            add((part, SCHEMA.mentions, iri))
            add((node, SCHEMA.mentions, iri))
        for number in paragraph.sources:
            source = iris.source(slug, number)
            add((part, SCHEMA.citation, source))
            add((part, CITO.cites, source))

    for number in article.sources:
        source = iris.source(slug, number)
        add((node, SCHEMA.citation, source))
        add((source, RDF.type, SCHEMA.CreativeWork))
        add((source, SCHEMA.position, Literal(number)))
        _add_source_details(graph, source, number, metadata.sources.get(number), entity_iri, catalogue)

    speakers: dict[str, URIRef] = {}  # named speakers the catalogue lacks, one local node per name
    for quote in findings.quotes:
        _add_quote(graph, quote, iris, slug, entity_iri, catalogue, speakers)

    for entity_id in sorted(catalogue.closure(set(described)) - set(described)):
        entity_iri(catalogue[entity_id])
    for entity in list(described.values()):
        _add_entity(graph, entity, iris, catalogue)

    if provenance is not None:
        _add_provenance(graph, slug, provenance, iris)
    return graph


def _add_sidecar_facts(graph: Triples, node: URIRef, metadata: Metadata) -> None:
    """The dates, URL and image the sidecar gives (the text carries none of them)."""
    if metadata.date_published is not None:
        graph.add((node, SCHEMA.datePublished, Literal(metadata.date_published)))
    if metadata.date_modified is not None:
        graph.add((node, SCHEMA.dateModified, Literal(metadata.date_modified)))
    if metadata.url is not None:
        graph.add((node, SCHEMA.url, URIRef(metadata.url)))
    if metadata.image is not None:
        graph.add((node, SCHEMA.image, URIRef(metadata.image)))


def _add_authors(
    graph: Triples,
    metadata: Metadata,
    iris: Iris,
    slug: str,
    entity_iri: Callable[[Entity], URIRef],
    catalogue: Catalogue,
) -> None:
    """The byline in its order: catalogue people by their IRI, other names as local nodes (no identity claimed)."""
    node = iris.article(slug)
    for number, author in enumerate(metadata.authors, start=1):
        if author.entity is not None:
            graph.add((node, SCHEMA.author, entity_iri(catalogue[author.entity])))
            continue
        local = iris.author(slug, number)
        graph.add((node, SCHEMA.author, local))
        graph.add((local, RDF.type, SCHEMA.Person))
        graph.add((local, SCHEMA.name, Literal(author.name)))


def _add_source_details(
    graph: Triples,
    source: URIRef,
    number: int,
    known: SourceInfo | None,
    entity_iri: Callable[[Entity], URIRef],
    catalogue: Catalogue,
) -> None:
    """A numbered source's name ("Source 3" unless the sidecar titles it), URL, date and publisher."""
    graph.add((source, SCHEMA.name, Literal(known.title if known and known.title else f"Source {number}")))
    if known is None:
        return
    if known.url is not None:
        graph.add((source, SCHEMA.url, URIRef(known.url)))
    if known.date is not None:
        graph.add((source, SCHEMA.datePublished, Literal(known.date)))
    if known.publisher is not None:
        publisher = known.publisher
        organization = catalogue[publisher.entity] if publisher.entity else catalogue.organization(publisher.name)
        graph.add((source, SCHEMA.publisher, entity_iri(organization)))


def _distinct(mentions: tuple[Mention, ...]) -> list[str]:
    return list(dict.fromkeys(m.entity for m in mentions))


def _add_quote(
    graph: Triples,
    quote: Quote,
    iris: Iris,
    slug: str,
    entity_iri: Callable[[Entity], URIRef],
    catalogue: Catalogue,
    speakers: dict[str, URIRef],
) -> None:
    """The quotation, part of every paragraph it spans; its speaker only when the text settles who."""
    node = iris.quote(slug, quote.number)
    graph.add((node, RDF.type, SCHEMA.Quotation))
    graph.add((node, SCHEMA.text, Literal(quote.text)))
    for position in quote.paragraphs:
        paragraph = iris.paragraph(slug, position)
        graph.add((node, SCHEMA.isPartOf, paragraph))
        graph.add((paragraph, SCHEMA.hasPart, node))
    graph.add((node, NIF.beginIndex, Literal(quote.begin)))
    graph.add((node, NIF.endIndex, Literal(quote.end)))
    speaker = quote.speaker
    who: URIRef | None = None
    if speaker.entity is not None:
        who = entity_iri(catalogue[speaker.entity])
    elif speaker.name is not None and speaker.is_person:
        who = speakers.get(speaker.name)
        if who is None:
            who = speakers[speaker.name] = iris.speaker(slug, len(speakers) + 1)
            graph.add((who, RDF.type, SCHEMA.Person))
            graph.add((who, SCHEMA.name, Literal(speaker.name)))
    if who is not None:
        graph.add((node, SCHEMA.spokenByCharacter, who))
        graph.add((node, SCHEMA.creator, who))


def _add_entity(graph: Triples, entity: Entity, iris: Iris, catalogue: Catalogue) -> None:
    node = iris.entity(entity)
    graph.add((node, RDF.type, SCHEMA[entity.type]))
    graph.add((node, SCHEMA.name, Literal(entity.name)))
    for alias in entity.aliases:
        graph.add((node, SCHEMA.alternateName, Literal(alias)))
    if entity.job_title is not None:
        graph.add((node, SCHEMA.jobTitle, Literal(entity.job_title)))
    if entity.works_for is not None:
        graph.add((node, SCHEMA.worksFor, iris.entity(catalogue[entity.works_for])))
    if entity.legal_name is not None:
        graph.add((node, SCHEMA.legalName, Literal(entity.legal_name)))
    if entity.url is not None:
        graph.add((node, SCHEMA.url, URIRef(entity.url)))
    for link in entity.same_as:
        graph.add((node, SCHEMA.sameAs, URIRef(link)))


def _add_provenance(graph: Triples, slug: str, provenance: Provenance, iris: Iris) -> None:
    """PROV-O: the article was derived from its input file and generated by a newsld build."""
    node = iris.article(slug)
    source = iris.input_file(slug)
    activity = iris.build_activity(slug)
    software = iris.software(provenance.version)
    graph.add((node, PROV.wasDerivedFrom, source))
    graph.add((node, PROV.wasGeneratedBy, activity))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDF.type, SCHEMA.MediaObject))
    graph.add((source, SCHEMA.name, Literal(provenance.source_name)))
    graph.add((source, SCHEMA.encodingFormat, Literal("text/plain")))
    graph.add((source, SCHEMA.sha256, Literal(provenance.sha256)))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.used, source))
    graph.add((activity, PROV.wasAssociatedWith, software))
    if provenance.generated_at is not None:
        stamp = Literal(provenance.generated_at, datatype=XSD.dateTime, normalize=False)  # keep the "Z"
        graph.add((activity, PROV.endedAtTime, stamp))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, RDF.type, SCHEMA.SoftwareApplication))
    graph.add((software, SCHEMA.name, Literal("newsld")))
    graph.add((software, SCHEMA.softwareVersion, Literal(provenance.version)))
