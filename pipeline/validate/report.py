"""The validation report: typed results with severities (invalid data is a result, not an exception)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pipeline.io.sorting import natural_key

if TYPE_CHECKING:
    from rdflib import Graph

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


class Severity(StrEnum):
    """SHACL severities, comparable: Violation > Warning > Info."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def rank(self) -> int:
        return {"Violation": 3, "Warning": 2, "Info": 1}[self.value]

    @classmethod
    def from_iri(cls, iri: object | None) -> Severity:
        """sh:Warning -> WARNING; anything unknown (or none) is a Violation, as SHACL says."""
        name = str(iri).rsplit("#", 1)[-1] if iri is not None else "Violation"
        return cls(name) if name in cls._value2member_map_ else cls.VIOLATION

    @classmethod
    def parse(cls, text: str) -> Severity:
        for member in cls:
            if member.value.lower() == text.lower():
                return member
        raise ValueError(f"unknown severity {text!r}; choose violation, warning or info")


@dataclass(frozen=True)
class ValidationResult:
    """One result: what is wrong (message, constraint slug), where (focus, path, value), how bad."""

    severity: Severity
    focus: str
    path: str | None
    value: str | None
    source_shape: str | None
    constraint: str
    message: str
    graph: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "source_shape": self.source_shape,
            "constraint": self.constraint,
            "message": self.message,
            "graph": self.graph,
        }

    def sort_key(self) -> tuple[Any, ...]:
        return (
            -self.severity.rank,
            self.graph or "",
            natural_key(self.focus),
            self.path or "",
            self.constraint,
            self.message,
            self.value or "",
        )


@dataclass(frozen=True)
class Report:
    """The results of validating one graph or file; `conforms` honours `fail_on`.

    `graph` is the SHACL validation report as RDF (pySHACL's), when the engine made one.
    """

    results: tuple[ValidationResult, ...] = ()
    fail_on: Severity = Severity.VIOLATION
    source: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict, compare=False)
    graph: Graph | None = field(default=None, compare=False, repr=False)

    @property
    def conforms(self) -> bool:
        return not any(r.severity.rank >= self.fail_on.rank for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: sum(1 for r in self.results if r.severity is s) for s in Severity}

    def of(self, severity: Severity) -> list[ValidationResult]:
        return [r for r in self.results if r.severity is severity]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "conforms": self.conforms,
            "fail_on": self.fail_on.value,
            "counts": self.counts,
            "results": [r.to_dict() for r in self.results],
        }

    def with_results(self, extra: Iterable[ValidationResult]) -> Report:
        results = tuple(sorted((*self.results, *extra), key=ValidationResult.sort_key))
        return Report(results, self.fail_on, self.source, self.prefixes, self.graph)


def constraint_slug(component: str) -> str:
    """sh:MinCountConstraintComponent -> "min-count"; sh:SPARQLConstraintComponent -> "sparql"."""
    name = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return _CAMEL.sub(r"\1-\2", name).lower() or "unknown"
