"""Plans under a budget: the most requirement a budget of hours or money buys.

When the plan without a budget fits, it is the answer, unchanged. Otherwise the
plan maximises the covered weight (every item weighs 1 unless a weights file says
otherwise), then minimises hours, then cost, then the number of courses, then
prefers the smallest sorted list of course codes, like the core planner. The
coverable items left out are *budget gaps*, reported apart from the catalogue's
gaps. Weights are whole thousandths internally, hours whole minutes and prices
whole hundredths, as CP-SAT needs integers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from curriculum.errors import BudgetError, SolverError
from curriculum.io.library import Library
from curriculum.io.weights import UNIT_WEIGHTS, WEIGHT_SCALE, Weights
from curriculum.planning.plan import explain
from curriculum.planning.requirement import PlanProblem, plan_problem, to_cents
from curriculum.planning.result import Budget, Plan
from curriculum.request import Request
from curriculum.solve.cover import solve_cover
from curriculum.solve.coverage import Coverage, solve_coverage
from curriculum.solve.coverage import fits as coverage_fits
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.problem import CoverProblem, CoverSolution, Status


@dataclass(frozen=True)
class BudgetSolution:
    """A budgeted selection of columns of a :class:`CoverProblem`.

    ``status`` is ``"optimal"`` when both the covered weight and then the hours
    are proven best; ``weight_bound`` and ``hours_bound`` are proven bounds (the
    hours bound is 0 when the weight was not proven).
    """

    chosen: tuple[int, ...]
    covered: tuple[int, ...]
    weight: int
    value: tuple[int, ...]
    status: Status
    weight_bound: int
    hours_bound: int
    ties_proven: bool
    fits_unbudgeted: bool


def fits(value: Sequence[int], max_minutes: int | None, max_cents: int | None) -> bool:
    """Whether an objective vector (minutes, cents) meets the budget."""
    return coverage_fits(value, (max_minutes, max_cents))


def solve_budget(
    problem: CoverProblem,
    weights: Sequence[int],
    *,
    max_minutes: int | None = None,
    max_cents: int | None = None,
    params: SolveParams | None = None,
    deadline: Deadline | None = None,
) -> BudgetSolution:
    """The best selection within a budget of minutes and hundredths.

    ``problem.objectives`` must be (minutes, cents). The unbudgeted optimum is
    returned unchanged when it fits; otherwise the max-coverage model of
    :mod:`curriculum.solve.coverage` (weight, then minutes, cents, courses).

    Raises
    ------
    BudgetError
        When the forced columns alone (with their requirements) exceed the budget.
    """
    params = params or SolveParams()
    # One deadline for the whole solve: the plain plan first, the budgeted one in what is left.
    deadline = deadline_for(params, deadline)
    total = sum(weights)
    forced_value = problem.value(problem.forced)
    if not fits(forced_value, max_minutes, max_cents):
        raise BudgetError.keyed(
            "budget.required",
            hours=f"{forced_value[0] / 60:g}",
            cost=f"{forced_value[1] / 100:,.2f}",
        )
    plain = solve_cover(problem, params, deadline)
    if fits(plain.value, max_minutes, max_cents):
        return _unbudgeted_solution(plain, len(problem.items), total)
    try:
        found = solve_coverage(
            problem, weights, (max_minutes, max_cents), params=params, deadline=deadline
        )
    except SolverError as error:
        if problem.requires and "INFEASIBLE" in str(error):
            raise BudgetError.keyed("budget.prerequisites") from error
        raise
    return _budget_solution(found, total)


def _budget_solution(found: Coverage, total: int) -> BudgetSolution:
    """The max-coverage model's selection, with bounds on its weight and hours
    (``total``: the weight of every item)."""
    minutes = found.value[0]
    if found.proven == 0:  # the weight not proven: CP-SAT's bound on it, no bound on hours
        bound = found.bound
        weight_bound = total if bound is None or not math.isfinite(bound) else int(bound + 1e-6)
        weight_bound, hours_bound = max(found.weight, weight_bound), 0
    elif found.proven == 1:  # the weight proven, the hours for it not: CP-SAT's bound on them
        bound = found.bound
        hours_bound = 0 if bound is None or not math.isfinite(bound) else math.ceil(bound - 1e-6)
        weight_bound, hours_bound = found.weight, max(0, min(hours_bound, minutes))
    else:
        weight_bound, hours_bound = found.weight, minutes
    return BudgetSolution(
        found.chosen,
        found.covered,
        found.weight,
        found.value,
        "optimal" if found.proven >= 2 else "feasible",
        weight_bound,
        hours_bound,
        found.ties_proven,
        False,
    )


def _unbudgeted_solution(plain: CoverSolution, items: int, total: int) -> BudgetSolution:
    """The plain optimum, which fits the budget: every one of the ``items`` covered."""
    return BudgetSolution(
        plain.chosen,
        tuple(range(items)),
        total,
        plain.value,
        plain.status,
        total,
        plain.lower_bound,
        plain.ties_proven,
        True,
    )


def item_weights(problem: PlanProblem, weights: Weights) -> tuple[int, ...]:
    """Integer weights (thousandths) of the cover problem's items."""
    standard = problem.requirement.standard
    return tuple(round(weights.of(standard, i) * WEIGHT_SCALE) for i in problem.cover.items)


def plan_with_budget(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights: Weights | None = None,
    deadline: Deadline | None = None,
) -> Plan:
    """The request's plan within ``max_hours`` and ``max_cost`` (price = cost +
    session cost), the request as for :func:`~curriculum.planning.plan.plan_courses`.

    Prerequisites count in the budget: a course is bought with its own.

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    BudgetError
        When the required courses alone exceed the budget.
    """
    weights = weights or UNIT_WEIGHTS
    problem = plan_problem(library, request)
    w = item_weights(problem, weights)
    solution = solve_budget(
        problem.cover,
        w,
        max_minutes=None if max_hours is None else round(max_hours * 60),
        max_cents=None if max_cost is None else to_cents(max_cost),
        params=params,
        deadline=deadline,
    )
    left_out = tuple(
        item for i, item in enumerate(problem.cover.items) if i not in set(solution.covered)
    )
    cover_solution = CoverSolution(
        solution.chosen, solution.value, solution.status, solution.hours_bound, solution.ties_proven
    )
    budget = Budget(
        max_hours=max_hours,
        max_cost=max_cost,
        covered_weight=solution.weight / WEIGHT_SCALE,
        coverable_weight=sum(w) / WEIGHT_SCALE,
        weight_bound=solution.weight_bound / WEIGHT_SCALE,
        weights={item: wt / WEIGHT_SCALE for item, wt in zip(problem.cover.items, w, strict=True)},
        fits_unbudgeted=solution.fits_unbudgeted,
    )
    return explain(library, problem, cover_solution, budget_gaps=left_out, budget=budget)
