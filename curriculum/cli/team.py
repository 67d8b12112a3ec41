"""``curriculum team``: one plan for a whole team, with shared course sessions."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from curriculum.cli.common import (
    InputPath,
    amount_option,
    attitudes_option,
    check_output,
    data_options,
    emit,
    exclude_option,
    exit_if_interrupted,
    format_option,
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
    wide_option,
)
from curriculum.cli.options import calendar_options, make_calendar, plot_suffix, write_plot
from curriculum.formats import TEAM_FORMATS

if TYPE_CHECKING:
    from curriculum.planning.team.frontier_result import TeamFrontier


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


def _progress(message: str) -> None:
    click.echo(f"\r\033[K{message}", err=True, nl=False)


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
@click.option(
    "--plot",
    type=click.Path(path_type=Path, dir_okay=False),
    help="With --frontier, also draw the curve to FILE (.png or .svg; needs matplotlib).",
)
@_schedule_options
@attitudes_option
@ignore_levels_option
@exclude_option
@solve_options(
    time_limit_help="Stop the search after SECONDS; the proven bound is then reported "
    "(with --schedule, one limit for the plan and its calendar).",
)
@format_option(TEAM_FORMATS)
@lang_option
@wide_option
@output_option
@no_bom_option
def team(
    team_file: Path,
    standards: tuple[Path, ...],
    catalogues: tuple[Path, ...],
    objective: str,
    team_name: str | None,
    max_cost: float | None,
    max_hours: float | None,
    frontier: bool,
    plot: Path | None,
    schedule: bool,
    periods: int | None,
    start: str | None,
    period_kind: str,
    max_hours_per_period: float | None,
    attitudes: bool,
    ignore_levels: bool,
    exclude: tuple[str, ...],
    time_limit: float | None,
    workers: int,
    fmt: str,
    lang: str | None,
    wide: bool,
    output: Path | None,
    no_bom: bool,
) -> None:
    """Plan training for a whole team from TEAM_FILE (CSV or YAML).

    CSV columns: id,name,department,standard,targets,held (targets and held are
    ;-separated lists). Courses run as sessions (session_cost, cost per head,
    capacity, min_participants); one model decides who takes what and how many
    sessions run, at least cost (or hours), never worse than planning each member
    alone. Names stay in the report only; messages name members by id.
    """
    from curriculum.io.library import load_library
    from curriculum.io.team_file import load_team
    from curriculum.planning.team.plan import plan_team
    from curriculum.report.team.render import RENDERERS

    _check_options(
        fmt,
        output,
        plot,
        frontier,
        schedule,
        objective != "cost" or max_cost is not None or max_hours is not None,
        bool(periods or start or max_hours_per_period is not None),
    )
    calendar = make_calendar(periods, start, period_kind) if schedule else None
    library = load_library(standards, catalogues, example_catalogue=True, context=read_context())
    members = load_team(team_file, context=read_context())
    if team_name is not None and team_name.strip():
        members = dataclasses.replace(members, name=team_name.strip())
    progress = _progress if sys.stderr.isatty() else None
    if frontier:
        from curriculum.planning.team.frontier import compute_team_frontier

        curve = compute_team_frontier(
            library,
            members,
            attitudes=attitudes,
            ignore_levels=ignore_levels,
            exclude=split_codes(exclude),
            params=solve_params(time_limit, workers),
            progress=progress,
        )
        if progress is not None:
            click.echo("\r\033[K", err=True, nl=False)
        lang = report_lang(lang, library, [m.standard for m in members.members])
        _emit_frontier(
            curve, fmt, lang, wide, no_bom, output, plot, [*library.input_files, team_file]
        )
        return
    # one deadline for the plan and its calendar (deadline plumbing; see the team API)
    from curriculum.planning.team.schedule import PLAN_SHARE

    deadline = solve_params(time_limit, workers).deadline()
    result = plan_team(
        library,
        members,
        objective=objective,  # type: ignore[arg-type]
        max_cost=max_cost,
        max_hours=max_hours,
        attitudes=attitudes,
        ignore_levels=ignore_levels,
        exclude=split_codes(exclude),
        params=solve_params(time_limit, workers),
        progress=progress,
        deadline=deadline.part(PLAN_SHARE) if calendar is not None else deadline,
    )
    if calendar is not None:
        from curriculum.planning.team.schedule import schedule_team

        params = solve_params(time_limit, workers)
        result = schedule_team(
            result,
            library,
            calendar,
            max_hours_per_period=max_hours_per_period,
            params=params,
            deadline=deadline,
        )
    if progress is not None:
        click.echo("\r\033[K", err=True, nl=False)
    codes = [m.standard for m in result.members]
    data = RENDERERS[fmt](result, report_lang(lang, library, codes), wide)
    if fmt == "csv" and not no_bom:
        data = "\ufeff" + str(data)
    emit(data, output, [*library.input_files, team_file])
    exit_if_interrupted()


def _check_options(
    fmt: str,
    output: Path | None,
    plot: Path | None,
    frontier: bool,
    schedule: bool,
    planning_options: bool,
    calendar_options: bool,
) -> None:
    """Usage errors of ``team``'s option combinations."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE")
    if plot is not None and not frontier:
        raise click.UsageError("--plot needs --frontier")
    if frontier and planning_options:
        raise click.UsageError("--frontier takes no --max-cost, --max-hours or --objective")
    if frontier and schedule:
        raise click.UsageError("--frontier takes no --schedule")
    if not schedule and calendar_options:
        raise click.UsageError("--periods, --start and --max-hours-per-period need --schedule")


def _emit_frontier(
    curve: TeamFrontier,
    fmt: str,
    lang: str,
    wide: bool,
    no_bom: bool,
    output: Path | None,
    plot: Path | None,
    inputs: list[Path],
) -> None:
    """Write the team frontier in ``fmt`` (and its chart to ``plot``)."""
    from curriculum.report.team.frontier import RENDERERS

    text = RENDERERS[fmt](curve, lang, wide)
    if fmt == "csv" and not no_bom:
        text = "\ufeff" + str(text)
    suffix = plot_suffix(plot)
    if plot is not None and suffix is not None:
        from curriculum.report.team.frontier import plot_team_frontier

        if output is not None:
            check_output(output, inputs)
        write_plot(plot, output, inputs, lambda: plot_team_frontier(curve, suffix, lang))
    emit(text, output, inputs)
    exit_if_interrupted()
