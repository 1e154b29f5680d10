"""Article metadata from the optional sidecar `<slug>.toml` beside the article.

headline = "Fiverr CEO Micha Kaufman warns staff that AI is coming for everyone’s jobs"
date_published = 2025-04-08          # a TOML date, or a date-time with a UTC offset
date_modified = 2025-04-09           # when it was last changed; not before date_published
url = "https://example.com/story"
description = "Kaufman's memo to staff: ..."  # the summary editors wrote; none is ever made up
image = "https://example.com/story.jpg"  # or a table, with what readers and search engines need:
language = "en"                      # BCP 47; the default
about = ["micha-kaufman"]            # entity ids from entities.toml
author = ["Jane Doe"]                # the byline: entity ids, catalogue names, or other names

[sources.1]                          # a Reference Map number: what the source is, when known
title = "Fiverr annual report 2024"
url = "https://example.com/report"
publisher = "Fiverr"                 # an entity id or name, or any organisation's name
date = 2025-03-20

[image]                              # instead of image = "…"
url = "https://example.com/story.jpg"
alt = "Micha Kaufman on stage"       # what the picture shows, for those who cannot see it
caption = "Kaufman in 2024. Photo: Example Agency"
width = 1200                         # pixels
height = 800
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from pipeline.io.iri import is_iri
from pipeline.io.tomlfile import TomlFile, read_toml
from pipeline.source.catalogue import Catalogue, EntityType
from pipeline.source.overrides import QuoteOverride, read_overrides

SIDECAR_SUFFIX = ".toml"  # beside the article: story.txt -> story.toml
MAX_HEADLINE = 110
_FIELDS = {
    "headline",
    "date_published",
    "date_modified",
    "url",
    "description",
    "image",
    "language",
    "about",
    "author",
    "sources",
    "quotes",
}
_IMAGE_FIELDS = {"url", "alt", "caption", "width", "height"}
MAX_PIXELS = 100_000
_SOURCE_FIELDS = {"title", "url", "publisher", "date"}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Named:
    """A name from the sidecar: a catalogue entity when it names one, else just the name (no identity claimed)."""

    name: str
    entity: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    """What the sidecar says about one numbered source of the Reference Map."""

    title: str | None = None
    url: str | None = None
    publisher: Named | None = None
    date: date | datetime | None = None


@dataclass(frozen=True)
class ImageInfo:
    """The article's lead image: its URL and, when the sidecar gives them, alt text, caption and size."""

    url: str
    alt: str | None = None
    caption: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Metadata:
    """What the article text itself does not say."""

    headline: str | None = None
    date_published: date | datetime | None = None
    url: str | None = None
    language: str = "en"
    about: tuple[str, ...] = ()
    date_modified: date | datetime | None = None
    image: ImageInfo | None = None
    authors: tuple[Named, ...] = ()
    description: str | None = None
    sources: dict[int, SourceInfo] = field(default_factory=dict)
    path: Path | None = None
    quotes: tuple[QuoteOverride, ...] = ()  # the editor's word on who said a quotation ([[quotes]])


def sidecar_path(article_path: Path) -> Path:
    return article_path.with_suffix(SIDECAR_SUFFIX)


def read_metadata(article_path: Path, catalogue: Catalogue, source_numbers: tuple[int, ...] | None = None) -> Metadata:
    """The sidecar's metadata, or the defaults when the article has none.

    `source_numbers` are the article's Reference Map numbers; `[sources.N]` must be one of them.
    """
    path = sidecar_path(article_path)
    if not path.exists():
        return Metadata()
    toml = read_toml(path)
    fields = toml.data
    unknown = sorted(set(fields) - _FIELDS)
    if unknown:
        raise toml.error(
            f"unknown key {unknown[0]!r}.",
            key=unknown[0],
            fix=f"Known keys: {', '.join(sorted(_FIELDS))}.",
            slug="sidecar-key",
        )
    published = _date(toml, "date_published")
    modified = _date(toml, "date_modified")
    if published is not None and modified is not None and _before(modified, published):
        raise toml.error(
            f"date_modified {modified.isoformat()} is before date_published {published.isoformat()}.",
            key="date_modified",
            fix="Set date_modified to the last change, on or after date_published.",
            slug="sidecar-date",
        )
    return Metadata(
        headline=_headline(toml),
        date_published=published,
        url=_url(toml, "url"),
        language=_language(toml),
        about=_about(toml, catalogue),
        date_modified=modified,
        image=_image(toml),
        authors=_authors(toml, catalogue),
        description=_description(toml),
        sources=_sources(toml, catalogue, source_numbers),
        path=path,
        quotes=read_overrides(toml, catalogue),
    )


