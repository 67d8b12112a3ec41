"""The one max-coverage model: the most weight within limits, then the least of each objective.

Used by budgeted plans (:mod:`curriculum.planning.budget`) and the coverage
curve (:mod:`curriculum.planning.frontier`). Over the columns of a
:class:`~curriculum.solve.problem.CoverProblem`, each objective (minutes, cents,
...) may be limited; the model maximises the covered item weight, then minimises
the ``primary`` objective, then the others in order, then the number of columns,
then prefers the smallest sorted list of columns. No item has to be covered.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.solve import cpsat, race
from curriculum.solve.coverage_lp import CoverageLP, coverage_lp, lp_fixings
from curriculum.solve.coverage_start import fits, greedy_coverage
from curriculum.solve.lexicographic import (
    LexOutcome,
    Stage,
    add_requirements,
    solve_lexicographic,
)
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.problem import CoverProblem
from curriculum.solve.race import CoverageModel
from curriculum.solve.relaxation import LP_SHARE

__all__ = ["Coverage", "CoverageLP", "coverage_lp", "fits", "greedy_coverage", "solve_coverage"]

Limits = Sequence[int | None]


@dataclass(frozen=True)
class Coverage:
    """A selection of columns found by :func:`solve_coverage`.

    Attributes
    ----------
    chosen, covered
        The columns taken and the items they cover.
    weight
        The covered weight.
    value
        The objective vector of ``chosen``.
    proven
        How many stages were proven optimal, in the order weight, primary
        objective, other objectives, column count.
    stages
        How many stages there were.
    bound
        The proven bound of the first stage not proven (an upper bound on the
        weight, or a lower bound on an objective), ``None`` when all were, NaN
        when CP-SAT had none.
    ties_proven
        Whether the column-order tie-break was completed too.
    """

    chosen: tuple[int, ...]
    covered: tuple[int, ...]
    weight: int
    value: tuple[int, ...]
    proven: int
    stages: int
    bound: float | None
    ties_proven: bool

    @property
    def optimal(self) -> bool:
        """Every stage and the tie-break proven: the answer is unique."""
        return self.proven == self.stages and self.ties_proven


def covered_by(problem: CoverProblem, chosen: Sequence[int]) -> tuple[int, ...]:
    """The sorted items the columns cover."""
    return tuple(sorted({i for j in chosen for i in problem.covers[j]}))


COMBINE_LIMIT = 1 << 52  # the weight and primary objectives share one stage below this


def _coverage_model(
    problem: CoverProblem, weights: Sequence[int], limits: Limits, weight_cap: int | None
) -> tuple[Any, list[Any], list[Any]]:
    """The CP-SAT model: ``take[j]`` per column, ``cov[i]`` per item (true only when a
    taken column covers it), forced columns, the limits and the weight cap."""
    n, m = len(problem.columns), len(problem.items)
    model = cpsat.new_model()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    cov = [model.new_bool_var(f"cov[{i}]") for i in range(m)]
    for i, cols in enumerate(problem.coverers()):
        model.add_bool_or([cov[i].Not(), *(take[j] for j in cols)])
    for j in problem.forced:
        model.add(take[j] == 1)
    add_requirements(model, take, problem.requires)
    sums = [cpsat.weighted_sum(take, objective) for objective in problem.objectives]
    for expr, limit in zip(sums, limits, strict=False):
        if limit is not None:
            model.add(expr <= limit)
    if weight_cap is not None:
        model.add(cpsat.weighted_sum(cov, weights) <= weight_cap)
    return model, take, cov


def solve_coverage(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    *,
    primary: int = 0,
    start: Sequence[int] | None = None,
    weight_cap: int | None = None,
    joint: bool = False,
    params: SolveParams | None = None,
    deadline: Deadline | None = None,
) -> Coverage:
    """The best selection within ``limits`` (see the module docstring).

    With ``joint``, the weight and the ``primary`` objective are one stage,
    ``weight * S - primary`` with ``S`` above any primary value (one search
    instead of two), unless that overflows. Measured (``benchmarks/``): about
    20% faster for the frontier's points (capped, started near the optimum),
    but 2-20x slower than two stages for budget plans on the OR-Library, whose
    pure weight stage CP-SAT's LP proves quickly. With ``params.tie_break`` off
    only the weight and the primary objective are solved (benchmarks of the
    optimum value: no other objective, column count or column order).

    Parameters
    ----------
    problem
        Columns, the items they cover, objectives and forced columns.
    weights
        The weight of each item (non-negative integers).
    limits
        At most this much of each objective (``None``: no limit).
    primary
        The objective minimised right after the weight.
    start
        Columns to start from (hinted, and returned if the search finds nothing
        better in time when they fit the limits); ``None``: :func:`greedy_coverage`.
    weight_cap
        A weight no selection within the limits exceeds, known to the caller
        (the frontier's previous point): added as a constraint.
    joint
        Weight and primary objective in one stage (see above).
    params, deadline
        Workers, seed, time limit; the caller's deadline (else one from ``params``).
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    n, m = len(problem.columns), len(problem.items)
    order = [primary, *(k for k in range(len(problem.objectives)) if k != primary)]
    model, take, cov = _coverage_model(problem, weights, limits, weight_cap)
    stages, scale = _stages(problem, weights, limits, order, take, cov, params.tie_break, joint)

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        chosen = [j for j in range(n) if values[j]]
        value = problem.value(chosen)
        weight = sum(weights[i] for i in covered_by(problem, chosen))
        head = (-weight, value[primary]) if scale is None else (value[primary] - weight * scale,)
        return (*head, *(value[k] for k in order[1:]), len(chosen))

    if start is None:
        start = greedy_coverage(problem, weights, limits, primary=primary)
    picked, reached, start_fits, floor = _start(problem, weights, limits, start)
    variables = [*take, *cov]
    lp, fixed = None, dict[int, int]()
    if params.lp_fixing and n and m and (weight_cap is None or floor <= weight_cap):
        lp, fixed = _fix_by_lp(problem, weights, limits, model, variables, floor, deadline)
    hint = [int(j in picked) for j in range(n)] + [int(i in reached) for i in range(m)]
    hint_feasible = start_fits and (weight_cap is None or floor <= weight_cap)
    if params.engine != "cpsat":  # a branch and cut races CP-SAT on the first stage
        spec = CoverageModel(problem, weights, limits, primary, scale, weight_cap, fixed)
        stages[0] = _with_rival(stages[0], spec, hint if hint_feasible else None, params, deadline)
    outcome = solve_lexicographic(
        model,
        variables,
        stages,
        evaluate,
        hint=hint,
        hint_feasible=hint_feasible,
        prefer=range(n) if params.tie_break else (),
        params=params,
        deadline=deadline,
    )
    return _coverage(problem, weights, outcome, len(stages), scale, lp, params.tie_break)


def _coverage(
    problem: CoverProblem,
    weights: Sequence[int],
    outcome: LexOutcome,
    stages: int,
    scale: int | None,
    lp: CoverageLP | None,
    tie_break: bool,
) -> Coverage:
    """The :class:`Coverage` of the search's ``outcome`` (over ``stages`` stages)."""
    chosen = tuple(j for j in range(len(problem.columns)) if outcome.values[j])
    covered = covered_by(problem, chosen)
    bound = _weight_bound(outcome, scale, lp)
    proven = outcome.proven if scale is None or outcome.proven == 0 else outcome.proven + 1
    stages += scale is not None  # the joint stage counts as two
    return Coverage(
        chosen,
        covered,
        sum(weights[i] for i in covered),
        problem.value(chosen),
        proven,
        stages,
        bound,
        outcome.ties_proven if tie_break else proven == stages,
    )


def _fix_by_lp(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    model: Any,
    variables: Sequence[Any],
    floor: int,
    deadline: Deadline,
) -> tuple[CoverageLP | None, dict[int, int]]:
    """The LP bound and what it fixes (added to ``model``) for selections covering ``floor``."""
    lp = coverage_lp(problem, weights, limits, deadline.part(LP_SHARE))
    fixed = {} if lp is None else lp_fixings(lp, floor, problem.forced)
    for k, value in fixed.items():
        model.add(variables[k] == value)
    return lp, fixed


def _with_rival(
    stage: Stage,
    spec: CoverageModel,
    hint: Sequence[int] | None,
    params: SolveParams,
    deadline: Deadline,
) -> Stage:
    """The first stage raced by a MIP solver on the same model (``params.engine``:
    ``auto`` after :data:`~curriculum.solve.race.COVERAGE_DELAY`, if set; ``mip``
    alone, at once).

    Without a selection known to be feasible (``hint``: the forced columns and
    their prerequisites may exceed the limits), CP-SAT searches even with
    ``mip``: its proof that the model is infeasible is what the caller reports.
    """
    delay = race.COVERAGE_DELAY if params.engine == "auto" else 0.0
    if delay is None:
        return stage
    rival = race.coverage_rival(spec, hint, deadline, delay=delay)
    alone = params.engine == "mip" and hint is not None
    return dataclasses.replace(stage, rival=rival, cpsat=not alone)


def _start(
    problem: CoverProblem, weights: Sequence[int], limits: Limits, start: Sequence[int]
) -> tuple[set[int], set[int], bool, int]:
    """The start's columns and items, whether it is a valid selection within the
    limits, and its weight if so (else 0)."""
    picked, reached = set(start), set(covered_by(problem, start))
    meets = problem.meets_requirements(picked)
    start_fits = meets and problem.forced <= picked and fits(problem.value(start), limits)
    floor = sum(weights[i] for i in reached) if start_fits else 0
    return picked, reached, start_fits, floor


def _weight_bound(outcome: LexOutcome, scale: int | None, lp: CoverageLP | None) -> float | None:
    """The search's bound (on the weight when it is not proven, from the joint
    stage's and the LP's when there are)."""
    bound = outcome.bound
    if outcome.proven == 0 and scale is not None and bound is not None and not math.isnan(bound):
        # weight * S - primary <= bound and primary < S give weight < (bound + S) / S
        bound = math.floor((bound + 1e-6 + scale - 1) / scale)
    if outcome.proven == 0 and lp is not None:  # the better of CP-SAT's and the LP's bound
        lp_upper = math.floor(lp.upper)
        bound = lp_upper if bound is None or math.isnan(bound) else min(bound, lp_upper)
    return bound


def _stages(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    order: Sequence[int],
    take: Sequence[Any],
    cov: Sequence[Any],
    tie_break: bool,
    joint: bool,
) -> tuple[list[Stage], int | None]:
    """The stages of :func:`solve_coverage` and the scale ``S`` of the joint first one."""
    n = len(take)
    primary = problem.objectives[order[0]]
    limit = limits[order[0]] if order[0] < len(limits) else None
    most = sum(primary) if limit is None else min(limit, sum(primary))
    scale: int | None = most + 1
    if not joint or sum(weights) * (most + 1) >= COMBINE_LIMIT:
        scale = None
    sums = [cpsat.weighted_sum(take, problem.objectives[k]) for k in order]
    if scale is None:
        first = [
            Stage(cpsat.weighted_sum(cov, weights), maximize=True, name="weight"),
            Stage(sums[0], name=f"objective {order[0]}"),
        ]
    else:
        joint = cpsat.weighted_sum(
            [*cov, *take], [w * scale for w in weights] + [-c for c in primary]
        )
        first = [Stage(joint, maximize=True, name="weight")]
    if not tie_break:  # the curve's two axes only: weight and the primary objective
        return first, scale
    rest = [Stage(expr, name=f"objective {k}") for k, expr in zip(order[1:], sums[1:], strict=True)]
    count = Stage(cpsat.weighted_sum(take, [1] * n), name="courses")
    return [*first, *rest, count], scale
