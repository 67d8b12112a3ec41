"""``curriculum team``: one plan for a whole team, with shared course sessions."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from curriculum.cli.common import Data, InputPath, data_options, main, read_context
from curriculum.cli.emit import Out, emit, output_options
from curriculum.cli.localized import say
from curriculum.cli.options import (
    amount_option,
    calendar_options,
    end_progress,
    progress,
    request_options,
    solve_options,
)
from curriculum.formats import TEAM_FORMATS

if TYPE_CHECKING:
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


def _schedule_options(func: Any) -> Any:
    """``--schedule`` and the calendar's options."""
    for option in reversed(
        [
            click.option(
                "--schedule",
                is_flag=True,
                help="Also place the plan's sessions in periods: a calendar per member that "
                "respects prerequisites, offered periods, seats and --max-hours-per-period.",
            ),
            amount_option(
                "--max-hours-per-period",
                "With --schedule: at most H training hours per member in a period.",
                positive=True,
            ),
        ]
    ):
        func = option(func)
    return calendar_options("With --schedule: ", optional=True)(func)


@main.command()
@click.argument("team_file", type=InputPath())
@data_options
@click.option(
    "--objective",
    type=click.Choice(["cost", "hours"]),
    default="cost",
    show_default=True,
    help="Minimise total cost then hours, or hours then cost.",
)
@click.option(
    "--name",
    "team_name",
    metavar="TEXT",
    help="The team's name for report titles (default: the team file's team column or "
    "name:, else the file name).",
)
@amount_option("--max-cost", "Team budget: total cost (sessions plus heads) at most C.", cost=True)
@amount_option("--max-hours", "At most H training hours per member.")
@click.option(
    "--frontier",
    is_flag=True,
    help="The exact curve of team coverage (member-items) against team cost instead of one "
    "plan: a short table of what each budget step buys (courses, how many members); every "
    "point, with the items it adds for which member ids, with --wide, JSON, CSV or XLSX.",
)
@_schedule_options
@request_options(standard=None, learner=False, require=False)
@solve_options(
    time_limit_help="Stop the search after SECONDS; the proven bound is then reported "
    "(with --schedule, one limit for the plan and its calendar).",
)
@output_options(TEAM_FORMATS, wide=True, plot="the --frontier curve")
def team(
    team_file: Path,
    data: Data,
    objective: str,
    team_name: str | None,
    max_cost: float | None,
    max_hours: float | None,
    frontier: bool,
    schedule: bool,
    periods: int | None,
    start: str | None,
    period_kind: str,
    max_hours_per_period: float | None,
    request: Request,
    params: SolveParams,
    out: Out,
) -> None:
    """Plan training for a whole team from TEAM_FILE (CSV or YAML).

    CSV columns: id,name,department,standard,targets,held (targets and held are
    ;-separated lists). Courses run as sessions (session_cost, cost per head,
    capacity, min_participants); one model decides who takes what and how many
    sessions run, at least cost (or hours), never worse than planning each member
    alone. Names stay in the report only; messages name members by id.
    """
    from curriculum import load_team
    from curriculum.api.schedule import make_calendar

    _check_options(
        out,
        frontier,
        schedule,
        objective != "cost" or max_cost is not None or max_hours is not None,
        bool(periods or start or max_hours_per_period is not None),
    )
    calendar = make_calendar(periods, start, period_kind, label="--start") if schedule else None
    library = data.load(request.standard, example_catalogue=True)
    members = load_team(team_file, read_context())
    if team_name is not None and team_name.strip():
        members = dataclasses.replace(members, name=team_name.strip())
    inputs = [*library.input_files, team_file]
    if frontier:
        _frontier(library, request, params, members, out, inputs)
        return
    from curriculum.api.team import run_team
    from curriculum.report.team.render import RENDERERS

    shown = progress()
    result = run_team(
        library,
        request,
        params,
        members,
        objective=objective,  # type: ignore[arg-type]
        max_cost=max_cost,
        max_hours=max_hours,
        progress=shown,
        calendar=calendar,
        max_hours_per_period=max_hours_per_period,
    )
    end_progress(shown)
    about = [m.standard for m in result.members]
    emit(result, _wide(RENDERERS, out), out, inputs, standards=library.standards, about=about)


def _frontier(
    library: Any, request: Request, params: SolveParams, members: Any, out: Out, inputs: list[Path]
) -> None:
    """``team --frontier``: the team's coverage/cost curve, written and drawn."""
    from curriculum.api.team import run_team_frontier
    from curriculum.report.team.frontier import RENDERERS

    shown = progress()
    curve = run_team_frontier(library, request, params, members, progress=shown)
    end_progress(shown)
    about = [m.standard for m in members.members]
    render = _wide(RENDERERS, out)
    emit(curve, render, out, inputs, standards=library.standards, about=about, chart=_chart)


def _wide(renderers: dict[str, Any], out: Out) -> Any:
    """The renderer of ``--format``, given ``--wide``."""
    render = renderers[out.fmt]
    return lambda result, lang: render(result, lang, out.wide)


def _chart(curve: object, suffix: str, lang: str) -> tuple[bytes, Sequence[Warning]]:
    from curriculum.report.team.frontier import plot_team_frontier

    return plot_team_frontier(curve, suffix, lang)  # type: ignore[arg-type]


def _check_options(
    out: Out,
    frontier: bool,
    schedule: bool,
    planning_options: bool,
    calendar_options: bool,
) -> None:
    """Usage errors of ``team``'s option combinations."""
    if out.fmt == "xlsx" and out.output is None:
        raise click.UsageError(say("usage.xlsx_output"))
    if out.plot is not None and not frontier:
        raise click.UsageError(say("usage.plot_frontier"))
    if frontier and planning_options:
        raise click.UsageError(say("usage.frontier_budget"))
    if frontier and schedule:
        raise click.UsageError(say("usage.frontier_schedule"))
    if not schedule and calendar_options:
        raise click.UsageError(say("usage.need_schedule"))
