"""CPU milliseconds per article for each stage of an article's build, in one process.

    python bench/stages.py --corpus /tmp/newsld-bench/corpus-1000 --articles 300

Runs the stages `pipeline.builder.article.build_article` runs (provenance and the article's part
of the dataset included), one after another, on the first
`--articles` articles of a corpus (after one warm-up article, so shapes and caches are loaded),
and prints the median CPU time (time.process_time) of each. bench/run.py prints the same rows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from pipeline.source.article import Article
    from pipeline.source.catalogue import Catalogue


def cast_of(article: Article, catalogue: Catalogue) -> None:
    """What `find_quotes` does first: the article's cast, read around its quotations."""
    from pipeline.text.cast import Cast
    from pipeline.text.quotemarks import find_quotations

    texts = [p.text for p in article.paragraphs]
    spans, _ = find_quotations(texts)
    quoted: list[list[tuple[int, int]]] = [[] for _ in texts]
    for span in spans:
        for segment in span.segments:
            quoted[segment.paragraph].append((segment.open_at, segment.close_at))
    Cast(texts, catalogue, quoted)


def stage_times(corpus: Path, count: int) -> dict[str, float]:
    """Median CPU ms per article of each stage, over the first `count` articles of `corpus`."""
    from pipeline.builder.article import BuildContext
    from pipeline.builder.dataset import article_part
    from pipeline.config import load_settings
    from pipeline.io.files import read_bytes, sha256
    from pipeline.rdf.graph import Provenance, article_triples
    from pipeline.rdf.serialize import publish
    from pipeline.source.article import parse_article
    from pipeline.source.sidecar import read_metadata
    from pipeline.text.quotes import find_quotes
    from pipeline.validate.engines import validate_graph
    from pipeline.validate.shapes import project_shapes

    context = BuildContext.from_settings(load_settings(), corpus / "entities.toml")
    shapes = project_shapes(context.shapes)
    times: dict[str, list[float]] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        started = time.process_time()
        yield
        times.setdefault(name, []).append((time.process_time() - started) * 1000)

    paths = sorted(corpus.glob("*.txt"))[: count + 1]
    for index, path in enumerate(paths):
        with stage("parse"):
            data = read_bytes(path)
            article = parse_article(data, path)
            provenance = Provenance(path.name, sha256(data), context.version, context.generated_at)
        with stage("sidecar"):
            metadata = read_metadata(path, context.catalogue, article.sources)
        with stage("cast"):  # also inside the next stage: who the article names, before any attribution
            cast_of(article, context.catalogue)
        with stage("mentions and quotations"):
            findings = find_quotes(article, context.catalogue)
        with stage("graph"):
            graph = article_triples(article, metadata, context.catalogue, context.iris, provenance, findings)
            made = graph.statements()
        with stage("validation"):
            validate_graph(made, shapes, validator=context.validator, prefixes=context.iris.prefixes())
        with stage("sort"):
            ordered = made.sorted()
        prefixes = context.iris.prefixes(article.slug)
        with stage("Turtle"):
            publish.turtle(ordered, prefixes)
        with stage("JSON-LD"):
            publish.jsonld(ordered, prefixes)
        with stage("dataset part"):
            article_part(str(context.iris.article(article.slug)), ordered)
        if index == 0:
            times.clear()  # the warm-up article loaded the shapes and the caches
    return {stage: statistics.median(values) for stage, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=300)
    options = parser.parse_args()
    result = stage_times(options.corpus, options.articles)
    for stage, ms in result.items():
        print(f"{stage:<26}{ms:7.2f} ms")
    print(f"{'total':<26}{sum(ms for stage, ms in result.items() if stage != 'cast'):7.2f} ms  (cast counted once)")


if __name__ == "__main__":
    main()
