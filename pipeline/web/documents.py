"""The site's data files besides the articles' own, and what it tells the editor.

An entity's Turtle, JSON-LD and N-Triples (its graph and those it links to), the dataset's VoID
description in three formats, whether an article has an instant (the Atom feed needs one), and
the warnings a run prints about the cards it keeps.
"""

from __future__ import annotations

import pyoxigraph as ox

from pipeline.rdf.serialize import publish
from pipeline.rdf.vocab import PREFIXES
from pipeline.web.listing import Listing


def timed(iri: str, block: bytes) -> bool:
    """Whether an article's block gives it a datePublished or dateModified with a time of day."""
    subject = f"<{iri}> ".encode()
    for line in block.splitlines():
        if line.startswith(subject) and b"XMLSchema#dateTime>" in line:
            predicate = line[len(subject) :].split(b" ", 1)[0]
            if predicate in (b"<http://schema.org/datePublished>", b"<http://schema.org/dateModified>"):
                return True
    return False


def notices(listing: Listing, has_feed: bool) -> list[str]:
    """What the editor is told about the whole site: articles the feed leaves out, images without alt text."""
    warnings = []
    undated, untimed, missing_alt = listing.undated, listing.untimed, listing.alt_missing
    if undated or untimed:
        left_out = len(undated) + len(untimed)
        named = [*undated[:5], *untimed[: 5 - min(5, len(undated))]]
        names = ", ".join(c.slug for c in named) + (f" and {left_out - 5} more" if left_out > 5 else "")
        why = []
        if undated:
            why.append(f"{len(undated)} have no date")
        if untimed:
            why.append(f"{len(untimed)} a date without a time")
        warnings.append(
            f"{left_out} of {len(listing)} articles are not in the Atom feed, which needs an instant for each"
            f" entry ({', '.join(why)}: {names}): set `date_published` (or `date_modified`) with a time and UTC"
            " offset in their sidecar .toml, e.g. 2025-04-08T09:30:00Z."
            + ("" if has_feed else " With no such article there is no feed.atom.")
        )
    if missing_alt:
        names = ", ".join(c.slug for c in missing_alt[:5]) + (
            f" and {len(missing_alt) - 5} more" if len(missing_alt) > 5 else ""
        )
        warnings.append(
            f'{len(missing_alt)} articles have a lead image without alt text, so their pages give it alt=""'
            f" ({names}): set `alt` in the [image] table of their sidecar .toml."
        )
    return warnings


def data_files(iri: str, base: str, kind: str, triples: list[ox.Triple]) -> dict[str, bytes]:
    """An entity's Turtle, JSON-LD and N-Triples: its own graph plus the graphs of what it links to."""
    ordered = publish.sort_triples(set(triples))
    prefixes = {
        **PREFIXES,
        "article": f"{base}article/",
        "person": f"{base}person/",
        "organization": f"{base}organization/",
    }
    return {
        ".ttl": publish.turtle(ordered, prefixes),
        ".jsonld": publish.jsonld(ordered, prefixes, kind),
        ".nt": publish.ntriples(ordered),
    }


def void_files(turtle: bytes) -> dict[str, bytes]:
    """The dataset's VoID description as the base's data: `void.ttl` as built, and its N-Triples and
    JSON-LD (one tree rooted at the void:Dataset), so that `/` negotiates like any document."""
    triples = publish.sort_triples(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    prefixes = {**PREFIXES, "void": "http://rdfs.org/ns/void#", "dcat": "http://www.w3.org/ns/dcat#"}
    return {
        "void.ttl": turtle,
        "void.nt": publish.ntriples(triples),
        "void.jsonld": publish.jsonld_framed(triples, prefixes, "void:Dataset"),
    }
