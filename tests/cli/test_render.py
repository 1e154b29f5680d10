"""pipeline.cli.render: the text people read, exactly."""

from __future__ import annotations

from pipeline.cli.render import load_summary, plural, result_line, shorten
from pipeline.rdf.vocab import PREFIXES
from pipeline.store.load import LoadSummary
from pipeline.validate.report import Severity, ValidationResult


def test_shorten_and_plural() -> None:
    prefixes = {**PREFIXES, "article": "https://newsld.example/article/"}
    assert shorten("http://schema.org/position", prefixes) == "schema:position"
    assert shorten("https://newsld.example/article/a", prefixes) == "article:a"
    assert shorten("https://other.example/x y", prefixes) == "<https://other.example/x y>"
    assert shorten(None, prefixes) == "-"
    assert (plural(1, "graph"), plural(2, "graph"), plural(1234, "triple")) == ("1 graph", "2 graphs", "1234 triples")


def test_result_line() -> None:
    result = ValidationResult(
        Severity.WARNING,
        "https://newsld.example/article/a",
        "http://schema.org/datePublished",
        None,
        None,
        "min-count",
        "No date.",
    )
    line = result_line(result, {**PREFIXES, "article": "https://newsld.example/article/"})
    assert line == "Warning    article:a  schema:datePublished  No date. (min-count)"


def test_load_summary() -> None:
    summary = LoadSummary("store/", graphs=["a", "b", "c"], added=["a"], replaced=["b", "c"], dropped=["d"])
    summary.triples, summary.store_triples, summary.seconds = 173, 170, 0.04
    assert load_summary(summary) == (
        "Loaded 3 graphs (173 triples) into store/ in 0.0 s: 1 added, 2 replaced, 1 dropped;"
        " the store holds 170 triples."
    )
    summary.store_triples = None
    assert load_summary(summary).endswith("1 dropped.")
    summary.mode, summary.reason, summary.build, summary.dataset_triples = "full", "asked for", "ab" * 32, 1200
    assert load_summary(summary).endswith(
        "1 dropped; a full load (asked for); the store mirrors build abababababab (1200 triples)."
    )
