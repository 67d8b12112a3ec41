"""The team model of :mod:`curriculum.planning.team.plan` as a MILP for HiGHS
(``scipy.optimize.milp``).

Used by ``team_bench.py --highs`` to compare with the same model: one enrolment
variable per member and course, one session count per course; each required
item covered, seats, minimum participants and ``enrolment <= sessions``; least
cost (sessions plus heads). Only for teams whose coverage is a hard rule (no
budgets, the most coverage known exactly, see ``most_coverage``).
"""

from __future__ import annotations

import math
import time
from typing import Any

from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.planning.team.lp import most_coverage
from curriculum.planning.team.plan import member_needs, team_layout
from curriculum.request import Request


def highs_team(
    library: Library, team: Team, time_limit: float, log: bool = False
) -> dict[str, Any]:
    """HiGHS on the team's cost model: wall time, status, best cost and bound (TWD);
    ``log`` prints HiGHS's own progress lines."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    start = time.perf_counter()
    needs = member_needs(library, Request(), team)
    layout = team_layout(needs)
    most = most_coverage(layout)
    if most is None:
        raise SystemExit("HiGHS comparison: coverage is not a hard rule for this team")
    required, running = most
    n_x = layout.n_x
    costs = np.zeros(n_x + len(layout.codes))
    upper = np.ones(len(costs))
    data: list[float] = []
    rows: list[int] = []
    cols: list[int] = []
    lo: list[float] = []
    hi: list[float] = []

    def row(index: list[int], coefficients: list[float], low: float, high: float) -> None:
        r = len(lo)
        rows.extend([r] * len(index))
        cols.extend(index)
        data.extend(coefficients)
        lo.append(low)
        hi.append(high)

    takers: dict[str, list[int]] = {c: [] for c in layout.codes}
    for m, need in enumerate(layout.needs):
        cover = need.problem.cover
        base = layout.offsets[m]
        for j, code in enumerate(cover.columns):
            costs[base + j] = layout.head_cents[code]
            if code in running:
                takers[code].append(base + j)
            else:
                upper[base + j] = 0
        for i, coverers in enumerate(cover.coverers()):
            if i in required[m]:
                index = [base + j for j in coverers if cover.columns[j] in running]
                row(index, [1.0] * len(index), 1, np.inf)
    for k, code in enumerate(layout.codes):
        n = n_x + k
        course = layout.courses[code]
        index = takers[code]
        costs[n] = layout.session_cents[code]
        cap = course.capacity or max(1, len(index))
        upper[n] = math.ceil(len(index) / cap)
        row([*index, n], [1.0] * len(index) + [-cap], -np.inf, 0)
        row([*index, n], [1.0] * len(index) + [-(course.min_participants or 1)], 0, np.inf)
        for x in index:
            row([x, n], [1.0, -1.0], -np.inf, 0)
    matrix = coo_matrix((data, (rows, cols)), shape=(len(lo), len(costs))).tocsr()
    left = max(0.0, time_limit - (time.perf_counter() - start))
    result = milp(
        costs,
        constraints=LinearConstraint(matrix, np.array(lo), np.array(hi)),
        bounds=Bounds(0, upper),
        integrality=np.ones(len(costs)),
        options={"time_limit": left, "disp": log},
    )
    best = None if result.x is None else float(result.fun) / 100
    bound = getattr(result, "mip_dual_bound", None)
    return {
        "wall": time.perf_counter() - start,
        "status": "optimal" if result.status == 0 else "feasible" if best else "none",
        "best": best,
        "bound": None if bound is None else math.ceil(bound - 1e-6) / 100,
    }
