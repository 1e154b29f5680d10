"""Which articles an edit of the entity catalogue can change (`CatalogueChange`), so that a rebuild
builds those and no others."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.builder.manifest import ManifestEntry
from pipeline.io.files import read_bytes
from pipeline.source.catalogue import Catalogue, NameWords
from pipeline.source.sidecar import sidecar_path


class CatalogueChange:
    """Which articles an edit of the entity catalogue can change, from what the manifest recorded.

    An article is affected when it used an entry that changed or went (its graph describes that
    entity: named, about, author, publisher, employer), or when its text or sidecar contains every
    word of a name of an entry whose names or type changed, or that was added (a new alias can make
    a new mention, speaker or publisher), or whose pronouns changed (they can settle which of two
    namesakes a "she" means). Everything the catalogue does to an article goes through one of the
    two: a text that names an entry either mentions it (the entry is in its graph) or contains the
    words of its name, which the second test finds even where the cast decided the name meant
    someone else.
    """

    def __init__(self, before: dict[str, str], before_names: dict[str, str], catalogue: Catalogue) -> None:
        now = catalogue.entry_hashes
        self.changed = {i for i in before.keys() | now.keys() if before.get(i) != now.get(i)}
        renamed = [
            catalogue[i]
            for i in sorted(self.changed)
            if i in catalogue and before_names.get(i) != catalogue.name_hashes[i]
        ]
        self.names = NameWords.of(renamed)

    def affects(self, entry: ManifestEntry, texts: Callable[[], list[bytes]]) -> bool:
        if not self.changed:
            return False
        if self.changed & entry.entities.keys():
            return True
        return bool(self.names.names) and any(self.names.occur_in(t.decode("utf-8", "replace")) for t in texts())


def article_texts(article: Path) -> list[bytes]:
    """An article's text and its sidecar's, as bytes: where the names of a changed entry are looked for."""
    sidecar = sidecar_path(article)
    return [read_bytes(article), *([read_bytes(sidecar)] if sidecar.exists() else [])]
