"""The store's record of the build it mirrors: the build's id and the digest of each graph it holds.

The record lives in the store, in a graph of its own, so that it travels with the data (a copied
store folder, an `oxigraph serve` over it) and changes in the same update as the graphs it
describes:

    GRAPH <urn:newsld:state> {
        <https://newsld.example/> <urn:newsld:build> "832cb016…" .            # the dataset (its base)
        <https://newsld.example/article/x> <urn:newsld:sha256> "b4f86f9e…" .   # each graph it holds
    }

A graph's digest is the one `graphs.tsv` gives its block (`pipeline.builder.state`). The build
triple is there only while every digest is: an update that changes the store in several requests
takes it out first and puts the new one in last, so a load that stopped half-way leaves digests
that are each true and no build id (the next load compares digests). Queries over the union
default graph see these triples too (one per graph); the shipped queries match schema.org terms
and are not affected.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from pipeline.builder.graphs import SHARED_FOLDERS

RECORD = "urn:newsld:state"
BUILD = "urn:newsld:build"
SHA256 = "urn:newsld:sha256"

_RECORD, _BUILD, _SHA256 = ox.NamedNode(RECORD), ox.NamedNode(BUILD), ox.NamedNode(SHA256)


def _folders(base: str) -> list[str]:
    return [f"{base}{folder}" for folder in ("article/", *SHARED_FOLDERS)]


def _managed_filter(variable: str, base: str) -> str:
    tests = " || ".join(f"STRSTARTS(STR(?{variable}), {ox.Literal(prefix)})" for prefix in _folders(base))
    return f"FILTER({tests})"


def build_query(base: str) -> str:
    """SPARQL for the build id the store mirrors under `base` (no row: none)."""
    return f"SELECT ?build WHERE {{ GRAPH <{RECORD}> {{ <{base}> <{BUILD}> ?build }} }}"


def digests_query(base: str, limit: int, offset: int) -> str:
    """SPARQL for one page of the graphs the record lists under `base`, with their digests."""
    return (
        f"SELECT ?g ?sha WHERE {{ GRAPH <{RECORD}> {{ ?g <{SHA256}> ?sha }} {_managed_filter('g', base)} }}"
        f" ORDER BY ?g LIMIT {limit} OFFSET {offset}"
    )


def set_build(base: str, build: str | None) -> list[str]:
    """SPARQL Update operations that make the record's build id under `base` `build` (None: none)."""
    operations = [f"DELETE WHERE {{ GRAPH <{RECORD}> {{ <{base}> <{BUILD}> ?build }} }}"]
    if build is not None:
        operations.append(f"INSERT DATA {{ GRAPH <{RECORD}> {{ <{base}> <{BUILD}> {ox.Literal(build)} }} }}")
    return operations


def set_digests(digests: Mapping[str, str], unset: Iterable[str] = (), *, cleared: bool = False) -> list[str]:
    """SPARQL Update operations that forget the digests of `unset` and of every graph in `digests`,
    and record those `digests` (`cleared`: the record holds none of them, nothing to forget)."""
    forget = [] if cleared else sorted({*unset, *digests})
    operations = []
    if forget:
        values = " ".join(f"<{graph}>" for graph in forget)
        operations.append(
            f"DELETE {{ GRAPH <{RECORD}> {{ ?g <{SHA256}> ?sha }} }}"
            f" WHERE {{ VALUES ?g {{ {values} }} GRAPH <{RECORD}> {{ ?g <{SHA256}> ?sha }} }}"
        )
    if digests:
        lines = "\n".join(f"<{graph}> <{SHA256}> {ox.Literal(sha)} ." for graph, sha in sorted(digests.items()))
        operations.append(f"INSERT DATA {{ GRAPH <{RECORD}> {{\n{lines}\n}} }}")
    return operations


def forget_all(base: str) -> list[str]:
    """SPARQL Update operations that take the whole record under `base` out (digests and build)."""
    return [
        *set_build(base, None),
        f"DELETE {{ GRAPH <{RECORD}> {{ ?g <{SHA256}> ?sha }} }}"
        f" WHERE {{ GRAPH <{RECORD}> {{ ?g <{SHA256}> ?sha }} {_managed_filter('g', base)} }}",
    ]


def embedded_build(store: ox.Store, base: str) -> str | None:
    """The build id the embedded store's record names under `base`, or None."""
    for quad in store.quads_for_pattern(ox.NamedNode(base), _BUILD, None, _RECORD):
        if isinstance(quad.object, ox.Literal):
            return str(quad.object.value)
    return None


def embedded_digests(store: ox.Store, base: str) -> dict[str, str]:
    """The graphs the embedded store's record lists under `base`, with their digests."""
    folders = tuple(_folders(base))
    found = {}
    for quad in store.quads_for_pattern(None, _SHA256, None, _RECORD):
        graph, sha = quad.subject, quad.object
        if isinstance(graph, ox.NamedNode) and isinstance(sha, ox.Literal) and graph.value.startswith(folders):
            found[graph.value] = sha.value
    return found


def record_quads(base: str, build: str, digests: Mapping[str, str]) -> list[ox.Quad]:
    """The whole record under `base` as quads, for a store that has none (the bulk loader)."""
    quads = [ox.Quad(ox.NamedNode(base), _BUILD, ox.Literal(build), _RECORD)]
    quads += [ox.Quad(ox.NamedNode(g), _SHA256, ox.Literal(sha), _RECORD) for g, sha in digests.items()]
    return quads
