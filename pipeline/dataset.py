"""Corpus outputs: `dataset.nq` (each fact once, in named graphs) and `void.ttl` (VoID + DCAT).

Both are derived from the per-article Turtle files in the output folder, streamed one article at
a time with pyoxigraph. Each article file is a self-contained document that repeats the names and
facts of the people and organisations it references; in the dataset every triple goes into the
graph of the document its subject belongs to (`graph_of`): the article's own triples (paragraphs,
quotations, sources, provenance) into the article's graph, an entity's description into the entity's
graph (`{base}person/{id}`), the software's into its graph, so each fact is stated once. Memory stays
bounded by the largest article plus the shared descriptions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from pipeline.files import atomic_writer, write_atomic
from pipeline.publish import serialized, sort_triples, turtle
from pipeline.vocab import CITO, DCAT, DCTERMS, NIF, PREFIXES, PROV, RDF, SCHEMA, VOID, XSD, Iris

DATASET = "dataset.nq"
VOID_FILE = "void.ttl"
_TYPE = str(RDF.type)
SHARED_FOLDERS = ("person/", "organization/", "software/")  # documents many articles reference


def graph_of(subject: ox.NamedNode | ox.BlankNode | ox.Triple, article: str) -> str:
    """The named graph of a triple about `subject` that came from the file of `article`.

    A subject under one of the base's shared folders (the base is the part of the article IRI
    before `article/`) is described in its own document, the IRI without its fragment; anything
    else is the article's.
    """
    if isinstance(subject, ox.NamedNode):
        base = article.rpartition("article/")[0]
        document = subject.value.partition("#")[0]
        if base and document.startswith(base) and document[len(base) :].startswith(SHARED_FOLDERS):
            return document
    return article


def is_managed(graph: str, bases: Iterable[str]) -> bool:
    """Whether newsld publishes `graph`: an article or a shared document under one of `bases`."""
    return any(
        graph.startswith(base) and graph[len(base) :].startswith(("article/", *SHARED_FOLDERS)) for base in bases
    )


def split_by_graph(article: str, triples: Iterable[ox.Triple]) -> dict[str, list[ox.Triple]]:
    """An article file's triples by the graph they go into (`graph_of`); the article's first."""
    graphs: dict[str, list[ox.Triple]] = {article: []}
    for triple in triples:
        graphs.setdefault(graph_of(triple.subject, article), []).append(triple)
    return graphs


@dataclass
class Statistics:
    """Counts gathered while streaming the corpus."""

    triples: int = 0
    graphs: int = 0
    articles: int = 0
    subjects: set[str] = field(default_factory=set)
    classes: dict[str, set[str]] = field(default_factory=dict)  # class -> its distinct instances
    properties: Counter[str] = field(default_factory=Counter)

    def add(self, triple: ox.Triple) -> None:
        self.triples += 1
        subject = str(triple.subject)
        self.subjects.add(subject)
        self.properties[triple.predicate.value] += 1
        if triple.predicate.value == _TYPE and isinstance(triple.object, ox.NamedNode):
            self.classes.setdefault(triple.object.value, set()).add(subject)


def write_dataset(out: Path, articles: Iterable[tuple[str, Path]]) -> Statistics:
    """Write `out/dataset.nq` from (article IRI, Turtle file) pairs: the article graphs in the order
    given, then the shared graphs (people, organisations, software) sorted, each triple once."""
    stats = Statistics()
    shared: dict[str, set[ox.Triple]] = {}
    with atomic_writer(out / DATASET) as handle:
        for article, path in articles:
            triples = (quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
            for graph, part in split_by_graph(article, triples).items():
                if graph != article:
                    shared.setdefault(graph, set()).update(part)
                    continue
                for triple in part:
                    stats.add(triple)
                stats.articles += 1
                handle.write(_nquads(part, graph))
        for graph in sorted(shared):
            part = sort_triples(shared[graph])
            for triple in part:
                stats.add(triple)
            handle.write(_nquads(part, graph))
        stats.graphs = stats.articles + len(shared)
    return stats


def _nquads(triples: list[ox.Triple], graph: str) -> bytes:
    name = ox.NamedNode(graph)
    quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return serialized(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def write_void(out: Path, stats: Statistics, iris: Iris, version: str, modified: str | None = None) -> None:
    """Write `out/void.ttl`: the dataset's size, classes, properties, vocabularies and downloads."""
    base = iris.base
    dataset = ox.NamedNode(str(iris.dataset()))
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))

    add(dataset, _TYPE, ox.NamedNode(str(VOID.Dataset)))
    add(dataset, _TYPE, ox.NamedNode(str(DCAT.Dataset)))
    add(dataset, str(DCTERMS.title), ox.Literal("newsld news articles as linked data", language="en"))
    add(
        dataset,
        str(DCTERMS.description),
        ox.Literal(
            "News articles from wire-service text, as schema.org RDF: paragraphs, quotations, people,"
            " organisations and numbered sources; one named graph per article and one per person,"
            " organisation and software, so that each fact is stated once.",
            language="en",
        ),
    )
    add(dataset, str(VOID.uriSpace), ox.Literal(base))
    add(dataset, str(VOID.triples), integer(stats.triples))
    add(dataset, str(VOID.entities), integer(len(stats.subjects)))
    add(dataset, str(VOID.distinctSubjects), integer(len(stats.subjects)))
    add(dataset, str(VOID.classes), integer(len(stats.classes)))
    add(dataset, str(VOID.properties), integer(len(stats.properties)))
    add(dataset, str(VOID.documents), integer(stats.articles))
    software = ox.NamedNode(str(iris.software(version)))
    add(dataset, str(PROV.wasAttributedTo), software)
    add(software, _TYPE, ox.NamedNode(str(PROV.SoftwareAgent)))
    add(software, _TYPE, ox.NamedNode(str(SCHEMA.SoftwareApplication)))
    add(software, str(SCHEMA.name), ox.Literal("newsld"))
    add(software, str(SCHEMA.softwareVersion), ox.Literal(version))
    if modified is not None:
        add(dataset, str(DCTERMS.modified), ox.Literal(modified, datatype=ox.NamedNode(str(XSD.dateTime))))
    used = {
        namespace
        for namespace in (SCHEMA, CITO, NIF, PROV)
        if any(p.startswith(str(namespace)) for p in stats.properties)
    }
    for namespace in sorted(used):
        add(dataset, str(VOID.vocabulary), ox.NamedNode(str(namespace)))

    for kind, media_type, download in (
        ("nquads", "application/n-quads", f"{base}{DATASET}"),
        ("turtle", "text/turtle", None),
        ("jsonld", "application/ld+json", None),
    ):
        distribution = ox.NamedNode(str(iris.dataset(f"distribution-{kind}")))
        add(dataset, str(DCAT.distribution), distribution)
        add(distribution, _TYPE, ox.NamedNode(str(DCAT.Distribution)))
        add(
            distribution,
            str(DCAT.mediaType),
            ox.NamedNode(f"https://www.iana.org/assignments/media-types/{media_type}"),
        )
        if download is not None:
            add(dataset, str(VOID.dataDump), ox.NamedNode(download))
            add(distribution, str(DCAT.downloadURL), ox.NamedNode(download))
            add(
                distribution,
                str(DCTERMS.title),
                ox.Literal("The whole corpus as named graphs, each fact once", language="en"),
            )
        else:
            add(distribution, str(DCAT.accessURL), ox.NamedNode(f"{base}article/"))
            add(distribution, str(DCTERMS.title), ox.Literal(f"One {kind} file per article", language="en"))

    for index, (cls, instances) in enumerate(sorted(stats.classes.items()), start=1):
        partition = ox.NamedNode(str(iris.dataset(f"class-{index}")))
        add(dataset, str(VOID.classPartition), partition)
        add(partition, str(VOID["class"]), ox.NamedNode(cls))
        add(partition, str(VOID.entities), integer(len(instances)))
    for index, (prop, count) in enumerate(sorted(stats.properties.items()), start=1):
        partition = ox.NamedNode(str(iris.dataset(f"property-{index}")))
        add(dataset, str(VOID.propertyPartition), partition)
        add(partition, str(VOID.property), ox.NamedNode(prop))
        add(partition, str(VOID.triples), integer(count))

    write_atomic(out / VOID_FILE, turtle(sort_triples(triples), {**PREFIXES, "": f"{iris.dataset()}#"}))
