"""HTTP to SPARQL servers: Graph Store Protocol requests and SPARQL Protocol queries, over httpx.

One `Server` keeps its connection open across requests (HTTP/1.1 keep-alive); use it as a context
manager, or `close()` it. Credentials come only from the environment (NEWSLD_STORE_TOKEN for a
bearer token, or NEWSLD_STORE_USER and NEWSLD_STORE_PASSWORD), never from the command line, and
never appear in messages. A bearer token is sent with every request. A user and password are sent
only once the server asked for them, in the scheme its `WWW-Authenticate` names: HTTP Digest
(httpx's DigestAuth: MD5, SHA, SHA-256 and SHA-512, with their -sess forms; Virtuoso's `-auth`
endpoints) or Basic, so a password never travels in clear text to a server that wanted Digest.
Connection errors and 500/502/503/504 answers are retried a bounded number of times with
exponential backoff; other answers are final. Every request has a timeout. Failures raise
StoreError (exit code 3), with the server's reason taken out of its HTML error page.
"""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from pipeline.errors import StoreError, UsageError
from pipeline.store.results import QueryResult, answer, materialize, query_form

USER_VARIABLE = "NEWSLD_STORE_USER"
PASSWORD_VARIABLE = "NEWSLD_STORE_PASSWORD"
TOKEN_VARIABLE = "NEWSLD_STORE_TOKEN"
RETRIED = frozenset({500, 502, 503, 504})  # a busy or restarting server; 501 and 4xx will not change


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class _Unanswerable(Exception):
    """The server asked for an authentication newsld cannot give (the reason is the message)."""


class _AskedFor(httpx.Auth):
    """A user and password, sent only after a 401 names the scheme: Digest or Basic.

    Once the scheme is known, later requests carry the credentials from the start (Digest reuses
    the server's nonce with a new count, and answers a fresh or stale one as it comes).
    """

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "digest": httpx.DigestAuth(user, password),
            "basic": httpx.BasicAuth(user, password),
        }
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme is not None:
            yield from _answered(self._schemes[self._scheme].auth_flow(request), None)
            return
        response = yield request
        if response.status_code != 401:
            return
        # A 401 that names no scheme is answered as Basic (as browsers do).
        offered = [h.split(" ", 1)[0].lower() for h in response.headers.get_list("www-authenticate")] or ["basic"]
        scheme = next((s for s in ("digest", "basic") if s in offered), None)
        if scheme is None:
            return
        self._scheme = scheme
        # Digest's flow would send the request bare first: hand it the 401 already received.
        yield from _answered(self._schemes[scheme].auth_flow(request), response if scheme == "digest" else None)


def _answered(
    flow: Generator[httpx.Request, httpx.Response, None], first: httpx.Response | None
) -> Generator[httpx.Request, httpx.Response, None]:
    """Run an httpx auth flow, answering its first request with `first` when given."""
    try:
        request = next(flow)
        if first is not None:
            request = flow.send(first)
        while True:
            response = yield request
            request = flow.send(response)
    except StopIteration:
        return
    except NotImplementedError:  # httpx answers qop="auth", not "auth-int"
        raise _Unanswerable('Digest with qop="auth-int" only') from None
    except KeyError as error:  # an algorithm httpx does not know
        raise _Unanswerable(f"Digest with the algorithm {error}") from None


@dataclass
class Server:
    """One HTTP endpoint, with how long to wait and how often to retry.

    >>> with Server("http://127.0.0.1:7878/store") as server:
    ...     server.request("GET", params={"graph": "https://newsld.example/article/x"})
    """

    url: str
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)  # tests inject a clock
    _client: httpx.Client | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"{redact(self.url)} is not an http(s) URL.")
        if parts.username or parts.password:
            raise UsageError(
                f"{redact(self.url)} carries credentials in the URL; they would show in shell history and"
                f" process lists. Set {USER_VARIABLE} and {PASSWORD_VARIABLE} (or {TOKEN_VARIABLE}) instead."
            )

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (a later request opens a new one)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            token = os.environ.get(TOKEN_VARIABLE)
            auth: httpx.Auth | None = None
            if not token and _has_password():
                auth = _AskedFor(os.environ.get(USER_VARIABLE) or "", os.environ.get(PASSWORD_VARIABLE) or "")
            self._client = httpx.Client(
                timeout=self.timeout,
                auth=auth,
                headers={"Authorization": f"Bearer {token}"} if token else None,
                follow_redirects=False,
            )
        return self._client

    def request(
        self,
        method: str,
        body: bytes | None = None,
        *,
        params: Mapping[str, str | None] | None = None,
        headers: Mapping[str, str] | None = None,
        missing_ok: bool = False,
    ) -> Response:
        """Send one request, retrying connection errors and 500/502/503/504; raise StoreError on failure.

        With `missing_ok`, a 404 answer is a result (e.g. DELETE of a graph that is already gone).
        """
        url = with_params(self.url, params or {})
        shown = redact(url)
        problem = ""
        reached = False
        for attempt in range(1, self.attempts + 1):
            try:
                answer = self.client.request(method, url, content=body, headers=dict(headers or {}))
            except _Unanswerable as error:
                raise StoreError(
                    f"{shown} asks for {error}, which newsld cannot answer. Let the server accept Digest with"
                    f' qop="auth" (MD5 or SHA-256) or Basic over https, or use a token ({TOKEN_VARIABLE}).'
                ) from None
            except httpx.TimeoutException:
                problem = f"no answer within {self.timeout:g} s"
            except httpx.TransportError as error:
                problem = str(error) or type(error).__name__
            else:
                code = answer.status_code
                if code < 400:
                    headers_seen = {name.lower(): value for name, value in answer.headers.items()}
                    return Response(code, answer.headers.get("content-type", ""), answer.content, headers_seen)
                if code == 404 and missing_ok:
                    return Response(404, "", b"", {})
                detail = _detail(answer.content, answer.headers.get("content-type", "")) or answer.reason_phrase
                # Virtuoso answers a SPARQL Update its user may not run with a 500 naming a security error.
                if code in (401, 403) or ":SECURITY:" in detail:
                    raise StoreError(
                        f"{shown} refused the request (HTTP {code}: {detail})."
                        f" Check the credentials in {USER_VARIABLE}/{PASSWORD_VARIABLE} or {TOKEN_VARIABLE},"
                        " and the grants the server gives that user."
                    ) from None
                if code not in RETRIED:
                    raise StoreError(f"{shown} rejected the request (HTTP {code}: {detail}).") from None
                problem, reached = f"HTTP {code}: {detail}", True
            if attempt < self.attempts:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        if reached:
            raise StoreError(f"{shown} failed after {tries} ({problem}). Check the server's log.")
        raise StoreError(
            f"cannot reach {shown} after {tries} ({problem}). Check that the server is running and the URL is right."
        )


