"""The wheel works outside the repository: build it, install it into a fresh venv, use every command.

The fresh venv gets only the wheel; its dependencies (rdflib, pySHACL, pyoxigraph, …) come from
the test environment's site-packages through a .pth file, so the test needs no network beyond
what building a wheel needs, and nothing of the checkout (shapes/, articles/) can leak in: the
commands run in a temporary folder outside the repository.
"""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ["pyproject.toml", "README.md", "pipeline", "shapes", "articles"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("newsld-*.whl")
    return built


def test_the_wheel_ships_shapes_queries_schemaorg_and_the_example(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "pipeline" / "data"
    expected = {f"pipeline/data/shapes/{p.name}" for p in (ROOT / "shapes").glob("*.ttl")}
    expected |= {f"pipeline/data/queries/{p.name}" for p in (data / "queries").glob("*.rq")}
    expected |= {f"pipeline/data/schemaorg/{p.name}" for p in (data / "schemaorg").iterdir()}
    expected |= {f"pipeline/data/example/{p.name}" for p in (ROOT / "articles").iterdir()}
    expected |= {f"pipeline/web/templates/{p.name}" for p in (ROOT / "pipeline" / "web" / "templates").iterdir()}
    expected |= {"pipeline/web/nginx.conf", "pipeline/web/newsld.js"}
    assert "pipeline/data/schemaorg/LICENSE" in expected
    assert expected <= names, sorted(expected - names)
    assert not any(name.startswith(("tests/", "output/", "bench/")) for name in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin"


def run(binary: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(binary), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


def test_every_command_works_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    newsld = installed / "newsld"
    where = run(installed / "python", "-c", "import pipeline; print(pipeline.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(installed.parent)), "the wheel's package, not the checkout's"

    init = run(newsld, "init", "paper", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    project = tmp_path / "paper"
    assert not (project / "shapes").exists(), "the shipped shapes are used"
    build = run(newsld, "build", cwd=project)
    assert build.returncode == 0, build.stderr
    assert "Built 1, skipped 0, failed 0, removed 0: 240 triples published, 1 warning" in build.stdout
    assert (project / "output" / "fiverr-ceo-ai-warning.ttl").read_bytes() == (
        ROOT / "output" / "fiverr-ceo-ai-warning.ttl"
    ).read_bytes()

    validate = run(newsld, "validate", "output/fiverr-ceo-ai-warning.ttl", cwd=project)
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout.splitlines()[-1] == "  0 violations, 1 warning, 0 infos: conforms"
    official = run(newsld, "validate", "output/fiverr-ceo-ai-warning.jsonld", "--schemaorg", cwd=project)
    assert official.returncode == 0, official.stderr
    # schema.org's shapes and the project's (the seed has no date: their warning)
    assert official.stdout.splitlines()[-1] == "  0 violations, 1 warning, 0 infos: conforms"

    load = run(newsld, "load", cwd=project)
    assert load.returncode == 0, load.stderr
    assert ": 5 added, 0 replaced, 0 dropped; a full load (the store had no record of a build);" in load.stdout
    query = run(newsld, "query", "people", "--format", "csv", cwd=project)
    assert query.returncode == 0, query.stderr
    assert query.stdout.splitlines() == [
        "person,name,jobTitle,organization",
        "https://newsld.example/person/micha-kaufman,Micha Kaufman,Chief Executive Officer,Fiverr",
    ]
    listing = run(newsld, "query", "--list", cwd=project)
    assert len(listing.stdout.splitlines()) == 5

    published = run(newsld, "site", cwd=project)
    assert published.returncode == 0, published.stderr
    assert "Published 1 article and 4 entity pages" in published.stdout
    page = (project / "site" / "article" / "fiverr-ceo-ai-warning.html").read_text(encoding="utf-8")
    assert '<section class="paragraph" id="paragraph-7">' in page
    assert (project / "site" / "style.css").read_bytes() == (
        ROOT / "pipeline" / "web" / "templates" / "style.css"
    ).read_bytes()
    nginx = run(installed / "python", "-c", "import pipeline.data.bundled as b; print(b.bundled('web'))", cwd=project)
    assert (Path(nginx.stdout.strip()) / "nginx.conf").is_file()
    assert (Path(nginx.stdout.strip()) / "newsld.js").is_file()  # js_path names this folder
