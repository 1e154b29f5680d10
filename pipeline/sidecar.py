"""Article metadata from the optional sidecar `<slug>.toml` beside the article.

headline = "Fiverr CEO Micha Kaufman warns staff that AI is coming for everyone’s jobs"
date_published = 2025-04-08          # a TOML date, or a date-time with a UTC offset
url = "https://example.com/story"
language = "en"                      # BCP 47; the default
about = ["micha-kaufman"]            # entity ids from entities.toml
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pipeline.catalogue import Catalogue
from pipeline.tomlfile import TomlFile, read_toml

MAX_HEADLINE = 110
_FIELDS = {"headline", "date_published", "url", "language", "about"}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Metadata:
    """What the article text itself does not say."""

    headline: str | None = None
    date_published: date | datetime | None = None
    url: str | None = None
    language: str = "en"
    about: tuple[str, ...] = ()
    path: Path | None = None


def sidecar_path(article_path: Path) -> Path:
    return article_path.with_suffix(".toml")


def read_metadata(article_path: Path, catalogue: Catalogue) -> Metadata:
    """The sidecar's metadata, or the defaults when the article has none."""
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
    return Metadata(
        headline=_headline(toml),
        date_published=_date(toml),
        url=_url(toml),
        language=_language(toml),
        about=_about(toml, catalogue),
        path=path,
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


def _date(toml: TomlFile) -> date | datetime | None:
    value = toml.data.get("date_published")
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
                "date_published is a date-time without a UTC offset, so its instant is unknown.",
                key="date_published",
                fix="Add the offset, e.g. date_published = 2025-04-08T09:30:00Z.",
                slug="sidecar-date",
            )
        return value
    if isinstance(value, date):
        return value
    raise toml.error(
        "date_published is not a date.",
        key="date_published",
        fix="Write a TOML date such as date_published = 2025-04-08.",
        slug="sidecar-date",
    )


def _url(toml: TomlFile) -> str | None:
    value = toml.data.get("url")
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"https?://\S+", value):
        raise toml.error("url is not an http(s) URL.", key="url", fix='Write url = "https://…".', slug="sidecar-url")
    return value


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
