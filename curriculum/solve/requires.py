"""Prerequisites in the cover and coverage models: starts, pruning and an exact search.

A :class:`~curriculum.solve.problem.CoverProblem` with ``requires`` asks, for
every chosen column, one chosen alternative of each of its requirements. The
functions here keep the heuristics' selections feasible under that rule
(:func:`close_requirements`, :func:`prune_cover`) and settle small problems
exactly (:func:`search_requires`) without OR-Tools. They are used only when
``problem.requires`` is not empty: the plain set-cover path is unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from curriculum.solve.problem import CoverProblem


def required_by(problem: CoverProblem, among: Iterable[int] | None = None) -> list[set[int]]:
    """For each column, the columns (of ``among``, default all) naming it in a requirement."""
    result: list[set[int]] = [set() for _ in problem.columns]
    if not problem.requires:
        return result
    for j in range(len(problem.columns)) if among is None else among:
        for group in problem.requires[j]:
            for k in group:
                result[k].add(j)
    return result


def closure_costs(problem: CoverProblem, weights: Sequence[int]) -> list[float]:
    """An estimate of what taking each column costs with its requirements (each
    met by its cheapest alternative, recursively; shared ones counted twice)."""
    memo: dict[int, float] = {}
    on_path: set[int] = set()  # iterative: a chain may be thousands of columns long
    for root in range(len(problem.columns)):
        stack = [root]
        while stack:
            j = stack[-1]
            if j in memo:
                stack.pop()
                continue
            if j not in on_path:
                on_path.add(j)
                todo = [
                    k for g in problem.requires[j] for k in g if k not in memo and k not in on_path
                ]
                if todo:
                    stack.extend(todo)
                    continue
            # a requirement on the current path is a cycle (never in a valid
            # catalogue): already paid for
            memo[j] = weights[j] + sum(
                min(memo.get(k, 0) for k in group) for group in problem.requires[j]
            )
            on_path.discard(j)
            stack.pop()
    return [memo[j] for j in range(len(problem.columns))]


def close_requirements(
    problem: CoverProblem, chosen: Iterable[int], estimate: Sequence[float] | None = None
) -> set[int]:
    """``chosen`` plus, for each unmet requirement of a chosen column, its
    alternative of least :func:`closure_costs` (lowest index on ties), until all
    are met."""
    result = set(chosen)
    if not problem.requires:
        return result
    if estimate is None:
        weights = problem.objectives[0] if problem.objectives else (1,) * len(problem.columns)
        estimate = closure_costs(problem, weights)
    todo = sorted(result)
    while todo:
        j = todo.pop()
        for group in problem.requires[j]:
            if not any(k in result for k in group):
                pick = min(group, key=lambda k: (estimate[k], k))
                result.add(pick)
                todo.append(pick)
    return result


def prune_cover(problem: CoverProblem, chosen: Iterable[int], weights: Sequence[int]) -> list[int]:
    """Drop, most expensive (then latest) first, columns that neither cover an
    item alone nor serve alone a requirement of another chosen column."""
    chosen = set(chosen)
    count = [0] * len(problem.items)
    for j in chosen:
        for i in problem.covers[j]:
            count[i] += 1
    changed = True
    while changed:
        changed = False
        for j in sorted(chosen - problem.forced, key=lambda j: (-weights[j], -j)):
            if any(count[i] == 1 for i in problem.covers[j]) or _serves_alone(problem, chosen, j):
                continue
            chosen.discard(j)
            for i in problem.covers[j]:
                count[i] -= 1
            changed = True
    return sorted(chosen)


def _serves_alone(problem: CoverProblem, chosen: set[int], j: int) -> bool:
    """Whether some chosen column has a requirement that only ``j`` meets."""
    return any(
        j in group and not any(k != j and k in chosen for k in group)
        for other in chosen
        if other != j
        for group in problem.requires[other]
    )


def greedy_requires(problem: CoverProblem) -> list[int]:
    """A feasible cover: the forced columns and their requirements, then repeatedly
    the column whose closure covers the most new items per unit of (estimated)
    first objective, then pruned."""
    n = len(problem.columns)
    weights = problem.objectives[0] if problem.objectives else (1,) * n
    estimate = closure_costs(problem, weights)
    chosen = close_requirements(problem, problem.forced, estimate)
    uncovered = set(range(len(problem.items))) - {i for j in chosen for i in problem.covers[j]}
    while uncovered:
        best, best_key = -1, (math.inf, 0)
        for j in range(n):
            if j in chosen:
                continue
            gain = sum(1 for i in problem.covers[j] if i in uncovered)
            if gain and (estimate[j] / gain, j) < best_key:
                best, best_key = j, (estimate[j] / gain, j)
        if best < 0:
            break
        chosen = close_requirements(problem, chosen | {best}, estimate)
        uncovered -= {i for j in chosen for i in problem.covers[j]}
    return prune_cover(problem, chosen, weights)


Key = tuple[tuple[int, ...], int, tuple[int, ...]]


def search_requires(
    problem: CoverProblem, start: Sequence[int], node_limit: int = 20_000
) -> list[int] | None:
    """The best feasible cover by (objectives, column count, sorted columns), or ``None``.

    Like :func:`curriculum.solve.dfs.search_cover`, but an unmet requirement of
    a chosen column is branched on like an uncovered item (its alternatives are
    the candidates). Every branch takes one candidate and excludes the ones
    tried before it, so each minimal feasible set of columns is met, and the
    best plan is minimal (objectives are non-negative). Forced columns start
    the search. ``start`` (feasible) is the first incumbent; ``None`` when the
    node budget runs out.
    """
    if not problem.objectives:
        raise ValueError("search_requires needs at least one objective")
    first = problem.objectives[0]
    bits, coverers, ordered = _search_order(problem)

    def key(chosen: Iterable[int]) -> Key:
        columns = tuple(sorted(chosen))
        return problem.value(columns), len(columns), columns

    best_key = key(start)
    best = list(best_key[2])
    nodes = 0

    def visit(uncovered: int, chosen: set[int], cost: int, excluded: int) -> bool:
        nonlocal best, best_key, nodes
        nodes += 1
        if nodes > node_limit:
            return False
        lists = _candidate_lists(uncovered, chosen, excluded, coverers, ordered)
        if not lists:
            found = key(chosen)
            if found < best_key:
                best_key, best = found, list(found[2])
            return True
        if any(not cands for cands in lists):
            return True  # something can no longer be met in this branch
        bound = max(first[cands[0]] for cands in lists)
        if cost + bound > best_key[0][0]:
            return True
        pick = min(lists, key=len)
        for j in pick:
            if cost + first[j] > best_key[0][0]:
                break  # candidates are sorted by the first objective
            chosen.add(j)
            ok = visit(uncovered & ~bits[j], chosen, cost + first[j], excluded)
            chosen.discard(j)
            if not ok:
                return False
            excluded |= 1 << j
        return True

    forced = set(problem.forced)
    uncovered = (1 << len(problem.items)) - 1
    for j in forced:
        uncovered &= ~bits[j]
    if not visit(uncovered, forced, sum(first[j] for j in forced), 0):
        return None
    return best


def _search_order(
    problem: CoverProblem,
) -> tuple[list[int], list[list[int]], list[list[list[int]]]]:
    """For :func:`search_requires`: each column's items as a bit set, each item's
    coverers and each column's requirement groups, cheapest (first objective) first."""
    n = len(problem.columns)
    first = problem.objectives[0]
    bits = [0] * n
    for j, col in enumerate(problem.covers):
        for i in col:
            bits[j] |= 1 << i
    coverers = [sorted(cols, key=lambda j: (first[j], j)) for cols in problem.coverers()]
    requires = problem.requires or ((),) * n
    ordered = [
        [sorted(group, key=lambda k: (first[k], k)) for group in groups] for groups in requires
    ]
    return bits, coverers, ordered


def _candidate_lists(
    uncovered: int,
    chosen: set[int],
    excluded: int,
    coverers: list[list[int]],
    ordered: list[list[list[int]]],
) -> list[list[int]]:
    """What is still unmet, as lists of candidates not excluded: an uncovered item's
    coverers, and the alternatives of each unmet requirement of a chosen column."""
    lists = []
    rest = uncovered
    while rest:
        low = rest & -rest
        rest ^= low
        lists.append([j for j in coverers[low.bit_length() - 1] if not excluded >> j & 1])
    for j in chosen:
        for group in ordered[j]:
            if not any(k in chosen for k in group):
                lists.append([k for k in group if not excluded >> k & 1])
    return lists
