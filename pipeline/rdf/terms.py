"""The build's term model: RDF terms as plain Python values, cheap to make and to read.

An IRI is a `str`, a blank node a `Blank` (a str subclass), a literal a `Lit`, and an RDF 1.2
triple term stays a pyoxigraph Triple. A row is one triple of them. Conversions to the libraries'
own terms live in one module each: `as_oxigraph` and `as_rdflib`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from pipeline.rdf.vocab import RDF, XSD

if TYPE_CHECKING:
    import pyoxigraph as ox

RDF_TYPE = RDF.type
XSD_STRING = XSD.string
XSD_INTEGER = XSD.integer
XSD_DATE = XSD.date
XSD_DATE_TIME = XSD.dateTime
LANG_STRING = RDF.langString
# Datatypes whose literals are written without a datatype in Turtle and JSON-LD.
IMPLICIT_DATATYPES = frozenset({XSD_STRING, LANG_STRING})


class Blank(str):
    """A blank node, by its label (without `_:`)."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: its lexical form, its datatype IRI and its language tag ("" for none)."""

    value: str
    datatype: str = XSD_STRING
    language: str = ""


Term: TypeAlias = "str | Lit | ox.Triple"  # an IRI (a plain str), a Blank, a Lit, or a triple term
Row: TypeAlias = "tuple[Term, str, Term]"  # subject (an IRI, a Blank, or a triple term), predicate IRI, object
