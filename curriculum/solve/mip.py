"""The branch-and-cut side of the solver door: 0-1 covers by the MIP solvers of OR-Tools.

The OR-Tools wheel ships SCIP and CBC (reached through ``pywraplp``) and HiGHS
(reached through MathOpt, whose HiGHS prints nothing and can be interrupted; the
``pywraplp`` HiGHS writes its banner to standard output). The LP of team plans
(:func:`lp_solution`, GLOP) is here too. Like
:mod:`curriculum.solve.cpsat`, this module imports OR-Tools inside its functions
only, so commands that do not solve never load it.

:func:`solve_cover_mip` minimises one linear objective over the covers of a
problem (with prerequisites as linear rows) with a relative gap of 0. The answer
is checked, never trusted: the values are rounded and the caller verifies the
cover; a bound from floating point is only used rounded up from a hair below.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.stop import Stopper

ENGINES = ("SCIP", "CBC", "HIGHS")


@dataclass(frozen=True)
class MipOutcome:
    """What a MIP solve found.

    Attributes
    ----------
    values
        A 0-1 value per column (``None``: no solution).
    proven
        The engine reports the values optimal (relative gap 0).
    bound
        The engine's proven lower bound on the objective (``-inf`` when none).
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
        Stops the search when told. CBC cannot be interrupted through ``pywraplp``
        (it may even overrun its time limit): with a stopper it runs in a forked
        process, killed when told or at the deadline (its incumbent is then lost).
    """
    if deadline.expired():
        return MipOutcome(None, False, -math.inf)
    rows = [(list(a), float(b), float(b)) for a, b in equal]
    model = _Model(coverers, costs, set(fixed_zero), set(forced), requires, rows)
    if engine == "HIGHS":
        return _highs(model, deadline, hint, stopper)
    if engine == "CBC" and stopper is not None:  # not interruptible: in a process it can kill
        return _in_process(model, deadline, stopper)
    return _pywraplp(engine, model, deadline, hint, stopper)


@dataclass(frozen=True)
class _Model:
    """A 0-1 cover model, whichever engine builds it."""

    coverers: Sequence[Sequence[int]]
    costs: Sequence[int]
    zero: set[int]
    one: set[int]
    requires: Sequence[Sequence[Sequence[int]]]
    rows: list[tuple[list[int], float, float]]  # dense a, lo, hi: a.x in [lo, hi]

    def bounds(self, j: int) -> tuple[float, float]:
        """Column ``j``'s bounds."""
        return (1.0 if j in self.one else 0.0), (0.0 if j in self.zero else 1.0)


def _pywraplp(
    engine: str, spec: _Model, deadline: Deadline, hint: Sequence[int] | None, stopper: Any
) -> MipOutcome:
    """SCIP or CBC through ``pywraplp``."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver(engine)
    if solver is None:
        return MipOutcome(None, False, -math.inf)
    solver.SuppressOutput()
    if engine == "SCIP":  # Ctrl-C is ours (the Stop request), not SCIP's to swallow
        solver.SetSolverSpecificParametersAsString("misc/catchctrlc = FALSE\n")
    xs = [solver.IntVar(*spec.bounds(j), "") for j in range(len(spec.costs))]
    inf = solver.infinity()
    for cols in spec.coverers:
        row = solver.Constraint(1.0, inf)
        for j in cols:
            row.SetCoefficient(xs[j], 1.0)
    for j, groups in enumerate(spec.requires):  # x[j] <= sum(x[a] for a in group)
        for group in groups:
            row = solver.Constraint(-inf, 0.0)
            row.SetCoefficient(xs[j], 1.0)
            for k in group:
                row.SetCoefficient(xs[k], -1.0)
    for coefficients, lo, hi in spec.rows:
        row = solver.Constraint(max(lo, -inf), min(hi, inf))
        for x, c in zip(xs, coefficients, strict=True):
            if c:
                row.SetCoefficient(x, float(c))
    objective = solver.Objective()
    for x, c in zip(xs, spec.costs, strict=True):
        objective.SetCoefficient(x, float(c))
    objective.SetMinimization()
    if hint is not None and engine == "SCIP":
        picked = set(hint)
        solver.SetHint(xs, [1.0 if j in picked else 0.0 for j in range(len(xs))])
    settings = pywraplp.MPSolverParameters()
    settings.SetDoubleParam(settings.RELATIVE_MIP_GAP, 0.0)
    if stopper is not None and engine == "SCIP":
        stopper.add(solver.InterruptSolve)
    left = _left(deadline)  # the model's building counts
    if left is not None:
        solver.SetTimeLimit(max(1, int(left * 1000)))
    if stopper is not None and stopper.stopped:
        return MipOutcome(None, False, -math.inf)
    status = solver.Solve(settings)
    bound = _bound(solver.Objective().BestBound())
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return MipOutcome(None, False, bound)
    values = tuple(round(x.solution_value()) for x in xs)
    return MipOutcome(values, status == pywraplp.Solver.OPTIMAL, bound)


KILL_GRACE = 0.2
"""Seconds a forked CBC may run past the deadline before it is killed."""
CBC_SHARE = 0.9
"""The share of the time left that a forked CBC is told it has: it usually stops in
time to send its incumbent and bound back, which a kill at the deadline would lose."""


def _in_process(spec: _Model, deadline: Deadline, stopper: Stopper) -> MipOutcome:
    """CBC in a forked process: its answer, or nothing when stopped or past the deadline.

    The child inherits the model (copy-on-write), ignores Ctrl-C (the parent's
    stopper decides) and sends back the :class:`MipOutcome`.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(spec, deadline, send), daemon=True)
    if stopper.stopped:
        return MipOutcome(None, False, -math.inf)
    child.start()
    send.close()
    stopper.add(child.kill)
    try:
        while not stopper.stopped:
            left = deadline.remaining()
            if left is not None and left <= 0 and not receive.poll(KILL_GRACE):
                break
            if receive.poll(0.02):
                outcome: MipOutcome = receive.recv()
                return outcome
            if not child.is_alive() and not receive.poll(0):
                break
    except (EOFError, OSError):  # the child died without an answer
        pass
    finally:
        child.kill()
        child.join()
        receive.close()
    return MipOutcome(None, False, -math.inf)