def derive_headline(first_paragraph: str) -> str:
    """The first sentence, cut at a word boundary to at most MAX_HEADLINE characters."""
    end = _SENTENCE_END.search(first_paragraph)
    sentence = first_paragraph[: end.start()] if end else first_paragraph
    if len(sentence) <= MAX_HEADLINE:
        return sentence
    cut = sentence[: MAX_HEADLINE - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _headline(toml: TomlFile) -> str | None:
    value = toml.data.get("headline")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise toml.error(
            "headline must be non-empty text.", key="headline", fix='Write headline = "…".', slug="sidecar-headline"
        )
    return " ".join(value.split())


def _date(toml: TomlFile, key: str, table: str | None = None) -> date | datetime | None:
    data = toml.data if table is None else toml.data["sources"][table.split(".")[1]]
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            value = None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise toml.error(
                f"{key} is a date-time without a UTC offset, so its instant is unknown.",
                key=key,
                table=table,
                fix=f"Add the offset, e.g. {key} = 2025-04-08T09:30:00Z.",
                slug="sidecar-date",
            )
        return value
    if isinstance(value, date):
        return value
    raise toml.error(
        f"{key} is not a date.",
        key=key,
        table=table,
        fix=f"Write a TOML date such as {key} = 2025-04-08.",
        slug="sidecar-date",
    )


def _before(later: date | datetime, earlier: date | datetime) -> bool:
    """Whether `later` is before `earlier`: by instant when both have one, else by UTC day."""
    if isinstance(later, datetime) and isinstance(earlier, datetime):
        return later < earlier
    return _day(later) < _day(earlier)


def _day(value: date | datetime) -> date:
    return value.astimezone(UTC).date() if isinstance(value, datetime) else value


def _url(toml: TomlFile, key: str, table: str | None = None) -> str | None:
    data = toml.data if table is None else toml.data["sources"][table.split(".")[1]]
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value) or not is_iri(value):
        raise toml.error(
            f"{key} is not an http(s) URL.", key=key, table=table, fix=f'Write {key} = "https://…".', slug="sidecar-url"
        )
    return value


def _description(toml: TomlFile) -> str | None:
    value = toml.data.get("description")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise toml.error(
            "description must be non-empty text.",
            key="description",
            fix='Write description = "…" (one or two sentences), or leave it out.',
            slug="sidecar-description",
        )
    return " ".join(value.split())


def _image(toml: TomlFile) -> ImageInfo | None:
    """`image = "https://…"`, or an `[image]` table with url, alt, caption, width and height."""
    value = toml.data.get("image")
    if value is None:
        return None
    if not isinstance(value, dict):
        url = _url(toml, "image")
        return ImageInfo(url) if url else None
    unknown = sorted(set(value) - _IMAGE_FIELDS)
    if unknown:
        raise toml.error(
            f"unknown key {unknown[0]!r} in [image].",
            key=unknown[0],
            table="image",
            fix=f"Known keys: {', '.join(sorted(_IMAGE_FIELDS))}.",
            slug="sidecar-image",
        )
    url = value.get("url")
    if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url) or not is_iri(url):
        raise toml.error(
            "[image] needs a url, an http(s) URL.",
            key="url" if "url" in value else None,
            table="image",
            fix='Write url = "https://…" in [image].',
            slug="sidecar-image",
        )
    alt = value.get("alt")
    if alt is not None and (not isinstance(alt, str) or not alt.strip()):
        raise toml.error(
            "[image] alt must be non-empty text: what the picture shows.",
            key="alt",
            table="image",
            fix='Write alt = "…", or leave it out.',
            slug="sidecar-image",
        )
    caption = value.get("caption")
    if caption is not None and (not isinstance(caption, str) or not caption.strip()):
        raise toml.error(
            "[image] caption must be non-empty text.",
            key="caption",
            table="image",
            fix='Write caption = "…", or leave it out.',
            slug="sidecar-image",
        )
    sizes = {}
    for key in ("width", "height"):
        size = value.get(key)
        if size is not None and (type(size) is not int or not 0 < size <= MAX_PIXELS):
            raise toml.error(
                f"[image] {key} must be a whole number of pixels from 1 to {MAX_PIXELS:,}.",
                key=key,
                table="image",
                fix=f"Write {key} = 1200 (the image's own size), or leave it out.",
                slug="sidecar-image",
            )
        sizes[key] = size
    return ImageInfo(
        url=url,
        alt=" ".join(alt.split()) if alt else None,
        caption=" ".join(caption.split()) if caption else None,
        width=sizes["width"],
        height=sizes["height"],
    )


