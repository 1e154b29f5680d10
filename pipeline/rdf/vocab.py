"""Namespaces and the IRI scheme.

| thing                  | IRI                                   |
|------------------------|---------------------------------------|
| article                | {base}article/{slug}                  |
| paragraph n            | {base}article/{slug}#paragraph-{n}    |
| quote k                | {base}article/{slug}#quote-{k}        |
| numbered source s      | {base}article/{slug}#source-{s}       |
| person / organisation  | {base}person/{id} / {base}organization/{id} |
| its input file / build  | {base}article/{slug}#input / #build   |
| the dataset (void.ttl)  | {base}dataset, parts {base}dataset#…   |
| named graph            | the article IRI; an entity's own IRI   |
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from pipeline.source.catalogue import Entity


class _Vocabulary(Namespace):
    """A Namespace that keeps each term it made: `SCHEMA.hasPart` costs 3 µs in rdflib (a new URIRef
    each time), and an article's graph asks for a few hundred."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found as a plain attribute from now on
        return term


SCHEMA = _Vocabulary("http://schema.org/")
CITO = _Vocabulary("http://purl.org/spar/cito/")
PROV = _Vocabulary("http://www.w3.org/ns/prov#")
NIF = _Vocabulary("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = _Vocabulary("http://www.w3.org/ns/shacl#")
SPDX = _Vocabulary("http://spdx.org/rdf/terms#")

PREFIXES: dict[str, str] = {
    "schema": str(SCHEMA),
    "cito": str(CITO),
    "prov": str(PROV),
    "nif": str(NIF),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "spdx": str(SPDX),
}

__all__ = ["CITO", "DCAT", "DCTERMS", "NIF", "PREFIXES", "PROV", "RDF", "SCHEMA", "SH", "SPDX", "VOID", "XSD", "Iris"]


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of one base (which ends in '/'), as plain strings (an rdflib URIRef costs 3 µs to make)."""

    base: str

    def article(self, slug: str) -> str:
        return f"{self.base}article/{slug}"

    def paragraph(self, slug: str, position: int) -> str:
        return f"{self.base}article/{slug}#paragraph-{position}"

    def quote(self, slug: str, number: int) -> str:
        return f"{self.base}article/{slug}#quote-{number}"

    def speaker(self, slug: str, number: int) -> str:
        """A speaker named in the article whom the catalogue lacks: local to the article, no identity claimed."""
        return f"{self.base}article/{slug}#speaker-{number}"

    def author(self, slug: str, number: int) -> str:
        """A byline name the catalogue lacks: local to the article, no identity claimed."""
        return f"{self.base}article/{slug}#author-{number}"

    def source(self, slug: str, number: int) -> str:
        return f"{self.base}article/{slug}#source-{number}"

    def input_file(self, slug: str) -> str:
        """The wire-format file an article was built from (PROV entity)."""
        return f"{self.base}article/{slug}#input"

    def build_activity(self, slug: str) -> str:
        """The newsld build that generated an article (PROV activity)."""
        return f"{self.base}article/{slug}#build"

    def dataset(self, part: str | None = None) -> str:
        """The dataset described in void.ttl, or one of its parts (`distribution-turtle`, `class-1`, …)."""
        return f"{self.base}dataset" + (f"#{part}" if part else "")

    def entity(self, entity: Entity) -> str:
        folder = "person" if entity.type == "Person" else "organization"
        return f"{self.base}{folder}/{entity.id}"

    def software(self, version: str) -> str:
        return f"{self.base}software/newsld/{version}"

    def prefixes(self, slug: str | None = None) -> dict[str, str]:
        """Prefixes for serializing: the vocabularies, our folders, and ':' for one article's parts."""
        ours = {
            "article": f"{self.base}article/",
            "person": f"{self.base}person/",
            "organization": f"{self.base}organization/",
        }
        if slug is not None:
            ours[""] = f"{self.base}article/{slug}#"
        return {**PREFIXES, **ours}
