"""`newsld serve`: answer the IRIs under the base from a site folder, with content negotiation.

The rules (also what the shipped nginx configuration does, see `pipeline/web/nginx.conf`):

- a file of the site (`/article/x.html`, `/style.css`) is served as it is;
- an article IRI (`/article/x`) and the base itself (`/`) are documents: 200 with the
  representation the `Accept` header prefers among HTML, Turtle, JSON-LD and N-Triples
  (`negotiation.choose`), `Content-Location` naming the file (the base's data is `void.*`);
- the IRI of a person, organisation or the software (`/person/x`) names a thing, not a document:
  303 See Other to its document in the preferred format (W3C "Cool URIs for the Semantic Web"),
  with a short HTML note linking there;
- negotiated answers carry `Vary: Accept`; nothing acceptable is 406, an unknown IRI 404, and so is
  anything outside the site folder (`..`, hidden files, a symlink that leads out, a name too long).

HTTP/1.1 with persistent connections; `ETag` and `Last-Modified` (as nginx makes them, from the
file's modification time and size) with 304 answers to conditional requests; `Cache-Control`;
gzip when the client accepts it. Preview only: it binds to 127.0.0.1 by default; production sites
are served by nginx.
"""

from __future__ import annotations

import email.utils
import gzip
import html
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Protocol
from urllib.parse import unquote, urlsplit

from pipeline.errors import InputError, UsageError
from pipeline.web.negotiation import FORMATS, choose, q_value

__all__ = ["FORMATS", "Answer", "choose", "make_server", "negotiate", "respond", "serving"]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples; charset=utf-8",
    ".nq": "application/n-quads; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
COMPRESSIBLE = ("text/", "application/ld+json", "application/n-", "application/atom+xml", "application/xml")
GZIP_MIN = 256  # bytes; nginx.conf's gzip_min_length
GZIP_MAX = 16 * 1024 * 1024  # larger files (the dataset's parts) are sent as they are, not compressed in memory
# Pages and data change when an article does: caches may keep them but must ask again (a 304 is cheap).
FRESH = "public, no-cache"
STATIC = "public, max-age=86400"  # the stylesheet and icons
STATIC_FILES = ("style.css", "favicon.ico", "favicon.svg", "favicon.png")
NAME_MAX = 255  # bytes in one path part, on every file system we publish to


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, headers, and its body as bytes or as a file of the site to send."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    file: Path | None = None


def negotiate(site: Path, base_path: str, request_path: str, accept: str | None) -> Answer:
    """The answer to a GET of `request_path` (the URL path) for a site published under `base_path`,
    before conditional requests and compression (`respond`).

    >>> negotiate(Path("site"), "/", "/person/micha-kaufman", "text/turtle").headers[0]
    ('Location', '/person/micha-kaufman.ttl')
    """
    path = unquote(urlsplit(request_path).path)
    if not path.startswith(base_path):
        return _not_found()
    relative = path[len(base_path) :]
    parts = relative.split("/") if relative else []
    if any(_refused(part) for part in parts):
        return _not_found()
    root = site.resolve()
    if parts:
        target = _inside(root, parts)
        if target is not None and target.is_file():
            return _file(target, (("Cache-Control", STATIC if relative in STATIC_FILES else FRESH),))
        stem = parts[-1]
        if _inside(root, [*parts[:-1], f"{stem}.html"]) is None:
            return _not_found()
    vary = ("Vary", "Accept")
    chosen = choose(accept)
    if chosen is None:
        offered = ", ".join(media for _, media in FORMATS)
        return Answer(
            406, (("Content-Type", "text/plain; charset=utf-8"), vary), f"Not acceptable. Offered: {offered}\n".encode()
        )
    if not parts:  # the base: the site's home page, or the dataset's description
        name = "index.html" if chosen == "html" else f"void.{chosen}"
        target = _inside(root, [name])
        if target is None:
            return _not_found()
        return _file(target, (("Content-Location", f"{base_path}{name}"), vary, ("Cache-Control", FRESH)))
    document = f"{base_path}{relative}.{chosen}"
    if parts[0] == "article":
        target = _inside(root, [*parts[:-1], f"{parts[-1]}.{chosen}"])
        if target is None:
            return _not_found()
        return _file(target, (("Content-Location", document), vary, ("Cache-Control", FRESH)))
    link = html.escape(document)
    note = f'<!doctype html>\n<title>See Other</title>\n<p>See <a href="{link}">{link}</a>.</p>\n'
    headers = (("Location", document), vary, ("Cache-Control", FRESH), ("Content-Type", "text/html; charset=utf-8"))
    return Answer(303, headers, note.encode())


class Headers(Protocol):
    def get(self, name: str, default: None = None) -> str | None: ...


