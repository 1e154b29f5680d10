"""Bad input, hostile text, crashes mid-write, no network, SPARQL injection.

Every bad input gives exit code 2, one message naming the file, the line (where there is one) and
the fix, no traceback, writes nothing, and leaves earlier output byte-for-byte as it was.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from pipeline.builder.corpus import build
from pipeline.builder.state import part_name, part_of
from pipeline.cli.app import app
from pipeline.errors import UsageError
from pipeline.store.load import load_files
from pipeline.store.query import parse_param, run_query
from tests.conftest import ROOT, snapshot, write_article
from tests.rdfcompare import graph_difference
from tests.vocab import SCHEMA

SEED = "articles/fiverr-ceo-ai-warning.txt"
GOOD = "First paragraph here.\n\nSecond paragraph here.\n\nReference Map\n1. Paragraph 1: 1\n2. Paragraph 2: 2, 3\n\nSource: Wire Co\n"


@pytest.fixture
def built(project: Path, runner: CliRunner) -> dict[str, bytes]:
    """The scratch project after a good build: what every failed run must leave untouched."""
    assert runner.invoke(app, ["build"]).exit_code == 0
    return snapshot(project / "output")


BAD_ARTICLES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "articles/bad.txt:1: the article is empty."),
    "whitespace-only": (b"  \n\t\n  \n", "articles/bad.txt:1: the article is empty."),
    "latin-1": (
        "Caf\xe9 society.\n".encode("latin-1"),
        "articles/bad.txt:1:4: is not UTF-8 (byte 0xE9 cannot be decoded).",
    ),
    "binary": (
        bytes(range(256)),
        "articles/bad.txt:1:1: contains a NUL byte: this looks like a binary file, not a text article.",
    ),
    "nul": (b"Text with a \x00 NUL.\n", "articles/bad.txt:1:13: contains a NUL byte"),
    "control": (
        b"Text with an escape \x1b[31m here.\n",
        "articles/bad.txt:1:21: contains the control character U+001B.",
    ),
    "unknown-paragraph": (
        GOOD.replace("2. Paragraph 2", "2. Paragraph 5").encode(),
        "articles/bad.txt:7: Reference Map names paragraph 5, but the article has 2 paragraphs. Fix the map line or add the paragraph.",
    ),
    "word-source": (
        GOOD.replace("2, 3", "2, three").encode(),
        "articles/bad.txt:7: source 'three' is not a positive integer.",
    ),
    "zero-source": (GOOD.replace("2, 3", "2, 0").encode(), "articles/bad.txt:7: source '0' is not a positive integer."),
    "negative-source": (
        GOOD.replace("2, 3", "2, -3").encode(),
        "articles/bad.txt:7: source '-3' is not a positive integer.",
    ),
    "paragraph-twice": (
        GOOD.replace("2. Paragraph 2", "2. Paragraph 1").encode(),
        "articles/bad.txt:7: Reference Map lists paragraph 1 twice (lines 6 and 7). Merge the two lines into one.",
    ),
    "map-without-body": (
        b"Reference Map\n1. Paragraph 1: 1\n",
        "articles/bad.txt:1: the article has no paragraphs before its Reference Map.",
    ),
    # A newcomer's traps (issue 22, cases 12 and 15): each was published, or named the wrong line.
    "references-heading": (
        GOOD.replace("Reference Map", "References").encode(),
        "articles/bad.txt:5: 'References' is not the Reference Map heading, so the map below it would be published"
        " as text. Write the heading as `Reference Map`, on a line of its own.",
    ),
    "uppercase-references-heading": (
        GOOD.replace("Reference Map", "REFERENCES").encode(),
        "articles/bad.txt:5: 'REFERENCES' is not the Reference Map heading",
    ),
    "plural-heading": (
        GOOD.replace("Reference Map", "Reference Maps:").encode(),
        "articles/bad.txt:5: 'Reference Maps:' is not the Reference Map heading",
    ),
    "no-heading": (
        GOOD.replace("Reference Map\n", "").encode(),
        "articles/bad.txt:5: this line looks like a Reference Map line, but no `Reference Map` heading comes"
        " before it. Put a line `Reference Map` above the map, after a blank line.",
    ),
    "source-without-colon": (
        GOOD.replace("Source: Wire Co", "Source Noah Wire Services").encode(),
        "articles/bad.txt:9: the Source line has no colon after `Source`: 'Source Noah Wire Services'."
        " Write `Source: Noah Wire Services`.",
    ),
    "source-without-colon-no-map": (
        b"First paragraph here.\n\nSource Noah Wire Services\n",
        "articles/bad.txt:3: the Source line has no colon after `Source`",
    ),
    "utf-16": (
        GOOD.encode("utf-16"),
        "articles/bad.txt: is UTF-16 text, not UTF-8. Save the file as UTF-8, e.g."
        " `iconv -f utf-16 -t utf-8 in.txt > out.txt`.",
    ),
    "utf-16le-without-bom": (
        GOOD.encode("utf-16-le"),
        "articles/bad.txt: is UTF-16 text, not UTF-8. Save the file as UTF-8, e.g."
        " `iconv -f utf-16le -t utf-8 in.txt > out.txt`.",
    ),
    "500k-line": (
        b"x" * 500_000,
        "articles/bad.txt:1: the line is 500,000 characters long; newsld accepts lines of up to 100,000 characters.",
    ),
    "17mb-article": (
        (b"A paragraph of news.\n\n") * 800_000,
        "articles/bad.txt: the article is 17,600,000 bytes long; newsld accepts articles of up to 1,048,576 bytes"
        " (1 MiB), as its text becomes one schema:articleBody literal.",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ARTICLES))
def test_bad_article(case: str, project: Path, runner: CliRunner, built: dict[str, bytes]) -> None:
    data, message = BAD_ARTICLES[case]
    (project / "articles" / "bad.txt").write_bytes(data)
    result = runner.invoke(app, ["build", "articles/bad.txt"])
    assert result.exit_code == 2
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"failed  bad  {message}")
    assert "Traceback" not in result.output
    assert snapshot(project / "output") == built
    assert not list((project / "output").glob(".*.tmp"))


def test_bad_article_fix_is_named(project: Path, runner: CliRunner) -> None:
    """Every message above ends with what to do; spot-check the wording of a few fixes."""
    (project / "articles" / "bad.txt").write_bytes("Caf\xe9.\n".encode("latin-1"))
    result = runner.invoke(app, ["build", "articles/bad.txt"])
    assert result.stdout.splitlines()[0].endswith(
        "Save the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`."
    )


@pytest.mark.parametrize(
    ("args", "setup", "message"),
    [
        (["build", "missing.txt"], None, "error: missing.txt: no such file or folder. Check the path.\n"),
        (
            ["build", "empty"],
            "mkdir",
            "error: empty: contains no articles (*.txt files). Put wire-format articles in it, or name the article files directly.\n",
        ),
        (
            ["build"],
            "catalogue",
            "error: articles/entities.toml:4:8: is not valid TOML: invalid value. Fix the TOML syntax (https://toml.io).\n",
        ),
    ],
    ids=["missing-path", "folder-without-articles", "malformed-catalogue"],
)
def test_bad_paths_and_catalogue(
    args: list[str], setup: str | None, message: str, project: Path, runner: CliRunner, built: dict[str, bytes]
) -> None:
    if setup == "mkdir":
        (project / "empty").mkdir()
    if setup == "catalogue":
        catalogue = project / "articles" / "entities.toml"
        text = catalogue.read_text(encoding="utf-8").splitlines()
        text[3] = "type = Person"
        catalogue.write_text("\n".join(text) + "\n", encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert snapshot(project / "output") == built


def test_malformed_sidecar_points_at_the_toml_line(project: Path, runner: CliRunner, built: dict[str, bytes]) -> None:
    sidecar = project / "articles" / "fiverr-ceo-ai-warning.toml"
    sidecar.write_text('headline = "Unclosed\nlanguage = "en"\n', encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "failed  fiverr-ceo-ai-warning  articles/fiverr-ceo-ai-warning.toml:1:21: is not valid TOML:"
        " illegal character '\\n'. Fix the TOML syntax (https://toml.io)."
    )
    assert snapshot(project / "output") == built


def test_unreadable_article(
    project: Path, runner: CliRunner, built: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root here, where chmod cannot deny reading: make the read itself fail."""
    original = Path.read_bytes

    def deny(path: Path) -> bytes:
        if path.name == "fiverr-ceo-ai-warning.txt":
            raise PermissionError(13, "Permission denied")
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = runner.invoke(app, ["build", "--force"])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "failed  fiverr-ceo-ai-warning  articles/fiverr-ceo-ai-warning.txt: cannot be read (Permission denied)."
        " Check the file's permissions."
    )
    monkeypatch.undo()
    assert {k: v for k, v in snapshot(project / "output").items() if not k.startswith("manifest")} == {
        k: v for k, v in built.items() if not k.startswith("manifest")
    }


