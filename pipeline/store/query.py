"""SPARQL queries: against the embedded store, a SPARQL 1.1 endpoint, or files loaded in memory.

The default graph is the union of all graphs, so queries see the whole corpus. Parameters are RDF
terms that restrict the solutions, the same way on every store: `--param speaker="Roland Busch"`
keeps the solutions whose ?speaker is that literal, and drops those where it is another value or
unbound. They become `FILTER(?speaker = "Roland Busch")` at the end of the query's top-level
WHERE group (`=`, not sameTerm: Virtuoso's sameTerm is false for equal string literals), with
the term serialized by pyoxigraph, so a value cannot become syntax.
(A VALUES block at the top of the WHERE would instead *assign* the value to solutions that leave
?speaker unbound, such as quotations nobody is credited with: a wrong fact.)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from pipeline.config import load_settings
from pipeline.errors import InputError, StoreError, UsageError
from pipeline.io.sorting import natural_key
from pipeline.store.http import Server, run_remote
from pipeline.store.sparql import Prepared, check_syntax, prepare
from pipeline.store.results import QueryResult, Term, answer, blanked, query_form

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_BARE_IRI = re.compile(r"(https?|urn|file|ftp|mailto|tag):\S+", re.IGNORECASE)
_PREFIXED = re.compile(r"(?P<prefix>[A-Za-z][\w.-]*):(?P<local>[^\s<>\"{}|^`\\]*)")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str


def shipped_queries() -> dict[str, NamedQuery]:
    """The named queries in pipeline/queries/, each file's first comment line being its description."""
    found = {}
    for entry in sorted(resources.files("pipeline.data").joinpath("queries").iterdir(), key=lambda e: e.name):
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
            raise InputError(
                f"cannot be read ({error.strerror}).", path=path, fix="Check the path.", slug="unreadable"
            ) from None
    if _NAME.fullmatch(query):
        raise UsageError(f"no shipped query is named {query!r}. Shipped: {', '.join(shipped)} (see --list).")
    return query


def parse_param(text: str, prefixes: Mapping[str, str] | None = None) -> tuple[str, Term]:
    """`name=value` -> (name, term): `<iri>` or a bare absolute IRI (`https://…`, `urn:…`), a
    prefixed name with one of `prefixes` (`article:slug`, as tables print IRIs), an N-Triples
    literal (`"x"`, `"x"@en`, `"x"^^<datatype>`), an integer, or else a plain string."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARIABLE.fullmatch(name):
        raise UsageError(f"--param {text!r} is not NAME=VALUE (e.g. article=article:fiverr-ceo-ai-warning).")
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed and prefixes is not None and prefixed["prefix"] in prefixes:
        value = f"<{prefixes[prefixed['prefix']]}{prefixed['local']}>"
    elif _BARE_IRI.fullmatch(value):
        value = f"<{value}>"  # an IRI, as the help says; "https://…" in quotes is the string
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
    prefixes: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a query (text, .rq file or shipped name) on the embedded store (default), an endpoint or files.

    The prefixes of newsld's data (schema:, rdf:, xsd:, prov:, nif:, cito:, dcterms:, void:, … and
    the base's article:, person:, organization:; or `prefixes`) need no PREFIX line.

    >>> run_query("quotes", store=Path("store")).rows
    """
    chosen = [option for option, value in (("--store", store), ("--endpoint", endpoint), ("--data", data)) if value]
    if len(chosen) > 1:
        raise UsageError(f"choose one of --store, --endpoint and --data, not {' and '.join(chosen)}.")
    original = resolve_query(query)
    prepared = prepare(restrict(original, params or {}), _prefixes(prefixes))
    check_syntax(prepared, original)
    text = prepared.text
    if endpoint is not None:
        with Server(endpoint, timeout=timeout) as server:
            return _warned(sort_lists(run_remote(text, server), original), prepared)
    if data:
        target = ox.Store()
        from pipeline.store.load import graphs_of
        from pipeline.store.sources import expand_folders

        for path in expand_folders(data):
            for iri, triples in graphs_of(path):
                name = ox.NamedNode(iri)
                target.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    else:
        from pipeline.store.load import open_store

        target = open_store(store or load_settings().store, read_only=True)
    return _warned(sort_lists(answer_within(text, target, timeout), original), prepared)


def _prefixes(given: Mapping[str, str] | None) -> Mapping[str, str]:
    """The prefixes a query may use undeclared: `given`, else the vocabularies and the project base's."""
    if given is not None:
        return given
    from pipeline.rdf.vocab import Iris

    return Iris(load_settings().base).prefixes()


