"""A row-weighting local search for covers with a large LP gap (an anytime start).

Greedy and its local search stop at the first cover no single swap improves; on
instances whose LP bound is far below the optimum (unicost, railway-like, large
ESCO plans) that cover is often several columns above the best known. This search,
after the row-weighting local search of the unicost set-cover literature (Gao,
Weise and Li, 2015), keeps walking below the best cover found: each time the
current columns cover every item, the cover is kept and a column is dropped;
otherwise it drops the column whose loss, per unit of cost, is least (never the one
just added) and adds the best column, per unit of cost, for a random uncovered item.
Every uncovered item's weight then rises by one, so items left uncovered for long
pull columns in; a column dropped is not added back until an item it covers changes
state (configuration checking), which keeps the walk from cycling.

The walk is deterministic (a fixed seed, exact tie-breaks) and stops after
``iterations`` steps, after ``work`` coverers visited (:data:`WORK`) or at the
deadline, whichever comes first. Its result is a
cover never worse than the start; forced columns stay in every cover.

:func:`walk_rival` runs a second walk, without limits, in a forked process as a
race's rival (wide covers of many items: :func:`curriculum.solve.cover.walks_on`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from curriculum.solve.forked import Better, run_forked
from curriculum.solve.lexicographic import Rival, RivalOutcome
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem
from curriculum.solve.stop import Stopper

ITERATIONS = 20_000
"""Steps of one walk at most. Chosen on the tuning seeds 1 and 2 of the generated
families (``benchmarks/families.py``): on 200-row unicost instances (about 0.9 s)
the best cover of a longer walk was found within it."""
WORK = 100_000_000
"""Coverers visited by one walk at most (a step costs as many as its columns' items
have coverers), so that the walk ends at the same cover on any machine unless its
time share ends it first. Railway-like covers (400 x 20,000) were still improving
after 54 and 62 million visits on the tuning seeds 1 and 2 (about 20 s here); 200-row
unicost ones end their 20,000 steps within 4 million."""
CHECK_EVERY = 64  # steps between two readings of the clock
UNLIMITED = 10**18  # the race's walk: neither a step nor a work limit


class _Walk:
    """The current columns, how often each item is covered, and every column's score:
    for a column out, the weight of the uncovered items it would cover; for a column
    in, minus the weight of the items only it covers."""

    def __init__(self, problem: CoverProblem, start: Sequence[int]) -> None:
        self.covers = [tuple(c) for c in problem.covers]
        self.coverers = [tuple(c) for c in problem.coverers()]
        self.price = [max(float(c), 1e-6) for c in problem.objectives[0]]
        self.forced = problem.forced
        self.weight = [1] * len(problem.items)
        self.count = [0] * len(problem.items)
        self.chosen: set[int] = set(start) | set(problem.forced)
        for j in self.chosen:
            for i in self.covers[j]:
                self.count[i] += 1
        self.uncovered = {i for i, k in enumerate(self.count) if k == 0}
        self.score = [self._fresh(j) for j in range(len(self.covers))]
        self.stamp = [0] * len(self.covers)
        self.free = [True] * len(self.covers)  # may be added (configuration checking)
        self.work = 0  # coverers visited: the walk's cost, whatever the instance's shape

    def _fresh(self, j: int) -> int:
        if j in self.chosen:
            return -sum(self.weight[i] for i in self.covers[j] if self.count[i] == 1)
        return sum(self.weight[i] for i in self.covers[j] if self.count[i] == 0)

    def add(self, j: int, step: int) -> None:
        weight, count, score, free = self.weight, self.count, self.score, self.free
        self.chosen.add(j)
        for i in self.covers[j]:
            others = self.coverers[i]
            self.work += len(others)
            if count[i] == 0:
                self.uncovered.discard(i)
                for k in others:
                    score[k] -= weight[i]
                    free[k] = True
            else:
                if count[i] == 1:
                    for k in others:
                        if k in self.chosen and k != j:
                            score[k] += weight[i]
                            break
                for k in others:
                    free[k] = True
            count[i] += 1
        score[j] = self._fresh(j)
        self.stamp[j] = step

    def drop(self, j: int, step: int) -> None:
        weight, count, score, free = self.weight, self.count, self.score, self.free
        self.chosen.discard(j)
        for i in self.covers[j]:
            others = self.coverers[i]
            self.work += len(others)
            count[i] -= 1
            if count[i] == 0:
                self.uncovered.add(i)
                for k in others:
                    score[k] += weight[i]
                    free[k] = True
            else:
                if count[i] == 1:
                    for k in others:
                        if k in self.chosen:
                            score[k] -= weight[i]
                            break
                for k in others:
                    free[k] = True
        score[j] = self._fresh(j)
        self.stamp[j] = step
        free[j] = False

    def worst(self, keep: int) -> int | None:
        """The column whose removal loses least per unit of cost (oldest first)."""
        score, price, stamp = self.score, self.price, self.stamp
        best, key = None, (-float("inf"), 0, 0)
        for j in self.chosen:
            if j != keep and j not in self.forced:
                here = (score[j] / price[j], -stamp[j], -j)
                if here > key:
                    best, key = j, here
        return best

    def best_for(self, item: int) -> int:
        """The column covering ``item`` that gains most per unit of cost (oldest first)."""
        score, price, stamp, free = self.score, self.price, self.stamp, self.free
        options = [k for k in self.coverers[item] if free[k]] or self.coverers[item]
        return max(options, key=lambda k: (score[k] / price[k], -stamp[k], -k))

    def heavier(self) -> None:
        """Every uncovered item's weight rises by one (its coverers' scores with it)."""
        for i in self.uncovered:
            self.weight[i] += 1
            for k in self.coverers[i]:
                self.score[k] += 1


def weighted_search(
    problem: CoverProblem,
    start: Sequence[int],
    deadline: Deadline = NO_DEADLINE,
    iterations: int = ITERATIONS,
    seed: int = 0,
    work: int = WORK,
    on_better: Callable[[list[int]], object] | None = None,
) -> list[int]:
    """The best cover the row-weighting walk finds from ``start`` (a cover), first
    objective; ``start`` itself when nothing better is found. ``on_better`` is
    called with each better cover as it is found."""
    if not problem.objectives:
        return sorted(start)
    costs = problem.objectives[0]
    walk = _Walk(problem, start)
    rng = random.Random(seed)
    best, value = sorted(walk.chosen), sum(costs[j] for j in walk.chosen)
    current, last = value, -1
    for step in range(1, iterations + 1):
        if step % CHECK_EVERY == 1 and (deadline.expired() or walk.work > work):
            break
        while not walk.uncovered:
            if current < value:
                best, value = sorted(walk.chosen), current
                if on_better is not None:
                    on_better(best)
            out = walk.worst(-1)
            if out is None:
                return best
            walk.drop(out, step)
            current -= costs[out]
        out = walk.worst(last)
        if out is not None:
            walk.drop(out, step)
            current -= costs[out]
        last = walk.best_for(rng.choice(sorted(walk.uncovered)))
        walk.add(last, step)
        current += costs[last]
        walk.heavier()
    if not walk.uncovered and current < value:
        best = sorted(walk.chosen)
    return best


def walk_rival(problem: CoverProblem, start: Sequence[int], deadline: Deadline, seed: int) -> Rival:
    """The walk as a race's rival: from ``start`` until it is stopped or the deadline
    passes, with neither step nor work limit, in a forked process (the other core).

    Each better cover comes back as it is found, so a rival stopped (by CP-SAT's
    proof, Ctrl-C or the deadline) leaves its best cover; it proves no bound. Its
    covers depend on the time it had: a race keeps them only while no engine has
    proven the stage, so a proven plan does not.
    """
    n = len(problem.columns)

    def search(until: Deadline, report: Callable[[object], None] | None) -> list[int]:
        def better(cover: list[int]) -> None:
            if report is not None:
                report(Better(tuple(cover)))

        return weighted_search(problem, start, until, UNLIMITED, seed, UNLIMITED, better)

    def solve(stopper: Stopper) -> RivalOutcome:
        last: dict[str, Sequence[int]] = {"cover": start}  # the best cover streamed so far

        def keep(better: Better) -> None:
            last["cover"] = better.chosen

        outcome, _ = run_forked(search, "WALK", deadline, stopper, on_better=keep)
        chosen = set(last["cover"] if outcome is None else outcome)
        return RivalOutcome(tuple(int(j in chosen) for j in range(n)), None, -math.inf)

    return solve
