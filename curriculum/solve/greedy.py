"""Heuristic covers: the greedy ratio rule, drop-and-repair local search, LP-priced starts.

Each returns a cover never worse than the one it started from; none proves
anything. :mod:`curriculum.solve.cover` starts its exact search from them.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain

from curriculum.solve.dual_start import dual_covers
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem


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
        gain = sum(map(uncovered.__getitem__, problem.covers[j]))
        if gain != gain_then:  # stale entry: push back with its current ratio
            if gain:
                heapq.heappush(heap, (weights[j] / gain, j, gain))
            continue
        chosen.add(j)
        for i in problem.covers[j]:
            if uncovered[i]:
                uncovered[i] = False
                left -= 1
    return prune(problem, chosen, weights)


def prune(problem: CoverProblem, chosen: set[int], weights: Sequence[int]) -> list[int]:
    """Drop redundant columns, most expensive (then latest) first (forced ones stay)."""
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
    problem: CoverProblem, start: Sequence[int], rounds: int = 3, deadline: Deadline = NO_DEADLINE
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
                return prune(problem, chosen, weights)
            if j not in chosen:
                continue
            alone = [i for i in problem.covers[j] if count[i] == 1]
            repair: list[int] = []
            cost = 0
            need = set(alone)
            while need and cost < weights[j]:
                best, best_key = -1, (math.inf, 0)
                # each candidate's count of needed items, counted in C (the key decides ties)
                gains = Counter(chain.from_iterable(map(coverers.__getitem__, need)))
                for k, gain in gains.items():
                    if k != j and k not in chosen:
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
        chosen = set(prune(problem, chosen, weights))
        count = [0] * len(problem.items)
        for j in chosen:
            for i in problem.covers[j]:
                count[i] += 1
        if not improved:
            break
    return sorted(chosen)


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
        cover = local_search(problem, prune(problem, chosen, costs), deadline=deadline)
        if problem.value(cover)[0] < value:
            result, value = cover, problem.value(cover)[0]
    return sorted(result)
