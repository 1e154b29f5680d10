"""Article + metadata + catalogue -> one graph in schema.org terms (IRIs only, no blank nodes).

The build path makes rows (`terms`: IRIs as str, literals as `Lit`) directly (`article_triples`):
they go on to the validator and the writers as they are. `article_graph` gives the same triples as
an rdflib Graph, for the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pyoxigraph as ox

from pipeline._version import __version__
from pipeline.config import Publisher
from pipeline.rdf.serialize.statements import Statements
from pipeline.rdf.software import about_rule, about_software
from pipeline.rdf.terms import RDF_TYPE, XSD_DATE, XSD_DATE_TIME, XSD_INTEGER, Lit, Term
from pipeline.rdf.vocab import CITO, DCTERMS, NIF, PROV, SCHEMA, Iris
from pipeline.source.article import Article
from pipeline.source.catalogue import Catalogue, Entity, Mention
from pipeline.source.sidecar import Metadata, SourceInfo, derive_headline
from pipeline.text.quotes import Quote, QuoteFindings, find_quotes

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass(frozen=True)
class Provenance:
    """Where the graph came from: its input file, that file's checksum, the software that built it."""

    source_name: str  # the input file's path as given, relative to the project
    sha256: str
    version: str
    generated_at: str | None = None  # an xsd:dateTime, only when SOURCE_DATE_EPOCH asks for one


class Triples:
    """An article's triples, each once, in the order added: what the build needs.

    The builder adds rows of plain values (`terms.Row`); `statements()` gives them as `Statements`
    for the validator and the writers; `graph()` makes an rdflib Graph (for pySHACL and the API).
    """

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.entities: list[str] = []  # the ids of the entities it describes (catalogue or made up for a name)
        self._rows: dict[tuple[str, str, Term], None] = {}
        self._made: Statements | None = None

    def add(self, row: tuple[str, str, Term]) -> None:
        self._rows[row] = None
        self._made = None

    def statements(self) -> Statements:
        """The rows with their pyoxigraph Triples, in the order added."""
        if self._made is None:
            self._made = Statements(list(self._rows))
        return self._made

    @property
    def triples(self) -> list[ox.Triple]:
        return self.statements().triples

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self.statements().triples)

    def __len__(self) -> int:
        return len(self._rows)

    def subjects(self) -> list[str]:
        """The subjects' IRIs, each once, in the order they first appear."""
        return list(dict.fromkeys(row[0] for row in self._rows))

    def graph(self) -> Graph:
        """The triples as an rdflib Graph with our prefixes bound (schema: is http://schema.org/)."""
        from pipeline.rdf.as_rdflib import graph_of_quads

        return graph_of_quads(self.statements().triples, self.iris.prefixes())


def _literal(value: str | int | date | datetime) -> Lit:
    """The literal rdflib's Literal(value) is: a string, an xsd:integer, an xsd:dateTime or xsd:date
    (ISO 8601, as `isoformat` writes it)."""
    if isinstance(value, str):
        return Lit(value)
    if isinstance(value, bool):
        raise TypeError("no booleans in an article graph")
    if isinstance(value, int):
        return Lit(str(value), XSD_INTEGER)
    if isinstance(value, datetime):
        return Lit(value.isoformat(), XSD_DATE_TIME)
    return Lit(value.isoformat(), XSD_DATE)


def article_graph(
    article: Article,
    metadata: Metadata,
    catalogue: Catalogue,
    iris: Iris,
    provenance: Provenance | None = None,
    findings: QuoteFindings | None = None,
    publisher: Publisher | None = None,
) -> Graph:
    """The graph of one article: the NewsArticle, its paragraphs, quotations, sources and entities.

    `findings` are the article's mentions and quotations (`find_quotes`), computed when not given;
    `publisher` is the site's publishing organisation (`[tool.newsld.publisher]`), if set.
    """
    return article_triples(article, metadata, catalogue, iris, provenance, findings, publisher).graph()


