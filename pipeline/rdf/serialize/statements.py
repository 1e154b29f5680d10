"""A graph's triples twice: as pyoxigraph Triples for pyoxigraph's writers, and as plain Python rows.

Reading a pyoxigraph term's attribute makes a new Python object each time (a literal's `.value`
copies its text), and a build reads every triple several times: to order it, for the
JSON-LD tree and its context, for the prefixes, for the dataset's counts. It reads rows instead,
made once: an IRI is a `str`, a blank node a `Blank` (a str subclass), a literal a `Lit`, and an
RDF 1.2 triple term stays a pyoxigraph Triple. `graph.article_triples` makes the rows directly;
triples read from a file are decomposed once (`Statements.of`).

>>> Statements.of(ox.parse(path="output/fiverr-ceo-ai-warning.ttl")).sorted().rows[0]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any

import pyoxigraph as ox

from pipeline.io.sorting import natural_key
from pipeline.rdf import as_oxigraph
from pipeline.rdf.terms import RDF_TYPE, Blank, Lit, Row, Term


class Statements:
    """The same triples as rows and as pyoxigraph Triples, position for position; the Triples of
    rows made in Python are made when first asked for (the build writes its files from the rows,
    `serialize.turtle`, and needs none)."""

    def __init__(self, rows: list[Row], triples: list[ox.Triple] | None = None) -> None:
        self.rows = rows
        self._triples = triples
        self._lines: list[str] | None = None
        self._lines_made = False

    @classmethod
    def of(cls, triples: Iterable[ox.Triple | ox.Quad]) -> Statements:
        """Triples (or the triples of quads) read from pyoxigraph, decomposed once."""
        kept = [t.triple if isinstance(t, ox.Quad) else t for t in triples]
        return cls(as_oxigraph.rows(kept), kept)

    @property
    def triples(self) -> list[ox.Triple]:
        """The rows as pyoxigraph Triples (each IRI made into a NamedNode once)."""
        if self._triples is None:
            self._triples = as_oxigraph.triples(self.rows)
        return self._triples

    def ntriples_lines(self) -> list[str] | None:
        """Each row's N-Triples line (`serialize.turtle.ntriples_lines`), written once: a build hands them to
        the validator, then to the dataset. None when a row holds a triple term."""
        if not self._lines_made:
            from pipeline.rdf.serialize.turtle import ntriples_lines

            self._lines, self._lines_made = ntriples_lines(self.rows), True
        return self._lines

    def sorted(self) -> Statements:
        """The same statements in canonical order (`canonical_order`), with what was made of them."""
        order = canonical_order(self.rows)
        ordered = Statements([self.rows[i] for i in order])
        if self._triples is not None:
            ordered._triples = [self._triples[i] for i in order]
        if self._lines_made:
            lines = self._lines
            ordered._lines, ordered._lines_made = None if lines is None else [lines[i] for i in order], True
        return ordered

    def __len__(self) -> int:
        return len(self.rows)


def statements(triples: Statements | Iterable[ox.Triple]) -> Statements:
    """`triples` as Statements (decomposed when they are pyoxigraph Triples)."""
    return triples if isinstance(triples, Statements) else Statements.of(triples)


def canonical_order(rows: Sequence[Row]) -> list[int]:
    """The positions of `rows` in canonical order: by subject, predicate and object, each by
    `term_key`, ties kept in the order given.

    The same order as `sorted` with that three-part key, cheaper: the distinct subjects and
    predicates are keyed and ranked once each (equal keys, such as those of p-1 and p-01, rank
    alike), rows are grouped by the two ranks, and objects are keyed only where a group has more
    than one row: a long text (an article body) is rarely compared, and never keyed then.
    """
    subjects: dict[Any, None] = {}
    predicates: dict[str, None] = {}
    groups: dict[tuple[Any, str], list[int]] = {}
    for position, (subject, predicate, _) in enumerate(rows):
        members = groups.get((subject, predicate))
        if members is None:
            groups[(subject, predicate)] = [position]
            subjects[subject] = None
            predicates[predicate] = None
        else:
            members.append(position)
    subject_rank = _ranks(subjects, term_key)
    predicate_rank = _ranks(predicates, predicate_key)
    merged: dict[tuple[int, int], list[int]] = {}
    for (subject, predicate), members in groups.items():
        rank = (subject_rank[subject], predicate_rank[predicate])
        if rank in merged:  # two subjects or predicates with equal keys: one group, in the order given
            merged[rank] = sorted(merged[rank] + members)
        else:
            merged[rank] = members
    order: list[int] = []
    for rank in sorted(merged):
        members = merged[rank]
        if len(members) > 1:
            members.sort(key=lambda i: term_key(rows[i][2]))
        order.extend(members)
    return order


def _ranks(terms: Iterable[Any], key: Callable[[Any], tuple[Any, ...]]) -> dict[Any, int]:
    """Each term's place among `terms` by `key`; terms with equal keys share one."""
    ranks: dict[Any, int] = {}
    previous: Any = _NOTHING
    rank = -1
    for keyed, term in sorted(((key(term), term) for term in terms), key=itemgetter(0)):
        if keyed != previous:
            rank, previous = rank + 1, keyed
        ranks[term] = rank
    return ranks


_NOTHING = object()


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
