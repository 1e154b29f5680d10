"""newsld: news articles in a wire-service text format -> validated linked data (schema.org RDF).

The same names work from Python as from the command line::

    from pathlib import Path
    import pipeline

    summary = pipeline.build([Path("articles")], out=Path("output"))
    report = pipeline.validate_files([Path("output/fiverr-ceo-ai-warning.ttl")], [Path("shapes")])[0]

Heavy modules (rdflib, pySHACL, pyoxigraph) load only when one of these names is first used, so
`newsld --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline.build",
    "build_article": "pipeline.article_build",
    "BuildSummary": "pipeline.build",
    "read_article": "pipeline.article",
    "parse_article": "pipeline.article",
    "Article": "pipeline.article",
    "read_catalogue": "pipeline.catalogue",
    "article_graph": "pipeline.graph",
    "find_quotes": "pipeline.quotes",
    "review_quotes": "pipeline.review",
    "QuoteReview": "pipeline.review",
    "validate_graph": "pipeline.validate",
    "validate_file": "pipeline.validate",
    "validate_files": "pipeline.validate",
    "load_shapes": "pipeline.validate",
    "Report": "pipeline.validate",
    "Severity": "pipeline.validate",
    "ValidationResult": "pipeline.validate",
    "load_files": "pipeline.store",
    "run_query": "pipeline.query",
    "NewsldError": "pipeline.errors",
    "InputError": "pipeline.errors",
    "UsageError": "pipeline.errors",
    "OutputError": "pipeline.errors",
    "StoreError": "pipeline.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    return getattr(import_module(module), name)
