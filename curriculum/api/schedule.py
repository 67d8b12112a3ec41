"""A schedule: the plan (or every course) ordered into the periods of a calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from curriculum.api.plan import TAKES as PLAN_TAKES
from curriculum.api.shared import Codes

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.model.periods import Calendar
    from curriculum.planning.schedule_result import Schedule, ScheduleLimits
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams

PERIOD_KINDS = ("month", "quarter", "semester")


def schedule(
    library: Library,
    standard: str | None,
    targets: Codes = (),
    *,
    periods: int | None = None,
    start: str | None = None,
    period: Literal["month", "quarter", "semester"] = "quarter",
    limits: ScheduleLimits | None = None,
    balance: bool = False,
    all_courses: bool = False,
    attitudes: bool = False,
    have: Codes = (),
    done: Codes = (),
    exclude: Codes = (),
    require: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
) -> Schedule:
    """The plan ordered into periods (or every course, ``all_courses``).

    Same as ``curriculum schedule STANDARD TARGETS``.

    Parameters
    ----------
    library, standard, targets, attitudes, have, done, exclude, require, ignore_levels, params
        As for :func:`plan`; ``standard`` may be ``None`` with ``all_courses``
        (a fixed curriculum: every course required, no items).
    all_courses
        Schedule every course of the catalogue instead of a plan (see
        :class:`~curriculum.request.Request`).
    periods, start, period
        The calendar, as :func:`make_calendar` reads it: how many periods (8 when
        not given), the first period's month (``"2027-01"``) and the length of a
        period.
    limits
        Per-period bounds: ``ScheduleLimits(max_hours=40, max_cost=..., min_hours=...,
        min_courses=..., max_courses=...)``.
    balance
        Minimise the heaviest period's hours first (the Balanced Academic
        Curriculum Problem with ``all_courses``).

    Returns
    -------
    Schedule
        ``periods`` in order (each with its ``courses``, ``hours`` and ``cost``),
        ``courses`` with their ``period``, ``status``, ``lower_bound``,
        ``ties_proven``.

    Raises
    ------
    NoScheduleError
        When no schedule meets the limits, naming the constraint that blocks.
    UsageError
        For limits that contradict each other, dated offerings with numbered
        periods, or an argument of the wrong type or out of range (``periods=0``).
    """
    from curriculum.api.shared import request_from

    request = request_from(locals())
    calendar = make_calendar(periods, start, period)
    return run_schedule(library, request, params, calendar=calendar, limits=limits, balance=balance)


def make_calendar(
    periods: Any = None, start: Any = None, period: Any = "quarter", *, label: str = "start"
) -> Calendar:
    """The calendar of a schedule: ``periods`` numbered periods (8 when ``None``, at
    most 240), or dated from the month ``start`` (``"2027-01"``) in ``period``
    lengths (``"month"``, ``"quarter"``, ``"semester"``).

    Raises
    ------
    UsageError
        For a count out of range (``periods=0``), a bad month or period length
        (``label`` names the month's option in the message).
    """
    from curriculum.arguments import check_choice, check_count, check_text
    from curriculum.errors import Said, UsageError
    from curriculum.model.periods import MAX_PERIODS, Calendar

    if periods is not None:
        check_count(periods, "periods", minimum=1, maximum=MAX_PERIODS)
    if start is not None:
        check_text(start, "start")
    check_choice(period, "period", PERIOD_KINDS)
    try:
        return Calendar.of(periods, start, period)
    except ValueError as exc:
        raise UsageError.keyed("arg.labelled", label=label, problem=Said(exc)) from None


def run_schedule(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    calendar: Calendar | None = None,
    limits: ScheduleLimits | None = None,
    balance: bool = False,
) -> Schedule:
    """:func:`schedule` for a :class:`~curriculum.request.Request` built once and a
    calendar from :func:`make_calendar` (what ``curriculum schedule`` calls).

    Raises
    ------
    NoScheduleError, UsageError
        As :func:`schedule`.
    """
    from curriculum.api.shared import at_the_door
    from curriculum.arguments import check_flag, check_instance
    from curriculum.model.periods import Calendar
    from curriculum.planning.schedule import schedule_courses
    from curriculum.planning.schedule_result import ScheduleLimits

    library, request, params = at_the_door(
        library, request, params, "a schedule", *PLAN_TAKES, "all_courses"
    )
    return schedule_courses(
        library,
        request,
        params,
        calendar=check_instance(calendar, "calendar", Calendar),
        limits=check_instance(limits, "limits", ScheduleLimits),
        balance=check_flag(balance, "balance"),
    )
