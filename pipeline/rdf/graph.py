"""Article + metadata + catalogue -> one graph in schema.org terms (IRIs only, no blank nodes).

The build path makes pyoxigraph terms directly (`article_triples`): they go on to the validator and
the files as they are. `article_graph` gives the same triples as an rdflib Graph, for the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pyoxigraph as ox
from rdflib import Graph, URIRef

from pipeline.rdf.statements import Lit, Statements, Term
from pipeline.rdf.vocab import CITO, NIF, PROV, RDF, SCHEMA, XSD, Iris
from pipeline.source.article import Article
from pipeline.source.catalogue import Catalogue, Entity, Mention
from pipeline.source.sidecar import Metadata, SourceInfo, derive_headline
from pipeline.text.quotes import Quote, QuoteFindings, find_quotes


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


class Triples:
    """An article's triples, each once, in the order added: what the build needs.

    The builder adds rows of plain values (`statements.Row`: IRIs as str, literals as `Lit`);
    `statements()` gives them with their pyoxigraph Triples, made once, for the validator and the
    writers. It counts, lists subjects and prefixes like an rdflib Graph; `graph()` makes the rdflib
    Graph itself (for pySHACL and the API). Rows cost a fraction of pyoxigraph terms to make and
    to read back (each read of a term's attribute makes a new object), and rdflib's Literal costs
    4-6 µs to make.
    """

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
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

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return ((prefix, URIRef(namespace)) for prefix, namespace in self.iris.prefixes().items())

    def graph(self) -> Graph:
        from pipeline.rdf.rdfio import to_rdflib_term

        graph = new_graph(self.iris)
        for triple in self.statements().triples:
            graph.add((to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)))
        return graph


class _Vocabulary:
    """The IRIs of one namespace as plain strings, each made once: `_SCHEMA.hasPart`."""

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        iri = self._namespace + name
        setattr(self, name, iri)
        return iri


_SCHEMA = _Vocabulary(str(SCHEMA))
_NIF = _Vocabulary(str(NIF))
_CITO = _Vocabulary(str(CITO))
_PROV = _Vocabulary(str(PROV))
_TYPE = str(RDF.type)
_INTEGER = str(XSD.integer)
_DATE = str(XSD.date)
_DATE_TIME = str(XSD.dateTime)


def _literal(value: str | int | date | datetime) -> Lit:
    """The literal rdflib's Literal(value) is: a string, an xsd:integer, an xsd:dateTime or xsd:date
    (ISO 8601, as `isoformat` writes it)."""
    if isinstance(value, str):
        return Lit(value)
    if isinstance(value, bool):
        raise TypeError("no booleans in an article graph")
    if isinstance(value, int):
        return Lit(str(value), _INTEGER)
    if isinstance(value, datetime):
        return Lit(value.isoformat(), _DATE_TIME)
    return Lit(value.isoformat(), _DATE)


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

    def entity_iri(entity: Entity) -> str:
        described.setdefault(entity.id, entity)
        return iris.entity(entity)

    add((node, _TYPE, _SCHEMA.NewsArticle))
    headline = metadata.headline or derive_headline(article.paragraphs[0].text)
    add((node, _SCHEMA.headline, _literal(headline)))
    add((node, _SCHEMA.articleBody, _literal(article.body)))
    add((node, _SCHEMA.inLanguage, _literal(metadata.language)))
    add((node, _SCHEMA.wordCount, _literal(article.word_count)))
    _add_sidecar_facts(graph, node, metadata)
    _add_authors(graph, metadata, iris, slug, entity_iri, catalogue)
    if article.supplier is not None:
        add((node, _SCHEMA.publisher, entity_iri(catalogue.organization(article.supplier))))
    for entity_id in metadata.about:
        add((node, _SCHEMA.about, entity_iri(catalogue[entity_id])))

    for paragraph, (begin, end), found in zip(article.paragraphs, article.offsets, mentions, strict=True):
        part = iris.paragraph(slug, paragraph.position)
        add((node, _SCHEMA.hasPart, part))
        add((part, _TYPE, _SCHEMA.CreativeWork))
        add((part, _TYPE, _NIF.Paragraph))
        add((part, _SCHEMA.isPartOf, node))
        add((part, _SCHEMA.position, _literal(paragraph.position)))
        add((part, _SCHEMA.text, _literal(paragraph.text)))
        add((part, _NIF.beginIndex, _literal(begin)))
        add((part, _NIF.endIndex, _literal(end)))
        for entity_id in _distinct(found):
            iri = entity_iri(catalogue[entity_id])
            add((part, _SCHEMA.mentions, iri))
            add((node, _SCHEMA.mentions, iri))
        for number in paragraph.sources:
            source = iris.source(slug, number)
            add((part, _SCHEMA.citation, source))
            add((part, _CITO.cites, source))

    for number in article.sources:
        source = iris.source(slug, number)
        add((node, _SCHEMA.citation, source))
        add((source, _TYPE, _SCHEMA.CreativeWork))
        add((source, _SCHEMA.position, _literal(number)))
        _add_source_details(graph, source, number, metadata.sources.get(number), entity_iri, catalogue)

    speakers: dict[str, str] = {}  # named speakers the catalogue lacks, one local node per name
    for quote in findings.quotes:
        _add_quote(graph, quote, iris, slug, entity_iri, catalogue, speakers)

    for entity_id in sorted(catalogue.closure(set(described)) - set(described)):
        entity_iri(catalogue[entity_id])
    for entity in list(described.values()):
        _add_entity(graph, entity, iris, catalogue)

    if provenance is not None:
        _add_provenance(graph, slug, provenance, iris)
    return graph


def _add_sidecar_facts(graph: Triples, node: str, metadata: Metadata) -> None:
    """The dates, URL and image the sidecar gives (the text carries none of them)."""
    if metadata.date_published is not None:
        graph.add((node, _SCHEMA.datePublished, _literal(metadata.date_published)))
    if metadata.date_modified is not None:
        graph.add((node, _SCHEMA.dateModified, _literal(metadata.date_modified)))
    if metadata.url is not None:
        graph.add((node, _SCHEMA.url, metadata.url))
    if metadata.image is not None:
        graph.add((node, _SCHEMA.image, metadata.image))


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
            graph.add((node, _SCHEMA.author, entity_iri(catalogue[author.entity])))
            continue
        local = iris.author(slug, number)
        graph.add((node, _SCHEMA.author, local))
        graph.add((local, _TYPE, _SCHEMA.Person))
        graph.add((local, _SCHEMA.name, _literal(author.name)))


def _add_source_details(
    graph: Triples,
    source: str,
    number: int,
    known: SourceInfo | None,
    entity_iri: Callable[[Entity], str],
    catalogue: Catalogue,
) -> None:
    """A numbered source's name ("Source 3" unless the sidecar titles it), URL, date and publisher."""
    graph.add((source, _SCHEMA.name, _literal(known.title if known and known.title else f"Source {number}")))
    if known is None:
        return
    if known.url is not None:
        graph.add((source, _SCHEMA.url, known.url))
    if known.date is not None:
        graph.add((source, _SCHEMA.datePublished, _literal(known.date)))
    if known.publisher is not None:
        publisher = known.publisher
        organization = catalogue[publisher.entity] if publisher.entity else catalogue.organization(publisher.name)
        graph.add((source, _SCHEMA.publisher, entity_iri(organization)))


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
) -> None:
    """The quotation, part of every paragraph it spans; its speaker only when the text settles who."""
    node = iris.quote(slug, quote.number)
    graph.add((node, _TYPE, _SCHEMA.Quotation))
    graph.add((node, _SCHEMA.text, _literal(quote.text)))
    for position in quote.paragraphs:
        paragraph = iris.paragraph(slug, position)
        graph.add((node, _SCHEMA.isPartOf, paragraph))
        graph.add((paragraph, _SCHEMA.hasPart, node))
    graph.add((node, _NIF.beginIndex, _literal(quote.begin)))
    graph.add((node, _NIF.endIndex, _literal(quote.end)))
    speaker = quote.speaker
    who: str | None = None
    if speaker.entity is not None:
        who = entity_iri(catalogue[speaker.entity])
    elif speaker.name is not None and speaker.is_person:
        who = speakers.get(speaker.name)
        if who is None:
            who = speakers[speaker.name] = iris.speaker(slug, len(speakers) + 1)
            graph.add((who, _TYPE, _SCHEMA.Person))
            graph.add((who, _SCHEMA.name, _literal(speaker.name)))
    if who is not None:
        graph.add((node, _SCHEMA.spokenByCharacter, who))
        graph.add((node, _SCHEMA.creator, who))


