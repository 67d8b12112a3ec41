"""The branch-and-cut side of the solver door: integer models by the MIP solvers of OR-Tools.

The OR-Tools wheel ships SCIP and CBC (reached through ``pywraplp``) and HiGHS
(reached through MathOpt, whose HiGHS prints nothing and can be interrupted; the
``pywraplp`` HiGHS writes its banner to standard output). The LP of team plans
(:func:`lp_solution`, GLOP) is here too. Like
:mod:`curriculum.solve.cpsat`, this module imports OR-Tools inside its functions
only, so commands that do not solve never load it.

:func:`solve_integer_mip` optimises one linear objective over an integer model
(:class:`IntegerModel`: sparse rows, fixed variables, 0-1 unless given a larger
upper bound) with a relative gap of 0;
:func:`solve_cover_mip` builds the model of a cover (prerequisites as linear
rows). The answer is checked, never trusted: the values are rounded and the
caller verifies them; a bound from floating point is only used rounded from a
hair beyond it (up for a minimisation, down for a maximisation).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from curriculum.solve import wheel
from curriculum.solve.forked import KILL_GRACE, BoundSink, last_plan, log_watcher, run_forked
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.stop import Stopper

ENGINES = ("SCIP", "CBC", "HIGHS")


@dataclass(frozen=True)
class MipOutcome:
    """What a MIP solve found.

    Attributes
    ----------
    values
        An integer value per variable (``None``: no solution).
    proven
        The engine reports the values optimal (relative gap 0).
    bound
        The engine's proven bound on the objective: a lower bound when it is
        minimised (``-inf`` when none), an upper bound when maximised (``inf``).
    """

    values: tuple[int, ...] | None
    proven: bool
    bound: float


def solve_cover_mip(
    coverers: Sequence[Sequence[int]],
    costs: Sequence[int],
    *,
    engine: str = "SCIP",
    deadline: Deadline = NO_DEADLINE,
    fixed_zero: Sequence[int] = (),
    forced: Sequence[int] = (),
    requires: Sequence[Sequence[Sequence[int]]] = (),
    hint: Sequence[int] | None = None,
    equal: Sequence[tuple[Sequence[int], int]] = (),
    stopper: Stopper | None = None,
) -> MipOutcome:
    """Minimise ``costs.x`` over 0-1 covers (every row of ``coverers`` covered once or more).

    Parameters
    ----------
    engine
        ``"SCIP"``, ``"CBC"`` or ``"HIGHS"``.
    deadline
        When the search stops (``remaining()`` is read just before it starts).
    fixed_zero, forced
        Columns fixed to 0 (reduced-cost fixing) and to 1.
    requires
        Per column, its requirements (alternatives of which one must be taken).
    hint
        Columns of a known cover (SCIP and HiGHS use it as a start).
    equal
        Rows ``a.x == b`` as ``(a, b)``: earlier objectives at their optimum.
    stopper
        Stops the search when told (see :func:`solve_integer_mip`).
    """
    rows: list[Row] = [(cols, [1.0] * len(cols), 1.0, math.inf) for cols in coverers]
    rows += requirement_rows(requires)
    for a, b in equal:
        index = [j for j, c in enumerate(a) if c]
        rows.append((index, [float(a[j]) for j in index], float(b), float(b)))
    model = IntegerModel(
        len(costs), rows, [float(c) for c in costs], False, frozenset(fixed_zero), frozenset(forced)
    )
    start = None if hint is None else _indicator(set(hint), len(costs))
    return solve_integer_mip(model, engine=engine, deadline=deadline, hint=start, stopper=stopper)


Row = tuple[Sequence[int], Sequence[float], float, float]
"""A row ``lo <= sum(a * x[j]) <= hi`` as (indices ``j``, coefficients ``a``, lo, hi);
``math.inf`` for no side."""


@dataclass(frozen=True)
class IntegerModel:
    """An integer linear model, whichever engine builds it.

    Attributes
    ----------
    size
        The number of variables (each 0-1 unless ``upper`` names it).
    rows
        The constraints (see :data:`Row`).
    objective
        A coefficient per variable.
    maximize
        Maximise the objective instead of minimising it.
    zero, one
        Variables fixed to 0 and to 1.
    upper
        Upper bounds above 1 (integer variables such as session counts).
    """

    size: int
    rows: Sequence[Row]
    objective: Sequence[float]
    maximize: bool = False
    zero: frozenset[int] = frozenset()
    one: frozenset[int] = frozenset()
    upper: Mapping[int, int] = field(default_factory=dict)

    def bounds(self, j: int) -> tuple[float, float]:
        """Variable ``j``'s bounds."""
        high = 0.0 if j in self.zero else float(self.upper.get(j, 1))
        return (1.0 if j in self.one else 0.0), high


