"""Order a plan into periods: requirement → schedule problem → solve → explained schedule.

The courses are chosen as ``plan`` chooses them (:func:`build_plan_problem`,
prerequisites as given in ``cover.requires``), or every course of the loaded
catalogues as a fixed curriculum (``all_courses``). Each course may go in the
periods of the calendar its ``offered`` labels and dated sessions allow.
Before solving, the constraints that block every schedule are looked for and
named in one line (a prerequisite chain longer than the periods, a course offered
in no period of the calendar, a per-period cap below a course's hours or cost).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import partial

from curriculum.errors import Names, NoScheduleError, Phrase, ScheduleOptionError
from curriculum.io.library import Library
from curriculum.model.periods import DEFAULT_PERIODS, Calendar
from curriculum.model.standard import Course
from curriculum.numbers import clean_number, fmt_money, fmt_num
from curriculum.planning.requirement import build_plan_problem, build_requirement, to_cents
from curriculum.planning.schedule_chains import Chain, chain_through
from curriculum.planning.schedule_input import (
    Chosen,
    expand_repeats,
    split_requisites,
)
from curriculum.planning.schedule_input import (
    all_courses as every_course,
)
from curriculum.planning.schedule_result import (
    Schedule,
    ScheduledCourse,
    ScheduleLimits,
    SchedulePeriod,
    SessionDates,
)
from curriculum.request import Request
from curriculum.solve.params import Deadline, SolveParams
from curriculum.solve.schedule import ScheduleInfeasible, placement_windows, solve_schedule
from curriculum.solve.schedule_problem import ScheduleProblem, ScheduleSolution


def schedule_courses(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    calendar: Calendar | None = None,
    limits: ScheduleLimits | None = None,
    balance: bool = False,
    deadline: Deadline | None = None,
) -> Schedule:
    """The optimal schedule of the request's plan (or of every course,
    ``request.all_courses``).

    Goals: least hours, then fewest periods, then least cost, then the plan's
    tie-breaks (``balance``: the heaviest period's hours first). ``done`` are
    courses already taken: they are left out and satisfy the prerequisites
    naming them. A fixed curriculum needs no standard (``request.standard`` is
    ``None``): every course is required and no item is reported.

    Raises
    ------
    ScheduleOptionError
        For limits that contradict each other or dated ``offered`` labels with a
        numbered calendar (exit 2).
    NoScheduleError
        When no schedule meets the constraints (exit 1), naming the one that blocks.
    """
    calendar = calendar or Calendar.numbered(DEFAULT_PERIODS)
    limits = limits or ScheduleLimits()
    all_courses, standard = request.all_courses, request.standard
    if standard is None and not all_courses:
        raise ScheduleOptionError.keyed("schedule.needs_standard")
    std = library.standard(standard) if standard is not None else None
    done_codes = tuple(sorted({library.course(c).code for c in request.done}))
    targets: tuple[str, ...] = ()
    if all_courses or std is None:
        taken = dataclasses.replace(request, done=done_codes)  # as the catalogues spell them
        chosen = every_course(library, std.code if std else None, taken)
    else:
        requirement = build_requirement(std, request)
        targets = requirement.targets
        plan = build_plan_problem(library, requirement, request)
        chosen = Chosen(plan.courses, plan.cover, plan.covers, plan.gaps, plan.level_gaps)
    problem = schedule_problem(chosen, calendar, limits, balance)
    chosen, problem = expand_repeats(chosen, problem)
    check_blocking(problem, chosen.courses, calendar, limits)
    try:
        solution = solve_schedule(problem, params or SolveParams(), deadline)
    except ScheduleInfeasible as error:
        raise _generic(calendar, limits) from error
    code, name = (std.code, std.name) if std is not None else (None, None)
    result = explain_schedule(
        library, code, name, targets, chosen, problem, solution, calendar, limits
    )
    return dataclasses.replace(result, all_courses=all_courses) if all_courses else result


def schedule_problem(
    chosen: Chosen, calendar: Calendar, limits: ScheduleLimits, balance: bool
) -> ScheduleProblem:
    """The solver's problem: allowed periods, corequisites and per-period bounds.

    Raises
    ------
    ScheduleOptionError
        For contradicting bounds, or ``offered`` labels that need dates when the
        calendar has none.
    """
    if not calendar.is_dated:
        for course in chosen.courses:
            dated = [label for label in course.offered or () if not label.isdigit()]
            if dated:
                raise ScheduleOptionError.keyed(
                    "schedule.dated", code=course.code, offered=Names(dated)
                )
    _check_limits(limits)
    allowed = tuple(
        tuple(p - 1 for p in calendar.allowed(c.offered, c.sessions)) for c in chosen.courses
    )
    cover, corequires, together = split_requisites(chosen)
    return ScheduleProblem(
        cover=cover,
        periods=len(calendar),
        allowed=allowed,
        corequires=corequires,
        together=together,
        max_minutes=_minutes(limits.max_hours),
        min_minutes=_minutes(limits.min_hours),
        max_cents=None if limits.max_cost is None else to_cents(limits.max_cost),
        min_courses=limits.min_courses,
        max_courses=limits.max_courses,
        goal="balance" if balance else "hours",
    )


def _minutes(hours: float | None) -> int | None:
    return None if hours is None else round(hours * 60)


def _check_limits(limits: ScheduleLimits) -> None:
    """Refuse bounds that contradict each other."""
    pairs = (
        ("hours", limits.min_hours, limits.max_hours),
        ("courses", limits.min_courses, limits.max_courses),
    )
    for name, low, high in pairs:
        if low is not None and high is not None and low > high:
            raise ScheduleOptionError.keyed(
                "schedule.min_above_max", name=name, low=fmt_num(low), high=fmt_num(high)
            )
    if limits.max_courses == 0:
        raise ScheduleOptionError.keyed("schedule.no_room")


def check_blocking(
    problem: ScheduleProblem, courses: Sequence[Course], calendar: Calendar, limits: ScheduleLimits
) -> None:
    """Name the constraint that blocks every schedule, when one alone does.

    Raises
    ------
    NoScheduleError
        For a course every schedule needs (or every course that could cover an
        item) that is offered in no period of the calendar, whose prerequisite
        chain is longer than the periods, or whose hours or cost exceed a
        per-period cap; or for more courses than the periods can hold.
    """
    windows = placement_windows(problem)

    blocker = partial(_blocker, problem, courses, calendar, limits, windows)

    needed = sorted(problem.cover.forced)
    for chains in (False, True):  # a course's own periods and caps first, then chains
        for j in needed:
            reason = blocker(j, chains)
            if reason is not None:
                raise NoScheduleError.keyed(reason.key, **reason.values)
    for i, columns in enumerate(problem.cover.coverers()):
        reasons = [blocker(j) for j in columns]
        if columns and all(reasons):
            second = Phrase("schedule.also", reason=reasons[1]) if len(reasons) > 1 else Phrase()
            more = Phrase("schedule.more", n=len(reasons) - 2) if len(reasons) > 2 else Phrase()
            raise NoScheduleError.keyed(
                "schedule.item_blocked",
                item=problem.cover.items[i],
                reason=reasons[0],
                second=second,
                more=more,
            )
    if problem.max_courses is not None and len(needed) > problem.max_courses * problem.periods:
        raise NoScheduleError.keyed(
            "schedule.too_many",
            n=len(needed),
            periods=problem.periods,
            most=problem.max_courses,
        )


def _blocker(
    problem: ScheduleProblem,
    courses: Sequence[Course],
    calendar: Calendar,
    limits: ScheduleLimits,
    windows: Sequence[tuple[int, ...]],
    j: int,
    chains: bool = True,
) -> Phrase | None:
    """Why column ``j`` cannot be placed at all (``chains``: its prerequisites
    and the courses needing it considered), or ``None``."""
    course = courses[j]
    if not problem.periods_of(j):
        first, last = calendar.periods[0].label, calendar.periods[-1].label
        if not course.offered:
            return Phrase("schedule.sessions_outside", code=course.code, first=first, last=last)
        return Phrase(
            "schedule.offered_outside",
            code=course.code,
            offered=Names(course.offered),
            first=first,
            last=last,
        )
    if problem.max_minutes is not None and problem.cover.objectives[0][j] > problem.max_minutes:
        return Phrase(
            "schedule.too_long",
            code=course.code,
            hours=fmt_num(course.hours),
            limit=fmt_num(limits.max_hours),
        )
    if problem.max_cents is not None and problem.cover.objectives[1][j] > problem.max_cents:
        return Phrase(
            "schedule.too_costly",
            code=course.code,
            cost=fmt_money(course.price),
            limit=fmt_money(limits.max_cost),
        )
    if chains and not windows[j]:
        columns, needing = chain_through(problem, j)
        chain = Chain([courses[k].code for k in columns])
        if len(columns) > problem.periods:
            return Phrase("schedule.chain", chain=chain, n=len(columns), periods=problem.periods)
        key = "schedule.between" if needing else "schedule.after"
        return Phrase(key, code=course.code, chain=chain)
    return None


def _generic(calendar: Calendar, limits: ScheduleLimits) -> NoScheduleError:
    """The one-line error when no single constraint explains the failure."""
    parts = {
        name: Phrase(f"schedule.limit.{name}", value=fmt_num(value)) if value is not None else ""
        for name, value in (
            ("max_hours", limits.max_hours),
            ("min_hours", limits.min_hours),
            ("max_cost", limits.max_cost),
            ("min_courses", limits.min_courses),
            ("max_courses", limits.max_courses),
        )
    }
    return NoScheduleError.keyed("schedule.generic", n=len(calendar), **parts)


def _provider(library: Library, chosen: Chosen, code: str) -> str | None:
    """The provider of a course's catalogue (a repeated course's copy: its original's)."""
    return library.course_files[chosen.origins.get(code, code)].catalogue.provider


def explain_schedule(
    library: Library,
    standard: str | None,
    standard_name: str | None,
    targets: Sequence[str],
    chosen: Chosen,
    problem: ScheduleProblem,
    solution: ScheduleSolution,
    calendar: Calendar,
    limits: ScheduleLimits,
) -> Schedule:
    """Turn a solution into the schedule result."""
    placement = dict(solution.placement)
    needs = _needed_by(problem, placement, chosen)
    scheduled = []
    for j in sorted(placement, key=lambda j: (placement[j], chosen.courses[j].code)):
        course = chosen.courses[j]
        period = calendar.periods[placement[j]]
        sessions = tuple(
            SessionDates(s.start, s.end)
            for s in course.sessions
            if period.start is not None
            and period.end is not None
            and period.start <= s.start <= period.end
        )
        scheduled.append(
            ScheduledCourse(
                code=course.code,
                title=course.title,
                period=period.number,
                hours=course.hours,
                cost=course.price,
                covers=chosen.covers.get(course.code, ()),
                prerequisite_of=tuple(sorted(set(needs.get(j, [])))),
                sessions=sessions,
                provider=course.provider or _provider(library, chosen, course.code),
            )
        )
    periods = _periods(calendar, scheduled)
    best = solution.value[0] if solution.value else 0
    lower = solution.lower_bound
    return Schedule(
        standard=standard,
        standard_name=standard_name,
        targets=tuple(targets),
        objective=problem.goal,
        status=solution.status,
        periods=periods,
        courses=tuple(scheduled),
        gaps=chosen.gaps,
        level_gaps=chosen.level_gaps,
        lower_bound=None if lower is None else round(lower / 60, 4),
        optimality_gap=None if lower is None or not best else round((best - lower) / best, 6),
        ties_proven=solution.ties_proven,
        currency=library.currency(),
        limits=limits,
    )


def _needed_by(
    problem: ScheduleProblem, placement: dict[int, int], chosen: Chosen
) -> dict[int, list[str]]:
    """Column -> the codes of the placed courses it is placed before as their prerequisite."""
    needs: dict[int, list[str]] = {}
    for j in placement:
        for group in problem.cover.requires[j] if problem.cover.requires else ():
            for k in group:
                if k in placement and placement[k] < placement[j]:
                    needs.setdefault(k, []).append(chosen.courses[j].code)
                    break
    return needs


def _periods(
    calendar: Calendar, scheduled: Sequence[ScheduledCourse]
) -> tuple[SchedulePeriod, ...]:
    """Every period of the calendar with its courses, hours and cost."""
    in_period: dict[int, list[ScheduledCourse]] = {p.number: [] for p in calendar.periods}
    for c in scheduled:  # one pass (not periods x courses)
        in_period[c.period].append(c)
    priced = any(c.cost is not None for c in scheduled)
    return tuple(
        SchedulePeriod(
            number=p.number,
            label=p.label,
            start=p.start,
            end=p.end,
            courses=tuple(c.code for c in in_period[p.number]),
            hours=clean_number(sum(c.hours for c in in_period[p.number])),
            cost=clean_number(sum(c.cost or 0 for c in in_period[p.number])) if priced else None,
        )
        for p in calendar.periods
    )


__all__ = [
    "DEFAULT_PERIODS",
    "NoScheduleError",
    "ScheduleOptionError",
    "schedule_courses",
]
