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
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from pipeline.sorting import natural_key
from pipeline.vocab import CITO, NIF, RDF, SCHEMA

# JSON-LD is often pasted into <script type="application/ld+json">: escape what could end the script
# element or confuse an HTML or JavaScript parser. The JSON stays the same JSON.
SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SETS = ("about", "alternateName", "citation", "hasPart", "mentions")
_RDF_TYPE = str(RDF.type)
# Literal datatypes a context term may coerce: their values are then plain strings in the JSON.
_COERCED = {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#dateTime"}
_IMPLICIT_DATATYPES = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}


def jsonld_context(triples: list[ox.Triple], prefixes: dict[str, str]) -> dict[str, Any]:
    """The inline JSON-LD context of an article file, made to be pasted into a web page as it is.

    schema.org terms are plain names and the vocabularies' prefixes are declared, but no prefix is
    declared for the data's own IRIs, so every `@id` is an absolute IRI. A schema.org property whose
    literal values all have one datatype (`datePublished`: xsd:date) is coerced to it in the
    context, so the value is a plain ISO 8601 string and the RDF keeps its datatype.
    """
    vocabulary, coercible = _context_facts(triples)
    used = _prefixes_of(vocabulary, prefixes)
    return {
        "@vocab": str(SCHEMA),
        **{name: namespace for name, namespace in used.items() if name},
        **{name: {"@id": str(SCHEMA[name]), "@type": datatype} for name, datatype in coercible.items()},
        "url": {"@id": str(SCHEMA.url), "@type": "@id"},
        "image": {"@id": str(SCHEMA.image), "@type": "@id"},
        "sameAs": {"@id": str(SCHEMA.sameAs), "@type": "@id", "@container": "@set"},
        # Properties that may hold several values are always arrays, so consumers need not check.
        **{name: {"@id": str(SCHEMA[name]), "@container": "@set"} for name in _SETS},
        "cites": {"@id": str(CITO.cites), "@container": "@set"},
        "beginIndex": str(NIF.beginIndex),
        "endIndex": str(NIF.endIndex),
    }


def _context_facts(triples: list[ox.Triple]) -> tuple[set[str], dict[str, str]]:
    """In one pass: the vocabulary IRIs (predicates, classes, datatypes; not the data's own IRIs),
    and the schema.org properties (local name -> datatype) whose every value is a literal of one
    coercible datatype."""
    vocabulary: set[str] = set()
    kinds: dict[str, set[str]] = {}
    schema = str(SCHEMA)
    for triple in triples:
        predicate, obj = triple.predicate.value, triple.object
        if predicate != _RDF_TYPE:
            vocabulary.add(predicate)
        elif isinstance(obj, ox.NamedNode):
            vocabulary.add(obj.value)
        kind = "-"
        if isinstance(obj, ox.Literal):
            datatype = obj.datatype.value
            if datatype not in _IMPLICIT_DATATYPES:
                vocabulary.add(datatype)
            if not obj.language:
                kind = datatype
        if predicate.startswith(schema):
            kinds.setdefault(predicate[len(schema) :], set()).add(kind)
    coercible = {
        name: next(iter(found))
        for name, found in sorted(kinds.items())
        if len(found) == 1 and next(iter(found)) in _COERCED and name not in _SETS
    }
    return vocabulary, coercible


def to_oxigraph(graph: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph terms, in canonical order."""
    return sort_triples(oxigraph_triples(graph))


def oxigraph_triples(graph: Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph terms, in no particular order (for a validator, not a file)."""
    named: dict[Node, ox.NamedNode] = {}  # IRIs repeat (predicates, classes, subjects): convert each once

    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if type(node) is URIRef:
            found = named.get(node)
            if found is None:
                found = named[node] = ox.NamedNode(node)
            return found
        return _term(node)

    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in graph]  # type: ignore[arg-type]


