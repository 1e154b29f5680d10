"""The dataset's VoID + DCAT description (`void.ttl`) and the counts it states, kept per graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from pipeline.io.files import write_atomic
from pipeline.rdf.serialize.publish import sort_triples, turtle
from pipeline.rdf.terms import RDF_TYPE, Row
from pipeline.rdf.vocab import CITO, DCAT, DCTERMS, NIF, PREFIXES, PROV, SCHEMA, VOID, XSD, Iris

VOID_FILE = "void.ttl"


@dataclass
class Statistics:
    """The dataset's VoID counts. Every subject lives in exactly one graph (`graph_of`), so each count
    is a sum over graphs: replacing one graph is subtracting its old counts and adding its new."""

    triples: int = 0
    graphs: int = 0
    articles: int = 0
    subjects: int = 0
    classes: Counter[str] = field(default_factory=Counter)  # class -> its distinct instances
    properties: Counter[str] = field(default_factory=Counter)

    def add_graph(self, triples: Iterable[ox.Triple], *, article: bool, sign: int = 1) -> None:
        """Add (or with sign -1, take away) the counts of one graph, given as pyoxigraph triples."""
        # Each pyoxigraph attribute read makes a new Python object: read each once per triple.
        triples = list(triples)
        predicates = [t.predicate.value for t in triples]
        typed = (t for t, predicate in zip(triples, predicates, strict=True) if predicate == RDF_TYPE)
        instances = ((t.subject, kind.value) for t in typed if isinstance(kind := t.object, ox.NamedNode))
        self._add(predicates, {t.subject for t in triples}, instances, article=article, sign=sign)

    def add_rows(self, rows: Sequence[Row], *, article: bool, sign: int = 1) -> None:
        """`add_graph` for the graph's rows (`statements.Statements`)."""
        instances = ((s, o) for s, p, o in rows if p == RDF_TYPE and type(o) is str)
        self._add([row[1] for row in rows], {row[0] for row in rows}, instances, article=article, sign=sign)

    def _add(
        self,
        predicates: list[str],
        subjects: set[Any],
        instances: Iterable[tuple[Any, str]],  # (subject, class IRI), read only when a type is stated
        *,
        article: bool,
        sign: int,
    ) -> None:
        properties = Counter(predicates)  # counted in C, not per triple in Python
        classes: dict[str, set[Any]] = {}
        if RDF_TYPE in properties:
            for subject, cls in instances:
                classes.setdefault(cls, set()).add(subject)
        for prop, count in properties.items():
            self.properties[prop] += sign * count
        self.triples += sign * len(predicates)
        self.subjects += sign * len(subjects)
        for cls, members in classes.items():
            self.classes[cls] += sign * len(members)
        self.graphs += sign
        self.articles += sign if article else 0

    def add(self, other: Statistics, sign: int = 1) -> None:
        """Add (or with sign -1, take away) the counts of other graphs."""
        self.triples += sign * other.triples
        self.graphs += sign * other.graphs
        self.articles += sign * other.articles
        self.subjects += sign * other.subjects
        for cls, count in other.classes.items():
            self.classes[cls] += sign * count
        for prop, count in other.properties.items():
            self.properties[prop] += sign * count

    def pruned(self) -> Statistics:
        """The same counts without classes and properties that no longer occur."""
        return replace(self, classes=+self.classes, properties=+self.properties)

    def to_json(self) -> dict[str, Any]:
        return {
            "triples": self.triples,
            "graphs": self.graphs,
            "articles": self.articles,
            "subjects": self.subjects,
            "classes": dict(sorted(self.classes.items())),
            "properties": dict(sorted(self.properties.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Statistics:
        return cls(
            triples=int(data["triples"]),
            graphs=int(data["graphs"]),
            articles=int(data["articles"]),
            subjects=int(data["subjects"]),
            classes=Counter({str(k): int(v) for k, v in data["classes"].items()}),
            properties=Counter({str(k): int(v) for k, v in data["properties"].items()}),
        )


def write_void(
    out: Path,
    stats: Statistics,
    iris: Iris,
    version: str,
    modified: str | None = None,
    *,
    dumps: Sequence[str] = (),
) -> None:
    """Write `out/void.ttl`: the dataset's size, classes, properties, vocabularies and downloads
    (`dumps`: the N-Quads files' names under the base, the dataset's parts: each a `void:dataDump`
    and a `dcat:downloadURL` of the N-Quads distribution)."""
    base = iris.base
    dataset = ox.NamedNode(str(iris.dataset()))
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(str(XSD.integer)))

    add(dataset, RDF_TYPE, ox.NamedNode(str(VOID.Dataset)))
    add(dataset, RDF_TYPE, ox.NamedNode(str(DCAT.Dataset)))
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
    add(dataset, str(VOID.entities), integer(stats.subjects))
    add(dataset, str(VOID.distinctSubjects), integer(stats.subjects))
    add(dataset, str(VOID.classes), integer(len(stats.classes)))
    add(dataset, str(VOID.properties), integer(len(stats.properties)))
    add(dataset, str(VOID.documents), integer(stats.articles))
    software = ox.NamedNode(str(iris.software(version)))
    add(dataset, str(PROV.wasAttributedTo), software)
    add(software, RDF_TYPE, ox.NamedNode(str(PROV.SoftwareAgent)))
    add(software, RDF_TYPE, ox.NamedNode(str(SCHEMA.SoftwareApplication)))
    add(software, str(SCHEMA.name), ox.Literal("newsld"))
    add(software, str(SCHEMA.softwareVersion), ox.Literal(version))
    if modified is not None:
        add(dataset, str(DCTERMS.modified), ox.Literal(modified, datatype=ox.NamedNode(str(XSD.dateTime))))
    used = {
        str(namespace)
        for namespace in (SCHEMA, CITO, NIF, PROV)
        if any(p.startswith(str(namespace)) for p in stats.properties)
    }
    for namespace in sorted(used):
        add(dataset, str(VOID.vocabulary), ox.NamedNode(namespace))

    downloads = [f"{base}{dump}" for dump in dumps]
    for kind, media_type, download in (
        ("nquads", "application/n-quads", downloads),
        ("turtle", "text/turtle", None),
        ("jsonld", "application/ld+json", None),
    ):
        distribution = ox.NamedNode(str(iris.dataset(f"distribution-{kind}")))
        add(dataset, str(DCAT.distribution), distribution)
        add(distribution, RDF_TYPE, ox.NamedNode(str(DCAT.Distribution)))
        add(
            distribution,
            str(DCAT.mediaType),
            ox.NamedNode(f"https://www.iana.org/assignments/media-types/{media_type}"),
        )
        if download is not None:
            for url in download:
                add(dataset, str(VOID.dataDump), ox.NamedNode(url))
                add(distribution, str(DCAT.downloadURL), ox.NamedNode(url))
            add(
                distribution,
                str(DCTERMS.title),
                ox.Literal(
                    "The whole corpus as named graphs, each fact once, in parts (a graph's part fixed by its IRI)",
                    language="en",
                ),
            )
        else:
            add(distribution, str(DCAT.accessURL), ox.NamedNode(f"{base}article/"))
            add(distribution, str(DCTERMS.title), ox.Literal(f"One {kind} file per article", language="en"))

    for index, (cls, instances) in enumerate(sorted(stats.classes.items()), start=1):
        partition = ox.NamedNode(str(iris.dataset(f"class-{index}")))
        add(dataset, str(VOID.classPartition), partition)
        add(partition, str(VOID["class"]), ox.NamedNode(cls))
        add(partition, str(VOID.entities), integer(instances))
    for index, (prop, count) in enumerate(sorted(stats.properties.items()), start=1):
        partition = ox.NamedNode(str(iris.dataset(f"property-{index}")))
        add(dataset, str(VOID.propertyPartition), partition)
        add(partition, str(VOID.property), ox.NamedNode(prop))
        add(partition, str(VOID.triples), integer(count))

    write_atomic(out / VOID_FILE, turtle(sort_triples(triples), {**PREFIXES, "": f"{iris.dataset()}#"}))
