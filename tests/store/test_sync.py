"""`newsld load` of the output folder: only what changed since the build the store last mirrored,
on a real embedded store (the servers: tests/store/test_servers.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from pipeline.builder.corpus import build
from pipeline.builder.state import read_state
from pipeline.cli.app import app
from pipeline.store import sync
from pipeline.store.load import load_files
from pipeline.store.record import RECORD
from tests.conftest import SEED_IRI, write_article
from tests.dataset import nquads
from tests.store.mirrored import assert_mirrors, embedded_quads

KAUFMAN = "https://newsld.example/person/micha-kaufman"
SECOND = "Micha Kaufman spoke again at Fiverr.\n\n“Day two matters,” Kaufman said.\n\nSource: Noah Wire Services\n"
THIRD = "Lena Ortiz left Acme Corp.\n\nSource: Wire Co\n"


@pytest.fixture
def published(project: Path) -> Path:
    write_article(project / "articles", "kaufman-2.txt", SECOND)
    write_article(project / "articles", "ortiz.txt", THIRD)
    assert build(jobs=1).exit_code == 0
    return project


def edit(project: Path, slug: str, old: str, new: str) -> None:
    path = project / "articles" / f"{slug}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_first_load_is_full_and_records_the_build(published: Path) -> None:
    summary = load_files()
    assert (summary.mode, summary.reason) == ("full", "the store had no record of a build")
    state = read_state(published / "output")
    assert state is not None
    assert sorted(summary.added) == sorted(state.graphs) and summary.triples == state.triples
    assert (summary.build, summary.dataset_triples) == (state.build, state.triples)
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_a_load_with_nothing_new_writes_nothing(published: Path) -> None:
    load_files()
    again = load_files()
    assert (again.mode, again.graphs, again.dropped) == ("unchanged", [], [])
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_an_edit_writes_its_graph_and_the_entities_whose_description_changed(published: Path) -> None:
    load_files()
    edit(published, "fiverr-ceo-ai-warning", "sobering", "stark")
    assert build(jobs=1).exit_code == 0
    summary = load_files()
    assert (summary.mode, summary.replaced, summary.added, summary.dropped) == ("changes", [SEED_IRI], [], [])
    assert_mirrors(embedded_quads(published / "store"), published / "output")

    catalogue = published / "articles" / "entities.toml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("Chief Executive Officer", "Chair"))
    assert build(jobs=1).exit_code == 0
    summary = load_files()
    assert summary.replaced == [KAUFMAN], "the articles that name him do not change: his description does"
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_several_builds_between_two_loads(published: Path) -> None:
    """The store is compared digest by digest: right however many builds it missed."""
    load_files()
    edit(published, "kaufman-2", "Day two", "Day three")
    build(jobs=1)
    (published / "articles" / "ortiz.txt").unlink()
    build(jobs=1)
    write_article(published / "articles", "new.txt", "Ann Lee opened the plant.\n\nSource: Wire Co\n")
    build(jobs=1)
    summary = load_files()
    assert summary.mode == "changes"
    assert summary.replaced == ["https://newsld.example/article/kaufman-2"]
    assert summary.added == ["https://newsld.example/article/new"]
    assert summary.dropped == ["https://newsld.example/article/ortiz"], "Wire Co is named by the new article"
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_a_store_whose_record_is_gone_is_loaded_in_full(published: Path, runner: CliRunner) -> None:
    load_files()
    store = ox.Store(str(published / "store"))
    store.update(f"DROP GRAPH <{RECORD}>")
    del store
    result = runner.invoke(app, ["load"])
    assert result.exit_code == 0, result.output
    assert "; a full load (the store had no record of a build); the store mirrors build " in result.stdout
    assert_mirrors(embedded_quads(published / "store"), published / "output")
    forced = runner.invoke(app, ["load", "--full"])
    assert "; a full load (asked for);" in forced.stdout
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_named_files_make_the_record_forget_what_they_touched(published: Path) -> None:
    load_files()
    edit(published, "fiverr-ceo-ai-warning", "sobering", "stark")
    assert build(jobs=1).exit_code == 0
    other = published / "other"
    assert build([published / "articles" / "fiverr-ceo-ai-warning.txt"], out=other).exit_code == 0
    load_files([published / "output" / "kaufman-2.ttl"])  # loaded by hand: the record stops vouching for it
    _, digests, held = embedded_quads(published / "store")
    assert held is None and "https://newsld.example/article/kaufman-2" not in digests
    summary = load_files()
    assert summary.mode == "changes", "the record's other digests still count"
    assert SEED_IRI in summary.replaced and "https://newsld.example/article/kaufman-2" in summary.added
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_a_load_that_stops_half_way_leaves_a_true_record(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of one graph; the third fails: each digest the record keeps is the one of the graph
    the store holds (old or new), the build id is gone, and the next load finishes from the digests."""
    import shutil

    load_files()
    shutil.copytree(published / "output", published / "before")
    for slug in ("fiverr-ceo-ai-warning", "kaufman-2", "ortiz"):
        edit(published, slug, "Source: ", "Source: The ")
    assert build(jobs=1).exit_code == 0
    original = sync.apply_changes
    calls = {"writes": 0}

    def tiny_batches(*args: object, **kwargs: object) -> object:
        kwargs["batch_bytes"] = 1
        return original(*args, **kwargs)  # type: ignore[arg-type]

    from pipeline.store.embedded import EmbeddedMirror

    write = EmbeddedMirror.write

    def failing(self: EmbeddedMirror, batch: sync.Batch) -> None:
        calls["writes"] += 1
        if calls["writes"] == 3:
            raise OSError("disk full")
        write(self, batch)

    monkeypatch.setattr(sync, "apply_changes", tiny_batches)
    monkeypatch.setattr(EmbeddedMirror, "write", failing)
    with pytest.raises(Exception, match="disk full"):
        load_files()
    monkeypatch.undo()
    quads, digests, held = embedded_quads(published / "store")
    assert held is None, "half-way, the store mirrors no build"
    before, after = read_state(published / "before"), read_state(published / "output")
    assert before is not None and after is not None
    for graph, sha in digests.items():
        version = "before" if before.digests.get(graph) == sha else "output"
        assert (before if version == "before" else after).digests.get(graph) == sha, graph
        dataset = nquads(published / version).decode("utf-8")
        lines = {line for line in dataset.splitlines() if line.endswith(f"<{graph}> .")}
        assert {line for line in quads if line.endswith(f"<{graph}> .")} == lines, graph
    assert sum(before.digests.get(graph) != sha for graph, sha in digests.items()) == 2, "two batches went in"
    summary = load_files()
    assert summary.mode == "changes"
    assert_mirrors(embedded_quads(published / "store"), published / "output")


def test_keep_removed_keeps_the_retracted_graphs_out_of_the_record(published: Path) -> None:
    load_files()
    (published / "articles" / "ortiz.txt").unlink()
    assert build(jobs=1).exit_code == 0
    kept = load_files(keep_removed=True)
    assert kept.dropped == []
    quads, digests, held = embedded_quads(published / "store")
    assert any("article/ortiz>" in line for line in quads)
    assert "https://newsld.example/article/ortiz" not in digests
    assert held == kept.build
