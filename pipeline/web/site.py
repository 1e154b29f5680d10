"""`newsld site`: the published dataset as a static web site whose paths are the IRIs' paths.

For every IRI `{base}{path}` the site holds `{path}.html` (the page, with the document's JSON-LD
embedded), `{path}.ttl`, `{path}.jsonld` and `{path}.nt`, so a server that negotiates content
(`newsld serve`, or nginx with the shipped configuration) answers the IRI itself. Articles are
documents (200); people, organisations and the software are things, answered with a 303 to their
document. Plus `index.html` (newest first), `sitemap.xml`, `feed.atom`, `style.css`, and copies of
`dataset.nq` and `void.ttl`.

A rebuild writes only the files whose bytes changed and removes the files of articles and entities
that left the dataset (the list of what newsld wrote is kept in `.newsld-site.json`), so the site
mirrors the dataset and other files in the folder are left alone.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from markupsafe import Markup

from pipeline.builder.dataset import DATASET
from pipeline.builder.void import VOID_FILE
from pipeline.errors import OutputError
from pipeline.io.files import read_bytes, write_files_atomic
from pipeline.rdf.serialize import publish
from pipeline.rdf.vocab import PREFIXES
from pipeline.web.model import Link, SiteModel, read_model

if TYPE_CHECKING:
    from jinja2 import Environment

MANIFEST = ".newsld-site.json"
DATA_FORMATS = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}


@dataclass(frozen=True)
class SiteResult:
    """What `build_site` did: files written (changed), unchanged, removed; warnings for the editor."""

    out: Path
    articles: int
    entities: int
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


def build_site(
    output: Path | None = None, out: Path | None = None, base: str | None = None, title: str | None = None
) -> SiteResult:
    """Write the web site of the build in `output` to `out` [defaults: [tool.newsld] output, site, base].

    >>> build_site(Path("output"), Path("site"), "https://newsld.example/")
    """
    from pipeline.config import load_settings

    started = time.perf_counter()
    settings = load_settings()
    output = output or settings.output
    out = out or settings.site
    base = base or settings.base
    model = read_model(output / DATASET, base)
    site_title = title or urlsplit(base).hostname or "newsld"
    article_files = {
        article.slug: {suffix: read_bytes(output / f"{article.slug}{suffix}") for suffix in (".ttl", ".jsonld")}
        for article in model.articles
    }
    files, warnings = site_files(model, site_title, article_files)
    void = output / VOID_FILE
    files["dataset.nq"] = read_bytes(output / DATASET)
    if void.is_file():
        files.update(void_files(read_bytes(void)))
    written, unchanged, removed = _write(out, files)
    return SiteResult(
        out=out,
        articles=len(model.articles),
        entities=len(model.entities),
        written=written,
        unchanged=unchanged,
        removed=removed,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - started,
    )


def site_files(
    model: SiteModel, site_title: str, article_files: dict[str, dict[str, bytes]]
) -> tuple[dict[str, bytes], list[str]]:
    """Every file of the site by its path under the site folder, and the warnings.

    `article_files` are each article's published `.ttl` and `.jsonld` (by slug): the pages serve and
    embed exactly those bytes.
    """
    env = _environment()
    files: dict[str, bytes] = {"style.css": _resource("style.css")}
    undated = [a for a in model.articles if a.updated is None]
    has_feed = len(undated) < len(model.articles)
    common = {"site_title": site_title, "feed": has_feed}
    for article in model.articles:
        data = dict(article_files[article.slug])
        # The Turtle's triples are in canonical order already: N-Triples keeps it.
        data[".nt"] = publish.ntriples(list(ox.parse(data[".ttl"], format=ox.RdfFormat.TURTLE)))
        path = article.page.removesuffix(".html")
        files.update({f"{path}{suffix}": body for suffix, body in data.items()})
        files[article.page] = _render(
            env,
            "article.html",
            root="../",
            article=article,
            language=article.language,
            canonical=article.iri,
            data_path=path,
            jsonld=data[".jsonld"].decode("utf-8"),
            alternates=[(kind, f"{path}{suffix}") for suffix, kind in DATA_FORMATS.items()],
            **common,
        )
    for entity in model.entities:
        data = _data_files(entity.iri, model, entity.kind, model.graphs.get(entity.iri, []))
        files.update({f"{entity.path}{suffix}": body for suffix, body in data.items()})
        files[entity.page] = _render(
            env,
            "entity.html",
            root="../" * entity.path.count("/"),
            entity=entity,
            canonical=entity.iri,
            data_path=entity.path,
            jsonld=data[".jsonld"].decode("utf-8"),
            alternates=[(kind, f"{entity.path}{suffix}") for suffix, kind in DATA_FORMATS.items()],
            **common,
        )
    files["index.html"] = _render(
        env, "index.html", root="", articles=model.articles, canonical=model.base, alternates=[], **common
    )
    files["sitemap.xml"] = sitemap(model)
    warnings = []
    if has_feed:
        files["feed.atom"] = feed(model, site_title)
    if undated:
        names = ", ".join(a.slug for a in undated[:5]) + (f" and {len(undated) - 5} more" if len(undated) > 5 else "")
        warnings.append(
            f"{len(undated)} of {len(model.articles)} articles have no date, so the Atom feed leaves them out"
            f" ({names}): set `date_published` in their sidecar .toml."
            + ("" if has_feed else " With no dated article there is no feed.atom.")
        )
    return files, warnings


def _data_files(iri: str, model: SiteModel, root_type: str, own: list[ox.Triple]) -> dict[str, bytes]:
    """An entity's Turtle, JSON-LD and N-Triples: its own graph plus the graphs of what it links to."""
    triples = list(own)
    linked = {t.object.value for t in own if isinstance(t.object, ox.NamedNode)}
    for graph in sorted(linked & model.graphs.keys() - {iri}):
        if graph.startswith(f"{model.base}article/"):
            continue
        triples.extend(model.graphs[graph])
    ordered = publish.sort_triples(set(triples))
    prefixes = _prefixes(model.base, iri)
    return {
        ".ttl": publish.turtle(ordered, prefixes),
        ".jsonld": publish.jsonld(ordered, prefixes, root_type),
        ".nt": publish.ntriples(ordered),
    }


