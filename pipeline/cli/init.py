"""`newsld init`: scaffold a working project for a new publisher.

The project gets a `[tool.newsld]` table in `pyproject.toml` (the settings, commented), and an
`articles/` folder with the example article, its sidecar and the entity catalogue, so that
`newsld build` works at once and shows every kind of input. Shapes are not copied: a project
without a `shapes/` folder uses the shapes shipped with newsld, which stay current on upgrade.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import DEFAULT_BASE
from pipeline.data.bundled import bundled
from pipeline.errors import InputError, OutputError

SETTINGS = f"""
[tool.newsld]
# The IRIs of everything you publish are minted under this base: use a domain you control.
base = "{DEFAULT_BASE}"
articles = "articles"   # wire-format *.txt files, each with an optional sidecar .toml, and entities.toml
output = "output"       # Turtle, JSON-LD, dataset.nq and void.ttl: the published dataset
store = "store"         # the embedded Oxigraph store that `newsld load` fills
site = "site"           # the web site `newsld site` makes from output/ (`newsld serve` previews it)
# shapes = "shapes"     # your own SHACL shapes; without the folder, newsld's shipped shapes are used
strict = false          # true: unattributed quotations and unpaired quote marks fail the build
# favicon = "favicon.svg"  # an .ico, .svg or .png the site serves and every page links

# The organisation that publishes the site: the articles' publisher (the wire service of each
# `Source:` line stays their source organisation). Uncomment and fill in what is true.
# [tool.newsld.publisher]
# name = "The Daily Example"
# url = "https://news.example.org/"
# logo = "https://news.example.org/logo.png"
"""

GITIGNORE = "store/\nsite/\n"


@dataclass
class InitSummary:
    """What `init_project` wrote, relative to the project folder."""

    folder: Path
    created: list[str] = field(default_factory=list)


def init_project(folder: Path) -> InitSummary:
    """Scaffold a newsld project in `folder` (created if needed); refuse to overwrite one.

    >>> init_project(Path("my-news")).created
    ['pyproject.toml', 'articles/entities.toml', ...]
    """
    pyproject = folder / "pyproject.toml"
    articles = folder / "articles"
    if pyproject.is_file() and "[tool.newsld]" in pyproject.read_text(encoding="utf-8"):
        raise InputError(
            "is already a newsld project.", path=pyproject, fix="Run `newsld build` there.", slug="already-a-project"
        )
    if articles.exists() and any(articles.iterdir()):
        raise InputError(
            "exists and is not empty; newsld init does not mix its example into your files.",
            path=articles,
            fix="Choose an empty folder, or set `articles` in [tool.newsld] by hand.",
            slug="folder-not-empty",
        )
    summary = InitSummary(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if pyproject.is_file():  # a Python project already: add our table to it
            with pyproject.open("a", encoding="utf-8") as handle:
                handle.write(SETTINGS)
        else:
            pyproject.write_text(SETTINGS.lstrip(), encoding="utf-8")
        summary.created.append("pyproject.toml")
        articles.mkdir(exist_ok=True)
        for example in sorted(bundled("example").iterdir()):
            if example.suffix in (".txt", ".toml"):
                shutil.copyfile(example, articles / example.name)
                summary.created.append(f"articles/{example.name}")
        gitignore = folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text(GITIGNORE, encoding="utf-8")
            summary.created.append(".gitignore")
    except OSError as error:
        raise OutputError(
            f"cannot be written ({error.strerror or error}).",
            path=folder,
            fix="Choose a folder you can write to.",
            slug="unwritable",
        ) from None
    return summary
