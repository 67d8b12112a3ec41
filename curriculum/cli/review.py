"""``curriculum review``: judge a provider's programme against a standard."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import (
    InputPath,
    attitudes_option,
    data_options,
    emit,
    format_option,
    lang_option,
    main,
    no_bom_option,
    output_option,
)
from curriculum.formats import REVIEW_FORMATS


@main.command()
@click.argument("programme", type=InputPath())
@data_options
@attitudes_option
@click.option("--indicators", is_flag=True, help="Add the behaviour indicators (P) as rows.")
@click.option(
    "--min-courses",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="THIN when fewer courses cover an item.",
)
@click.option(
    "--min-hours",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="THIN when fewer hours cover an item (a course's full hours count for each item).",
)
@click.option(
    "--max-items-per-hour",
    type=click.FloatRange(min=0, min_open=True),
    default=2,
    show_default=True,
    help="DENSE when a course claims more items per hour.",
)
@click.option(
    "--against",
    metavar="CODE",
    help="Re-check the programme against this newer version of its standard.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 3) on warnings too.")
@lang_option
@format_option(REVIEW_FORMATS)
@output_option
@no_bom_option
@click.pass_context
def review(
    ctx: click.Context,
    programme: Path,
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    attitudes: bool,
    indicators: bool,
    min_courses: int,
    min_hours: float,
    max_items_per_hour: float,
    against: str | None,
    strict: bool,
    lang: str | None,
    fmt: str,
    output: Path | None,
    no_bom: bool,
) -> None:
    """Review PROGRAMME (a YAML file) against its standard: coverage matrix, shares
    per task and findings.

    Exit status: 0 when no finding is an error, 3 when the review fails (with
    --strict, warnings fail it too), 1 for bad data, 2 for usage errors. The
    report is printed in every case.
    """
    from curriculum.io.library import load_library
    from curriculum.report.review_formats import render_review
    from curriculum.reviewing.programme import load_programme
    from curriculum.reviewing.result import ReviewOptions
    from curriculum.reviewing.review import review_programme

    library = load_library(standards, catalogues)
    loaded = load_programme(programme)
    result = review_programme(
        library,
        loaded,
        programme_path=programme,
        options=ReviewOptions(
            attitudes=attitudes,
            indicators=indicators,
            min_courses=min_courses,
            min_hours=min_hours,
            max_items_per_hour=max_items_per_hour,
            strict=strict,
        ),
        against=against,
        lang=lang,
    )
    data = render_review(result, fmt)
    if fmt == "csv" and not no_bom:
        data = "\ufeff" + str(data)
    emit(data, output, [programme, *library.input_files])
    if result.failed:
        ctx.exit(3)
