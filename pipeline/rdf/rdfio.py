"""Reading RDF files: format by extension, pyoxigraph's parser, errors with line and column.

pyoxigraph parses (fast, precise positions, and it refuses remote JSON-LD contexts: nothing here
touches the network); `as_rdflib` converts the result where pySHACL needs it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from pipeline.errors import InputError, UsageError
from pipeline.io.files import read_bytes
from pipeline.io.limits import JSON_STRINGS, MAX_NESTING, PARSER_TERM_BYTES, position, too_deep

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}
STDIN = Path("-")


@dataclass(frozen=True)
class NamedGraph:
    """One graph of a file: `name` is None for the default graph."""

    name: str | None
    quads: list[ox.Quad]


def format_of(path: Path, given: str | None = None) -> ox.RdfFormat:
    """The RDF format named by `given`, else the one the file extension implies."""
    name = given or EXTENSIONS.get(path.suffix.lower())
    if name is None:
        if path == STDIN:
            raise UsageError("reading from stdin needs --input-format (turtle, ntriples, nquads, trig or jsonld).")
        raise UsageError(
            f"{path}: cannot tell the RDF format from the extension {path.suffix or '(none)'!r}."
            " Use .ttl, .nt, .nq, .trig or .jsonld, or pass --input-format."
        )
    if name not in FORMATS:
        raise UsageError(f"unknown input format {name!r}; choose one of {', '.join(FORMATS)}.")
    return FORMATS[name]


@dataclass(frozen=True)
class RdfFile:
    """The quads of a file and the prefixes it declares."""

    quads: list[ox.Quad]
    prefixes: dict[str, str]


def read_quads(path: Path, input_format: str | None = None, *, lenient: bool = False) -> list[ox.Quad]:
    """All quads of an RDF file (or stdin for `-`), raising InputError with the parser's position."""
    return read_rdf(path, input_format, lenient=lenient).quads


def read_rdf(path: Path, input_format: str | None = None, *, lenient: bool = False) -> RdfFile:
    """An RDF file (or stdin for `-`) with its prefixes, raising InputError with the parser's position.

    A folder is a dataset published in parts (`output/dataset/`): its N-Quads files read as one.
    Blank nodes get fresh identifiers, so files read separately can be merged safely. `lenient`
    skips IRI validation, for third-party files such as schema.org's shapes, which contain
    IRIs with two '#'.
    """
    if path != STDIN and path.is_dir():
        return _read_parts(path)
    rdf_format = format_of(path, input_format)
    data = sys.stdin.buffer.read() if path == STDIN else read_bytes(path)
    return parse_rdf(data, rdf_format, path, lenient=lenient)


def dataset_parts(folder: Path) -> list[Path]:
    """The N-Quads files of a dataset's folder of parts (`output/dataset`), in order; InputError
    when it holds none."""
    parts = sorted(folder.glob("*.nq"))
    if not parts:
        raise InputError(
            "is a folder with no N-Quads files (*.nq) in it.",
            path=folder,
            fix="Name RDF files, or a dataset's folder of parts such as output/dataset.",
            slug="no-parts",
        )
    return parts


def _read_parts(folder: Path) -> RdfFile:
    quads: list[ox.Quad] = []
    for part in dataset_parts(folder):
        quads += parse_rdf(read_bytes(part), ox.RdfFormat.N_QUADS, part).quads
    return RdfFile(quads, {})


def base_iri_of(path: Path) -> str | None:
    """The IRI relative IRIs in a file resolve against, unless it sets @base: its file: URI."""
    return None if path == STDIN else path.resolve().as_uri()


def check_limits(data: bytes, rdf_format: ox.RdfFormat, path: Path) -> None:
    """Refuse what pyoxigraph cannot parse safely, before it tries: JSON-LD nested more than
    MAX_NESTING levels deep (its parser recurses per level, uses gigabytes, and crashes the process
    with a stack overflow a few thousand levels down)."""
    if rdf_format == ox.RdfFormat.JSON_LD:
        offset = too_deep(data, JSON_STRINGS)
        if offset is not None:
            line, column = position(data, offset)
            raise InputError(
                f"nests JSON objects and arrays more than {MAX_NESTING} levels deep;"
                f" newsld reads JSON-LD nested up to {MAX_NESTING} levels.",
                path=path,
                line=line,
                column=column,
                fix="Flatten the document: list the nodes side by side in @graph and refer to them by @id.",
                slug="json-depth",
            )


def check_file_limits(path: Path, rdf_format: ox.RdfFormat) -> None:
    """`check_limits` for a file that pyoxigraph is about to read by its path."""
    if rdf_format == ox.RdfFormat.JSON_LD:
        check_limits(read_bytes(path), rdf_format, path)


