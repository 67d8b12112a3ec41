"""The team's cost model as an integer program, for the MIP solvers of the OR-Tools wheel.

When coverage is a hard rule (``TeamLayout.required``) and the cost is the
objective, the team model is a plain integer program: one 0-1 enrolment
variable per member and course, in :class:`TeamLayout`'s order, then one
session count per course; rows: each required item covered by a course that
can run, seats, minimum participants, ``enrolment <= sessions`` and the
rounding cuts of :func:`~curriculum.planning.team.model.rounding_cuts`, as in
the CP-SAT model. :func:`cost_rows` gives the rows (the LP relaxation of
:mod:`curriculum.planning.team.lp` solves them without the cuts);
:func:`cost_model` the whole model; :func:`team_rival` races a branch and cut
on it against CP-SAT's cost stage (``SolveParams.engine``).

The objective is divided by the greatest common divisor of the prices, so that
the solver's floating-point bound (tens of thousands of units rather than
hundreds of millions of cents) rounds to an exact integer bound. The rival's
plan is checked, never trusted: its session counts are recomputed (the fewest
that seat the participants), its rules checked, its cost recomputed exactly.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from curriculum.planning.team.heuristics import TeamLayout
from curriculum.planning.team.model import TeamModel, rounding_cuts
from curriculum.planning.team.result import Objective
from curriculum.solve.lexicographic import Rival, RivalOutcome, Stage
from curriculum.solve.mip import IntegerModel, Row, solve_integer_mip
from curriculum.solve.params import Deadline, SolveParams
from curriculum.solve.race import BackgroundRival
from curriculum.solve.stop import Stopper

MIP_ENGINE = "HIGHS"
"""The branch and cut that races CP-SAT on the team's cost model (chosen with
``benchmarks/team_bench.py --peers``)."""


def start_rival(
    layout: TeamLayout,
    objective: Objective,
    soft: bool,
    params: SolveParams,
    deadline: Deadline,
) -> BackgroundRival | None:
    """The rival of the team's cost stage, started now (before the CP-SAT model is built
    and the start improved, so that it has as much of the time as it can); ``None``
    unless coverage is a hard rule, the cost the objective and ``params.engine`` not
    ``"cpsat"``."""
    hard = layout.required is not None and not soft
    if not hard or objective != "cost" or params.engine == "cpsat" or not layout.n_x:
        return None
    return BackgroundRival(team_rival(layout, deadline, MIP_ENGINE))


def with_rival(tm: TeamModel, rival: BackgroundRival | None, params: SolveParams) -> list[Stage]:
    """``tm``'s stages, the cost stage raced by ``rival`` (``engine="mip"``: the rival
    alone on that stage; CP-SAT still settles the later stages and the ties, so the
    plan does not depend on who proved the cost)."""
    stages = list(tm.stages)
    if rival is not None:
        stages[0] = dataclasses.replace(stages[0], rival=rival, cpsat=params.engine != "mip")
    return stages


@dataclass(frozen=True)
class CostRows:
    """The rows of the cost model, the cost and the upper bound of each variable,
    and the column of each course's session count."""

    rows: list[Row]
    costs: list[int]
    upper: list[int]
    session: dict[str, int]


def cost_rows(layout: TeamLayout, cuts: bool = True) -> CostRows:
    """The cost model's rows (coverage a hard rule); ``cuts``: with the rounding cuts."""
    assert layout.required is not None
    n_x = layout.n_x
    session = {code: n_x + k for k, code in enumerate(layout.codes)}
    costs = [0] * (n_x + len(layout.codes))
    upper = [1] * len(costs)
    rows: list[Row] = []
    takers: dict[str, list[int]] = {code: [] for code in layout.codes}
    for m, need in enumerate(layout.needs):
        cover = need.problem.cover
        base = layout.offsets[m]
        for j, code in enumerate(cover.columns):
            costs[base + j] = layout.head_cents[code]
            if code in layout.running:
                takers[code].append(base + j)
            else:
                upper[base + j] = 0
        for i, cols in enumerate(cover.coverers()):
            if i in layout.required[m]:
                index = [base + j for j in cols if cover.columns[j] in layout.running]
                rows.append((index, [1.0] * len(index), 1.0, math.inf))
    for code, index in takers.items():
        n = session[code]
        course = layout.courses[code]
        costs[n] = layout.session_cents[code]
        cap = course.capacity or max(1, len(index))
        upper[n] = math.ceil(len(index) / cap)
        ones = [1.0] * len(index)
        rows.append(([*index, n], [*ones, -float(cap)], -math.inf, 0.0))
        low = float(course.min_participants or 1)
        rows.append(([*index, n], [*ones, -low], 0.0, math.inf))
        rows.extend(([x, n], [1.0, -1.0], -math.inf, 0.0) for x in index)
    if cuts:
        heads = {code: len(index) for code, index in takers.items()}
        for least, terms in rounding_cuts(layout, heads):
            rows.append(
                ([session[c] for c, _ in terms], [float(w) for _, w in terms], least, math.inf)
            )
    return CostRows(rows, costs, upper, session)


def cost_model(layout: TeamLayout) -> tuple[IntegerModel, int]:
    """The cost model, its objective divided by the prices' common divisor: (model, divisor)."""
    spec = cost_rows(layout)
    unit = math.gcd(*spec.costs) or 1
    forced = {
        layout.offsets[m] + j
        for m, need in enumerate(layout.needs)
        for j in need.problem.cover.forced
    }
    zero = frozenset(j for j, u in enumerate(spec.upper) if u == 0)
    upper = {j: u for j, u in enumerate(spec.upper) if u > 1}
    objective = [float(c // unit) for c in spec.costs]
    model = IntegerModel(
        len(spec.costs), spec.rows, objective, False, zero, frozenset(forced), upper
    )
    return model, unit


def team_rival(layout: TeamLayout, deadline: Deadline, engine: str) -> Rival:
    """``engine`` on the team's cost model (coverage a hard rule, the cost first), as a
    rival of the cost stage (its values are the team model's, see :func:`checked`)."""

    def solve(stopper: Stopper) -> RivalOutcome:
        model, unit = cost_model(layout)
        found = solve_integer_mip(model, engine=engine, deadline=deadline, stopper=stopper)
        bound = _least(found.bound, unit)
        values = checked(layout, found.values)
        if values is None:
            return RivalOutcome(None, None, bound)
        value = layout.evaluate(values, 0, "cost")[0]
        if found.proven and value <= bound:
            return RivalOutcome(tuple(values), value, float(value))
        return RivalOutcome(tuple(values), None, bound)

    return solve


def checked(layout: TeamLayout, values: Sequence[int] | None) -> list[int] | None:
    """A MIP's enrolments as a full assignment, its session counts the fewest that seat
    them, when it meets every rule (forced courses, running courses only, coverage,
    minimum participants); else ``None``."""
    if values is None:
        return None
    chosen = layout.choices(values)
    for need, cols in zip(layout.needs, chosen, strict=True):
        cover = need.problem.cover
        if not cover.forced <= set(cols) or any(
            cover.columns[j] not in layout.running for j in cols
        ):
            return None
    full = layout.hint_from_choices(chosen, False)
    return full if layout.is_feasible(full, None, None) else None


def _least(bound: float, unit: int) -> float:
    """The least cost (cents) a floating-point bound in ``unit`` proves; ``-inf`` for none."""
    if not math.isfinite(bound):
        return -math.inf
    return float(unit * math.ceil(bound - 1e-6 * max(1.0, abs(bound))))
