"""The exact schedule solver: choose courses and place them in periods (CP-SAT).

:func:`solve_schedule` builds one CP-SAT model of a
:class:`~curriculum.solve.schedule_problem.ScheduleProblem` and optimises its goals
in order through the lexicographic engine
(:func:`curriculum.solve.lexicographic.solve_lexicographic`):

- ``hours``: total minutes, periods used (the last used period as early as
  possible), total cost, then the plan's tie-breaks (fewer courses, the smallest
  sorted list of columns), which fix the chosen columns;
- ``balance``: the heaviest period's minutes first, then as ``hours``.

When the first goal is directly followed by the periods used (``hours`` with a
free column; ``balance`` when every column is forced, so that the total minutes
are fixed), the two are one stage (``first * (periods + 1) + used``), which
saves a solve.

How the placement is made unique: once every stage is proven, the goal values
and the chosen columns are unique. A fresh model of the problem then fixes them
(the chosen columns taken and no other, the same periods used, no period above
the heaviest load) and is solved once by a single CP-SAT worker with the seed
of ``params``, with no objective and no hint: a single worker is deterministic,
and its model depends only on the problem, so its answer is the same whatever
the number of workers of the stages. Last, :func:`settle_early` moves each
course, in column order, to the earliest period it can reach alone (every rule
and goal value kept) until none can move. The placement is thus canonical for
a given OR-Tools version, and "settled": no single course can move earlier. It
is not the lexicographically earliest placement, whose proof cost 1-4 s on the
BACP instances against 0.05-0.4 s for this. ``ties_proven`` is set only when all
of this finished within the time limit.

A fixed curriculum with ``balance`` (every column forced) first tries the goals'
lower bounds (:func:`_at_lower_bounds`): the canonical search at those values,
within a fixed deterministic effort; when it finds a placement, the goals are
proven and no stage runs. Its model is the one the staged path builds for the
same values, so the answer is the same either way. On the BACP instances this
settles 14 of 28 in one search, and a failed try costs under 0.05 s.

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

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

from curriculum.errors import SolverError
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import TIE_BLOCK, Stage, solve_lexicographic
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.problem import Status
from curriculum.solve.schedule_problem import ScheduleProblem, ScheduleSolution
from curriculum.solve.schedule_settle import settle_early

__all__ = ["ScheduleInfeasible", "placement_windows", "solve_schedule"]


class ScheduleInfeasible(SolverError):
    """No placement meets the problem's constraints (proven by the solver)."""


def necessary_columns(problem: ScheduleProblem) -> set[int]:
    """The forced columns and those they need through requirements with one alternative."""
    needed = set(problem.cover.forced)
    stack = list(needed)
    while stack:
        j = stack.pop()
        for group, _ in problem.requirements(j):
            if len(group) == 1 and group[0] not in needed:
                needed.add(group[0])
                stack.append(group[0])
    return needed


def placement_windows(problem: ScheduleProblem) -> list[tuple[int, ...]]:
    """For each column, the periods it can really go in given its requirement chains.

    ``earliest[j]``: the first allowed period after one alternative of each
    prerequisite (at or after, for corequisites) can be placed; ``latest[j]`` for
    the columns every schedule takes: before (at or before) the latest period of
    each such column needing ``j`` as its only alternative. A column whose window
    is empty can be in no schedule.
    """
    n = len(problem.cover.columns)
    last = problem.periods
    allowed = [sorted(problem.periods_of(j)) for j in range(n)]

    def first_from(j: int, low: int) -> int:
        return next((p for p in allowed[j] if p >= low), last)

    earliest = [first_from(j, 0) for j in range(n)]
    for _ in range(n + 1):
        changed = False
        for j in range(n):
            low = earliest[j]
            for group, gap in problem.requirements(j):
                low = max(low, min(earliest[k] + max(gap, 0) for k in group))
            low = first_from(j, min(low, last))
            if low != earliest[j]:
                earliest[j], changed = low, True
        if not changed:
            break
    needed = necessary_columns(problem)
    latest = [max(allowed[j], default=-1) for j in range(n)]
    for _ in range(n + 1):
        changed = False
        for j in needed:
            for group, gap in problem.requirements(j):
                if len(group) != 1:
                    continue
                k = group[0]
                high = max((p for p in allowed[k] if p <= latest[j] - max(gap, 0)), default=-1)
                if high < latest[k]:
                    latest[k], changed = high, True
        if not changed:
            break
    return [tuple(p for p in allowed[j] if earliest[j] <= p <= latest[j]) for j in range(n)]


