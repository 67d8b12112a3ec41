"""The scheduling model of :class:`ScheduleProblem` in HiGHS (``scipy.optimize.milp``).

Variables: a binary ``y[j, p]`` for each course ``j`` and each period ``p`` it
may be placed in (``x_j = sum_p y[j, p]`` is whether it is taken, at most 1, or
exactly 1 when forced); a binary ``u[p]`` per period, 1 when period ``p`` or a
later one is used (``u[p] >= u[p+1]``, ``u[p] >= y[j, p]``), so that the periods
used are ``sum_p u[p]`` and lower bounds apply up to the last used period; and,
for ``balance``, an integer ``M`` at least every period's minutes.

Rows:

* cover: every item covered by a taken course;
* prerequisites in the cumulative form, exact for any number of alternatives
  ``G`` of a requirement of ``j``: for each period ``p`` of ``j``,
  ``sum_{q <= p} y[j, q] <= sum_{k in G} sum_{q < p} y[k, q]`` (``q <= p`` on the
  right for a co-requirement). If ``j`` sits in ``p0`` the row of ``p0`` asks for
  an alternative strictly before it; every row holds when one does. It is
  stronger than big-M precedence on period indices and needs no auxiliary
  binaries for the alternatives;
* per-period bounds on minutes, cost and course count, each bound times ``u[p]``
  (a period after the last used one holds nothing, and the upper bounds then
  tell the relaxation how many periods the load needs).

The objectives are solved lexicographically, one MILP per stage, each stage's
optimum fixed as a row (``<= optimum``) for the next, within one shared time
limit (for ``balance``, the heaviest period's optimum also as
``load[p] <= M* u[p]``); ``mip_rel_gap=0`` so that every stage is proven. A
stage whose LP bound the previous schedule meets is proven without a MILP
(``milp`` takes no start). The matrix is built
outside the timer.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.schedule_instances import schedule_value
from curriculum.solve.schedule_problem import ScheduleProblem


@dataclass
class HighsModel:
    """The rows and objectives of one problem, ready for ``milp``."""

    problem: ScheduleProblem
    index: dict[tuple[int, int], int]
    size: int
    matrix: Any
    lower: Any
    upper: Any
    integrality: Any
    ub: Any
    objectives: list[Any] = field(default_factory=list)
    loads: Any = None


@dataclass(frozen=True)
class HighsResult:
    """HiGHS's schedule: ``status`` ``optimal`` (every stage proven), ``first``
    (the first objective proven), ``feasible``, ``infeasible`` (proven) or ``none``
    (no schedule found in time)."""

    placement: dict[int, int]
    value: tuple[int, ...] | None
    status: str
    seconds: float
    proven: int


class _Rows:
    """Sparse rows collected as triplets."""

    def __init__(self) -> None:
        self.data: list[float] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def add(self, terms: dict[int, float], lower: float, upper: float) -> None:
        r = len(self.lower)
        for col, val in terms.items():
            if val:
                self.rows.append(r)
                self.cols.append(col)
                self.data.append(val)
        self.lower.append(lower)
        self.upper.append(upper)


def _precedence(
    rows: _Rows, problem: ScheduleProblem, index: dict[tuple[int, int], int], strict: bool
) -> None:
    """The cumulative (co)requirement rows (see the module doc)."""
    groups = problem.cover.requires if strict else problem.corequires
    for j, requirements in enumerate(groups):
        mine = problem.periods_of(j)
        for group in requirements:
            for p in mine:
                terms: dict[int, float] = {index[j, q]: 1.0 for q in mine if q <= p}
                for k in group:
                    for q in problem.periods_of(k):
                        if q < p or (q == p and not strict):
                            terms[index[k, q]] = terms.get(index[k, q], 0.0) - 1.0
                rows.add(terms, -float("inf"), 0.0)


def _bounds(
    rows: _Rows,
    problem: ScheduleProblem,
    by_period: list[list[tuple[int, int]]],
    u: int,
    balance: int | None,
) -> None:
    """Per-period minutes, cost and course-count bounds, and ``M`` for ``balance``."""
    inf = float("inf")
    minutes, cents = problem.cover.objectives[0], problem.cover.objectives[1]
    unit = minute_unit(problem)
    for p, col in enumerate(by_period):
        load = {v: float(minutes[j] // unit) for j, v in col}
        count = {v: 1.0 for _, v in col}
        if problem.max_minutes is not None:
            rows.add({**load, u + p: -float(problem.max_minutes // unit)}, -inf, 0.0)
        if problem.min_minutes:
            rows.add({**load, u + p: -float(-(-problem.min_minutes // unit))}, 0.0, inf)
        if problem.max_cents is not None:
            cost = {v: float(cents[j]) for j, v in col}
            rows.add({**cost, u + p: -float(problem.max_cents)}, -inf, 0.0)
        if problem.max_courses is not None:
            rows.add({**count, u + p: -float(problem.max_courses)}, -inf, 0.0)
        if problem.min_courses:
            rows.add({**count, u + p: -float(problem.min_courses)}, 0.0, inf)
        if balance is not None:
            rows.add({**load, balance: -1.0}, -inf, 0.0)


def minute_unit(problem: ScheduleProblem) -> int:
    """The greatest common divisor of the courses' minutes (60 for whole hours).

    The model counts minutes in this unit, so that HiGHS knows every period's
    load, and ``M``, is a whole number of units: a bound of 5256 minutes on the
    heaviest period is then 88 hours, not 87.6.
    """
    return math.gcd(*problem.cover.objectives[0]) or 1


def build_model(problem: ScheduleProblem) -> HighsModel:
    """The MILP of ``problem`` (see the module doc)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    cover, periods = problem.cover, problem.periods
    n = len(cover.columns)
    index = {(j, p): 0 for j in range(n) for p in problem.periods_of(j)}
    index = {key: v for v, key in enumerate(index)}
    by_period: list[list[tuple[int, int]]] = [[] for _ in range(periods)]
    for (j, p), v in index.items():
        by_period[p].append((j, v))
    u = len(index)
    balance = u + periods if problem.goal == "balance" else None
    size = u + periods + (balance is not None)
    rows, inf = _Rows(), float("inf")
    for j in range(n):
        forced = 1.0 if j in cover.forced else 0.0
        rows.add({index[j, p]: 1.0 for p in problem.periods_of(j)}, forced, 1.0)
    for coverers in cover.coverers():
        rows.add({index[j, p]: 1.0 for j in coverers for p in problem.periods_of(j)}, 1.0, inf)
    _precedence(rows, problem, index, strict=True)
    _precedence(rows, problem, index, strict=False)
    for p in range(periods - 1):
        rows.add({u + p: 1.0, u + p + 1: -1.0}, 0.0, inf)
    for (_, p), v in index.items():
        rows.add({u + p: 1.0, v: -1.0}, 0.0, inf)
    _bounds(rows, problem, by_period, u, balance)
    matrix = csr_matrix((rows.data, (rows.rows, rows.cols)), shape=(len(rows.lower), size))
    unit = minute_unit(problem)
    loads = csr_matrix(
        (
            [float(cover.objectives[0][j] // unit) for col in by_period for j, _ in col],
            (
                [p for p, col in enumerate(by_period) for _ in col],
                [v for col in by_period for _, v in col],
            ),
        ),
        shape=(periods, size),
    )
    u_columns = csr_matrix(
        (np.ones(periods), (np.arange(periods), np.arange(u, u + periods))), shape=(periods, size)
    )
    minutes_c, cents_c, used_c = np.zeros(size), np.zeros(size), np.zeros(size)
    for (j, _), v in index.items():
        minutes_c[v] = cover.objectives[0][j] // unit
        cents_c[v] = cover.objectives[1][j]
    used_c[u : u + periods] = 1.0
    ub = np.ones(size)
    objectives = [minutes_c, used_c, cents_c]
    if balance is not None:
        heaviest = np.zeros(size)
        heaviest[balance] = 1.0
        ub[balance] = float(sum(cover.objectives[0]) // unit)
        objectives.insert(0, heaviest)
    return HighsModel(
        problem=problem,
        index=index,
        size=size,
        matrix=matrix,
        lower=np.asarray(rows.lower),
        upper=np.asarray(rows.upper),
        integrality=np.ones(size),
        ub=ub,
        objectives=objectives,
        loads=(loads, u_columns) if balance is not None else None,
    )


def _placement(model: HighsModel, x: Any) -> dict[int, int]:
    return {j: p for (j, p), v in model.index.items() if x[v] > 0.5}


def _bound_met(model: HighsModel, c: Any, constraints: Any, x: Any, left: float) -> bool:
    """Whether the LP relaxation proves the previous stage's ``x`` optimal for ``c``.

    ``milp`` takes no starting solution, so each stage would search afresh for a
    schedule the previous stage already has; when the relaxation's bound meets
    that schedule's value (constant objectives, periods already as few as the
    load needs) the stage is proven without a MILP.
    """
    import numpy as np
    from scipy.optimize import Bounds, milp

    relaxed = milp(
        c=c,
        constraints=constraints,
        integrality=np.zeros(model.size),
        bounds=Bounds(np.zeros(model.size), model.ub),
        options={"time_limit": max(0.01, left), "disp": False},
    )
    return relaxed.status == 0 and math.ceil(relaxed.fun - 1e-6) >= round(float(c @ x))


def solve_highs(model: HighsModel, time_limit: float) -> HighsResult:
    """Solve the stages in order within ``time_limit`` seconds (see the module doc)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix, vstack

    start = time.perf_counter()
    matrix, lower, upper = model.matrix, model.lower, model.upper
    x: Any = None
    proven, infeasible = 0, False
    for stage, c in enumerate(model.objectives):
        left = time_limit - (time.perf_counter() - start)
        if left <= 0:
            break
        constraints = LinearConstraint(matrix, lower, upper)
        if x is None or not _bound_met(model, c, constraints, x, left):
            result = milp(
                c=c,
                constraints=constraints,
                integrality=model.integrality,
                bounds=Bounds(np.zeros(model.size), model.ub),
                options={"mip_rel_gap": 0, "time_limit": max(0.01, left), "disp": False},
            )
            if result.x is not None:
                x = np.round(result.x)
            if result.status != 0 or result.x is None:
                infeasible = result.status == 2 and x is None
                break
        proven = stage + 1
        best = round(float(c @ x))
        matrix = vstack([matrix, csr_matrix(c.reshape(1, -1))]).tocsr()
        lower = np.append(lower, -np.inf)
        upper = np.append(upper, best + 0.5)
        if stage == 0 and model.loads is not None:
            load, u_columns = model.loads
            matrix = vstack([matrix, load - best * u_columns]).tocsr()
            lower = np.append(lower, np.full(load.shape[0], -np.inf))
            upper = np.append(upper, np.zeros(load.shape[0]))
    seconds = time.perf_counter() - start
    stages = len(model.objectives)
    placement = _placement(model, x) if x is not None else {}
    if x is None:
        status = "infeasible" if infeasible else "none"
    elif proven == stages:
        status = "optimal"
    else:
        status = "first" if proven else "feasible"
    value = schedule_value(model.problem, placement) if x is not None else None
    return HighsResult(placement, value, status, seconds, proven)
