"""SPARQL queries: against the embedded store, a SPARQL 1.1 endpoint, or files loaded in memory.

The default graph is the union of all graphs, so queries see the whole corpus. Parameters are RDF
terms: in-process they are Oxigraph substitutions (never query text); for an endpoint they are
sent as a trailing VALUES block whose terms pyoxigraph serializes, so a value cannot become syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from pipeline.config import load_settings
from pipeline.errors import InputError, StoreError, UsageError
from pipeline.remote import Server

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str


@dataclass
class QueryResult:
    """A materialized answer: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON form (SELECT and ASK)."""
        if self.kind == "ask":
            return {"head": {}, "boolean": self.boolean}
        return {
            "head": {"vars": self.variables},
            "results": {
                "bindings": [
                    {name: _json_term(term) for name, term in zip(self.variables, row, strict=True) if term is not None}
                    for row in self.rows
                ]
            },
        }

    def serialize(self, fmt: Literal["csv", "tsv", "json", "turtle"], prefixes: Mapping[str, str] | None = None) -> str:
        """SPARQL results as CSV, TSV or JSON; graphs as Turtle."""
        if self.kind == "graph":
            if fmt != "turtle":
                raise UsageError(f"a CONSTRUCT or DESCRIBE query gives a graph: use --format turtle, not {fmt}.")
            from pipeline.publish import sort_triples, turtle

            return turtle(sort_triples(self.triples), dict(prefixes or {})).decode("utf-8")
        if fmt == "turtle":
            raise UsageError("a SELECT or ASK query gives solutions: use --format table, csv, tsv or json.")
        document = json.dumps(self.to_json(), ensure_ascii=False)
        if fmt == "json":
            return document + "\n"
        parsed = ox.parse_query_results(document.encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        target = ox.QueryResultsFormat.CSV if fmt == "csv" else ox.QueryResultsFormat.TSV
        return bytes(parsed.serialize(format=target) or b"").decode("utf-8")


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value: dict[str, str] = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        value["datatype"] = term.datatype.value
    return value


def shipped_queries() -> dict[str, NamedQuery]:
    """The named queries in pipeline/queries/, each file's first comment line being its description."""
    found = {}
    for entry in sorted(resources.files("pipeline").joinpath("queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            name = entry.name.removesuffix(".rq")
            found[name] = NamedQuery(name, first.lstrip("# ").strip(), text)
    return found


def resolve_query(query: str) -> str:
    """SPARQL text, a .rq file, or the name of a shipped query -> the query text."""
    shipped = shipped_queries()
    if query in shipped:
        return shipped[query].text
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 255 and "\n" not in query and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot be read ({error.strerror}).", path=path, fix="Check the path.") from None
    if _NAME.fullmatch(query):
        raise UsageError(f"no shipped query is named {query!r}. Shipped: {', '.join(shipped)} (see --list).")
    return query


def parse_param(text: str) -> tuple[str, Term]:
    """`name=value` -> (name, term): `<iri>`, an N-Triples literal (`"x"@en`), an integer, or a string."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARIABLE.fullmatch(name):
        raise UsageError(f"--param {text!r} is not NAME=VALUE (e.g. article=<https://…/article/x>).")
    if value.startswith(("<", '"')):
        term: Term = _single_term(f"<urn:newsld:s> <urn:newsld:p> {value} .", text)
    elif _INTEGER.fullmatch(value):
        term = ox.Literal(value, datatype=_XSD_INTEGER)
    else:
        term = ox.Literal(value)
    return name, term


def _single_term(line: str, text: str) -> Term:
    try:
        (quad,) = ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError):
        raise UsageError(
            f'--param {text!r}: the value is not an IRI <…> or an N-Triples literal ("…", "…"@en, "…"^^<…>).'
        ) from None
    obj = quad.object
    assert isinstance(obj, ox.NamedNode | ox.Literal)
    return obj


def run_query(
    query: str,
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    data: Sequence[Path] | None = None,
    params: Mapping[str, Term] | None = None,
    timeout: float = 30.0,
) -> QueryResult:
    """Run a query (text, .rq file or shipped name) on the embedded store (default), an endpoint or files.

    >>> run_query("quotes", store=Path("store")).rows
    """
    chosen = [option for option, value in (("--store", store), ("--endpoint", endpoint), ("--data", data)) if value]
    if len(chosen) > 1:
        raise UsageError(f"choose one of --store, --endpoint and --data, not {' and '.join(chosen)}.")
    text = resolve_query(query)
    params = dict(params or {})
    if endpoint is not None:
        return _remote(text, Server(endpoint, timeout=timeout), params)
    if data:
        target = ox.Store()
        from pipeline.store import graphs_of

        for path in data:
            for iri, triples in graphs_of(path):
                name = ox.NamedNode(iri)
                target.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    else:
        from pipeline.store import open_store

        target = open_store(store or load_settings().store, read_only=True)
    return _embedded(text, target, params)


def _embedded(text: str, store: ox.Store, params: Mapping[str, Term]) -> QueryResult:
    substitutions: dict[ox.Variable, Term | ox.Triple] = {ox.Variable(name): term for name, term in params.items()}
    try:
        answer = store.query(text, use_default_graph_as_union=True, substitutions=substitutions or None)
    except SyntaxError as error:
        raise UsageError(f"the query is not valid SPARQL: {error}") from None
    except RuntimeError as error:
        raise UsageError(f"the query cannot run: {error}") from None
    except OSError as error:
        raise StoreError(f"the store failed while answering: {error}") from None
    return _materialize(answer)


def _remote(text: str, server: Server, params: Mapping[str, Term]) -> QueryResult:
    if params:
        _check_params_parse(text, params)
        names = list(params)
        text += (
            "\nVALUES ("
            + " ".join(f"?{n}" for n in names)
            + ") { ("
            + " ".join(str(params[n]) for n in names)
            + ") }\n"
        )
    response = server.request(
        "POST",
        text.encode("utf-8"),
        params={"union-default-graph": None},
        headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": _ACCEPT},
    )
    kind = response.content_type.split(";")[0].strip()
    if kind == "application/sparql-results+json":
        return _materialize(ox.parse_query_results(response.body, format=ox.QueryResultsFormat.JSON))
    if kind in ("application/n-triples", "text/plain"):
        return QueryResult("graph", triples=[q.triple for q in ox.parse(response.body, format=ox.RdfFormat.N_TRIPLES)])
    raise StoreError(f"{server.url} answered with {kind or 'no content type'}, not SPARQL results or N-Triples.")


def _check_params_parse(text: str, params: Mapping[str, Term]) -> None:
    """Run the query with the same substitutions on an empty store: same errors as in-process."""
    _embedded(text, ox.Store(), params)


def _materialize(answer: Any) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [[solution[name] for name in variables] for solution in answer]
        return QueryResult("select", variables=variables, rows=rows)
    return QueryResult("graph", triples=list(answer))


def render_query(result: QueryResult, output_format: str, prefixes: dict[str, str]) -> str:
    """A result as `table` (a rich table on the terminal; Turtle for graphs), csv, tsv, json or turtle."""
    if output_format != "table":
        return result.serialize(output_format, prefixes)  # type: ignore[arg-type]
    if result.kind == "graph":
        return result.serialize("turtle", prefixes)
    return _table(result, prefixes)


def _table(result: QueryResult, prefixes: dict[str, str]) -> str:
    import os
    import shutil
    import sys

    from rich.console import Console
    from rich.table import Table

    from pipeline.render import plural, shorten

    # On a terminal the table fits its width; in a pipe or a log it is not squeezed to 80 columns.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 200
    console = Console(record=True, file=open(os.devnull, "w"), width=width)  # noqa: SIM115, PTH123
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    table = Table(*result.variables, show_lines=False)

    def cell(term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return shorten(term.value, prefixes)
        return str(getattr(term, "value", term))

    for row in result.rows:
        table.add_row(*(cell(term) for term in row))
    console.print(table)
    console.print(plural(len(result.rows), "row"))
    return console.export_text()
