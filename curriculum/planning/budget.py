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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from curriculum.errors import BudgetError
from curriculum.io.library import Library
from curriculum.io.weights import UNIT_WEIGHTS, WEIGHT_SCALE, Weights, load_weights
from curriculum.planning.plan import explain
from curriculum.planning.requirement import (
    PlanProblem,
    build_plan_problem,
    build_requirement,
    to_cents,
)
from curriculum.planning.result import Budget, Plan
from curriculum.solve.cover import SolveParams, solve_cover
from curriculum.solve.lexicographic import Stage, solve_lexicographic
from curriculum.solve.problem import CoverProblem, CoverSolution


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
    status: str
    weight_bound: int
    hours_bound: int
    ties_proven: bool
    fits_unbudgeted: bool


def fits(value: Sequence[int], max_minutes: int | None, max_cents: int | None) -> bool:
    """Whether an objective vector (minutes, cents) meets the budget."""
    return (max_minutes is None or value[0] <= max_minutes) and (
        max_cents is None or value[1] <= max_cents
    )


def solve_budget(
    problem: CoverProblem,
    weights: Sequence[int],
    *,
    max_minutes: int | None = None,
    max_cents: int | None = None,
    params: SolveParams | None = None,
) -> BudgetSolution:
    """The best selection within a budget of minutes and hundredths.

    ``problem.objectives`` must be (minutes, cents). The unbudgeted optimum is
    returned unchanged when it fits.

    Raises
    ------
    BudgetError
        When the forced columns alone exceed the budget.
    """
    params = params or SolveParams()
    n = len(problem.columns)
    total = sum(weights)
    everything = tuple(range(len(problem.items)))
    forced_value = problem.value(problem.forced)
    if not fits(forced_value, max_minutes, max_cents):
        raise BudgetError(
            "the required courses alone exceed the budget "
            f"({forced_value[0] / 60:g} h, {forced_value[1] / 100:,.2f})"
        )
    plain = solve_cover(problem, params)
    if fits(plain.value, max_minutes, max_cents):
        return BudgetSolution(
            plain.chosen,
            everything,
            total,
            plain.value,
            plain.status,
            total,
            plain.lower_bound,
            plain.ties_proven,
            True,
        )

    from ortools.sat.python import cp_model

    coverers = problem.coverers()
    model = cp_model.CpModel()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    cov = [model.new_bool_var(f"cov[{i}]") for i in range(len(problem.items))]
    for i, cols in enumerate(coverers):
        model.add_bool_or([cov[i].Not(), *(take[j] for j in cols)])
    for j in problem.forced:
        model.add(take[j] == 1)
    minutes, cents = problem.objectives[0], problem.objectives[1]
    if max_minutes is not None:
        model.add(sum(minutes[j] * take[j] for j in range(n)) <= max_minutes)
    if max_cents is not None:
        model.add(sum(cents[j] * take[j] for j in range(n)) <= max_cents)

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        chosen = [j for j in range(n) if values[j]]
        covered = {i for j in chosen for i in problem.covers[j]}
        value = problem.value(chosen)
        return (-sum(weights[i] for i in covered), value[0], value[1], len(chosen))

    start = greedy_budget(problem, weights, max_minutes, max_cents)
    start_cov = {i for j in start for i in problem.covers[j]}
    hint = [int(j in start) for j in range(n)] + [
        int(i in start_cov) for i in range(len(problem.items))
    ]
    stages = [
        Stage(sum(w * c for w, c in zip(weights, cov, strict=True)), maximize=True, name="weight"),
        Stage(sum(m * t for m, t in zip(minutes, take, strict=True)), name="hours"),
        Stage(sum(c * t for c, t in zip(cents, take, strict=True)), name="cost"),
        Stage(sum(take), name="courses"),
    ]
    outcome = solve_lexicographic(
        model,
        [*take, *cov],
        stages,
        evaluate,
        hint=hint,
        prefer=range(n),
        params=params,
    )
    chosen = tuple(j for j in range(n) if outcome.values[j])
    covered = tuple(sorted({i for j in chosen for i in problem.covers[j]}))
    weight = sum(weights[i] for i in covered)
    value = problem.value(chosen)
    if outcome.proven == 0:
        bound = outcome.bound
        weight_bound = sum(weights) if bound is None or bound != bound else int(bound + 1e-6)
        weight_bound = max(weight, weight_bound)
        hours_bound = 0
    else:
        weight_bound = weight
        hours_bound = value[0] if outcome.proven >= 2 else max(0, _ceil(outcome.bound))
    return BudgetSolution(
        chosen,
        covered,
        weight,
        value,
        "optimal" if outcome.proven >= 2 else "feasible",
        weight_bound,
        min(hours_bound, value[0]),
        outcome.ties_proven,
        False,
    )


def _ceil(value: float | None) -> int:
    import math

    if value is None or not math.isfinite(value):
        return 0
    return math.ceil(value - 1e-6)


def greedy_budget(
    problem: CoverProblem,
    weights: Sequence[int],
    max_minutes: int | None,
    max_cents: int | None,
) -> list[int]:
    """A selection within the budget: forced columns, then best new weight per minute."""
    chosen = set(problem.forced)
    value = list(problem.value(chosen))
    covered = {i for j in chosen for i in problem.covers[j]}
    while True:
        best, best_key = -1, (0.0, 0)
        for j, items in enumerate(problem.covers):
            if j in chosen:
                continue
            gain = sum(weights[i] for i in items if i not in covered)
            after = [v + o[j] for v, o in zip(value, problem.objectives, strict=True)]
            if gain == 0 or not fits(after, max_minutes, max_cents):
                continue
            key = (gain / max(1, problem.objectives[0][j]), -j)
            if key > best_key:
                best, best_key = j, key
        if best < 0:
            return sorted(chosen)
        chosen.add(best)
        covered.update(problem.covers[best])
        value = [v + o[best] for v, o in zip(value, problem.objectives, strict=True)]


def item_weights(problem: PlanProblem, weights: Weights) -> tuple[int, ...]:
    """Integer weights (thousandths) of the cover problem's items."""
    standard = problem.requirement.standard
    return tuple(round(weights.of(standard, i) * WEIGHT_SCALE) for i in problem.cover.items)


def plan_with_budget(
    library: Library,
    standard: str,
    targets: Sequence[str] = (),
    *,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights: Weights | Path | None = None,
    attitudes: bool = False,
    have: Sequence[str] = (),
    exclude: Sequence[str] = (),
    require: Sequence[str] = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
) -> Plan:
    """A plan within ``max_hours`` and ``max_cost`` (price = cost + session cost).

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    DataFileError
        For a bad weights file.
    BudgetError
        When the required courses alone exceed the budget.
    """
    std = library.standard(standard)
    if isinstance(weights, Path):
        weights = load_weights(weights, std)
    weights = weights or UNIT_WEIGHTS
    requirement = build_requirement(std, targets, attitudes=attitudes, have=have)
    problem = build_plan_problem(
        library, requirement, exclude=exclude, require=require, ignore_levels=ignore_levels
    )
    w = item_weights(problem, weights)
    solution = solve_budget(
        problem.cover,
        w,
        max_minutes=None if max_hours is None else round(max_hours * 60),
        max_cents=None if max_cost is None else to_cents(max_cost),
        params=params,
    )
    left_out = tuple(
        item for i, item in enumerate(problem.cover.items) if i not in set(solution.covered)
    )
    cover_solution = CoverSolution(
        solution.chosen, solution.value, solution.status, solution.hours_bound, solution.ties_proven
    )  # type: ignore[arg-type]
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
