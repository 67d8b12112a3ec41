"""The team's CP-SAT model: enrolment and session variables, rules, objectives.

Built by :func:`curriculum.planning.team.plan.plan_team` (the whole team),
:func:`~curriculum.planning.team.plan.restricted_start` (the courses the LP
relaxation runs) and :mod:`curriculum.planning.team.lns` (members held fixed).
Coverage is a hard rule when ``layout.required`` is known and the model not
``soft``; :func:`rounding_cuts` then tighten the bound.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.planning.team.heuristics import TeamLayout
from curriculum.planning.team.result import Objective
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import Stage, add_requirements

Cut = tuple[int, tuple[tuple[str, int], ...]]  # (least, ((course, weight), ...))


@dataclass(frozen=True)
class TeamModel:
    """The team's CP-SAT model, its variables in :class:`TeamLayout`'s order and its stages.

    ``big`` is more than the primary objective can ever be, so that one covered
    item outweighs it (0 when coverage is a hard rule); ``enrolments`` counts
    the enrolment variables, which come first in ``variables``.
    """

    model: Any
    variables: list[Any]
    enrolments: int
    stages: list[Stage]
    big: int
    layout: TeamLayout
    objective: Objective

    def evaluate(self, values: Sequence[int]) -> tuple[int, ...]:
        """Stage values of an assignment (smaller is better), as the search compares them."""
        return self.layout.evaluate(values, self.big, self.objective)


def build_team_model(
    layout: TeamLayout,
    objective: Objective,
    soft: bool,
    max_minutes: int | None,
    max_cents: int | None,
    fixed: Mapping[str, int] | None = None,
) -> TeamModel:
    """Variables, rules (coverage, seats, minimums, budgets) and objectives of the team.

    ``fixed`` gives, per course, participants outside ``layout`` (members whose
    enrolments are held fixed, see :mod:`curriculum.planning.team.lns`): they
    take seats and count towards the minimum; their per-head price is left out.
    """
    fixed = fixed or {}
    model = cpsat.new_model()
    x, takers = _enrolment_vars(model, layout)
    sessions, most = _session_vars(model, layout, takers, fixed)
    cov = _coverage_rules(model, layout, x, soft)
    _seat_rules(model, layout, takers, sessions, fixed)
    if layout.required is not None and not soft:
        _add_rounding_cuts(model, layout, takers, sessions, fixed)
    member_minutes = [
        cpsat.weighted_sum(row, [layout.minutes_of[c] for c in need.problem.cover.columns])
        for row, need in zip(x, layout.needs, strict=True)
    ]
    if max_minutes is not None:
        for expr in member_minutes:
            model.add(expr <= max_minutes)
    codes = layout.codes
    cost_expr = cpsat.weighted_sum(
        [sessions[c] for c in codes] + [v for c in codes for v in takers[c]],
        [layout.session_cents[c] for c in codes]
        + [layout.head_cents[c] for c in codes for _ in takers[c]],
    )
    if max_cents is not None:
        model.add(cost_expr <= max_cents)
    hours_expr = sum(member_minutes)
    flat_x = [v for row in x for v in row]
    flat_cov = [v for row in cov for v in row]
    big = _big(layout, objective, most, takers) + 1 if soft else 0
    stages = _team_stages(layout, objective, cost_expr, hours_expr, big, flat_x, flat_cov)
    stages.append(
        Stage(cpsat.weighted_sum(list(sessions.values()), [1] * len(codes)), name="sessions")
    )
    variables = [*flat_x, *sessions.values(), *flat_cov]
    return TeamModel(model, variables, len(flat_x), stages, big, layout, objective)


def _enrolment_vars(model: Any, layout: TeamLayout) -> tuple[list[list[Any]], dict[str, list[Any]]]:
    """``x[m][j]``: member ``m`` takes column ``j``; and the enrolment variables per course."""
    x = [
        [model.new_bool_var(f"x[{m},{col}]") for col in need.problem.cover.columns]
        for m, need in enumerate(layout.needs)
    ]
    takers: dict[str, list[Any]] = {c: [] for c in layout.codes}
    for m, need in enumerate(layout.needs):
        for j, col in enumerate(need.problem.cover.columns):
            takers[col].append(x[m][j])
    return x, takers


def _session_vars(
    model: Any,
    layout: TeamLayout,
    takers: dict[str, list[Any]],
    fixed: Mapping[str, int],
) -> tuple[dict[str, Any], dict[str, int]]:
    """The session count of each course, and the most sessions it can need."""
    most: dict[str, int] = {}
    sessions: dict[str, Any] = {}
    for code in layout.codes:
        total = len(takers[code]) + fixed.get(code, 0)
        cap = layout.courses[code].capacity or total
        most[code] = math.ceil(total / cap)
        sessions[code] = model.new_int_var(0, most[code], f"n[{code}]")
    return sessions, most


def _add_rounding_cuts(
    model: Any,
    layout: TeamLayout,
    takers: dict[str, list[Any]],
    sessions: dict[str, Any],
    fixed: Mapping[str, int],
) -> None:
    """The :func:`rounding_cuts` as rules on the session counts."""
    heads = {c: len(takers[c]) + fixed.get(c, 0) for c in layout.codes}
    for least, terms in rounding_cuts(layout, heads):
        weights = [w for _, w in terms]
        model.add(cpsat.weighted_sum([sessions[c] for c, _ in terms], weights) >= least)


def _big(
    layout: TeamLayout,
    objective: Objective,
    most: Mapping[str, int],
    takers: Mapping[str, list[Any]],
) -> int:
    """The most the primary objective can be (every session and seat, or every hour)."""
    if objective == "cost":
        return sum(
            layout.session_cents[c] * most[c] + layout.head_cents[c] * len(takers[c])
            for c in layout.codes
        )
    return sum(layout.minutes_of[c] for need in layout.needs for c in need.problem.cover.columns)


def _coverage_rules(
    model: Any, layout: TeamLayout, x: list[list[Any]], soft: bool
) -> list[list[Any]]:
    """Each member's items covered (hard), or coverage literals when ``soft``."""
    cov: list[list[Any]] = []
    for m, need in enumerate(layout.needs):
        cover = need.problem.cover
        row = []
        for i, cols in enumerate(cover.coverers()):
            literals = [x[m][j] for j in cols]
            if layout.required is not None and not soft:
                if i not in layout.required[m]:
                    continue
                literals = [x[m][j] for j in cols if cover.columns[j] in layout.running]
                model.add_bool_or(literals)
            elif soft:
                var = model.new_bool_var(f"cov[{m},{i}]")
                model.add_bool_or([var.Not(), *literals])
                row.append(var)
            else:
                model.add_bool_or(literals)
        cov.append(row)
        for j in cover.forced:
            model.add(x[m][j] == 1)
        add_requirements(model, x[m], cover.requires)  # a member's prerequisites
        if layout.required is not None and not soft:
            for j, code in enumerate(cover.columns):
                if code not in layout.running:
                    model.add(x[m][j] == 0)
    return cov


