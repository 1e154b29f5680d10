"""Corpus builds: parallel = serial, incremental rules, the dataset's parts, VoID/DCAT and PROV."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from bench.generate import generate
from pipeline.builder.corpus import build
from pipeline.builder.state import part_name, read_state
from tests.conftest import snapshot, write_article
from tests.dataset import nquads
from tests.dataset import quads as dataset_quads
from tests.vocab import DCAT, DCTERMS, PROV, SCHEMA, VOID

BASE = "https://newsld.example/"


@pytest.fixture
def corpus(project: Path) -> Path:
    """Twelve generated articles (varied lengths, quotes, maps, unicode) in the scratch project."""
    folder = project / "corpus"
    generate(12, folder, seed=7)
    return folder


def test_parallel_build_is_byte_identical_to_serial(corpus: Path, project: Path) -> None:
    serial = build([corpus], out=project / "serial", jobs=1)
    parallel = build([corpus], out=project / "parallel", jobs=2)
    assert serial.exit_code == parallel.exit_code == 0
    assert len(parallel.built) == 12
    assert snapshot(project / "serial") == snapshot(project / "parallel")


def quads_in(path: Path) -> list[Any]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def test_dataset_nq_states_each_fact_once_in_the_graph_of_its_document(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    state = read_state(out)
    assert state is not None
    order = list(state.graphs)  # the dataset's order
    articles = [f"{BASE}article/story-{n:05d}" for n in range(1, 13)]
    assert order[:12] == articles, "article graphs first, in natural order"
    for part in state.part_sizes():  # each part holds its graphs in the dataset's order
        in_part = [g for g in order if state.graphs[g].part == part]
        assert list(dict.fromkeys(q.graph_name.value for q in quads_in(out / part_name(part)))) == in_part
    quads = dataset_quads(out)
    shared = order[12:]
    assert shared == sorted(shared)
    folders = {iri.removeprefix(BASE).split("/")[0] for iri in shared}
    assert folders == {"person", "organization", "software"}
    runs = [
        name
        for i, name in enumerate(q.graph_name.value for q in quads)
        if i == 0 or name != quads[i - 1].graph_name.value
    ]
    assert sorted(runs) == sorted(order), "each graph's quads are contiguous"
    triples = [q.triple for q in quads]
    assert len(triples) == len(set(triples)), "no triple is stated in two graphs"
    for quad in quads:  # every triple is in the graph of its subject's document
        document = quad.subject.value.partition("#")[0]
        assert quad.graph_name.value == (document if document in shared else quad.graph_name.value)
        if quad.graph_name.value in articles:
            assert document == quad.graph_name.value
    for slug in ("story-00001", "story-00012"):
        in_file = {q.triple for q in ox.parse(path=str(out / f"{slug}.ttl"))}
        assert in_file <= set(triples), "a file's facts are all in the dataset"
        in_graph = {q.triple for q in quads if q.graph_name.value == f"{BASE}article/{slug}"}
        assert in_graph == {
            t
            for t in in_file
            if not t.subject.value.startswith((f"{BASE}person/", f"{BASE}organization/", f"{BASE}software/"))
        }


def test_void_and_dcat_describe_the_dataset(corpus: Path, project: Path) -> None:
    out = project / "out"
    summary = build([corpus], out=out)
    void = Graph().parse(out / "void.ttl")
    dataset = URIRef(f"{BASE}dataset")
    lines = nquads(out).decode("utf-8").count("\n")
    assert (dataset, RDF.type, VOID.Dataset) in void
    assert (dataset, RDF.type, DCAT.Dataset) in void
    assert void.value(dataset, VOID.triples) == Literal(lines)
    assert summary.triples == lines, "each fact once, as void.ttl counts it"
    in_files = sum(len(list(ox.parse(path=str(path)))) for path in out.glob("story-*.ttl"))
    assert lines < in_files, "the articles' files repeat the people they name; the dataset does not"
    assert void.value(dataset, VOID.documents) == Literal(12)
    assert URIRef(str(SCHEMA)) in set(void.objects(dataset, VOID.vocabulary))
    media = {
        str(void.value(d, DCAT.mediaType)).rsplit("/", 2)[-2:][1] for d in void.objects(dataset, DCAT.distribution)
    }
    assert media == {"n-quads", "turtle", "ld+json"}
    state = read_state(out)
    assert state is not None and len(state.part_files) > 1
    dumps = sorted(str(dump) for dump in void.objects(dataset, VOID.dataDump))
    assert dumps == [f"{BASE}{name}" for name in state.part_files], "each part is a dump"
    (nquads_distribution,) = (
        d for d in void.objects(dataset, DCAT.distribution) if str(void.value(d, DCAT.mediaType)).endswith("n-quads")
    )
    assert sorted(str(url) for url in void.objects(nquads_distribution, DCAT.downloadURL)) == dumps
    people = {
        s.value
        for s in (q.subject for q in dataset_quads(out) if q.object == ox.NamedNode(str(SCHEMA.Person)))
        if isinstance(s, ox.NamedNode)
    }
    partitions = {
        void.value(p, VOID["class"]): void.value(p, VOID.entities) for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions[SCHEMA.Person] == Literal(len(people))  # distinct people, though each article repeats them
    assert void.value(dataset, DCTERMS.modified) is None


def test_each_article_carries_provenance(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    article = URIRef(f"{BASE}article/story-00003")
    graph = Graph().parse(out / "story-00003.ttl")
    source = graph.value(article, PROV.wasDerivedFrom)
    assert graph.value(source, SCHEMA.name) == Literal("corpus/story-00003.txt")
    digest = hashlib.sha256((corpus / "story-00003.txt").read_bytes()).hexdigest()
    assert graph.value(source, SCHEMA.sha256) == Literal(digest)
    activity = graph.value(article, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    software = graph.value(activity, PROV.wasAssociatedWith)
    assert graph.value(software, SCHEMA.name) == Literal("newsld")
    assert graph.value(activity, PROV.endedAtTime) is None  # no wall-clock time unless asked


def test_source_date_epoch_sets_the_times(corpus: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = project / "out"
    build([corpus], out=out)
    stamp = '"2023-11-14T22:13:20Z"^^xsd:dateTime'
    assert f"prov:endedAtTime {stamp}" in (out / "story-00001.ttl").read_text(encoding="utf-8")
    assert f"dcterms:modified {stamp}" in (out / "void.ttl").read_text(encoding="utf-8")


def test_a_forced_rebuild_rewrites_no_article_file_whose_bytes_are_the_same(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    files = [p for p in out.iterdir() if p.suffix in (".ttl", ".jsonld") and p.name != "void.ttl"]
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    forced = build([corpus], out=out, force=True)
    assert len(forced.built) == 12
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files} == before


def test_no_change_rebuild_skips_everything_and_rewrites_nothing(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = build([corpus], out=out)
    assert (len(again.built), len(again.skipped)) == (0, 12)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_one_changed_article_is_rebuilt_alone(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    target = corpus / "story-00005.txt"
    target.write_bytes(target.read_bytes().replace(b".", b". Updated.", 1))
    again = build([corpus], out=out)
    assert [a.slug for a in again.built] == ["story-00005"]
    assert "Updated." in (out / "story-00005.ttl").read_text(encoding="utf-8")
    assert "Updated." in nquads(out).decode("utf-8")


def test_sidecar_change_rebuilds_its_article(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    sidecar = next(p for p in sorted(corpus.glob("*.toml")) if p.name != "entities.toml")
    sidecar.write_text('headline = "A new headline"\n', encoding="utf-8")
    again = build([corpus], out=out)
    assert [a.slug for a in again.built] == [sidecar.stem]


def test_shapes_change_rebuilds_everything(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    shape = project / "shapes" / "article.ttl"
    shape.write_text(shape.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    assert len(build([corpus], out=out).built) == 12


def test_force_rebuilds_everything(corpus: Path, project: Path) -> None:
    out = project / "out"
    build([corpus], out=out)
    assert len(build([corpus], out=out, force=True).built) == 12


def test_bad_article_among_good_ones_in_parallel(corpus: Path, project: Path) -> None:
    write_article(corpus, "story-99999.txt", "Fine text.\n\nReference Map\n1. Paragraph 4: 1\n")
    summary = build([corpus], out=project / "out", jobs=2)
    assert summary.exit_code == 2
    assert [a.slug for a in summary.failed] == ["story-99999"]
    assert summary.failed[0].error == (
        f"{corpus}/story-99999.txt:4: Reference Map names paragraph 4, but the article has 1 paragraph."
        " Fix the map line or add the paragraph."
    )
    assert len(summary.built) == 12
    assert not (project / "out" / "story-99999.ttl").exists()


def test_display_paths_are_relative_to_the_project_posix_and_through_links(tmp_path: Path) -> None:
    from pipeline.source.corpus import display_path, display_paths

    project = tmp_path / "project"
    (project / "articles" / "sub").mkdir(parents=True)
    article = project / "articles" / "sub" / "a.txt"
    article.write_text("x", encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x", encoding="utf-8")
    (project / "articles" / "link.txt").symlink_to(outside)
    (tmp_path / "alias").symlink_to(project)  # the project reached through a linked folder

    expected = {
        article: "articles/sub/a.txt",
        tmp_path / "alias" / "articles" / "sub" / "a.txt": "articles/sub/a.txt",
        project / "articles" / "link.txt": outside.resolve().as_posix(),
        outside: outside.resolve().as_posix(),
        project / "articles-2" / "b.txt": "articles-2/b.txt",
        tmp_path / "project-2" / "c.txt": (tmp_path / "project-2" / "c.txt").resolve().as_posix(),
        project / "articles" / "sub" / ".." / "link.txt": outside.resolve().as_posix(),
    }
    for path, shown in expected.items():
        assert display_path(path, project) == shown, path
    # Many at once (one listing per folder tells which files are links): the same answers.
    assert display_paths(list(expected), project) == list(expected.values())


def test_articles_are_found_in_the_order_and_with_the_rules_of_pathlib(tmp_path: Path) -> None:
    from pipeline.source.corpus import discover

    root = tmp_path / "articles"
    names = [
        "a.txt", "a-b.txt", "a/b.txt", "a/c/d.txt", "a0.txt", "B.txt", "notes.md", "X.TXT",
        ".hidden.txt", ".drafts/e.txt", "a/.old/f.txt", "z/10.txt", "z/9.txt",
    ]  # fmt: skip
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "g.txt").write_text("x", encoding="utf-8")
    (root / "linked-folder").symlink_to(tmp_path / "outside")  # not entered, as rglob does not
    (root / "linked.txt").symlink_to(tmp_path / "outside" / "g.txt")  # a linked file is taken
    (root / "folder.txt").mkdir()  # a folder named like an article is not one

    expected = sorted(
        p for p in root.rglob("*.txt") if p.is_file() and not any(x.startswith(".") for x in p.relative_to(root).parts)
    )
    found = discover([root])
    assert found == expected
    assert [p.relative_to(root).as_posix() for p in found] == [
        "B.txt",
        "a/b.txt",
        "a/c/d.txt",
        "a-b.txt",
        "a.txt",
        "a0.txt",
        "linked.txt",
        "z/10.txt",
        "z/9.txt",
    ]  # fmt: skip (a folder's files before names that merely start with its name, as pathlib orders)


def test_discover_rejects_names_that_cannot_be_slugs_and_slugs_that_clash(tmp_path: Path) -> None:
    from pipeline.errors import InputError
    from pipeline.source.corpus import discover

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "story.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as clash:
        discover([tmp_path])
    assert (clash.value.slug, clash.value.path) == ("duplicate-slug", str(tmp_path / "b" / "story.txt"))
    assert clash.value.message == (
        f"{tmp_path / 'b' / 'story.txt'}: has the same slug 'story' as {tmp_path / 'a' / 'story.txt'},"
        " so both would publish to one IRI. Rename one of the two files."
    )

    (tmp_path / "b" / "story.txt").rename(tmp_path / "b" / "my story.txt")
    with pytest.raises(InputError) as bad:
        discover([tmp_path])
    assert (bad.value.slug, bad.value.path) == ("file-name", str(tmp_path / "b" / "my story.txt"))
    assert "cannot become an IRI slug" in bad.value.message
    assert [p.name for p in discover([tmp_path / "a"])] == ["story.txt"]
