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
from collections.abc import Callable, Iterator, Sequence
from itertools import compress

from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem

CORE_PER_ITEM = 1.0  # columns of least reduced cost per item in the first core sub-problem
CORE_GROWTH = 1.3  # each next core is this much larger
CORE_PATIENCE = 2.0  # ... and may take this many times as long as the last one
SMOOTHING = (0.0, 0.3, 1.0, 3.0)  # added to every price, as a share of the mean price


def dual_covers(
    problem: CoverProblem, prices: Sequence[float], deadline: Deadline = NO_DEADLINE
) -> Iterator[set[int]]:
    """Covers by the priced greedy rule, one per smoothing level (not yet irredundant).

    Stops at ``deadline``, checked before each cover.
    """
    mean = sum(max(0.0, p) for p in prices) / max(1, len(prices)) or 1.0
    for smoothing in SMOOTHING:
        if deadline.expired():
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
    worth = price.__getitem__  # sums by map and compress: in C, in the same order
    for j, col in enumerate(problem.covers):
        gain = sum(map(worth, col))
        if gain > 0:
            heap.append((costs[j] / gain, j, gain))
    heapq.heapify(heap)
    while left and heap:
        _, j, then = heapq.heappop(heap)
        if j in chosen:
            continue
        col = problem.covers[j]
        gain = sum(compress(map(worth, col), map(uncovered.__getitem__, col)))
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
    solve: Callable[[CoverProblem, Deadline], tuple[Sequence[int], bool]],
    deadline: Deadline,
) -> list[int]:
    """The best cover of growing core sub-problems, or ``best`` when none is better.

    A core keeps the columns of least reduced cost (those the LP relaxation
    nearly takes), :data:`CORE_PER_ITEM` × items of them at first and
    :data:`CORE_GROWTH` times more each round, plus the columns of the best
    cover so far (so that it stays feasible) and the forced ones. ``solve``
    (the exact engine itself: (plan, proven)) solves each core, the first until
    ``deadline``, each next one for at most :data:`CORE_PATIENCE` times as long
    as the last; rounds stop when a core is not proven optimal in its time, at
    ``deadline``, or when the core would be more than half the problem. Any
    cover of a core covers the whole problem, so the answer is a valid start
    whatever the core. On the ESCO *data scientist* plan (3,643
    columns after the reductions, LP bound 75.4 h, the optimum 88 h) the
    optimum's columns are among the 123 of least reduced cost: the core of 97
    columns gives 91 h in 1.9 s and the next one (126 columns) the 88 h
    optimum in 1.8 s, where CP-SAT alone on the same core took 8 s and on the
    whole model stayed at 91 h for 60 s; the third (164 columns) would take
    12 s to prove and is stopped after 3.6 s.
    """
    costs = problem.objectives[0]
    order = sorted(range(len(problem.columns)), key=lambda j: (reduced[j], j))
    result, value = sorted(best), problem.value(best)[0]
    size = CORE_PER_ITEM * len(problem.items)
    until = deadline
    while not until.expired():
        cols = sorted({*order[: round(size)], *result, *problem.forced})
        if 2 * len(cols) > len(problem.columns):
            break  # no smaller than the whole, nearly: the main search does it
        core = CoverProblem(
            problem.items,
            tuple(problem.columns[j] for j in cols),
            tuple(problem.covers[j] for j in cols),
            (tuple(costs[j] for j in cols),),
            frozenset(k for k, j in enumerate(cols) if j in problem.forced),
        )
        began = deadline.clock()
        chosen, proven = solve(core, until)
        found = [cols[k] for k in chosen]
        if problem.value(found)[0] < value:
            result, value = sorted(found), problem.value(found)[0]
        if not proven:
            break  # cores this large are no longer quick
        size *= CORE_GROWTH
        until = deadline.within(CORE_PATIENCE * (deadline.clock() - began))
    return result
