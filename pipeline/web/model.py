"""What the web pages show, read one graph of the published dataset (its N-Quads parts) at a time: a view
per article and per person, organisation and software, with nothing the RDF does not state.

Every fact on a page comes from the dataset's triples: the article's own graph, and each entity's
graph for its name and facts. Mentions are linked as the RDF lists them per paragraph, not found
again in the text, and a quotation's speaker is shown only when the graph names one. What other
pages need of an article (its headline, dates, summary, who it names and quotes) is its `Card`,
small enough to keep for every article (`web.state`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from pipeline.io.sorting import natural_key
from pipeline.rdf.vocab import DCTERMS, NIF, PROV, RDF, SCHEMA
from pipeline.web.views import (
    ArticleView,
    Card,
    EntityInfo,
    EntityView,
    ImageView,
    Link,
    ParagraphView,
    QuoteView,
    Segment,
    SourceView,
)

_TYPE = str(RDF.type)
_S = str(SCHEMA)
Properties = dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]
Nodes = dict[str, Properties]
Names = Callable[[str], str | None]  # an entity IRI's name, from its graph, or None


def triples_of(block: bytes) -> list[ox.Triple]:
    """A graph's block of N-Quads (one graph's lines of the dataset) as triples."""
    return [quad.triple for quad in ox.parse(block, format=ox.RdfFormat.N_QUADS)]


def nodes_of(triples: Iterable[ox.Triple]) -> Nodes:
    nodes: Nodes = {}
    for triple in triples:
        subject, obj = triple.subject, triple.object
        if isinstance(subject, ox.NamedNode) and isinstance(obj, ox.NamedNode | ox.Literal | ox.BlankNode):
            nodes.setdefault(subject.value, {}).setdefault(triple.predicate.value, []).append(obj)
    return nodes


def is_shared(iri: str, base: str) -> bool:
    """Whether `iri` is one of the base's shared documents (a person, organisation, the software)."""
    return iri.startswith(base) and "#" not in iri and not iri.startswith(f"{base}article/") and iri != base


def entity_info(iri: str, nodes: Nodes, base: str) -> EntityInfo:
    node = nodes.get(iri, {})
    uses = sorted((v for v in _objects(node) if is_shared(v, base) and v != iri), key=natural_key)
    return EntityInfo(_first(node, f"{_S}name") or iri, _kind(node), tuple(uses))


def _objects(node: Properties) -> set[str]:
    return {v.value for values in node.values() for v in values if isinstance(v, ox.NamedNode)}


def _kind(node: Properties) -> str:
    types = sorted(t.value[len(_S) :] for t in node.get(_TYPE, []) if t.value.startswith(_S))
    for preferred in ("Person", "NewsMediaOrganization", "Organization", "SoftwareApplication"):
        if preferred in types:
            return preferred
    return types[0] if types else "Thing"


def _first(node: Properties, predicate: str) -> str | None:
    values = node.get(predicate)
    return values[0].value if values else None


def _int(node: Properties, predicate: str) -> int | None:
    value = _first(node, predicate)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _iris(node: Properties, predicate: str) -> list[str]:
    return sorted((v.value for v in node.get(predicate, []) if isinstance(v, ox.NamedNode)), key=natural_key)


def linker(base: str, names: Names, nodes: Nodes) -> Callable[[str], Link]:
    """A named thing: its page when it is one of the base's shared documents, else just its name."""

    def link(iri: str) -> Link:
        name = names(iri) or _first(nodes.get(iri, {}), f"{_S}name") or iri
        if is_shared(iri, base):
            return Link(name, f"{iri[len(base) :]}.html", iri)
        return Link(name, None, iri)

    return link


def article_view(iri: str, nodes: Nodes, base: str, names: Names) -> ArticleView:
    slug = iri[len(f"{base}article/") :]
    node = nodes.get(iri, {})
    link = linker(base, names, nodes)
    quotes, spans = _quotes(nodes, link)
    publisher = _iris(node, f"{_S}publisher")
    supplier = _iris(node, f"{_S}sourceOrganization")
    source_file = _iris(node, str(PROV.wasDerivedFrom))
    input_node = nodes.get(source_file[0], {}) if source_file else {}
    activity = _iris(node, str(PROV.wasGeneratedBy))
    software = _iris(nodes.get(activity[0], {}), str(PROV.wasAssociatedWith)) if activity else []
    image = _iris(node, f"{_S}image")
    return ArticleView(
        slug=slug,
        iri=iri,
        headline=_first(node, f"{_S}headline") or slug,
        language=_first(node, f"{_S}inLanguage") or "en",
        word_count=_int(node, f"{_S}wordCount"),
        date_published=_first(node, f"{_S}datePublished"),
        date_modified=_first(node, f"{_S}dateModified"),
        url=_first(node, f"{_S}url"),
        description=_first(node, f"{_S}description"),
        image=_image(image[0], nodes) if image else None,
        publisher=link(publisher[0]) if publisher else None,
        supplier=link(supplier[0]) if supplier and supplier != publisher else None,
        # The byline keeps the sidecar's order: local authors (#author-n) by number, then the others.
        authors=tuple(sorted((link(a) for a in _iris(node, f"{_S}author")), key=lambda named: named.name)),
        about=tuple(sorted((link(a) for a in _iris(node, f"{_S}about")), key=lambda named: named.name)),
        paragraphs=tuple(_paragraphs(node, nodes, link, quotes, spans)),
        sources=tuple(_sources(node, nodes, link)),
        quotes=tuple(quotes),
        input_name=_first(input_node, f"{_S}name"),
        input_sha256=_first(input_node, f"{_S}sha256"),
        software=link(software[0]) if software else None,
    )


