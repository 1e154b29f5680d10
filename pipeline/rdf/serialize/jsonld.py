"""The article's JSON-LD tree, built directly: what pyld's framing makes of our graphs, without pyld.

It follows the JSON-LD 1.1 framing and compaction rules for the shapes our graphs have (IRIs
only, no blank nodes, one root of the given type): nodes are embedded once, at their first
reference in a depth-first walk that visits properties in the order of their full IRIs and
values in triple order; later references are `{"@id": …}`; properties, types and IRIs are
compacted with the inline context (terms, `@vocab`, then the shortest prefix); `@set` terms are
always arrays; xsd:integer literals are JSON numbers; literals of a term's coerced datatype are
plain strings. When a graph has a shape these rules are not
written for, `tree` returns None and the caller uses pyld, which stays the oracle in the tests.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.rdf.terms import RDF_TYPE, Lit, Row, Term

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = f"{_XSD}string"
_XSD_INTEGER = f"{_XSD}integer"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_CANONICAL_INTEGER = re.compile(r"^[+-]?[0-9]+$")


class _Context:
    """Compaction against one inline context (the dict `publish.jsonld_context` makes)."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.vocab: str = context.get("@vocab", "")
        self.prefixes = {name: value for name, value in context.items() if isinstance(value, str) and name[0] != "@"}
        # property IRI -> (term, @type: @id or a coerced datatype or None, is @set)
        self.terms: dict[str, tuple[str, str | None, bool]] = {}
        self._compacted: dict[tuple[str, bool], str] = {}  # IRIs repeat: compact each once
        # a class with a type-scoped context (JSON-LD 1.1): its term, and the context its nodes use
        self.classes: dict[str, str] = {}
        self.scoped: dict[str, _Context] = {}
        for name, value in context.items():
            if isinstance(value, dict) and "@context" in value:
                self.classes[value["@id"]] = name
                outer = {key: v for key, v in context.items() if not (isinstance(v, dict) and "@context" in v)}
                self.scoped[value["@id"]] = _Context({**outer, **value["@context"]})
            elif isinstance(value, dict):
                self.terms[value["@id"]] = (name, value.get("@type"), value.get("@container") == "@set")
            elif isinstance(value, str) and name[0] != "@" and not value.endswith(("/", "#")):
                self.terms[value] = (name, None, False)

    def iri(self, iri: str, *, vocab: bool) -> str:
        """An IRI as a @vocab-relative name (for types), else the shortest compact IRI, else itself."""
        key = (iri, vocab)
        found = self._compacted.get(key)
        if found is None:
            found = self._compacted[key] = self._compact(iri, vocab=vocab)
        return found

        for scoped in self.scoped.values():
            scoped.classes = self.classes

    def for_node(self, types: list[Term] | None) -> _Context:
        """The context a node's own properties use: its class's scoped one, if it has one."""
        for cls in types or ():
            if type(cls) is str and cls in self.scoped:
                return self.scoped[cls]
        return self

    def _compact(self, iri: str, *, vocab: bool) -> str:
        if vocab and iri in self.classes:
            return self.classes[iri]
        if vocab and iri.startswith(self.vocab) and len(iri) > len(self.vocab):
            suffix = iri[len(self.vocab) :]
            if suffix not in self.prefixes and ":" not in suffix and suffix not in {t[0] for t in self.terms.values()}:
                return suffix
        best: str | None = None
        for name, namespace in self.prefixes.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                candidate = f"{name}:{iri[len(namespace) :]}"
                if best is None or (len(candidate), candidate) < (len(best), best):
                    best = candidate
        return best or iri

    def property(self, iri: str, values: list[Term]) -> tuple[str, str | None, bool] | None:
        """(key, "@id" or the datatype the values are written without, always an array); None when no rule fits."""
        term = self.terms.get(iri)
        if term is not None:
            name, coerced, is_set = term
            if coerced == "@id" and not all(type(v) is str for v in values):
                return None
            if coerced not in (None, "@id") and not all(
                type(v) is Lit and v.datatype == coerced and not v.language for v in values
            ):
                return None
            return name, coerced, is_set
        if iri.startswith(self.vocab) and len(iri) > len(self.vocab):
            suffix = iri[len(self.vocab) :]
            if ":" not in suffix and suffix not in self.prefixes:
                return suffix, None, False
        return self.iri(iri, vocab=False), None, False


