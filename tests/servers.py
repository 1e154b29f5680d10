"""Real servers for the store tests: an Oxigraph server process, and a small faulty HTTP server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str:
    """The `oxigraph` server binary from the PyPI package `oxigraph` (installed by the test extra)."""
    found = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")
    if not Path(found).exists():
        raise RuntimeError("the oxigraph server binary is missing: pip install -e '.[test]' installs it")
    return found


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """Run `oxigraph serve` on 127.0.0.1 with a free port; yield its base URL; stop it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"oxigraph serve did not start: {error}") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


Handler = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def http_server(respond: Handler) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A local HTTP server whose every request is answered by `respond`; yields (URL, requests seen)."""
    seen: list[dict[str, str]] = []

    class Answer(BaseHTTPRequestHandler):
        def handle_one(self) -> None:
            seen.append({"method": self.command, "path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            respond(self)

        do_GET = do_POST = do_PUT = handle_one  # noqa: N815 - http.server's naming

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            """A client that gave up (timeout test) is expected here: no traceback on stderr."""

    server = Quiet(("127.0.0.1", free_port()), Answer)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def status(code: int, body: bytes = b"") -> Handler:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def stall(seconds: float) -> Handler:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        status(200)(handler)

    return respond
