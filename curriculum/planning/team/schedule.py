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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from curriculum.errors import NoScheduleError, SolverError
from curriculum.io.library import Library
from curriculum.model.codes import code_key
from curriculum.model.periods import Calendar
from curriculum.numbers import clean_number, fmt_num
from curriculum.planning.team.calendar_result import (
    CalendarPeriod,
    MemberCalendar,
    MemberPeriod,
    PlacedSession,
    TeamCalendar,
)
from curriculum.planning.team.result import TeamPlan
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import Stage, solve_lexicographic
from curriculum.solve.params import Deadline, SolveParams, deadline_for

PLAN_SHARE = 0.8
"""The team plan's share of one time limit when its calendar is scheduled after it."""

TIE_BREAK_LIMIT = 2400
"""Placement variables up to which ties are broken (48 per solve)."""


CalendarError = NoScheduleError
"""No calendar fits the periods and caps given (the same error as ``schedule``'s)."""


@dataclass(frozen=True)
class Need:
    """A requirement of one member's course: the alternatives in the member's plan."""

    member: str
    course: str
    alternatives: tuple[str, ...]
    strict: bool  # a prerequisite (strictly earlier); a corequisite is not


@dataclass
class TeamCalendarData:
    """The team plan in integers: what the calendar model needs."""

    codes: list[str]
    minutes: dict[str, int]
    sessions: dict[str, int]
    allowed: dict[str, list[int]]
    seats: dict[str, tuple[int, int]]
    members: list[tuple[str, list[str]]]
    needs: list[Need] = field(default_factory=list)