def article_triples(
    article: Article,
    metadata: Metadata,
    catalogue: Catalogue,
    iris: Iris,
    provenance: Provenance | None = None,
    findings: QuoteFindings | None = None,
    publisher: Publisher | None = None,
) -> Triples:
    """The triples of `article_graph`, without building the rdflib Graph (the build's path)."""
    graph = Triples(iris)
    add = graph.add
    slug = article.slug
    node = iris.article(slug)
    findings = findings or find_quotes(article, catalogue, metadata.quotes)
    mentions = findings.mentions
    described: dict[str, Entity] = {}

    def entity_iri(entity: Entity) -> str:
        described.setdefault(entity.id, entity)
        return iris.entity(entity)

    add((node, RDF_TYPE, SCHEMA.NewsArticle))
    headline = metadata.headline or derive_headline(article.paragraphs[0].text)
    add((node, SCHEMA.headline, _literal(headline)))
    add((node, SCHEMA.articleBody, _literal(article.body)))
    add((node, SCHEMA.inLanguage, _literal(metadata.language)))
    add((node, SCHEMA.wordCount, _literal(article.word_count)))
    add((node, SCHEMA.mainEntityOfPage, iris.page(node)))
    _add_sidecar_facts(graph, node, metadata)
    _add_authors(graph, metadata, iris, slug, entity_iri, catalogue)
    _add_publishers(graph, node, article.supplier, publisher, catalogue, entity_iri)
    for entity_id in metadata.about:
        add((node, SCHEMA.about, entity_iri(catalogue[entity_id])))

    for paragraph, (begin, end), found in zip(article.paragraphs, article.offsets, mentions, strict=True):
        part = iris.paragraph(slug, paragraph.position)
        add((node, SCHEMA.hasPart, part))
        add((part, RDF_TYPE, SCHEMA.CreativeWork))
        add((part, RDF_TYPE, NIF.Paragraph))
        add((part, SCHEMA.isPartOf, node))
        add((part, SCHEMA.position, _literal(paragraph.position)))
        add((part, SCHEMA.text, _literal(paragraph.text)))
        add((part, NIF.beginIndex, _literal(begin)))
        add((part, NIF.endIndex, _literal(end)))
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
        add((source, RDF_TYPE, SCHEMA.CreativeWork))
        add((source, SCHEMA.position, _literal(number)))
        _add_source_details(graph, source, number, metadata.sources.get(number), entity_iri, catalogue)

    speakers: dict[str, str] = {}  # named speakers the catalogue lacks, one local node per name
    version = provenance.version if provenance is not None else __version__
    for quote in findings.quotes:
        _add_quote(graph, quote, iris, slug, entity_iri, catalogue, speakers, version)

    for entity_id in sorted(catalogue.closure(set(described)) - set(described)):
        entity_iri(catalogue[entity_id])
    for entity in list(described.values()):
        _add_entity(graph, entity, iris, catalogue)
    graph.entities = list(described)

    if provenance is not None:
        _add_provenance(graph, slug, provenance, iris)
    return graph


def _add_sidecar_facts(graph: Triples, node: str, metadata: Metadata) -> None:
    """The dates, URL, description and image the sidecar gives (the text carries none of them)."""
    if metadata.date_published is not None:
        graph.add((node, SCHEMA.datePublished, _literal(metadata.date_published)))
    if metadata.date_modified is not None:
        graph.add((node, SCHEMA.dateModified, _literal(metadata.date_modified)))
    if metadata.url is not None:
        graph.add((node, SCHEMA.url, metadata.url))
    if metadata.description is not None:
        graph.add((node, SCHEMA.description, _literal(metadata.description)))
    image = metadata.image
    if image is not None:
        # An ImageObject of the article's own (#image), so that alt text, caption and size are
        # statements about this use of the picture, not about the picture's URL everywhere.
        picture = f"{node}#image"
        graph.add((node, SCHEMA.image, picture))
        graph.add((picture, RDF_TYPE, SCHEMA.ImageObject))
        graph.add((picture, SCHEMA.contentUrl, image.url))
        graph.add((picture, SCHEMA.url, image.url))
        if image.alt is not None:  # schema.org has no alt-text property: the image's description is it
            graph.add((picture, SCHEMA.description, _literal(image.alt)))
        if image.caption is not None:
            graph.add((picture, SCHEMA.caption, _literal(image.caption)))
        if image.width is not None:
            graph.add((picture, SCHEMA.width, _literal(image.width)))
        if image.height is not None:
            graph.add((picture, SCHEMA.height, _literal(image.height)))


def _add_publishers(
    graph: Triples,
    node: str,
    supplier_name: str | None,
    publisher: Publisher | None,
    catalogue: Catalogue,
    entity_iri: Callable[[Entity], str],
) -> None:
    """The wire service that supplied the story (the `Source:` line) is its source organisation; the
    publisher is the site's own organisation when the settings name one (the catalogue's, when it
    has one of that name, a NewsMediaOrganization with its home page and logo), else the supplier:
    all the text says."""
    supplier = entity_iri(catalogue.organization(supplier_name)) if supplier_name is not None else None
    if supplier is not None:
        graph.add((node, SCHEMA.sourceOrganization, supplier))
    if publisher is None:
        if supplier is not None:
            graph.add((node, SCHEMA.publisher, supplier))
        return
    iri = entity_iri(catalogue.organization(publisher.name))
    graph.add((node, SCHEMA.publisher, iri))
    graph.add((iri, RDF_TYPE, SCHEMA.NewsMediaOrganization))
    if publisher.url is not None:
        graph.add((iri, SCHEMA.url, publisher.url))
    if publisher.logo is not None:
        graph.add((iri, SCHEMA.logo, publisher.logo))


