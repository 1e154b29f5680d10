"""SHACL validation with pySHACL -> a typed Report (invalid data is a result, not an exception)."""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from pipeline.errors import InputError
from pipeline.io.sorting import natural_key
from pipeline.rdf.rdfio import documents, read_quads, read_rdf, to_rdflib, to_rdflib_term
from pipeline.rdf.statements import Lit, Statements
from pipeline.rdf.vocab import SH

if TYPE_CHECKING:
    from pipeline.rdf.graph import Triples

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


class Severity(StrEnum):
    """SHACL severities, comparable: Violation > Warning > Info."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def rank(self) -> int:
        return {"Violation": 3, "Warning": 2, "Info": 1}[self.value]

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        name = str(iri).rsplit("#", 1)[-1] if iri is not None else "Violation"
        return cls(name) if name in cls._value2member_map_ else cls.VIOLATION

    @classmethod
    def parse(cls, text: str) -> Severity:
        for member in cls:
            if member.value.lower() == text.lower():
                return member
        raise ValueError(f"unknown severity {text!r}; choose violation, warning or info")


@dataclass(frozen=True)
class ValidationResult:
    """One result: what is wrong (message, constraint slug), where (focus, path, value), how bad."""

    severity: Severity
    focus: str
    path: str | None
    value: str | None
    source_shape: str | None
    constraint: str
    message: str
    graph: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "source_shape": self.source_shape,
            "constraint": self.constraint,
            "message": self.message,
            "graph": self.graph,
        }

    def sort_key(self) -> tuple[Any, ...]:
        return (
            -self.severity.rank,
            self.graph or "",
            natural_key(self.focus),
            self.path or "",
            self.constraint,
            self.message,
            self.value or "",
        )


@dataclass(frozen=True)
class Report:
    """The results of validating one graph or file; `conforms` honours `fail_on`."""

    results: tuple[ValidationResult, ...] = ()
    fail_on: Severity = Severity.VIOLATION
    source: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict, compare=False)
    graph: Graph | None = field(default=None, compare=False, repr=False)

    @property
    def conforms(self) -> bool:
        return not any(r.severity.rank >= self.fail_on.rank for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: sum(1 for r in self.results if r.severity is s) for s in Severity}

    def of(self, severity: Severity) -> list[ValidationResult]:
        return [r for r in self.results if r.severity is severity]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "conforms": self.conforms,
            "fail_on": self.fail_on.value,
            "counts": self.counts,
            "results": [r.to_dict() for r in self.results],
        }

    def with_results(self, extra: Iterable[ValidationResult]) -> Report:
        results = tuple(sorted((*self.results, *extra), key=ValidationResult.sort_key))
        return Report(results, self.fail_on, self.source, self.prefixes, self.graph)


class Validator(StrEnum):
    """The SHACL engine: `fast` (the `shacl` package, compiled Rust) for shapes it is proven on, or pySHACL."""

    FAST = "fast"
    PYSHACL = "pyshacl"


FAST_ENGINE = "shacl"


@dataclass(frozen=True)
class Shapes:
    """A loaded shapes graph (and an optional ontology graph, e.g. schema.org's class hierarchy)."""

    graph: Graph
    sources: tuple[str, ...]
    ontology: Graph | None = None
    # the fast engine's compiled form, made on first use (in each worker process)
    compiled: list[Any] = field(default_factory=list, compare=False, repr=False)


def fast_engine_version() -> str | None:
    """The version of the fast engine when it is installed and loads, else None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        import shacl  # noqa: F401

        return version(FAST_ENGINE)
    except (ImportError, PackageNotFoundError, OSError):
        return None


def load_shapes(paths: Sequence[Path], *, ontology: Sequence[Path] = ()) -> Shapes:
    """Load shapes from files and directories (every .ttl/.shacl/.nt/.jsonld file in a directory)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".ttl", ".shacl", ".nt", ".jsonld", ".trig"))
            if not found:
                raise InputError(
                    "contains no shapes files (.ttl, .shacl).",
                    path=path,
                    fix="Point --shapes at a shapes file or folder.",
                    slug="no-shapes",
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(
                "no such shapes file or folder.", path=path, fix="Check the --shapes path.", slug="missing-shapes"
            )
    graph = Graph(bind_namespaces="none")
    for file in files:
        graph += to_rdflib(read_quads(file, "turtle" if file.suffix == ".shacl" else None, lenient=True))
    onto = None
    if ontology:
        onto = Graph(bind_namespaces="none")
        for file in ontology:
            onto += to_rdflib(read_quads(file, "turtle" if file.suffix == ".shacl" else None, lenient=True))
    if not any(graph.subjects(None, SH.NodeShape)) and not any(graph.subjects(None, SH.PropertyShape)):
        raise InputError(
            "declares no sh:NodeShape or sh:PropertyShape.",
            path=", ".join(str(f) for f in files),
            fix="Check that --shapes points at SHACL shapes.",
            slug="no-shapes",
        )
    return Shapes(graph=graph, sources=tuple(str(f) for f in files), ontology=onto)


def project_shapes(folder: Path) -> Shapes:
    """The shapes in `folder`, loaded once per process and again only when a file in it changes."""
    try:
        with os.scandir(folder) as entries:  # one listing and a stat per file: this runs per article
            state = tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries if e.is_file()))
    except OSError:
        state = ()
    return _cached_shapes(folder, state)


