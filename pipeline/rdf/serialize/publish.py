"""Deterministic serializations: Turtle, N-Triples, N-Quads and JSON-LD, byte-identical on every run.

Triples are put in one canonical order (subjects, then predicates with rdf:type first, then
objects, each in natural order so that paragraph-2 comes before paragraph-10), so the same graph
always gives the same bytes, whatever the machine or PYTHONHASHSEED. pyoxigraph writes the Turtle
and N-Quads; pyld frames the JSON-LD into one tree rooted at the NewsArticle.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

import orjson
import pyoxigraph as ox

from pipeline.rdf.serialize.statements import Statements, statements
from pipeline.rdf.serialize.turtle import turtle_statements
from pipeline.rdf.terms import RDF_TYPE, Blank, Lit, Row, Term
from pipeline.rdf.vocab import CITO, NIF, SCHEMA

# JSON-LD is often pasted into <script type="application/ld+json">: escape what could end the script
# element or confuse an HTML or JavaScript parser. The JSON stays the same JSON.
SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SETS = ("about", "alternateName", "citation", "hasPart", "mentions")
# An article's authors and publisher are described in full where the article names them, even when
# the tree reached them first elsewhere (`about` sorts before `author`): what search engines read.
ALWAYS_EMBEDDED = ("author", "publisher")
# Literal datatypes a context term may coerce: their values are then plain strings in the JSON.
_COERCED = {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#dateTime"}
_IMPLICIT_DATATYPES = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}


def jsonld_context(
    triples: Statements | list[ox.Triple], prefixes: dict[str, str], root_type: str = "NewsArticle"
) -> dict[str, Any]:
    """The inline JSON-LD context of an article file, made to be pasted into a web page as it is.

    schema.org terms are plain names and the vocabularies' prefixes are declared, but no prefix is
    declared for the data's own IRIs, so every `@id` is an absolute IRI. A schema.org property whose
    literal values all have one datatype (`datePublished`: xsd:date) is coerced to it in the
    context, so the value is a plain ISO 8601 string and the RDF keeps its datatype. When the root
    node's values of a property have another datatype than the other nodes' (an article published
    at a time, citing a source known by its day), the root's type carries a scoped context for it
    (JSON-LD 1.1, not propagated to the nodes below): both stay plain strings.
    """
    vocabulary, coercible, scoped = _context_facts(statements(triples).rows, str(SCHEMA[root_type]))
    used = _prefixes_of(vocabulary, prefixes)
    by_type = {}
    if scoped:
        terms = {name: {"@id": str(SCHEMA[name]), "@type": datatype} for name, datatype in scoped.items()}
        by_type[root_type] = {"@id": str(SCHEMA[root_type]), "@context": terms}
    return {
        "@vocab": str(SCHEMA),
        **{name: namespace for name, namespace in used.items() if name},
        **{name: {"@id": str(SCHEMA[name]), "@type": datatype} for name, datatype in coercible.items()},
        **by_type,
        "url": {"@id": str(SCHEMA.url), "@type": "@id"},
        "contentUrl": {"@id": str(SCHEMA.contentUrl), "@type": "@id"},
        "logo": {"@id": str(SCHEMA.logo), "@type": "@id"},
        "mainEntityOfPage": {"@id": str(SCHEMA.mainEntityOfPage), "@type": "@id"},
        "sameAs": {"@id": str(SCHEMA.sameAs), "@type": "@id", "@container": "@set"},
        # Properties that may hold several values are always arrays, so consumers need not check.
        **{name: {"@id": str(SCHEMA[name]), "@container": "@set"} for name in _SETS},
        "cites": {"@id": str(CITO.cites), "@container": "@set"},
        "beginIndex": str(NIF.beginIndex),
        "endIndex": str(NIF.endIndex),
    }


def _context_facts(rows: list[Row], root_type: str) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """In one pass: the vocabulary IRIs (predicates, classes, datatypes; not the data's own IRIs),
    the schema.org properties (local name -> datatype) whose every value is a literal of one
    coercible datatype, and those to coerce for the nodes of `root_type` alone (their values have
    one coercible datatype, the other nodes' another or several)."""
    vocabulary: set[str] = set()
    kinds: dict[str, set[str]] = {}  # on the nodes that are not of the root type
    root_kinds: dict[str, set[str]] = {}
    schema = str(SCHEMA)
    roots = {subject for subject, predicate, obj in rows if predicate == RDF_TYPE and obj == root_type}
    for subject, predicate, obj in rows:
        if predicate != RDF_TYPE:
            vocabulary.add(predicate)
        elif type(obj) is str:
            vocabulary.add(obj)
        found = "-"
        if type(obj) is Lit:
            _, datatype, language = obj
            if datatype not in _IMPLICIT_DATATYPES:
                vocabulary.add(datatype)
            if not language:
                found = datatype
        if predicate.startswith(schema):
            (root_kinds if subject in roots else kinds).setdefault(predicate[len(schema) :], set()).add(found)

    def one(seen: set[str], name: str) -> str | None:
        return next(iter(seen)) if len(seen) == 1 and next(iter(seen)) in _COERCED and name not in _SETS else None

    coercible = {name: coerced for name, seen in kinds.items() if (coerced := one(seen, name))}
    scoped = {}
    for name, seen in root_kinds.items():
        coerced = one(seen, name)
        if name not in kinds:
            if coerced:
                coercible[name] = coerced
        elif coerced and coercible.get(name) != coerced:
            scoped[name] = coerced
        elif not coerced and name in coercible:
            del coercible[name]  # the root's values would not fit the coercion: none for anyone
    return vocabulary, dict(sorted(coercible.items())), dict(sorted(scoped.items()))


def sort_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples in canonical order: by subject, predicate, object (`statements.canonical_order`)."""
    return Statements.of(triples).sorted().triples


def used_prefixes(triples: Statements | list[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes some IRI in the triples starts with, sorted by name (rdf:type is written "a")."""
    rows = statements(triples).rows
    objects = {row[2] for row in rows}
    iris = {o[1] for o in objects if type(o) is Lit} - _IMPLICIT_DATATYPES
    iris.update(s for s in {row[0] for row in rows} if type(s) is str)
    iris.update(o for o in objects if type(o) is str)
    iris.update({row[1] for row in rows} - {RDF_TYPE})
    return _prefixes_of(iris, prefixes)


def _prefixes_of(iris: set[str], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes some IRI in `iris` starts with (and goes on after), sorted by name.

    The IRIs that start with a namespace follow each other in sorted order, from where the
    namespace itself would go: one binary search per prefix, not a pass over the IRIs each.
    """
    ordered = sorted(iris)
    used = {}
    for name, namespace in sorted(prefixes.items()):
        index = bisect_left(ordered, namespace)
        if index < len(ordered) and ordered[index] == namespace:
            index += 1  # the namespace IRI itself has nothing after the prefix
        if index < len(ordered) and ordered[index].startswith(namespace):
            used[name] = namespace
    return used


def turtle(triples: Statements | list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Turtle with the used prefixes sorted by name, triples in canonical order, a blank line per subject.

    pyoxigraph escapes line breaks inside literals, so every line that does not start with a tab
    starts a subject: that is what makes the blank lines safe to add.
    """
    made = statements(triples)
    used = used_prefixes(made, prefixes)
    written = turtle_statements(made.rows, used)
    if written is None:  # a triple term: pyoxigraph writes it
        body = serialized(ox.serialize(made.triples, format=ox.RdfFormat.TURTLE, prefixes=used)).decode("utf-8")
        written = [line for line in body.split("\n") if line and not line.startswith("@prefix ")]
    header = [f"@prefix {name}: <{namespace}> ." for name, namespace in used.items()]
    lines = [*header]
    for line in written:
        if not line.startswith("\t"):
            lines.append("")
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialized(data: bytes | None) -> bytes:
    """pyoxigraph's serialize returns bytes when not given an output; say so to the type checker."""
    assert data is not None
    return data


def ntriples(triples: Statements | list[ox.Triple]) -> bytes:
    """N-Triples, one line per triple in the order given."""
    if isinstance(triples, Statements):
        lines = triples.ntriples_lines()
        if lines is not None:
            return "".join(lines).encode("utf-8")
        triples = triples.triples
    return serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def jsonld(triples: Statements | list[ox.Triple], prefixes: dict[str, str], root_type: str = "NewsArticle") -> bytes:
    """One JSON-LD tree rooted at the node of `root_type`, with an inline context, keys sorted.

    The tree is built directly (`jsonld_tree`); a graph it has no rule for is framed by pyld.
    """
    from pipeline.rdf.serialize.jsonld import tree

    made = statements(triples)
    context = jsonld_context(made, prefixes, root_type)
    always = {str(SCHEMA[term]) for term in ALWAYS_EMBEDDED} if root_type == "NewsArticle" else set()
    direct = tree(made.rows, context, str(SCHEMA[root_type]), always)
    if direct is None:
        return _dump(_framed(made.rows, context, root_type))
    # The direct tree holds strings, integers, lists and objects only; on those orjson writes what
    # json.dumps writes (a test compares them on any text), faster: json's indenting encoder is
    # pure Python. An integer beyond 64 bits it refuses: the json module writes that tree.
    try:
        text = orjson.dumps(direct, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode("utf-8")
    except orjson.JSONEncodeError:
        return _dump(direct)
    return (script_safe(text) + "\n").encode("utf-8")


def jsonld_framed(
    triples: Statements | list[ox.Triple], prefixes: dict[str, str], root_type: str = "NewsArticle"
) -> bytes:
    """The same document made by pyld's JSON-LD framing: the oracle the direct tree is tested against."""
    made = statements(triples)
    return _dump(_framed(made.rows, jsonld_context(made, prefixes, root_type), root_type))


def _framed(rows: list[Row], context: dict[str, Any], root_type: str) -> Any:
    from pyld import jsonld as pyld

    # Hand pyld its RDF dataset structure rather than N-Quads text: its N-Quads parser checks for
    # duplicates in quadratic time, and splits lines at U+2028, which breaks literals that hold one.
    expanded = pyld.from_rdf({"@default": [_pyld_triple(row) for row in rows]}, {"useNativeTypes": True})
    frame: dict[str, Any] = {"@context": context, "@type": root_type}
    if root_type == "NewsArticle":
        frame.update({term: {"@embed": "@always", "@omitDefault": True} for term in ALWAYS_EMBEDDED})
    return pyld.frame(expanded, frame, {"omitGraph": True, "documentLoader": _refuse_remote})


def _dump(document: Any) -> bytes:
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (script_safe(text) + "\n").encode("utf-8")


def script_safe(text: str) -> str:
    """JSON text with the characters that could end a script element or confuse a JavaScript parser
    written as JSON escapes (str.replace per character: faster than str.translate, bench/NOTES.md)."""
    for character, escaped in SCRIPT_UNSAFE:
        if character in text:
            text = text.replace(character, escaped)
    return text


def _pyld_term(term: Term) -> dict[str, str]:
    if type(term) is str:
        return {"type": "IRI", "value": term}
    if type(term) is Blank:
        return {"type": "blank node", "value": f"_:{term}"}
    if type(term) is not Lit:
        raise ValueError(f"JSON-LD 1.1 has no triple terms: {term}")
    value, datatype, language = term
    literal = {"type": "literal", "value": value, "datatype": datatype}
    if language:
        literal["language"] = language
    return literal


def _pyld_triple(row: Row) -> dict[str, dict[str, str]]:
    subject, predicate, obj = row
    return {"subject": _pyld_term(subject), "predicate": _pyld_term(predicate), "object": _pyld_term(obj)}


def _refuse_remote(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    from pyld.jsonld import JsonLdError

    raise JsonLdError(f"refusing to load the remote document {url}", "newsld.remote_context_refused")