def calendar_data(plan: TeamPlan, library: Library, calendar: Calendar) -> TeamCalendarData:
    """The team plan's courses, sessions, members and prerequisites, in integers."""
    codes = [c.code for c in plan.courses]
    data = TeamCalendarData(
        codes=codes,
        minutes={c.code: round(float(c.hours) * 60) for c in plan.courses},
        sessions={c.code: c.sessions for c in plan.courses},
        allowed={},
        seats={},
        members=[(m.id, list(m.courses)) for m in plan.members if m.courses],
    )
    for c in plan.courses:
        course = library.courses[c.code]
        data.allowed[c.code] = calendar.allowed(course.offered, course.sessions)
        heads = len(c.participants)
        low = min(c.min_participants or 1, heads // max(c.sessions, 1))
        data.seats[c.code] = (max(low, 1), c.capacity or heads)
    for member, courses in data.members:
        mine = {code_key(c): c for c in courses}
        for code in courses:
            course = library.courses[code]
            for strict, requisites in (
                (True, course.prerequisites),
                (False, (*course.corequisites, *course.same_term)),
            ):
                for requirement in requisites:
                    alternatives = tuple(
                        mine[code_key(a)] for a in requirement if code_key(a) in mine
                    )
                    if alternatives:
                        data.needs.append(Need(member, code, alternatives, strict))
            for requirement in course.same_term:  # one alternative: no earlier either
                if len(requirement) == 1 and code_key(requirement[0]) in mine:
                    data.needs.append(Need(member, mine[code_key(requirement[0])], (code,), False))
    return data


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
        raise CalendarError(diagnose(data, len(calendar), cap, params, deadline))
    if status not in (cpsat.OPTIMAL, cpsat.FEASIBLE):
        raise SolverError("no team calendar found within the time limit")
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


def _span(calendar: Calendar) -> str:
    first, last = calendar.periods[0].label, calendar.periods[-1].label
    return f"periods {first}–{last}" if calendar.is_dated else f"periods 1–{len(calendar)}"


def check_calendar(data: TeamCalendarData, calendar: Calendar, cap: int | None) -> None:
    """Raise :class:`CalendarError` for what blocks any calendar on its own: a course
    offered in no period, a course or a member's hours over the cap, a chain of
    prerequisites longer than the periods allow."""
    for code in data.codes:
        if not data.allowed[code]:
            raise CalendarError(
                f"course {code} is offered in no period of the calendar ({_span(calendar)})"
            )
    if cap is not None:
        limit = fmt_num(cap / 60)
        for code in data.codes:
            if data.minutes[code] > cap:
                raise CalendarError(
                    f"course {code} takes {fmt_num(data.minutes[code] / 60)} h, more than "
                    f"--max-hours-per-period {limit}"
                )
        for member, courses in data.members:
            total = sum(data.minutes[c] for c in courses)
            if total > cap * len(calendar):
                raise CalendarError(
                    f"member {member} takes {fmt_num(total / 60)} h, more than "
                    f"{len(calendar)} periods of --max-hours-per-period {limit}"
                )
    for member, courses in data.members:
        chain = _chain_too_long(data, member, courses)
        if chain:
            raise CalendarError(
                f"member {member}: the prerequisite chain {' → '.join(chain)} does not fit in "
                f"the calendar's {len(calendar)} periods (in the periods each course runs in)"
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
) -> str:
    """One line naming the constraint that blocks the calendar: the first whose
    removal alone makes the model feasible."""
    for skip, text in (
        (
            "cap",
            f"the cap of {fmt_num((cap or 0) / 60)} hours per member and period cannot be "
            f"met in {periods} periods with the team plan's shared sessions",
        ),
        (
            "seats",
            "the sessions' seats (capacity, min_participants) cannot be filled in the "
            "periods the members' prerequisites and hours allow",
        ),
        (
            "order",
            "the members' prerequisites cannot all be met with the team plan's shared sessions",
        ),
    ):
        if skip == "cap" and cap is None:
            continue
        built = build_calendar_model(data, periods, cap, skip=skip)
        _, status = cpsat.solve_model(built.model, params, deadline)
        if status in (cpsat.OPTIMAL, cpsat.FEASIBLE):
            return f"no calendar fits: {text}"
    return (
        "no calendar fits: the prerequisites, hour cap and session seats together leave no "
        f"placement in {periods} periods"
    )


# --------------------------------------------------------------------------- model


@dataclass
class CalendarModel:
    """The CP-SAT model of a team calendar and how to read its variables."""

    model: Any
    variables: list[Any]
    stages: list[Stage]
    places: list[tuple[str, int, int]]  # per y variable: course, session, period
    takes: list[tuple[str, str, int, int, int]]  # member, course, session, period, var index

    def evaluate(self, values: Sequence[int]) -> tuple[int, ...]:
        """The stage values of an assignment (last period, session sum, member sum)."""
        placed = [self.places[i] for i in range(len(self.places)) if values[i]]
        last = max((p for _, _, p in placed), default=0)
        member = sum(p for _, _, _, p, i in self.takes if values[i])
        return (last, sum(p for _, _, p in placed), member)


def build_calendar_model(
    data: TeamCalendarData, periods: int, cap: int | None, skip: str | None = None
) -> CalendarModel:
    """The calendar model; ``skip`` leaves out one kind of constraint (``cap``, ``seats``
    or ``order``) to find which one blocks an infeasible calendar."""
    model = cpsat.new_model()
    variables: list[Any] = []
    places: list[tuple[str, int, int]] = []
    session_period: dict[tuple[str, int], Any] = {}
    y: dict[tuple[str, int, int], int] = {}
    for code in data.codes:
        for k in range(data.sessions[code]):
            chosen = []
            for p in data.allowed[code]:
                y[code, k, p] = len(variables)
                variables.append(model.new_bool_var(f"y_{code}_{k}_{p}"))
                places.append((code, k, p))
                chosen.append(variables[-1])
            model.add_exactly_one(chosen)
            session_period[code, k] = cpsat.weighted_sum(chosen, data.allowed[code])
            if k:
                model.add(session_period[code, k - 1] <= session_period[code, k])
    takes: list[tuple[str, str, int, int, int]] = []
    member_period: dict[tuple[str, str], Any] = {}
    for member, courses in data.members:
        for code in courses:
            mine = []
            for k in range(data.sessions[code]):
                for p in data.allowed[code]:
                    if data.sessions[code] == 1:
                        index = y[code, k, p]
                    else:
                        index = len(variables)
                        variables.append(model.new_bool_var(f"w_{member}_{code}_{k}_{p}"))
                        model.add_implication(variables[index], variables[y[code, k, p]])
                    takes.append((member, code, k, p, index))
                    mine.append((p, variables[index]))
            if data.sessions[code] > 1:
                model.add_exactly_one([v for _, v in mine])
            member_period[member, code] = cpsat.weighted_sum(
                [v for _, v in mine], [p for p, _ in mine]
            )
    if skip != "seats":
        _add_seats(model, data, variables, takes)
    if cap is not None and skip != "cap":
        for member, _ in data.members:
            for p in range(1, periods + 1):
                load = [(data.minutes[c], i) for m, c, _, q, i in takes if m == member and q == p]
                if sum(w for w, _ in load) > cap:
                    model.add(
                        cpsat.weighted_sum([variables[i] for _, i in load], [w for w, _ in load])
                        <= cap
                    )
    if skip != "order":
        _add_order(model, data, member_period)
    last = model.new_int_var(0, periods, "last")
    for expr in session_period.values():
        model.add(last >= expr)
    stages = [
        Stage(last, name="periods"),
        Stage(sum(session_period.values(), 0) if session_period else 0, name="sessions"),
        Stage(sum(member_period.values(), 0) if member_period else 0, name="members"),
    ]
    return CalendarModel(model, variables, stages, places, takes)


def _add_seats(
    model: Any,
    data: TeamCalendarData,
    variables: list[Any],
    takes: list[tuple[str, str, int, int, int]],
) -> None:
    """Each session of a course with several has between its minimum and its capacity."""
    for code in data.codes:
        if data.sessions[code] == 1:
            continue
        low, high = data.seats[code]
        for k in range(data.sessions[code]):
            seats = [variables[i] for _, c, s, _, i in takes if c == code and s == k]
            model.add(sum(seats, 0) >= low)
            model.add(sum(seats, 0) <= high)


def _add_order(
    model: Any, data: TeamCalendarData, member_period: dict[tuple[str, str], Any]
) -> None:
    """Each member's requirements: an alternative strictly earlier (or, for a
    corequisite, not later)."""
    for need in data.needs:
        mine = member_period[need.member, need.course]
        gap = 1 if need.strict else 0
        if len(need.alternatives) == 1:
            model.add(member_period[need.member, need.alternatives[0]] + gap <= mine)
            continue
        chosen = []
        for alternative in need.alternatives:
            b = model.new_bool_var("")
            model.add(member_period[need.member, alternative] + gap <= mine).only_enforce_if(b)
            chosen.append(b)
        model.add_bool_or(chosen)


# --------------------------------------------------------------------------- result


def read_calendar(
    plan: TeamPlan,
    data: TeamCalendarData,
    built: CalendarModel,
    values: Sequence[int],
    calendar: Calendar,
    max_hours_per_period: float | None,
) -> TeamCalendar:
    """The calendar of a solution (status to be set by the caller)."""
    period_of = {(c, k): p for i, (c, k, p) in enumerate(built.places) if values[i]}
    used = max(period_of.values(), default=0)
    order = {m.id: n for n, m in enumerate(plan.members)}
    who: dict[tuple[str, int], list[str]] = {}
    taken: dict[str, dict[int, list[str]]] = {}
    for member, code, k, p, i in built.takes:
        if values[i]:
            who.setdefault((code, k), []).append(member)
            taken.setdefault(member, {}).setdefault(p, []).append(code)
    sessions = tuple(
        PlacedSession(
            code,
            k + 1,
            period_of[code, k],
            tuple(sorted(who.get((code, k), []), key=order.__getitem__)),
        )
        for code in data.codes
        for k in range(data.sessions[code])
    )
    labels = {p.number: p.label for p in calendar.periods}
    members = []
    for member, courses in data.members:
        rank = {c: n for n, c in enumerate(courses)}
        periods = []
        for p, codes in sorted(taken.get(member, {}).items()):
            codes = sorted(codes, key=rank.__getitem__)
            hours = clean_number(sum(data.minutes[c] for c in codes) / 60)
            periods.append(MemberPeriod(p, labels[p], tuple(codes), hours))
        members.append(MemberCalendar(member, tuple(periods)))
    return TeamCalendar(
        status="feasible",
        ties_proven=False,
        periods_used=used,
        max_hours_per_period=None
        if max_hours_per_period is None
        else clean_number(max_hours_per_period),
        periods=tuple(
            CalendarPeriod(p.number, p.label, p.start, p.end) for p in calendar.periods[:used]
        ),
        sessions=sessions,
        members=tuple(members),
    )
