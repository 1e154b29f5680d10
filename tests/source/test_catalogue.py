"""The entity catalogue, mention finding, and the sidecar metadata."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.source.catalogue import Catalogue, Entity, name_trie, read_catalogue, slugify
from pipeline.source.sidecar import ImageInfo, Metadata, Named, SourceInfo, derive_headline, read_metadata
from tests.conftest import ROOT

CATALOGUE = ROOT / "articles" / "entities.toml"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return read_catalogue(CATALOGUE)


def test_seed_catalogue_facts(catalogue: Catalogue) -> None:
    kaufman = catalogue["micha-kaufman"]
    assert (kaufman.type, kaufman.name, kaufman.aliases, kaufman.works_for) == (
        "Person",
        "Micha Kaufman",
        ("Kaufman",),
        "fiverr",
    )
    fiverr = catalogue["fiverr"]
    assert (fiverr.legal_name, fiverr.url) == ("Fiverr International Ltd.", "https://www.fiverr.com")
    assert catalogue["noah-wire-services"].type == "Organization"


def test_mentions_whole_words_possessives_longest_first(catalogue: Catalogue) -> None:
    text = "Micha Kaufman met Kaufman’s team at Fiverr's office; Kaufmann and Fiverrs are other words."
    found = [(m.entity, text[m.start : m.end]) for m in catalogue.find_names(text)]
    assert found == [("micha-kaufman", "Micha Kaufman"), ("micha-kaufman", "Kaufman"), ("fiverr", "Fiverr")]


def test_a_name_that_starts_inside_another_and_runs_on_is_the_name_written() -> None:
    catalogue = Catalogue(
        {
            "museum": Entity("museum", "Organization", "Ostrander Museum", aliases=("The Ostrander",)),
            "trust": Entity("trust", "Organization", "Ostrander Bequest Trust"),
        }
    )
    text = "The Ostrander Bequest Trust runs The Ostrander."
    found = [(m.entity, text[m.start : m.end]) for m in catalogue.find_names(text)]
    assert found == [("trust", "Ostrander Bequest Trust"), ("museum", "The Ostrander")]


# Names and texts from a small alphabet, so that names share prefixes, contain one another and
# stand next to letters, hyphens and apostrophes: the cases where a trie could differ.
_name = st.text(alphabet="abAB -‐'’.é", min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(names=st.lists(_name, min_size=1, max_size=12, unique=True), text=st.text(alphabet="abAB -‐'’.é,x", max_size=40))
def test_name_trie_matches_what_an_alternation_longest_first_matches(names: list[str], text: str) -> None:
    boundary = r"[\w\-‐‑]"
    alternation = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    plain = re.compile(rf"(?<!{boundary})(?:{alternation})(?!{boundary})")
    trie = re.compile(rf"(?<!{boundary})(?:{name_trie(names)})(?!{boundary})")
    expected = [(m.start(), m.group()) for m in plain.finditer(text)]
    assert [(m.start(), m.group()) for m in trie.finditer(text)] == expected
    for name in names:  # every name is found standing alone
        assert [m.group() for m in trie.finditer(f" {name} ")] == [m.group() for m in plain.finditer(f" {name} ")]


def test_named_and_organization_look_up_every_name_case_insensitively() -> None:
    catalogue = Catalogue(
        {
            "acme": Entity("acme", "Organization", "Acme", aliases=("ACME Corp",)),
            "acme-2": Entity("acme-2", "Organization", "Acme Two", aliases=("acme",)),
            "ann": Entity("ann", "Person", "Ann Acme", aliases=("Acme",)),
        }
    )
    assert [e.id for e in catalogue.named("acme", "Organization")] == ["acme", "acme-2"]
    assert [e.id for e in catalogue.named("ACME", "Person")] == ["ann"]
    assert catalogue.named("Acme Corp", "Person") == []
    assert catalogue.organization("acme corp").id == "acme"
    assert catalogue.organization("ACME").id == "acme"  # the first in catalogue order
    assert catalogue.organization("Ann Acme").id == "ann-acme"  # a person's name: minted organisation


def test_empty_catalogue_finds_nothing() -> None:
    assert Catalogue().find_names("Anything at all") == []


def test_organization_lookup_by_name_or_minted(catalogue: Catalogue) -> None:
    assert catalogue.organization("noah wire services").id == "noah-wire-services"
    minted = catalogue.organization("Agence France-Presse")
    assert (minted.id, minted.name, minted.type) == ("agence-france-presse", "Agence France-Presse", "Organization")


def test_closure_adds_employers(catalogue: Catalogue) -> None:
    assert catalogue.closure({"micha-kaufman"}) == {"micha-kaufman", "fiverr"}


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Noah Wire Services", "noah-wire-services"), ("Café Société", "cafe-societe"), ("新华社", "新华社")],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def catalogue_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "entities.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_catalogue(path)
    return caught.value.message.replace(str(path), "entities.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[entity.a]\ntype = "Person"\nname = "A"\nname = "B"\n',
            "entities.toml:4:11: is not valid TOML: cannot overwrite a value. Fix the TOML syntax (https://toml.io).",
        ),
        (
            '[entity.a]\ntype = "Robot"\nname = "A"\n',
            "entities.toml:2: entity 'a' has type 'Robot'. Set type = \"Person\" or type = \"Organization\".",
        ),
        (
            '[entity.a]\ntype = "Person"\n',
            "entities.toml:1: entity 'a': 'name' must be non-empty text. Write name = \"…\".",
        ),
        (
            '[entity.a]\ntype = "Person"\nname = "A"\nemployer = "x"\n',
            "entities.toml:4: entity 'a' has unknown field 'employer'. Known fields: aliases, job_title, legal_name,"
            " name, pronouns, same_as, type, url, works_for.",
        ),
        (
            '[entity.a]\ntype = "Person"\nname = "A"\nworks_for = "nobody"\n',
            "entities.toml:4: entity 'a' works_for 'nobody', which is not an organisation in the catalogue."
            ' Add [entity.nobody] with type = "Organization", or fix the id.',
        ),
        (
            '[entity.a]\ntype = "Person"\nname = "A"\naliases = ["Smith"]\n\n[entity.b]\ntype = "Person"\nname = "B"\naliases = ["Smith"]\n',
            "entities.toml:9: the name 'Smith' of 'b' is also a name of 'a', declared at line 1, so mentions would be"
            " ambiguous. Keep the name or alias on one entity only.",
        ),
        (
            '[entity.a]\ntype = "Person"\nname = "A"\naliases = ["Smith"]\n\n[entity.b]\ntype = "Person"\nname = "SMITH"\n',
            "entities.toml:8: the name 'SMITH' of 'b' is also a name of 'a' (as 'Smith'; case is ignored), declared at"
            " line 1, so mentions would be ambiguous. Keep the name or alias on one entity only.",
        ),
        (
            '[entity.Big_Co]\ntype = "Organization"\nname = "Big"\n',
            "entities.toml:1: entity id 'Big_Co' is not a lowercase slug. Use lowercase letters, digits and '-', e.g. [entity.micha-kaufman].",
        ),
        (
            '[entity.a]\ntype = "Organization"\nname = "A"\nurl = "www.a.com"\n',
            "entities.toml:4: entity 'a': 'www.a.com' is not an http(s) URL. Write the full URL, e.g. https://www.example.com.",
        ),
        (
            '[entity.a]\ntype = "Organization"\nname = "A"\nsame_as = ["https://a.example/x>y"]\n',
            "entities.toml:4: entity 'a': 'https://a.example/x>y' is not an http(s) URL. Write the full URL, e.g. https://www.example.com.",
        ),
        (
            '[entity.a]\ntype = "Organization"\nname = "A"\njob_title = "CEO"\n',
            "entities.toml:4: 'job_title' does not apply to an Organization. Remove it or change the entity's type.",
        ),
    ],
    ids=[
        "toml-syntax",
        "bad-type",
        "no-name",
        "unknown-field",
        "dangling-employer",
        "ambiguous-alias",
        "ambiguous-alias-case",
        "bad-id",
        "bad-url",
        "url-not-an-iri",
        "misplaced-field",
    ],
)
def test_catalogue_errors_point_at_the_line(tmp_path: Path, text: str, expected: str) -> None:
    assert catalogue_error(tmp_path, text) == expected


def test_missing_catalogue_is_empty(tmp_path: Path) -> None:
    assert read_catalogue(tmp_path / "entities.toml").entities == {}


def sidecar(tmp_path: Path, text: str, catalogue: Catalogue, sources: tuple[int, ...] | None = (1, 2)) -> object:
    """The metadata of `text` as the sidecar of an article whose Reference Map cites `sources`."""
    article = tmp_path / "story.txt"
    article.write_text("Text.\n", encoding="utf-8")
    article.with_suffix(".toml").write_text(text, encoding="utf-8")
    return read_metadata(article, catalogue, sources)


def test_sidecar_byline_image_modified_and_sources(tmp_path: Path, catalogue: Catalogue) -> None:
    metadata = sidecar(
        tmp_path,
        "date_published = 2025-04-08\ndate_modified = 2025-04-08T18:00:00+02:00\n"
        'image = "https://img.example/a.jpg"\nauthor = ["Jane  Doe", "micha-kaufman", "KAUFMAN", "Fiverr"]\n'
        '[sources.2]\ntitle = " The   memo "\nurl = "https://news.example/memo"\npublisher = "fiverr"\ndate = 2025-04-01\n'
        '[sources.1]\npublisher = "Business Insider"\n',
        catalogue,
    )
    assert isinstance(metadata, Metadata)
    assert metadata.image == ImageInfo("https://img.example/a.jpg")
    assert metadata.date_modified == datetime(2025, 4, 8, 16, 0, tzinfo=UTC)
    # An id or a catalogue person's name/alias (any case) is that person; other names are just names
    # (Fiverr is an organisation, not a person the byline could mean).
    assert metadata.authors == (
        Named("Jane Doe"),
        Named("Micha Kaufman", "micha-kaufman"),
        Named("Fiverr"),
    )
    assert list(metadata.sources) == [1, 2]
    assert metadata.sources[2] == SourceInfo(
        title="The memo", url="https://news.example/memo", publisher=Named("Fiverr", "fiverr"), date=date(2025, 4, 1)
    )
    assert metadata.sources[1] == SourceInfo(publisher=Named("Business Insider"))


def test_sidecar_fields(tmp_path: Path, catalogue: Catalogue) -> None:
    metadata = sidecar(
        tmp_path,
        'headline = "A  headline"\ndate_published = 2025-04-08\nurl = "https://x.example/a"\nlanguage = "en-GB"\nabout = ["fiverr"]\n',
        catalogue,
    )
    assert metadata.headline == "A headline"  # type: ignore[attr-defined]
    assert metadata.date_published == date(2025, 4, 8)  # type: ignore[attr-defined]
    assert metadata.language == "en-GB"  # type: ignore[attr-defined]
    assert metadata.about == ("fiverr",)  # type: ignore[attr-defined]


def test_sidecar_datetime_needs_an_offset(tmp_path: Path, catalogue: Catalogue) -> None:
    assert sidecar(tmp_path, "date_published = 2025-04-08T09:30:00Z\n", catalogue).date_published == datetime(  # type: ignore[attr-defined]
        2025, 4, 8, 9, 30, tzinfo=UTC
    )
    with pytest.raises(InputError, match=r"story.toml:1: date_published is a date-time without a UTC offset"):
        sidecar(tmp_path, "date_published = 2025-04-08T09:30:00\n", catalogue)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'headline = "x"\nheadlin = "y"\n',
            "story.toml:2: unknown key 'headlin'. Known keys: about, author, date_modified, date_published, description, headline, image, language, quotes, sources, url.",
        ),
        ('about = ["nobody"]\n', "story.toml:1: about names 'nobody', which is not in the entity catalogue."),
        ('language = "English"\n', "story.toml:1: language 'English' is not a BCP 47 language tag."),
        ("headline = \n", "story.toml:1:12: is not valid TOML: invalid value. Fix the TOML syntax (https://toml.io)."),
        ('url = "ftp://x"\n', "story.toml:1: url is not an http(s) URL."),
        ('date_published = "yesterday"\n', "story.toml:1: date_published is not a date."),
        ('image = "kaufman.jpg"\n', "story.toml:1: image is not an http(s) URL."),
        (
            "date_published = 2025-04-08\ndate_modified = 2025-04-07\n",
            "story.toml:2: date_modified 2025-04-07 is before date_published 2025-04-08."
            " Set date_modified to the last change, on or after date_published.",
        ),
        ("author = 3\n", "story.toml:1: author must be a list of names or entity ids."),
        (
            '[sources.7]\ntitle = "x"\n',
            "story.toml:1: [sources.7] describes source 7, which the article's Reference Map does not cite."
            " Use a number the Reference Map cites (1, 2), or remove the table.",
        ),
        (
            '[sources.one]\ntitle = "x"\n',
            "story.toml:1: [sources.one] is not a source number. Name each table by its Reference Map number",
        ),
        (
            '[sources.1]\ntitle = "x"\nlink = "https://x.example"\n',
            "story.toml:3: unknown key 'link' in [sources.1]. Known keys: date, publisher, title, url.",
        ),
        ('[sources.1]\nurl = "www.x.example"\n', "story.toml:2: url is not an http(s) URL."),
        ('[sources.1]\nurl = "https://x.example/%zz"\n', "story.toml:2: url is not an http(s) URL."),
        ("[sources.2]\ndate = 2025-04-08T10:00:00\n", "story.toml:2: date is a date-time without a UTC offset"),
        ('description = "  "\n', "story.toml:1: description must be non-empty text. Write description ="),
        ('[image]\nalt = "A man"\n', "story.toml:1: [image] needs a url, an http(s) URL."),
        ('[image]\nurl = "https://x.example/a.jpg"\nwidth = 0\n', "story.toml:3: [image] width must be a whole number"),
        ('[image]\nurl = "https://x.example/a.jpg"\nheight = "800"\n', "story.toml:3: [image] height must be a whole"),
        ('[image]\nurl = "https://x.example/a.jpg"\nalt = ""\n', "story.toml:3: [image] alt must be non-empty text"),
        ('[image]\nurl = "https://x.example/a.jpg"\ntitle = "x"\n', "story.toml:3: unknown key 'title' in [image]."),
    ],
    ids=[
        "unknown-key",
        "unknown-entity",
        "bad-language",
        "toml-syntax",
        "bad-url",
        "bad-date",
        "bad-image",
        "modified-before-published",
        "bad-author",
        "uncited-source",
        "source-not-a-number",
        "source-unknown-key",
        "source-bad-url",
        "source-url-not-an-iri",
        "source-date-without-offset",
        "empty-description",
        "image-without-url",
        "image-width-zero",
        "image-height-text",
        "image-empty-alt",
        "image-unknown-key",
    ],
)
def test_sidecar_errors(tmp_path: Path, catalogue: Catalogue, text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        sidecar(tmp_path, text, catalogue)
    assert caught.value.message.replace(str(tmp_path) + "/", "").startswith(expected)


def test_sidecar_description_and_image_table(tmp_path: Path, catalogue: Catalogue) -> None:
    metadata: Any = sidecar(
        tmp_path,
        'description = "A memo,  in short."\n\n[image]\nurl = "https://img.example/a.jpg"\n'
        'alt = "Micha Kaufman on stage"\ncaption = "Kaufman in 2024."\nwidth = 1200\nheight = 800\n',
        catalogue,
    )
    assert metadata.description == "A memo, in short."
    assert metadata.image == ImageInfo(
        "https://img.example/a.jpg", "Micha Kaufman on stage", "Kaufman in 2024.", width=1200, height=800
    )


def test_no_sidecar_gives_defaults(tmp_path: Path, catalogue: Catalogue) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Text.\n", encoding="utf-8")
    metadata = read_metadata(article, catalogue)
    assert (metadata.headline, metadata.language, metadata.about) == (None, "en", ())


def test_derived_headline_is_first_sentence_cut_at_a_word() -> None:
    assert derive_headline("Short first sentence. Then more.") == "Short first sentence"
    long = "word " * 40 + "end."
    headline = derive_headline(long)
    assert len(headline) <= 110
    assert headline.endswith("word…")


def test_entity_names() -> None:
    assert Entity("x", "Person", "X Y", aliases=("Y",)).names == ("X Y", "Y")


def test_a_catalogue_read_again_is_kept_only_while_its_file_is_the_same(tmp_path: Path) -> None:
    import os

    path = tmp_path / "entities.toml"
    path.write_text('[entity.ann-lee]\ntype = "Person"\nname = "Ann Lee"\n', encoding="utf-8")
    old = 1_600_000_000_000_000_000  # long ago: a clock's coarse tick cannot hide an edit
    os.utime(path, ns=(old, old))
    first = read_catalogue(path)
    assert read_catalogue(path) is first, "the same file: kept"
    # An edit of the same size, then its old times put back: the inode's change time still differs.
    path.write_text('[entity.ann-lea]\ntype = "Person"\nname = "Ann Lea"\n', encoding="utf-8")
    os.utime(path, ns=(old, old))
    assert list(read_catalogue(path).entities) == ["ann-lea"]
    # A file edited within the last two seconds is read again every time.
    path.write_text('[entity.ann-lee]\ntype = "Person"\nname = "Ann Lee"\n', encoding="utf-8")
    assert read_catalogue(path) is not read_catalogue(path)