def _add_authors(
    graph: Triples,
    metadata: Metadata,
    iris: Iris,
    slug: str,
    entity_iri: Callable[[Entity], str],
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
        graph.add((local, RDF_TYPE, SCHEMA.Person))
        graph.add((local, SCHEMA.name, _literal(author.name)))


def _add_source_details(
    graph: Triples,
    source: str,
    number: int,
    known: SourceInfo | None,
    entity_iri: Callable[[Entity], str],
    catalogue: Catalogue,
) -> None:
    """A numbered source's name ("Source 3" unless the sidecar titles it), URL, date and publisher."""
    graph.add((source, SCHEMA.name, _literal(known.title if known and known.title else f"Source {number}")))
    if known is None:
        return
    if known.url is not None:
        graph.add((source, SCHEMA.url, known.url))
    if known.date is not None:
        graph.add((source, SCHEMA.datePublished, _literal(known.date)))
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
    entity_iri: Callable[[Entity], str],
    catalogue: Catalogue,
    speakers: dict[str, str],
    version: str,
) -> None:
    """The quotation, part of every paragraph it spans; its speaker only when the text settles who."""
    node = iris.quote(slug, quote.number)
    graph.add((node, RDF_TYPE, SCHEMA.Quotation))
    graph.add((node, SCHEMA.text, _literal(quote.text)))
    for position in quote.paragraphs:
        paragraph = iris.paragraph(slug, position)
        graph.add((node, SCHEMA.isPartOf, paragraph))
        graph.add((paragraph, SCHEMA.hasPart, node))
    graph.add((node, NIF.beginIndex, _literal(quote.begin)))
    graph.add((node, NIF.endIndex, _literal(quote.end)))
    speaker = quote.speaker
    who: str | None = None
    if speaker.entity is not None:
        who = entity_iri(catalogue[speaker.entity])
    elif speaker.name is not None and speaker.is_person:
        who = speakers.get(speaker.name)
        if who is None:
            who = speakers[speaker.name] = iris.speaker(slug, len(speakers) + 1)
            graph.add((who, RDF_TYPE, SCHEMA.Person))
            graph.add((who, SCHEMA.name, _literal(speaker.name)))
    if who is not None:
        graph.add((node, SCHEMA.spokenByCharacter, who))
        graph.add((node, SCHEMA.creator, who))
        # The evidence: which rule (or the editor) credited the quotation to them (PROV-O).
        attribution = iris.attribution(slug, quote.number)
        graph.add((node, PROV.qualifiedAttribution, attribution))
        graph.add((attribution, RDF_TYPE, PROV.Attribution))
        graph.add((attribution, PROV.agent, who))
        rule = iris.rule(version, speaker.rule)
        graph.add((attribution, DCTERMS.conformsTo, rule))
        for row in about_rule(rule, speaker.rule):  # so that the article's document says what the rule is
            graph.add(row)
    elif speaker.credit is not None:
        graph.add((node, SCHEMA.creditText, _literal(speaker.credit)))  # deliberately anonymous


def _add_entity(graph: Triples, entity: Entity, iris: Iris, catalogue: Catalogue) -> None:
    node = iris.entity(entity)
    if entity.url is None and entity.type == "Person" and entity.id in catalogue:
        # A catalogue person's page on the site is the web page that identifies them (what a byline
        # links to), unless the catalogue gives their own.
        graph.add((node, SCHEMA.url, iris.page(node)))
    graph.add((node, RDF_TYPE, SCHEMA[entity.type]))
    graph.add((node, SCHEMA.name, _literal(entity.name)))
    for alias in entity.aliases:
        graph.add((node, SCHEMA.alternateName, _literal(alias)))
    if entity.job_title is not None:
        graph.add((node, SCHEMA.jobTitle, _literal(entity.job_title)))
    if entity.works_for is not None:
        graph.add((node, SCHEMA.worksFor, iris.entity(catalogue[entity.works_for])))
    if entity.legal_name is not None:
        graph.add((node, SCHEMA.legalName, _literal(entity.legal_name)))
    if entity.url is not None:
        graph.add((node, SCHEMA.url, entity.url))
    for link in entity.same_as:
        graph.add((node, SCHEMA.sameAs, link))


def _add_provenance(graph: Triples, slug: str, provenance: Provenance, iris: Iris) -> None:
    """PROV-O: the article was derived from its input file and generated by a newsld build."""
    node = iris.article(slug)
    source = iris.input_file(slug)
    activity = iris.build_activity(slug)
    software = iris.software(provenance.version)
    graph.add((node, PROV.wasDerivedFrom, source))
    graph.add((node, PROV.wasGeneratedBy, activity))
    graph.add((source, RDF_TYPE, PROV.Entity))
    graph.add((source, RDF_TYPE, SCHEMA.MediaObject))
    graph.add((source, SCHEMA.name, _literal(provenance.source_name)))
    graph.add((source, SCHEMA.encodingFormat, _literal("text/plain")))
    graph.add((source, SCHEMA.sha256, _literal(provenance.sha256)))
    graph.add((activity, RDF_TYPE, PROV.Activity))
    graph.add((activity, PROV.used, source))
    graph.add((activity, PROV.wasAssociatedWith, software))
    if provenance.generated_at is not None:
        stamp = Lit(provenance.generated_at, XSD_DATE_TIME)  # as given: keep the "Z"
        graph.add((activity, PROV.endedAtTime, stamp))
    for row in about_software(software, provenance.version):
        graph.add(row)
