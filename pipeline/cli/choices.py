"""The fixed choices of command options (shown in `--help`)."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    turtle = "turtle"


class FailOn(StrEnum):
    violation = "violation"
    warning = "warning"
    info = "info"


class ValidatorChoice(StrEnum):
    fast = "fast"
    pyshacl = "pyshacl"


class InputFormat(StrEnum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"


class ReviewFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    turtle = "turtle"