@lru_cache(maxsize=8)
def _cached_shapes(folder: Path, state: tuple[tuple[str, int, int], ...]) -> Shapes:
    return load_shapes([folder])


def validate_graph(
    graph: Graph | Triples,
    shapes: Shapes,
    *,
    fail_on: Severity = Severity.VIOLATION,
    source: str | None = None,
    graph_name: str | None = None,
    validator: Validator = Validator.PYSHACL,
) -> Report:
    """Validate `graph` against `shapes` and return the typed Report.

    `Validator.FAST` uses the `shacl` engine when it is installed and there is no ontology, pySHACL
    otherwise. Callers choose it only for shapes the tests prove it on, against pySHACL (newsld's
    own: `article_build.choose_validator`).
    """
    if validator is Validator.FAST and shapes.ontology is None:
        fast = _fast_results(graph, shapes, graph_name)
        if fast is not None:
            return _report([*fast, *ill_typed_results(graph, graph_name)], fail_on, source, graph, None)
    results_graph = _pyshacl_results(graph if isinstance(graph, Graph) else graph.graph(), shapes, source)
    return _report(
        [
            *(_result(results_graph, node, graph_name) for node in results_graph.subjects(SH.focusNode, None)),
            *ill_typed_results(graph, graph_name),
        ],
        fail_on,
        source,
        graph,
        results_graph,
    )


def _report(
    results: list[ValidationResult],
    fail_on: Severity,
    source: str | None,
    graph: Graph | Triples,
    results_graph: Graph | None,
) -> Report:
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    return Report(tuple(sorted(results, key=ValidationResult.sort_key)), fail_on, source, prefixes, results_graph)


def _pyshacl_results(graph: Graph, shapes: Shapes, source: str | None = None) -> Graph:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    _enable_query_cache()
    with warnings.catch_warnings():
        # Recursive shapes (schema.org's are) make pySHACL warn and back out at a fixed depth;
        # the result is still right, and the warning would only be noise in a report.
        warnings.filterwarnings("ignore", message=".*Recursive Shape was detected")
        try:
            _, results_graph, _ = pyshacl.validate(
                graph,
                shacl_graph=shapes.graph,
                ont_graph=shapes.ontology,
                inference="rdfs" if shapes.ontology is not None else "none",
                allow_warnings=False,
                # schema.org's shapes nest a shape per linked node: an article whose source's
                # publisher is also what it is about goes past pySHACL's default of 15.
                max_validation_depth=MAX_DEPTH,
            )
        except ReportableRuntimeError as error:
            reason = str(error.message).splitlines()[0].rstrip(".!")
            raise InputError(
                f"cannot be validated: pySHACL stopped ({reason}).",
                path=source,
                fix=f"The shapes nest more than {MAX_DEPTH} levels deep through this data; validate with fewer shapes.",
                slug="validation-depth",
            ) from None
    return results_graph  # type: ignore[no-any-return]


