"""What the web pages show, read from the published dataset (`dataset.nq`): one view per article and
per person, organisation and software, with nothing the RDF does not state.

Every fact on a page comes from the dataset's triples: the article's own graph, and each entity's
graph for its name and facts. Mentions are linked as the RDF lists them per paragraph, not found
again in the text, and a quotation's speaker is shown only when the graph names one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from pipeline.errors import InputError
from pipeline.io.sorting import natural_key
from pipeline.rdf.vocab import NIF, PROV, RDF, SCHEMA

_TYPE = str(RDF.type)
Properties = dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]
Nodes = dict[str, Properties]


@dataclass(frozen=True)
class Link:
    """A name and, when it has a page, the page's path from the site root (`person/x.html`)."""

    name: str
    page: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text; `quote` is the number of the quotation it belongs to, if any."""

    text: str
    quote: int | None = None


@dataclass(frozen=True)
class QuoteView:
    number: int
    text: str
    speaker: Link | None
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class ParagraphView:
    position: int
    segments: tuple[Segment, ...]
    sources: tuple[int, ...]
    mentions: tuple[Link, ...]
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class SourceView:
    number: int
    name: str
    url: str | None = None
    publisher: Link | None = None
    date: str | None = None


@dataclass(frozen=True)
class ArticleView:
    slug: str
    iri: str
    page: str
    headline: str
    language: str
    word_count: int | None
    date_published: str | None
    date_modified: str | None
    url: str | None
    image: str | None
    publisher: Link | None
    authors: tuple[Link, ...]
    about: tuple[Link, ...]
    paragraphs: tuple[ParagraphView, ...]
    sources: tuple[SourceView, ...]
    quotes: tuple[QuoteView, ...]
    input_name: str | None
    input_sha256: str | None
    software: Link | None

    @property
    def updated(self) -> str | None:
        return self.date_modified or self.date_published


@dataclass(frozen=True)
class EntityView:
    iri: str
    path: str  # the IRI's path under the base: person/micha-kaufman
    kind: str  # Person, Organization or SoftwareApplication
    name: str
    facts: tuple[tuple[str, tuple[Link, ...]], ...]  # (label, values) in display order
    articles: tuple[ArticleView, ...] = ()
    quotes: tuple[tuple[ArticleView, QuoteView], ...] = ()

    @property
    def page(self) -> str:
        return f"{self.path}.html"


@dataclass(frozen=True)
class SiteModel:
    base: str
    articles: tuple[ArticleView, ...]  # newest first, undated last
    entities: tuple[EntityView, ...]
    graphs: dict[str, list[ox.Triple]] = field(repr=False)  # each graph's triples, for the data files


def read_model(dataset: Path, base: str) -> SiteModel:
    """The site's views from `dataset.nq` (the build's output)."""
    if not dataset.is_file():
        raise InputError(
            "does not exist, so there is nothing to publish.",
            path=dataset,
            fix="Run `newsld build` first.",
            slug="no-dataset",
        )
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(path=str(dataset), format=ox.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs[quad.graph_name.value].append(quad.triple)
    except SyntaxError as error:
        raise InputError(
            f"is not valid N-Quads: {error}", path=dataset, fix="Run `newsld build --force`.", slug="bad-dataset"
        ) from None
    entity_graphs = {g: t for g, t in graphs.items() if g.startswith(base) and not g.startswith(f"{base}article/")}
    names = _names(entity_graphs)
    articles = [
        _article(graph, _nodes(triples), base, names)
        for graph, triples in graphs.items()
        if graph.startswith(f"{base}article/")
    ]
    articles.sort(key=lambda a: natural_key(a.slug))
    articles.sort(key=lambda a: a.date_published or "", reverse=True)  # stable: slug order within a day
    linking: dict[str, list[ArticleView]] = defaultdict(list)
    for article in articles:
        for iri in _linked(article):
            linking[iri].append(article)
    entities = [_entity(graph, _nodes(triples), base, names, linking) for graph, triples in entity_graphs.items()]
    entities.sort(key=lambda e: natural_key(e.path))
    return SiteModel(base, tuple(articles), tuple(entities), dict(graphs))


def _nodes(triples: list[ox.Triple]) -> Nodes:
    nodes: Nodes = {}
    for triple in triples:
        subject, obj = triple.subject, triple.object
        if isinstance(subject, ox.NamedNode) and isinstance(obj, ox.NamedNode | ox.Literal | ox.BlankNode):
            nodes.setdefault(subject.value, {}).setdefault(triple.predicate.value, []).append(obj)
    return nodes


def _names(entity_graphs: dict[str, list[ox.Triple]]) -> dict[str, str]:
    name = str(SCHEMA.name)
    return {
        t.subject.value: t.object.value
        for triples in entity_graphs.values()
        for t in triples
        if t.predicate.value == name and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.Literal)
    }


def _first(node: Properties, predicate: str) -> str | None:
    values = node.get(predicate)
    return values[0].value if values else None


def _int(node: Properties, predicate: str) -> int | None:
    value = _first(node, predicate)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _link(iri: str, base: str, names: dict[str, str], nodes: Nodes) -> Link:
    """A named thing: its page when it is one of the base's shared documents, else just its name."""
    name = names.get(iri) or _first(nodes.get(iri, {}), str(SCHEMA.name)) or iri
    if iri.startswith(base) and "#" not in iri and not iri.startswith(f"{base}article/"):
        return Link(name, f"{iri[len(base) :]}.html", iri)
    return Link(name, None, iri)


