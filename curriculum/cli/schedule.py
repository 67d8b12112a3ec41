"""``curriculum schedule``: a plan ordered into periods of a training calendar."""

from __future__ import annotations

from pathlib import Path

import click

from curriculum.cli.common import (
    amount_option,
    attitudes_option,
    check_output,
    data_options,
    done_option,
    emit,
    exclude_option,
    exit_if_interrupted,
    format_option,
    have_option,
    ignore_levels_option,
    lang_option,
    main,
    no_bom_option,
    output_option,
    read_context,
    report_lang,
    solve_options,
    solve_params,
    split_codes,
)
from curriculum.cli.options import (
    calendar_options,
    make_calendar,
    plot_option,
    plot_suffix,
    write_plot,
)
from curriculum.formats import SCHEDULE_FORMATS


@main.command()
@click.argument("standard", required=False)
@click.argument("targets", nargs=-1)
@data_options
@calendar_options()
@amount_option("--max-hours-per-period", "At most H hours of courses in any period.")
@amount_option("--min-hours-per-period", "At least H hours in each period up to the last used.")
@amount_option(
    "--max-cost-per-period", "At most C (course cost plus session cost) in any period.", cost=True
)
@click.option(
    "--min-courses-per-period",
    type=click.IntRange(min=0),
    metavar="N",
    help="At least N courses in each period up to the last used.",
)
@click.option(
    "--max-courses-per-period",
    type=click.IntRange(min=1),
    metavar="N",
    help="At most N courses in any period.",
)
@click.option(
    "--balance",
    is_flag=True,
    help="Minimise the heaviest period's hours first (balanced load), then total hours.",
)
@click.option(
    "--courses",
    "courses_mode",
    type=click.Choice(["plan", "all"]),
    default="plan",
    show_default=True,
    help="plan: the courses plan would choose; all: every catalogue course, all "
    "required (with --balance: the Balanced Academic Curriculum Problem).",
)
@attitudes_option
@have_option
@done_option
@exclude_option
@click.option("--require", multiple=True, metavar="CODE", help="Always use this course.")
@ignore_levels_option
@solve_options(
    time_limit_help="Stop the search after SECONDS; the schedule is then marked if not proven.",
)
@format_option(SCHEDULE_FORMATS)
@plot_option("a Gantt chart of the schedule")
@lang_option
@no_bom_option
@output_option
def schedule(
    standard: str | None,
    targets: tuple[str, ...],
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    periods: int,
    start: str | None,
    period_kind: str,
    max_hours_per_period: float | None,
    min_hours_per_period: float | None,
    max_cost_per_period: float | None,
    min_courses_per_period: int | None,
    max_courses_per_period: int | None,
    balance: bool,
    courses_mode: str,
    attitudes: bool,
    have: tuple[str, ...],
    done: tuple[str, ...],
    exclude: tuple[str, ...],
    require: tuple[str, ...],
    ignore_levels: bool,
    time_limit: float | None,
    workers: int,
    fmt: str,
    plot: Path | None,
    lang: str | None,
    no_bom: bool,
    output: Path | None,
) -> None:
    """Order the plan for STANDARD's TARGETS into periods (8 unless --periods).

    Courses follow their prerequisites (strictly earlier; corequisites in the same
    period or earlier) and go only in the periods they are offered in. Goals, in
    order: least hours (as plan), fewest periods, least cost, then the plan's
    tie-breaks and the earliest periods; --balance puts the heaviest period's hours
    first. Periods are numbered 1, 2, ... or, with --start, dated months, quarters
    or semesters. With --courses all, STANDARD may be left out: every course of
    the catalogues is then a fixed curriculum, with no items.
    """
    from curriculum.io.library import load_library
    from curriculum.planning.schedule import ScheduleOptionError, schedule_courses
    from curriculum.planning.schedule_result import ScheduleLimits
    from curriculum.report.schedule.render import render

    suffix = plot_suffix(plot)
    if standard is None and courses_mode != "all":
        raise click.UsageError(
            "give a STANDARD, or --courses all to schedule every course without one"
        )
    if courses_mode == "all" and (targets or have or require):
        raise click.UsageError(
            "--courses all schedules every course: give no TARGET, --have or --require"
        )
    calendar = make_calendar(periods, start, period_kind)
    limits = ScheduleLimits(
        max_hours=max_hours_per_period,
        min_hours=min_hours_per_period,
        max_cost=max_cost_per_period,
        min_courses=min_courses_per_period,
        max_courses=max_courses_per_period,
    )
    library = load_library(standards, catalogues, example_catalogue=True, context=read_context())
    try:
        result = schedule_courses(
            library,
            standard,
            split_codes(targets),
            calendar=calendar,
            limits=limits,
            balance=balance,
            courses_all=courses_mode == "all",
            attitudes=attitudes,
            have=split_codes(have),
            done=split_codes(done),
            exclude=split_codes(exclude),
            require=split_codes(require),
            ignore_levels=ignore_levels,
            params=solve_params(time_limit, workers),
        )
    except ScheduleOptionError as exc:
        raise click.UsageError(str(exc)) from None
    lang = report_lang(lang, library, [result.standard] if result.standard else [])
    inputs = library.input_files
    text = render(result, fmt, lang, bom=not no_bom)
    if output is not None:
        check_output(output, inputs)
    if plot is not None and suffix is not None:
        from curriculum.report.chart.schedule import plot_schedule

        write_plot(plot, output, inputs, lambda: plot_schedule(result, suffix, lang))
    emit(text, output, inputs)
    exit_if_interrupted()
