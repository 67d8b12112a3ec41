"""The exact set-cover engine: reductions, greedy start, DFS or CP-SAT, tie-break.

:func:`solve_cover` minimises the objectives of a :class:`CoverProblem` in order
(each stage fixes the optimum of the stage before), then breaks the remaining ties
by taking fewer columns, then the lexicographically smallest sorted list of
columns, so that the same input gives the same plan whatever the number of workers
whenever optimality is proven.

The pipeline: exact reductions (:mod:`curriculum.presolve`: forced columns,
dominated items and columns), then a greedy cover improved by local search (and,
when the LP relaxation is solved for reduced-cost fixing, covers guided by its
dual prices, :mod:`curriculum.solve.dual_start`; the best is kept), which
bounds CP-SAT's objective (see ``SolveParams.start``) and is returned, labelled as
not proven, if the time limit stops the search first; then CP-SAT, configured as
measured on the OR-Library instances (see ``benchmarks/``).
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from curriculum.solve import cpsat
from curriculum.solve.dfs import search_cover
from curriculum.solve.dual_start import core_cover, dual_covers
from curriculum.solve.fixing import Duals, StageFixer, lp_duals
from curriculum.solve.lexicographic import Stage, add_requirements, solve_lexicographic
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams, deadline_for
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem, CoverSolution, Status
from curriculum.solve.requires import greedy_requires, search_requires

__all__ = ["SolveParams", "greedy_cover", "local_search", "lp_fixing", "solve_cover"]

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


def local_search(
    problem: CoverProblem,
    start: Sequence[int],
    rounds: int = 3,
    deadline: Deadline = NO_DEADLINE,
) -> list[int]:
    """Improve a cover on the first objective by dropping a column and repairing.

    For each chosen column (most expensive first), the items only it covers are
    re-covered greedily by unchosen columns; the move is kept when the repair
    costs less than the dropped column. Stops after ``rounds`` passes or when a
    pass improves nothing, or at ``deadline``. The result
    is a cover never worse than ``start``.
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
            if deadline.expired():
                return _prune(problem, chosen, weights)
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

# Shares of the time left that the reductions and the local search may take
# (measured on a random 500-row, 50,000-column instance with a 5 s limit: the
# reductions alone took 15 s before they checked the clock, and the LP bound
# needs the time after them).
PRESOLVE_SHARE = 0.3
SEARCH_SHARE = 0.15
LAGRANGE_FIRST = 10_000  # columns from which the subgradient runs before the LP (slower there)
LAGRANGE_SHARE = 0.1  # subgradient steps first: a bound the LP's time-out cannot take away
LP_SHARE = 0.7  # the rest is CP-SAT's; on large instances the LP is the better bound
FIX_SHARE = 0.1  # a later stage's LP (reduced-cost fixing before the tie-break)
CORE_SHARE = 0.4  # the core sub-problem's search (large LP gap only)
HARD_GAP = 0.1  # a start this far above the LP bound (share of the start) makes a hard instance
HARD_MIN_COLUMNS = 3500
"""Fewer columns (after presolve) and the hard-instance search does not pay: on OR-Library
scpb4 (3,000 columns, a 22% LP gap) the core start and LP tree search took 5.8 s against
3.1 s without; ESCO data scientist keeps 3,643 columns after presolve and gains from it."""
HARD_CP_SAT = (("optimize_with_lb_tree_search", True),)  # its bound rises where the default stalls