MAX_DEPTH = 40


def _fast_results(graph: Graph | Triples, shapes: Shapes, graph_name: str | None) -> list[ValidationResult] | None:
    """The results from the `shacl` engine, or None when it is not installed."""
    from pipeline.rdf.graph import Triples
    from pipeline.rdf.serialize.publish import ntriples, oxigraph_triples

    try:
        import shacl
    except ImportError:
        return None
    if not shapes.compiled:
        shapes.compiled.append(shacl.Shapes.from_text(ntriples(oxigraph_triples(shapes.graph)).decode(), "ntriples"))
    data = ntriples(graph.statements() if isinstance(graph, Triples) else oxigraph_triples(graph))
    report = shapes.compiled[0].validate_text(data.decode(), "ntriples")
    return [
        ValidationResult(
            severity=Severity.from_iri(URIRef(result.severity_iri)),
            focus=_show(_ntriples_term(result.focus_node)) or "",
            # The path in SPARQL syntax, IRIs written in full without brackets, as `_path` writes it.
            path=_BRACKETED_IRI.sub(r"\1", result.path) if result.path is not None else None,
            value=_show(_ntriples_term(result.value)) if result.value is not None else None,
            source_shape=result.source_shape[1:-1] if (result.source_shape or "").startswith("<") else None,
            constraint=constraint_slug(result.component_iri),
            message=min(result.messages, default="Does not conform."),
            graph=graph_name,
        )
        for result in report.results
    ]


_BRACKETED_IRI = re.compile(r"<([^<>]*)>")


def _ntriples_term(text: str) -> Node:
    """An rdflib term from its N-Triples form (how the engine names focus nodes and values)."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    (quad,) = ox.parse(f"<urn:s> <urn:p> {text} .", format=ox.RdfFormat.N_TRIPLES)
    return to_rdflib_term(quad.object)


def ill_typed_results(graph: Graph | Triples, graph_name: str | None = None) -> list[ValidationResult]:
    """A Violation for every ill-typed literal (a lexical form its datatype does not allow, such as
    `"2025-13-01"^^xsd:date`), naming the value: SHACL engines report one only where a shape asks
    for that datatype, and then without saying what is wrong with the value."""
    from pipeline.rdf.graph import Triples

    found = []
    for subject, predicate, value in _typed_literals(graph) if isinstance(graph, Triples) else graph:
        if isinstance(value, Literal) and value.ill_typed:
            datatype = str(value.datatype)
            short = datatype.replace("http://www.w3.org/2001/XMLSchema#", "xsd:")
            found.append(
                ValidationResult(
                    severity=Severity.VIOLATION,
                    focus=str(subject),
                    path=str(predicate),
                    value=value.n3(),
                    source_shape=None,
                    constraint="ill-typed",
                    message=f'"{value}" is not a valid {short}: fix the value, or give it the right datatype.',
                    graph=graph_name,
                )
            )
    return found


def _typed_literals(graph: Triples) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of `graph` whose object is a literal with a datatype that has a lexical space to
    check (not a string), as rdflib terms: rdflib knows which lexical forms are ill-typed."""
    for row in graph.statements().rows:
        value = row[2]
        if type(value) is not Lit or value.datatype in _STRING_TYPES:
            continue
        if value.datatype == _INTEGER and _INTEGER_FORM.fullmatch(value.value):
            continue  # positions and offsets, by the dozen: plainly integers, no rdflib term needed
        (triple,) = Statements([row]).triples
        yield to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)


_STRING_TYPES = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")


