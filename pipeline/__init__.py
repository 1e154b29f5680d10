"""newsld: news articles in a wire-service text format -> validated linked data (schema.org RDF).

The same names work from Python as from the command line::

    from pathlib import Path
    import pipeline

    summary = pipeline.build([Path("articles")], out=Path("output"))
    report = pipeline.validate_files([Path("output/fiverr-ceo-ai-warning.ttl")], [Path("shapes")])[0]

Every public name is imported explicitly below for type checkers, so each keeps its own type.
At run time a name's module is imported when the name is first used: importing all of them up
front would add about 0.2 s (rdflib, pyoxigraph) to every `newsld` command, `--help` included.
No submodule shares a public name, so a name always means the function or class.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.article import Article, parse_article, read_article
    from pipeline.article_build import build_article
    from pipeline.catalogue import read_catalogue
    from pipeline.corpus_build import BuildSummary, build
    from pipeline.errors import InputError, NewsldError, OutputError, StoreError, UsageError
    from pipeline.graph import article_graph
    from pipeline.init import init_project
    from pipeline.query import QueryResult, run_query
    from pipeline.quotes import find_quotes
    from pipeline.review import QuoteReview, review_quotes
    from pipeline.store import LoadSummary, load_files
    from pipeline.validate import (
        Report,
        Severity,
        ValidationResult,
        load_shapes,
        validate_file,
        validate_files,
        validate_graph,
    )

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline.corpus_build",
    "BuildSummary": "pipeline.corpus_build",
    "build_article": "pipeline.article_build",
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
    "LoadSummary": "pipeline.store",
    "run_query": "pipeline.query",
    "QueryResult": "pipeline.query",
    "init_project": "pipeline.init",
    "NewsldError": "pipeline.errors",
    "InputError": "pipeline.errors",
    "UsageError": "pipeline.errors",
    "OutputError": "pipeline.errors",
    "StoreError": "pipeline.errors",
}

__all__ = [
    "Article",
    "BuildSummary",
    "InputError",
    "LoadSummary",
    "NewsldError",
    "OutputError",
    "QueryResult",
    "QuoteReview",
    "Report",
    "Severity",
    "StoreError",
    "UsageError",
    "ValidationResult",
    "__version__",
    "article_graph",
    "build",
    "build_article",
    "find_quotes",
    "init_project",
    "load_files",
    "load_shapes",
    "parse_article",
    "read_article",
    "read_catalogue",
    "review_quotes",
    "run_query",
    "validate_file",
    "validate_files",
    "validate_graph",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups find it directly, and a submodule can never replace it
    return value
