"""IRIs that resolve: `newsld serve` and the shipped nginx configuration, over real HTTP.

Both servers answer the same table of requests the same way (status, the document a 303 points
to or a 200 came from, Vary), and every link and fragment of every page resolves.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
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
from tests.web.accept_table import ACCEPT_TABLE
from tests.web.test_site import HOSTILE, PUBLISHER, RICH_SIDECAR, SEED, Page

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
    ("/", BROWSER, 200, "/index.html"),
    ("/", "text/turtle", 200, "/void.ttl"),
    ("/", "application/ld+json", 200, "/void.jsonld"),
    ("/", "application/n-triples", 200, "/void.nt"),
    ("/", "image/png", 406, None),
]
TYPES = {
    ".html": "text/html",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A publisher's project (every setting and sidecar field) with the seed and the hostile
    article, built and published once."""
    from pipeline.builder.corpus import build

    root = tmp_path_factory.mktemp("serve")
    articles = root / "articles"
    articles.mkdir()
    for name in ("entities.toml", f"{SEED}.txt"):
        (articles / name).write_bytes((ROOT / "articles" / name).read_bytes())
    (articles / f"{SEED}.toml").write_text(RICH_SIDECAR, encoding="utf-8")
    write_article(articles, "hostile.txt", HOSTILE)
    (root / "pyproject.toml").write_text(PUBLISHER, encoding="utf-8")
    shutil.copytree(ROOT / "shapes", root / "shapes")
    previous = Path.cwd()
    os.chdir(root)  # the project's settings: its publisher
    try:
        assert build([articles], out=root / "output", base=BASE).exit_code == 0
        build_site(root / "output", root / "site", BASE)
    finally:
        os.chdir(previous)
    yield root / "site"


def test_choose_weighs_q_values() -> None:
    assert choose(None) == "html"
    assert choose("") == "html"
    assert choose("text/turtle;q=0.5, text/html") == "html"
    assert choose("text/html;q=0.5, text/turtle") == "ttl"
    assert choose("text/*") == "html"
    assert choose("application/*") == "jsonld"
    assert choose("*/*;q=0.1, application/n-triples") == "nt"
    assert choose("text/html;q=0, */*") == "ttl"  # refused explicitly, then the next the server prefers
    assert choose("image/png, application/json") == "jsonld"  # JSON-LD is JSON
    assert choose("image/png, text/plain") is None
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


