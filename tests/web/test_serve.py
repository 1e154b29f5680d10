"""IRIs that resolve: `newsld serve` and the shipped nginx configuration, over real HTTP.

Both servers answer the same table of requests the same way (status, the document a 303 points
to or a 200 came from, Vary), and every link and fragment of every page resolves.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from pipeline.data.bundled import bundled
from pipeline.web.serve import choose, negotiate
from pipeline.web.site import build_site
from tests.conftest import ROOT, write_article
from tests.servers import nginx_server, stop
from tests.web.test_site import FULL_SIDECAR, HOSTILE, SEED, Page

BASE = "https://newsld.example/"
ARTICLE = f"/article/{SEED}"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

# (path, Accept, status, Location or Content-Location)
CASES = [
    (ARTICLE, None, 200, f"{ARTICLE}.html"),
    (ARTICLE, BROWSER, 200, f"{ARTICLE}.html"),
    (ARTICLE, "text/turtle", 200, f"{ARTICLE}.ttl"),
    (ARTICLE, "application/ld+json", 200, f"{ARTICLE}.jsonld"),
    (ARTICLE, "application/n-triples", 200, f"{ARTICLE}.nt"),
    (ARTICLE, "text/turtle;q=1.0, application/rdf+xml;q=0.5", 200, f"{ARTICLE}.ttl"),
    (ARTICLE, "image/png", 406, None),
    ("/person/micha-kaufman", None, 303, "/person/micha-kaufman.html"),
    ("/person/micha-kaufman", BROWSER, 303, "/person/micha-kaufman.html"),
    ("/person/micha-kaufman", "text/turtle", 303, "/person/micha-kaufman.ttl"),
    ("/person/micha-kaufman", "application/ld+json", 303, "/person/micha-kaufman.jsonld"),
    ("/organization/fiverr", "application/n-triples", 303, "/organization/fiverr.nt"),
    ("/software/newsld/0.1.0", "text/turtle", 303, "/software/newsld/0.1.0.ttl"),
    ("/person/micha-kaufman", "image/png", 406, None),
    ("/person/nobody", "text/turtle", 404, None),
    ("/article/missing", None, 404, None),
    ("/.newsld-site.json", None, 404, None),
    ("/article/../pyproject.toml", None, 404, None),
    (f"{ARTICLE}.html", "text/turtle", 200, None),  # a file is itself, whatever is asked
    ("/", BROWSER, 200, None),
]
TYPES = {
    ".html": "text/html",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed (with a full sidecar) and the hostile article, built and published once."""
    from pipeline.builder.corpus import build

    root = tmp_path_factory.mktemp("serve")
    articles = root / "articles"
    articles.mkdir()
    for name in ("entities.toml", f"{SEED}.txt"):
        (articles / name).write_bytes((ROOT / "articles" / name).read_bytes())
    (articles / f"{SEED}.toml").write_text(FULL_SIDECAR, encoding="utf-8")
    write_article(articles, "hostile.txt", HOSTILE)
    assert build([articles], out=root / "output", base=BASE).exit_code == 0
    build_site(root / "output", root / "site", BASE)
    return root / "site"


def test_choose_weighs_q_values() -> None:
    assert choose(None) == "html"
    assert choose("") == "html"
    assert choose("text/turtle;q=0.5, text/html") == "html"
    assert choose("text/html;q=0.5, text/turtle") == "ttl"
    assert choose("text/*") == "html"
    assert choose("application/*") == "jsonld"
    assert choose("*/*;q=0.1, application/n-triples") == "nt"
    assert choose("text/html;q=0, */*") == "ttl"  # refused explicitly, then the next the server prefers
    assert choose("image/png, application/json") is None
    assert choose("TEXT/TURTLE") == "ttl"


