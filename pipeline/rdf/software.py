"""The software's own document: what newsld is, and what each attribution rule it applies means.

An article's file carries the part its triples use (the software that built it, the rules its
quotations were credited by); the dataset and the store publish it whole (`software_rows`), so that
it does not depend on which articles happen to use which rule: an edit never changes it, and a
build never has to read every article to know it.
"""

from __future__ import annotations

from pipeline._version import __version__
from pipeline.rdf.terms import RDF_TYPE, Lit
from pipeline.rdf.vocab import DCTERMS, PROV, SCHEMA, Iris
from pipeline.text.speakers import RULES

Statement = tuple[str, str, "str | Lit"]


def about_software(software: str, version: str) -> list[Statement]:
    """What the software is."""
    return [
        (software, RDF_TYPE, PROV.SoftwareAgent),
        (software, RDF_TYPE, SCHEMA.SoftwareApplication),
        (software, SCHEMA.name, Lit("newsld")),
        (software, SCHEMA.softwareVersion, Lit(version)),
    ]


def about_rule(rule: str, code: str) -> list[Statement]:
    """What an attribution rule is (`rule` is its IRI, a part of the software's document)."""
    return [
        (rule, RDF_TYPE, DCTERMS.Standard),
        (rule, RDF_TYPE, SCHEMA.DefinedTerm),
        (rule, SCHEMA.termCode, Lit(code)),
        (rule, SCHEMA.description, Lit(RULES[code])),
    ]


def software_rows(iris: Iris, version: str) -> list[Statement]:
    """The software's document whole: what it is and every attribution rule it applies."""
    rows = about_software(iris.software(version), version)
    for code in RULES:
        rows += about_rule(iris.rule(version, code), code)
    return rows


def software_document(iri: str) -> list[Statement] | None:
    """`software_rows` of the software that `iri` names, if it is this version of newsld under some
    base (`{base}software/newsld/{version}`); None for anything else (another version's rules are
    not known here)."""
    base, found, version = iri.rpartition("software/newsld/")
    if not found or version != __version__:
        return None
    return software_rows(Iris(base), version)
