"""The files `newsld load` reads: which files by default, and each file checked before anything is
written (`check_file`: its format and the graphs it fills)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from pathlib import Path

import pyoxigraph as ox

from pipeline.builder.graphs import graph_of, split_by_graph, whole_graph
from pipeline.builder.manifest import MANIFEST, Manifest
from pipeline.builder.state import read_state
from pipeline.errors import InputError
from pipeline.rdf.rdfio import base_iri_of, check_file_limits, dataset_parts, format_of, read_rdf
from pipeline.rdf.vocab import RDF, SCHEMA

_TYPE = ox.NamedNode(str(RDF.type))
_ARTICLE = ox.NamedNode(str(SCHEMA.NewsArticle))


def default_files(output: Path) -> list[Path]:
    """What `load` loads by default: the published articles of `output`.

    The dataset's parts (`dataset/*.nq`, listed in graphs.tsv) hold every article in its own named
    graph, each fact once, and load in one streaming pass; without them, the article Turtle files
    (from the manifest, else every *.ttl).
    """
    state = read_state(output)
    if state is not None and state.graphs and all((output / name).is_file() for name in state.part_files):
        return [output / name for name in state.part_files]
    manifest = Manifest.read(output)
    if manifest.articles:
        return [output / f"{slug}.ttl" for slug in sorted(manifest.articles)]
    files = sorted(p for p in output.glob("*.ttl") if p.name != "void.ttl")
    if not files:
        raise InputError(
            f"holds no published articles (*.ttl or {MANIFEST}).",
            path=output,
            fix="Run `newsld build` first.",
            slug="nothing-published",
        )
    return files


def expand_folders(paths: Sequence[Path]) -> list[Path]:
    """`paths` with each folder replaced by the N-Quads files in it (a dataset's parts, in order)."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded += dataset_parts(path)
        else:
            expanded.append(path)
    return expanded


@dataclass(frozen=True)
class Source:
    """A checked input file: its format and the graphs it fills (a triples file fills its article's)."""

    path: Path
    format: ox.RdfFormat
    graphs: tuple[str, ...]
    article: str | None  # the graph of every triple, for a triples file

    def groups(self) -> Iterator[tuple[str, list[ox.Quad]]]:
        """The file's quads as runs that share a graph, in file order (read again, streaming).

        A triples file (one article) is split as the dataset is: the article's own triples into its
        graph, each entity's description into the entity's graph (`graph_of`).
        """
        quads = ox.parse(path=str(self.path), format=self.format, base_iri=base_iri_of(self.path))
        if self.article is not None:
            for iri, triples in split_by_graph(self.article, (q.triple for q in quads)).items():
                if whole := whole_graph(iri):  # as the dataset has it, not only this article's part
                    triples = list(dict.fromkeys([*triples, *whole]))
                graph = ox.NamedNode(iri)
                yield iri, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
            return
        for name, run in groupby(quads, key=attrgetter("graph_name")):
            yield str(name.value), list(run)


def check_file(path: Path) -> Source:
    """Parse the whole file once, without keeping it: syntax errors surface before any write."""
    rdf_format = format_of(path)
    check_file_limits(path, rdf_format)
    graphs: dict[str, None] = {}
    articles: set[str] = set()
    subjects: set[ox.NamedNode] = set()
    default_triples = 0
    last: object = None
    try:
        for quad in ox.parse(path=str(path), format=rdf_format, base_iri=base_iri_of(path)):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph):
                default_triples += 1
                if isinstance(quad.subject, ox.NamedNode):
                    subjects.add(quad.subject)
                if quad.predicate == _TYPE and quad.object == _ARTICLE and isinstance(quad.subject, ox.NamedNode):
                    articles.add(quad.subject.value)
            elif graph != last:  # quads of a graph usually come together: look the name up once per run
                last = graph
                graphs.setdefault(str(graph.value), None)
    except (SyntaxError, OSError, MemoryError):
        read_rdf(path)  # raises the InputError with file, line and column (or the read error)
        raise
    if graphs:
        if default_triples:
            raise InputError(
                "has triples outside any named graph.",
                path=path,
                fix="Put every triple in the graph of its article.",
                slug="default-graph-triples",
            )
        return Source(path, rdf_format, tuple(graphs), None)
    if len(articles) != 1:
        raise InputError(
            f"describes {len(articles)} schema:NewsArticle nodes, so its graph name (the article IRI) is unclear.",
            path=path,
            fix="Load one article per file, or an N-Quads/TriG file with named graphs.",
            slug="article-count",
        )
    (article,) = articles
    shared = sorted({graph_of(subject, article) for subject in subjects} - {article})
    return Source(path, rdf_format, (article, *shared), article)


def graphs_of(path: Path) -> list[tuple[str, list[ox.Triple]]]:
    """The (graph IRI, triples) of a file, all in memory: for small files such as `query --data`."""
    return [(iri, [q.triple for q in quads]) for iri, quads in check_file(path).groups()]


def is_dataset(path: Path) -> bool:
    """N-Quads or TriG: a file that names its graphs."""
    return format_of(path).supports_datasets and path.suffix != ".jsonld"
