"""pipeline.config: the [tool.newsld] settings, their defaults, and the errors that name the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Publisher, check_base_iri, find_project_file, load_settings
from pipeline.data.bundled import bundled
from pipeline.errors import InputError


def project(folder: Path, table: str) -> Path:
    (folder / "pyproject.toml").write_text(f"[tool.newsld]\n{table}", encoding="utf-8")
    return folder


def test_settings_are_relative_to_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, 'base = "https://news.example/ld/"\noutput = "public"\nstrict = true\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    settings = load_settings()
    assert find_project_file() == tmp_path / "pyproject.toml"
    assert (settings.base, settings.strict, settings.root) == ("https://news.example/ld/", True, tmp_path)
    assert settings.output == tmp_path / "public"  # outside the working folder: absolute
    assert settings.articles == tmp_path / "articles"
    assert settings.shapes == bundled("shapes"), "no shapes/ folder: the shipped shapes"
    (tmp_path / "shapes").mkdir()
    assert load_settings().shapes == tmp_path / "shapes"
    monkeypatch.chdir(tmp_path)
    assert load_settings().output == Path("public"), "inside the working folder: short"


def test_no_project_file_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert (settings.base, settings.output, settings.store, settings.strict) == (
        "https://newsld.example/",
        Path("output"),
        Path("store"),
        False,
    )


@pytest.mark.parametrize(
    ("table", "slug", "message"),
    [
        (
            'bsae = "x"\n',
            "unknown-setting",
            "[tool.newsld] has unknown setting(s) bsae. Known settings: articles, base, favicon, output, publish,"
            " publisher, shapes, site, store, strict, validator.",
        ),
        (
            'strict = "yes"\n',
            "setting-type",
            "[tool.newsld] strict = 'yes' is not true or false. Write strict = true or false.",
        ),
        ('base = "news.example"\n', "base-iri", "base IRI 'news.example' is not an absolute http(s) IRI."),
        (
            'base = "https://news.example/a|b/"\n',
            "base-iri",
            "base IRI 'https://news.example/a|b/' is not an absolute http(s) IRI.",
        ),
        ("base = \n", "toml-syntax", ""),
    ],
)
def test_bad_settings_name_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, slug: str, message: str
) -> None:
    project(tmp_path, table)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        load_settings()
    assert error.value.slug == slug
    assert error.value.path is not None and error.value.path.endswith("pyproject.toml")
    assert message in error.value.message


def test_base_iri_must_end_with_a_slash() -> None:
    assert check_base_iri("https://a.example/x/", source="--base") == "https://a.example/x/"
    with pytest.raises(InputError) as error:
        check_base_iri("https://a.example/x", source="--base")
    assert error.value.message.endswith('Use "https://a.example/x/".')


def test_articles_elsewhere_are_built_with_their_own_project(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 22, case 13: `newsld build /path/to/project/articles` from another folder used the
    default base and ./output there, and recorded the path relative to where it ran."""
    from typer.testing import CliRunner

    from pipeline.cli.app import app

    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("https://newsld.example/", "https://news.example/ld/"))
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # outside the project
    monkeypatch.chdir(elsewhere)
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(project / "articles")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith(f"-> {project / 'output'}/")
    assert list(elsewhere.iterdir()) == []
    turtle = (project / "output" / "fiverr-ceo-ai-warning.ttl").read_text(encoding="utf-8")
    assert "@prefix article: <https://news.example/ld/article/> ." in turtle
    assert 'schema:name "articles/fiverr-ceo-ai-warning.txt"' in turtle  # the provenance: project-relative


def test_articles_of_two_projects_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.config import load_settings_for
    from pipeline.errors import UsageError

    for name in ("a", "b"):
        (tmp_path / name / "articles").mkdir(parents=True)
        project(tmp_path / name, "")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as refused:
        load_settings_for([Path("a/articles"), Path("b/articles")])
    assert str(refused.value) == (
        f"the articles belong to different projects ({tmp_path / 'a' / 'pyproject.toml'},"
        f" {tmp_path / 'b' / 'pyproject.toml'}): build each project's articles on their own."
    )
    assert load_settings_for([Path("a/articles")]).root == tmp_path / "a"
    assert load_settings_for([Path("a/articles"), tmp_path / "elsewhere.txt"]).root == tmp_path / "a"


def test_publisher_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(
        tmp_path,
        'favicon = "brand/icon.svg"\n\n[tool.newsld.publisher]\nname = "The  Daily Example"\n'
        'url = "https://daily.example/"\nlogo = "https://daily.example/logo.png"\n',
    )
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.publisher == Publisher(
        "The Daily Example", "https://daily.example/", "https://daily.example/logo.png"
    )
    assert settings.favicon == Path("brand/icon.svg")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[tool.newsld.publisher]\nurl = "https://daily.example/"\n', ":2: [tool.newsld.publisher] needs a name,"),
        ('[tool.newsld.publisher]\nname = "D"\nlogo = "logo.png"\n', ":4: [tool.newsld.publisher] logo is not an http"),
        (
            '[tool.newsld.publisher]\nname = "D"\nemail = "d@x"\n',
            ":4: [tool.newsld.publisher] has unknown key 'email'.",
        ),
        ('publisher = "Daily"\n', ":2: [tool.newsld] publisher must be a table."),
    ],
)
def test_bad_publisher_settings_name_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, message: str
) -> None:
    project(tmp_path, table)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as error:
        load_settings()
    assert error.value.slug == "setting-publisher"
    assert message in str(error.value), str(error.value)
