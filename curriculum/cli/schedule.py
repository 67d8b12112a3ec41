"""``curriculum schedule``: a plan ordered into periods of a training calendar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from curriculum.cli.common import Data, data_options, main
from curriculum.cli.emit import Out, emit, output_options
from curriculum.cli.localized import say, spoken
from curriculum.cli.options import amount_option, calendar_options, request_options, solve_options
from curriculum.formats import SCHEDULE_FORMATS

if TYPE_CHECKING:
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


@main.command()
@data_options
@request_options(standard=False, all_courses=True)
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
@solve_options(
    time_limit_help="Stop the search after SECONDS; the schedule is then marked if not proven.",
)
@output_options(SCHEDULE_FORMATS, plot="a Gantt chart of the schedule")
def schedule(
    request: Request,
    data: Data,
    periods: int,
    start: str | None,
    period_kind: str,
    max_hours_per_period: float | None,
    min_hours_per_period: float | None,
    max_cost_per_period: float | None,
    min_courses_per_period: int | None,
    max_courses_per_period: int | None,
    balance: bool,
    params: SolveParams,
    out: Out,
) -> None:
    """Order the plan for STANDARD's TARGETS into periods (8 unless --periods).

    Courses follow their prerequisites (strictly earlier; corequisites in the same
    period or earlier) and go only in the periods they are offered in. Goals, in
    order: least hours (as plan), fewest periods, least cost, then the plan's
    tie-breaks and the earliest periods; --balance puts the heaviest period's hours
    first. Periods are numbered 1, 2, ... or, with --start, dated months, quarters
    or semesters. With --all-courses, STANDARD may be left out: every course of
    the catalogues is then a fixed curriculum, with no items.
    """
    from curriculum import ScheduleLimits
    from curriculum.api.schedule import make_calendar, run_schedule
    from curriculum.errors import ScheduleOptionError
    from curriculum.report.schedule.render import render

    if request.standard is None and not request.all_courses:
        raise click.UsageError(say("usage.schedule_standard"))
    calendar = make_calendar(periods, start, period_kind, label="--start")
    limits = ScheduleLimits(
        max_hours=max_hours_per_period,
        min_hours=min_hours_per_period,
        max_cost=max_cost_per_period,
        min_courses=min_courses_per_period,
        max_courses=max_courses_per_period,
    )
    library = data.load(request.standard, example_catalogue=True)
    try:
        result = run_schedule(
            library, request, params, calendar=calendar, limits=limits, balance=balance
        )
    except ScheduleOptionError as exc:
        raise click.UsageError(spoken(exc)) from None

    def rendered(schedule: Any, lang: str) -> str | bytes:
        return render(schedule, out.fmt, lang, bom=False)  # emit adds the BOM

    emit(
        result,
        rendered,
        out,
        library.input_files,
        standards=library.standards,
        about=[result.standard],
        chart=_chart,
    )


def _chart(result: object, suffix: str, lang: str) -> tuple[bytes, Sequence[Warning]]:
    from curriculum.report.chart.schedule import plot_schedule

    return plot_schedule(result, suffix, lang)  # type: ignore[arg-type]