def solve_schedule(
    problem: ScheduleProblem, params: SolveParams, deadline: Deadline | None = None
) -> ScheduleSolution:
    """Choose and place courses optimally (up to ``deadline``, else the time limit).

    Returns
    -------
    ScheduleSolution
        ``status`` is ``"optimal"`` when the first goal is proven, ``lower_bound``
        the bound CP-SAT proved on it (``None`` when none), ``ties_proven`` whether
        every later goal was proven and the canonical placement found too.

    Raises
    ------
    ScheduleInfeasible
        When no schedule meets the constraints.
    SolverError
        When no schedule is found within the time limit.
    """
    deadline = deadline_for(params, deadline)
    cover = problem.cover
    if not cover.items and not cover.forced:
        return ScheduleSolution((), _value(problem, {}), "optimal", 0, True)
    windows = placement_windows(problem)
    blocked = [j for j in cover.forced if not windows[j]]
    if blocked:
        raise ScheduleInfeasible(f"column {blocked[0]} fits in no period")
    quick = _at_lower_bounds(problem, windows, params, deadline)
    if quick is not None:
        value = _value(problem, quick)
        return ScheduleSolution(tuple(sorted(quick.items())), value, "optimal", value[0], True)
    build = _Model(problem, windows)
    stages, tie_stages = build.stages(params.tie_break)
    everything = [*stages, *tie_stages]
    try:
        outcome = solve_lexicographic(
            build.model,
            build.variables,
            everything,
            build.evaluate(),
            params=params,
            deadline=deadline,
        )
    except SolverError as error:
        if "INFEASIBLE" in str(error):
            raise ScheduleInfeasible("no schedule meets the constraints") from error
        raise
    placement = build.decode(outcome.values)
    value = _value(problem, placement)
    status: Status = "optimal" if outcome.proven >= 1 else "feasible"
    lower: int | None = value[0]
    if status == "feasible":
        lower = _first_bound(outcome.bound, build.fold, problem.periods)
    ties = status == "optimal" and outcome.proven == len(everything) and outcome.ties_proven
    if ties and params.tie_break:
        heaviest = value[0] if problem.goal == "balance" else None
        used = max(placement.values(), default=-1) + 1
        canonical = _canonical(problem, windows, set(placement), used, heaviest, params, deadline)
        ties = canonical is not None
        if canonical is not None:
            placement = settle_early(problem, canonical, heaviest)
    return ScheduleSolution(tuple(sorted(placement.items())), value, status, lower, ties)


def _first_bound(bound: float | None, fold: int, periods: int) -> int | None:
    """The first goal's proven lower bound from the bound of its (folded) stage."""
    if bound is None or not math.isfinite(bound):
        return None
    # first * fold + used >= bound with used <= periods (fold == 1: no periods term)
    slack = periods if fold > 1 else 0
    return max(0, math.ceil((bound - 1e-6 - slack) / fold))


def _at_lower_bounds(
    problem: ScheduleProblem,
    windows: list[tuple[int, ...]],
    params: SolveParams,
    deadline: Deadline,
) -> dict[int, int] | None:
    """The schedule at once when a fixed curriculum meets its goals' lower bounds.

    With ``balance`` and every column forced (total minutes and cost fixed), the
    heaviest period is at least the total over the periods (rounded up to the
    minutes' gcd) and the longest course; the periods used at least the chain
    depth, the total over that load and the courses over ``max_courses``. When
    :func:`_canonical` finds a placement at these bounds (within a fixed,
    deterministic effort), both are proven, and its model is the very one the
    staged path would build for them: the same answer either way. ``None``
    otherwise (the staged path follows).
    """
    minutes = _minutes_cents(problem)[0]
    n = len(minutes)
    if problem.goal != "balance" or len(problem.cover.forced) != n or not params.tie_break:
        return None
    unit = math.gcd(*minutes) or 1
    heaviest = max(-(-sum(minutes) // (problem.periods * unit)) * unit, max(minutes))
    if heaviest <= 0:
        return None
    used = max(
        max(w[0] for w in windows) + 1,
        -(-sum(minutes) // heaviest),
        -(-n // problem.max_courses) if problem.max_courses else 1,
    )
    if used > problem.periods:
        return None
    found = _canonical(problem, windows, set(range(n)), used, heaviest, params, deadline, 1.0)
    return None if found is None else settle_early(problem, found, heaviest)


def _canonical(
    problem: ScheduleProblem,
    windows: list[tuple[int, ...]],
    chosen: set[int],
    used: int,
    heaviest: int | None,
    params: SolveParams,
    deadline: Deadline,
    effort: float | None = None,
) -> dict[int, int] | None:
    """The canonical placement of proven goal values: one single-worker search.

    A fresh model of ``problem`` with the ``chosen`` columns taken (and no
    other), the first ``used`` periods used and, with ``heaviest``, no period
    above it; no objective and no hint. One CP-SAT worker with a fixed seed is
    deterministic, and every value fixed here is unique once the goals are
    proven, so the answer does not depend on the number of workers of the
    stages. ``None`` when the search does not finish in time (or within
    ``effort``, CP-SAT's deterministic time) or finds no placement.
    """
    build = _Model(problem, windows)
    model = build.model
    for j, take in enumerate(build.take):
        model.add(take == int(j in chosen))
    for p, flag in enumerate(build.used):
        model.add(flag == int(p < used))
    if heaviest is not None:
        for load in build.loads:
            model.add(load <= heaviest)
    one = dataclasses.replace(params, workers=1)
    if effort is not None:
        one = dataclasses.replace(one, cp_sat=(*one.cp_sat, ("max_deterministic_time", effort)))
    solver, status = cpsat.solve_model(model, one, deadline)
    if status != cpsat.OPTIMAL:
        return None
    return build.decode([solver.value(v) for v in build.variables])


def _value(problem: ScheduleProblem, placement: dict[int, int]) -> tuple[int, ...]:
    """The objective vector of a placement, in the order of the goal."""
    minutes, cents = _minutes_cents(problem)
    total = sum(minutes[j] for j in placement)
    cost = sum(cents[j] for j in placement)
    used = max(placement.values(), default=-1) + 1
    if problem.goal == "balance":
        loads = [0] * problem.periods
        for j, p in placement.items():
            loads[p] += minutes[j]
        return (max(loads, default=0), total, used, cost)
    return (total, used, cost)


def _minutes_cents(problem: ScheduleProblem) -> tuple[Sequence[int], Sequence[int]]:
    objectives = problem.cover.objectives
    n = len(problem.cover.columns)
    minutes = objectives[0] if objectives else (0,) * n
    cents = objectives[1] if len(objectives) > 1 else (0,) * n
    return minutes, cents


class _Model:
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
        minutes, cents = _minutes_cents(problem)
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
        minutes, cents = _minutes_cents(problem)

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
            return (*_value(problem, placement), len(placement), -bits, order)

        return evaluate
