"""What a team choice means for the report: member plans, sessions, departments.

Money is split in whole currency units (cents only when the team total has
cents) by largest remainder, so member costs sum to their department's and the
departments' to the team total. Each member counts the items covered of the
items required, and every item left out says why.
"""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction
from typing import Any

from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.numbers import allocate, clean_number
from curriculum.planning.requirement import to_cents
from curriculum.planning.team.result import (
    DepartmentTotal,
    MemberPlan,
    Objective,
    TeamCourse,
    TeamPlan,
)
from curriculum.solve.lexicographic import LexOutcome

Need = Any  # curriculum.planning.team.heuristics.Need (it imports this module)
TeamLayout = Any  # curriculum.planning.team.heuristics.TeamLayout

LeftOutReason = str
"""``hours`` (per-member hours), ``cost`` (team money), ``participants`` (a session
would stay below its minimum)."""


def split_money(total_cents: int, shares: list[Fraction]) -> list[float]:
    """``total_cents`` split by ``shares`` (largest remainder), in currency units.

    Whole units when the total is whole, else cents; the parts sum to the total.
    """
    if total_cents % 100 == 0:
        return [float(p) for p in allocate(total_cents // 100, shares)]
    return [p / 100 for p in allocate(total_cents, shares)]


def member_costs(layout: TeamLayout, chosen: list[list[int]]) -> tuple[int, list[float]]:
    """The cents a choice costs with sessions shared, and each member's part of it:
    each session's price shared among its participants (largest remainder)."""
    heads = layout.heads(chosen)
    share = {
        c: Fraction(layout.session_cents[c] * layout.session_count(c, h), h) + layout.head_cents[c]
        for c, h in heads.items()
    }
    total_cents = layout.pooled_cents(chosen)
    exact = [
        sum((share[need.problem.cover.columns[j]] for j in cols), Fraction(0))
        for need, cols in zip(layout.needs, chosen, strict=True)
    ]
    return total_cents, split_money(total_cents, exact)


def _why(
    layout: TeamLayout,
    codes: list[str],
    minutes: int,
    heads: Counter[str],
    wanting: Counter[str],
    limits: tuple[int | None, int | None],
) -> tuple[LeftOutReason, ...]:
    """Why a coverable item was left out of a member's plan; ``codes`` are the
    courses of the member's cover that teach it."""
    max_minutes, max_cents = limits
    reasons = set()
    for code in codes:
        low = layout.courses[code].min_participants or 1
        if max_minutes is not None and minutes + layout.minutes_of[code] > max_minutes:
            reasons.add("hours")
        elif heads[code] == 0 and wanting[code] < low:
            reasons.add("participants")
        else:
            reasons.add("cost" if max_cents is not None else "participants")
    if "cost" in reasons:
        return ("cost",)
    return tuple(sorted(reasons)) or ("participants",)


def explain(
    layout: TeamLayout,
    team: Team,
    chosen: list[list[int]],
    limits: tuple[int | None, int | None] = (None, None),
) -> dict[str, Any]:
    """Member plans, course sessions and department totals of a choice.

    ``limits`` are the per-member minutes and team cents of the budget, if any.
    """
    heads = layout.heads(chosen)
    n_sessions = {c: layout.session_count(c, h) for c, h in heads.items()}
    total_cents, costs = member_costs(layout, chosen)
    _, pooled = member_costs(layout, [list(need.alone) for need in layout.needs])
    wanting: Counter[str] = Counter()
    for need, cols in zip(layout.needs, chosen, strict=True):
        cover = need.problem.cover
        covered = {i for j in cols for i in cover.covers[j]}
        picked = set(cols)
        for j, items in enumerate(cover.covers):
            if j in picked or not covered.issuperset(items):
                wanting[cover.columns[j]] += 1
    members = [
        _member(layout, member, need, cols, (cost, base), heads, wanting, limits)
        for member, need, cols, cost, base in zip(
            team.members, layout.needs, chosen, costs, pooled, strict=True
        )
    ]
    participants: dict[str, list[str]] = {c: [] for c in heads}
    for member, need, cols in zip(team.members, layout.needs, chosen, strict=True):
        for j in cols:
            participants[need.problem.cover.columns[j]].append(member.id)
    return {
        "members": tuple(members),
        "courses": tuple(_course(layout, c, n_sessions[c], participants[c]) for c in sorted(heads)),
        "departments": _departments(members, [len(cols) for cols in chosen]),
        "total_cents": total_cents,
        "total_minutes": sum(layout.minutes_of[c] * h for c, h in heads.items()),
        "alone_cost": clean_number(sum(m.alone_cost for m in members)),
        "alone_hours": clean_number(sum(m.alone_hours for m in members)),
        "alone_covered": sum(_alone_covered(need) for need in layout.needs),
        "used": sorted(heads),
    }


def _alone_covered(need: Need) -> int:
    cover = need.problem.cover
    return len({i for j in need.alone for i in cover.covers[j]})


def _member(
    layout: TeamLayout,
    member: Any,
    need: Need,
    cols: list[int],
    costs: tuple[float, float],
    heads: Counter[str],
    wanting: Counter[str],
    limits: tuple[int | None, int | None],
) -> MemberPlan:
    """A member's plan; ``costs`` are their part of the team plan and of the baseline."""
    cost, pooled = costs
    cover = need.problem.cover
    picked = [cover.columns[j] for j in cols]
    covered = {i for j in cols for i in cover.covers[j]}
    minutes = sum(layout.minutes_of[c] for c in picked)
    left_out = [i for i in range(len(cover.items)) if i not in covered]
    teaching: dict[int, list[str]] = {i: [] for i in left_out}  # linear: no item x course
    for j, items in enumerate(cover.covers if left_out else ()):
        for i in items:
            if i in teaching:
                teaching[i].append(cover.columns[j])
    gaps, level_gaps = need.problem.gaps, need.problem.level_gaps
    return MemberPlan(
        id=member.id,
        name=member.name,
        department=member.department,
        standard=member.standard,
        targets=need.problem.requirement.targets,
        courses=tuple(picked),
        hours=clean_number(minutes / 60),
        cost=clean_number(cost),
        gaps=gaps,
        level_gaps=level_gaps,
        budget_gaps=tuple(cover.items[i] for i in left_out),
        why_left_out={
            cover.items[i]: _why(layout, teaching[i], minutes, heads, wanting, limits)
            for i in left_out
        },
        covered=len(covered),
        required=len(cover.items) + len(gaps) + len(level_gaps),
        course_items={
            cover.columns[j]: tuple(cover.items[i] for i in cover.covers[j]) for j in cols
        },
        item_names={
            code: need.problem.requirement.standard.item_index[code].name
            for code in (*cover.items, *gaps, *level_gaps)
        },
        alone_cost=clean_number(
            sum(to_cents(need.problem.courses[j].price) for j in need.alone) / 100
        ),
        alone_hours=clean_number(sum(layout.minutes_of[cover.columns[j]] for j in need.alone) / 60),
        pooled_cost=clean_number(pooled),
    )


def _course(layout: TeamLayout, code: str, sessions: int, participants: list[str]) -> TeamCourse:
    course = layout.courses[code]
    return TeamCourse(
        code=code,
        title=course.title,
        hours=clean_number(course.hours),
        sessions=sessions,
        participants=tuple(participants),
        session_cost=course.session_cost,
        cost=course.cost,
        capacity=course.capacity,
        min_participants=course.min_participants,
    )


def _departments(members: list[MemberPlan], enrolled: list[int]) -> tuple[DepartmentTotal, ...]:
    """Department totals: sums of their members (so they add up to the team's)."""
    rows: dict[str, list[MemberPlan]] = {}
    counts: Counter[str] = Counter()
    for m, n in zip(members, enrolled, strict=True):
        rows.setdefault(m.department, []).append(m)
        counts[m.department] += n
    return tuple(
        DepartmentTotal(
            department=d,
            members=len(rows[d]),
            enrolments=counts[d],
            hours=clean_number(sum(m.hours for m in rows[d])),
            cost=clean_number(sum(m.cost for m in rows[d])),
            alone_cost=clean_number(sum(m.alone_cost for m in rows[d])),
            pooled_cost=clean_number(sum(m.pooled_cost for m in rows[d])),
            covered=sum(m.covered for m in rows[d]),
            required=sum(m.required for m in rows[d]),
        )
        for d in sorted(rows)
    )


def team_plan(
    library: Library,
    team: Team,
    layout: TeamLayout,
    outcome: LexOutcome,
    *,
    objective: Objective,
    big: int,
    baseline: list[list[int]],
    ties_possible: bool,
    max_cost: float | None,
    max_hours: float | None,
) -> TeamPlan:
    """The reported plan of the solver's outcome, with an honest bound on the primary objective."""
    proven = outcome.proven >= 1
    chosen = layout.choices(list(outcome.values))
    courses = layout.courses
    limits = (
        None if max_hours is None else round(max_hours * 60),
        None if max_cost is None else to_cents(max_cost),
    )
    result = layout.explain(team, chosen, library.currency(), limits)
    primary_value = result["total_cents"] if objective == "cost" else result["total_minutes"]
    if proven:
        bound = primary_value
    elif outcome.bound is not None and math.isfinite(outcome.bound):
        # combined = primary - big * covered: any plan covering as much costs at least
        # the combined bound plus big * covered (one covering more, more than that).
        offset = big * layout.covered(chosen)
        bound = min(primary_value, max(0, math.ceil(outcome.bound + offset - 1e-6)))
    else:
        bound = 0
    scale = 100 if objective == "cost" else 60
    return TeamPlan(
        source=team.source,
        name=team.name,
        objective=objective,
        status="optimal" if proven else "feasible",
        lower_bound=clean_number(bound / scale),
        optimality_gap=0.0
        if primary_value == 0
        else round((primary_value - bound) / primary_value, 6),
        ties_proven=outcome.ties_proven and ties_possible and proven,
        currency=library.currency(),
        members=result["members"],
        courses=result["courses"],
        departments=result["departments"],
        total_cost=clean_number(result["total_cents"] / 100),
        total_hours=clean_number(result["total_minutes"] / 60),
        alone_cost=result["alone_cost"],
        alone_hours=result["alone_hours"],
        alone_covered=result["alone_covered"],
        pooled_cost=clean_number(layout.pooled_cents([need.alone for need in layout.needs]) / 100),
        max_cost=max_cost,
        max_hours=max_hours,
        baseline_returned=not proven and chosen == [list(cols) for cols in baseline],
        unpriced=tuple(
            c for c in result["used"] if courses[c].cost is None and courses[c].session_cost is None
        ),
    )
