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
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from curriculum.solve import cpsat
from curriculum.solve.lexicographic import Stage, solve_lexicographic
from curriculum.solve.params import SolveParams
from curriculum.solve.problem import CoverProblem

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


def fits(value: Sequence[int], limits: Limits) -> bool:
    """Whether an objective vector meets the limits (``None``: no limit)."""
    return all(limit is None or v <= limit for v, limit in zip(value, limits, strict=False))


def covered_by(problem: CoverProblem, chosen: Sequence[int]) -> tuple[int, ...]:
    """The sorted items the columns cover."""
    return tuple(sorted({i for j in chosen for i in problem.covers[j]}))


def greedy_coverage(problem: CoverProblem, weights: Sequence[int], limits: Limits) -> list[int]:
    """Columns within the limits: the forced ones, then best new weight per unit of objective 0."""
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
            if gain == 0 or not fits(after, limits):
                continue
            key = (gain / max(1, problem.objectives[0][j]), -j)
            if key > best_key:
                best, best_key = j, key
        if best < 0:
            return sorted(chosen)
        chosen.add(best)
        covered.update(problem.covers[best])
        value = [v + o[best] for v, o in zip(value, problem.objectives, strict=True)]


@dataclass(frozen=True)
class CoverageLP:
    """An exact upper bound on the weight within the limits, and its reduced costs.

    For any multipliers ``u >= 0`` (items) and ``lam >= 0`` (limits), every
    selection within the limits covers at most ``upper`` weight, and at most
    ``upper - abs(column_rc[j])`` when column ``j`` is on the side its reduced
    cost does not favour (taken when ``rc < 0``, left when ``rc > 0``), likewise
    ``upper - abs(item_rc[i])`` for items. The multipliers come from GLOP's
    duals, but the arithmetic is exact: LP tolerances weaken the bound, never
    make it false.
    """

    upper: Fraction
    column_rc: tuple[Fraction, ...]
    item_rc: tuple[Fraction, ...]


def coverage_lp(
    problem: CoverProblem, weights: Sequence[int], limits: Limits, deadline: float | None = None
) -> CoverageLP | None:
    """The LP bound of the max-coverage model (see :class:`CoverageLP`), or ``None``."""
    left = None if deadline is None else deadline - time.monotonic()
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
        u = [Fraction(max(0.0, sign * d)) for d in duals[0]]
        lam = [Fraction(max(0.0, sign * d)) for d in duals[1]]
        item_rc = tuple(Fraction(w) - u[i] for i, w in enumerate(weights))
        column_rc = tuple(
            sum((u[i] for i in col), Fraction(0))
            - sum(
                (lam[k] * obj[j] for k, obj in enumerate(problem.objectives) if lam[k]), Fraction(0)
            )
            for j, col in enumerate(problem.covers)
        )
        upper = sum(
            (lam[k] * limit for k, limit in enumerate(limits[: len(lam)]) if limit is not None),
            Fraction(0),
        )
        upper += sum((r for r in item_rc if r > 0), Fraction(0))
        upper += sum(
            (r for j, r in enumerate(column_rc) if r > 0 or j in problem.forced), Fraction(0)
        )
        if best is None or upper < best.upper:
            best = CoverageLP(upper, column_rc, item_rc)
    return best


def _fix_by_lp(
    model: Any, take: Sequence[Any], cov: Sequence[Any], lp: CoverageLP, floor: int, forced: Any
) -> int:
    """Fix what can be in no selection covering at least ``floor``: how many were fixed."""
    fixed = 0
    for j, r in enumerate(lp.column_rc):
        if r and j not in forced and lp.upper - abs(r) < floor:
            model.add(take[j] == int(r > 0))
            fixed += 1
    for i, r in enumerate(lp.item_rc):
        if r and lp.upper - abs(r) < floor:
            model.add(cov[i] == int(r > 0))
            fixed += 1
    return fixed


def solve_coverage(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    *,
    primary: int = 0,
    start: Sequence[int] | None = None,
    params: SolveParams | None = None,
    deadline: float | None = None,
) -> Coverage:
    """The best selection within ``limits`` (see the module docstring).

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
    params, deadline
        Workers, seed, time limit; ``time.monotonic()`` value to stop at.
    """
    n, m = len(problem.columns), len(problem.items)
    order = [primary, *(k for k in range(len(problem.objectives)) if k != primary)]
    model = cpsat.new_model()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    cov = [model.new_bool_var(f"cov[{i}]") for i in range(m)]
    for i, cols in enumerate(problem.coverers()):
        model.add_bool_or([cov[i].Not(), *(take[j] for j in cols)])
    for j in problem.forced:
        model.add(take[j] == 1)
    sums = [cpsat.weighted_sum(take, objective) for objective in problem.objectives]
    for expr, limit in zip(sums, limits, strict=False):
        if limit is not None:
            model.add(expr <= limit)
    stages = [
        Stage(cpsat.weighted_sum(cov, weights), maximize=True, name="weight"),
        *(Stage(sums[k], name=f"objective {k}") for k in order),
        Stage(cpsat.weighted_sum(take, [1] * n), name="courses"),
    ]

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        chosen = [j for j in range(n) if values[j]]
        value = problem.value(chosen)
        weight = sum(weights[i] for i in covered_by(problem, chosen))
        return (-weight, *(value[k] for k in order), len(chosen))

    if start is None:
        start = greedy_coverage(problem, weights, limits)
    picked, reached = set(start), set(covered_by(problem, start))
    start_fits = problem.forced <= picked and fits(problem.value(start), limits)
    lp = None
    if (params is None or params.lp_fixing) and n and m:
        lp = coverage_lp(problem, weights, limits, deadline)
    if lp is not None:
        floor = sum(weights[i] for i in reached) if start_fits else 0
        _fix_by_lp(model, take, cov, lp, floor, problem.forced)
    outcome = solve_lexicographic(
        model,
        [*take, *cov],
        stages,
        evaluate,
        hint=[int(j in picked) for j in range(n)] + [int(i in reached) for i in range(m)],
        hint_feasible=start_fits,
        prefer=range(n),
        params=params,
        deadline=deadline,
    )
    chosen = tuple(j for j in range(n) if outcome.values[j])
    covered = covered_by(problem, chosen)
    bound = outcome.bound
    if outcome.proven == 0 and lp is not None:  # the better of CP-SAT's and the LP's bound
        lp_upper = math.floor(lp.upper)
        bound = lp_upper if bound is None or math.isnan(bound) else min(bound, lp_upper)
    return Coverage(
        chosen,
        covered,
        sum(weights[i] for i in covered),
        problem.value(chosen),
        outcome.proven,
        len(stages),
        bound,
        outcome.ties_proven,
    )