def _text(toml: TomlFile, key: str, table: str) -> str | None:
    value = toml.data["sources"][table.split(".")[1]].get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise toml.error(
            f"{key} must be non-empty text.", key=key, table=table, fix=f'Write {key} = "…".', slug="sidecar-source"
        )
    return " ".join(value.split())


def _named(name: str, catalogue: Catalogue, kind: EntityType) -> Named:
    """An entity id, or a name or alias that exactly one catalogue entity of `kind` has; else the name alone."""
    if name in catalogue and catalogue[name].type == kind:
        return Named(catalogue[name].name, catalogue[name].id)
    text = " ".join(name.split())
    matches = catalogue.named(text, kind)
    if len(matches) == 1:
        return Named(matches[0].name, matches[0].id)
    return Named(text)


def _authors(toml: TomlFile, catalogue: Catalogue) -> tuple[Named, ...]:
    value = toml.data.get("author", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise toml.error(
            "author must be a list of names or entity ids.",
            key="author",
            fix='Write author = ["Jane Doe"] or author = ["micha-kaufman"].',
            slug="sidecar-author",
        )
    return tuple(dict.fromkeys(_named(v, catalogue, "Person") for v in value))


def _sources(toml: TomlFile, catalogue: Catalogue, numbers: tuple[int, ...] | None) -> dict[int, SourceInfo]:
    value = toml.data.get("sources", {})
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise toml.error(
            "sources must be tables, one per Reference Map number.",
            key="sources",
            fix='Write [sources.1] with title = "…" and url = "https://…".',
            slug="sidecar-source",
        )
    sources: dict[int, SourceInfo] = {}
    for key, fields in value.items():
        table = f"sources.{key}"
        if not key.isdigit() or int(key) < 1:
            raise toml.error(
                f"[{table}] is not a source number.",
                table=table,
                fix="Name each table by its Reference Map number, e.g. [sources.1].",
                slug="sidecar-source",
            )
        number = int(key)
        if numbers is not None and number not in numbers:
            cited = ", ".join(map(str, numbers)) or "none"
            raise toml.error(
                f"[{table}] describes source {number}, which the article's Reference Map does not cite.",
                table=table,
                fix=f"Use a number the Reference Map cites ({cited}), or remove the table.",
                slug="sidecar-source",
            )
        unknown = sorted(set(fields) - _SOURCE_FIELDS)
        if unknown:
            raise toml.error(
                f"unknown key {unknown[0]!r} in [{table}].",
                key=unknown[0],
                table=table,
                fix=f"Known keys: {', '.join(sorted(_SOURCE_FIELDS))}.",
                slug="sidecar-source",
            )
        publisher = _text(toml, "publisher", table)
        sources[number] = SourceInfo(
            title=_text(toml, "title", table),
            url=_url(toml, "url", table),
            publisher=_named(publisher, catalogue, "Organization") if publisher else None,
            date=_date(toml, "date", table),
        )
    return dict(sorted(sources.items()))


def _language(toml: TomlFile) -> str:
    value = toml.data.get("language", "en")
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise toml.error(
            f"language {value!r} is not a BCP 47 language tag.",
            key="language",
            fix='Write e.g. language = "en" or "en-GB".',
            slug="sidecar-language",
        )
    return value


def _about(toml: TomlFile, catalogue: Catalogue) -> tuple[str, ...]:
    value = toml.data.get("about", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise toml.error(
            "about must be a list of entity ids.",
            key="about",
            fix='Write about = ["micha-kaufman"].',
            slug="sidecar-about",
        )
    for entity_id in value:
        if entity_id not in catalogue:
            where = catalogue.path or "entities.toml"
            raise toml.error(
                f"about names {entity_id!r}, which is not in the entity catalogue.",
                key="about",
                fix=f"Add [entity.{entity_id}] to {where}, or fix the id.",
                slug="sidecar-about",
            )
    return tuple(dict.fromkeys(value))