def sort_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples in canonical order: by subject, predicate, object, each by `_term_key`.

    The same order as `sorted` with that three-part key, cheaper: triples are grouped by their
    subject and predicate keys (each term keyed once), and objects are keyed only where a group
    has more than one: a long text (an article body) is rarely compared, and never keyed then.
    """
    keys: dict[Any, tuple[Any, ...]] = {}
    predicate_keys: dict[str, tuple[Any, ...]] = {}
    groups: dict[tuple[Any, ...], list[ox.Triple]] = {}
    for triple in triples:
        subject, predicate = triple.subject, triple.predicate.value
        subject_key = keys.get(subject)
        if subject_key is None:
            subject_key = keys[subject] = _term_key(subject)
        predicate_key = predicate_keys.get(predicate)
        if predicate_key is None:
            predicate_key = predicate_keys[predicate] = _predicate_key(predicate)
        groups.setdefault((subject_key, predicate_key), []).append(triple)
    ordered: list[ox.Triple] = []
    for group in sorted(groups):
        members = groups[group]
        if len(members) > 1:
            members.sort(key=lambda t: _term_key(t.object))
        ordered.extend(members)
    return ordered


def _term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, RdfLiteral):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"cannot convert {node!r}")


def _term_key(term: Any) -> tuple[Any, ...]:
    if isinstance(term, ox.NamedNode):
        return (0, natural_key(term.value))
    if isinstance(term, ox.BlankNode):
        return (1, natural_key(term.value))
    return (2, term.datatype.value, term.language or "", natural_key(term.value))


def _predicate_key(predicate: str) -> tuple[Any, ...]:
    return (0, ()) if predicate == _RDF_TYPE else (1, natural_key(predicate))


def used_prefixes(triples: list[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes some IRI in `triples` starts with, sorted by name (rdf:type is written "a")."""
    predicates = {t.predicate.value for t in triples}
    objects = {t.object for t in triples}
    iris = {o.datatype.value for o in objects if isinstance(o, ox.Literal)} - _IMPLICIT_DATATYPES
    iris.update(t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode))
    iris.update(o.value for o in objects if isinstance(o, ox.NamedNode))
    iris.update(predicates - {_RDF_TYPE})
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


def turtle(triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Turtle with the used prefixes sorted by name, triples in canonical order, a blank line per subject.

    pyoxigraph escapes line breaks inside literals, so every line that does not start with a tab
    starts a subject: that is what makes the blank lines safe to add.
    """
    used = used_prefixes(triples, prefixes)
    body = serialized(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used)).decode("utf-8")
    statements = [line for line in body.split("\n") if line and not line.startswith("@prefix ")]
    header = [f"@prefix {name}: <{namespace}> ." for name, namespace in used.items()]
    lines = [*header]
    for line in statements:
        if not line.startswith("\t"):
            lines.append("")
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialized(data: bytes | None) -> bytes:
    """pyoxigraph's serialize returns bytes when not given an output; say so to the type checker."""
    assert data is not None
    return data


def ntriples(triples: list[ox.Triple]) -> bytes:
    return serialized(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def jsonld(triples: list[ox.Triple], prefixes: dict[str, str], root_type: str = "NewsArticle") -> bytes:
    """One JSON-LD tree rooted at the node of `root_type`, with an inline context, keys sorted.

    The tree is built directly (`jsonld_tree`); a graph it has no rule for is framed by pyld.
    """
    from pipeline.jsonld_tree import tree

    context = jsonld_context(triples, prefixes)
    direct = tree(triples, context, str(SCHEMA[root_type]))
    if direct is None:
        return _dump(_framed(triples, context, root_type))
    # The direct tree holds strings, integers, lists and objects only; on those orjson writes what
    # json.dumps writes (a test compares them on any text), 10x faster: json's indenting encoder is
    # pure Python. An integer beyond 64 bits it refuses: the json module writes that tree.
    try:
        text = orjson.dumps(direct, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode("utf-8")
    except orjson.JSONEncodeError:
        return _dump(direct)
    return (script_safe(text) + "\n").encode("utf-8")


def jsonld_framed(triples: list[ox.Triple], prefixes: dict[str, str], root_type: str = "NewsArticle") -> bytes:
    """The same document made by pyld's JSON-LD framing: the oracle the direct tree is tested against."""
    return _dump(_framed(triples, jsonld_context(triples, prefixes), root_type))


def _framed(triples: list[ox.Triple], context: dict[str, Any], root_type: str) -> Any:
    from pyld import jsonld as pyld

    # Hand pyld its RDF dataset structure rather than N-Quads text: its N-Quads parser checks for
    # duplicates in quadratic time, and splits lines at U+2028, which breaks literals that hold one.
    expanded = pyld.from_rdf({"@default": [_pyld_triple(t) for t in triples]}, {"useNativeTypes": True})
    return pyld.frame(
        expanded, {"@context": context, "@type": root_type}, {"omitGraph": True, "documentLoader": _refuse_remote}
    )


def _dump(document: Any) -> bytes:
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (script_safe(text) + "\n").encode("utf-8")


def script_safe(text: str) -> str:
    """JSON text with the characters that could end a script element or confuse a JavaScript parser
    written as JSON escapes (str.replace per character: 20x faster than str.translate here)."""
    for character, escaped in SCRIPT_UNSAFE:
        if character in text:
            text = text.replace(character, escaped)
    return text


def _pyld_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "IRI", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "blank node", "value": f"_:{term.value}"}
    literal = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        literal["language"] = term.language
    return literal


def _pyld_triple(triple: ox.Triple) -> dict[str, dict[str, str]]:
    return {
        "subject": _pyld_term(triple.subject),
        "predicate": _pyld_term(triple.predicate),
        "object": _pyld_term(triple.object),
    }


def _refuse_remote(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    from pyld.jsonld import JsonLdError

    raise JsonLdError(f"refusing to load the remote document {url}", "newsld.remote_context_refused")