HOSTILE = [
    'He said "hello" and then """triple""" quotes',
    "Back\\slashes \\n \\u0041 \\\\ and a trailing backslash \\",
    "Markup <b>bold</b> & ampersands &amp; </script><script>alert(1)</script>",
    'JSON {"@context": "https://evil.example/ctx", "@id": "x"} inline',
    "Right-to-left \u202eoverride\u202c and \u200f marks, zero\u200bwidth",
    "Emoji 😀👩‍👩‍👧 and flags 🇺🇦 outside the BMP",
    "Combining e\u0301 a\u0308 and precomposed é ä, Hebrew שלום, Arabic مرحبا",
    "Turtle-ish ; . , ] [ ) ( <http://x> _:b1 @prefix : <#> .",
    "Very long " + "word " * 4000,
    "Line\u2028separator and\u2029paragraph separator (not line breaks in the wire format)",
]


def test_hostile_text_round_trips_exactly(project: Path) -> None:
    write_article(project / "hostile", "hostile.txt", "\n\n".join(HOSTILE) + "\n\nSource: Wire Co\n")
    summary = build([project / "hostile"], out=project / "out")
    assert summary.exit_code == 0, [a.error or a.report for a in summary.articles]
    ttl = (project / "out" / "hostile.ttl").read_bytes()
    jsonld = (project / "out" / "hostile.jsonld").read_bytes()
    from_ttl = Graph().parse(data=ttl, format="turtle")
    from_jsonld = Graph().parse(data=jsonld, format="json-ld")
    assert not graph_difference(from_ttl, from_jsonld)
    assert set(ox.parse(ttl, format=ox.RdfFormat.TURTLE)) == set(ox.parse(jsonld, format=ox.RdfFormat.JSON_LD))
    article = URIRef("https://newsld.example/article/hostile")
    texts = [str(from_ttl.value(URIRef(f"{article}#paragraph-{n}"), SCHEMA.text)) for n in range(1, len(HOSTILE) + 1)]
    assert texts == [" ".join(p.split("\n")).strip() for p in HOSTILE]
    # Safe to embed in <script type="application/ld+json">: no markup characters appear raw.
    assert b"</script>" not in jsonld
    assert b"\\u003c/script\\u003e" in jsonld


