"""Starting selections for the max-coverage model: greedy fill and one-swap repair.

No OR-Tools here. Every function returns columns within the limits (when the
forced columns are), which the model is hinted with and returns, labelled as not
proven, when the time limit stops the search first.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from curriculum.solve.problem import CoverProblem
from curriculum.solve.requires import close_requirements, closure_costs

Limits = Sequence[int | None]
DROP_TRIES = 6  # columns of the previous point tried for removal (least weight lost first)


def fits(value: Sequence[int], limits: Limits) -> bool:
    """Whether an objective vector meets the limits (``None``: no limit)."""
    return all(limit is None or v <= limit for v, limit in zip(value, limits, strict=False))


def greedy_coverage(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    *,
    primary: int = 0,
    base: Iterable[int] = (),
) -> list[int]:
    """Columns within the limits: the forced ones and ``base``, then best new weight per unit.

    Adds, while one fits, the column with the most uncovered weight per unit of
    the ``primary`` objective (the lowest index on ties). Gains only fall and the
    room left only shrinks as columns are added, so candidates are kept in a
    lazily updated heap: about ``O(nnz log n)``.
    """
    if problem.requires:
        return greedy_coverage_requires(problem, weights, limits, primary=primary, base=base)
    chosen = set(problem.forced) | set(base)
    value = list(problem.value(chosen))
    covered = [False] * len(problem.items)
    for j in chosen:
        for i in problem.covers[j]:
            covered[i] = True
    cost = problem.objectives[primary] if problem.objectives else (0,) * len(problem.columns)

    def gain(j: int) -> int:
        return sum(weights[i] for i in problem.covers[j] if not covered[i])

    heap = []
    for j in range(len(problem.columns)):
        if j not in chosen and (g := gain(j)) > 0:
            heap.append((-g / max(1, cost[j]), j, g))
    heapq.heapify(heap)
    while heap:
        _, j, then = heapq.heappop(heap)
        now = gain(j)
        if now != then:
            if now > 0:
                heapq.heappush(heap, (-now / max(1, cost[j]), j, now))
            continue
        after = [v + o[j] for v, o in zip(value, problem.objectives, strict=True)]
        if not fits(after, limits):
            continue  # the room left only shrinks: it never fits again
        chosen.add(j)
        value = after
        for i in problem.covers[j]:
            covered[i] = True
    return sorted(chosen)


def weight_of(problem: CoverProblem, weights: Sequence[int], chosen: Iterable[int]) -> int:
    """The weight the columns cover."""
    return sum(weights[i] for i in {i for j in chosen for i in problem.covers[j]})


def best_start(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    *,
    primary: int = 0,
    previous: Sequence[int] = (),
) -> list[int]:
    """The best of the greedy selection and of ``previous`` less one column, refilled.

    ``previous`` is the selection of a looser limit (the frontier's last point):
    dropping one of its columns (the ``DROP_TRIES`` losing the least weight
    per unit saved) and refilling greedily often gives the next point or
    close to it. Ties go to the fewer columns.
    """
    candidates = [greedy_coverage(problem, weights, limits, primary=primary)]
    count = [0] * len(problem.items)
    for j in previous:
        for i in problem.covers[j]:
            count[i] += 1
    cost = problem.objectives[primary]

    def loss(j: int) -> tuple[float, int]:  # weight only j covers, per unit of cost saved
        return sum(weights[i] for i in problem.covers[j] if count[i] == 1) / max(1, cost[j]), j

    for j in sorted((j for j in previous if j not in problem.forced), key=loss)[:DROP_TRIES]:
        rest = [k for k in previous if k != j]
        if fits(problem.value(rest), limits) and problem.meets_requirements(rest):
            candidates.append(greedy_coverage(problem, weights, limits, primary=primary, base=rest))
    return min(
        candidates,
        key=lambda c: (-weight_of(problem, weights, c), problem.value(c)[primary], len(c), c),
    )


def greedy_coverage_requires(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    *,
    primary: int = 0,
    base: Iterable[int] = (),
) -> list[int]:
    """:func:`greedy_coverage` with prerequisites: each step adds a column with
    its unmet requirements (:func:`~curriculum.solve.requires.close_requirements`),
    the bundle of most new weight per unit of the ``primary`` objective that fits.

    The forced columns and ``base`` are closed over their requirements first
    (the result may then exceed the limits, as the forced columns alone may).
    """
    cost = problem.objectives[primary] if problem.objectives else (0,) * len(problem.columns)
    estimate = closure_costs(problem, cost)
    chosen = close_requirements(problem, set(problem.forced) | set(base), estimate)
    covered = {i for j in chosen for i in problem.covers[j]}
    while True:
        best: tuple[float, int] | None = None
        best_set: set[int] = set()
        for j in range(len(problem.columns)):
            if j in chosen:
                continue
            gain = sum(weights[i] for i in problem.covers[j] if i not in covered)
            if gain <= 0:
                continue
            bundle = close_requirements(problem, chosen | {j}, estimate)
            if not fits(problem.value(bundle), limits):
                continue
            extra = sum(cost[k] for k in bundle - chosen)
            key = (-gain / max(1, extra), j)
            if best is None or key < best:
                best, best_set = key, bundle
        if best is None:
            return sorted(chosen)
        chosen = best_set
        covered = {i for j in chosen for i in problem.covers[j]}
