"""The exact set-cover engine (OR-Tools CP-SAT). The only module importing ortools.

:func:`solve_cover` minimises the objectives of a :class:`CoverProblem` in order
(each stage fixes the optimum of the stage before), then breaks the remaining ties
by taking fewer columns, then the lexicographically smallest sorted list of
columns, so that the same input gives the same plan whatever the number of workers
whenever optimality is proven.

The pipeline: exact reductions (:mod:`curriculum.presolve`: forced columns,
dominated items and columns), then a greedy cover improved by local search, which
bounds CP-SAT's objective (see ``SolveParams.start``) and is returned, labelled as
not proven, if the time limit stops the search first; then CP-SAT, configured as
measured on the OR-Library instances (see ``benchmarks/``).
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from curriculum.errors import SolverError
from curriculum.solve.dfs import search_cover
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem, CoverSolution

TIE_BLOCK = 48  # columns decided per tie-break stage (2**48 fits CP-SAT's int64)


@dataclass(frozen=True)
class SolveParams:
    """How to run the solver.

    Attributes
    ----------
    time_limit
        Seconds for the whole solve; ``None`` for no limit.
    workers
        CP-SAT search workers. 0 (the default) picks the configuration measured
        fastest on a 2-core machine: one search worker with the full LP
        relaxation (``linearization_level = 2``). With 2 or more, CP-SAT runs its
        parallel portfolio with an extra ``max_lp`` worker. The plan is the same
        either way whenever optimality is proven.
    seed
        CP-SAT's random seed.
    tie_break
        Break ties between equally good plans by column count and order. Turning
        it off solves the objectives only (benchmarks of the optimum value).
    presolve
        Apply the exact reductions of :mod:`curriculum.presolve` first.
    cp_sat
        Extra CP-SAT parameters as ``(name, value)`` pairs, set last (used by
        the benchmarks to compare configurations).
    search_columns
        Reduced problems with at most this many columns are first solved by the
        exact depth-first search of :mod:`curriculum.search` (no CP-SAT start-up),
        which falls back to CP-SAT past its node budget; 0 turns it off.
    start
        How the greedy + local-search start is given to CP-SAT for the first
        objective: ``"bound"`` (default) constrains the objective to at most the
        start's value, ``"hint"`` passes it as a solution hint, ``"bound+hint"``
        both, ``"none"`` neither. Measured on the OR-Library families 6, A and B
        (``benchmarks/tune_cpsat.py``), the bound was fastest and the hint the
        slowest. Later stages (cost, count, order) are always hinted with the
        previous stage's optimum, which is feasible for them.
    lp_fixing
        Before CP-SAT, drop the columns that the LP relaxation's duals prove to
        be in no cover as good as the greedy start (reduced-cost fixing, see
        :func:`lp_fixing`), and again, for the tie-break stages, those in no
        optimal cover.
    """

    time_limit: float | None = None
    workers: int = 0
    seed: int = 0
    tie_break: bool = True
    presolve: bool = True
    cp_sat: tuple[tuple[str, Any], ...] = ()
    start: str = "bound"
    search_columns: int = 64
    lp_fixing: bool = True


# --------------------------------------------------------------------------- heuristics


def greedy_cover(problem: CoverProblem) -> list[int]:
    """A cover by the classic ratio rule on the first objective, then pruned.

    Picks the column with the least cost per newly covered item (lowest index on
    ties) until every item is covered, then drops columns, most expensive first,
    that the rest make redundant. Forced columns are always kept. Gains are
    updated lazily through a heap, so this runs in about ``O(nnz log n)``.
    """
    n = len(problem.columns)
    weights = problem.objectives[0] if problem.objectives else (1,) * n
    chosen: set[int] = set(problem.forced)
    uncovered = [True] * len(problem.items)
    left = len(problem.items)
    for j in chosen:
        for i in problem.covers[j]:
            if uncovered[i]:
                uncovered[i] = False
                left -= 1
    heap = [(weights[j] / len(col), j, len(col)) for j, col in enumerate(problem.covers) if col]
    heapq.heapify(heap)
    while left and heap:
        _, j, gain_then = heapq.heappop(heap)
        if j in chosen:
            continue
        gain = sum(uncovered[i] for i in problem.covers[j])
        if gain != gain_then:  # stale entry: push back with its current ratio
            if gain:
                heapq.heappush(heap, (weights[j] / gain, j, gain))
            continue
        chosen.add(j)
        for i in problem.covers[j]:
            if uncovered[i]:
                uncovered[i] = False
                left -= 1
    return _prune(problem, chosen, weights)


def _prune(problem: CoverProblem, chosen: set[int], weights: Sequence[int]) -> list[int]:
    """Drop redundant columns, most expensive (then latest) first."""
    count = [0] * len(problem.items)
    for j in chosen:
        for i in problem.covers[j]:
            count[i] += 1
    for j in sorted(chosen - problem.forced, key=lambda j: (-weights[j], -j)):
        if all(count[i] > 1 for i in problem.covers[j]):
            chosen.discard(j)
            for i in problem.covers[j]:
                count[i] -= 1
    return sorted(chosen)


def local_search(problem: CoverProblem, start: Sequence[int], rounds: int = 3) -> list[int]:
    """Improve a cover on the first objective by dropping a column and repairing.

    For each chosen column (most expensive first), the items only it covers are
    re-covered greedily by unchosen columns; the move is kept when the repair
    costs less than the dropped column. Stops after ``rounds`` passes or when a
    pass improves nothing. The result is a cover never worse than ``start``.
    """
    n = len(problem.columns)
    weights = problem.objectives[0] if problem.objectives else (1,) * n
    coverers = problem.coverers()
    chosen = set(start)
    count = [0] * len(problem.items)
    for j in chosen:
        for i in problem.covers[j]:
            count[i] += 1
    for _ in range(rounds):
        improved = False
        for j in sorted(chosen - problem.forced, key=lambda j: (-weights[j], j)):
            if j not in chosen:
                continue
            alone = [i for i in problem.covers[j] if count[i] == 1]
            repair: list[int] = []
            cost = 0
            need = set(alone)
            while need and cost < weights[j]:
                best, best_key = -1, (math.inf, 0)
                for i in need:
                    for k in coverers[i]:
                        if k == j or k in chosen:
                            continue
                        gain = sum(1 for x in problem.covers[k] if x in need)
                        key = (weights[k] / gain, k)
                        if key < best_key:
                            best, best_key = k, key
                if best < 0:
                    break
                repair.append(best)
                cost += weights[best]
                need.difference_update(problem.covers[best])
            if need or cost >= weights[j]:
                continue
            chosen.discard(j)
            for i in problem.covers[j]:
                count[i] -= 1
            for k in repair:
                chosen.add(k)
                for i in problem.covers[k]:
                    count[i] += 1
            improved = True
        chosen = set(_prune(problem, chosen, weights))
        count = [0] * len(problem.items)
        for j in chosen:
            for i in problem.covers[j]:
                count[i] += 1
        if not improved:
            break
    return sorted(chosen)


# --------------------------------------------------------------------------- exact solve


def solve_cover(problem: CoverProblem, params: SolveParams | None = None) -> CoverSolution:
    """Solve a cover problem exactly (up to the time limit).

    Returns
    -------
    CoverSolution
        ``status`` is ``"optimal"`` when the first objective's optimum was proven,
        ``"feasible"`` otherwise; ``lower_bound`` is the proven bound on it.

    Raises
    ------
    SolverError
        When CP-SAT rejects the model (a bug, never the user's input).
    """
    params = params or SolveParams()
    deadline = None if params.time_limit is None else time.monotonic() + params.time_limit
    if not problem.items and not problem.forced:
        return CoverSolution((), problem.value(()), "optimal", 0, True)
    if params.presolve:
        reduction = reduce_cover(problem, tie_break=params.tie_break)
        sub, columns, fixed = reduction.problem, reduction.columns, reduction.fixed
    else:
        sub, columns, fixed = problem, tuple(range(len(problem.columns))), ()
    if sub is None:  # the forced columns cover everything: nothing to search
        chosen = tuple(sorted(fixed))
        value = problem.value(chosen)
        return CoverSolution(chosen, value, "optimal", value[0] if value else 0, True)

    chosen, status, bound, ties = _solve_reduced(sub, params, deadline)
    full = tuple(sorted({*fixed, *(columns[j] for j in chosen)}))
    value = problem.value(full)
    offset = problem.value(fixed)[0] if problem.objectives else 0
    lower_bound = min(bound + offset, value[0]) if value else 0
    return CoverSolution(full, value, status, lower_bound, ties)


def _solve_reduced(
    problem: CoverProblem, params: SolveParams, deadline: float | None
) -> tuple[list[int], str, int, bool]:
    """Solve a (reduced) problem: (chosen, status, bound on objective 0, ties proven).

    Small problems are settled by :func:`search_cover` without importing OR-Tools
    (which alone takes most of a plan's start-up time); others go to CP-SAT.
    """
    n = len(problem.columns)
    best = local_search(problem, greedy_cover(problem))
    if problem.objectives and not problem.forced and n <= params.search_columns:
        found = search_cover(problem, best)
        if found is not None:  # exhaustive: optimal, ties included
            return found, "optimal", problem.value(found)[0], True

    from ortools.sat.python import cp_model

    if not problem.objectives:
        stages: list[tuple[int, ...]] = []
    else:
        stages = list(problem.objectives)
    if params.tie_break:
        stages.append((1,) * n)  # fewer columns

    model = cp_model.CpModel()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    for cols in problem.coverers():
        model.add_bool_or([take[j] for j in cols])
    for j in problem.forced:
        model.add(take[j] == 1)

    duals = lp_fixing(problem) if params.lp_fixing and problem.objectives else None
    if duals is not None:
        _fix_above(model, take, problem, duals, problem.value(best)[0])

    status = "optimal"
    lower_bound = problem.value(best)[0] if problem.objectives else 0
    for stage, weights in enumerate(stages):
        expr = cp_model.LinearExpr.weighted_sum(take, list(weights))
        model.minimize(expr)
        if stage or "hint" in params.start:
            _hint(model, take, best)
        if stage == 0 and "bound" in params.start:
            model.add(expr <= sum(weights[j] for j in best))
        solver, result = _run(model, params, deadline)
        if result == cp_model.OPTIMAL:
            best = [j for j in range(n) if solver.boolean_value(take[j])]
            value = round(solver.objective_value)
            if stage == 0:
                lower_bound = value
                if duals is not None:
                    _fix_above(model, take, problem, duals, value)
            model.add(expr == value)
            continue
        if result == cp_model.FEASIBLE:
            found = [j for j in range(n) if solver.boolean_value(take[j])]
            if _value(stages, found)[: stage + 1] < _value(stages, best)[: stage + 1]:
                best = found
        elif result != cp_model.UNKNOWN:
            raise SolverError(f"CP-SAT returned {solver.status_name(result)}")
        if stage == 0:
            status = "feasible"
            bound = solver.best_objective_bound
            lower_bound = max(0, math.ceil(bound - 1e-6)) if math.isfinite(bound) else 0
        return best, status, lower_bound, False
    if params.tie_break:
        best, proven = _break_ties(model, take, best, params, deadline)
        return best, status, lower_bound, proven
    return best, status, lower_bound, True


def lp_fixing(problem: CoverProblem) -> tuple[Fraction, list[Fraction]] | None:
    """A lower bound on the first objective and each column's reduced cost.

    Solves the LP relaxation (GLOP) for dual prices ``y >= 0`` on the items. For
    any such ``y`` and any cover ``x``, ``c.x >= sum(y) + sum(rc[j] x[j])`` with
    ``rc[j] = c[j] - sum(y[i] for i in column j)``; so every cover taking column
    ``k`` costs at least ``base + max(rc[k], 0)`` where ``base = sum(y) + sum of
    the negative rc``. The bound holds for any ``y >= 0``, so it is computed in
    exact rational arithmetic from the LP's floating-point duals: tolerances of
    the LP solver can weaken it, never make it wrong.

    Returns
    -------
    tuple or None
        ``(base, rc)``, or ``None`` when GLOP does not return an optimum.
    """
    from ortools.linear_solver import pywraplp

    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:
        return None
    costs = problem.objectives[0]
    xs = [lp.NumVar(0.0, lp.infinity(), "") for _ in problem.columns]
    rows = []
    for cols in problem.coverers():
        row = lp.Constraint(1.0, lp.infinity())
        for j in cols:
            row.SetCoefficient(xs[j], 1.0)
        rows.append(row)
    objective = lp.Objective()
    for j, x in enumerate(xs):
        objective.SetCoefficient(x, float(costs[j]))
    objective.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    y = [Fraction(max(0.0, row.dual_value())) for row in rows]
    rc = [costs[j] - sum((y[i] for i in col), Fraction(0)) for j, col in enumerate(problem.covers)]
    base = sum(y, Fraction(0)) + sum((r for r in rc if r < 0), Fraction(0))
    return base, rc


def _fix_above(model, take, problem, duals, upper) -> None:  # type: ignore[no-untyped-def]
    """Fix to 0 the columns in no cover of first objective at most ``upper``."""
    base, rc = duals
    for j, r in enumerate(rc):
        if r > 0 and base + r > upper and j not in problem.forced:
            model.add(take[j] == 0)


def _value(stages: list[tuple[int, ...]], chosen: list[int]) -> tuple[int, ...]:
    return tuple(sum(w[j] for j in chosen) for w in stages)


def _break_ties(model, take, best, params, deadline):  # type: ignore[no-untyped-def]
    """Prefer lower column indices, block by block, among equally good plans."""
    from ortools.sat.python import cp_model

    n = len(take)
    for lo in range(0, n, TIE_BLOCK):
        block = range(lo, min(n, lo + TIE_BLOCK))
        size = len(block)
        model.maximize(
            cp_model.LinearExpr.weighted_sum(
                [take[j] for j in block], [1 << (size - 1 - k) for k in range(size)]
            )
        )
        _hint(model, take, best)
        solver, result = _run(model, params, deadline)
        if result != cp_model.OPTIMAL:
            return best, False
        best = [j for j in range(n) if solver.boolean_value(take[j])]
        for j in block:
            model.add(take[j] == int(solver.boolean_value(take[j])))
    return best, True


def _hint(model, take, chosen) -> None:  # type: ignore[no-untyped-def]
    model.clear_hints()
    picked = set(chosen)
    for j, var in enumerate(take):
        model.add_hint(var, j in picked)


def configure(parameters: Any, params: SolveParams) -> None:
    """Set CP-SAT parameters as measured on the OR-Library (see ``benchmarks/``).

    On a 2-core machine, one search worker with the full LP relaxation proved
    every OR-Library optimum fastest (``benchmarks/tune_cpsat.py``); on the plain
    model, two workers with ``linearization_level = 2`` set globally proved none
    of scp61, scp65, scpa1 and scpb1 within 30 s.
    """
    parameters.random_seed = params.seed
    if params.workers <= 1:
        parameters.num_workers = 1
        parameters.linearization_level = 2
    else:
        parameters.num_workers = params.workers
        parameters.extra_subsolvers.append("max_lp")
    for name, value in params.cp_sat:
        field = getattr(parameters, name)
        if hasattr(field, "extend") and not isinstance(value, str | bytes | int | float):
            field.extend(value)
        else:
            setattr(parameters, name, value)


def _run(model, params: SolveParams, deadline: float | None):  # type: ignore[no-untyped-def]
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.0, deadline - time.monotonic())
    configure(solver.parameters, params)
    result = solver.solve(model)
    if result == cp_model.MODEL_INVALID:
        raise SolverError("CP-SAT rejected the model as invalid")
    return solver, result
