"""Turning library results into text for people: shortened IRIs, report lines, summaries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from pipeline.validate.report import Report, Severity, ValidationResult

if TYPE_CHECKING:
    from pipeline.builder.article import ArticleBuild
    from pipeline.builder.corpus import BuildSummary
    from pipeline.live.publish import PublishSummary
    from pipeline.live.watch import Publication
    from pipeline.store.load import LoadSummary
    from pipeline.store.results import QueryResult
    from pipeline.text.review import QuoteReview
    from pipeline.web.site import SiteResult

_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")


def shorten(iri: str | None, prefixes: Mapping[str, str]) -> str:
    """`schema:position` for http://schema.org/position; `<iri>` when no prefix fits."""
    if iri is None:
        return "-"
    if iri.startswith(("_:", '"')):
        return iri
    fits = [
        (len(namespace), -len(prefix), prefix)
        for prefix, namespace in prefixes.items()
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace) :] or "_")
    ]
    if not fits:
        return f"<{iri}>"
    *_, prefix = max(fits)  # the longest namespace; on a tie the shortest name (schema over schema1)
    return f"{prefix}:{iri[len(prefixes[prefix]) :]}"


def result_line(result: ValidationResult, prefixes: Mapping[str, str]) -> str:
    """`Violation  <focus>  <path>  <message> (<constraint>)`, IRIs shortened."""
    parts = [f"{result.severity.value:<9}", shorten(result.focus, prefixes), shorten(result.path, prefixes)]
    message = result.message
    for iri in re.findall(r"https?://[^\s,;)]+[^\s,;.)]", message):
        message = message.replace(iri, shorten(iri, prefixes))
    return "  ".join(parts) + f"  {message} ({result.constraint})"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts_line(report: Report) -> str:
    counts = report.counts
    verdict = "conforms" if report.conforms else "does not conform"
    return (
        f"{plural(counts[Severity.VIOLATION.value], 'violation')}, {plural(counts[Severity.WARNING.value], 'warning')},"
        f" {plural(counts[Severity.INFO.value], 'info')}: {verdict}"
        + (f" (failing on {report.fail_on.value.lower()})" if report.fail_on is not Severity.VIOLATION else "")
    )


def report_text(report: Report, *, header: bool = True) -> list[str]:
    """A header with the file name, one line per result (most severe first), a summary line."""
    lines = [report.source or "<graph>"] if header else []
    lines += ["  " + result_line(r, report.prefixes) for r in report.results]
    lines.append("  " + counts_line(report))
    return lines


def article_lines(result: ArticleBuild, quiet: bool) -> list[str]:
    """What `newsld build` prints for one article: a head line, then its results."""
    if result.error is not None:
        return [f"failed  {result.slug}  {result.error}"]
    assert result.report is not None
    report = result.report
    if result.published:
        if quiet:
            return []
        head = f"built   {result.slug}  {plural(result.triples, 'triple')}"
        if result.warnings:
            head += f", {plural(result.warnings, 'warning')}"
        shown = report.of(Severity.WARNING) + report.of(Severity.INFO)
    else:
        head = f"failed  {result.slug}  {plural(result.violations, 'violation')}, nothing written"
        shown = list(report.results) if not quiet else report.of(Severity.VIOLATION)
    return [head] + ["  " + result_line(r, report.prefixes) for r in shown]


