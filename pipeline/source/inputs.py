"""One article's inputs, read in one step: its text file and its sidecar, parsed, with their digests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.io.files import file_sha256, read_bytes, sha256
from pipeline.source.article import Article, parse_article
from pipeline.source.catalogue import Catalogue
from pipeline.source.sidecar import Metadata, read_metadata, sidecar_path


@dataclass(frozen=True)
class ArticleInputs:
    """What was read for one article; `error` is the input error that stopped the reading, if one did
    (the digests read before it are kept: a rebuild compares them)."""

    path: Path
    slug: str
    sidecar_name: str
    input_sha256: str | None = None
    sidecar_sha256: str | None = None
    article: Article | None = None
    metadata: Metadata | None = None
    error: InputError | None = None


def read_inputs(path: Path, catalogue: Catalogue) -> ArticleInputs:
    """Read and parse `path` and its sidecar `<slug>.toml`; an input error is part of the result.

    >>> read_inputs(Path("articles/fiverr-ceo-ai-warning.txt"), read_catalogue(Path("articles/entities.toml"))).slug
    'fiverr-ceo-ai-warning'
    """
    sidecar = sidecar_path(path)
    slug, input_sha, sidecar_sha = path.stem, None, None
    try:
        data = read_bytes(path)
        article = parse_article(data, path)
        slug, input_sha, sidecar_sha = article.slug, sha256(data), file_sha256(sidecar)
        metadata = read_metadata(path, catalogue, article.sources)
    except InputError as error:
        return ArticleInputs(path, slug, sidecar.name, input_sha, sidecar_sha, error=error)
    return ArticleInputs(path, slug, sidecar.name, input_sha, sidecar_sha, article, metadata)
