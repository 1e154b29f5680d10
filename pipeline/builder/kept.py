"""What a corpus build keeps of each article's result, with one copy of what results repeat.

Each result comes from a worker process, unpickled with its own copy of every string and table:
the report's prefixes, the same warning's message and shape, the IRIs of the organisations and
people that thousands of articles name. At 100,000 articles those copies were most of the build's
memory (about 60 objects an article); kept once, they are shared.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from pipeline.builder.article import ArticleBuild
from pipeline.validate.report import ValidationResult


class KeptResults:
    """Makes the results a build keeps share what they repeat (`result`, `shared_tables`)."""

    def __init__(self) -> None:
        self._prefixes: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}

    def result(self, result: ArticleBuild) -> ArticleBuild:
        """`result` as the build's summary keeps it: without its written files and dataset block,
        its report's repeated parts shared (its tables as `shared_tables` made them)."""
        report = result.report
        if report is not None:
            report = replace(
                report,
                results=tuple(_interned(r) for r in report.results),
                prefixes=self._shared_prefixes(report.prefixes),
            )
        return replace(result, outputs={}, dataset=None, report=report)

    def shared_tables(self, result: ArticleBuild) -> ArticleBuild:
        """`result` with the catalogue entries and shared graphs it names as interned strings."""
        entities = {sys.intern(key): sys.intern(value) for key, value in result.entities.items()}
        return replace(result, entities=entities, shared=[sys.intern(graph) for graph in result.shared])

    def _shared_prefixes(self, prefixes: dict[str, str]) -> dict[str, str]:
        key = tuple(sorted(prefixes.items()))
        return self._prefixes.setdefault(key, prefixes)


def _interned(result: ValidationResult) -> ValidationResult:
    return replace(
        result,
        path=_intern(result.path),
        value=_intern(result.value),
        source_shape=_intern(result.source_shape),
        constraint=sys.intern(result.constraint),
        message=sys.intern(result.message),
        graph=_intern(result.graph),
    )


def _intern(text: str | None) -> str | None:
    return None if text is None else sys.intern(text)
