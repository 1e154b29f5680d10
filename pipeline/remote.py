"""HTTP to SPARQL servers: Graph Store Protocol PUT and SPARQL Protocol queries.

Credentials come only from the environment (NEWSLD_STORE_TOKEN for a bearer token, or
NEWSLD_STORE_USER and NEWSLD_STORE_PASSWORD for basic auth), never from the command line, and
never appear in messages. Connection errors and 5xx answers are retried a bounded number of times
with exponential backoff; every request has a timeout. Failures raise StoreError (exit code 3).
"""

from __future__ import annotations

import base64
import os
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from pipeline.errors import StoreError, UsageError

USER_VARIABLE = "NEWSLD_STORE_USER"
PASSWORD_VARIABLE = "NEWSLD_STORE_PASSWORD"
TOKEN_VARIABLE = "NEWSLD_STORE_TOKEN"


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Server:
    """One HTTP endpoint, with how long to wait and how often to retry."""

    url: str
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 0.5

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
    ) -> Response:
        """Send one request, retrying connection errors and 5xx answers; raise StoreError on failure."""
        url = with_params(self.url, params or {})
        shown = redact(url)
        problem = ""
        for attempt in range(1, self.attempts + 1):
            request = urllib.request.Request(url, data=body, method=method, headers={**_auth(), **(headers or {})})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return Response(answer.status, answer.headers.get("Content-Type", ""), answer.read())
            except urllib.error.HTTPError as error:
                detail = _detail(error.read())
                if error.code in (401, 403):
                    raise StoreError(
                        f"{shown} refused the request (HTTP {error.code}: {detail or error.reason})."
                        f" Check the credentials in {USER_VARIABLE}/{PASSWORD_VARIABLE} or {TOKEN_VARIABLE}."
                    ) from None
                if error.code < 500:
                    raise StoreError(
                        f"{shown} rejected the request (HTTP {error.code}: {detail or error.reason})."
                    ) from None
                problem = f"HTTP {error.code}: {detail or error.reason}"
            except TimeoutError:
                problem = f"no answer within {self.timeout:g} s"
            except urllib.error.URLError as error:
                reason = error.reason
                problem = "no answer within the timeout" if isinstance(reason, TimeoutError) else str(reason)
            except (ConnectionError, OSError) as error:
                problem = str(error)
            if attempt < self.attempts:
                time.sleep(self.backoff * 2 ** (attempt - 1))
        raise StoreError(
            f"cannot reach {shown} after {self.attempts} attempt{'s' if self.attempts != 1 else ''} ({problem})."
            " Check that the server is running and the URL is right."
        )


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


def _auth() -> dict[str, str]:
    token = os.environ.get(TOKEN_VARIABLE)
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if user is not None or password is not None:
        pair = f"{user or ''}:{password or ''}".encode()
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}
    return {}


def _detail(body: bytes) -> str:
    """The first line of an error body, short, with any credentials from the environment removed."""
    text = body.decode("utf-8", "replace").strip().splitlines()[0][:200] if body.strip() else ""
    for secret in (os.environ.get(PASSWORD_VARIABLE), os.environ.get(TOKEN_VARIABLE)):
        if secret:
            text = text.replace(secret, "***")
    return text