def validate_file(
    path: Path,
    shapes: Shapes,
    *,
    fail_on: Severity = Severity.VIOLATION,
    input_format: str | None = None,
) -> Report:
    """Validate an RDF file; each named graph of a quads file is validated on its own, together with
    the graphs it references (`rdfio.documents`: an article with its people and organisations)."""
    from pipeline.rdf.vocab import PREFIXES

    rdf = read_rdf(path, input_format)
    reports = [
        validate_graph(to_rdflib(named.quads), shapes, fail_on=fail_on, source=str(path), graph_name=named.name)
        for named in documents(rdf.quads)
    ] or [validate_graph(Graph(), shapes, fail_on=fail_on, source=str(path))]
    results = tuple(sorted((r for report in reports for r in report.results), key=ValidationResult.sort_key))
    merged = Graph(bind_namespaces="none")
    for report in reports:
        if report.graph is not None:
            merged += report.graph
    _summarise(merged, results)
    prefixes = {**PREFIXES, **rdf.prefixes}
    return Report(results, fail_on, str(path), prefixes, merged)


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
    """
    from pipeline.data.bundled import SCHEMAORG_SHAPES, SCHEMAORG_SUBCLASSES, schemaorg_file

    shape_files = [*shapes_paths, *([schemaorg_file(SCHEMAORG_SHAPES)] if schemaorg else [])]
    shapes = load_shapes(shape_files, ontology=[schemaorg_file(SCHEMAORG_SUBCLASSES)] if schemaorg else ())
    return [validate_file(path, shapes, fail_on=fail_on, input_format=input_format) for path in paths]


def _summarise(report_graph: Graph, results: tuple[ValidationResult, ...]) -> None:
    """Make the merged sh:ValidationReport state one sh:conforms for the whole file."""
    from rdflib.namespace import RDF

    for node in list(report_graph.subjects(RDF.type, SH.ValidationReport)):
        report_graph.remove((node, None, None))
    node = BNode()
    report_graph.add((node, RDF.type, SH.ValidationReport))
    report_graph.add((node, SH.conforms, Literal(not results)))
    for result in report_graph.subjects(SH.focusNode, None):
        report_graph.add((node, SH.result, result))


def _result(results_graph: Graph, node: Node, graph_name: str | None) -> ValidationResult:
    value = results_graph.value(node, SH.value)
    path = results_graph.value(node, SH.resultPath)
    shape = results_graph.value(node, SH.sourceShape)
    component = str(results_graph.value(node, SH.sourceConstraintComponent) or "")
    messages = sorted(str(m) for m in results_graph.objects(node, SH.resultMessage))
    return ValidationResult(
        severity=Severity.from_iri(results_graph.value(node, SH.resultSeverity)),
        focus=_show(results_graph.value(node, SH.focusNode)) or "",
        path=_path(results_graph, path) if path is not None else None,
        value=_show(value) if value is not None else None,
        source_shape=_show(shape) if isinstance(shape, URIRef) else None,
        constraint=constraint_slug(component),
        message=messages[0] if messages else "Does not conform.",
        graph=graph_name,
    )


def constraint_slug(component: str) -> str:
    """sh:MinCountConstraintComponent -> "min-count"; sh:SPARQLConstraintComponent -> "sparql"."""
    name = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return _CAMEL.sub(r"\1-\2", name).lower() or "unknown"


def _show(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3()


def _path(graph: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL path syntax (IRIs written in full)."""
    if isinstance(path, URIRef):
        return str(path)
    if (path, None, None) not in graph:
        return _show(path) or ""
    if graph.value(path, SH.inversePath) is not None:
        return "^" + _path(graph, graph.value(path, SH.inversePath))  # type: ignore[arg-type]
    if graph.value(path, SH.alternativePath) is not None:
        items = Collection(graph, graph.value(path, SH.alternativePath))  # type: ignore[arg-type]
        return "(" + "|".join(_path(graph, item) for item in items) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return "(" + _path(graph, inner) + ")" + suffix
    if graph.value(path, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")) is not None:
        return "/".join(_path(graph, item) for item in Collection(graph, path))
    return _show(path) or ""


@lru_cache(maxsize=1)
def _enable_query_cache() -> None:
    """Make rdflib reuse parsed SPARQL queries.

    pySHACL hands rdflib each SPARQL constraint as text for every focus node, and rdflib parses it
    again each time: that parse (~40 ms) was 80% of validating an article. The "sparql" processor
    plugin below keeps the parsed query, keyed on its text, base and namespace bindings.
    """
    import rdflib.plugin
    from rdflib.query import Processor

    rdflib.plugin.register("sparql", Processor, "pipeline.validate.sparql_cache", "CachingSPARQLProcessor")
