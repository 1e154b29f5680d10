"""pipeline.store.http: retries with backoff (on an injected clock), auth schemes, URLs, error text."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from pipeline.errors import StoreError, UsageError
from pipeline.store.http import Server, _detail, redact, with_params
from tests.servers import digest_guard, http_server, status


def test_5xx_is_retried_with_exponential_backoff_and_4xx_is_not() -> None:
    waits: list[float] = []
    with http_server(status(503, b"busy")) as (url, seen), pytest.raises(StoreError) as busy:
        Server(url, attempts=4, backoff=0.25, sleep=waits.append).request("GET")
    assert waits == [0.25, 0.5, 1.0]
    assert len(seen) == 4
    assert str(busy.value) == f"{url} failed after 4 attempts (HTTP 503: busy). Check the server's log."
    for code in (400, 404, 501):
        waits.clear()
        with http_server(status(code, b"no")) as (url, seen), pytest.raises(StoreError) as final:
            Server(url, sleep=waits.append).request("POST", b"x")
        assert (len(seen), waits) == (1, [])
        assert str(final.value) == f"{url} rejected the request (HTTP {code}: no)."


def test_a_missing_graph_can_be_fine() -> None:
    with http_server(status(404)) as (url, _):
        assert Server(url).request("DELETE", params={"graph": "https://x/g"}, missing_ok=True).status == 404


def test_unreachable_is_cannot_reach() -> None:
    from tests.servers import free_port

    waits: list[float] = []
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(StoreError) as error:
        Server(url, timeout=1, sleep=waits.append).request("GET")
    assert str(error.value).startswith(f"cannot reach {url} after 3 attempts (")
    assert waits == [0.5, 1.0]


def test_basic_credentials_only_after_the_server_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLD_STORE_USER", "editor")
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "pw")
    answers = iter([401, 200, 200])

    def respond(handler: BaseHTTPRequestHandler) -> None:
        if next(answers) == 401:
            status(401, b"", headers={"WWW-Authenticate": 'Basic realm="store"'})(handler)
        else:
            status(200, b"ok")(handler)

    with http_server(respond) as (url, seen):
        server = Server(url)
        assert server.request("GET").body == b"ok"
        assert server.request("GET").body == b"ok"
    assert "authorization" not in seen[0]
    assert seen[1]["authorization"] == seen[2]["authorization"] == "Basic ZWRpdG9yOnB3"
    assert len(seen) == 3, "once the scheme is known, the credentials go with the first request"


def test_urls() -> None:
    assert with_params("http://h/q", {"union-default-graph": None}) == "http://h/q?union-default-graph"
    assert with_params("http://h/q?a=1", {"graph": "https://x/g"}) == "http://h/q?a=1&graph=https%3A%2F%2Fx%2Fg"
    assert redact("http://u:p@h:8/x") == "http://***@h:8/x"
    with pytest.raises(UsageError, match="carries credentials in the URL"):
        Server("http://u:p@h/x")
    with pytest.raises(UsageError, match="is not an http"):
        Server("ftp://h/x")


def test_error_detail_from_html_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    page = b"<html><head><title>T</title></head><body><h1>HTTP/1.1 403 Forbidden</h1><h3>Error 42000</h3><xmp>SQ110: no &lt;write&gt;</xmp></body></html>"
    assert _detail(page, "text/html; charset=UTF-8") == "SQ110: no <write>"
    assert _detail(b"Virtuoso 37000 Error SP030: syntax\n\nSPARQL query:\nSELEC", "text/plain") == (
        "Virtuoso 37000 Error SP030: syntax"
    )
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "hunter2")
    assert _detail(b"bad password hunter2", "text/plain") == "bad password ***"


@pytest.mark.parametrize("algorithm", ["MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512"])
def test_digest_answers_the_algorithm_the_server_names(algorithm: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLD_STORE_USER", "editor")
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "pw")
    with (
        http_server(digest_guard("editor", "pw", algorithm=algorithm, qop="auth,auth-int")) as (url, seen),
        Server(url) as server,
    ):
        assert server.request("POST", b"INSERT DATA {}").body == b"ok"
        assert server.request("GET").body == b"ok"
    assert "authorization" not in seen[0], "the password goes only where the server asked for it"
    assert seen[1]["authorization"].startswith("Digest ") and f"algorithm={algorithm}" in seen[1]["authorization"]
    assert len(seen) == 3, "once the scheme is known, the second request carries the answer from the start"


def test_digest_with_a_wrong_password_is_refused_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLD_STORE_USER", "editor")
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "wrong")
    with (
        http_server(digest_guard("editor", "pw", algorithm="SHA-256")) as (url, seen),
        pytest.raises(StoreError) as error,
    ):
        Server(url).request("GET")
    assert str(error.value).startswith(f"{url} refused the request (HTTP 401: who are you?). Check the credentials")
    assert len(seen) == 2


@pytest.mark.parametrize(
    ("algorithm", "qop", "named"),
    [("MD5", "auth-int", 'Digest with qop="auth-int" only'), ("SHA-512-256", "auth", "Digest with the algorithm")],
)
def test_digest_newsld_cannot_answer_says_so(
    algorithm: str, qop: str, named: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLD_STORE_USER", "editor")
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "pw")
    waits: list[float] = []
    with (
        http_server(digest_guard("editor", "pw", algorithm=algorithm, qop=qop)) as (url, seen),
        pytest.raises(StoreError) as error,
    ):
        Server(url, sleep=waits.append).request("GET")
    message = str(error.value)
    assert message.startswith(f"{url} asks for {named}")
    assert message.endswith(
        'which newsld cannot answer. Let the server accept Digest with qop="auth" (MD5 or SHA-256) or Basic over'
        " https, or use a token (NEWSLD_STORE_TOKEN)."
    )
    assert (len(seen), waits) == (1, []), "not retried, and not reported as unreachable"
