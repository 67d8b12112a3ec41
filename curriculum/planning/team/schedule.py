"""Team calendars (``curriculum team --schedule``): the team plan's sessions in periods.

A second stage after the team plan: its choice of courses, sessions and
participants stands. One exact CP-SAT model places each session of each course
in one period the course runs in (``offered``/``sessions``, through
:meth:`Calendar.allowed <curriculum.model.periods.Calendar.allowed>`) and puts
each participant in one session of the course, so that

- each member takes a course strictly after one alternative of each of its
  prerequisites that the member's plan holds (corequisites: same period or
  earlier; a same-term course: the same period when it has one alternative, else
  no later); a requirement none of whose alternatives is in the member's plan is
  taken as met before the calendar (held, or outside the plan);
- each member's hours in a period stay within ``max_hours_per_period``;
- each session has at least ``min_participants`` and at most ``capacity`` seats.

Objectives, in order: the last period used as early as possible (fewest
periods), the sessions as early as possible (sum of their periods), each
member's courses as early as possible, then a block tie-break preferring, in
order, each session in its earliest period and each member in the first session,
which makes the answer the same whatever the number of workers. An infeasible
calendar raises :class:`CalendarError` with one line naming the constraint that
blocks it.
"""

from __future__ import annotations

import dataclasses

from curriculum.errors import NoScheduleError, Phrase, SolverError
from curriculum.io.library import Library
from curriculum.model.periods import Calendar
from curriculum.numbers import fmt_num
from curriculum.planning.team.calendar_model import (
    TeamCalendarData,
    build_calendar_model,
    calendar_data,
    read_calendar,
)
from curriculum.planning.team.result import TeamPlan
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import solve_lexicographic
from curriculum.solve.params import Deadline, SolveParams, deadline_for

PLAN_SHARE = 0.8
"""The team plan's share of one time limit when its calendar is scheduled after it."""

TIE_BREAK_LIMIT = 2400
"""Placement variables up to which ties are broken (48 per solve)."""


CalendarError = NoScheduleError
"""No calendar fits the periods and caps given (the same error as ``schedule``'s)."""


def schedule_team(
    plan: TeamPlan,
    library: Library,
    calendar: Calendar,
    *,
    max_hours_per_period: float | None = None,
    params: SolveParams | None = None,
    deadline: Deadline | None = None,
) -> TeamPlan:
    """The team plan with its :class:`TeamCalendar` (see the module docstring).

    Raises
    ------
    CalendarError
        When no calendar fits, naming the blocking constraint in one line.
    SolverError
        When no calendar is found within the time limit.
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    cap = None if max_hours_per_period is None else round(max_hours_per_period * 60)
    data = calendar_data(plan, library, calendar)
    check_calendar(data, calendar, cap)
    built = build_calendar_model(data, len(calendar), cap)
    solver, status = cpsat.solve_model(built.model, params, deadline)
    if status == cpsat.INFEASIBLE:
        raise CalendarError.keyed(
            "calendar.none", reason=diagnose(data, len(calendar), cap, params, deadline)
        )
    if status not in (cpsat.OPTIMAL, cpsat.FEASIBLE):
        raise SolverError.keyed("calendar.time_limit")
    hint = [solver.value(v) for v in built.variables]
    prefer = range(len(built.variables)) if len(built.variables) <= TIE_BREAK_LIMIT else ()
    outcome = solve_lexicographic(
        built.model,
        built.variables,
        built.stages,
        built.evaluate,
        hint=hint,
        prefer=prefer,
        params=params,
        deadline=deadline,
    )
    proven = outcome.proven == len(built.stages)
    result = read_calendar(plan, data, built, outcome.values, calendar, max_hours_per_period)
    result = dataclasses.replace(
        result,
        status="optimal" if proven else "feasible",
        ties_proven=proven and outcome.ties_proven and bool(prefer or not built.variables),
    )
    return dataclasses.replace(plan, calendar=result)


# --------------------------------------------------------------------------- checks


def _span(calendar: Calendar) -> Phrase:
    first, last = calendar.periods[0].label, calendar.periods[-1].label
    if not calendar.is_dated:
        first, last = "1", str(len(calendar))
    return Phrase("calendar.span", first=first, last=last)


def check_calendar(data: TeamCalendarData, calendar: Calendar, cap: int | None) -> None:
    """Raise :class:`CalendarError` for what blocks any calendar on its own: a course
    offered in no period, a course or a member's hours over the cap, a chain of
    prerequisites longer than the periods allow."""
    for code in data.codes:
        if not data.allowed[code]:
            raise CalendarError.keyed("calendar.not_offered", code=code, span=_span(calendar))
    if cap is not None:
        limit = fmt_num(cap / 60)
        for code in data.codes:
            if data.minutes[code] > cap:
                raise CalendarError.keyed(
                    "calendar.course_cap",
                    code=code,
                    hours=fmt_num(data.minutes[code] / 60),
                    limit=limit,
                )
        for member, courses in data.members:
            total = sum(data.minutes[c] for c in courses)
            if total > cap * len(calendar):
                raise CalendarError.keyed(
                    "calendar.member_cap",
                    member=member,
                    hours=fmt_num(total / 60),
                    n=len(calendar),
                    limit=limit,
                )
    for member, courses in data.members:
        chain = _chain_too_long(data, member, courses)
        if chain:
            raise CalendarError.keyed(
                "calendar.chain", member=member, chain=" → ".join(chain), n=len(calendar)
            )


def _chain_too_long(data: TeamCalendarData, member: str, courses: list[str]) -> list[str] | None:
    """A chain of the member's prerequisites that no placement fits, or ``None``."""
    needs = [n for n in data.needs if n.member == member]
    # from the first allowed period up (same-term courses need each other)
    earliest: dict[str, int | None] = {c: next(iter(data.allowed[c]), None) for c in courses}
    why: dict[str, str] = {}
    for _ in range(len(courses) + 1):  # only corequisites make cycles
        changed = False
        for code in courses:
            bound, reason = 0, None
            for need in (n for n in needs if n.course == code):
                options = [(earliest[a], a) for a in need.alternatives if earliest[a] is not None]
                if not options:
                    bound, reason = 10**9, need.alternatives[0]
                    break
                low, alt = min(options)
                low = (low or 0) + (1 if need.strict else 0)
                if low > bound:
                    bound, reason = low, alt
            new = next((p for p in data.allowed[code] if p >= max(bound, 1)), None)
            if new != earliest[code]:
                earliest[code], changed = new, True
            if reason is not None:
                why[code] = reason
        if not changed:
            break
    for code in courses:
        if earliest[code] is None:
            chain = [code]
            while chain[-1] in why and why[chain[-1]] not in chain and len(chain) <= len(courses):
                chain.append(why[chain[-1]])
            return chain[::-1]
    return None


def diagnose(
    data: TeamCalendarData,
    periods: int,
    cap: int | None,
    params: SolveParams,
    deadline: Deadline,
) -> Phrase:
    """What blocks the calendar, in no language yet: the first constraint whose
    removal alone makes the model feasible."""
    for skip, text in (
        ("cap", Phrase("calendar.cap", cap=fmt_num((cap or 0) / 60), n=periods)),
        ("seats", Phrase("calendar.seats")),
        ("order", Phrase("calendar.order")),
    ):
        if skip == "cap" and cap is None:
            continue
        built = build_calendar_model(data, periods, cap, skip=skip)
        _, status = cpsat.solve_model(built.model, params, deadline)
        if status in (cpsat.OPTIMAL, cpsat.FEASIBLE):
            return text
    return Phrase("calendar.together", n=periods)
