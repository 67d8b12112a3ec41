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

The model is :class:`~curriculum.solve.schedule_model.ScheduleModel`.
"""

from __future__ import annotations

import dataclasses
import math

from curriculum.errors import SolverError
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import solve_lexicographic
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.problem import Status
from curriculum.solve.schedule_model import ScheduleModel, minutes_cents, schedule_value
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
        return ScheduleSolution((), schedule_value(problem, {}), "optimal", 0, True)
    windows = placement_windows(problem)
    blocked = [j for j in cover.forced if not windows[j]]
    if blocked:
        raise ScheduleInfeasible(f"column {blocked[0]} fits in no period")
    quick = _at_lower_bounds(problem, windows, params, deadline)
    if quick is not None:
        value = schedule_value(problem, quick)
        return ScheduleSolution(tuple(sorted(quick.items())), value, "optimal", value[0], True)
    build = ScheduleModel(problem, windows)
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
    value = schedule_value(problem, placement)
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
    minutes = minutes_cents(problem)[0]
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
    build = ScheduleModel(problem, windows)
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
