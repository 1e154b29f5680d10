"""Project settings: the `[tool.newsld]` table of the nearest pyproject.toml.

Like ruff or pytest, newsld looks for `pyproject.toml` in the working directory and its parents.
Paths in the table are relative to the directory that holds that file. Every setting has a
default, so newsld also runs where there is no project file at all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.data.bundled import bundled
from pipeline.errors import InputError
from pipeline.io.iri import is_iri

DEFAULT_BASE = "https://newsld.example/"


@dataclass(frozen=True)
class Settings:
    """Where things live and which base IRI the graph is minted under."""

    base: str = DEFAULT_BASE
    articles: Path = Path("articles")
    output: Path = Path("output")
    shapes: Path = Path("shapes")
    store: Path = Path("store")
    site: Path = Path("site")
    root: Path = Path()
    strict: bool = False  # unattributed quotations and unpaired quote marks fail the build
    validator: str = "fast"  # the SHACL engine of builds: "fast" (the shacl package, where proven) or "pyshacl"
    publish: tuple[str, ...] = ("build", "site", "load")  # the steps of `newsld publish`

    def with_base(self, base: str | None) -> Settings:
        """The same settings with another base IRI (checked), or unchanged when `base` is None."""
        if base is None:
            return self
        return replace(self, base=check_base_iri(base, source="--base"))


def check_base_iri(base: str, *, source: str) -> str:
    """Return `base` if it is an absolute http(s) IRI ending in "/", else raise InputError."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or not is_iri(base):
        raise InputError(
            f"base IRI {base!r} is not an absolute http(s) IRI.",
            path=source,
            fix='Use one like "https://news.example.org/ld/".',
            slug="base-iri",
        )
    if not base.endswith("/") or parts.query or parts.fragment:
        raise InputError(
            f"base IRI {base!r} must end with '/' and have no query or fragment,"
            " because article, person and organization IRIs are minted under it.",
            path=source,
            fix=f'Use "{base.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0].rstrip("/")}/".',
            slug="base-iri",
        )
    return base


def find_project_file(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml with a [tool.newsld] table, from `start` (default cwd) upward."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.newsld]" in candidate.read_text(encoding="utf-8"):
            return candidate
    return None


def load_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest project file, falling back to the defaults."""
    project = find_project_file(start)
    if project is None:
        return _with_default_shapes(_rooted(Settings(), Path.cwd(), shapes_root=Path.cwd()))
    try:
        table = tomllib.loads(project.read_text(encoding="utf-8"))["tool"]["newsld"]
    except tomllib.TOMLDecodeError as error:
        raise InputError(str(error), path=project, fix="Fix the TOML syntax.", slug="toml-syntax") from None
    known = {"base", "articles", "output", "shapes", "site", "store", "strict", "validator", "publish"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise InputError(
            f"[tool.newsld] has unknown setting(s) {', '.join(unknown)}.",
            path=project,
            fix=f"Known settings: {', '.join(sorted(known))}.",
            slug="unknown-setting",
        )
    settings = Settings(
        base=check_base_iri(str(table.get("base", DEFAULT_BASE)), source=str(project)),
        articles=Path(table.get("articles", "articles")),
        output=Path(table.get("output", "output")),
        shapes=Path(table.get("shapes", "shapes")),
        store=Path(table.get("store", "store")),
        site=Path(table.get("site", "site")),
        strict=_flag(table.get("strict", False), "strict", project),
        validator=_choice(table.get("validator", "fast"), "validator", ("fast", "pyshacl"), project),
        publish=_steps(table.get("publish", ["build", "site", "load"]), project),
    )
    rooted = _rooted(settings, project.parent, shapes_root=project.parent)
    return rooted if "shapes" in table else _with_default_shapes(rooted)


def _with_default_shapes(settings: Settings) -> Settings:
    """The project's shapes/ folder when it has one, else the shapes shipped with newsld."""
    return settings if settings.shapes.is_dir() else replace(settings, shapes=bundled("shapes"))


def _flag(value: object, key: str, project: Path) -> bool:
    if not isinstance(value, bool):
        raise InputError(
            f"[tool.newsld] {key} = {value!r} is not true or false.",
            path=project,
            fix=f"Write {key} = true or false.",
            slug="setting-type",
        )
    return value


def _choice(value: object, key: str, choices: tuple[str, ...], project: Path) -> str:
    if value not in choices:
        raise InputError(
            f"[tool.newsld] {key} = {value!r} is not one of {', '.join(choices)}.",
            path=project,
            fix=f'Write {key} = "{choices[0]}".',
            slug="setting-type",
        )
    return str(value)


def _steps(value: object, project: Path) -> tuple[str, ...]:
    steps = ("build", "site", "load")
    if not isinstance(value, list) or not all(step in steps for step in value):
        raise InputError(
            f"[tool.newsld] publish = {value!r} is not a list of the steps {', '.join(steps)}.",
            path=project,
            fix='Write publish = ["build", "site", "load"], leaving out the steps not wanted.',
            slug="setting-type",
        )
    return tuple(step for step in steps if step in value)


def _rooted(settings: Settings, root: Path, *, shapes_root: Path) -> Settings:
    """Make relative paths relative to the project root, but keep them short when root is cwd."""

    def anchor(path: Path, base: Path) -> Path:
        if path.is_absolute():
            return path
        try:
            return (base / path).relative_to(Path.cwd())
        except ValueError:
            return base / path

    return replace(
        settings,
        root=root,
        articles=anchor(settings.articles, root),
        output=anchor(settings.output, root),
        shapes=anchor(settings.shapes, shapes_root),
        store=anchor(settings.store, root),
        site=anchor(settings.site, root),
    )
