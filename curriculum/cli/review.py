"""``curriculum review``: judge a provider's programme against a standard."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

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
    read_context,
    wide_option,
)
from curriculum.formats import REVIEW_FORMATS


class ReviewCommand(click.Command):
    """``review`` with one subcommand, ``review verify REPORT.json``: a first argument
    ``verify`` runs :data:`verify_command` instead of a review."""

    extra_commands: ClassVar[dict[str, click.Command]] = {}

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in self.extra_commands:
            sub = self.extra_commands[args[0]]
            name = f"{ctx.info_name} {args[0]}"
            ctx.meta["review.sub"] = sub.make_context(name, args[1:], parent=ctx.parent)
            return []
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        sub = ctx.meta.pop("review.sub", None)
        if sub is not None:
            with sub:
                return sub.command.invoke(sub)
        return super().invoke(ctx)


@main.command(cls=ReviewCommand)
@click.argument(
    "programmes",
    metavar="PROGRAMME...",
    nargs=-1,
    required=True,
    type=InputPath(),
)
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
@click.option(
    "--migrate-to",
    metavar="CODE",
    help="Migrate the claims to this newer version (recoded items follow their new code, "
    "removed items are dropped), review against it and list every change.",
)
@click.option(
    "--doubtful",
    is_flag=True,
    help="Flag claims the course's text (title, units, meta description/syllabus) hardly "
    "supports (DOUBTFUL, info).",
)
@click.option(
    "--compare",
    is_flag=True,
    help="Compare several PROGRAMMEs for one standard side by side in one matrix.",
)
@click.option(
    "--record",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A review record (YAML: reviewer, organisation, date, decision, notes per finding) "
    "to merge into the report; hashed in the provenance.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 3) on warnings too.")
@lang_option
@format_option(REVIEW_FORMATS)
@output_option
@no_bom_option
@wide_option
@click.pass_context
def review(
    ctx: click.Context,
    programmes: tuple[Path, ...],
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    attitudes: bool,
    indicators: bool,
    min_courses: int,
    min_hours: float,
    max_items_per_hour: float,
    against: str | None,
    migrate_to: str | None,
    doubtful: bool,
    compare: bool,
    record: Path | None,
    strict: bool,
    lang: str | None,
    fmt: str,
    output: Path | None,
    no_bom: bool,
    wide: bool,
) -> None:
    """Review PROGRAMME (a YAML file) against its standard: coverage matrix, shares
    per task and findings. With --compare, review several programmes for one
    standard and show them side by side. `curriculum review verify REPORT.json`
    re-computes a JSON report from the inputs in its provenance.

    Exit status: 0 when no finding is an error, 3 when the review fails (with
    --strict, warnings fail it too; with --compare, when any programme fails), 1
    for bad data, 2 for usage errors. The report is printed in every case.
    """
    from curriculum.io.library import load_library
    from curriculum.reviewing.result import ReviewOptions

    if len(programmes) > 1 and not compare:
        raise click.UsageError("several programmes need --compare")
    if against and migrate_to and against != migrate_to:
        raise click.UsageError("--against and --migrate-to name different standards")
    if compare and (record or migrate_to or against):
        raise click.UsageError("--compare takes no --record, --against or --migrate-to")
    if fmt == "xlsx" and output is None and click.get_binary_stream("stdout").isatty():
        raise click.UsageError("--format xlsx needs --output FILE")
    library = load_library(standards, catalogues, context=read_context())
    options = ReviewOptions(
        attitudes=attitudes,
        indicators=indicators,
        min_courses=min_courses,
        min_hours=min_hours,
        max_items_per_hour=max_items_per_hour,
        strict=strict,
        doubtful=doubtful,
    )
    if compare:
        from curriculum.report.review.compare import render_comparison
        from curriculum.reviewing.compare import compare_programmes

        result = compare_programmes(library, programmes, options=options, lang=lang)
        data = render_comparison(result, fmt)
        failed = result.failed
    else:
        from curriculum.report.review.formats import render_review
        from curriculum.reviewing.programme import load_programme, resolve_programme
        from curriculum.reviewing.record import load_record
        from curriculum.reviewing.review import review_programme

        review_result = review_programme(
            library,
            resolve_programme(
                load_programme(programmes[0], context=read_context()), library, programmes[0]
            ),
            programme_path=programmes[0],
            options=options,
            against=migrate_to or against,
            migrate=migrate_to is not None,
            lang=lang,
            record=load_record(record, context=read_context()) if record else None,
            record_path=record,
        )
        data = render_review(review_result, fmt, wide)
        failed = review_result.failed
    if fmt == "csv" and not no_bom:
        data = "\ufeff" + str(data)
    emit(data, output, [*programmes, *library.input_files, *([record] if record else [])])
    if failed:
        ctx.exit(3)


@click.command("verify")
@click.argument("report", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def verify_command(report: Path) -> None:
    """Re-compute the review in REPORT (a JSON review report) from the inputs its
    provenance names, and say whether the report still matches them.

    Exit status: 0 when it matches, 3 when an input changed or the re-computed
    review differs, 1 when an input is missing or unreadable.
    """
    from curriculum.reviewing.verify import verify_report

    outcome = verify_report(report)
    click.echo(outcome.summary())
    if not outcome.matches:
        click.get_current_context().exit(3)


ReviewCommand.extra_commands["verify"] = verify_command
