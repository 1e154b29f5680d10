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
    from pipeline.builder.article import build_article
    from pipeline.builder.corpus import BuildSummary, build
    from pipeline.cli.init import init_project
    from pipeline.errors import InputError, NewsldError, OutputError, StoreError, UsageError
    from pipeline.live.publish import PublishSummary, publish
    from pipeline.rdf.graph import article_graph
    from pipeline.source.article import Article, parse_article, read_article
    from pipeline.source.catalogue import read_catalogue
    from pipeline.store.load import LoadSummary, load_files
    from pipeline.store.query import run_query
    from pipeline.store.results import QueryResult
    from pipeline.text.quotes import find_quotes
    from pipeline.text.review import QuoteReview, review_quotes
    from pipeline.validate.engines import validate_graph
    from pipeline.validate.files import validate_file, validate_files
    from pipeline.validate.report import Report, Severity, ValidationResult
    from pipeline.validate.shapes import load_shapes

from pipeline._version import __version__

_EXPORTS = {
    "build": "pipeline.builder.corpus",
    "BuildSummary": "pipeline.builder.corpus",
    "build_article": "pipeline.builder.article",
    "read_article": "pipeline.source.article",
    "parse_article": "pipeline.source.article",
    "Article": "pipeline.source.article",
    "read_catalogue": "pipeline.source.catalogue",
    "article_graph": "pipeline.rdf.graph",
    "find_quotes": "pipeline.text.quotes",
    "review_quotes": "pipeline.text.review",
    "QuoteReview": "pipeline.text.review",
    "validate_graph": "pipeline.validate.engines",
    "validate_file": "pipeline.validate.files",
    "validate_files": "pipeline.validate.files",
    "load_shapes": "pipeline.validate.shapes",
    "Report": "pipeline.validate.report",
    "Severity": "pipeline.validate.report",
    "ValidationResult": "pipeline.validate.report",
    "publish": "pipeline.live.publish",
    "PublishSummary": "pipeline.live.publish",
    "load_files": "pipeline.store.load",
    "LoadSummary": "pipeline.store.load",
    "run_query": "pipeline.store.query",
    "QueryResult": "pipeline.store.results",
    "init_project": "pipeline.cli.init",
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
    "PublishSummary",
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
    "publish",
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