def _warned(result: QueryResult, prepared: Prepared) -> QueryResult:
    result.warnings[:0] = prepared.warnings
    return result


def answer_within(text: str, store: ox.Store, timeout: float) -> QueryResult:
    """`answer`, given up after `timeout` seconds with a StoreError, as a server's answer would be.

    pyoxigraph evaluates without holding the GIL but cannot be interrupted, so the evaluation runs
    on a thread while this one waits, and Ctrl-C or SIGTERM stop the wait at once. (An evaluation
    given up goes on in the background until it ends, or the process does.)
    """
    outcome: list[QueryResult | BaseException] = []

    def evaluate() -> None:
        try:
            outcome.append(answer(text, store))
        except BaseException as error:  # handed to the waiting thread
            outcome.append(error)

    thread = threading.Thread(target=evaluate, name="newsld: query", daemon=True)
    thread.start()
    thread.join(timeout)  # signals interrupt the wait
    if not outcome:
        raise StoreError(
            f"the query did not finish within {timeout:g} s. Narrow it (a --param, a LIMIT), or give it"
            " longer with --timeout."
        )
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


_LISTS = re.compile(r"^#\s*lists:\s*(.+)$", re.MULTILINE)


def sort_lists(result: QueryResult, text: str) -> QueryResult:
    """Sort the members of the list columns a `# lists: ?a ?b` comment names (numbers numerically).

    SPARQL leaves the order of GROUP_CONCAT to the store (Virtuoso ignores a sub-query's ORDER
    BY); with the members sorted, every store gives the same answer.
    """
    names = {name for match in _LISTS.finditer(text) for name in re.findall(r"[?$](\w+)", match.group(1))}
    columns = [index for index, variable in enumerate(result.variables) if variable in names]
    for row in result.rows:
        for index in columns:
            term = row[index]
            if isinstance(term, ox.Literal) and ", " in term.value:
                members = sorted(term.value.split(", "), key=natural_key)
                row[index] = ox.Literal(", ".join(members), datatype=term.datatype)
    return result


def restrict(text: str, params: Mapping[str, Term]) -> str:
    """The query with each parameter as `FILTER(?name = term)` closing its top-level WHERE group.

    >>> restrict("SELECT ?a WHERE { ?a ?b ?c }", {"a": ox.NamedNode("https://x/a")})
    'SELECT ?a WHERE { ?a ?b ?c \\nFILTER(?a = <https://x/a>)\\n}'
    """
    if not params:
        return text
    code = blanked(text)
    used = {match.group(1) for match in re.finditer(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", code)}
    for name in params:
        if name not in used:
            listed = ", ".join(f"?{v}" for v in sorted(used)) or "none"
            raise UsageError(f"--param {name}: the query has no variable ?{name} (its variables: {listed}).")
    begin = _where_group(code)
    if begin is None:
        raise UsageError("--param needs a query with a WHERE clause to restrict.")
    computed = set(re.findall(r"\bAS\s+[?$]([A-Za-z_][A-Za-z0-9_]*)", code[:begin], re.IGNORECASE))
    for name in params:
        if name in computed:
            raise UsageError(
                f"--param {name}: ?{name} is computed by the SELECT clause (… AS ?{name}), after the WHERE"
                " clause that --param restricts. Restrict one of the WHERE clause's variables instead."
            )
    end = _closing_brace(code, begin)
    filters = "".join(f"FILTER(?{name} = {term})\n" for name, term in params.items())
    return f"{text[:end]}\n{filters}{text[end:]}"


def _where_group(code: str) -> int | None:
    """The position of the `{` that opens the top-level WHERE group (not a CONSTRUCT template)."""
    depth = 0
    first: int | None = None
    for match in re.finditer(r"[{}]|\bWHERE\b", code, re.IGNORECASE):
        token = match.group()
        if token == "{":
            if depth == 0:
                before = code[: match.start()].rstrip()
                if re.search(r"\bWHERE$", before, re.IGNORECASE):
                    return match.start()
                if first is None and query_form(code) != "CONSTRUCT":
                    first = match.start()
            depth += 1
        elif token == "}":
            depth -= 1
    return first


def _closing_brace(code: str, begin: int) -> int:
    depth = 0
    for match in re.finditer(r"[{}]", code[begin:]):
        depth += 1 if match.group() == "{" else -1
        if depth == 0:
            return begin + match.start()
    raise UsageError("the query is not valid SPARQL: a { is never closed.")
