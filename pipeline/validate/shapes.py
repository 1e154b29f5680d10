"""Loading SHACL shapes: from files and folders, once per process for a project's folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH

from pipeline.errors import InputError
from pipeline.rdf.as_rdflib import graph_of_quads
from pipeline.rdf.rdfio import read_quads

SHAPE_SUFFIXES = (".ttl", ".shacl", ".nt", ".jsonld", ".trig")


@dataclass(frozen=True)
class Shapes:
    """A loaded shapes graph (and an optional ontology graph, e.g. schema.org's class hierarchy)."""

    graph: Graph
    sources: tuple[str, ...]
    ontology: Graph | None = None
    # the fast engine's compiled form, made on first use (in each worker process)
    compiled: list[Any] = field(default_factory=list, compare=False, repr=False)
    # pySHACL's parsed shapes, made on first use and kept for every graph validated with them
    parsed: list[Any] = field(default_factory=list, compare=False, repr=False)

    @cached_property
    def superclasses(self) -> dict[URIRef, frozenset[URIRef]]:
        """Each class of the ontology's rdfs:subClassOf hierarchy with all its superclasses (transitive):
        worked out once, so that each validated graph only gains the rdf:type triples it implies."""
        if self.ontology is None:
            return {}
        direct: dict[URIRef, set[URIRef]] = {}
        for sub, sup in self.ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                direct.setdefault(sub, set()).add(sup)
        closure: dict[URIRef, frozenset[URIRef]] = {}
        for cls, parents in direct.items():
            found: set[URIRef] = set()
            pending = list(parents)
            while pending:
                sup = pending.pop()
                if sup not in found:
                    found.add(sup)
                    pending.extend(direct.get(sup, ()))
            closure[cls] = frozenset(found - {cls})
        return closure


def load_shapes(paths: Sequence[Path], *, ontology: Sequence[Path] = ()) -> Shapes:
    """Load shapes from files and directories (every .ttl/.shacl/.nt/.jsonld/.trig file in a directory).

    >>> load_shapes([Path("shapes")]).sources
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in SHAPE_SUFFIXES)
            if not found:
                raise InputError(
                    "contains no shapes files (.ttl, .shacl).",
                    path=path,
                    fix="Point --shapes at a shapes file or folder.",
                    slug="no-shapes",
                )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(
                "no such shapes file or folder.", path=path, fix="Check the --shapes path.", slug="missing-shapes"
            )
    graph = _read(files)
    if not any(graph.subjects(None, SH.NodeShape)) and not any(graph.subjects(None, SH.PropertyShape)):
        raise InputError(
            "declares no sh:NodeShape or sh:PropertyShape.",
            path=", ".join(str(f) for f in files),
            fix="Check that --shapes points at SHACL shapes.",
            slug="no-shapes",
        )
    return Shapes(graph=graph, sources=tuple(str(f) for f in files), ontology=_read(ontology) if ontology else None)


def _read(files: Sequence[Path]) -> Graph:
    graph = Graph(bind_namespaces="none")
    for file in files:
        graph += graph_of_quads(read_quads(file, "turtle" if file.suffix == ".shacl" else None, lenient=True))
    return graph


def project_shapes(folder: Path) -> Shapes:
    """The shapes in `folder`, loaded once per process and again only when a file in it changes."""
    try:
        with os.scandir(folder) as entries:  # one listing and a stat per file: this runs per article
            state = tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries if e.is_file()))
    except OSError:
        state = ()
    return _cached_shapes(folder, state)


@lru_cache(maxsize=8)
def _cached_shapes(folder: Path, state: tuple[tuple[str, int, int], ...]) -> Shapes:
    return load_shapes([folder])
