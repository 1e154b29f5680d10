"""Project settings: the `[tool.newsld]` table of the nearest pyproject.toml.

Like ruff or pytest, newsld looks for `pyproject.toml` in the working directory and its parents;
commands given articles look from the articles' folder instead (`load_settings_for`).
Paths in the table are relative to the directory that holds that file. Every setting has a
default, so newsld also runs where there is no project file at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.data.bundled import bundled
from pipeline.errors import InputError, UsageError
from pipeline.io.iri import is_iri
from pipeline.io.tomlfile import read_toml

DEFAULT_BASE = "https://newsld.example/"


@dataclass(frozen=True)
class Publisher:
    """The site's own publishing organisation, `[tool.newsld.publisher]`: the articles' schema:publisher
    (a NewsMediaOrganization), distinct from the wire service a `Source:` line names (their
    schema:sourceOrganization). Only what the publisher states: name, and its home page and logo."""

    name: str
    url: str | None = None
    logo: str | None = None


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
    publisher: Publisher | None = None  # the site's publishing organisation; None: the wire service is
    favicon: Path | None = None  # an icon file the site serves as favicon.<ext>
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
        if candidate.is_file() and "[tool.newsld]" in candidate.read_text(encoding="utf-8", errors="replace"):
            return candidate
    return None


def load_settings_for(paths: Sequence[Path] | None) -> Settings:
    """The settings of the project that the articles under `paths` belong to: the nearest
    pyproject.toml with [tool.newsld] above them, as git finds a repository from the folder it is
    in, so that `newsld build ~/news/articles` run from anywhere builds with that project's base,
    into its output folder. Articles in no project take the working directory's settings; articles
    of two projects are an error.
    """
    folders = {path if path.is_dir() else path.parent for path in paths or ()}
    projects = sorted({found for folder in folders if (found := find_project_file(folder)) is not None})
    if len(projects) > 1:
        raise UsageError(
            f"the articles belong to different projects ({', '.join(map(str, projects))}):"
            " build each project's articles on their own."
        )
    return load_settings(projects[0].parent if projects else None)


def load_settings(start: Path | None = None) -> Settings:
    """Settings from the nearest project file, falling back to the defaults."""
    project = find_project_file(start)
    if project is None:
        return _with_default_shapes(_rooted(Settings(), Path.cwd(), shapes_root=Path.cwd()))
    table = read_toml(project).data.get("tool", {}).get("newsld", {})
    if not isinstance(table, dict):
        raise InputError(
            "[tool.newsld] is not a table.", path=project, fix="Write it as a [tool.newsld] table.", slug="setting-type"
        )
    known = {
        *("base", "articles", "output", "shapes", "site", "store", "strict", "validator"),
        *("publish", "publisher", "favicon"),
    }
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
        publisher=_publisher(table.get("publisher"), project),
        favicon=_favicon(table.get("favicon"), project),
        publish=_steps(table.get("publish", ["build", "site", "load"]), project),
    )
    rooted = _rooted(settings, project.parent, shapes_root=project.parent)
    return rooted if "shapes" in table else _with_default_shapes(rooted)


def _with_default_shapes(settings: Settings) -> Settings:
    """The project's shapes/ folder when it has one, else the shapes shipped with newsld."""
    return settings if settings.shapes.is_dir() else replace(settings, shapes=bundled("shapes"))


def _publisher(value: object, project: Path) -> Publisher | None:
    """`[tool.newsld.publisher]`: name (required), url and logo (http(s) URLs)."""
    if value is None:
        return None
    from pipeline.io.tomlfile import read_toml

    table = "tool.newsld.publisher"
    if not isinstance(value, dict):
        raise read_toml(project).error(
            "[tool.newsld] publisher must be a table.",
            key="publisher",
            table="tool.newsld",
            fix='Write [tool.newsld.publisher] with name = "…", url = "https://…", logo = "https://…".',
            slug="setting-publisher",
        )
    unknown = sorted(set(value) - {"name", "url", "logo"})
    if unknown:
        raise read_toml(project).error(
            f"[{table}] has unknown key {unknown[0]!r}.",
            key=unknown[0],
            table=table,
            fix="Known keys: logo, name, url.",
            slug="setting-publisher",
        )
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        raise read_toml(project).error(
            f"[{table}] needs a name, the organisation's name as readers know it.",
            key="name" if "name" in value else None,
            table=table,
            fix='Write name = "The Daily Example".',
            slug="setting-publisher",
        )
    links: dict[str, str | None] = {}
    for key in ("url", "logo"):
        link = value.get(key)
        web = isinstance(link, str) and urlsplit(link).scheme in ("http", "https") and is_iri(link)
        if link is not None and not web:
            what = "home page" if key == "url" else "logo image"
            raise read_toml(project).error(
                f"[{table}] {key} is not an http(s) URL.",
                key=key,
                table=table,
                fix=f'Write {key} = "https://…" (the {what}), or leave it out.',
                slug="setting-publisher",
            )
        links[key] = link if isinstance(link, str) else None
    return Publisher(" ".join(name.split()), links["url"], links["logo"])


def _favicon(value: object, project: Path) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or Path(value).suffix.lower() not in (".ico", ".svg", ".png"):
        raise InputError(
            f"[tool.newsld] favicon = {value!r} is not the path of an .ico, .svg or .png file.",
            path=project,
            fix='Write favicon = "branding/favicon.svg" (relative to this file).',
            slug="setting-type",
        )
    return Path(value)


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
        favicon=anchor(settings.favicon, root) if settings.favicon is not None else None,
    )