def test_negotiate_answers_in_process(site: Path) -> None:
    for path, accept, status, location in CASES:
        answer = negotiate(site, "/", path, accept)
        headers = dict(answer.headers)
        assert answer.status == status, (path, accept)
        assert headers.get("Location", headers.get("Content-Location")) == location, (path, accept)


def test_negotiate_under_a_base_path(site: Path) -> None:
    answer = negotiate(site, "/news/ld/", "/news/ld/person/micha-kaufman", "text/turtle")
    assert (answer.status, dict(answer.headers)["Location"]) == (303, "/news/ld/person/micha-kaufman.ttl")
    assert negotiate(site, "/news/ld/", "/person/micha-kaufman", "text/turtle").status == 404


def request(url: str, path: str, accept: str | None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.request(method, path, headers={"Accept": accept} if accept is not None else {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def newsld_serve(site: Path) -> Iterator[str]:
    """`newsld serve --port 0` as a user runs it, in its own process; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--site", str(site), "--port", "0", "--base", BASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=site.parent,
    )
    assert process.stdout is not None
    line = process.stdout.readline().decode()
    match = re.fullmatch(
        r"Serving .*site/ as https://newsld\.example/ at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n", line
    )
    assert match, line + (process.stderr.read().decode() if process.poll() is not None and process.stderr else "")
    try:
        yield match[1].rstrip("/")
    finally:
        stop(process, 10)


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx_server(site, bundled("web") / "nginx.conf", tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(params=["newsld serve", "nginx"])
def server(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("newsld_serve" if request.param == "newsld serve" else "nginx"))


def test_every_iri_case_over_http(server: str, site: Path) -> None:
    for path, accept, status, location in CASES:
        code, headers, body = request(server, path, accept)
        assert code == status, (path, accept, code)
        where = headers.get("location") or headers.get("content-location")
        assert where == location, (path, accept, headers)
        if location is not None:
            assert headers.get("vary") == "Accept", (path, accept)
            suffix = Path(location).suffix
            if status == 200:
                assert headers["content-type"].split(";")[0] == TYPES[suffix]
                assert body == (site / location.lstrip("/")).read_bytes()
        if status == 406:
            assert headers.get("vary") == "Accept"


def test_head_answers_like_get_without_a_body(server: str) -> None:
    code, headers, body = request(server, ARTICLE, "text/turtle", "HEAD")
    assert (code, headers["content-location"], body) == (200, f"{ARTICLE}.ttl", b"")


def test_every_link_and_fragment_resolves(server: str) -> None:
    """Crawl from the index: every internal href answers 200, and every #fragment names an element."""
    seen: set[str] = set()
    pending = ["/"]
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        code, headers, body = request(server, path, None)
        assert code == 200, path
        if not headers["content-type"].startswith("text/html"):
            continue
        page = Page(body.decode("utf-8"))
        ids[path] = page.ids()
        for href in page.hrefs():
            url, fragment = urldefrag(urljoin(f"http://x{path}", href))
            if not url.startswith("http://x/"):
                continue  # an external link (a source's URL): not ours to resolve
            target = url.removeprefix("http://x")
            pending.append(target)
            if fragment:
                fragments.append((path, target, fragment))
    assert len(seen) > 15
    for origin, target, fragment in fragments:
        assert fragment in ids.get(target, set()), f"{origin} links to {target}#{fragment}, which has no such id"


def test_serve_without_a_site_is_an_input_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "serve", "--site", str(tmp_path / "none"), "--port", "0"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {tmp_path / 'none'}: has no index.html, so it is not a site newsld made."
        " Run `newsld build` and `newsld site` first, or give --site.\n"
    )


def test_serve_on_a_busy_port_is_a_usage_error(site: Path, newsld_serve: str) -> None:
    port = urlsplit(newsld_serve).port
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "serve", "--site", str(site), "--port", str(port)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=site.parent,
    )
    assert result.returncode == 2
    assert (
        result.stderr == f"error: cannot listen on 127.0.0.1:{port} (Address already in use); choose another --port.\n"
    )