def requirement_rows(requires: Sequence[Sequence[Sequence[int]]], offset: int = 0) -> list[Row]:
    """Prerequisites as rows: ``x[j] <= sum(x[a] for a in group)`` for each requirement
    (variables numbered from ``offset``)."""
    rows: list[Row] = []
    for j, groups in enumerate(requires):
        for group in groups:
            index = [offset + j, *(offset + k for k in group)]
            rows.append((index, [1.0] + [-1.0] * len(group), -math.inf, 0.0))
    return rows


def solve_integer_mip(
    model: IntegerModel,
    *,
    engine: str = "SCIP",
    deadline: Deadline = NO_DEADLINE,
    hint: Sequence[int] | None = None,
    stopper: Stopper | None = None,
) -> MipOutcome:
    """Optimise ``model`` with a relative gap of 0.

    Parameters
    ----------
    engine
        ``"SCIP"``, ``"CBC"`` or ``"HIGHS"``.
    deadline
        When the search stops (``remaining()`` is read just before it starts).
    hint
        A value per variable of a known solution (SCIP and HiGHS start from it).
    stopper
        Stops the search when told. No engine stops reliably when asked: CBC
        cannot be interrupted through ``pywraplp`` (it may even overrun its time
        limit), SCIP ignores ``InterruptSolve``, and MathOpt's HiGHS ran on to its
        limit when interrupted on a 100-member team model (OR-Tools 9.15). With a
        stopper the engine runs in a forked process (:mod:`curriculum.solve.forked`),
        told a share of the time left, and killed when told or at the deadline.
        CBC's and SCIP's plans are then lost; HiGHS's best plan and bound are
        not (:mod:`curriculum.solve.forked`).
    """
    if deadline.expired():
        return MipOutcome(None, False, _bound(math.nan, model.maximize))
    if stopper is not None:  # none stops reliably when asked: in a process it can kill
        import tempfile

        load(engine)

        with tempfile.TemporaryDirectory(prefix="curriculum-mip-") as folder:
            plans = os.path.join(folder, "plans.txt") if engine == "HIGHS" else None

            def solve(until: Deadline, on_bound: BoundSink | None) -> MipOutcome:
                return _solve(engine, model, until, hint, on_bound, plans)

            grace = 0.0 if plans else KILL_GRACE  # HiGHS's plan and bound outlive the kill
            outcome, streamed = run_forked(solve, engine, deadline, stopper, grace)
            if outcome is not None:
                return outcome  # type: ignore[no-any-return]
            kept = None if plans is None else last_plan(plans, model.size)
            return MipOutcome(kept, False, _bound(streamed, model.maximize))
    return _solve(engine, model, deadline, hint)


def load(engine: str) -> None:
    """Import every module ``engine``'s search needs, before a fork.

    A forked child must import nothing: a module another thread of the parent is
    importing at the fork (CP-SAT's, while the team's rival starts) stays locked
    in the child, whose import of it then waits forever (``curriculum team
    --engine mip`` on the example team hung so).
    """
    import datetime  # noqa: F401  (HiGHS's time limit)

    if engine == "HIGHS":
        wheel.mathopt()
        wheel.highs_options()
    else:
        wheel.pywraplp()


def _solve(
    engine: str,
    model: IntegerModel,
    deadline: Deadline,
    hint: Sequence[int] | None,
    on_bound: BoundSink | None = None,
    plans: str | None = None,
) -> MipOutcome:
    """``engine`` on ``model`` in this thread, until optimal or the deadline; HiGHS
    reports its bound as it rises to ``on_bound`` (minimisation only) and writes each
    better plan to the file ``plans``."""
    if engine == "HIGHS":
        return _highs(model, deadline, hint, None if model.maximize else on_bound, plans)
    return _pywraplp(engine, model, deadline, hint)


def _indicator(chosen: set[int], size: int) -> list[int]:
    return [int(j in chosen) for j in range(size)]


def _terms(index: Sequence[int], coefficients: Sequence[float]) -> dict[int, float]:
    """A row's coefficients by variable (a variable named twice: their sum)."""
    terms: dict[int, float] = {}
    for j, a in zip(index, coefficients, strict=True):
        terms[j] = terms.get(j, 0.0) + a
    return terms


