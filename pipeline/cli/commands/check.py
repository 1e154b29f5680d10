"""`newsld validate` and `newsld quotes`: checking data and quotations before they go out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.choices import FailOn, InputFormat, ReportFormat, ReviewFormat
from pipeline.cli.console import call, echo

if TYPE_CHECKING:
    pass


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD), or the dataset's folder of parts"
            " (output/dataset); '-' is stdin."
        ),
    ],
    shapes: Annotated[
        list[Path] | None,
        typer.Option(
            "--shapes", "-s", help="Shapes file or folder; repeatable [default: [tool.newsld] shapes, shapes/]."
        ),
    ] = None,
    schemaorg: Annotated[
        bool,
        typer.Option(
            "--schemaorg",
            help="Check against the official schema.org 30.0 shapes too, with the --shapes (bundled, offline).",
        ),
    ] = False,
    output_format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.text,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that fails.")] = FailOn.violation,
    input_format: Annotated[
        InputFormat | None, typer.Option("--input-format", help="Format of the input (needed for stdin).")
    ] = None,
) -> None:
    """Validate RDF files against SHACL shapes and report every result, most severe first.

    Exits 0 when every file conforms, 1 when a result at or above --fail-on is found, 2 when a
    file or the shapes cannot be read. --schemaorg checks the files against schema.org's own
    shapes as well as the --shapes, without the network.

    Example: newsld validate output/fiverr-ceo-ai-warning.ttl --shapes shapes/ --format json
    """
    from pipeline.cli.render import validation_output
    from pipeline.config import load_settings
    from pipeline.validate.files import validate_files
    from pipeline.validate.report import Report, Severity

    def run() -> list[Report]:
        shapes_paths = shapes or [load_settings().shapes]
        return validate_files(
            files,
            shapes_paths,
            fail_on=Severity.parse(fail_on.value),
            input_format=input_format.value if input_format else None,
            schemaorg=schemaorg,
        )

    reports = call(run)
    conforms = all(report.conforms for report in reports)
    echo(validation_output(reports, output_format.value), nl=False)
    raise typer.Exit(0 if conforms else 1)


def quotes(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files or folders [default: articles/].")] = None,
    catalogue: Annotated[
        Path | None, typer.Option("--catalogue", help="Entity catalogue [default: entities.toml beside the articles].")
    ] = None,
    output_format: Annotated[ReviewFormat, typer.Option("--format", "-f", help="Output format.")] = ReviewFormat.table,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Exit 1 when a quotation is unattributed or a quote mark unpaired [default: [tool.newsld] strict].",
        ),
    ] = None,
) -> None:
    """Review every quotation before publishing: its text, speaker and the rule that decided it.

    A quotation whose speaker the text does not settle is listed as unattributed, with the name as
    written when there is one; nothing is published by this command.

    Example: newsld quotes articles/ --format csv > quotes.csv
    """
    from pipeline.cli.render import quote_review
    from pipeline.config import load_settings
    from pipeline.text.review import review_quotes

    review = call(lambda: review_quotes(paths, catalogue=catalogue))
    echo(quote_review(review, output_format.value), nl=False)
    raise typer.Exit(review.exit_code(strict if strict is not None else call(load_settings).strict))
