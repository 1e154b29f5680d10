"""Data shipped with newsld: the default shapes, the schema.org 30.0 reference files, the queries,
an example project, and the web templates and server configuration.

In an installed wheel they live inside the package (`pipeline/data/shapes`, `pipeline/data/example`);
in a checkout (or an editable install) the shapes and the example articles are the repository's
top-level `shapes/` and `articles/`, which the wheel maps into the package, so each file exists once.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent
PACKAGE = DATA.parent
_FOLDERS = {
    "shapes": DATA / "shapes",
    "example": DATA / "example",
    "schemaorg": DATA / "schemaorg",
    "queries": DATA / "queries",
    "templates": PACKAGE / "web" / "templates",
    "web": PACKAGE / "web",
}
_IN_CHECKOUT = {"shapes": "shapes", "example": "articles"}


def bundled(name: str) -> Path:
    """The folder of shipped data called `name`: "shapes", "schemaorg", "queries", "example",
    "templates" or "web" (where nginx.conf is)."""
    inside = _FOLDERS[name]
    if inside.is_dir() or name not in _IN_CHECKOUT:
        return inside
    return PACKAGE.parent / _IN_CHECKOUT[name]


def schemaorg_file(name: str) -> Path:
    """One of the schema.org 30.0 reference files (Apache-2.0, see its LICENSE beside it)."""
    return bundled("schemaorg") / name


SCHEMAORG_SHAPES = "schemaorg-shapes.shacl"
SCHEMAORG_SUBCLASSES = "schemaorg-subclasses.shacl"
SCHEMAORG_VOCABULARY = "schemaorg-current-https.ttl"
SCHEMAORG_CONTEXT = "schemaorgcontext.jsonld"
