"""HTTP to SPARQL servers: Graph Store Protocol requests and SPARQL Protocol queries.

Credentials come only from the environment (NEWSLD_STORE_TOKEN for a bearer token, or
NEWSLD_STORE_USER and NEWSLD_STORE_PASSWORD), never from the command line, and never appear in
messages. A bearer token is sent with every request. A user and password are sent only once the
server asked for them, in the scheme its `WWW-Authenticate` names: HTTP Digest (Virtuoso's
`-auth` endpoints) or Basic, so a password never travels in clear text to a server that wanted
Digest. Connection errors and 500/502/503/504 answers are retried a bounded number of times with
exponential backoff; other answers are final. Every request has a timeout. Failures raise
StoreError (exit code 3), with the server's reason taken out of its HTML error page.
"""

from __future__ import annotations

import base64
import html
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from pipeline.errors import StoreError, UsageError

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


@dataclass(frozen=True)
class Server:
    """One HTTP endpoint, with how long to wait and how often to retry."""

    url: str
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 0.5
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)  # tests inject a clock
    # the authentication scheme the server asked for, learnt from its first 401 (mutable state)
    _challenge: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"{redact(self.url)} is not an http(s) URL.")
        if parts.username or parts.password:
            raise UsageError(
                f"{redact(self.url)} carries credentials in the URL; they would show in shell history and"
                f" process lists. Set {USER_VARIABLE} and {PASSWORD_VARIABLE} (or {TOKEN_VARIABLE}) instead."
            )

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
                return self._send(url, method, body, dict(headers or {}))
            except urllib.error.HTTPError as error:
                if error.code == 404 and missing_ok:
                    return Response(404, "", b"", {})
                detail = _detail(_read(error), error.headers.get("Content-Type", "")) or str(error.reason)
                if error.code in (401, 403):
                    raise StoreError(
                        f"{shown} refused the request (HTTP {error.code}: {detail})."
                        f" Check the credentials in {USER_VARIABLE}/{PASSWORD_VARIABLE} or {TOKEN_VARIABLE},"
                        " and the grants the server gives that user."
                    ) from None
                if error.code not in RETRIED:
                    raise StoreError(f"{shown} rejected the request (HTTP {error.code}: {detail}).") from None
                problem, reached = f"HTTP {error.code}: {detail}", True
            except TimeoutError:
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                reason = error.reason
                problem = f"no answer within {self.timeout:g} s" if isinstance(reason, TimeoutError) else str(reason)
            except (ConnectionError, HTTPException, OSError) as error:
                problem = str(error) or type(error).__name__
            if attempt < self.attempts:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        if reached:
            raise StoreError(f"{shown} failed after {tries} ({problem}). Check the server's log.")
        raise StoreError(
            f"cannot reach {shown} after {tries} ({problem}). Check that the server is running and the URL is right."
        )

    def _send(self, url: str, method: str, body: bytes | None, headers: dict[str, str]) -> Response:
        """One exchange; on a 401 that asks for credentials we have, answer its challenge once."""
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        self._authorize(request)
        try:
            return _open(request, self.timeout)
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
            if error.code != 401 or not _has_password() or not self._learn(challenge, fresh=True):
                raise
            _read(error)
        retry = urllib.request.Request(url, data=body, method=method, headers=headers)
        self._authorize(retry)
        return _open(retry, self.timeout)

    def _learn(self, challenge: str, *, fresh: bool) -> bool:
        """Remember the scheme a 401 asked for; False when it is one we already answered (wrong password)."""
        scheme = challenge.split(" ", 1)[0].lower() or "basic"
        if scheme == "digest":
            known = self._challenge.get("digest")
            items = [item for item in urllib.request.parse_http_list(challenge.partition(" ")[2]) if item]
            parsed = urllib.request.parse_keqv_list(items)
            stale = str(parsed.get("stale", "")).lower() == "true"
            if known is not None and not stale:
                return False
            self._challenge.clear()
            self._challenge["digest"] = parsed
            return fresh
        if scheme == "basic" and "basic" not in self._challenge:
            self._challenge.clear()
            self._challenge["basic"] = True
            return fresh
        return False

    def _authorize(self, request: urllib.request.Request) -> None:
        token = os.environ.get(TOKEN_VARIABLE)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
            return
        user, password = os.environ.get(USER_VARIABLE) or "", os.environ.get(PASSWORD_VARIABLE) or ""
        if "basic" in self._challenge:
            pair = f"{user}:{password}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode("ascii"))
        elif "digest" in self._challenge:
            request.add_header("Authorization", "Digest " + self._digest(request, user, password))

    def _digest(self, request: urllib.request.Request, user: str, password: str) -> str:
        handler = self._challenge.get("digest_handler")
        if handler is None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            parts = urlsplit(self.url)
            passwords.add_password(None, urlunsplit((parts.scheme, parts.netloc, "/", "", "")), user, password)
            handler = self._challenge["digest_handler"] = urllib.request.HTTPDigestAuthHandler(passwords)
        answer = handler.get_authorization(request, self._challenge["digest"])
        if not answer:
            raise StoreError(f"{redact(self.url)} asks for a Digest authentication newsld cannot answer.")
        return str(answer)


def _open(request: urllib.request.Request, timeout: float) -> Response:
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        headers = {name.lower(): value for name, value in answer.headers.items()}
        return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read(), headers)


def _read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()
    except (OSError, HTTPException):
        return b""


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
