"""Move each course of a valid schedule as early as it can go on its own (pure Python).

:func:`settle_early` is the last, deterministic step of the schedule solver
(:mod:`curriculum.solve.schedule`): it takes a valid placement whose goal values
are optimal and moves single courses to earlier periods, in column order, as long
as every rule still holds and no goal value changes. The result depends only on
the placement it starts from. Nothing here imports OR-Tools.
"""

from __future__ import annotations

from collections.abc import Sequence

from curriculum.solve.schedule_problem import ScheduleProblem

__all__ = ["movable_earlier", "settle_early"]


class _Loads:
    """Minutes, cents and courses per period of a placement, kept up to date by moves."""

    def __init__(self, problem: ScheduleProblem, placement: dict[int, int]) -> None:
        self.problem = problem
        self.minutes, self.cents = problem.cover.objectives[0], problem.cover.objectives[1]
        size = problem.periods
        self.load, self.cost, self.count = [0] * size, [0] * size, [0] * size
        for j, p in placement.items():
            self.add(j, p, 1)
        self.last = max(placement.values(), default=-1)  # no move empties it

    def add(self, j: int, p: int, sign: int) -> None:
        self.load[p] += sign * self.minutes[j]
        self.cost[p] += sign * self.cents[j]
        self.count[p] += sign

    def fits(self, j: int, source: int, target: int, heaviest: int | None) -> bool:
        """Whether moving ``j`` from ``source`` to ``target`` keeps every per-period bound."""
        problem, minutes = self.problem, self.minutes[j]
        load, count = self.load[target] + minutes, self.count[target] + 1
        if heaviest is not None and load > heaviest:
            return False
        if problem.max_minutes is not None and load > problem.max_minutes:
            return False
        if problem.max_cents is not None and self.cost[target] + self.cents[j] > problem.max_cents:
            return False
        if problem.max_courses is not None and count > problem.max_courses:
            return False
        left, left_count = self.load[source] - minutes, self.count[source] - 1
        if left_count == 0 and source == self.last:  # it would change the periods used
            return False
        if problem.min_minutes and left < problem.min_minutes:
            return False
        return not (problem.min_courses and left_count < problem.min_courses)


def _requirements_met(
    problem: ScheduleProblem, placement: dict[int, int], j: int, period: int
) -> bool:
    """Whether ``j`` in ``period`` has each requirement met by the placement, and the
    courses that must share a period with ``j`` still do once it moves there."""
    if not problem.meets(placement, j, period):
        return False
    if not problem.together:
        return True
    moved = {**placement, j: period}
    return all(
        problem.meets(moved, i, moved[i])
        for i in placement
        if any(j in group for group in problem.together[i])
    )


def _earliest_move(
    problem: ScheduleProblem,
    placement: dict[int, int],
    loads: _Loads,
    j: int,
    heaviest: int | None,
) -> int | None:
    """The earliest period before its own that column ``j`` can move to alone, or ``None``."""
    source = placement[j]
    for target in problem.periods_of(j):
        if target >= source:
            return None
        if loads.fits(j, source, target, heaviest) and _requirements_met(
            problem, placement, j, target
        ):
            return target
    return None


def movable_earlier(
    problem: ScheduleProblem, placement: dict[int, int], heaviest: int | None = None
) -> list[int]:
    """The columns that could move to an earlier period on their own (empty when settled).

    A move must keep every rule of the problem, leave no period up to the last
    one used empty, and (``heaviest`` given) keep every period's minutes at most
    ``heaviest``.
    """
    loads = _Loads(problem, placement)
    return [
        j
        for j in sorted(placement)
        if _earliest_move(problem, placement, loads, j, heaviest) is not None
    ]


def settle_early(
    problem: ScheduleProblem, placement: dict[int, int], heaviest: int | None = None
) -> dict[int, int]:
    """Move columns earlier, one at a time, until none can move (see :func:`movable_earlier`).

    Passes go through the columns in order, moving each to the earliest period
    it can reach alone; they repeat until a pass moves nothing. Every move puts
    a course in a strictly earlier period, so this ends. The goal values (total
    minutes and cost, periods used, and the heaviest period when ``heaviest``
    bounds it) do not change.
    """
    placement = dict(placement)
    loads = _Loads(problem, placement)
    columns: Sequence[int] = sorted(placement)
    moved = True
    while moved:
        moved = False
        for j in columns:
            target = _earliest_move(problem, placement, loads, j, heaviest)
            if target is None:
                continue
            loads.add(j, placement[j], -1)
            loads.add(j, target, 1)
            placement[j] = target
            moved = True
    return placement
