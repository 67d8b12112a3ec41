"""The CP-SAT model of a schedule problem and how to read its solutions.

The model: ``take[j]`` (column chosen), ``at[j, p]`` (placed in period ``p``,
only for the periods it may go in), ``used[p]`` (``p`` is at or before the last
used period). Prerequisites: for each period ``p`` of ``j``, one alternative of
each requirement sits in a period before ``p`` (``<= p`` for corequisites, ``== p``
for same-term requirements).
Strengthening: every column's periods are narrowed to those its prerequisite
chains allow (a course after a chain of ``k`` prerequisites cannot be in the
first ``k`` periods; a course that a forced course needs, through single
prerequisites, must leave room for that chain after it), and with ``balance``
the heaviest load is at least the total over the number of periods.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from curriculum.solve import cpsat
from curriculum.solve.lexicographic import TIE_BLOCK, Stage
from curriculum.solve.schedule_problem import ScheduleProblem


def schedule_value(problem: ScheduleProblem, placement: dict[int, int]) -> tuple[int, ...]:
    """The objective vector of a placement, in the order of the goal."""
    minutes, cents = minutes_cents(problem)
    total = sum(minutes[j] for j in placement)
    cost = sum(cents[j] for j in placement)
    used = max(placement.values(), default=-1) + 1
    if problem.goal == "balance":
        loads = [0] * problem.periods
        for j, p in placement.items():
            loads[p] += minutes[j]
        return (max(loads, default=0), total, used, cost)
    return (total, used, cost)


def minutes_cents(problem: ScheduleProblem) -> tuple[Sequence[int], Sequence[int]]:
    """The minutes and the cents of each column (zeros when the cover lacks that goal)."""
    objectives = problem.cover.objectives
    n = len(problem.cover.columns)
    minutes = objectives[0] if objectives else (0,) * n
    cents = objectives[1] if len(objectives) > 1 else (0,) * n
    return minutes, cents


class ScheduleModel:
    """The CP-SAT model of a schedule problem and how to read its solutions."""

    def __init__(self, problem: ScheduleProblem, windows: list[tuple[int, ...]]) -> None:
        self.problem = problem
        self.windows = windows
        cover = problem.cover
        n, periods = len(cover.columns), problem.periods
        model = self.model = cpsat.new_model()
        self.take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
        self.at = {(j, p): model.new_bool_var(f"at[{j},{p}]") for j in range(n) for p in windows[j]}
        self.used = [model.new_bool_var(f"used[{p}]") for p in range(periods)]
        self.index = list(self.at)
        self.variables = [*self.take, *self.at.values()]
        self.period = []
        for j in range(n):
            bools = [self.at[j, p] for p in windows[j]]
            model.add(sum(bools) == self.take[j])
            period = model.new_int_var(0, max(windows[j], default=0), f"period[{j}]")
            model.add(period == cpsat.weighted_sum(bools, list(windows[j])))
            self.period.append(period)
        for j in cover.forced:
            model.add(self.take[j] == 1)
        for cols in cover.coverers():
            model.add_bool_or([self.take[j] for j in cols])
        self._requirements()
        self._periods()

    def _requirements(self) -> None:
        """Each requirement's alternative chosen, in an earlier period (or the same, for
        corequisites; the same, for same-term requirements)."""
        model, take, at, windows = self.model, self.take, self.at, self.windows
        for j in range(len(take)):
            for group, gap in self.problem.requirements(j):
                model.add_bool_or([take[j].Not(), *(take[k] for k in group)])
                if len(group) == 1:  # a linear precedence: a stronger relaxation
                    k = group[0]
                    if gap < 0:
                        model.add(self.period[k] == self.period[j]).only_enforce_if(take[j])
                    else:
                        model.add(self.period[k] + gap <= self.period[j]).only_enforce_if(take[j])
                for p in windows[j]:
                    before = [
                        at[k, q]
                        for k in group
                        for q in windows[k]
                        if (q == p if gap < 0 else q + gap <= p)
                    ]
                    model.add_bool_or([at[j, p].Not(), *before])

    def _periods(self) -> None:
        """Per-period loads, bounds and the used periods."""
        problem, model, at = self.problem, self.model, self.at
        minutes, cents = minutes_cents(problem)
        used = self.used
        for p in range(1, problem.periods):
            model.add_implication(used[p], used[p - 1])
        self.loads = []
        for p in range(problem.periods):
            here = [j for (j, q) in self.index if q == p]
            bools = [at[j, p] for j in here]
            for b in bools:
                model.add_implication(b, used[p])
            load = cpsat.weighted_sum(bools, [minutes[j] for j in here])
            cost = cpsat.weighted_sum(bools, [cents[j] for j in here])
            count = sum(bools)
            self.loads.append(load)
            if problem.max_minutes is not None:
                model.add(load <= problem.max_minutes)
            if problem.max_cents is not None:
                model.add(cost <= problem.max_cents)
            if problem.max_courses is not None:
                model.add(count <= problem.max_courses)
            if problem.min_minutes:
                model.add(load >= problem.min_minutes).only_enforce_if(used[p])
            if problem.min_courses:
                model.add(count >= problem.min_courses).only_enforce_if(used[p])

    def stages(self, tie_break: bool) -> tuple[list[Stage], list[Stage]]:
        """The goals' stages, and the tie-break stages (empty without ``tie_break``)."""
        problem, model, take = self.problem, self.model, self.take
        free = [j for j in range(len(take)) if j not in problem.cover.forced]
        minutes, cents = minutes_cents(problem)

        def over_free(weights: Sequence[int]) -> Any:
            pairs = [(take[j], weights[j]) for j in free if weights[j]]
            return cpsat.weighted_sum(*zip(*pairs, strict=True)) if pairs else 0

        goals = [
            Stage(over_free(minutes), name="hours"),
            Stage(sum(self.used), name="periods"),
            Stage(over_free(cents), name="cost"),
        ]
        if problem.goal == "balance":
            # Loads are multiples of the minutes' gcd, so is the heaviest: counting in
            # units of it makes total / periods round up to a much stronger bound.
            unit = math.gcd(*minutes) or 1
            units = model.new_int_var(0, sum(minutes) // unit, "heaviest")
            heaviest = units * unit
            for load in self.loads:
                model.add(heaviest >= load)
            model.add(problem.periods * heaviest >= cpsat.weighted_sum(take, list(minutes)))
            forced = [minutes[j] for j in problem.cover.forced]
            model.add(heaviest >= max(forced, default=0))
            goals.insert(0, Stage(heaviest, name="heaviest period"))
        ties: list[Stage] = []
        if tie_break:
            ties.append(Stage(over_free([1] * len(take)), name="courses"))
            for lo in range(0, len(free), TIE_BLOCK):
                block = free[lo : lo + TIE_BLOCK]
                weights = [1 << (len(block) - 1 - k) for k in range(len(block))]
                ties.append(
                    Stage(
                        cpsat.weighted_sum([take[j] for j in block], weights),
                        maximize=True,
                        name="columns",
                    )
                )
        return self._fold(goals), ties

    def _fold(self, goals: list[Stage]) -> list[Stage]:
        """The first goal and the periods used as one stage when they come in a row.

        ``first * (periods + 1) + used`` with ``0 <= used <= periods`` orders
        solutions exactly as the two stages in turn do, and saves a solve; the
        factor is kept in :attr:`fold` to read the first goal's bound back.
        """
        goals = [g for g in goals if not isinstance(g.expr, int)]
        self.fold = 1
        if len(goals) >= 2 and goals[1].name == "periods":
            self.fold = self.problem.periods + 1
            joined = Stage(goals[0].expr * self.fold + goals[1].expr, name=goals[0].name)
            goals[:2] = [joined]
        return goals

    def decode(self, values: Sequence[int]) -> dict[int, int]:
        """Column -> period of an assignment of :attr:`variables`."""
        offset = len(self.take)
        return {j: p for k, (j, p) in enumerate(self.index) if values[offset + k]}

    def evaluate(self) -> Any:
        """The goals and tie-breaks of an assignment, smaller is better (for the engine)."""
        problem, n = self.problem, len(self.take)

        def evaluate(values: Sequence[int]) -> tuple[int, ...]:
            placement = self.decode(values)
            bits = sum(1 << (n - 1 - j) for j in placement)
            order = sum(p * problem.periods ** (n - j) for j, p in placement.items())
            return (*schedule_value(problem, placement), len(placement), -bits, order)

        return evaluate
