"""`newsld serve`: answer the IRIs under the base from a site folder, with content negotiation.

The rules (also what the shipped nginx configuration does, see `pipeline/web/nginx.conf`):

- a file of the site (`/article/x.html`, `/style.css`) is served as it is;
- an article IRI (`/article/x`) is a document: 200 with the representation the `Accept` header
  prefers among HTML, Turtle, JSON-LD and N-Triples, `Content-Location` naming it;
- the IRI of a person, organisation or the software (`/person/x`) names a thing, not a document:
  303 See Other to its document in the preferred format (W3C "Cool URIs for the Semantic Web");
- negotiated answers carry `Vary: Accept`; nothing acceptable is 406, an unknown IRI 404.

Preview only: it binds to 127.0.0.1 by default; production sites are served by nginx.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import unquote, urlsplit

from pipeline.errors import InputError, UsageError

# Representations of a document, in the server's order of preference when the client ties.
FORMATS = (
    ("html", "text/html"),
    ("ttl", "text/turtle"),
    ("jsonld", "application/ld+json"),
    ("nt", "application/n-triples"),
)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples; charset=utf-8",
    ".nq": "application/n-quads; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".png": "image/png",
}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


def negotiate(site: Path, base_path: str, request_path: str, accept: str | None) -> Answer:
    """The answer to a GET of `request_path` (the URL path) for a site published under `base_path`.

    >>> negotiate(Path("site"), "/", "/person/micha-kaufman", "text/turtle").headers
    (('Location', '/person/micha-kaufman.ttl'), ('Vary', 'Accept'))
    """
    path = unquote(urlsplit(request_path).path)
    if not path.startswith(base_path):
        return _not_found()
    relative = path[len(base_path) :]
    if relative == "":
        relative = "index.html"
    parts = relative.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return _not_found()
    target = site.joinpath(*parts)
    if target.is_file():
        suffix = target.suffix
        return Answer(
            200, (("Content-Type", CONTENT_TYPES.get(suffix, "application/octet-stream")),), target.read_bytes()
        )
    if not site.joinpath(*parts[:-1], f"{parts[-1]}.html").is_file():
        return _not_found()
    chosen = choose(accept)
    vary = ("Vary", "Accept")
    if chosen is None:
        offered = ", ".join(media for _, media in FORMATS)
        return Answer(
            406, (("Content-Type", "text/plain; charset=utf-8"), vary), f"Not acceptable. Offered: {offered}\n".encode()
        )
    extension = chosen
    document = f"{base_path}{relative}.{extension}"
    if parts[0] == "article":
        body = site.joinpath(*parts[:-1], f"{parts[-1]}.{extension}").read_bytes()
        content_type = CONTENT_TYPES[f".{extension}"]
        return Answer(200, (("Content-Type", content_type), ("Content-Location", document), vary), body)
    return Answer(303, (("Location", document), vary))


def choose(accept: str | None) -> str | None:
    """The extension of the format `accept` prefers (q-values, most specific range wins), or None."""
    if accept is None or not accept.strip():
        return FORMATS[0][0]
    ranges: list[tuple[str, float, int]] = []  # (range, q, specificity)
    for item in accept.split(","):
        media, *params = (p.strip() for p in item.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, q, specificity))
    best: tuple[float, int] | None = None
    chosen = None
    for order, (extension, media) in enumerate(FORMATS):
        matching = [
            (specificity, q)
            for pattern, q, specificity in ranges
            if pattern in (media, "*/*") or (pattern.endswith("/*") and media.startswith(pattern[:-1]))
        ]
        if not matching:
            continue
        q = max(matching)[1]  # the most specific range decides
        if q > 0 and (best is None or (q, -order) > best):
            best, chosen = (q, -order), extension
    return chosen


def _not_found() -> Answer:
    return Answer(404, (("Content-Type", "text/plain; charset=utf-8"),), b"Not found.\n")


def base_path_of(base: str) -> str:
    return urlsplit(base).path or "/"


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

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            answer = negotiate(site, base_path, self.path, self.headers.get("Accept"))
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if send_body:
                self.wfile.write(answer.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    try:
        return ThreadingHTTPServer((host, port), Handler)
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
