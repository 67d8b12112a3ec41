"""The one max-coverage model: the most weight within limits, then the least of each objective.

Used by budgeted plans (:mod:`curriculum.planning.budget`) and the coverage
curve (:mod:`curriculum.planning.frontier`). Over the columns of a
:class:`~curriculum.solve.problem.CoverProblem`, each objective (minutes, cents,
...) may be limited; the model maximises the covered item weight, then minimises
the ``primary`` objective, then the others in order, then the number of columns,
then prefers the smallest sorted list of columns. No item has to be covered.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from curriculum.solve import cpsat
from curriculum.solve.coverage_start import fits, greedy_coverage
from curriculum.solve.lexicographic import (
    LexOutcome,
    Stage,
    add_requirements,
    solve_lexicographic,
)
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams, deadline_for
from curriculum.solve.problem import CoverProblem
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


@dataclass(frozen=True)
class CoverageLP:
    """An exact upper bound on the weight within the limits, and its reduced costs.

    For any multipliers ``u >= 0`` (items) and ``lam >= 0`` (limits), every
    selection within the limits covers at most ``upper`` weight, and at most
    ``upper - abs(column_rc[j])`` when column ``j`` is on the side its reduced
    cost does not favour (taken when ``rc < 0``, left when ``rc > 0``), likewise
    ``upper - abs(item_rc[i])`` for items. The multipliers come from GLOP's
    duals, but the arithmetic is exact: LP tolerances weaken the bound, never
    make it false. The fields are integers in units of ``1 / scale``.
    """

    scaled_upper: int
    column_rc: tuple[int, ...]
    item_rc: tuple[int, ...]
    scale: int = 1

    @property
    def upper(self) -> Fraction:
        """The bound on the weight."""
        return Fraction(self.scaled_upper, self.scale)


def coverage_lp(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    deadline: Deadline = NO_DEADLINE,
) -> CoverageLP | None:
    """The LP bound of the max-coverage model (see :class:`CoverageLP`), or ``None``."""
    left = deadline.remaining()
    if left is not None and left <= 0:
        return None
    coverers = problem.coverers()
    duals = cpsat.coverage_lp_duals(
        coverers, weights, problem.objectives, limits, sorted(problem.forced), left
    )
    if duals is None:
        return None
    best: CoverageLP | None = None
    for sign in (1, -1):  # whatever GLOP's sign convention, each choice is a valid bound
        lp = _exact_bound(problem, weights, limits, duals, sign)
        if best is None or lp.scaled_upper * best.scale < best.scaled_upper * lp.scale:
            best = lp
    return best


LP_SCALE = 1 << 24  # multipliers are rounded down to multiples of 1 / LP_SCALE


def _exact_bound(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    duals: tuple[Sequence[float], Sequence[float]],
    sign: int,
) -> CoverageLP:
    """The bound of the multipliers ``max(0, sign * dual)``, rounded down to ``1 / LP_SCALE``.

    Rounding keeps the multipliers non-negative, so the bound stays valid; the
    arithmetic is in integers scaled by ``LP_SCALE`` (exact, and much faster
    than fractions).
    """
    scale = LP_SCALE
    u = [max(0, math.floor(sign * d * scale)) for d in duals[0]]
    lam = [max(0, math.floor(sign * d * scale)) for d in duals[1]]
    item_rc = [w * scale - u[i] for i, w in enumerate(weights)]
    priced = [(k, lam[k], obj) for k, obj in enumerate(problem.objectives[: len(lam)]) if lam[k]]
    column_rc = [
        sum(u[i] for i in col) - sum(price * obj[j] for _, price, obj in priced)
        for j, col in enumerate(problem.covers)
    ]
    upper = sum(lam[k] * limit for k, limit in enumerate(limits[: len(lam)]) if limit is not None)
    upper += sum(r for r in item_rc if r > 0)
    upper += sum(r for j, r in enumerate(column_rc) if r > 0 or j in problem.forced)
    return CoverageLP(upper, tuple(column_rc), tuple(item_rc), scale)


def _fix_by_lp(
    model: Any, take: Sequence[Any], cov: Sequence[Any], lp: CoverageLP, floor: int, forced: Any
) -> int:
    """Fix what can be in no selection covering at least ``floor``: how many were fixed."""
    fixed, least = 0, lp.scaled_upper - floor * lp.scale  # fix when abs(rc) > least
    for j, r in enumerate(lp.column_rc):
        if r and j not in forced and abs(r) > least:
            model.add(take[j] == int(r > 0))
            fixed += 1
    for i, r in enumerate(lp.item_rc):
        if r and abs(r) > least:
            model.add(cov[i] == int(r > 0))
            fixed += 1
    return fixed


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
    lp = None
    if params.lp_fixing and n and m and (weight_cap is None or floor <= weight_cap):
        lp = coverage_lp(problem, weights, limits, deadline.part(LP_SHARE))
    if lp is not None:
        _fix_by_lp(model, take, cov, lp, floor, problem.forced)
    outcome = solve_lexicographic(
        model,
        [*take, *cov],
        stages,
        evaluate,
        hint=[int(j in picked) for j in range(n)] + [int(i in reached) for i in range(m)],
        hint_feasible=start_fits and (weight_cap is None or floor <= weight_cap),
        prefer=range(n) if params.tie_break else (),
        params=params,
        deadline=deadline,
    )
    chosen = tuple(j for j in range(n) if outcome.values[j])
    covered = covered_by(problem, chosen)
    bound = _weight_bound(outcome, scale, lp)
    proven = outcome.proven if scale is None or outcome.proven == 0 else outcome.proven + 1
    return Coverage(
        chosen,
        covered,
        sum(weights[i] for i in covered),
        problem.value(chosen),
        proven,
        len(stages) + (scale is not None),
        bound,
        outcome.ties_proven if params.tie_break else proven == len(stages) + (scale is not None),
    )


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
