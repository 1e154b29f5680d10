"""pySHACL over many graphs with the same large shapes (schema.org's): work done once, not per node.

schema.org's shapes link every property to the shapes of its possible values (`sh:or` of
`sh:node`), so pySHACL checks a linked node again each time a path reaches it: an article's
paragraphs, quotations and people were checked 49,634 times for 3,175 distinct (shape, node)
pairs. Within `remembered_conformance()`:

- a nested check (a shape asked about one node through `sh:node`, `sh:or`, …) that conformed with
  no results, and that pySHACL's recursion cut-off did not shorten anywhere below it, is
  remembered for the rest of that graph's validation and answered from memory. Such a check
  depends on nothing but the shape, the node and the graph: the cut-off (a shape already on the
  path is not entered again) is the one thing that depends on how the check was reached, and it
  is counted. A check that found anything, or that was cut short, is made again each time, as
  pySHACL makes it, so every result and its details are pySHACL's own;
- a shape whose only targets are classes that no node of the graph has is skipped at the top
  (pySHACL would look its focus nodes up and find none: 5,400 shapes a graph);
- a property shape whose path is one predicate the node does not have, and whose constraints all
  apply to each value (sh:node, sh:or, sh:datatype, …; not sh:minCount, sh:hasValue, SPARQL),
  conforms without being run: with no values there is nothing to check (most of schema.org's
  hundreds of properties a type allows are absent from any one node);
- pySHACL's list of constraint parameters is a set while the block runs (it is searched for every
  predicate of every shape checked: 17 million comparisons for 51 articles), and each shape's
  constraint components are read from the shapes graph once (pySHACL makes them anew for every
  node it checks; they keep only the shape's parameters).

A test holds the results equal to plain pySHACL's on our data and on broken data, recursive
shapes with a broken node inside a cycle among them.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Kept:
    """What holds from one graph to the next for the same parsed shapes (keys are the shapes' ids,
    so it lives exactly as long as they do): each shape's target classes (None: it has other
    targets), its constraint components, and a property shape's one predicate when it may be
    skipped for a node without values (None: it may not)."""

    targets: dict[int, frozenset[Any] | None] = field(default_factory=dict)
    components: dict[tuple[type, int], Any] = field(default_factory=dict)
    predicates: dict[int, Any] = field(default_factory=dict)


class _Run:
    """One graph's validation: the checks found conforming, and the recursion cut-offs counted."""

    def __init__(self, types: set[Any], kept: Kept, original: Any) -> None:
        self.types = types
        self.kept = kept
        self.original = original
        self.conforming: set[tuple[int, Any]] = set()
        self.cuts = 0

    def warn(self, message: Any, *args: Any, **kwargs: Any) -> None:
        from pyshacl.errors import ShapeRecursionWarning

        if isinstance(message, ShapeRecursionWarning):
            self.cuts += 1  # pySHACL's note that it backed out of a recursion; the caller ignores it
            return
        warnings.warn(message, *args, **kwargs)

    def validate(self, shape: Any, executor: Any, graph: Any, focus: Any, path: Any) -> Any:
        one = focus is not None and not isinstance(focus, list | tuple | set)
        if one and shape.is_property_shape and self._without_values(shape, graph, focus):
            return True, []
        if focus is None and path is None and self._targets_nothing(shape):
            return True, []
        if not one or path is None:
            return self.original(shape, executor, graph, focus=focus, _evaluation_path=path)
        key = (id(shape), focus)
        if key in self.conforming:
            return True, []
        before = self.cuts
        conforms, reports = self.original(shape, executor, graph, focus=focus, _evaluation_path=path)
        if conforms and not reports and self.cuts == before:
            self.conforming.add(key)
        return conforms, reports

    def _targets_nothing(self, shape: Any) -> bool:
        targets = self.kept.targets
        if id(shape) not in targets:
            nodes, classes, implicit, objects_of, subjects_of = shape.target()
            other = list(nodes) or list(implicit) or list(objects_of) or list(subjects_of)
            targets[id(shape)] = None if other else frozenset(classes)
        classes = targets[id(shape)]
        return classes is not None and not (classes & self.types)

    def _without_values(self, shape: Any, graph: Any, focus: Any) -> bool:
        predicates = self.kept.predicates
        if id(shape) not in predicates:
            predicates[id(shape)] = _value_wise_predicate(shape)
        predicate = predicates[id(shape)]
        return predicate is not None and next(iter(graph.objects(focus, predicate)), None) is None


@contextmanager
def remembered_conformance(types: set[Any], kept: Kept) -> Iterator[None]:
    """Within the block, pySHACL answers nested checks that conformed before from memory, and skips
    shapes that target only classes outside `types` (the rdf:type objects of the graph validated)."""
    import pyshacl.shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS
    from pyshacl.constraints.core import logical_constraints, shape_based_constraints
    from pyshacl.shape import Shape

    original = Shape.validate
    run = _Run(types, kept, original)
    warners = (logical_constraints, shape_based_constraints)
    original_warns = [module.warn for module in warners]
    previous_params = shape_module.__dict__.get("CONSTRAINT_PARAMS")

    def validate(self: Shape, executor: Any, target_graph: Any, focus: Any = None, _evaluation_path: Any = None) -> Any:
        return run.validate(self, executor, target_graph, focus, _evaluation_path)

    Shape.validate = validate  # type: ignore[method-assign]
    for module in warners:
        module.warn = run.warn  # type: ignore[attr-defined]
    shape_module.CONSTRAINT_PARAMS = (frozenset(ALL_CONSTRAINT_PARAMETERS), _made_once(kept))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        Shape.validate = original  # type: ignore[method-assign]
        for module, original_warn in zip(warners, original_warns, strict=True):
            module.warn = original_warn  # type: ignore[attr-defined]
        if previous_params is None:
            del shape_module.CONSTRAINT_PARAMS  # type: ignore[attr-defined]
        else:
            shape_module.CONSTRAINT_PARAMS = previous_params  # type: ignore[attr-defined]


def _made_once(kept: Kept) -> dict[Any, Any]:
    """pySHACL's map from constraint parameter to component class, each class replaced by one maker
    (one per class: pySHACL skips a class it has run for a shape) that keeps what it made."""
    from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP

    def maker(cls: type) -> Any:
        def make(shape: Any) -> Any:
            key = (cls, id(shape))
            made = kept.components.get(key)
            if made is None:
                made = kept.components[key] = cls(shape)
            return made

        return make

    makers = {cls: maker(cls) for cls in set(CONSTRAINT_PARAMETERS_MAP.values())}
    return {parameter: makers[cls] for parameter, cls in CONSTRAINT_PARAMETERS_MAP.items()}


# Parameters of a property shape that either say nothing about conformance or constrain each value
# on its own: with no values, such a shape cannot produce a result.
_VALUE_WISE = {
    f"http://www.w3.org/ns/shacl#{name}"
    for name in (
        "path name description message severity deactivated order group defaultValue "
        "node or and class datatype nodeKind in pattern flags minLength maxLength minInclusive maxInclusive "
        "minExclusive maxExclusive languageIn uniqueLang maxCount property"
    ).split()
} | {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}


def _value_wise_predicate(shape: Any) -> Any:
    """The property shape's path when it is one predicate and every parameter is value-wise, else None."""
    from rdflib import URIRef

    path = shape.path()
    if not isinstance(path, URIRef):
        return None
    if any(str(p) not in _VALUE_WISE for p, _ in shape.sg.graph.predicate_objects(shape.node)):
        return None
    return path
