"""Which named graph a triple belongs in: the article's own, or the shared document it describes.

Each article file is a self-contained document that repeats the names and facts of the people and
organisations it references; in the dataset and the store every triple goes into the graph of the
document its subject belongs to: the article's own triples (paragraphs, quotations, sources,
provenance) into the article's graph, an entity's description into the entity's graph
(`{base}person/{id}`), the software's into its graph, so each fact is stated once. The software's
graph is published whole (`whole_graph`: every attribution rule it applies), whichever rules the
articles at hand use.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox

from pipeline.rdf.serialize.statements import Statements
from pipeline.rdf.software import software_document
from pipeline.rdf.terms import Row

SHARED_FOLDERS = ("person/", "organization/", "software/")  # documents many articles reference


def graph_of(subject: ox.NamedNode | ox.BlankNode | ox.Triple, article: str) -> str:
    """The named graph of a triple about `subject` that came from the file of `article`.

    A subject under one of the base's shared folders (the base is the part of the article IRI
    before `article/`) is described in its own document, the IRI without its fragment; anything
    else is the article's.
    """
    return graph_of_iri(subject.value, article) if isinstance(subject, ox.NamedNode) else article


def graph_of_iri(iri: str, article: str) -> str:
    base = article.rpartition("article/")[0]
    document = iri.partition("#")[0]
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
    graph_of_subject: dict[ox.NamedNode | ox.BlankNode | ox.Triple, str] = {}  # subjects repeat
    previous, members = None, graphs[article]
    for triple in triples:
        subject = triple.subject
        if subject != previous:  # in canonical order a subject's triples follow each other
            graph = graph_of_subject.get(subject)
            if graph is None:
                graph = graph_of_subject[subject] = graph_of(subject, article)
            previous, members = subject, graphs.setdefault(graph, [])
        members.append(triple)
    return graphs


@cache
def whole_graph(graph: str) -> tuple[ox.Triple, ...]:
    """The triples of a shared graph that is published whole whenever an article references it: the
    software's document (`software_document`: an article's file carries only the rules its
    quotations use, the dataset all of them). Nothing for any other graph."""
    document = software_document(graph)
    if document is None:
        return ()
    rows: list[Row] = list(document)
    return tuple(Statements(rows).triples)