def respond(answer: Answer, request: Headers) -> Answer:
    """`answer` as sent: 304 when the request's validators match, gzip when accepted, the body read.

    `request` holds the request headers (http.server's Message, or a dict with their usual case)."""
    if answer.file is None:
        return answer
    stat = answer.file.stat()
    etag = f'"{int(stat.st_mtime):x}-{stat.st_size:x}"'  # nginx's form
    modified = email.utils.formatdate(int(stat.st_mtime), usegmt=True)
    headers = dict(answer.headers)
    content_type = headers.get("Content-Type", "")
    compressible = content_type.startswith(COMPRESSIBLE) and GZIP_MIN <= stat.st_size <= GZIP_MAX
    vary = [v for v in (headers.pop("Vary", None), "Accept-Encoding" if compressible else None) if v]
    compress = compressible and _accepts_gzip(request.get("Accept-Encoding"))
    if compress:
        etag = f"W/{etag}"
    validators = {"ETag": etag, "Last-Modified": modified, **({"Vary": ", ".join(vary)} if vary else {})}
    if _not_modified(request, etag, int(stat.st_mtime)):
        kept = {k: v for k, v in headers.items() if k in ("Cache-Control", "Content-Location")}
        return Answer(304, tuple({**kept, **validators}.items()))
    headers.update(validators)
    if compress:
        headers["Content-Encoding"] = "gzip"
        body = gzip.compress(answer.file.read_bytes(), compresslevel=6, mtime=0)
        return Answer(answer.status, tuple(headers.items()), body)
    if stat.st_size <= GZIP_MAX:
        return Answer(answer.status, tuple(headers.items()), answer.file.read_bytes())
    return Answer(answer.status, tuple(headers.items()), file=answer.file)


def _file(target: Path, headers: tuple[tuple[str, str], ...]) -> Answer:
    content_type = CONTENT_TYPES.get(target.suffix, "application/octet-stream")
    return Answer(200, (("Content-Type", content_type), *headers), file=target)


def _refused(part: str) -> bool:
    """A path part that never names a published file: empty, dot-led (`..`, the manifest), too long."""
    return part in ("", ".", "..") or part.startswith(".") or "\0" in part or len(part.encode()) > NAME_MAX


def _inside(root: Path, parts: list[str]) -> Path | None:
    """The file `parts` names under `root`, if it is there and, symlinks resolved, still inside it."""
    try:
        real = Path(os.path.realpath(root.joinpath(*parts)))
    except (OSError, ValueError):
        return None
    if root not in real.parents or not real.is_file():
        return None
    return real


def _accepts_gzip(accept_encoding: str | None) -> bool:
    if not accept_encoding:
        return False
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.partition(";")
        name, _, value = params.partition("=")
        q = q_value(value.strip()) if name.strip().lower() == "q" else 1.0
        weights.setdefault(coding.strip().lower(), q)
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


def _not_modified(request: Headers, etag: str, mtime: int) -> bool:
    """RFC 9110 §13.1: If-None-Match (weak comparison) decides when present, else If-Modified-Since."""
    if_none_match = request.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag.removeprefix("W/") in tags
    since = request.get("If-Modified-Since")
    if since:
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        return when.timestamp() >= mtime
    return False


def _not_found() -> Answer:
    return Answer(404, (("Content-Type", "text/plain; charset=utf-8"),), b"Not found.\n")


def base_path_of(base: str) -> str:
    return urlsplit(base).path or "/"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # idle keep-alive connections must not hold up a shutdown
    request_queue_size = 1024  # the listen backlog: a crawler opening many connections at once waits, not fails

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that left early (reset, broken pipe, timeout) is normal on the web: no traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(site: Path, base: str, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server answering the site's IRIs; `port=0` picks a free one (`server.server_port`)."""
    if not (site / "index.html").is_file():
        raise InputError(
            "has no index.html, so it is not a site newsld made.",
            path=site,
            fix="Run `newsld build` and `newsld site` first, or give --site.",
            slug="no-site",
        )
    base_path = base_path_of(base)

    class Handler(BaseHTTPRequestHandler):
        server_version = "newsld"
        protocol_version = "HTTP/1.1"
        timeout = 30  # seconds an idle persistent connection is kept

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            decided = negotiate(site, base_path, self.path, self.headers.get("Accept"))
            answer = respond(decided, self.headers)
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            size = answer.file.stat().st_size if answer.file is not None else len(answer.body)
            if answer.status != 304:
                self.send_header("Content-Length", str(size))
            self.end_headers()
            if not send_body or answer.status == 304:
                return
            if answer.file is not None:
                with answer.file.open("rb") as handle:
                    self.connection.sendfile(handle)
            else:
                self.wfile.write(answer.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    try:
        return _Server((host, port), Handler)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {host}:{port} ({error.strerror or error}); choose another --port."
        ) from None


@contextmanager
def serving(site: Path, base: str, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve in a background thread for the duration of the block; yields the server's URL."""
    server = make_server(site, base, host, port)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}{base_path_of(base)}"
    finally:
        server.shutdown()
        server.server_close()