def tree(
    rows: list[Row], context: dict[str, Any], root_type: str, always: set[str] | None = None
) -> dict[str, Any] | None:
    """The framed, compacted tree rooted at the one node of `root_type`, or None (use pyld).

    The root's properties in `always` (full IRIs) embed their values in full even when the tree
    has described them already (a frame's `"@embed": "@always"` on those properties)."""
    nodes: dict[str, dict[str, list[Term]]] = {}
    for subject, predicate, obj in rows:
        if type(subject) is not str or (type(obj) is not str and type(obj) is not Lit):
            return None  # a blank node or a triple term
        values = nodes.setdefault(subject, {}).setdefault(predicate, [])
        if obj not in values:
            values.append(obj)
    roots = [iri for iri, props in nodes.items() if root_type in props.get(RDF_TYPE, [])]
    if len(roots) != 1:
        return None
    compactor = _Context(context)
    embedded: set[str] = set()
    try:
        body = _embed(roots[0], nodes, compactor, embedded, always or set())
    except _Unshaped:
        return None
    return {"@context": context, **body}


class _Unshaped(Exception):
    """A value these rules do not cover."""


def _embed(
    iri: str,
    nodes: dict[str, dict[str, list[Term]]],
    ctx: _Context,
    embedded: set[str],
    always: set[str] = frozenset(),  # type: ignore[assignment]
    stack: tuple[str, ...] = (),
    everywhere: bool = False,
) -> dict[str, Any]:
    """`iri`'s node with its properties; `stack` holds the nodes being embedded around it. With
    `everywhere` (below a property in `always`) every node is embedded, as `@embed: @always`
    does, unless it is one of the nodes around it but its parent (pyld's circular-reference rule)."""
    embedded.add(iri)
    stack = (*stack, iri)
    out: dict[str, Any] = {"@id": ctx.iri(iri, vocab=False)}
    properties = nodes[iri]
    types = properties.get(RDF_TYPE)
    if types:
        names = [ctx.iri(t, vocab=True) for t in types if type(t) is str]
        out["@type"] = names[0] if len(names) == 1 else names
    local = ctx.for_node(types)  # type-scoped: its own properties only, not the nodes below
    for predicate in sorted(p for p in properties if p != RDF_TYPE):
        values = properties[predicate]
        shaped = local.property(predicate, values)
        if shaped is None:
            raise _Unshaped(predicate)
        key, coerced, is_set = shaped
        if key in out:
            raise _Unshaped(key)  # two properties compact to one key
        inner = everywhere or predicate in always
        items = [_value(v, nodes, ctx, embedded, coerced, stack, inner) for v in values]
        out[key] = items if is_set or len(items) > 1 else items[0]
    return out


def _value(
    term: Term,
    nodes: dict[str, dict[str, list[Term]]],
    ctx: _Context,
    embedded: set[str],
    coerced: str | None,
    stack: tuple[str, ...] = (),
    everywhere: bool = False,
) -> Any:
    if type(term) is str:
        if coerced == "@id":
            return ctx.iri(term, vocab=False)
        if term in nodes and (term not in embedded or (everywhere and term not in stack[:-1])):
            return _embed(term, nodes, ctx, embedded, stack=stack, everywhere=everywhere)
        return {"@id": ctx.iri(term, vocab=False)}
    if type(term) is Lit:
        value, datatype, language = term
        if coerced is not None:
            return value  # property() checked that the datatype is the coerced one
        if language:
            return {"@language": language, "@value": value}
        if datatype == _XSD_STRING:
            return value
        if datatype == _XSD_INTEGER and _CANONICAL_INTEGER.match(value):
            return int(value)
        if datatype == _LANG_STRING or datatype.startswith(f"{_XSD}double") or datatype == f"{_XSD}boolean":
            raise _Unshaped(datatype)  # native doubles and booleans: leave them to pyld
        return {"@type": ctx.iri(datatype, vocab=True), "@value": value}
    raise _Unshaped(str(term))
