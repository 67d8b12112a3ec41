"""A start guided by the LP duals: greedy by cost per dual value covered, then local search.

Plain greedy picks columns by cost per newly covered item; on instances with a
large LP gap it ends far from the optimum (100 h against 88 h on the ESCO *data
scientist* plan). The LP's dual prices say which items are hard to cover: here
the greedy rule divides a column's cost by the (smoothed) dual prices of the
items it newly covers, for a few smoothing levels, and each cover is made
irredundant and improved by local search; the best cover is kept (measured by
``benchmarks/hard_cover.py``: 100 h -> 95 h on that plan, 114 -> 112 on
``rail-400``).
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterator, Sequence

from curriculum.solve.params import SolveParams
from curriculum.solve.problem import CoverProblem

CORE_PER_ITEM = 1  # columns of least reduced cost per item in the core sub-problem
SMOOTHING = (0.0, 0.3, 1.0, 3.0)  # added to every price, as a share of the mean price


def dual_covers(
    problem: CoverProblem, prices: Sequence[float], deadline: float | None = None
) -> Iterator[set[int]]:
    """Covers by the priced greedy rule, one per smoothing level (not yet irredundant).

    Stops at ``deadline`` (``time.monotonic()``), checked before each cover.
    """
    mean = sum(max(0.0, p) for p in prices) / max(1, len(prices)) or 1.0
    for smoothing in SMOOTHING:
        if deadline is not None and time.monotonic() >= deadline:
            return
        chosen = priced_greedy(problem, [max(0.0, p) + smoothing * mean for p in prices])
        if chosen is not None:
            yield chosen


def priced_greedy(problem: CoverProblem, price: Sequence[float]) -> set[int] | None:
    """Greedy by cost per price newly covered (lazy heap); ``None`` if it cannot finish."""
    costs = problem.objectives[0]
    uncovered = [True] * len(problem.items)
    left = len(problem.items)
    chosen = set(problem.forced)

    def take(j: int) -> int:
        newly = 0
        for i in problem.covers[j]:
            if uncovered[i]:
                uncovered[i] = False
                newly += 1
        return newly

    for j in chosen:
        left -= take(j)
    heap = []
    for j, col in enumerate(problem.covers):
        gain = sum(price[i] for i in col)
        if gain > 0:
            heap.append((costs[j] / gain, j, gain))
    heapq.heapify(heap)
    while left and heap:
        _, j, then = heapq.heappop(heap)
        if j in chosen:
            continue
        gain = sum(price[i] for i in problem.covers[j] if uncovered[i])
        if gain < then - 1e-12:  # stale: push back with its current ratio
            if gain > 0:
                heapq.heappush(heap, (costs[j] / gain, j, gain))
            continue
        chosen.add(j)
        left -= take(j)
    return None if left else chosen


def core_cover(
    problem: CoverProblem,
    reduced: Sequence[float],
    best: Sequence[int],
    params: SolveParams,
    deadline: float | None,
) -> list[int]:
    """The best cover of a core sub-problem, or ``best`` when none is better.

    The core keeps the :data:`CORE_PER_ITEM` × items columns of least reduced
    cost (those the LP relaxation nearly takes) and the columns of ``best`` (so
    ``best`` is a feasible hint); CP-SAT searches it until ``deadline``. Any
    cover of the core covers the whole problem, so the answer is a valid start
    whatever the core: on the ESCO *data scientist* plan (3,643 columns after
    the reductions, LP bound 75.4 h) a core of 194 columns gives the 88 h
    optimum in seconds, where the whole model stays at 91 h for 30 s.
    """
    from curriculum.solve import cpsat

    costs = problem.objectives[0]
    size = round(CORE_PER_ITEM * len(problem.items))
    order = sorted(range(len(problem.columns)), key=lambda j: (reduced[j], j))
    cols = sorted({*order[:size], *best, *problem.forced})
    if len(cols) >= len(problem.columns):
        return list(best)  # no smaller than the whole: the main search does it
    index = {j: k for k, j in enumerate(cols)}
    model = cpsat.new_model()
    take = [model.new_bool_var(f"core[{j}]") for j in cols]
    for coverers in problem.coverers():
        model.add_bool_or([take[index[j]] for j in coverers if j in index])
    for j in problem.forced:
        model.add(take[index[j]] == 1)
    expr = cpsat.weighted_sum(take, [costs[j] for j in cols])
    value = problem.value(best)[0]
    model.add(expr <= value)
    model.minimize(expr)
    picked = set(best)
    for j, var in zip(cols, take, strict=True):
        model.add_hint(var, int(j in picked))
    solver, status = cpsat.solve_model(model, params, deadline)
    if status not in (cpsat.OPTIMAL, cpsat.FEASIBLE) or round(solver.objective_value) >= value:
        return list(best)
    return sorted(j for j, var in zip(cols, take, strict=True) if solver.value(var))
