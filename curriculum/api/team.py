"""The team questions: one plan for a whole team, its calendar and its coverage/cost
curve (re-exported by :mod:`curriculum`; heavy imports happen inside the functions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from curriculum.api.shared import Codes, PathArg

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.io.team_file import Team
    from curriculum.model.periods import Calendar
    from curriculum.planning.team.frontier_result import TeamFrontier
    from curriculum.planning.team.result import TeamPlan
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams

OBJECTIVES = ("cost", "hours")


def plan_team(
    library: Library,
    team: Team | PathArg,
    *,
    objective: Literal["cost", "hours"] = "cost",
    max_cost: float | None = None,
    max_hours: float | None = None,
    attitudes: bool = False,
    ignore_levels: bool = False,
    exclude: Codes = (),
    params: SolveParams | None = None,
    progress: Callable[[str], None] | None = None,
    periods: int | None = None,
    start: str | None = None,
    period: Literal["month", "quarter", "semester"] = "quarter",
    max_hours_per_period: float | None = None,
) -> TeamPlan:
    """One plan for a whole team, with courses run as shared sessions.

    Same as ``curriculum team TEAM_FILE``.

    Parameters
    ----------
    library
        The loaded data; courses may carry ``session_cost``, ``capacity`` and
        ``min_participants``.
    team
        A team file (CSV or YAML) or a :class:`Team` from :func:`load_team`.
    objective
        Minimise total ``"cost"`` then hours, or ``"hours"`` then cost.
    max_cost
        At most this total cost for the team (sessions plus heads).
    max_hours
        At most this many training hours per member.
    attitudes, ignore_levels, exclude, params
        As for :func:`plan` (each member's standard, targets and held items come
        from the team file).
    progress
        Called with a short message as the search goes on.
    periods, start, period, max_hours_per_period
        Give any of them to also lay the plan out over time (``team --schedule``):
        the calendar as :func:`schedule` reads it, at most
        ``max_hours_per_period`` hours per member in a period. The plan then has a
        ``calendar``.

    Returns
    -------
    TeamPlan
        ``members`` (each with its courses, hours and cost), ``courses`` (with
        sessions and participants), ``total_cost``, ``total_hours`` and the
        member-by-member baseline ``alone_cost``.

    Raises
    ------
    DataFileError
        For a bad team file, or a member's unknown standard, target or item.
    UsageError
        For an argument of the wrong type or out of range (``max_cost=inf``).
    """
    from curriculum.api.shared import request_from

    request = request_from(locals())
    calendar = None
    if periods is not None or start is not None or max_hours_per_period is not None:
        from curriculum.api.schedule import make_calendar

        calendar = make_calendar(periods, start, period)
    return run_team(
        library,
        request,
        params,
        team,
        objective=objective,
        max_cost=max_cost,
        max_hours=max_hours,
        progress=progress,
        calendar=calendar,
        max_hours_per_period=max_hours_per_period,
    )


def run_team(
    library: Library,
    request: Request,
    params: SolveParams | None,
    team: Team | PathArg,
    *,
    objective: Literal["cost", "hours"] = "cost",
    max_cost: float | None = None,
    max_hours: float | None = None,
    progress: Callable[[str], None] | None = None,
    calendar: Calendar | None = None,
    max_hours_per_period: float | None = None,
) -> TeamPlan:
    """:func:`plan_team` for a :class:`~curriculum.request.Request` built once
    (attitudes, exclusions, levels; what ``curriculum team`` calls); with a
    ``calendar``, the plan is laid out over it as ``team --schedule`` does.

    Raises
    ------
    DataFileError, UsageError
        As :func:`plan_team`.
    """
    from curriculum.api.shared import at_the_door, team_of
    from curriculum.arguments import check_amount, check_choice, check_instance
    from curriculum.model.periods import Calendar
    from curriculum.planning.team.plan import plan_team as solve_team
    from curriculum.planning.team.schedule import PLAN_SHARE

    library, request, params = at_the_door(library, request, params, "a team plan")
    check_instance(calendar, "calendar", Calendar)
    cap = check_amount(max_hours_per_period, "max_hours_per_period", positive=True)
    deadline = params.deadline()  # one for the plan and its calendar
    result = solve_team(
        library,
        request,
        params,
        team_of(team),
        objective=check_choice(objective, "objective", OBJECTIVES),  # type: ignore[arg-type]
        max_cost=check_amount(max_cost, "max_cost", cost=True),
        max_hours=check_amount(max_hours, "max_hours"),
        progress=progress,
        deadline=deadline.part(PLAN_SHARE) if calendar is not None else deadline,
    )
    if calendar is None:
        return result
    from curriculum.planning.team.schedule import schedule_team

    return schedule_team(
        result, library, calendar, max_hours_per_period=cap, params=params, deadline=deadline
    )


def team_frontier(
    library: Library,
    team: Team | PathArg,
    *,
    attitudes: bool = False,
    ignore_levels: bool = False,
    exclude: Codes = (),
    params: SolveParams | None = None,
    progress: Callable[[str], None] | None = None,
) -> TeamFrontier:
    """The exact curve of team coverage (member-items) against team cost, sessions shared.

    Same as ``curriculum team TEAM_FILE --frontier``.

    Parameters
    ----------
    library
        The loaded data, as for :func:`plan_team`.
    team
        A team file (CSV or YAML) or a :class:`Team` from :func:`load_team`.
    attitudes, ignore_levels, exclude, params
        As for :func:`plan`; with ``params.time_limit``, unproven points are marked.
    progress
        Called with a short message after each point.

    Returns
    -------
    TeamFrontier
        ``points``, cheapest first: ``covered`` member-items, least ``cost``,
        ``sessions`` per course, ``member_items``, and the marginal ``step``
        (``"+45,300 TWD: S02 for E008, E010"``) with ``added`` and ``dropped``.

    Raises
    ------
    DataFileError
        For a bad team file, or a member's unknown standard, target or item.
    UsageError
        For an argument of the wrong type.
    """
    from curriculum.api.shared import request_from

    request = request_from(locals())
    return run_team_frontier(library, request, params, team, progress=progress)


def run_team_frontier(
    library: Library,
    request: Request,
    params: SolveParams | None,
    team: Team | PathArg,
    *,
    progress: Callable[[str], None] | None = None,
) -> TeamFrontier:
    """:func:`team_frontier` for a :class:`~curriculum.request.Request` built once
    (what ``curriculum team --frontier`` calls).

    Raises
    ------
    DataFileError, UsageError
        As :func:`team_frontier`.
    """
    from curriculum.api.shared import at_the_door, team_of
    from curriculum.planning.team.frontier import compute_team_frontier

    library, request, params = at_the_door(library, request, params, "a team frontier")
    return compute_team_frontier(library, request, params, team_of(team), progress=progress)