def solve_cover(
    problem: CoverProblem, params: SolveParams | None = None, deadline: Deadline | None = None
) -> CoverSolution:
    """Solve a cover problem exactly (up to the time limit).

    ``deadline`` is the caller's when this solve is part of a larger one; without
    it the solve makes its own from ``params.time_limit``.

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
    deadline = deadline_for(params, deadline)
    if not problem.items and not problem.forced:
        return CoverSolution((), problem.value(()), "optimal", 0, True)
    if params.presolve:
        reduction = reduce_cover(
            problem, tie_break=params.tie_break, deadline=deadline.part(PRESOLVE_SHARE)
        )
        sub, columns, fixed = reduction.problem, reduction.columns, reduction.fixed
    else:
        sub, columns, fixed = problem, tuple(range(len(problem.columns))), ()
    if sub is None:  # the forced columns cover everything: nothing to search
        forced = tuple(sorted(fixed))
        value = problem.value(forced)
        return CoverSolution(forced, value, "optimal", value[0] if value else 0, True)

    chosen, status, bound, ties = _solve_reduced(sub, params, deadline)
    full = tuple(sorted({*fixed, *(columns[j] for j in chosen)}))
    value = problem.value(full)
    offset = problem.value(fixed)[0] if problem.objectives else 0
    lower_bound = min(bound + offset, value[0]) if value else 0
    return CoverSolution(full, value, status, lower_bound, ties)


def _solve_reduced(
    problem: CoverProblem, params: SolveParams, deadline: Deadline
) -> tuple[list[int], Status, int, bool]:
    """Solve a (reduced) problem: (chosen, status, bound on objective 0, ties proven).

    Small problems are settled by :func:`search_cover` without importing OR-Tools
    (which alone takes most of a plan's start-up time); others go to CP-SAT
    through the lexicographic engine: the objectives in order, then fewer
    columns, then lower column indices.
    """
    n = len(problem.columns)
    if problem.requires:  # prerequisites: starts and search that keep them
        best = greedy_requires(problem)
        if problem.objectives and n <= params.search_columns:
            found = search_requires(problem, best)
            if found is not None:
                return found, "optimal", problem.value(found)[0], True
    else:
        best = local_search(problem, greedy_cover(problem), deadline=deadline.part(SEARCH_SHARE))
    if problem.objectives and not problem.forced and n <= params.search_columns:
        found = None if problem.requires else search_cover(problem, best)
        if found is not None:  # exhaustive: optimal, ties included
            return found, "optimal", problem.value(found)[0], True

    model = cpsat.new_model()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    for cols in problem.coverers():
        model.add_bool_or([take[j] for j in cols])
    for j in problem.forced:
        model.add(take[j] == 1)
    add_requirements(model, take, problem.requires)
    weights = list(problem.objectives)
    if params.tie_break:
        weights.append((1,) * n)  # fewer columns
    stages = [
        Stage(cpsat.weighted_sum(take, w), name=f"objective {k}") for k, w in enumerate(weights)
    ]
    duals = None
    fixer = StageFixer(model, take, problem)
    if problem.objectives and params.lp_fixing:
        duals, prices = relaxation_bound(problem, problem.value(best)[0], deadline)
        if duals is not None and not problem.requires:
            best = dual_start(problem, prices, best, deadline.part(SEARCH_SHARE))
            if hard(duals, problem.value(best)[0], n):
                reduced = [float(r) for r in duals[1]]
                solve = _core_solver(params)
                best = core_cover(problem, reduced, best, solve, deadline.part(CORE_SHARE))
        if duals is not None:
            fixer.fix_above(duals, problem.value(best)[0])
            # A proven bound: CP-SAT starts its own from it (and reports at least it).
            model.add(stages[0].expr >= math.ceil(duals[0]))
    start_value = problem.value(best)[0] if problem.objectives else 0
    is_hard = duals is not None and hard(duals, start_value, n)
    if is_hard:  # large LP gap: CP-SAT's LP tree search, from the start (hinted)
        params = dataclasses.replace(params, cp_sat=(*HARD_CP_SAT, *params.cp_sat))
    if problem.objectives:
        if "bound" in params.start:  # the start's value bounds the optimum
            model.add(stages[0].expr <= start_value)
        stages[0] = Stage(
            stages[0].expr,
            name=stages[0].name,
            hint="hint" in params.start or is_hard,
            on_proven=None if duals is None else _first_proven(fixer, duals, weights[0]),
        )
    if params.lp_fixing and params.tie_break and duals is not None:
        # Later stages (cost, count) fix by their own LP once proven: fewer tie-break blocks.
        for k in range(1, len(stages)):
            stages[k] = Stage(
                stages[k].expr,
                name=stages[k].name,
                on_proven=_later_proven(fixer, weights[k], deadline),
            )

    scale = 0
    if params.tie_break and problem.objectives:  # the last objective and the count: one stage
        scale = n + 1
        stages = _merge_count(stages, take, weights, scale)

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        return tuple(sum(w[j] for j in range(n) if values[j]) for w in weights)

    picked = set(best)
    outcome = solve_lexicographic(
        model,
        take,
        stages,
        evaluate,
        hint=[int(j in picked) for j in range(n)],
        prefer=fixer.free if params.tie_break else (),
        params=params,
        deadline=deadline,
    )
    chosen = [j for j in range(n) if outcome.values[j]]
    if not problem.objectives:
        return chosen, "optimal", 0, outcome.ties_proven
    if outcome.proven == 0:
        first = (scale if len(stages) == 1 else 0) or 1  # merged with the count (< scale)
        return chosen, *_unproven(problem, chosen, outcome.bound, duals, first), False
    return chosen, "optimal", problem.value(chosen)[0], outcome.ties_proven


def _core_solver(
    params: SolveParams,
) -> Callable[[CoverProblem, Deadline], tuple[list[int], bool]]:
    """The exact engine on a core sub-problem (:func:`.core_cover`): (its plan, proven),
    first objective only."""
    nested = dataclasses.replace(params, tie_break=False, cp_sat=())

    def solve(core: CoverProblem, until: Deadline) -> tuple[list[int], bool]:
        found = solve_cover(core, nested, until)
        return list(found.chosen), found.status == "optimal"

    return solve


def _unproven(
    problem: CoverProblem,
    chosen: Sequence[int],
    bound: float | None,
    duals: Duals | None,
    scale: int,
) -> tuple[Status, int]:
    """(status, bound on objective 0) when the first stage was not proven.

    The best bound held: CP-SAT's (of ``scale * objective + count`` when merged:
    the objective is at least ``floor(bound / scale)``), or the LP's (exact,
    from the fixing's duals). A bound equal to the incumbent proves it optimal.
    """
    lower = max(0, math.ceil(bound - 1e-6)) if bound is not None and math.isfinite(bound) else 0
    lower //= scale
    if duals is not None:
        lower = max(lower, math.ceil(duals[0]))
    step = math.gcd(*problem.objectives[0])  # every cover's value is a multiple of it
    if step > 1:
        lower = -(-lower // step) * step
    value = problem.value(chosen)[0]
    return ("optimal" if lower >= value else "feasible"), min(lower, value)


def _merge_count(
    stages: list[Stage], take: Sequence[Any], weights: Sequence[Sequence[int]], scale: int
) -> list[Stage]:
    """The last objective and the count (the last two stages) as one: ``scale * objective + count``.

    The count of a cover is below ``scale``, so this orders covers exactly as the
    two stages do. Measured on a random 500 x 5,000 instance (costs 1-100): one
    CP-SAT search proves both in 15 s where the count stage alone, after the
    objective's 12 s, took 25-47 s (its LP bound, 67 against 88, is weak; the
    merged objective's LP is the objective's). The objective's ``on_proven``
    and then the count's are called with the two parts of the optimum.
    """
    last, count = stages[-2], stages[-1]
    merged = [scale * c + 1 for c in weights[-2]]

    def proven(value: int) -> None:
        optimum, columns = divmod(value, scale)
        if last.on_proven is not None:
            last.on_proven(optimum)
        if count.on_proven is not None:
            count.on_proven(columns)

    stage = Stage(
        cpsat.weighted_sum(take, merged), name=last.name, hint=last.hint, on_proven=proven
    )
    return [*stages[:-2], stage]


def hard(duals: Duals, value: int, columns: int = HARD_MIN_COLUMNS) -> bool:
    """Whether the LP bound of ``duals`` is more than :data:`HARD_GAP` below ``value``
    on a problem of at least :data:`HARD_MIN_COLUMNS` ``columns``."""
    return columns >= HARD_MIN_COLUMNS and math.ceil(duals[0]) < (1 - HARD_GAP) * value


def relaxation_bound(
    problem: CoverProblem, upper: int, deadline: Deadline
) -> tuple[Duals | None, list[float]]:
    """The best proven bound of the first objective's relaxation: (duals, item prices).

    From :data:`LAGRANGE_FIRST` columns, subgradient steps on the Lagrangian come
    first (:mod:`.lagrange`: vectorised, near the LP bound in a few tenths of a
    second, kept whatever happens next), then the LP (GLOP) in its share of the
    time; the duals with the higher exact bound win, so the bound is never lost to
    the time split. Below, the LP is fast: it runs first, and the subgradient only
    when the LP gives no answer in time. ``(None, [])`` when neither gives one.
    """
    from curriculum.solve.lagrange import subgradient

    duals: Duals | None = None
    prices: list[float] = []
    if len(problem.columns) >= LAGRANGE_FIRST:
        found = subgradient(problem, upper, deadline.part(LAGRANGE_SHARE))
        if found is not None:
            duals, prices = found
            if math.ceil(duals[0]) >= upper:
                return duals, prices  # the start is proven optimal: no LP needed
    lp_prices: list[float] = []
    lp = lp_fixing(problem, deadline.part(LP_SHARE), lp_prices)
    if lp is not None and (duals is None or lp[0] >= duals[0]):
        return lp, lp_prices
    if duals is None and len(problem.columns) < LAGRANGE_FIRST:
        found = subgradient(problem, upper, deadline.part(0.5))
        if found is not None:
            duals, prices = found
    return duals, prices


def dual_start(
    problem: CoverProblem,
    prices: Sequence[float],
    best: Sequence[int],
    deadline: Deadline = NO_DEADLINE,
) -> list[int]:
    """The best of ``best`` and the LP-price-guided covers (:mod:`.dual_start`), improved."""
    costs = problem.objectives[0]
    result, value = list(best), problem.value(best)[0]
    for chosen in dual_covers(problem, prices, deadline):
        cover = local_search(problem, _prune(problem, chosen, costs), deadline=deadline)
        if problem.value(cover)[0] < value:
            result, value = cover, problem.value(cover)[0]
    return sorted(result)


def _first_proven(
    fixer: StageFixer, duals: tuple[Fraction, list[Fraction]], costs: Sequence[int]
) -> Callable[[int], None]:
    """The first stage's ``on_proven``: fix by the start's LP duals at the optimum."""

    def proven(optimum: int) -> None:
        fixer.fix_above(duals, optimum)
        fixer.limits.append((costs, optimum))

    return proven


def _later_proven(
    fixer: StageFixer, costs: Sequence[int], deadline: Deadline
) -> Callable[[int], None]:
    """A later stage's ``on_proven``: fix by its own LP (a short share of the time left)."""
    return lambda optimum: fixer.proven(costs, optimum, deadline.part(FIX_SHARE))


def lp_fixing(
    problem: CoverProblem,
    deadline: Deadline = NO_DEADLINE,
    prices: list[float] | None = None,
) -> tuple[Fraction, list[Fraction]] | None:
    """A lower bound on the first objective and each column's reduced cost.

    Solves the LP relaxation (GLOP) for dual prices ``y >= 0`` on the items. For
    any such ``y`` and any cover ``x``, ``c.x >= sum(y) + sum(rc[j] x[j])`` with
    ``rc[j] = c[j] - sum(y[i] for i in column j)``; so every cover taking column
    ``k`` costs at least ``base + max(rc[k], 0)`` where ``base = sum(y) + sum of
    the negative rc``. The bound holds for any ``y >= 0``, so it is computed in
    exact arithmetic from the LP's floating-point duals (rounded down to
    multiples of ``2**-24``, computed in integers): tolerances of the LP solver
    can weaken it, never make it wrong.

    Returns
    -------
    tuple or None
        ``(base, rc)``, or ``None`` when GLOP does not return an optimum
        (before ``deadline``). The LP's item prices
        are appended to ``prices`` when it is given.
    """
    return lp_duals(problem, problem.objectives[0], (), deadline, prices)
