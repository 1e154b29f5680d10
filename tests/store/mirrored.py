"""What a store holds of newsld's dataset, as N-Quads lines, to compare with the dataset's parts."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from pipeline.builder.state import read_state
from pipeline.store.http import Server, run_remote
from pipeline.store.record import BUILD, RECORD, SHA256
from tests.dataset import nquads

BASE = "https://newsld.example/"


def dataset_quads(output: Path) -> set[str]:
    """The quads of the dataset in `output` (none when it holds no build), as N-Quads lines."""
    if read_state(output) is None:
        return set()
    return set(nquads(output).decode("utf-8").splitlines())


def _line(quad: ox.Quad) -> str:
    return f"{quad} ."


def embedded_quads(store: Path) -> tuple[set[str], dict[str, str], str | None]:
    """The quads of the graphs under BASE in an embedded store, and its record (digests, build)."""
    opened = ox.Store.read_only(str(store))
    quads = {
        _line(q)
        for q in opened.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(BASE)
    }
    digests = {
        q.subject.value: q.object.value
        for q in opened.quads_for_pattern(None, ox.NamedNode(SHA256), None, ox.NamedNode(RECORD))
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal)
    }
    builds = [
        q.object.value
        for q in opened.quads_for_pattern(ox.NamedNode(BASE), ox.NamedNode(BUILD), None, ox.NamedNode(RECORD))
        if isinstance(q.object, ox.Literal)
    ]
    del opened
    assert len(builds) <= 1
    return quads, digests, builds[0] if builds else None


def server_quads(endpoint: str) -> tuple[set[str], dict[str, str], str | None]:
    """`embedded_quads` of a server, through its SPARQL query endpoint (a small dataset: one page)."""
    with Server(endpoint) as server:
        rows = run_remote(
            f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {ox.Literal(BASE)})) }}",
            server,
        ).rows
        record = run_remote(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{RECORD}> {{ ?s ?p ?o }} }}", server).rows
    quads = set()
    for g, s, p, o in rows:
        assert isinstance(g, ox.NamedNode) and isinstance(s, ox.NamedNode) and isinstance(p, ox.NamedNode)
        assert o is not None
        quads.add(_line(ox.Quad(s, p, o, g)))
    digests = {str(s.value): str(o.value) for s, p, o in record if p == ox.NamedNode(SHA256) and s and o}
    builds = [str(o.value) for s, p, o in record if p == ox.NamedNode(BUILD) and o is not None]
    assert len(builds) <= 1
    return quads, digests, builds[0] if builds else None


def assert_mirrors(held: tuple[set[str], dict[str, str], str | None], output: Path, what: str = "") -> None:
    """The store holds exactly the dataset of `output`, and its record says so."""
    quads, digests, build = held
    state = read_state(output)
    assert state is not None
    expected = dataset_quads(output)
    assert quads == expected, f"{what}: {len(quads - expected)} quads too many, {len(expected - quads)} missing"
    assert digests == state.digests, what
    assert build == state.build, what
