"""Real servers for the store tests: an Oxigraph server process, and a small faulty HTTP server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
        wait_until_answering(
            f"{url}/query?query=ASK%7B%7D",
            process,
            30,
            lambda: "oxigraph serve did not start: " + (process.stderr.read().decode() if process.stderr else ""),
        )
        yield url
    finally:
        stop(process, 10)


def wait_until_answering(
    probe: str, process: subprocess.Popen[bytes], seconds: float, failure: Callable[[], str]
) -> None:
    """Poll `probe` until it answers; raise with `failure()` if the process dies or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(probe, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(failure()) from None
            time.sleep(0.05)


def stop(process: subprocess.Popen[bytes], seconds: float) -> None:
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""
VIRTUOSO_USER = ("newsld", "s3cret-digest")


def virtuoso_binaries() -> tuple[str, str] | None:
    """`virtuoso-t` and `isql-vt` (Debian virtuoso-opensource), or None when they are not installed."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its HTTP base URL and how to run SQL on it."""

    url: str
    isql: list[str]

    @property
    def endpoint(self) -> str:
        return f"{self.url}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.url}/sparql-graph-crud"

    def sql(self, statements: str) -> str:
        done = subprocess.run(
            [*self.isql, f"exec={statements}"], capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0 or "Error" in done.stdout:
            raise RuntimeError(f"isql-vt failed: {done.stdout}{done.stderr}")
        return done.stdout


@contextmanager
def virtuoso_server(location: Path, *, max_rows: int = 10_000) -> Iterator[Virtuoso]:
    """Run Virtuoso on 127.0.0.1 with free ports and a fresh database in `location`; yield it; stop it.

    Grants as the README says: SPARQL_UPDATE to the anonymous "SPARQL" user (the /sparql-graph-crud
    endpoint), and a user with a password for the Digest-protected /sparql-graph-crud-auth.
    """
    binaries = virtuoso_binaries()
    if binaries is None:
        raise RuntimeError("virtuoso-t and isql-vt are missing: apt-get install virtuoso-opensource")
    server, isql = binaries
    location.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = location / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(dir=location, sql_port=sql_port, http_port=http_port, max_rows=max_rows), encoding="utf-8"
    )
    process = subprocess.Popen(
        [server, "+configfile", str(ini), "+foreground"],
        cwd=location,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}"
    running = Virtuoso(url, [isql, f"127.0.0.1:{sql_port}", "dba", "dba"])
    log = location / "virtuoso.log"
    try:
        wait_until_answering(
            f"{url}/sparql?query=ASK%7B%7D",
            process,
            90,
            lambda: "virtuoso-t did not start: " + (log.read_text(errors="replace")[-2000:] if log.exists() else ""),
        )
        user, password = VIRTUOSO_USER
        running.sql(
            'GRANT SPARQL_UPDATE TO "SPARQL"; '
            f"DB.DBA.USER_CREATE('{user}', '{password}'); "
            f'GRANT SPARQL_SELECT TO "{user}"; GRANT SPARQL_UPDATE TO "{user}";'
        )
        yield running
    finally:
        stop(process, 30)


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

        do_GET = do_POST = do_PUT = do_DELETE = handle_one  # noqa: N815 - http.server's naming

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


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Handler:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
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


def required(reason: str) -> None:
    """Skip with `reason` locally; fail in CI, where NEWSLD_REQUIRE_SERVERS says every server must run."""
    import pytest

    if os.environ.get("NEWSLD_REQUIRE_SERVERS"):
        pytest.fail(f"{reason}, and NEWSLD_REQUIRE_SERVERS says the server tests must run")
    pytest.skip(reason)


NGINX_CONF = """\
load_module {njs};
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp;
    proxy_temp_path {dir}/tmp;
    fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp;
    scgi_temp_path {dir}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        js_path {js_path}/;
        include {include};
    }}
}}
"""


@contextmanager
def nginx_server(root: Path, include: Path, location: Path) -> Iterator[str]:
    """Run Debian's nginx on 127.0.0.1 with a free port, serving `root` with the `include`d server rules."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        required("nginx not installed (apt-get install nginx)")
    assert binary is not None
    njs = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")
    if not njs.exists():
        required("nginx's JavaScript module is not installed (apt-get install libnginx-mod-http-js)")
    (location / "tmp").mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = location / "nginx.conf"
    # As root, nginx's workers would run as "nobody" and could not read a private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        NGINX_CONF.format(
            njs=njs,
            user=user,
            dir=location,
            port=port,
            root=root.resolve(),
            js_path=include.resolve().parent,
            include=include.resolve(),
        )
    )
    process = subprocess.Popen(
        [binary, "-c", str(conf), "-p", str(location), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(
            f"{url}/index.html",
            process,
            15,
            lambda: (
                "nginx did not start: " + (location / "error.log").read_text(errors="replace")
                if (location / "error.log").exists()
                else "nginx did not start"
            ),
        )
        yield url
    finally:
        stop(process, 10)


def digest_guard(
    user: str, password: str, *, algorithm: str = "MD5", qop: str = "auth", realm: str = "store"
) -> Handler:
    """Answer 200 only to an RFC 7616 Digest answer for `user`/`password`; else 401 with the challenge.

    The check is written from the RFC, independently of any client: H(A1), H(A2) and the response,
    with the -sess form of A1 and qop auth or auth-int (A2 then hashes the body too).
    """
    import hashlib
    import urllib.request

    names = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256", "SHA-512": "sha512"}
    nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093"

    def hashed(text: bytes) -> str:
        return hashlib.new(names[algorithm.upper().removesuffix("-SESS")], text).hexdigest()

    def respond(handler: BaseHTTPRequestHandler) -> None:
        given = handler.headers.get("Authorization", "")
        if given.startswith("Digest "):
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(given[7:]))
            a1 = hashed(f"{user}:{realm}:{password}".encode())
            if algorithm.upper().endswith("-SESS"):
                a1 = hashed(f"{a1}:{fields['nonce']}:{fields['cnonce']}".encode())
            a2_text = f"{handler.command}:{fields['uri']}"
            if fields.get("qop") == "auth-int":
                a2_text += ":" + hashed(getattr(handler, "body", b""))
            expected = hashed(
                f"{a1}:{fields['nonce']}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{hashed(a2_text.encode())}".encode()
            )
            if fields.get("username") == user and fields.get("response") == expected:
                status(200, b"ok")(handler)
                return
        challenge = f'Digest realm="{realm}", qop="{qop}", nonce="{nonce}", algorithm={algorithm}, opaque="5ccc"'
        status(401, b"who are you?", headers={"WWW-Authenticate": challenge})(handler)

    return respond
