"""A graph's triples twice: as pyoxigraph Triples for pyoxigraph's writers, and as plain Python rows.

Reading a pyoxigraph term's attribute makes a new Python object each time (a literal's `.value`
copies its text, 0.2-2 µs), and a build reads every triple several times: to order it, for the
JSON-LD tree and its context, for the prefixes, for the dataset's counts. It reads rows instead,
made once: an IRI is a `str`, a blank node a `Blank` (a str subclass), a literal a `Lit`, and an
RDF 1.2 triple term stays a pyoxigraph Triple. `graph.article_triples` makes the rows directly;
triples read from a file are decomposed once (`Statements.of`).

>>> Statements.of(ox.parse(path="output/fiverr-ceo-ai-warning.ttl")).sorted().rows[0]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pyoxigraph as ox

from pipeline.sorting import natural_key

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Blank(str):
    """A blank node, by its label (without `_:`)."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: its lexical form, its datatype IRI and its language tag ("" for none)."""

    value: str
    datatype: str = XSD_STRING
    language: str = ""


Term = str | Lit | ox.Triple  # an IRI (a plain str), a Blank, a Lit, or a triple term
Row = tuple[Term, str, Term]  # subject (an IRI, a Blank, or a triple term), predicate IRI, object


@dataclass(frozen=True)
class Statements:
    """The same triples as pyoxigraph Triples and as rows, position for position."""

    triples: list[ox.Triple]
    rows: list[Row]

    @classmethod
    def of(cls, triples: Iterable[ox.Triple | ox.Quad]) -> Statements:
        """Triples (or the triples of quads) read from pyoxigraph, decomposed once."""
        kept = [t.triple if isinstance(t, ox.Quad) else t for t in triples]
        return cls(kept, [(_plain(t.subject), t.predicate.value, _plain(t.object)) for t in kept])

    @classmethod
    def made(cls, rows: Sequence[Row]) -> Statements:
        """Rows made in Python, with their pyoxigraph Triples (each IRI made into a NamedNode once)."""
        named: dict[str, Any] = {}

        def node(term: Any) -> Any:
            kind = type(term)
            if kind is str:
                found = named.get(term)
                if found is None:
                    found = named[term] = ox.NamedNode(term)
                return found
            if kind is Lit:
                if term.language:
                    return ox.Literal(term.value, language=term.language)
                if term.datatype == XSD_STRING:
                    return ox.Literal(term.value)
                return ox.Literal(term.value, datatype=node(term.datatype))
            if kind is Blank:
                return ox.BlankNode(term)
            return term  # a triple term

        return cls([ox.Triple(node(s), node(p), node(o)) for s, p, o in rows], list(rows))

    def sorted(self) -> Statements:
        """The same statements in canonical order (`canonical_order`)."""
        order = canonical_order(self.rows)
        return Statements([self.triples[i] for i in order], [self.rows[i] for i in order])

    def __len__(self) -> int:
        return len(self.rows)


def statements(triples: Statements | Iterable[ox.Triple]) -> Statements:
    """`triples` as Statements (decomposed when they are pyoxigraph Triples)."""
    return triples if isinstance(triples, Statements) else Statements.of(triples)


def _plain(term: Any) -> Term:
    kind = type(term)
    if kind is ox.NamedNode:
        return term.value  # type: ignore[no-any-return]
    if kind is ox.Literal:
        return Lit(term.value, term.datatype.value, term.language or "")
    if kind is ox.BlankNode:
        return Blank(term.value)
    return term  # type: ignore[no-any-return]


def canonical_order(rows: Sequence[Row]) -> list[int]:
    """The positions of `rows` in canonical order: by subject, predicate and object, each by
    `term_key`, ties kept in the order given.

    The same order as `sorted` with that three-part key, cheaper: rows are grouped by their subject
    and predicate keys (each distinct term keyed once, equal keys numbered alike), and objects are
    keyed only where a group has more than one row: a long text (an article body) is rarely
    compared, and never keyed then.
    """
    numbers: dict[tuple[Any, ...], int] = {}  # a key -> its number: equal keys (p-1, p-01) group together
    subjects: dict[Any, int] = {}
    predicates: dict[str, int] = {}
    groups: dict[tuple[int, int], list[int]] = {}
    for position, (subject, predicate, _) in enumerate(rows):
        s = subjects.get(subject)
        if s is None:
            s = subjects[subject] = numbers.setdefault(term_key(subject), len(numbers))
        p = predicates.get(predicate)
        if p is None:
            p = predicates[predicate] = numbers.setdefault(predicate_key(predicate), len(numbers))
        members = groups.get((s, p))
        if members is None:
            groups[(s, p)] = [position]
        else:
            members.append(position)
    keys = {number: key for key, number in numbers.items()}
    order: list[int] = []
    for group in sorted(groups, key=lambda g: (keys[g[0]], keys[g[1]])):
        members = groups[group]
        if len(members) > 1:
            members.sort(key=lambda i: term_key(rows[i][2]))
        order.extend(members)
    return order


def term_key(term: Term) -> tuple[Any, ...]:
    """A term's place in canonical order: IRIs, then blank nodes, then literals (by datatype,
    language, then value), each by `natural_key`; triple terms last."""
    kind = type(term)
    if kind is str:
        return (0, natural_key(term))  # type: ignore[arg-type]
    if kind is Lit:
        return (2, term[1], term[2], natural_key(term[0]))
    if kind is Blank:
        return (1, natural_key(term))  # type: ignore[arg-type]
    return (3, str(term))


def predicate_key(predicate: str) -> tuple[Any, ...]:
    """rdf:type first, then the others by `natural_key`."""
    return (0, ()) if predicate == RDF_TYPE else (1, natural_key(predicate))