def _iris(node: Properties, predicate: str) -> list[str]:
    return sorted((v.value for v in node.get(predicate, []) if isinstance(v, ox.NamedNode)), key=natural_key)


def _article(iri: str, nodes: Nodes, base: str, names: dict[str, str]) -> ArticleView:
    slug = iri[len(f"{base}article/") :]
    node = nodes.get(iri, {})
    schema = str(SCHEMA)

    def link(target: str) -> Link:
        return _link(target, base, names, nodes)

    quotes, spans = _quotes(nodes, link)
    paragraphs = _paragraphs(node, nodes, link, quotes, spans)
    sources = _sources(node, nodes, link)
    publisher = _iris(node, f"{schema}publisher")
    source_file = _iris(node, str(PROV.wasDerivedFrom))
    input_node = nodes.get(source_file[0], {}) if source_file else {}
    activity = _iris(node, str(PROV.wasGeneratedBy))
    software = _iris(nodes.get(activity[0], {}), str(PROV.wasAssociatedWith)) if activity else []
    authors = sorted((link(a) for a in _iris(node, f"{schema}author")), key=lambda named: named.name)
    return ArticleView(
        slug=slug,
        iri=iri,
        page=f"article/{slug}.html",
        headline=_first(node, f"{schema}headline") or slug,
        language=_first(node, f"{schema}inLanguage") or "en",
        word_count=_int(node, f"{schema}wordCount"),
        date_published=_first(node, f"{schema}datePublished"),
        date_modified=_first(node, f"{schema}dateModified"),
        url=_first(node, f"{schema}url"),
        image=_first(node, f"{schema}image"),
        publisher=link(publisher[0]) if publisher else None,
        authors=tuple(authors),
        about=tuple(sorted((link(a) for a in _iris(node, f"{schema}about")), key=lambda named: named.name)),
        paragraphs=tuple(paragraphs),
        sources=tuple(sources),
        quotes=tuple(quotes),
        input_name=_first(input_node, f"{schema}name"),
        input_sha256=_first(input_node, f"{schema}sha256"),
        software=link(software[0]) if software else None,
    )


def _quotes(nodes: Nodes, link: Callable[[str], Link]) -> tuple[list[QuoteView], list[tuple[int, int, int]]]:
    """The article's quotations by number, and their (begin, end, number) spans in the article body."""
    schema = str(SCHEMA)
    quotation = ox.NamedNode(f"{schema}Quotation")
    quotes: list[QuoteView] = []
    spans: list[tuple[int, int, int]] = []
    for part, props in nodes.items():
        if quotation not in props.get(_TYPE, []):
            continue
        number = int(part.rpartition("#quote-")[2]) if "#quote-" in part else 0
        speaker = _iris(props, f"{schema}creator")
        within = tuple(sorted(int(p.rpartition("#paragraph-")[2]) for p in _iris(props, f"{schema}isPartOf")))
        text = _first(props, f"{schema}text") or ""
        quotes.append(QuoteView(number, text, link(speaker[0]) if speaker else None, within))
        begin, end = _int(props, str(NIF.beginIndex)), _int(props, str(NIF.endIndex))
        if begin is not None and end is not None:
            spans.append((begin, end, number))
    return sorted(quotes, key=lambda q: q.number), sorted(spans)


