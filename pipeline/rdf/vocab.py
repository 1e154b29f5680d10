"""Namespaces and the IRI scheme: every IRI newsld writes is a plain `str` made here.

| thing                  | IRI                                   |
|------------------------|---------------------------------------|
| article                | {base}article/{slug}                  |
| paragraph n            | {base}article/{slug}#paragraph-{n}    |
| quote k                | {base}article/{slug}#quote-{k}        |
| how quote k was credited | {base}article/{slug}#quote-{k}-attribution |
| an attribution rule    | {base}software/newsld/{version}#attribution-{rule} |
| numbered source s      | {base}article/{slug}#source-{s}       |
| person / organisation  | {base}person/{id} / {base}organization/{id} |
| its input file / build  | {base}article/{slug}#input / #build   |
| the dataset (void.ttl)  | {base}dataset, parts {base}dataset#…   |
| named graph            | the article IRI; an entity's own IRI   |

Code that works on rdflib graphs (the pySHACL adapter, tests) makes rdflib terms of these
strings where it needs them (`pipeline.rdf.as_rdflib`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.source.catalogue import Entity


class Vocabulary:
    """The IRIs of one namespace as plain strings, each made once: `SCHEMA.hasPart`, `VOID["class"]`.

    `str(SCHEMA)` is the namespace itself. Not a `str` subclass, so that a term such as
    `DCTERMS.title` is never mistaken for a string method.
    """

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace

    def __str__(self) -> str:
        return self._namespace

    def __repr__(self) -> str:
        return f"Vocabulary({self._namespace!r})"

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        iri = self._namespace + name
        setattr(self, name, iri)  # found as a plain attribute from now on
        return iri

    def __getitem__(self, name: str) -> str:
        return self._namespace + name


SCHEMA = Vocabulary("http://schema.org/")
CITO = Vocabulary("http://purl.org/spar/cito/")
PROV = Vocabulary("http://www.w3.org/ns/prov#")
NIF = Vocabulary("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Vocabulary("http://www.w3.org/ns/shacl#")
SPDX = Vocabulary("http://spdx.org/rdf/terms#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")
RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
DCTERMS = Vocabulary("http://purl.org/dc/terms/")
DCAT = Vocabulary("http://www.w3.org/ns/dcat#")
VOID = Vocabulary("http://rdfs.org/ns/void#")

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


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of one base (which ends in '/'), as plain strings."""

    base: str

    def article(self, slug: str) -> str:
        return f"{self.base}article/{slug}"

    def paragraph(self, slug: str, position: int) -> str:
        return f"{self.base}article/{slug}#paragraph-{position}"

    def quote(self, slug: str, number: int) -> str:
        return f"{self.base}article/{slug}#quote-{number}"

    def attribution(self, slug: str, number: int) -> str:
        """How quotation `number` came to be credited to its speaker (a prov:Attribution)."""
        return f"{self.base}article/{slug}#quote-{number}-attribution"

    def rule(self, version: str, rule: str) -> str:
        """An attribution rule (`cue:said-X`, `pronoun`, `editor`…) of a version of newsld: a part of
        that software's document, so the IRI resolves to its page."""
        slug = rule.lower().removesuffix(":") + ("-colon" if rule.endswith(":") else "")
        return f"{self.software(version)}#attribution-" + slug.replace(":", "-")

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

    def page(self, iri: str) -> str:
        """The web page `newsld site` publishes for a document or thing under the base: its IRI + .html."""
        return f"{iri}.html"

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