def _child(spec: _Model, deadline: Deadline, send: Any) -> None:
    """The forked process: CBC on ``spec``, its outcome sent to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    send.send(_pywraplp("CBC", spec, deadline.part(CBC_SHARE), None, None))
    send.close()


def _left(deadline: Deadline) -> float | None:
    return deadline.remaining()


def _bound(value: float) -> float:
    return value if math.isfinite(value) else -math.inf


def _highs(
    spec: _Model, deadline: Deadline, hint: Sequence[int] | None, stopper: Any
) -> MipOutcome:
    """HiGHS through MathOpt (silent, interruptible)."""
    import datetime

    from ortools.math_opt.python import mathopt
    from ortools.util.python import solve_interrupter

    model = mathopt.Model()
    xs = []
    for j in range(len(spec.costs)):
        lo, hi = spec.bounds(j)
        xs.append(model.add_variable(lb=lo, ub=hi, is_integer=True))
    for cols in spec.coverers:
        model.add_linear_constraint(mathopt.fast_sum(xs[j] for j in cols) >= 1.0)
    for j, groups in enumerate(spec.requires):
        for group in groups:
            model.add_linear_constraint(xs[j] - mathopt.fast_sum(xs[k] for k in group) <= 0.0)
    for coefficients, lo, hi in spec.rows:
        terms = mathopt.fast_sum(float(c) * x for x, c in zip(xs, coefficients, strict=True) if c)
        model.add_linear_constraint(terms, lb=lo, ub=hi)
    model.minimize(mathopt.fast_sum(float(c) * x for x, c in zip(xs, spec.costs, strict=True) if c))
    settings = mathopt.SolveParameters(relative_gap_tolerance=0.0, absolute_gap_tolerance=0.0)
    left = _left(deadline)
    if left is not None:
        settings.time_limit = datetime.timedelta(seconds=left)
    model_params = None
    if hint is not None:
        picked = set(hint)
        start = mathopt.SolutionHint(
            variable_values={x: 1.0 if j in picked else 0.0 for j, x in enumerate(xs)}
        )
        model_params = mathopt.ModelSolveParameters(solution_hints=[start])
    interrupter = solve_interrupter.SolveInterrupter()
    if stopper is not None:
        stopper.add(interrupter.interrupt)
        if stopper.stopped:
            return MipOutcome(None, False, -math.inf)
    result = mathopt.solve(
        model,
        mathopt.SolverType.HIGHS,
        params=settings,
        model_params=model_params,
        interrupter=interrupter,
    )
    bound = _bound(result.termination.objective_bounds.dual_bound)
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
    from ortools.linear_solver import pywraplp

    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:
        return None
    if time_limit is not None:
        lp.SetTimeLimit(max(1, int(time_limit * 1000)))
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
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return [x.solution_value() for x in xs]