def quote_review(review: QuoteReview, output_format: str) -> str:
    """The quotation review as `table` (for people), `csv` or `json` (every field, for tools)."""
    import csv
    import io
    import json

    if output_format == "json":
        payload = {
            "quotes": [row.to_dict() for row in review.rows],
            "notes": [
                {"source": source, "constraint": n.constraint, "message": n.message} for source, n in review.notes
            ],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["article", "quote", "paragraphs", "speaker", "rule", "cue", "text", "sentence"])
        for row in review.rows:
            paragraphs = " ".join(map(str, row.paragraphs))
            writer.writerow(
                [row.article, row.number, paragraphs, row.speaker, row.rule, row.cue or "", row.text, row.sentence]
            )
        return buffer.getvalue()
    header = ("article", "#", "¶", "speaker", "rule", "text")
    cells = [
        (
            row.article,
            str(row.number),
            ",".join(map(str, row.paragraphs)),
            row.speaker,
            row.rule + (f" ({row.cue})" if row.cue else ""),
            _clip(row.text, 60),
        )
        for row in review.rows
    ]
    widths = [max(len(cell[i]) for cell in [header, *cells]) for i in range(len(header) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in [header, *cells]
    ]
    lines = [line.rstrip() for line in lines]
    lines += [f"{source}: {note.message} ({note.constraint})" for source, note in review.notes]
    attributed = len(review.rows) - review.unattributed - review.anonymous
    anonymous = f"{review.anonymous} anonymous, " if review.anonymous else ""
    lines.append(
        f"{plural(len(review.rows), 'quotation')}: {attributed} attributed, {anonymous}"
        f"{review.unattributed} unattributed;"
        f" {plural(review.stray_marks, 'unpaired quote mark')}."
    )
    return "\n".join(lines) + "\n"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_summary(summary: LoadSummary) -> str:
    """One line: `Loaded 5 graphs (173 triples) into store/ in 0.1 s: 1 added, 4 replaced, 1 dropped;
    the store holds 173 triples.` A load of the output folder names the build the store mirrors now,
    and says why when it was a full load."""
    line = (
        f"Loaded {plural(len(summary.graphs), 'graph')} ({plural(summary.triples, 'triple')})"
        f" into {summary.target} in {summary.seconds:.1f} s:"
        f" {len(summary.added)} added, {len(summary.replaced)} replaced, {len(summary.dropped)} dropped"
    )
    if summary.mode == "full":
        line += f"; a full load ({summary.reason})" if summary.reason else "; a full load"
    elif summary.reason:
        line += f"; {summary.reason}"
    if summary.build is not None:
        triples = f" ({plural(summary.dataset_triples, 'triple')})" if summary.dataset_triples is not None else ""
        line += f"; the store mirrors build {summary.build[:12]}{triples}"
    elif summary.store_triples is not None:
        line += f"; the store holds {plural(summary.store_triples, 'triple')}"
    return line + "."


def site_summary(result: SiteResult) -> str:
    """One line, e.g. `Published 1 article and 4 entity pages in 0.2 s -> site/: 25 files written,
    0 unchanged, 0 removed.`"""
    rendered = (
        ""
        if result.full
        else f" (rendered {result.rendered_articles} and {result.rendered_entities}: what the build changed)"
    )
    return (
        f"Published {plural(result.articles, 'article')} and {plural(result.entities, 'entity page')}{rendered}"
        f" in {result.seconds:.1f} s -> {result.out}/: {plural(len(result.written), 'file')} written,"
        f" {result.unchanged} unchanged, {len(result.removed)} removed."
    )


def build_summary(summary: BuildSummary, *, quiet: bool = False) -> list[str]:
    """What `newsld build` prints after the articles: skipped articles' warnings, then one summary line."""
    lines = []
    if not quiet:
        for source, count in summary.skipped_warnings.items():
            lines.append(
                f"skipped {source}  unchanged, {plural(count, 'warning')}: `newsld build --force {source}` lists them"
            )
    lines.append(
        f"Built {len(summary.built)}, skipped {len(summary.skipped)}, failed {len(summary.failed)},"
        f" removed {len(summary.removed)}: {plural(summary.triples, 'triple')} published,"
        f" {plural(summary.warnings, 'warning')}, {plural(summary.violations, 'violation')}"
        f" in {summary.seconds:.1f} s -> {summary.out}/"
    )
    return lines


def validation_output(reports: list[Report], output_format: str) -> str:
    """Validation reports as `text` (for people), `json` (every field) or `turtle` (the SHACL report)."""
    import json

    if output_format == "json":
        conforms = all(report.conforms for report in reports)
        files = [report.to_dict() for report in reports]
        return json.dumps({"conforms": conforms, "files": files}, indent=2, ensure_ascii=False) + "\n"
    if output_format == "turtle":
        from rdflib import Graph

        merged = Graph()
        for report in reports:
            if report.graph is not None:
                merged += report.graph
        merged.bind("sh", "http://www.w3.org/ns/shacl#")
        return merged.serialize(format="turtle").rstrip() + "\n"
    return "".join(line + "\n" for report in reports for line in report_text(report))


def query_output(result: QueryResult, output_format: str, prefixes: dict[str, str]) -> str:
    """A result as `table` (a rich table on the terminal; Turtle for graphs), csv, tsv, json or turtle."""
    if output_format != "table":
        return result.serialize(output_format, prefixes)  # type: ignore[arg-type]
    if result.kind == "graph":
        return result.serialize("turtle", prefixes)
    return _table(result, prefixes)


def _table(result: QueryResult, prefixes: dict[str, str]) -> str:
    import os
    import shutil
    import sys

    import pyoxigraph as ox
    from rich.console import Console
    from rich.table import Table

    # On a terminal the table fits its width; in a pipe or a log it is not squeezed to 80 columns.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 200
    console = Console(record=True, file=open(os.devnull, "w"), width=width)  # noqa: SIM115, PTH123
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    table = Table(*result.variables, show_lines=False)

    def cell(term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return shorten(term.value, prefixes)
        return str(getattr(term, "value", term))

    for row in result.rows:
        table.add_row(*(cell(term) for term in row))
    console.print(table)
    console.print(plural(len(result.rows), "row"))
    return console.export_text()


def publish_lines(summary: PublishSummary) -> list[str]:
    """What `newsld publish` prints: the failed articles, then one summary line per step."""
    lines = []
    if summary.build is not None:
        lines += [line for result in summary.build.failed for line in article_lines(result, quiet=True)]
        lines.append(build_summary(summary.build, quiet=True)[-1])
    if summary.site is not None:
        lines.append(site_summary(summary.site))
    if summary.load is not None:
        lines.append(load_summary(summary.load))
    return lines


def publication_line(publication: Publication) -> str:
    """One line per publish of `newsld publish --watch`: its time, what started it, what each step did.

    `14:02:07 story-5.txt changed, published in 0.41 s: built 1, failed 0 (0.20 s); site 7 files
    written, 0 removed (0.12 s); store 0 added, 1 replaced, 0 dropped (0.09 s).`"""
    when = f"{publication.at:%H:%M:%S}"
    changed = publication.changed
    cause = (
        ""
        if not changed
        else f" {', '.join(changed[:3])}{f' and {len(changed) - 3} more' if len(changed) > 3 else ''} changed,"
    )
    if publication.error is not None or publication.summary is None:
        return f"{when}{cause} not published: {publication.error}"
    summary = publication.summary
    parts = []
    if summary.build is not None:
        built = summary.build
        parts.append(f"built {len(built.built)}, failed {len(built.failed)} ({built.seconds:.2f} s)")
    if summary.site is not None:
        site = summary.site
        written = plural(len(site.written), "file")
        parts.append(f"site {written} written, {len(site.removed)} removed ({site.seconds:.2f} s)")
    if summary.load is not None:
        load = summary.load
        full = ", a full load" if load.mode == "full" else ""
        changes = f"{len(load.added)} added, {len(load.replaced)} replaced, {len(load.dropped)} dropped"
        parts.append(f"store {changes} ({load.seconds:.2f} s{full})")
    return f"{when}{cause} published in {summary.seconds:.2f} s: {'; '.join(parts)}."