def _add_entity(graph: Triples, entity: Entity, iris: Iris, catalogue: Catalogue) -> None:
    node = iris.entity(entity)
    graph.add((node, _TYPE, getattr(_SCHEMA, entity.type)))
    graph.add((node, _SCHEMA.name, _literal(entity.name)))
    for alias in entity.aliases:
        graph.add((node, _SCHEMA.alternateName, _literal(alias)))
    if entity.job_title is not None:
        graph.add((node, _SCHEMA.jobTitle, _literal(entity.job_title)))
    if entity.works_for is not None:
        graph.add((node, _SCHEMA.worksFor, iris.entity(catalogue[entity.works_for])))
    if entity.legal_name is not None:
        graph.add((node, _SCHEMA.legalName, _literal(entity.legal_name)))
    if entity.url is not None:
        graph.add((node, _SCHEMA.url, entity.url))
    for link in entity.same_as:
        graph.add((node, _SCHEMA.sameAs, link))


def _add_provenance(graph: Triples, slug: str, provenance: Provenance, iris: Iris) -> None:
    """PROV-O: the article was derived from its input file and generated by a newsld build."""
    node = iris.article(slug)
    source = iris.input_file(slug)
    activity = iris.build_activity(slug)
    software = iris.software(provenance.version)
    graph.add((node, _PROV.wasDerivedFrom, source))
    graph.add((node, _PROV.wasGeneratedBy, activity))
    graph.add((source, _TYPE, _PROV.Entity))
    graph.add((source, _TYPE, _SCHEMA.MediaObject))
    graph.add((source, _SCHEMA.name, _literal(provenance.source_name)))
    graph.add((source, _SCHEMA.encodingFormat, _literal("text/plain")))
    graph.add((source, _SCHEMA.sha256, _literal(provenance.sha256)))
    graph.add((activity, _TYPE, _PROV.Activity))
    graph.add((activity, _PROV.used, source))
    graph.add((activity, _PROV.wasAssociatedWith, software))
    if provenance.generated_at is not None:
        stamp = Lit(provenance.generated_at, _DATE_TIME)  # as given: keep the "Z"
        graph.add((activity, _PROV.endedAtTime, stamp))
    graph.add((software, _TYPE, _PROV.SoftwareAgent))
    graph.add((software, _TYPE, _SCHEMA.SoftwareApplication))
    graph.add((software, _SCHEMA.name, _literal("newsld")))
    graph.add((software, _SCHEMA.softwareVersion, _literal(provenance.version)))