def _image(iri: str, nodes: Nodes) -> ImageView:
    node = nodes.get(iri)
    if node is None:  # an image named by its URL alone
        return ImageView(iri)
    return ImageView(
        url=_first(node, f"{_S}contentUrl") or _first(node, f"{_S}url") or iri,
        alt=_first(node, f"{_S}description"),
        caption=_first(node, f"{_S}caption"),
        width=_int(node, f"{_S}width"),
        height=_int(node, f"{_S}height"),
    )


def _quotes(nodes: Nodes, link: Callable[[str], Link]) -> tuple[list[QuoteView], list[tuple[int, int, int]]]:
    """The article's quotations by number, and their (begin, end, number) spans in the article body."""
    quotation = ox.NamedNode(f"{_S}Quotation")
    quotes: list[QuoteView] = []
    spans: list[tuple[int, int, int]] = []
    for part, props in nodes.items():
        if quotation not in props.get(_TYPE, []):
            continue
        number = int(part.rpartition("#quote-")[2]) if "#quote-" in part else 0
        speaker = _iris(props, f"{_S}creator")
        within = tuple(sorted(int(p.rpartition("#paragraph-")[2]) for p in _iris(props, f"{_S}isPartOf")))
        text = _first(props, f"{_S}text") or ""
        credited = _iris(props, str(PROV.qualifiedAttribution))
        rule = _iris(nodes.get(credited[0], {}), str(DCTERMS.conformsTo)) if credited else []
        credit = _first(props, f"{_S}creditText")
        speaking = link(speaker[0]) if speaker else None
        quotes.append(QuoteView(number, text, speaking, within, _rule_link(rule[0], link) if rule else None, credit))
        begin, end = _int(props, str(NIF.beginIndex)), _int(props, str(NIF.endIndex))
        if begin is not None and end is not None:
            spans.append((begin, end, number))
    return sorted(quotes, key=lambda q: q.number), sorted(spans)


def _rule_link(iri: str, link: Callable[[str], Link]) -> Link:
    """An attribution rule, `{base}software/newsld/{version}#attribution-{rule}`: its part of the
    software's page, named by its slug (the page gives its code and meaning)."""
    document, _, fragment = iri.partition("#")
    page = link(document).page
    return Link(fragment.removeprefix("attribution-"), f"{page}#{fragment}" if page else None, iri)


def _paragraphs(
    node: Properties,
    nodes: Nodes,
    link: Callable[[str], Link],
    quotes: list[QuoteView],
    spans: list[tuple[int, int, int]],
) -> list[ParagraphView]:
    paragraphs: list[ParagraphView] = []
    for part in _iris(node, f"{_S}hasPart"):
        props = nodes.get(part, {})
        position = _int(props, f"{_S}position") or 0
        cited = (_int(nodes.get(s, {}), f"{_S}position") or 0 for s in _iris(props, f"{_S}citation"))
        mentions = sorted((link(m) for m in _iris(props, f"{_S}mentions")), key=lambda named: named.name)
        paragraphs.append(
            ParagraphView(
                position=position,
                segments=_segments(_first(props, f"{_S}text") or "", _int(props, str(NIF.beginIndex)), spans),
                sources=tuple(sorted(cited)),
                mentions=tuple(mentions),
                quotes=tuple(q for q in quotes if q.paragraphs and q.paragraphs[0] == position),
            )
        )
    return sorted(paragraphs, key=lambda p: p.position)


def _sources(node: Properties, nodes: Nodes, link: Callable[[str], Link]) -> list[SourceView]:
    sources = []
    for source in _iris(node, f"{_S}citation"):
        props = nodes.get(source, {})
        publisher = _iris(props, f"{_S}publisher")
        sources.append(
            SourceView(
                number=_int(props, f"{_S}position") or 0,
                name=_first(props, f"{_S}name") or source,
                url=_first(props, f"{_S}url"),
                publisher=link(publisher[0]) if publisher else None,
                date=_first(props, f"{_S}datePublished"),
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
    ("Logo", "logo"),
    ("Same as", "sameAs"),
)


def entity_view(
    iri: str,
    nodes: Nodes,
    base: str,
    names: Names,
    articles: list[Card],
    quotes: list[tuple[Card, int, str]],
    article_count: int | None = None,
) -> EntityView:
    """An entity's page: `nodes` of its graph (and those it links to), the cards of the articles that
    link to it (newest first; `article_count` of them in all, when more than are listed) and the
    quotations they attribute to it."""
    node = nodes.get(iri, {})
    link = linker(base, names, nodes)
    page = f"{iri}.html"
    facts: list[tuple[str, tuple[Link, ...]]] = []
    for label, name in _FACTS:
        values = [v for v in node.get(f"{_S}{name}", []) if v.value != page]  # its own page is this one
        links = tuple(
            link(v.value)
            if isinstance(v, ox.NamedNode) and name == "worksFor"
            else Link(v.value, None, v.value if isinstance(v, ox.NamedNode) else None)
            for v in values
        )
        if links:
            facts.append((label, links))
    rules = sorted(
        (part.partition("#")[2], code, _first(props, f"{_S}description") or "")
        for part, props in nodes.items()
        if part.startswith(f"{iri}#") and (code := _first(props, f"{_S}termCode")) is not None
    )
    return EntityView(
        iri=iri,
        path=iri[len(base) :],
        kind=_kind(node),
        name=names(iri) or _first(node, f"{_S}name") or iri,
        facts=tuple(facts),
        articles=tuple(articles),
        quotes=tuple(quotes),
        rules=tuple(rules),
        article_count=len(articles) if article_count is None else article_count,
    )