def _pywraplp(
    engine: str, spec: IntegerModel, deadline: Deadline, hint: Sequence[int] | None
) -> MipOutcome:
    """SCIP or CBC through ``pywraplp``."""
    pywraplp = wheel.pywraplp()

    solver = pywraplp.Solver.CreateSolver(engine)
    none = MipOutcome(None, False, _bound(math.nan, spec.maximize))
    if solver is None:
        return none
    solver.SuppressOutput()
    if engine == "SCIP":  # Ctrl-C is ours (the Stop request), not SCIP's to swallow
        solver.SetSolverSpecificParametersAsString("misc/catchctrlc = FALSE\n")
    xs = [solver.IntVar(*spec.bounds(j), "") for j in range(spec.size)]
    inf = solver.infinity()
    for index, coefficients, lo, hi in spec.rows:
        row = solver.Constraint(max(lo, -inf), min(hi, inf))
        for j, a in _terms(index, coefficients).items():
            row.SetCoefficient(xs[j], a)
    objective = solver.Objective()
    for x, c in zip(xs, spec.objective, strict=True):
        if c:
            objective.SetCoefficient(x, c)
    if spec.maximize:
        objective.SetMaximization()
    else:
        objective.SetMinimization()
    if hint is not None and engine == "SCIP":
        solver.SetHint(xs, [float(v) for v in hint])
    settings = pywraplp.MPSolverParameters()
    settings.SetDoubleParam(settings.RELATIVE_MIP_GAP, 0.0)
    left = deadline.remaining()  # the model's building counts
    if left is not None:
        solver.SetTimeLimit(max(1, int(left * 1000)))
    status = solver.Solve(settings)
    bound = _bound(solver.Objective().BestBound(), spec.maximize)
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return MipOutcome(None, False, bound)
    values = tuple(round(x.solution_value()) for x in xs)
    return MipOutcome(values, status == pywraplp.Solver.OPTIMAL, bound)


def _bound(value: float, maximize: bool) -> float:
    """The engine's bound, or the infinite one of no bound (``-inf`` when minimising)."""
    if math.isfinite(value):
        return value
    return math.inf if maximize else -math.inf


def _highs(
    spec: IntegerModel,
    deadline: Deadline,
    hint: Sequence[int] | None,
    on_bound: BoundSink | None = None,
    plans: str | None = None,
) -> MipOutcome:
    """HiGHS through MathOpt (silent; its log lines read for ``on_bound``, each better
    plan written to the file ``plans``)."""
    import datetime

    mathopt = wheel.mathopt()

    model = mathopt.Model()
    xs = []
    for j in range(spec.size):
        lo, hi = spec.bounds(j)
        xs.append(model.add_variable(lb=lo, ub=hi, is_integer=True))
    for index, coefficients, lo, hi in spec.rows:
        terms = mathopt.fast_sum(a * xs[j] for j, a in _terms(index, coefficients).items())
        model.add_linear_constraint(lb=lo, ub=hi, expr=terms)
    total = mathopt.fast_sum(c * x for x, c in zip(xs, spec.objective, strict=True) if c)
    model.set_objective(total, is_maximize=spec.maximize)
    settings = mathopt.SolveParameters(relative_gap_tolerance=0.0, absolute_gap_tolerance=0.0)
    left = deadline.remaining()
    if left is not None:
        settings.time_limit = datetime.timedelta(seconds=left)
    if plans is not None:
        settings.highs = wheel.highs_options()
        settings.highs.bool_options["mip_improving_solution_save"] = True
        settings.highs.string_options["mip_improving_solution_file"] = plans
    model_params = None
    if hint is not None:
        start = mathopt.SolutionHint(
            variable_values={x: float(v) for x, v in zip(xs, hint, strict=True)}
        )
        model_params = mathopt.ModelSolveParameters(solution_hints=[start])
    watch = None
    if on_bound is not None:
        watch = log_watcher(on_bound)
    result = mathopt.solve(
        model, mathopt.SolverType.HIGHS, params=settings, model_params=model_params, msg_cb=watch
    )
    bound = _bound(result.termination.objective_bounds.dual_bound, spec.maximize)
    if not result.has_primal_feasible_solution():
        return MipOutcome(None, False, bound)
    solution = result.variable_values()
    values = tuple(round(solution[x]) for x in xs)
    proven = result.termination.reason == mathopt.TerminationReason.OPTIMAL
    return MipOutcome(values, proven, bound)


def lp_solution(
    rows: Sequence[tuple[Sequence[int], Sequence[float], float, float]],
    costs: Sequence[float],
    upper: Sequence[float],
    time_limit: float | None = None,
) -> list[float] | None:
    """An optimal point of ``min costs.x``, ``lo <= a.x <= hi`` per row, ``0 <= x <= upper``.

    Parameters
    ----------
    rows
        (variable indices, coefficients, lo, hi) per row; ``math.inf`` for no side.
    costs, upper
        Per variable.
    time_limit
        Seconds GLOP may take.

    Returns
    -------
    list[float] or None
        The primal values by GLOP (floating point: a guide for heuristics, never a bound
        by itself), or ``None`` when GLOP is unavailable or not optimal in time.
    """
    lp = wheel.glop(time_limit)
    if lp is None:
        return None
    inf = lp.infinity()
    xs = [lp.NumVar(0.0, float(u), "") for u in upper]
    for index, coefficients, lo, hi in rows:
        row = lp.Constraint(max(lo, -inf), min(hi, inf))
        for j, a in zip(index, coefficients, strict=True):
            row.SetCoefficient(xs[j], float(a))
    objective = lp.Objective()
    for x, c in zip(xs, costs, strict=True):
        if c:
            objective.SetCoefficient(x, float(c))
    objective.SetMinimization()
    if lp.Solve() != lp.OPTIMAL:
        return None
    return [x.solution_value() for x in xs]