def request(
    url: str, path: str, accept: str | None, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection; repeated response headers (nginx's two Vary) joined by ", "."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        sent = {**({"Accept": accept} if accept is not None else {}), **(headers or {})}
        connection.request(method, path, headers=sent)
        response = connection.getresponse()
        received: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            received[key] = f"{received[key]}, {value}" if key in received else value
        return response.status, received, response.read()
    finally:
        connection.close()


def vary(headers: dict[str, str]) -> set[str]:
    return {v.strip() for v in headers.get("vary", "").split(",") if v.strip()}


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
        if location is not None and path != location:
            assert "Accept" in vary(headers), (path, accept)
            suffix = Path(location).suffix
            if status == 200:
                assert headers["content-type"].split(";")[0] == TYPES[suffix]
                assert body == (site / location.lstrip("/")).read_bytes()
        if status == 406:
            assert "Accept" in vary(headers)
        if status == 303:
            assert headers["content-type"].startswith("text/html")
            assert f'<a href="{location}">' in body.decode()  # a short note linking to the document


def test_choose_agrees_with_the_accept_table() -> None:
    answers = {client: choose(accept) for client, accept, _ in ACCEPT_TABLE}
    assert answers == {client: expected for client, _, expected in ACCEPT_TABLE}
    assert len(ACCEPT_TABLE) >= 30


def test_both_servers_answer_the_accept_table(server: str) -> None:
    """A document IRI (200 with that file) and a thing's IRI (303 to it), for each real client's header."""
    for client, accept, expected in ACCEPT_TABLE:
        code, headers, _ = request(server, ARTICLE, accept)
        got = headers.get("content-location", "").rpartition(".")[2] if code == 200 else None
        assert (code, got) == ((200, expected) if expected else (406, None)), client
        code, headers, _ = request(server, "/person/micha-kaufman", accept)
        where = headers.get("location", "").rpartition(".")[2] if code == 303 else None
        assert (code, where) == ((303, expected) if expected else (406, None)), client
        code, headers, _ = request(server, "/", accept)
        home = {"html": "/index.html", None: None}.get(expected, f"/void.{expected}")
        assert (code, headers.get("content-location")) == ((200, home) if expected else (406, None)), client


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


def test_conditional_requests_get_304(server: str) -> None:
    """ETag and Last-Modified on files and negotiated documents; a matching validator is a 304."""
    for path, accept in ((ARTICLE, "text/turtle"), (f"{ARTICLE}.html", None), ("/style.css", None)):
        code, headers, body = request(server, path, accept)
        assert code == 200 and body
        etag, modified = headers["etag"], headers["last-modified"]
        assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', etag), etag
        code, again, body = request(server, path, accept, headers={"If-None-Match": etag})
        assert (code, body, again["etag"]) == (304, b"", etag), path
        code, _, body = request(server, path, accept, headers={"If-None-Match": f'W/{etag}, "other"'})
        assert (code, body) == (304, b""), path
        code, _, body = request(server, path, accept, headers={"If-Modified-Since": modified})
        assert (code, body) == (304, b""), path
        code, _, body = request(server, path, accept, headers={"If-None-Match": '"other"'})
        assert code == 200 and body, path
        code, _, body = request(server, path, accept, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
        assert code == 200 and body, path


def test_cache_control(server: str) -> None:
    assert request(server, ARTICLE, None)[1]["cache-control"] == "public, no-cache"
    assert request(server, f"{ARTICLE}.ttl", None)[1]["cache-control"] == "public, no-cache"
    assert request(server, "/person/micha-kaufman", None)[1]["cache-control"] == "public, no-cache"
    assert request(server, "/", None)[1]["cache-control"] == "public, no-cache"
    assert request(server, "/style.css", None)[1]["cache-control"] == "public, max-age=86400"


def test_gzip_when_asked(server: str, site: Path) -> None:
    import gzip

    for path, accept, file in (
        (ARTICLE, "text/turtle", f"{ARTICLE}.ttl"),
        (f"{ARTICLE}.html", None, f"{ARTICLE}.html"),
    ):
        code, headers, body = request(server, path, accept, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert (code, headers.get("content-encoding")) == (200, "gzip"), path
        assert "Accept-Encoding" in vary(headers)
        assert gzip.decompress(body) == (site / file.lstrip("/")).read_bytes()
        code, headers, body = request(server, path, accept, headers={"Accept-Encoding": "gzip;q=0, identity"})
        assert code == 200 and "content-encoding" not in headers
        assert body == (site / file.lstrip("/")).read_bytes()
        code, headers, body = request(server, path, accept)
        assert "content-encoding" not in headers and "Accept-Encoding" in vary(headers)


def test_http_11_keeps_the_connection_open(server: str) -> None:
    parts = urlsplit(server)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        for path in (ARTICLE, "/person/micha-kaufman", "/style.css", "/nothing-here", ARTICLE):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.version == 11 and not response.will_close, path
    finally:
        connection.close()


@pytest.fixture
def planted(site: Path) -> Iterator[Path]:
    """Symlinks in the site that lead out of it, as a careless or hostile publisher could leave them."""
    outside = site.parent / "secret.txt"
    outside.write_text("not for the web\n", encoding="utf-8")
    links = {
        site / "article/leak.html": Path("/etc/passwd"),
        site / "article/leak2.html": outside,
        site / "article/leak2.ttl": outside,
        site / "person/ghost.html": outside,
    }
    for link, target in links.items():
        link.symlink_to(target)
    try:
        yield outside
    finally:
        for link in links:
            link.unlink()
        outside.unlink()


def test_symlinks_out_of_the_site_are_not_followed(server: str, planted: Path) -> None:
    for path, accept in (
        ("/article/leak.html", None),
        ("/article/leak2.html", None),
        ("/article/leak2", "text/turtle"),
        ("/article/leak2", None),
        ("/person/ghost", None),
        ("/person/ghost.html", None),
    ):
        code, _, body = request(server, path, accept)
        assert code == 404, (path, code)
        assert b"root:" not in body and b"not for the web" not in body


def test_a_name_too_long_for_the_file_system_is_404(server: str) -> None:
    for path in (f"/article/{'a' * 300}", f"/{'%C3%A9' * 200}.html", f"/person/{'x' * 256}", f"/{'b' * 256}/x.html"):
        code, _, _ = request(server, path, None)
        assert code in (404, 414), (path, code)
    assert request(server, ARTICLE, None)[0] == 200  # and the server still answers


def test_two_hundred_concurrent_clients(site: Path) -> None:
    """`newsld serve` under a small crawler's load on 127.0.0.1: 200 clients at once, each with two
    requests on one connection, a quarter of them leaving without reading; every answer complete,
    nothing on stderr. Bounded: 200 clients, 10 s socket timeouts."""
    import socket
    import threading

    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--site", str(site), "--port", "0", "--base", BASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=site.parent,
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline().decode()
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", line)[1])  # type: ignore[index]
    start = threading.Barrier(200)
    failures: list[str] = []

    def client(number: int) -> None:
        try:
            start.wait(timeout=30)
            if number % 4 == 0:  # asks for the big file and leaves at once: the server's write fails
                with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                    sock.sendall(b"GET /dataset.nq HTTP/1.1\r\nHost: x\r\n\r\n")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                return
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            for path in (ARTICLE, "/person/micha-kaufman"):
                connection.request("GET", path, headers={"Accept": "text/turtle"})
                response = connection.getresponse()
                body = response.read()
                if response.status not in (200, 303) or len(body) != int(response.headers["Content-Length"]):
                    failures.append(f"{number}: {path} {response.status}")
            connection.close()
        except Exception as error:  # every failure is collected and reported
            failures.append(f"{number}: {error!r}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(200)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert failures == []
        assert request(f"http://127.0.0.1:{port}", ARTICLE, None)[0] == 200
    finally:
        stop(process, 10)
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
