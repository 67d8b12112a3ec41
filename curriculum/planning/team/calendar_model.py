"""What a team calendar places (each member's needs, the plan's sessions) and its
CP-SAT model: the variables, seats, prerequisite order and hour cap, and how to read a
calendar from a solution."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from curriculum.io.library import Library
from curriculum.model.codes import code_key
from curriculum.model.periods import Calendar
from curriculum.numbers import clean_number
from curriculum.planning.team.calendar_result import (
    CalendarPeriod,
    MemberCalendar,
    MemberPeriod,
    PlacedSession,
    TeamCalendar,
)
from curriculum.planning.team.result import TeamPlan
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import Stage


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
        _add_cap(model, data, variables, takes, periods, cap)
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


def _add_cap(
    model: Any,
    data: TeamCalendarData,
    variables: list[Any],
    takes: list[tuple[str, str, int, int, int]],
    periods: int,
    cap: int,
) -> None:
    """Each member's minutes in each period at most ``cap``."""
    for member, _ in data.members:
        for p in range(1, periods + 1):
            load = [(data.minutes[c], i) for m, c, _, q, i in takes if m == member and q == p]
            if sum(w for w, _ in load) > cap:
                model.add(
                    cpsat.weighted_sum([variables[i] for _, i in load], [w for w, _ in load]) <= cap
                )


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
