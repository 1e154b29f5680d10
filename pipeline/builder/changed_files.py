"""What a file watcher saw change, in the terms of a build: the articles to look at again, and
those whose input files are gone. Every other article is as the manifest has it, so a rebuild
after one saved file neither lists the corpus nor checks its files (`build(changed=...)`)."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.builder.manifest import Manifest
from pipeline.source.corpus import ARTICLE_SUFFIX, check_slugs, display_path
from pipeline.source.sidecar import SIDECAR_SUFFIX


@dataclass(frozen=True)
class ChangedFiles:
    """The article files a watcher's changes name (an article's own file or its sidecar)."""

    present: dict[Path, str]  # article files that exist -> display path (the manifest's `source`)
    deleted: frozenset[str]  # display paths of article files that no longer exist
    root: Path  # the project folder that display paths are relative to

    @classmethod
    def of(
        cls, changed: Collection[Path] | None, roots: Sequence[Path], catalogue: Path, root: Path
    ) -> ChangedFiles | None:
        """The articles among `changed`; None when there is no hint or it cannot be used alone: the
        catalogue changed (which articles it touches is the catalogue change's to say), or a path
        that is neither an article nor a sidecar changed under the article folders (a folder
        moved in or out, say, whose files no event names)."""
        if changed is None:
            return None
        folders = [_absolute(r) for r in roots]
        catalogue_path = _absolute(catalogue)
        present: dict[Path, str] = {}
        deleted: set[str] = set()
        for path in map(_absolute, changed):
            if path == catalogue_path:
                return None
            is_input = path.suffix in (ARTICLE_SUFFIX, SIDECAR_SUFFIX)
            article = path.with_suffix(ARTICLE_SUFFIX) if is_input else path
            top = next((f for f in folders if f == article or f in path.parents), None)
            if top is None or (top != article and _hidden(path.relative_to(top))):
                continue  # not an input: outside the article folders, or hidden (never built)
            if not is_input:
                return None
            if article.is_file():
                present[article] = display_path(article, root)
            else:
                deleted.add(display_path(article, root))
        if present:
            check_slugs(sorted(present))
        return cls(present, frozenset(deleted), root)

    def sources(self, manifest: Manifest) -> dict[Path, str]:
        """The articles to look at: those changed, and those whose last build failed (a full look
        tries them again too). Raises when a new file has the slug of another article."""
        sources = dict(self.present)
        for path, source in self.present.items():
            entry = manifest.articles.get(path.stem)
            if entry is not None and entry.source != source and entry.source not in self.deleted:
                other = self.root / entry.source
                if other.is_file():
                    check_slugs(sorted([other, path]))
        for entry in manifest.articles.values():
            if entry.stale and entry.source not in self.deleted:
                path = self.root / entry.source
                if path.is_file():
                    sources.setdefault(path, entry.source)
        return dict(sorted(sources.items()))

    def added(self, manifest: Manifest) -> list[Path]:
        """The changed articles that the manifest does not have yet."""
        return [path for path in self.present if path.stem not in manifest.articles]


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))  # noqa: PTH100 - not resolved: links are the user's names
