"""The exact set-cover engine (OR-Tools CP-SAT). The only module importing ortools.

:func:`solve_cover` minimises the objectives of a :class:`CoverProblem` in order
(each stage fixes the optimum of the stage before), then breaks the remaining ties
by taking fewer columns, then the lexicographically smallest sorted list of
columns, so that the same input gives the same plan whatever the number of workers
whenever optimality is proven. A greedy cover is computed first: it is passed to
CP-SAT as a hint and returned, labelled as not proven, if the time limit stops the
search first.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from .errors import SolverError
from .problem import CoverProblem
from .result import CoverSolution

TIE_BLOCK = 48  # columns decided per tie-break stage (2**48 fits CP-SAT's int64)


@dataclass(frozen=True)
class SolveParams:
    """How to run the solver.

    Attributes
    ----------
    time_limit
        Seconds for the whole solve; ``None`` for no limit.
    workers
        CP-SAT search workers (0: one per core).
    seed
        CP-SAT's random seed.
    tie_break
        Break ties between equally good plans by course code order. Turning it
        off saves time when only the objective value matters (benchmarks).
    """

    time_limit: float | None = None
    workers: int = 0
    seed: int = 0
    tie_break: bool = True


def greedy_cover(problem: CoverProblem) -> list[int]:
    """A cover by the classic ratio rule on the first objective, then pruned.

    Picks the column with the least cost per newly covered item (lowest index on
    ties) until every item is covered, then drops columns, most expensive first,
    that the rest make redundant. Forced columns are always kept.
    """
    weights = problem.objectives[0] if problem.objectives else (1,) * len(problem.columns)
    chosen: set[int] = set(problem.forced)
    uncovered = set(range(len(problem.items)))
    for j in chosen:
        uncovered.difference_update(problem.covers[j])
    while uncovered:
        best, best_key = -1, (float("inf"), 0)
        for j, col in enumerate(problem.covers):
            if j in chosen:
                continue
            gain = sum(1 for i in col if i in uncovered)
            if gain:
                key = (weights[j] / gain, j)
                if key < best_key:
                    best, best_key = j, key
        chosen.add(best)
        uncovered.difference_update(problem.covers[best])
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
    from ortools.sat.python import cp_model

    params = params or SolveParams()
    deadline = None if params.time_limit is None else time.monotonic() + params.time_limit
    n = len(problem.columns)
    start = greedy_cover(problem)
    if not problem.items and not problem.forced:
        return CoverSolution((), problem.value(()), "optimal", 0, True)

    model = cp_model.CpModel()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    for cols in problem.coverers():
        model.add_bool_or([take[j] for j in cols])
    for j in problem.forced:
        model.add(take[j] == 1)

    best = start
    status = "optimal"
    lower_bound = problem.value(start)[0] if problem.objectives else 0
    proven_ties = True
    stages = list(problem.objectives)
    if params.tie_break:
        stages.append((1,) * n)  # fewer columns
    for stage, weights in enumerate(stages):
        expr = sum(w * take[j] for j, w in enumerate(weights) if w)
        model.minimize(expr)
        _hint(model, take, best)
        solver, result = _run(model, params, deadline)
        if result == cp_model.OPTIMAL:
            best = [j for j in range(n) if solver.boolean_value(take[j])]
            value = round(solver.objective_value)
            if stage == 0:
                lower_bound = value
            model.add(expr == value)
            continue
        if result == cp_model.FEASIBLE:
            found = [j for j in range(n) if solver.boolean_value(take[j])]
            if _value(stages, found)[: stage + 1] < _value(stages, best)[: stage + 1]:
                best = found
        elif result not in (cp_model.UNKNOWN,):
            raise SolverError(f"CP-SAT returned {solver.status_name(result)}")
        if stage == 0:
            status = "feasible"
            lower_bound = max(0, math.ceil(solver.best_objective_bound - 1e-6))
        proven_ties = False
        break
    else:
        if params.tie_break:
            best, proven_ties = _break_ties(model, take, best, params, deadline)
    if status == "feasible" and problem.objectives:
        lower_bound = min(lower_bound, problem.value(best)[0])
    return CoverSolution(tuple(sorted(best)), problem.value(best), status, lower_bound, proven_ties)


def _value(stages: list[tuple[int, ...]], chosen: list[int]) -> tuple[int, ...]:
    return tuple(sum(w[j] for j in chosen) for w in stages)


def _break_ties(model, take, best, params, deadline):  # type: ignore[no-untyped-def]
    """Prefer lower column indices, block by block, among equally good plans."""
    from ortools.sat.python import cp_model

    n = len(take)
    for lo in range(0, n, TIE_BLOCK):
        block = range(lo, min(n, lo + TIE_BLOCK))
        size = len(block)
        expr = sum((1 << (size - 1 - k)) * take[j] for k, j in enumerate(block))
        model.maximize(expr)
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


def _run(model, params: SolveParams, deadline: float | None):  # type: ignore[no-untyped-def]
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.0, deadline - time.monotonic())
    solver.parameters.num_workers = params.workers
    solver.parameters.random_seed = params.seed
    # Set-cover rows are clauses: without the LP relaxation CP-SAT may never raise
    # its lower bound on a 2-core machine (measured on OR-Library scpa1).
    solver.parameters.linearization_level = 2
    result = solver.solve(model)
    if result == cp_model.MODEL_INVALID:
        raise SolverError("CP-SAT rejected the model as invalid")
    return solver, result