def void_files(turtle: bytes) -> dict[str, bytes]:
    """The dataset's VoID description as the base's data: `void.ttl` as built, and its N-Triples and
    JSON-LD (one tree rooted at the void:Dataset), so that `/` negotiates like any document."""
    triples = publish.sort_triples(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    prefixes = {**PREFIXES, "void": "http://rdfs.org/ns/void#", "dcat": "http://www.w3.org/ns/dcat#"}
    return {
        "void.ttl": turtle,
        "void.nt": publish.ntriples(triples),
        "void.jsonld": publish.jsonld_framed(triples, prefixes, "void:Dataset"),
    }


def _prefixes(base: str, iri: str) -> dict[str, str]:
    prefixes = {
        **PREFIXES,
        "article": f"{base}article/",
        "person": f"{base}person/",
        "organization": f"{base}organization/",
    }
    if iri.startswith(f"{base}article/"):
        prefixes[""] = f"{iri}#"
    return prefixes


def sitemap(model: SiteModel) -> bytes:
    """The sitemaps.org list of every page, by the URL a reader would share (absolute)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines.append(f"  <url><loc>{escape(model.base)}</loc></url>")
    for article in model.articles:
        modified = f"<lastmod>{escape(article.updated)}</lastmod>" if article.updated else ""
        lines.append(f"  <url><loc>{escape(article.iri)}</loc>{modified}</url>")
    for entity in model.entities:
        lines.append(f"  <url><loc>{escape(model.base + entity.page)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def feed(model: SiteModel, site_title: str) -> bytes:
    """An Atom feed (RFC 4287) of the dated articles, newest first."""
    dated = sorted((a for a in model.articles if a.updated), key=lambda a: _instant(a.updated or ""), reverse=True)
    updated = _instant(dated[0].updated or "") if dated else ""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(site_title)}</title>",
        f"  <id>{escape(model.base)}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(model.base)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(model.base + "feed.atom")}/>',
        f"  <updated>{updated}</updated>",
        "  <generator>newsld</generator>",
    ]
    for article in dated:
        authors = article.authors or ((article.publisher,) if article.publisher else (Link(site_title),))
        summary = "".join(s.text for s in article.paragraphs[0].segments) if article.paragraphs else ""
        lines += [
            "  <entry>",
            f"    <title>{escape(article.headline)}</title>",
            f"    <id>{escape(article.iri)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(article.iri)}/>',
            f"    <updated>{_instant(article.updated or '')}</updated>",
        ]
        if article.date_published:
            lines.append(f"    <published>{_instant(article.date_published)}</published>")
        lines += [f"    <author><name>{escape(a.name)}</name></author>" for a in authors]
        lines += [f"    <summary>{escape(summary)}</summary>", "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _instant(value: str) -> str:
    """An RFC 3339 date-time for Atom: a bare date is its midnight in UTC."""
    return f"{value}T00:00:00Z" if len(value) == 10 else value.replace("+00:00", "Z")


def _day(value: str) -> str:
    """A date as readers write it: 8 April 2025."""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day:%B %Y}"


def _kind(value: str) -> str:
    return {"Person": "Person", "Organization": "Organisation", "SoftwareApplication": "Software"}.get(value, value)


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("pipeline.web", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["kind"] = _kind
    return env


def _render(env: Environment, template: str, **values: Any) -> bytes:
    root = values["root"]

    def link(target: Link) -> Markup:
        if target.page is None:
            return Markup("<span>{}</span>").format(target.name)
        return Markup('<a href="{}">{}</a>').format(root + target.page, target.name)

    values.setdefault("jsonld", None)
    values.setdefault("language", "en")
    values.setdefault("data_path", "")
    jsonld = values["jsonld"]
    if jsonld is not None:
        # The JSON-LD writer escapes "<", ">" and "&" already; this keeps "nothing in the JSON can end
        # the script element" true here even if that writer changes.
        values["jsonld"] = publish.script_safe(jsonld)
    return env.get_template(template).render(link=link, **values).encode("utf-8")


def _resource(name: str) -> bytes:
    from importlib.resources import files

    return bytes(files("pipeline.web").joinpath("templates", name).read_bytes())


def _write(out: Path, files: dict[str, bytes]) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    """Write what changed, remove what newsld wrote before and no longer makes; all or nothing."""
    if out.exists() and not out.is_dir():
        raise OutputError("is not a folder.", path=out, fix="Choose another --out.", slug="site-not-folder")
    manifest_path = out / MANIFEST
    previous: list[str] = []
    if manifest_path.is_file():
        try:
            previous = list(json.loads(manifest_path.read_text("utf-8")).get("files", []))
        except (ValueError, AttributeError):
            previous = []
    changed: dict[Path, bytes] = {}
    unchanged = 0
    for name, data in files.items():
        path = out / name
        try:
            same = path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if same:
            unchanged += 1
        else:
            changed[path] = data
    manifest = json.dumps({"files": sorted(files)}, indent=2).encode("utf-8") + b"\n"
    if not manifest_path.is_file() or manifest_path.read_bytes() != manifest:
        changed[manifest_path] = manifest
    write_files_atomic(changed)
    removed = tuple(sorted(name for name in previous if name not in files and _remove(out / name, out)))
    written = tuple(sorted(str(p.relative_to(out)) for p in changed if p != manifest_path))
    return written, unchanged, removed


def _remove(path: Path, out: Path) -> bool:
    """Remove a file newsld wrote, and folders it leaves empty; True when it was there."""
    resolved = path.resolve()
    if out.resolve() not in resolved.parents or not path.is_file():
        return False
    path.unlink()
    parent = path.parent
    while parent != out and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return True
