"""The one door to OR-Tools: CP-SAT models, their configuration and runs, and GLOP.

Every other module builds and solves its models through these functions, so the
solver is configured in one place (:func:`configure`, whose meaning of
``SolveParams.workers`` is documented on :class:`~curriculum.solve.params.SolveParams`).
OR-Tools is imported inside the functions: importing this module is cheap, and
commands that do not solve never load OR-Tools.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from curriculum.errors import SolverError
from curriculum.solve import wheel
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams, Stop
from curriculum.solve.stop import Stopper

# CP-SAT's status codes (``cp_model_pb2.CpSolverStatus``), known without importing it.
UNKNOWN = 0
MODEL_INVALID = 1
FEASIBLE = 2
INFEASIBLE = 3
OPTIMAL = 4
STATUS_NAMES = {
    UNKNOWN: "UNKNOWN",
    MODEL_INVALID: "MODEL_INVALID",
    FEASIBLE: "FEASIBLE",
    INFEASIBLE: "INFEASIBLE",
    OPTIMAL: "OPTIMAL",
}

Progress = Callable[[str], None]

Describe = Callable[[float, float], str]


def new_model() -> Any:
    """An empty ``cp_model.CpModel``."""
    cp_model = wheel.cp_model()

    return cp_model.CpModel()


def weighted_sum(variables: Sequence[Any], coefficients: Sequence[int]) -> Any:
    """``sum(c * v)`` as one CP-SAT expression (much faster to build than ``sum``)."""
    cp_model = wheel.cp_model()

    return cp_model.LinearExpr.weighted_sum(list(variables), list(coefficients))


def configure(parameters: Any, params: SolveParams) -> None:
    """Set CP-SAT ``parameters`` from ``params``: the one place that does.

    Seed and workers as :class:`~curriculum.solve.params.SolveParams` documents
    them; ``params.cp_sat`` last, so that it overrides the rest (benchmarks).
    """
    parameters.random_seed = params.seed
    if params.workers <= 1:
        parameters.num_workers = 1
        parameters.linearization_level = 2
    else:
        parameters.num_workers = params.workers
        parameters.extra_subsolvers.append("max_lp")
    for name, value in params.cp_sat:
        field = getattr(parameters, name)
        if hasattr(field, "extend") and not isinstance(value, str | bytes | int | float):
            field.extend(value)
        else:
            setattr(parameters, name, value)


def solve_model(
    model: Any,
    params: SolveParams,
    deadline: Deadline = NO_DEADLINE,
    *,
    progress: Progress | None = None,
    label: str = "",
    describe: Describe | None = None,
    stopper: Stopper | None = None,
) -> tuple[Any, int]:
    """Solve ``model`` once: (the ``CpSolver``, its status code).

    Parameters
    ----------
    model
        A ``cp_model.CpModel``.
    params
        Workers, seed and extra parameters (see :func:`configure`).
    deadline
        When the search stops (the solve's own, or a part of it). The first
        Ctrl-C during the search stops it (CP-SAT's own handler is turned off,
        so it does not swallow it) and is recorded in ``deadline.stop``: the
        search returns its best solution and proven bound, and every later
        phase sharing the deadline returns at once, so the caller reports the
        best plan so far, labelled as not proven, with its true bound. A second
        Ctrl-C raises ``KeyboardInterrupt`` at once.
    progress
        Called with a one-line message on each improving solution.
    label
        Prefix of the progress messages (the objective's name).
    describe
        Formats (objective value, bound) for the messages.
    stopper
        Stops the search when told (a rival engine's proof); Ctrl-C tells it.

    Raises
    ------
    SolverError
        When CP-SAT rejects the model as invalid (a bug, never the user's input).
    """
    cp_model = wheel.cp_model()

    solver = cp_model.CpSolver()
    remaining = deadline.remaining()  # 0 once Ctrl-C stopped the solve: the incumbent stands
    if remaining is not None:
        solver.parameters.max_time_in_seconds = remaining
    configure(solver.parameters, params)
    solver.parameters.catch_sigint_signal = False
    callback = None if progress is None else _reporter(progress, label, describe or _plain)
    if stopper is not None:
        stopper.add(solver.stop_search)
    status = _run(solver, model, callback, deadline.stop, stopper)
    if status == MODEL_INVALID:
        raise SolverError("CP-SAT rejected the model as invalid")
    return solver, int(status)


_SESSION: ContextVar[tuple[Any, int] | None] = ContextVar("cp_sat_session", default=None)
"""The solver thread's job queue and process id, inside a :func:`solver_session` block
(a context variable: each block sets it and restores it on leaving, and no caller
sees another context's)."""


@contextmanager
def solver_session() -> Iterator[None]:
    """Run every solve inside the block in one solver thread, ended at the block's end.

    Solves from the main thread run in another thread (so that Ctrl-C can stop
    them, see :func:`_run`). Starting a thread per solve cost 1-4 ms on a
    loaded machine, more than a small frontier point's whole search; a running
    thread takes a job in about 0.02 ms. The thread is joined when the block
    ends, so a process that forks workers afterwards may (forking needs a
    single thread). Nested blocks share the outer block's thread.
    """
    import os
    import queue

    outer = _SESSION.get()
    if (outer is not None and outer[1] == os.getpid()) or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    jobs: Any = queue.SimpleQueue()

    def serve() -> None:
        while (job := jobs.get()) is not None:
            job[0]()
            job[1].set()

    thread = threading.Thread(target=serve, name="cp-sat", daemon=True)
    thread.start()
    token = _SESSION.set((jobs, os.getpid()))
    try:
        yield
    finally:
        _SESSION.reset(token)
        jobs.put(None)
        thread.join(1.0)  # at most a stopped search's wind-down; the thread is a daemon


def _run(
    solver: Any, model: Any, callback: Any, stop: Stop | None, stopper: Stopper | None = None
) -> int:
    """``solver.solve``; from the main thread, in the solver thread so that Ctrl-C stops it.

    Python runs signal handlers in the main thread only between bytecodes, so
    the search runs in another thread while the main thread waits: the first
    SIGINT calls ``stop_search`` (the solve then returns what it has) and is
    recorded in ``stop``, the second raises ``KeyboardInterrupt`` at once.
    """
    if threading.current_thread() is not threading.main_thread():
        return int(solver.solve(model, callback))
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["status"] = solver.solve(model, callback)
        except BaseException as error:  # re-raised in the main thread
            box["error"] = error

    done = threading.Event()
    with solver_session():
        session = _SESSION.get()
        assert session is not None
        session[0].put((work, done))
        _await(done.wait, solver.stop_search if stopper is None else stopper.stop, stop)
    if "error" in box:
        raise box["error"]
    return int(box["status"])


def wait(thread: threading.Thread, stopper: Stopper, stop: Stop | None) -> None:
    """Wait for ``thread`` (a rival engine's search); Ctrl-C stops it (see :func:`_run`).

    Once stopped, the stop is sent again until the thread ends: a search that
    started after the first one would not have seen it.
    """

    def finished(timeout: float) -> bool:
        thread.join(timeout)
        if stopper.stopped and thread.is_alive():
            stopper.stop()
        return not thread.is_alive()

    if threading.current_thread() is threading.main_thread():
        _await(finished, stopper.stop, stop)
    while not finished(0.05):
        pass


def _await(done: Callable[[float], bool], halt: Callable[[], object], stop: Stop | None) -> None:
    """Wait until ``done(timeout)``; the first SIGINT calls ``halt`` and is recorded in
    ``stop``, the second raises ``KeyboardInterrupt``."""
    record = stop or Stop()  # without the solve's own: this search's
    interrupted: list[int] = []

    def on_sigint(signum: int, frame: Any) -> None:
        interrupted.append(1)
        halt()
        if record.request() > 1:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        while not done(0.05):
            if interrupted:  # again: CP-SAT ignores a stop that comes before its search starts
                halt()
    finally:
        signal.signal(signal.SIGINT, previous)


def status_name(status: int) -> str:
    """CP-SAT's name of a status code."""
    return STATUS_NAMES.get(status, str(status))


def _plain(value: float, bound: float) -> str:
    return f"best {value:,.0f}, bound {bound:,.0f}"


def _reporter(progress: Progress, label: str, describe: Describe) -> Any:
    """A ``CpSolverSolutionCallback`` reporting each solution to ``progress``."""
    callback: Any = wheel.cp_model().CpSolverSolutionCallback

    class Reporter(callback):  # type: ignore[misc]  # OR-Tools' class
        def __init__(self) -> None:
            super().__init__()
            self.start = time.monotonic()

        def on_solution_callback(self) -> None:
            text = describe(self.objective_value, self.best_objective_bound)
            progress(f"{label}: {text}, {time.monotonic() - self.start:.1f} s")

    return Reporter()


DUAL_SIMPLEX_COLUMNS = 10_000
"""Covering LPs with fewer columns are solved by GLOP's dual simplex, larger ones by its
default (primal). Measured on generated covers after the reductions
(``benchmarks/glop_simplex.py``: random ones of 200 and 500 rows, 10-100 columns per
row, 2% and 5% dense, costs 1-100; railway-like ones of 200-600 trips and
5,000-50,000 duties, costs 1-3). Seeds 1-2, to choose: below 10,000 columns the dual
took 0.13-0.86 of the primal's time on every cover; above, 0.25-0.86 on random ones,
0.65-1.59 on railway-like ones of 13,000-15,000 columns and 1.74-4.44 from 29,000
(seconds lost where random covers gain tenths). Seeds 3-4, to report: below 10,000
0.22-0.79 on every cover; above, random 0.34-0.84, railway-like 0.40-1.55 and 2.33-3.31."""


def covering_lp_duals(
    coverers: Sequence[Sequence[int]],
    costs: Sequence[int],
    time_limit: float | None = None,
    limits: Sequence[tuple[Sequence[int], int]] = (),
) -> list[float] | None:
    """Dual prices of the covering LP ``min c.x, sum(x[j] for j in row) >= 1, x >= 0`` (GLOP).

    Parameters
    ----------
    coverers
        For each row (item), the columns that cover it.
    costs
        The cost of each column.
    limits
        Extra rows ``a.x <= b`` as ``(a, b)`` (earlier objectives at their optimum).

    Returns
    -------
    list[float] or None
        One dual value per row, then one per limit row, as GLOP returns them
        (floating point, of either sign), or ``None`` when GLOP is unavailable or
        not optimal within ``time_limit`` seconds.
    """
    pb = wheel.linear_solver_pb2()  # a model proto: built in C, not call by call
    request = pb.MPModelRequest(solver_type=pb.MPModelRequest.GLOP_LINEAR_PROGRAMMING)
    if len(costs) < DUAL_SIMPLEX_COLUMNS:  # x = 0 is dual feasible: no phase one
        request.solver_specific_parameters = "use_dual_simplex: true"
    if time_limit is not None:
        request.solver_time_limit_seconds = max(0.001, time_limit)
    model = request.model
    for c in costs:
        model.variable.add(lower_bound=0.0, upper_bound=math.inf, objective_coefficient=c)
    for cols in coverers:
        row = model.constraint.add(lower_bound=1.0, upper_bound=math.inf)
        row.var_index.extend(cols)
        row.coefficient.extend([1.0] * len(cols))
    for coefficients, bound in limits:
        row = model.constraint.add(lower_bound=-math.inf, upper_bound=float(bound))
        index = [j for j, a in enumerate(coefficients) if a]
        row.var_index.extend(index)
        row.coefficient.extend([float(coefficients[j]) for j in index])
    response = pb.MPSolutionResponse()
    wheel.pywraplp().Solver.SolveWithProto(request, response)
    if response.status != pb.MPSOLVER_OPTIMAL:
        return None
    return list(response.dual_value)


def coverage_lp_duals(
    coverers: Sequence[Sequence[int]],
    weights: Sequence[int],
    objectives: Sequence[Sequence[int]],
    limits: Sequence[int | None],
    forced: Sequence[int] = (),
    time_limit: float | None = None,
) -> tuple[list[float], list[float]] | None:
    """Duals of the max-coverage LP (GLOP): (one per item row, one per limit row).

    The LP is ``max w.z`` subject to ``z[i] <= sum(x[j] for j in coverers[i])``,
    ``objectives[k].x <= limits[k]`` (``None``: no row, dual 0), ``0 <= x, z <= 1``
    and ``x[j] = 1`` for the forced columns. Returns ``None`` when GLOP is
    unavailable or not optimal in ``time_limit`` seconds.
    """
    lp = wheel.glop(time_limit)
    if lp is None:
        return None
    n = len(objectives[0]) if objectives else 0
    must = set(forced)
    xs = [lp.NumVar(1.0 if j in must else 0.0, 1.0, "") for j in range(n)]
    zs = [lp.NumVar(0.0, 1.0, "") for _ in coverers]
    rows = []
    for i, cols in enumerate(coverers):
        row = lp.Constraint(-lp.infinity(), 0.0)
        row.SetCoefficient(zs[i], 1.0)
        for j in cols:
            row.SetCoefficient(xs[j], -1.0)
        rows.append(row)
    limit_rows: list[Any] = []
    for objective, limit in zip(objectives, limits, strict=False):
        if limit is None:
            limit_rows.append(None)
            continue
        row = lp.Constraint(-lp.infinity(), float(limit))
        for j, c in enumerate(objective):
            if c:
                row.SetCoefficient(xs[j], float(c))
        limit_rows.append(row)
    goal = lp.Objective()
    for i, z in enumerate(zs):
        goal.SetCoefficient(z, float(weights[i]))
    goal.SetMaximization()
    if lp.Solve() != lp.OPTIMAL:
        return None
    return [r.dual_value() for r in rows], [
        0.0 if r is None else r.dual_value() for r in limit_rows
    ]
