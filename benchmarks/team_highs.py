"""The team model of :mod:`curriculum.planning.team.plan` solved by the peers: HiGHS
(``scipy.optimize.milp``) and SCIP, CBC and HiGHS from the OR-Tools wheel.

Used by ``team_bench.py --highs`` and ``--peers`` to compare on the same model:
the one our MIP rival solves (:func:`curriculum.planning.team.mip.cost_model`:
one enrolment variable per member and course, one session count per course;
each required item covered, seats, minimum participants, ``enrolment <=
sessions`` and the rounding cuts; least cost, sessions plus heads). Only for
teams whose coverage is a hard rule (no budgets, the most coverage known
exactly). Each peer runs on one thread with a relative gap of 0; the model's
building is inside its timer.
"""

from __future__ import annotations

import math
import time
from typing import Any

from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.planning.team.heuristics import TeamLayout
from curriculum.planning.team.lp import most_coverage
from curriculum.planning.team.mip import checked, cost_model
from curriculum.planning.team.plan import member_needs, team_layout
from curriculum.request import Request
from curriculum.solve.mip import solve_integer_mip
from curriculum.solve.params import Deadline

PEER_ENGINES = {"SCIP": "SCIP", "CBC": "CBC", "HiGHS (OR-Tools)": "HIGHS"}


def hard_layout(library: Library, team: Team) -> TeamLayout:
    """The team's layout with coverage a hard rule (as :func:`plan_team` sets it)."""
    layout = team_layout(member_needs(library, Request(), team))
    most = most_coverage(layout)
    if most is None:
        raise SystemExit("peer comparison: coverage is not a hard rule for this team")
    layout.required, layout.running = most
    return layout


def _record(
    layout: TeamLayout, values: Any, proven: bool, bound: float, unit: int, start: float
) -> dict[str, Any]:
    """Wall time, status, the checked plan's cost and the proven bound (TWD)."""
    full = checked(layout, values)
    best = None
    if full is not None:
        best = layout.evaluate(full, 0, "cost")[0] / 100
    low = None if not math.isfinite(bound) else unit * math.ceil(bound - 1e-6) / 100
    return {
        "wall": time.perf_counter() - start,
        "status": "optimal" if proven and best is not None else "feasible" if best else "none",
        "best": best,
        "bound": low,
    }


def mip_team(library: Library, team: Team, engine: str, time_limit: float) -> dict[str, Any]:
    """``engine`` (SCIP, CBC or HIGHS) of the OR-Tools wheel on the team's cost model."""
    start = time.perf_counter()
    deadline = Deadline.after(time_limit)
    layout = hard_layout(library, team)
    model, unit = cost_model(layout)
    found = solve_integer_mip(model, engine=engine, deadline=deadline)
    return _record(layout, found.values, found.proven, found.bound, unit, start)


def highs_team(
    library: Library, team: Team, time_limit: float, log: bool = False
) -> dict[str, Any]:
    """HiGHS (scipy) on the team's cost model: wall time, status, best cost and bound
    (TWD); ``log`` prints HiGHS's own progress lines."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    start = time.perf_counter()
    layout = hard_layout(library, team)
    model, unit = cost_model(layout)
    data: list[float] = []
    rows: list[int] = []
    cols: list[int] = []
    for r, (index, coefficients, _, _) in enumerate(model.rows):
        rows.extend([r] * len(index))
        cols.extend(index)
        data.extend(coefficients)
    lo = np.array([row[2] for row in model.rows])
    hi = np.array([row[3] for row in model.rows])
    low, up = zip(*(model.bounds(j) for j in range(model.size)), strict=True)
    matrix = coo_matrix((data, (rows, cols)), shape=(len(model.rows), model.size)).tocsr()
    left = max(0.0, time_limit - (time.perf_counter() - start))
    result = milp(
        np.array(model.objective),
        constraints=LinearConstraint(matrix, lo, hi),
        bounds=Bounds(np.array(low), np.array(up)),
        integrality=np.ones(model.size),
        options={"time_limit": left, "disp": log},
    )
    values = None if result.x is None else [round(v) for v in result.x]
    bound = getattr(result, "mip_dual_bound", None)
    return _record(
        layout,
        values,
        result.status == 0,
        math.nan if bound is None else float(bound),
        unit,
        start,
    )
