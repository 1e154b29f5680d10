"""Query answers as one materialized type (`QueryResult`), whoever answered: the embedded store,
a SPARQL endpoint, or files loaded in memory; and what form a query's answer takes."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pyoxigraph as ox

from pipeline.errors import StoreError, UsageError
from pipeline.rdf.terms import XSD_STRING

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class QueryResult:
    """A materialized answer: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: Literal["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. the server cut the result short
    truncated_at: int | None = None  # the server's row limit, when it cut the result there

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
            from pipeline.rdf.serialize.publish import sort_triples, turtle

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
    elif term.datatype.value != XSD_STRING:
        value["datatype"] = term.datatype.value
    return value


def answer(text: str, store: ox.Store) -> QueryResult:
    """Run `text` on a pyoxigraph store (the default graph: the union of all graphs), materialized."""
    try:
        answer = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise UsageError(f"the query is not valid SPARQL: {error}") from None
    except RuntimeError as error:
        raise UsageError(f"the query cannot run: {error}") from None
    except OSError as error:
        raise StoreError(f"the store failed while answering: {error}") from None
    return materialize(answer)


_NOISE = re.compile(
    r'#[^\n]*|<[^<>"{}|^`\\\x00-\x20]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def blanked(text: str) -> str:
    """The query with comments, IRIs and strings blanked (same length): what is left is syntax."""
    return _NOISE.sub(lambda match: " " * len(match.group()), text)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's form (its first form keyword)."""
    match = _FORM.search(blanked(text))
    return match.group(1).upper() if match else "SELECT"


def materialize(answer: Any) -> QueryResult:
    """pyoxigraph's answer (solutions, a boolean or triples) as a QueryResult."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [[solution[name] for name in variables] for solution in answer]
        return QueryResult("select", variables=variables, rows=rows)
    return QueryResult("graph", triples=list(answer))
