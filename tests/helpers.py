"""Independent checks used by the solver tests: brute force and cover validity."""

from __future__ import annotations

from itertools import combinations

from curriculum.solve.problem import CoverProblem


def brute_force(problem: CoverProblem) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The best (objective vector, sorted columns) over every subset.

    Written without the engine's code: enumerates all subsets, keeps the covers
    and compares (objectives..., column count, sorted column list) in order.
    """
    n = len(problem.columns)
    best: tuple[tuple[int, ...], int, tuple[int, ...]] | None = None
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            chosen = set(subset)
            if not problem.forced <= chosen:
                continue
            covered = {i for j in subset for i in problem.covers[j]}
            if len(covered) != len(problem.items):
                continue
            value = tuple(sum(obj[j] for j in subset) for obj in problem.objectives)
            key = (value, len(subset), tuple(sorted(subset)))
            if best is None or key < best:
                best = key
    assert best is not None
    return best[0], best[2]