def _seat_rules(
    model: Any,
    layout: TeamLayout,
    takers: dict[str, list[Any]],
    sessions: dict[str, Any],
    fixed: Mapping[str, int],
) -> None:
    """Seats per session, and the fewest participants of a session that runs."""
    for code in layout.codes:
        course = layout.courses[code]
        heads = cpsat.weighted_sum(takers[code], [1] * len(takers[code])) + fixed.get(code, 0)
        if course.capacity is not None:
            model.add(heads <= course.capacity * sessions[code])
        for var in takers[code]:  # implied, but it makes the LP relaxation much tighter
            model.add(var <= sessions[code])
        model.add(heads >= (course.min_participants or 1) * sessions[code])


def rounding_cuts(layout: TeamLayout, heads: Mapping[str, int]) -> list[Cut]:
    """Session counts every item's demand needs, rounded up (coverage a hard rule).

    If ``D`` members must cover an item and ``C`` are the courses that can
    cover it, their sessions seat at least ``D``: ``sum(cap[c] * n[c]) >= D``.
    Divided by any ``k > 0`` and rounded up (Chvátal-Gomory), ``sum(ceil(cap[c] /
    k) * n[c]) >= ceil(D / k)`` holds for integer session counts, though not for
    the LP relaxation's fractional ones. One cut ``(least, ((course, weight),
    ...))`` per item and per seat count ``k`` among the capacities, when it
    asks for more than one session (one is implied); ``heads`` gives the most
    participants of each course (its seats when it has no capacity). On the
    100-member benchmark team they lift the LP bound from 2,012,448 to
    2,063,966 TWD (the optimum is 2,101,800).
    """
    assert layout.required is not None
    demand: dict[str, int] = {}
    courses: dict[str, set[str]] = {}
    for m, need in enumerate(layout.needs):
        cover, coverers = need.problem.cover, need.problem.cover.coverers()
        for i in layout.required[m]:
            item = cover.items[i]
            demand[item] = demand.get(item, 0) + 1
            courses.setdefault(item, set()).update(
                cover.columns[j] for j in coverers[i] if cover.columns[j] in layout.running
            )
    seats = {c: layout.courses[c].capacity or max(1, heads[c]) for c in layout.codes}
    sizes = sorted(set(seats.values()))
    cuts: set[Cut] = set()
    for item in sorted(demand):
        for k in sizes:
            least = -(-demand[item] // k)
            if least > 1:
                cuts.add((least, tuple((c, -(-seats[c] // k)) for c in sorted(courses[item]))))
    return sorted(cuts)


def _team_stages(
    layout: TeamLayout,
    objective: Objective,
    cost_expr: Any,
    hours_expr: Any,
    big: int,
    flat_x: list[Any],
    flat_cov: list[Any],
) -> list[Stage]:
    """Coverage with the primary objective, the other objective, enrolments."""
    first, second = (cost_expr, hours_expr) if objective == "cost" else (hours_expr, cost_expr)
    if big:
        # Coverage first, in one objective with the primary one: every item covered is
        # worth more than any cost (or hours) can be, so the order is lexicographic,
        # while the search keeps looking at the cost from the first solution on.
        first = first - big * cpsat.weighted_sum(flat_cov, [1] * len(flat_cov))
    unit, scale = ("TWD", 100) if objective == "cost" else ("h", 60)

    def describe(value: float, bound: float) -> str:
        covered = max(0, math.ceil(-value / big - 1e-9)) if big else 0
        best = (value + big * covered) / scale
        low = max(0.0, (bound + big * covered) / scale) if math.isfinite(bound) else 0.0
        text = f"best {best:,.0f} {unit}, bound {low:,.0f} {unit}"
        return f"{text}, item(s) left out: {layout.coverable - covered}" if big else text

    other_scale = 60 if objective == "cost" else 100
    return [
        Stage(first, name=objective, describe=describe),
        Stage(
            second,
            name="hours" if objective == "cost" else "cost",
            describe=lambda v, b: f"best {v / other_scale:,.0f}",
        ),
        Stage(cpsat.weighted_sum(flat_x, [1] * len(flat_x)), name="enrolments"),
    ]
