"""Validating RDF files: each document of a file on its own, one Report per file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from pipeline.rdf.as_rdflib import graph_of_quads
from pipeline.rdf.rdfio import documents, read_rdf
from pipeline.rdf.vocab import PREFIXES
from pipeline.validate.engines import validate_graph
from pipeline.validate.report import Report, Severity, ValidationResult
from pipeline.validate.results import summarise
from pipeline.validate.shapes import Shapes, load_shapes


def validate_file(
    path: Path,
    shapes: Shapes,
    *,
    fail_on: Severity = Severity.VIOLATION,
    input_format: str | None = None,
) -> Report:
    """Validate an RDF file; each named graph of a quads file is validated on its own, together with
    the graphs it references (`rdfio.documents`: an article with its people and organisations)."""
    rdf = read_rdf(path, input_format)
    reports = [
        validate_graph(graph_of_quads(named.quads), shapes, fail_on=fail_on, source=str(path), graph_name=named.name)
        for named in documents(rdf.quads)
    ] or [validate_graph(Graph(), shapes, fail_on=fail_on, source=str(path))]
    results = tuple(sorted((r for report in reports for r in report.results), key=ValidationResult.sort_key))
    merged = Graph(bind_namespaces="none")
    for report in reports:
        if report.graph is not None:
            merged += report.graph
    summarise(merged, results)
    return Report(results, fail_on, str(path), {**PREFIXES, **rdf.prefixes}, merged)


def validate_files(
    paths: Sequence[Path],
    shapes_paths: Sequence[Path],
    *,
    fail_on: Severity = Severity.VIOLATION,
    input_format: str | None = None,
    schemaorg: bool = False,
) -> list[Report]:
    """Validate each file separately against the shapes in `shapes_paths`; one Report per file.

    With `schemaorg`, also against the official schema.org 30.0 shapes, with schema.org's class
    hierarchy (so a NewsArticle is checked as an Article and a CreativeWork too); offline.

    >>> validate_files([Path("output/fiverr-ceo-ai-warning.ttl")], [Path("shapes")])[0].conforms
    """
    from pipeline.data.bundled import SCHEMAORG_SHAPES, SCHEMAORG_SUBCLASSES, schemaorg_file

    shape_files = [*shapes_paths, *([schemaorg_file(SCHEMAORG_SHAPES)] if schemaorg else [])]
    shapes = load_shapes(shape_files, ontology=[schemaorg_file(SCHEMAORG_SUBCLASSES)] if schemaorg else ())
    return [validate_file(path, shapes, fail_on=fail_on, input_format=input_format) for path in paths]
