"""The data's namespaces as rdflib terms, for tests that read graphs with rdflib.

newsld itself mints plain strings (`pipeline.rdf.vocab`); these are the same IRIs.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, SH, VOID, XSD

from pipeline.rdf import vocab

SCHEMA = Namespace(str(vocab.SCHEMA))
CITO = Namespace(str(vocab.CITO))
NIF = Namespace(str(vocab.NIF))

assert str(PROV) == str(vocab.PROV) and str(SH) == str(vocab.SH) and str(VOID) == str(vocab.VOID)
assert str(DCAT) == str(vocab.DCAT) and str(DCTERMS) == str(vocab.DCTERMS) and str(XSD) == str(vocab.XSD)

__all__ = ["CITO", "DCAT", "DCTERMS", "NIF", "PROV", "RDF", "SCHEMA", "SH", "VOID", "XSD"]