def _paragraphs(
    node: Properties,
    nodes: Nodes,
    link: Callable[[str], Link],
    quotes: list[QuoteView],
    spans: list[tuple[int, int, int]],
) -> list[ParagraphView]:
    schema = str(SCHEMA)
    paragraphs: list[ParagraphView] = []
    for part in _iris(node, f"{schema}hasPart"):
        props = nodes.get(part, {})
        position = _int(props, f"{schema}position") or 0
        cited = (_int(nodes.get(s, {}), f"{schema}position") or 0 for s in _iris(props, f"{schema}citation"))
        mentions = sorted((link(m) for m in _iris(props, f"{schema}mentions")), key=lambda named: named.name)
        paragraphs.append(
            ParagraphView(
                position=position,
                segments=_segments(_first(props, f"{schema}text") or "", _int(props, str(NIF.beginIndex)), spans),
                sources=tuple(sorted(cited)),
                mentions=tuple(mentions),
                quotes=tuple(q for q in quotes if q.paragraphs and q.paragraphs[0] == position),
            )
        )
    return sorted(paragraphs, key=lambda p: p.position)


def _sources(node: Properties, nodes: Nodes, link: Callable[[str], Link]) -> list[SourceView]:
    schema = str(SCHEMA)
    sources = []
    for source in _iris(node, f"{schema}citation"):
        props = nodes.get(source, {})
        publisher = _iris(props, f"{schema}publisher")
        sources.append(
            SourceView(
                number=_int(props, f"{schema}position") or 0,
                name=_first(props, f"{schema}name") or source,
                url=_first(props, f"{schema}url"),
                publisher=link(publisher[0]) if publisher else None,
                date=_first(props, f"{schema}datePublished"),
            )
        )
    return sorted(sources, key=lambda s: s.number)


def _segments(text: str, begin: int | None, spans: list[tuple[int, int, int]]) -> tuple[Segment, ...]:
    """The paragraph's text cut where quotations (offsets in the article body) start and end."""
    if begin is None:
        return (Segment(text),)
    segments: list[Segment] = []
    at = 0
    for quote_begin, quote_end, number in spans:
        start, end = max(quote_begin - begin, at), min(quote_end - begin, len(text))
        if end <= start:
            continue
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], number))
        at = end
    if at < len(text) or not segments:
        segments.append(Segment(text[at:]))
    return tuple(segments)


_FACTS = (
    ("Also known as", "alternateName"),
    ("Job title", "jobTitle"),
    ("Works for", "worksFor"),
    ("Legal name", "legalName"),
    ("Version", "softwareVersion"),
    ("Website", "url"),
    ("Same as", "sameAs"),
)


def _linked(article: ArticleView) -> set[str]:
    """The IRIs an article's page links to as who or what it is about, by, from or quoting."""
    links = [
        *(link for p in article.paragraphs for link in p.mentions),
        *article.about,
        *article.authors,
        *(s.publisher for s in article.sources if s.publisher is not None),
        *((article.publisher,) if article.publisher else ()),
    ]
    return {link.iri for link in links if link.iri}


def _entity(
    iri: str, nodes: Nodes, base: str, names: dict[str, str], linking: dict[str, list[ArticleView]]
) -> EntityView:
    node = nodes.get(iri, {})
    schema = str(SCHEMA)
    types = [t.value[len(schema) :] for t in node.get(_TYPE, []) if t.value.startswith(schema)]
    facts: list[tuple[str, tuple[Link, ...]]] = []
    for label, name in _FACTS:
        values = node.get(f"{schema}{name}", [])
        links = tuple(
            _link(v.value, base, names, nodes)
            if isinstance(v, ox.NamedNode) and name == "worksFor"
            else Link(v.value, None, v.value if isinstance(v, ox.NamedNode) else None)
            for v in values
        )
        if links:
            facts.append((label, links))
    mentioned = linking.get(iri, [])
    quotes = tuple((a, q) for a in mentioned for q in a.quotes if q.speaker is not None and q.speaker.iri == iri)
    return EntityView(
        iri=iri,
        path=iri[len(base) :],
        kind=types[0] if types else "Thing",
        name=names.get(iri, iri),
        facts=tuple(facts),
        articles=tuple(mentioned),
        quotes=quotes,
    )