def _has_password() -> bool:
    return os.environ.get(USER_VARIABLE) is not None or os.environ.get(PASSWORD_VARIABLE) is not None


def with_params(url: str, params: Mapping[str, str | None]) -> str:
    """`url` with query parameters added; a None value adds a bare flag (`?union-default-graph`)."""
    if not params:
        return url
    parts = urlsplit(url)
    added = "&".join(name if value is None else urlencode({name: value}) for name, value in params.items())
    query = f"{parts.query}&{added}" if parts.query else added
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact(url: str) -> str:
    """The URL without any user or password in it."""
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


_HEAD = re.compile(r"<(head|style|script|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_STATUS_LINE = re.compile(r"^(HTTP/\d\.\d )?\d{3}\b.*$|^Error \w+$", re.IGNORECASE)


def _detail(body: bytes, content_type: str = "") -> str:
    """The server's reason, short: an HTML error page reduced to its text (without the status line
    it repeats), else the first line; any credentials from the environment removed."""
    text = body.decode("utf-8", "replace").strip()
    if "html" in content_type.lower() or text.lower().startswith(("<!doctype html", "<html")):
        lines = (html.unescape(line).strip() for line in _TAG.sub("\n", _HEAD.sub("", text)).splitlines())
        text = " ".join(line for line in lines if line and not _STATUS_LINE.match(line))
    else:
        text = text.splitlines()[0] if text else ""
    text = text[:300]
    for secret in (os.environ.get(PASSWORD_VARIABLE), os.environ.get(TOKEN_VARIABLE)):
        if secret:
            text = text.replace(secret, "***")
    return text


_RESULTS = "application/sparql-results+json"


_TRIPLES = "application/n-triples"


def run_remote(text: str, server: Server) -> QueryResult:
    """Run SPARQL text on an endpoint: a form-encoded POST (the request form every SPARQL server
    answers; Virtuoso does not answer `application/sparql-query` bodies), asking for JSON results
    or, for CONSTRUCT and DESCRIBE, N-Triples (Virtuoso's JSON for graphs is not RDF/JSON)."""
    form = query_form(text)
    answer(text, ox.Store())  # a syntax error is reported as it is in-process, before any request
    response = server.request(
        "POST",
        urlencode({"query": text}).encode("ascii"),
        params={"union-default-graph": None},
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": _TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS,
        },
    )
    kind = response.content_type.split(";")[0].strip().lower()
    try:
        if kind in (_RESULTS, "application/json"):
            result = materialize(ox.parse_query_results(response.body, format=ox.QueryResultsFormat.JSON))
        elif kind in (_TRIPLES, "text/plain"):
            result = QueryResult(
                "graph", triples=[q.triple for q in ox.parse(response.body, format=ox.RdfFormat.N_TRIPLES)]
            )
        else:
            raise StoreError(
                f"{server.url} answered with {kind or 'no content type'}, not SPARQL results or N-Triples."
            )
    except (SyntaxError, ValueError, UnicodeDecodeError) as error:
        raise StoreError(f"{server.url} answered with malformed {kind or 'content'}: {error}") from None
    limit = response.headers.get("x-sparql-maxrows")
    if limit is not None:
        result.truncated_at = int(limit) if limit.strip().isdigit() else len(result.rows)
        result.warnings.append(
            f"{server.url} cut the result at {limit} rows (its ResultSetMaxRows setting): the answer is"
            " incomplete. Narrow the query (--param, LIMIT/OFFSET) or raise the limit on the server."
        )
    return result
