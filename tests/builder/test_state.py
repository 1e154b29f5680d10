"""pipeline.builder.state: graphs.tsv, the change set, and reading graphs' blocks by offset."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.builder.state import (
    CHANGES,
    DATASET,
    PARTS,
    STATE,
    BuildState,
    ChangeSet,
    GraphEntry,
    StaleState,
    build_id,
    diff,
    open_dataset,
    part_name,
    part_of,
    read_build_id,
    read_changes,
    read_state,
)
from pipeline.errors import InputError
from tests.conftest import ROOT

B = "https://newsld.example/"


def blocks_of(graphs: dict[str, bytes]) -> tuple[dict[str, bytes], BuildState]:
    """The dataset's part files (name -> bytes) made of `graphs`' blocks (in order, each in its
    part), and its state."""
    entries: dict[str, GraphEntry] = {}
    files: dict[str, bytes] = {}
    for graph, block in graphs.items():
        name = part_name(part_of(graph))
        offset = len(files.get(name, b""))
        sha = hashlib.sha256(block).hexdigest()
        entries[graph] = GraphEntry(sha, offset, len(block), "/article/" in graph, block.count(b"\n"), part_of(graph))
        files[name] = files.get(name, b"") + block
    return files, BuildState.of(entries)


def write_parts(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def quads(graph: str, text: str) -> bytes:
    return f'<{graph}> <http://schema.org/name> "{text}" <{graph}> .\n'.encode()


A1, A2, P1 = f"{B}article/a1", f"{B}article/a2", f"{B}person/p1"


def test_the_seed_build_records_every_graph_with_its_blocks_digest() -> None:
    state = read_state(ROOT / "output")
    assert state is not None
    parts = {part: (ROOT / "output" / part_name(part)).read_bytes() for part in state.part_sizes()}
    assert sorted(p.name for p in (ROOT / "output" / DATASET).iterdir()) == [f"{part:02x}.nq" for part in parts]
    assert state.size == sum(map(len, parts.values()))
    assert next(iter(state.graphs)) == f"{B}article/fiverr-ceo-ai-warning"
    for graph, entry in state.graphs.items():
        assert entry.part == part_of(graph)
        block = parts[entry.part][entry.start : entry.start + entry.length]
        assert block.endswith(f" <{graph}> .\n".encode())
        assert hashlib.sha256(block).hexdigest() == entry.digest
        assert block.count(b"\n") == entry.triples
    assert [e.article for e in state.graphs.values()] == [True, False, False, False, False]
    body = (ROOT / "output" / STATE).read_text(encoding="utf-8").split("\n", 2)[2]
    assert state.build == build_id(body) == hashlib.sha256(body.encode()).hexdigest() == read_build_id(ROOT / "output")


def test_a_state_updated_by_an_edit_is_the_state_made_from_its_graphs(tmp_path: Path) -> None:
    _, state = blocks_of({A1: quads(A1, "one"), A2: quads(A2, "two"), P1: quads(P1, "P")})
    state.write(tmp_path)
    before = read_state(tmp_path)  # from the file: nothing worked out yet
    assert before is not None
    moved = {
        A1: GraphEntry("d" * 64, 7, 90, True, 3, part_of(A1)),
        P1: GraphEntry("e" * 64, 0, 12, False, 1, part_of(P1)),
    }
    parts = before.by_part
    after = before.updated(moved)
    made = BuildState.of({graph: moved.get(graph, entry) for graph, entry in before.graphs.items()})
    assert after == made
    assert list(after.graphs) == [A1, A2, P1]
    assert (after.build, after.size, after.triples, after.part_sizes()) == (
        made.build,
        made.size,
        made.triples,
        made.part_sizes(),
    )
    assert after.body == made.body
    assert after.build != before.build
    assert before.updated({}).build == before.build
    assert after.by_part is parts  # the graphs and their order: carried, not worked out again
    after.write(tmp_path)
    assert read_state(tmp_path) == made
    assert read_build_id(tmp_path) == made.build


def test_state_round_trips_through_graphs_tsv(tmp_path: Path) -> None:
    _, state = blocks_of({A1: quads(A1, "one"), A2: quads(A2, "two"), P1: quads(P1, "P")})
    state.write(tmp_path)
    assert read_state(tmp_path) == state
    lines = (tmp_path / STATE).read_text().splitlines()
    assert lines[0] == f"# newsld graphs 2\tbuild={state.build}\tsize={state.size}"
    assert lines[1] == "sha256\tpart\tstart\tlength\ttriples\tkind\tgraph"
    assert lines[2].split("\t")[1] == f"{part_of(A1):02x}"
    assert lines[2].split("\t")[4:] == ["1", "article", A1]
    assert lines[4].split("\t")[4:] == ["1", "shared", P1]
    # A graphs.tsv of the single dataset.nq that earlier newsld wrote is not taken for this one.
    (tmp_path / STATE).write_text(
        "# newsld graphs 1\tbuild=x\tsize=1\nsha256\tstart\tlength\ttriples\tkind\tgraph\n", encoding="utf-8"
    )
    assert read_state(tmp_path) is None


def test_a_state_kept_from_an_earlier_read_is_not_returned_for_a_file_edited_since(tmp_path: Path) -> None:
    _, first = blocks_of({A1: quads(A1, "one"), P1: quads(P1, "P")})
    _, second = blocks_of({A1: quads(A1, "two"), P1: quads(P1, "P")})
    first.write(tmp_path)
    assert read_state(tmp_path) is read_state(tmp_path) == first  # read once, kept
    text = (tmp_path / STATE).read_bytes()
    edited = text.replace(first.build.encode(), second.build.encode())
    with (tmp_path / STATE).open("r+b") as handle:  # in place, same size and inode
        handle.write(edited)
    assert read_state(tmp_path) is not None and read_state(tmp_path).build == second.build  # type: ignore[union-attr]
    (tmp_path / STATE).unlink()
    assert read_state(tmp_path) is None


def test_the_build_id_names_the_content_not_the_moment() -> None:
    _, first = blocks_of({A1: quads(A1, "one"), P1: quads(P1, "P")})
    _, same = blocks_of({A1: quads(A1, "one"), P1: quads(P1, "P")})
    _, edited = blocks_of({A1: quads(A1, "one!"), P1: quads(P1, "P")})
    assert first.build == same.build != edited.build


@pytest.mark.parametrize(
    "text",
    [
        "",
        "sha256\tstart\tlength\tkind\tgraph\n",
        "# newsld graphs 2\tbuild=x\tsize=0\nsha256\tstart\tlength\ttriples\tkind\tgraph\n",
        "# newsld graphs 1\tbuild=x\tsize=zero\nsha256\tstart\tlength\ttriples\tkind\tgraph\n",
        "# newsld graphs 1\tbuild=x\tsize=0\nsha256\tstart\tlength\ttriples\tkind\tgraph\nabc\t0\t1\t1\tarticle\n",
        "# newsld graphs 1\tbuild=x\tsize=0\nsha256\tstart\tlength\ttriples\tkind\tgraph\nabc\t0\t1\t1\tarticle\thttps://x/",
    ],
    ids=["empty", "no header", "other version", "bad size", "short line", "cut off"],
)
def test_an_unreadable_index_is_no_state(tmp_path: Path, text: str) -> None:
    (tmp_path / STATE).write_text(text)
    assert read_state(tmp_path) is None
    assert read_state(tmp_path / "missing") is None


def test_diff_tells_added_replaced_and_removed() -> None:
    _, before = blocks_of({A1: quads(A1, "one"), A2: quads(A2, "two"), P1: quads(P1, "P")})
    _, after = blocks_of({A1: quads(A1, "one, edited"), P1: quads(P1, "P"), f"{B}person/p2": quads(P1, "Q")})
    changes = diff(before.digests, after, previous=before.build)
    assert changes.previous == before.build and changes.build == after.build
    assert changes.added == {f"{B}person/p2": after.graphs[f"{B}person/p2"].digest}
    assert changes.replaced == {A1: (before.graphs[A1].digest, after.graphs[A1].digest)}
    assert changes.removed == {A2: before.graphs[A2].digest}
    assert changes.written == [A1, f"{B}person/p2"]
    assert not changes.empty and diff(after.digests, after, previous=after.build).empty
    assert ChangeSet.from_json(changes.to_json()) == changes


def test_change_sets_round_trip_through_changes_json(tmp_path: Path) -> None:
    _, state = blocks_of({A1: quads(A1, "one")})
    changes = diff({A2: "0" * 64}, state, previous="f" * 64)
    changes.write(tmp_path)
    assert read_changes(tmp_path) == changes
    written = (tmp_path / CHANGES).stat().st_mtime_ns
    changes.write(tmp_path)
    assert (tmp_path / CHANGES).stat().st_mtime_ns == written, "the same bytes are not written again"
    (tmp_path / CHANGES).write_text("{}")
    assert read_changes(tmp_path) is None


def test_blocks_are_read_by_offset_and_checked(tmp_path: Path) -> None:
    files, state = blocks_of({A1: quads(A1, "one"), A2: quads(A2, "two"), P1: quads(P1, "P")})
    write_parts(tmp_path, files)
    state.write(tmp_path)
    with open_dataset(tmp_path) as dataset:
        assert dataset.state == state
        assert dataset.block(A2) == quads(A2, "two")
        in_file_order = sorted([A1, P1], key=lambda g: (part_of(g), state.graphs[g].start))
        assert list(dataset.blocks([P1, A1])) == [(g, dataset.block(g)) for g in in_file_order]
        with pytest.raises(KeyError):
            dataset.block(f"{B}article/none")
        with dataset.reader() as reader:
            assert reader.read() == b"".join(files[name] for name in sorted(files)), "every part, in part order"


def test_graphs_keep_their_part_whatever_else_the_dataset_holds() -> None:
    # A graph's part depends on its IRI alone, and the parts share the graphs out.
    assert part_of(A1) == part_of(A1) and part_name(part_of(A1)).startswith(f"{DATASET}/")
    spread = {part_of(f"{B}article/a{n}") for n in range(1000)}
    assert len(spread) == PARTS


def test_a_dataset_replaced_while_it_is_read_is_noticed(tmp_path: Path) -> None:
    files, state = blocks_of({A1: quads(A1, "one"), A2: quads(A2, "two")})
    write_parts(tmp_path, files)
    state.write(tmp_path)
    with open_dataset(tmp_path) as dataset:
        # The same size, other bytes: only the digest can tell.
        name = part_name(part_of(A1))
        (tmp_path / name).write_bytes(files[name].replace(b"one", b"ONE"))
        assert dataset.block(A2) == quads(A2, "two")
        with pytest.raises(StaleState, match="changed while it was read"):
            dataset.block(A1)


def test_a_dataset_that_does_not_match_its_index_is_not_opened(tmp_path: Path) -> None:
    files, state = blocks_of({A1: quads(A1, "one")})
    state.write(tmp_path)
    write_parts(tmp_path, {name: data + b"\n" for name, data in files.items()})
    with pytest.raises(StaleState):
        open_dataset(tmp_path)
    with pytest.raises(InputError, match="holds no recorded build"):
        open_dataset(tmp_path / "nothing")


def test_an_empty_dataset_has_no_file_and_no_graphs(tmp_path: Path) -> None:
    BuildState.of({}).write(tmp_path)
    with open_dataset(tmp_path) as dataset:
        assert dataset.state.graphs == {} and dataset.state.size == 0


def test_a_build_that_retracts_an_article_records_what_it_removed(project: Path) -> None:
    from pipeline.builder.corpus import build
    from tests.conftest import write_article

    write_article(project / "articles", "plant.txt", "Ann Lee opened the plant.\n\nSource: Wire Co\n")
    build(jobs=1)
    before = read_state(project / "output")
    assert before is not None and len(before.graphs) == 7
    (project / "articles" / "fiverr-ceo-ai-warning.txt").unlink()
    assert build(jobs=1).removed == ["fiverr-ceo-ai-warning"]
    after = read_state(project / "output")
    assert after is not None
    changes = read_changes(project / "output")
    assert changes == diff(before.digests, after, previous=before.build)
    assert sorted(changes.removed) == [
        f"{B}article/fiverr-ceo-ai-warning",
        f"{B}organization/fiverr",
        f"{B}organization/noah-wire-services",
        f"{B}person/micha-kaufman",
    ]
    assert not changes.added and not changes.replaced