def term_too_long(data: bytes | None, rdf_format: ox.RdfFormat, path: Path) -> InputError:
    """The error for pyoxigraph's MemoryError "Reached the buffer maximal size": a literal or an IRI
    longer than its parser's buffer, at the line where the longest one starts (when `data` is given)."""
    limit = PARSER_TERM_BYTES // 2 if rdf_format == ox.RdfFormat.JSON_LD else PARSER_TERM_BYTES
    line = None if data is None else _line_of_long_term(data, limit)
    return InputError(
        f"holds a literal or IRI too long to read: newsld reads terms of up to {limit >> 20} MiB"
        f" ({limit:,} bytes) in {rdf_format.name}.",
        path=path,
        line=line,
        fix="Split the text over several literals, or keep it out of the RDF.",
        slug="term-too-long",
    )


def _line_of_long_term(data: bytes, limit: int) -> int | None:
    """The line where a term longer than `limit` bytes starts: such a term covers a whole window
    of `limit // 2` bytes without a quote or angle bracket; the last one before it opens the term."""
    window = limit // 2
    for start in range(0, len(data) - window + 1, window):
        if all(data.find(mark, start, start + window) < 0 for mark in _DELIMITERS):
            opening = max(data.rfind(mark, 0, start) for mark in _DELIMITERS)
            return position(data, max(opening, 0))[0]
    return None


_DELIMITERS = (b'"', b"'", b"<", b">")


def parse_rdf(data: bytes, rdf_format: ox.RdfFormat, path: Path, *, lenient: bool = False) -> RdfFile:
    check_limits(data, rdf_format, path)
    try:
        parser = ox.parse(data, format=rdf_format, base_iri=base_iri_of(path), rename_blank_nodes=True, lenient=lenient)
        quads = list(parser)
        return RdfFile(quads, dict(parser.prefixes))
    except MemoryError:
        raise term_too_long(data, rdf_format, path) from None
    except SyntaxError as error:
        message = str(error.msg or error)
        if "LoadDocumentCallback" in message or "remote context" in message.lower():
            raise InputError(
                "its JSON-LD @context points to a remote document, and newsld never fetches from the network.",
                path=path,
                fix="Inline the context in the file (as newsld's own JSON-LD does).",
                slug="remote-context",
            ) from None
        problem = message.split(": ", 1)[1] if message.startswith("Parser error at") else message
        raise InputError(
            f"is not valid {rdf_format.name}: {problem}",
            path=path,
            line=error.lineno,
            column=error.offset,
            fix="Fix the syntax at that position.",
            slug="rdf-syntax",
        ) from None
    except (ValueError, OSError) as error:
        raise InputError(f"is not valid {rdf_format.name}: {error}", path=path, slug="rdf-syntax") from None


def split_graphs(quads: list[ox.Quad]) -> list[NamedGraph]:
    """The quads grouped by graph, the default graph first, then named graphs by name."""
    groups: dict[str | None, list[ox.Quad]] = {}
    for quad in quads:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name.value)
        groups.setdefault(name, []).append(quad)
    return [NamedGraph(name, groups[name]) for name in sorted(groups, key=lambda n: (n is not None, n or ""))]


def documents(quads: list[ox.Quad]) -> list[NamedGraph]:
    """The graphs of a quads file as the documents to check: each graph together with the graphs it
    references (by subject or object IRI, transitively). A graph that another graph references,
    such as a person's in the dataset, where each fact is stated once, is checked as part of the
    graphs that reference it, not alone; one that none of those reaches is checked on its own."""
    graphs = split_graphs(quads)
    named = {graph.name: graph for graph in graphs if graph.name is not None}
    references: dict[str | None, set[str]] = {}
    for graph in graphs:
        found: set[str] = set()
        for quad in graph.quads:
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.NamedNode):
                    document = term.value.partition("#")[0]
                    if document in named and document != graph.name:
                        found.add(document)
        references[graph.name] = found
    referenced = set().union(*references.values()) if references else set()

    def closure(name: str | None) -> list[str]:
        seen: dict[str, None] = {}
        pending = sorted(references[name])
        while pending:
            current = pending.pop(0)
            if current not in seen and current != name:
                seen[current] = None
                pending.extend(sorted(references[current]))
        return list(seen)

    result: list[NamedGraph] = []
    covered: set[str | None] = set()
    for graph in graphs:
        if graph.name in referenced:
            continue
        members = closure(graph.name)
        covered.update([graph.name, *members])
        result.append(NamedGraph(graph.name, graph.quads + [q for m in members for q in named[m].quads]))
    result.extend(graph for graph in graphs if graph.name not in covered and graph.name in referenced)
    return sorted(result, key=lambda g: (g.name is not None, g.name or ""))
