"""The SHACL engines: pySHACL (the reference) and `shacl` (compiled Rust, fast), behind one call.

`validate_graph` returns a typed Report either way; the fast engine is used only where the tests
prove it gives pySHACL's results (newsld's own shapes: `choose_validator`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from rdflib import Graph, URIRef

from pipeline.errors import InputError
from pipeline.rdf import as_rdflib
from pipeline.rdf.serialize.publish import ntriples
from pipeline.rdf.serialize.statements import Statements
from pipeline.validate.literals import ill_typed_results
from pipeline.validate.report import Report, Severity, ValidationResult, constraint_slug
from pipeline.validate.results import results_of, show
from pipeline.validate.shapes import Shapes

FAST_ENGINE = "shacl"
# schema.org's shapes nest a shape per linked node: an article whose source's publisher is also
# what it is about goes past pySHACL's default depth of 15.
MAX_DEPTH = 40


class Validator(StrEnum):
    """The SHACL engine: `fast` (the `shacl` package, compiled Rust) for shapes it is proven on, or pySHACL."""

    FAST = "fast"
    PYSHACL = "pyshacl"


def fast_engine_version() -> str | None:
    """The version of the fast engine when it is installed and loads, else None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        import shacl  # noqa: F401

        return version(FAST_ENGINE)
    except (ImportError, PackageNotFoundError, OSError):
        return None


def choose_validator(wanted: Validator, shapes: Path) -> tuple[Validator, str | None]:
    """The fast engine when asked for, installed, and the shapes are newsld's own (where the tests
    prove it gives pySHACL's results); else pySHACL, with a one-line notice saying why."""
    from pipeline.data.bundled import bundled
    from pipeline.io.files import files_sha256

    if wanted is Validator.PYSHACL:
        return wanted, None
    if fast_engine_version() is None:
        return Validator.PYSHACL, (
            f"{FAST_ENGINE} is not installed: validating with pySHACL (slower). Install it with"
            " `pip install 'newsld[fast]'` (Linux x86-64 with glibc, macOS, Windows x86-64)."
        )

    def digest(folder: Path) -> str:
        return files_sha256(sorted(p for p in folder.glob("*.ttl") if p.is_file())) if folder.is_dir() else ""

    if shapes.resolve() != bundled("shapes").resolve() and digest(shapes) != digest(bundled("shapes")):
        return Validator.PYSHACL, (
            f"{shapes}/ differs from the shapes newsld ships, which {FAST_ENGINE} is tested on:"
            ' validating with pySHACL (set validator = "pyshacl" in [tool.newsld] to say so).'
        )
    return Validator.FAST, None


def validate_graph(
    graph: Graph | Statements,
    shapes: Shapes,
    *,
    fail_on: Severity = Severity.VIOLATION,
    source: str | None = None,
    graph_name: str | None = None,
    validator: Validator = Validator.PYSHACL,
    prefixes: Mapping[str, str] | None = None,
) -> Report:
    """Validate `graph` (an rdflib Graph, or rows as `Statements`) against `shapes`: a typed Report.

    `Validator.FAST` uses the `shacl` engine when it is installed and there is no ontology, pySHACL
    otherwise. `prefixes` (default: those an rdflib Graph has bound) shorten IRIs in the report.

    >>> validate_graph(article_graph(...), load_shapes([Path("shapes")])).conforms
    """
    if prefixes is None:
        prefixes = {p: str(n) for p, n in graph.namespaces() if p} if isinstance(graph, Graph) else {}
    results_graph = None
    found = (
        _fast_results(graph, shapes, graph_name) if validator is Validator.FAST and shapes.ontology is None else None
    )
    if found is None:
        rdflib_graph = graph if isinstance(graph, Graph) else as_rdflib.graph_of_quads(graph.triples, prefixes)
        results_graph = _pyshacl_results(rdflib_graph, shapes, source)
        found = results_of(results_graph, graph_name)
    results = sorted([*found, *ill_typed_results(graph, graph_name)], key=ValidationResult.sort_key)
    return Report(tuple(results), fail_on, source, dict(prefixes), results_graph)


