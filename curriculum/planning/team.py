"""Team training plans: who takes which course, and how many sessions run.

A team file lists members, each with a standard, targets and the items already
held. Courses run as sessions: ``session_cost`` is the fixed price of one run,
``cost`` the price per head, ``capacity`` the seats of a session and
``min_participants`` the fewest a session runs with. One CP-SAT model plans the
whole team. Objectives, in order: the covered weight (only a budget or a minimum
number of participants can keep it below everything coverable), then the total
cost (sessions plus heads) and the training hours (``objective="hours"`` swaps
them), then fewer enrolments, then, among equally good plans, each member in
team-file order takes the courses earliest in code order.

The member-by-member plan (each member planned alone, as ``curriculum plan``
does) is computed first. Its course choices, with sessions shared, are the
solver's starting point, so the team plan is never worse than them, even when a
time limit stops the search. Before the search, members whose course would miss
its minimum are planned again without it, and one pass moves each member to
cheaper courses at marginal prices (a free seat in a session that runs anyway
costs the per-head price only); the better of the two starts the search.

Team files hold personal data: names are kept for the reports but never appear
in error messages or logs, which name members by id only.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any

from curriculum.errors import CurriculumError, DataFileError
from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.model.standard import Course
from curriculum.numbers import clean_number
from curriculum.planning.requirement import (
    build_plan_problem,
    build_requirement,
    to_cents,
)
from curriculum.planning.team_heuristics import Need, TeamLayout, plan_alone
from curriculum.planning.team_result import Objective, TeamPlan
from curriculum.solve.cover import SolveParams
from curriculum.solve.lexicographic import Stage, solve_lexicographic

TIE_BREAK_LIMIT = 2400  # enrolment variables up to which ties are broken (48 per solve)


def plan_team(
    library: Library,
    team: Team,
    *,
    objective: Objective = "cost",
    max_cost: float | None = None,
    max_hours: float | None = None,
    attitudes: bool = False,
    ignore_levels: bool = False,
    exclude: Sequence[str] = (),
    params: SolveParams | None = None,
    progress: Callable[[str], None] | None = None,
) -> TeamPlan:
    """Plan the whole team in one CP-SAT model (see the module docstring).

    Raises
    ------
    DataFileError
        When a member names an unknown standard, target or held item (the
        message gives the team file, the line and the member id).
    UnknownReferenceError
        For an excluded course code no catalogue defines.
    """
    params = params or SolveParams()
    deadline = None if params.time_limit is None else time.monotonic() + params.time_limit
    max_minutes = None if max_hours is None else round(max_hours * 60)
    max_cents = None if max_cost is None else to_cents(max_cost)

    # ---- data: one cover problem per distinct member profile
    needs: list[Need] = []
    cache: dict[tuple[Any, ...], Need] = {}
    problems: list[str] = []
    for n, member in enumerate(team.members):
        key = (member.standard, member.targets, member.held)
        if key not in cache:
            try:
                requirement = build_requirement(
                    library.standard(member.standard),
                    member.targets,
                    attitudes=attitudes,
                    have=member.held,
                )
            except CurriculumError as exc:
                problems.append(f"{team.place(n)}: member {member.id}: {exc}")
                continue
            problem = build_plan_problem(
                library, requirement, exclude=exclude, ignore_levels=ignore_levels
            )
            alone = plan_alone(problem.cover, objective, max_minutes, SolveParams(workers=1))
            cache[key] = Need(problem, alone)
        needs.append(cache[key])
    if problems:
        raise DataFileError("\n".join(problems))

    courses: dict[str, Course] = {}
    for need in needs:
        for course in need.problem.courses:
            courses.setdefault(course.code, course)
    codes = sorted(courses)

    # ---- variables: x[m][j] for member m and column j of their problem
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = [
        [model.new_bool_var(f"x[{m},{col}]") for col in need.problem.cover.columns]
        for m, need in enumerate(needs)
    ]
    takers: dict[str, list[Any]] = {c: [] for c in codes}
    for m, need in enumerate(needs):
        for j, col in enumerate(need.problem.cover.columns):
            takers[col].append(x[m][j])
    sessions = {}
    most = {}  # the most sessions a course can need
    for code in codes:
        course = courses[code]
        cap = course.capacity or len(takers[code])
        most[code] = math.ceil(len(takers[code]) / cap)
        sessions[code] = model.new_int_var(0, most[code], f"n[{code}]")
    soft = (
        max_cost is not None
        or max_hours is not None
        or any((courses[c].min_participants or 1) > 1 for c in codes)
    )
    cov: list[list[Any]] = []
    for m, need in enumerate(needs):
        cover = need.problem.cover
        row = []
        for i, cols in enumerate(cover.coverers()):
            literals = [x[m][j] for j in cols]
            if soft:
                var = model.new_bool_var(f"cov[{m},{i}]")
                model.add_bool_or([var.Not(), *literals])
                row.append(var)
            else:
                model.add_bool_or(literals)
        cov.append(row)
        for j in cover.forced:
            model.add(x[m][j] == 1)

    # ---- constraints: seats, minimum participants, budgets
    for code in codes:
        course = courses[code]
        heads = sum(takers[code])
        if course.capacity is not None:
            model.add(heads <= course.capacity * sessions[code])
        for var in takers[code]:  # implied, but it makes the LP relaxation much tighter
            model.add(var <= sessions[code])
        model.add(heads >= (course.min_participants or 1) * sessions[code])
    minutes_of = {c: round(courses[c].hours * 60) for c in codes}
    head_cents = {c: to_cents(courses[c].cost) for c in codes}
    session_cents = {c: to_cents(courses[c].session_cost) for c in codes}
    member_minutes = [
        sum(minutes_of[col] * x[m][j] for j, col in enumerate(need.problem.cover.columns))
        for m, need in enumerate(needs)
    ]
    if max_minutes is not None:
        for expr in member_minutes:
            model.add(expr <= max_minutes)
    cost_expr = sum(session_cents[c] * sessions[c] for c in codes) + sum(
        head_cents[c] * sum(takers[c]) for c in codes
    )
    if max_cents is not None:
        model.add(cost_expr <= max_cents)
    hours_expr = sum(member_minutes)

    # ---- objectives
    flat_x = [v for row in x for v in row]
    flat_cov = [v for row in cov for v in row]
    variables = [*flat_x, *(sessions[c] for c in codes), *flat_cov]
    first, second = (cost_expr, hours_expr) if objective == "cost" else (hours_expr, cost_expr)
    if objective == "cost":
        big = sum(session_cents[c] * most[c] + head_cents[c] * len(takers[c]) for c in codes)
    else:
        big = sum(minutes_of[col] for need in needs for col in need.problem.cover.columns)
    big += 1
    if soft:
        # Coverage first, in one objective with the primary one: every item covered is
        # worth more than any cost (or hours) can be, so the order is lexicographic,
        # while the search keeps looking at the cost from the first solution on.
        first = first - big * sum(flat_cov)
    unit, scale = ("TWD", 100) if objective == "cost" else ("h", 60)

    def describe(value: float, bound: float) -> str:
        covered = max(0, math.ceil(-value / big - 1e-9)) if soft else 0
        best = (value + big * covered) / scale
        low = max(0.0, (bound + big * covered) / scale) if math.isfinite(bound) else 0.0
        text = f"best {best:,.0f} {unit}, bound {low:,.0f} {unit}"
        return f"{text}, item(s) left out: {layout.coverable - covered}" if soft else text

    stages = [
        Stage(first, name=objective, describe=describe),
        Stage(
            second,
            name="hours" if objective == "cost" else "cost",
            describe=lambda v, b: f"best {v / (60 if objective == 'cost' else 100):,.0f}",
        ),
    ]
    stages += [
        Stage(sum(flat_x), name="enrolments"),
        Stage(sum(sessions.values()), name="sessions"),
    ]

    layout = TeamLayout(needs, codes, courses, minutes_of, head_cents, session_cents)

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        return layout.evaluate(values, big if soft else 0, objective)

    baseline = layout.replan([list(need.alone) for need in needs], objective)
    baseline = layout.repair(baseline)
    if objective == "cost" and max_minutes is None:
        better = layout.repair(layout.replan(layout.share(baseline, deadline), objective))
        if layout.rank(better) < layout.rank(baseline):
            baseline = better
    hint = layout.hint_from_choices(baseline, soft)
    feasible = layout.is_feasible(hint, max_minutes, max_cents)
    if not feasible and soft:  # over the team budget: start from nothing, always feasible
        baseline = [[] for _ in needs]
        hint = layout.hint_from_choices(baseline, soft)
        feasible = True
    if params.workers == 0:
        # CP-SAT's full portfolio (8 workers, even on 2 cores) proves budgeted team
        # models that 1-4 workers leave open (measured on examples/team.csv).
        params = SolveParams(time_limit=params.time_limit, workers=8, seed=params.seed)
    prefer = range(len(flat_x)) if len(flat_x) <= TIE_BREAK_LIMIT else ()
    outcome = solve_lexicographic(
        model,
        variables,
        stages,
        evaluate,
        hint=hint,
        hint_feasible=feasible,
        prefer=prefer,
        params=params,
        deadline=deadline,
        progress=progress,
    )
    proven = outcome.proven >= 1
    values = list(outcome.values)
    chosen = layout.choices(values)
    result = layout.explain(team, chosen, library.currency())
    primary_value = result["total_cents"] if objective == "cost" else result["total_minutes"]
    if proven:
        bound = primary_value
    elif outcome.bound is not None and math.isfinite(outcome.bound):
        # combined = primary - big * covered: any plan covering as much costs at least
        # the combined bound plus big * covered (one covering more, more than that).
        offset = big * layout.covered(chosen) if soft else 0
        bound = min(primary_value, max(0, math.ceil(outcome.bound + offset - 1e-6)))
    else:
        bound = 0
    scale = 100 if objective == "cost" else 60
    return TeamPlan(
        source=team.source,
        objective=objective,
        status="optimal" if proven else "feasible",
        bound=clean_number(bound / scale),
        gap=0.0 if primary_value == 0 else round((primary_value - bound) / primary_value, 6),
        ties_proven=outcome.ties_proven and bool(prefer or not flat_x) and proven,
        currency=library.currency(),
        members=result["members"],
        courses=result["courses"],
        departments=result["departments"],
        total_cost=clean_number(result["total_cents"] / 100),
        total_hours=clean_number(result["total_minutes"] / 60),
        alone_cost=result["alone_cost"],
        alone_hours=result["alone_hours"],
        pooled_cost=clean_number(layout.pooled_cents([need.alone for need in needs]) / 100),
        max_cost=max_cost,
        max_hours=max_hours,
        baseline_returned=not proven and chosen == [list(cols) for cols in baseline],
        unpriced=tuple(
            c for c in result["used"] if courses[c].cost is None and courses[c].session_cost is None
        ),
    )
