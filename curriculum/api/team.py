"""The team questions of the public API: one plan for a whole team, its calendar
and its coverage/cost curve (re-exported by :mod:`curriculum`; heavy imports
happen inside the functions)."""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from curriculum.api import Codes, PathArg, _codes

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.io.team_file import Team
    from curriculum.planning.team.frontier_result import TeamFrontier
    from curriculum.planning.team.result import TeamPlan
    from curriculum.solve.params import SolveParams


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
        As for :func:`plan`.
    progress
        Called with a short message as the search goes on.
    periods, start, period, max_hours_per_period
        Give any of them to also lay the plan out over time (``team --schedule``):
        ``periods`` numbered periods (8 when not given), dated from ``start``
        (``"2027-01"``) in months, quarters or semesters, at most
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
    """
    from curriculum.planning.team.plan import plan_team as solve_team
    from curriculum.planning.team.schedule import PLAN_SHARE
    from curriculum.solve.params import deadline_for

    scheduled = periods is not None or start is not None or max_hours_per_period is not None
    deadline = deadline_for(params, None)  # one for the plan and its calendar
    result = solve_team(
        library,
        _team(team),
        objective=objective,
        max_cost=max_cost,
        max_hours=max_hours,
        attitudes=attitudes,
        ignore_levels=ignore_levels,
        exclude=_codes(exclude),
        params=params,
        progress=progress,
        deadline=deadline.part(PLAN_SHARE) if scheduled else deadline,
    )
    if not scheduled:
        return result
    from curriculum.model.periods import Calendar
    from curriculum.planning.team.schedule import schedule_team

    calendar = Calendar.of(periods, start, period)
    return schedule_team(
        result,
        library,
        calendar,
        max_hours_per_period=max_hours_per_period,
        params=params,
        deadline=deadline,
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
    """
    from curriculum.planning.team.frontier import compute_team_frontier

    return compute_team_frontier(
        library,
        _team(team),
        attitudes=attitudes,
        ignore_levels=ignore_levels,
        exclude=_codes(exclude),
        params=params,
        progress=progress,
    )


def _team(value: Team | PathArg) -> Team:
    """A team file read (CSV, XLSX or YAML); a loaded :class:`Team` unchanged."""
    from curriculum.io.team_file import load_team

    return load_team(Path(value)) if isinstance(value, str | PathLike) else value