def _pyshacl_results(graph: Graph, shapes: Shapes, source: str | None = None) -> Graph:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    from pipeline.validate.sparql_cache import cached_queries

    with warnings.catch_warnings(), cached_queries():
        # Recursive shapes (schema.org's are) make pySHACL warn and back out at a fixed depth;
        # the result is still right, and the warning would only be noise in a report.
        warnings.filterwarnings("ignore", message=".*Recursive Shape was detected")
        try:
            if shapes.ontology is None:
                _, results_graph, _ = pyshacl.validate(
                    graph, shacl_graph=shapes.graph, allow_warnings=False, max_validation_depth=MAX_DEPTH
                )
            else:
                results_graph = _with_ontology(graph, shapes)
        except ReportableRuntimeError as error:
            reason = str(error.message).splitlines()[0].rstrip(".!")
            raise InputError(
                f"cannot be validated: pySHACL stopped ({reason}).",
                path=source,
                fix=f"The shapes nest more than {MAX_DEPTH} levels deep through this data; validate with fewer shapes.",
                slug="validation-depth",
            ) from None
    return results_graph  # type: ignore[no-any-return]


def _with_ontology(graph: Graph, shapes: Shapes) -> Graph:
    """pySHACL with an ontology's class hierarchy, the work that does not depend on the data done once.

    pySHACL's `ont_graph` with RDFS inference copies the ontology into every data graph and runs
    the RDFS closure over both, and parses the shapes again, for each graph (2.6 of the 4.4 s an
    article took with schema.org's shapes). The class hierarchy's closure is worked out once
    (`Shapes.superclasses`) and each graph only gains the rdf:type triples it implies: the same
    targets RDFS inference gives (the hierarchy has only rdfs:subClassOf; the shapes use no
    sh:class). The parsed shapes are kept for every graph of the run, and a linked node found
    conforming to a shape is not checked against it again (`memo`). A test holds the
    results equal to `pyshacl.validate(..., ont_graph=..., inference="rdfs")`.
    """
    from pyshacl import Validator as ShaclValidator
    from pyshacl.graph_abstraction import DataGraph
    from pyshacl.shapes_graph import ShapesGraph
    from rdflib.namespace import RDF

    from pipeline.validate.memo import Kept, remembered_conformance

    typed = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        typed.bind(prefix, namespace, override=True)
    typed += graph
    superclasses = shapes.superclasses
    for node, cls in list(graph.subject_objects(RDF.type)):
        for above in superclasses.get(cls, ()):  # type: ignore[call-overload]
            typed.add((node, RDF.type, above))
    options = {"inference": "none", "inplace": True, "allow_warnings": False, "max_validation_depth": MAX_DEPTH}
    validator = ShaclValidator(DataGraph.from_rdflib(typed), shacl_graph=Graph(), options=options)
    if not shapes.parsed:
        shapes.parsed.extend((ShapesGraph(shapes.graph, False, validator.logger), Kept()))
    validator.shacl_graph, kept = shapes.parsed
    with remembered_conformance(set(typed.objects(None, RDF.type)), kept):
        _, results_graph, _ = validator.run()  # type: ignore[no-untyped-call]
    return results_graph  # type: ignore[no-any-return]


def _fast_results(graph: Graph | Statements, shapes: Shapes, graph_name: str | None) -> list[ValidationResult] | None:
    """The results from the `shacl` engine, or None when it is not installed."""
    try:
        import shacl
    except ImportError:
        return None
    if not shapes.compiled:
        shapes_text = ntriples(as_rdflib.oxigraph_triples(shapes.graph)).decode()
        shapes.compiled.append(shacl.Shapes.from_text(shapes_text, "ntriples"))
    data = ntriples(graph if isinstance(graph, Statements) else as_rdflib.oxigraph_triples(graph))
    report = shapes.compiled[0].validate_text(data.decode(), "ntriples")
    return [
        ValidationResult(
            severity=Severity.from_iri(URIRef(result.severity_iri)),
            focus=show(as_rdflib.ntriples_term(result.focus_node)) or "",
            # The path in SPARQL syntax, IRIs written in full without brackets, as `results` writes it.
            path=_BRACKETED_IRI.sub(r"\1", result.path) if result.path is not None else None,
            value=show(as_rdflib.ntriples_term(result.value)) if result.value is not None else None,
            source_shape=result.source_shape[1:-1] if (result.source_shape or "").startswith("<") else None,
            constraint=constraint_slug(result.component_iri),
            message=min(result.messages, default="Does not conform."),
            graph=graph_name,
        )
        for result in report.results
    ]


_BRACKETED_IRI = re.compile(r"<([^<>]*)>")