def test_write_failing_part_way_keeps_previous_files(
    project: Path, runner: CliRunner, built: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.io import files, kernel

    def disk_fills_up(descriptor: int) -> None:  # both files are staged; syncing them to disk fails
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "syncfs", disk_fills_up)
    if not kernel.HAS_SYNCFS:  # not Linux: each file is fsynced instead
        monkeypatch.setattr(os, "fsync", disk_fills_up)
    (project / "articles" / "fiverr-ceo-ai-warning.toml").write_text('headline = "Changed"\n', encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: output: cannot be written (No space left on device). Free some space or choose another --out;"
        " the earlier files are unchanged.\n"
        if kernel.HAS_SYNCFS
        else "error: output/fiverr-ceo-ai-warning.ttl: cannot be written (No space left on device)."
        " Free some space or choose another --out; the earlier file is unchanged.\n"
    )
    assert snapshot(project / "output") == built  # neither file was replaced
    assert not list((project / "output").glob(".*.tmp"))


def test_a_single_file_is_fsynced_and_a_failure_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.errors import OutputError
    from pipeline.io import files

    real_fsync = os.fsync
    synced: list[int] = []

    def disk_fills_up(descriptor: int) -> None:
        synced.append(descriptor)
        if len(synced) == 2:  # the first file was staged; the second fails half-written
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(files, "HAS_SYNCFS", False)  # as where syncfs(2) is missing: one fsync per file
    monkeypatch.setattr(os, "fsync", disk_fills_up)
    (tmp_path / "a.ttl").write_bytes(b"old a")
    (tmp_path / "b.jsonld").write_bytes(b"old b")
    with pytest.raises(OutputError) as raised:
        files.write_files_atomic({tmp_path / "a.ttl": b"new a", tmp_path / "b.jsonld": b"new b"})
    assert raised.value.message == (
        f"{tmp_path / 'b.jsonld'}: cannot be written (No space left on device)."
        " Free some space or choose another --out; the earlier file is unchanged."
    )
    assert (tmp_path / "a.ttl").read_bytes() == b"old a"
    assert (tmp_path / "b.jsonld").read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.jsonld"]


def test_killed_build_leaves_earlier_output(project: Path, built: dict[str, bytes]) -> None:
    from bench.generate import generate

    generate(400, project / "articles-big", seed=3)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "build", "articles-big", "--out", "output", "-q", "--force"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not list((project / "output").glob("story-*.ttl")) and time.monotonic() < deadline:
            time.sleep(0.05)  # wait until it is publishing articles
        process.send_signal(sig)
        assert process.wait(timeout=60) == (128 + signal.SIGTERM if sig == signal.SIGTERM else -signal.SIGKILL)
        after = snapshot(project / "output")
        assert {name: after[name] for name in built} == built, "earlier files, the dataset and manifest included"
        if sig == signal.SIGTERM:
            assert not [name for name in after if name.endswith(".tmp")]
    # A later build sweeps what a SIGKILL could not clean, and publishes normally.
    assert build([project / "articles"], out=project / "output").exit_code == 0
    assert not list((project / "output").glob(".*.tmp"))


def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_build_validate_load_query_need_no_network(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = no_network(monkeypatch)
    assert runner.invoke(app, ["build", "--force"]).exit_code == 0
    assert runner.invoke(app, ["validate", "output/fiverr-ceo-ai-warning.jsonld", "output/dataset"]).exit_code == 0
    assert runner.invoke(app, ["load"]).exit_code == 0
    result = runner.invoke(app, ["query", "quotes", "-f", "csv"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert runner.invoke(app, ["query", "people", "--data", "output/fiverr-ceo-ai-warning.jsonld"]).exit_code == 0
    assert attempts == []


def test_remote_context_is_refused_everywhere(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = no_network(monkeypatch)
    remote = project / "remote.jsonld"
    remote.write_text('{"@context": "https://schema.org/", "@id": "https://x.example/a", "@type": "NewsArticle"}')
    for args in (["validate", str(remote)], ["load", str(remote)], ["query", "people", "--data", str(remote)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert (
            "its JSON-LD @context points to a remote document, and newsld never fetches from the network."
            in result.stderr
        )
    assert attempts == []


def snapshot_store(path: Path) -> list[str]:
    """The store's quads, read in another process: RocksDB misbehaves when one process opens the
    same store twice (a stale lock, or "Corruption: Mismatch in unique ID" from its table cache)."""
    code = "import sys, pyoxigraph as ox; print(*sorted(str(q) for q in ox.Store.read_only(sys.argv[1])), sep='\\n')"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


CRASHING_LOAD = """
import sys
import pyoxigraph as ox

def crash(self, text, *args, **kwargs):
    raise OSError("disk failure in the middle of the update")

ox.Store.update = crash  # the store fails while it replaces a graph
from pipeline.cli.app import main
sys.argv = ["newsld", "load", "edited.ttl"]
main()
"""


def test_failed_load_leaves_each_graph_as_it_was(project: Path, runner: CliRunner) -> None:
    # Every step in its own process: one process that opens several RocksDB stores (as this test
    # process has) can trip over its table cache, which is not what this test is about.
    runner.invoke(app, ["build"])
    store = project / "store"
    subprocess.run([sys.executable, "-m", "pipeline", "load", "--store", "store"], cwd=project, check=True)
    before = snapshot_store(store)
    edited = project / "edited.ttl"
    edited.write_text(
        (project / "output" / "fiverr-ceo-ai-warning.ttl").read_text().replace("Micha Kaufman", "Someone Else")
    )
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_LOAD], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr == "error: writing to the store at store/ failed: disk failure in the middle of the update\n"
    assert snapshot_store(store) == before


@pytest.mark.parametrize(
    "value",
    [
        'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "',
        '"x\\" } UNION { ?s ?p ?o } #"',
        "} } DELETE WHERE { ?s ?p ?o",
        "SELECT",
    ],
)
def test_param_values_cannot_change_the_query(value: str, project: Path, runner: CliRunner) -> None:
    runner.invoke(app, ["build"])
    store = project / "store"
    load_files(store=store)
    size = len(ox.Store.read_only(str(store)))
    param = dict([parse_param(f"speaker={value}")])
    query = "PREFIX schema: <http://schema.org/>\nSELECT ?speaker ?text WHERE { ?q schema:creator/schema:name ?speaker ; schema:text ?text }"
    assert run_query(query, store=store, params=param).rows == []
    assert len(ox.Store.read_only(str(store))) == size


@pytest.mark.parametrize("value", ["<http://a> } DROP ALL {", "<http://a>>", '"unterminated', '"x"^^<bad iri>'])
def test_malformed_param_terms_are_refused(value: str) -> None:
    with pytest.raises(UsageError):
        parse_param(f"article={value}")


def test_param_is_a_literal_or_an_iri_never_syntax(server_url: str) -> None:
    load_files([ROOT / "output" / "fiverr-ceo-ai-warning.ttl"], graph_store=f"{server_url}/store")
    query = "PREFIX schema: <http://schema.org/>\nSELECT ?speaker ?text WHERE { ?q schema:creator/schema:name ?speaker ; schema:text ?text }"
    hostile = dict([parse_param('speaker=Micha Kaufman" } UNION { ?q ?p ?speaker . BIND("x" AS ?text) } #')])
    assert run_query(query, endpoint=f"{server_url}/query", params=hostile).rows == []
    exact = dict([parse_param("speaker=Micha Kaufman")])
    assert len(run_query(query, endpoint=f"{server_url}/query", params=exact).rows) == 2


@pytest.fixture
def server_url(tmp_path: Path) -> object:
    from tests.servers import oxigraph_server

    with oxigraph_server(tmp_path / "ox") as url:
        yield url


def seed_ttl() -> str:
    return str(ROOT / "output" / "fiverr-ceo-ai-warning.ttl")


def test_server_error_500_is_retried_then_exit_3(runner: CliRunner) -> None:
    from tests.servers import http_server, status

    with http_server(status(500, b"boom: the disk is full")) as (url, seen):
        load = runner.invoke(app, ["load", seed_ttl(), "--graph-store", f"{url}/store"])
        query = runner.invoke(app, ["query", "people", "--endpoint", f"{url}/query"])
    assert load.exit_code == query.exit_code == 3
    assert load.stderr == (
        f"error: {url}/store?graph=https%3A%2F%2Fnewsld.example%2Farticle%2Ffiverr-ceo-ai-warning failed after 3 attempts"
        " (HTTP 500: boom: the disk is full). Check the server's log.\n"
    )
    assert query.stderr == (
        f"error: {url}/query?union-default-graph failed after 3 attempts (HTTP 500: boom: the disk is full)."
        " Check the server's log.\n"
    )
    assert [r["method"] for r in seen] == ["PUT"] * 3 + ["POST"] * 3


def test_stalled_server_times_out(runner: CliRunner) -> None:
    from tests.servers import http_server, stall

    with http_server(stall(5)) as (url, seen):
        started = time.monotonic()
        result = runner.invoke(app, ["load", seed_ttl(), "--graph-store", f"{url}/store", "--timeout", "0.5"])
        elapsed = time.monotonic() - started
    assert result.exit_code == 3
    assert "after 3 attempts (no answer within 0.5 s)" in result.stderr
    assert len(seen) == 3
    assert elapsed < 10  # bounded: three timeouts and two short waits, not three stalls


def test_rejected_credentials_exit_3_without_leaking(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.servers import http_server, status

    monkeypatch.setenv("NEWSLD_STORE_USER", "editor")
    monkeypatch.setenv("NEWSLD_STORE_PASSWORD", "s3cret-pw")
    with http_server(status(401, b"bad password s3cret-pw for editor")) as (url, seen):
        result = runner.invoke(app, ["load", seed_ttl(), "--graph-store", f"{url}/store"])
    assert result.exit_code == 3
    assert "s3cret-pw" not in result.output
    assert result.stderr.startswith(f"error: {url}/store?graph=")
    assert "refused the request (HTTP 401: bad password *** for editor). Check the credentials in" in result.stderr
    assert len(seen) == 2, "asked without credentials, then once with them; a refusal is not retried"
    assert "authorization" not in seen[0], "the password is sent only once the server asks, in its scheme"
    assert seen[1]["authorization"].startswith("Basic ")


def test_bearer_token_is_sent(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.servers import http_server, status

    monkeypatch.setenv("NEWSLD_STORE_TOKEN", "tok-123")
    with http_server(status(204)) as (url, seen):
        result = runner.invoke(app, ["load", seed_ttl(), "--graph-store", f"{url}/store"])
    assert result.exit_code == 0, result.output
    assert seen[0]["authorization"] == "Bearer tok-123"
    assert seen[0]["content-type"] == "application/n-triples"
    assert "tok-123" not in result.output


def test_remote_load_parses_everything_before_sending(runner: CliRunner, tmp_path: Path) -> None:
    from tests.servers import http_server, status

    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://a> <http://b> .\n")
    with http_server(status(204)) as (url, seen):
        result = runner.invoke(app, ["load", seed_ttl(), str(broken), "--graph-store", f"{url}/store"])
    assert result.exit_code == 2
    assert seen == [], "nothing reaches the server when a file does not parse"


SEED_PARTS = sorted((ROOT / "output" / "dataset").glob("*.nq"))


def test_params_name_variables_of_the_where_clause(project: Path) -> None:
    with pytest.raises(UsageError, match=r"^--param quotes: \?quotes is computed by the SELECT clause"):
        run_query("articles", data=SEED_PARTS, params=dict([parse_param("quotes=2")]))
    with pytest.raises(UsageError, match=r"^--param nobody: the query has no variable \?nobody \(its variables: "):
        run_query("people", data=SEED_PARTS, params=dict([parse_param("nobody=1")]))


def test_a_bare_iri_param_is_an_iri_and_a_quoted_one_a_string() -> None:
    iri = "https://newsld.example/article/fiverr-ceo-ai-warning"
    assert parse_param(f"article={iri}") == ("article", ox.NamedNode(iri))
    assert parse_param(f'article="{iri}"') == ("article", ox.Literal(iri))
    assert parse_param("speaker=Micha Kaufman") == ("speaker", ox.Literal("Micha Kaufman"))


def test_501_and_4xx_are_not_retried_and_html_is_stripped(runner: CliRunner) -> None:
    from tests.servers import http_server

    page = (
        b"<!DOCTYPE html><html><head><title>Error</title><style>h1{}</style></head><body>"
        b"<h1>HTTP/1.1 501 Not Implemented</h1><h3>Error 42000</h3><xmp>SR185: Undefined procedure &amp; more</xmp>"
        b"</body></html>"
    )

    def respond(handler: object) -> None:
        from http.server import BaseHTTPRequestHandler

        assert isinstance(handler, BaseHTTPRequestHandler)
        handler.send_response(501)
        handler.send_header("Content-Type", "text/html; charset=UTF-8")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)

    with http_server(respond) as (url, seen):
        result = runner.invoke(app, ["query", "people", "--endpoint", f"{url}/sparql"])
    assert result.exit_code == 3
    assert result.stderr == (
        f"error: {url}/sparql?union-default-graph rejected the request (HTTP 501: SR185: Undefined procedure & more).\n"
    )
    assert len(seen) == 1
    assert seen[0]["content-type"] == "application/x-www-form-urlencoded"
    assert seen[0]["accept"] == "application/sparql-results+json"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/sparql-results+json", b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 5}]}}'),
        ("application/sparql-results+json", b"<html>not json</html>"),
        ("application/n-triples", b"<http://a> <http://b> 5 ."),
        ("text/html", b"<html>a login page</html>"),
    ],
)
def test_malformed_server_answers_are_exit_3_without_traceback(
    runner: CliRunner, content_type: str, body: bytes
) -> None:
    from tests.servers import http_server

    def respond(handler: object) -> None:
        from http.server import BaseHTTPRequestHandler

        assert isinstance(handler, BaseHTTPRequestHandler)
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" if "triples" in content_type else "people"
    with http_server(respond) as (url, _):
        result = runner.invoke(app, ["query", query, "--endpoint", f"{url}/sparql"])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"error: {url}/sparql answered with ")
    assert "Traceback" not in result.output


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec_fn: writes past `limit` bytes fail with EFBIG, as on a full disk (works as root too)."""
    import resource

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_failed_dataset_write_is_exit_2_and_keeps_the_earlier_files(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["build"]).exit_code == 0
    before = snapshot(project / "output")
    part = part_name(part_of("https://newsld.example/article/fiverr-ceo-ai-warning"))
    seed = project / "articles" / "fiverr-ceo-ai-warning.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("sobering", "stark"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "build"],
        # The article's block of the dataset no longer fits: its scratch copy, before its part, fails.
        preexec_fn=_file_size_limit(len(before[part]) - 1000),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "error: output: cannot be written (File too large: over the file size limit, `ulimit -f`)."
        " Raise the limit or choose another --out; the earlier files are unchanged.\n"
    )
    # The article's own files may be the new ones (the manifest still says to build it again); the
    # dataset, its index and the manifest are as they were.
    after = snapshot(project / "output")
    kept = [name for name in before if not name.startswith("fiverr-ceo-ai-warning.")]
    assert [after.get(name) for name in kept] == [before[name] for name in kept]
    assert not list((project / "output").rglob(".*.tmp"))


def test_a_failed_store_write_is_exit_3(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(app, ["build"]).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "load", "--store", "store"],
        preexec_fn=_file_size_limit(4000),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith("error: cannot open the store at store/: ")
    assert "File too large" in done.stderr
    assert "Traceback" not in done.stderr
