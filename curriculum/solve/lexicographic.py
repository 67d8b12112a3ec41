"""Lexicographic optimisation with CP-SAT, shared by the budget, frontier and team models.

:func:`solve_lexicographic` optimises a list of objectives in order: each stage
proven optimal is fixed (``expr == value``) before the next one starts. A stage
the time limit interrupts ends the run; the best solution seen so far (the hint
counts) is returned with the proven bound of that stage. A last optional stage
prefers ``True`` on the earlier variables of ``prefer``, block by block, which
makes the answer unique and therefore the same whatever the number of workers.

ortools is imported inside the functions, so importing this module is cheap.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.errors import SolverError
from curriculum.solve.cover import SolveParams

TIE_BLOCK = 48  # variables decided per tie-break stage (2**48 fits CP-SAT's int64)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Stage:
    """One objective: a linear expression, maximised or minimised."""

    expr: Any
    maximize: bool = False
    name: str = ""
    describe: Callable[[float, float], str] | None = None


@dataclass(frozen=True)
class LexOutcome:
    """The result of :func:`solve_lexicographic`.

    Attributes
    ----------
    values
        Value of every decision variable in the returned solution.
    proven
        Number of stages proven optimal (``len(stages)`` when all were).
    bound
        The proven bound of the first stage not proven (``None`` when all were).
    ties_proven
        Whether the ``prefer`` tie-break was completed as well.
    """

    values: tuple[int, ...]
    proven: int
    bound: float | None
    ties_proven: bool


def solve_lexicographic(
    model: Any,
    variables: Sequence[Any],
    stages: Sequence[Stage],
    evaluate: Callable[[Sequence[int]], tuple[int, ...]],
    *,
    hint: Sequence[int] | None = None,
    hint_feasible: bool = True,
    prefer: Sequence[int] = (),
    params: SolveParams | None = None,
    deadline: float | None = None,
    progress: Progress | None = None,
) -> LexOutcome:
    """Optimise ``stages`` in order over ``model``.

    Parameters
    ----------
    model
        A ``cp_model.CpModel``; stage equalities are added to it.
    variables
        The decision variables whose values are returned (and hinted).
    stages
        Objectives in priority order.
    evaluate
        The stage values of an assignment of ``variables``, each oriented so
        that smaller is better (a maximised stage gives its negated value).
        Used to keep the better of the hint and an interrupted search's answer.
    hint
        An assignment of ``variables`` to start from, or ``None``.
    hint_feasible
        Whether ``hint`` satisfies the model: only then is it returned when the
        search finds nothing better in time.
    prefer
        Indices into ``variables`` (Booleans): among equally good solutions the
        one taking the earliest of them wins, block by block.
    params
        Workers, seed and time limit (used when ``deadline`` is ``None``).
    deadline
        ``time.monotonic()`` value after which the search stops.
    progress
        Called with a one-line message on each improving solution.

    Raises
    ------
    SolverError
        When CP-SAT rejects the model or finds it infeasible with a hint given.
    """
    from ortools.sat.python import cp_model

    params = params or SolveParams()
    if deadline is None and params.time_limit is not None:
        deadline = time.monotonic() + params.time_limit
    best: list[int] | None = None if hint is None or not hint_feasible else list(hint)
    for stage_no, stage in enumerate(stages):
        if isinstance(stage.expr, int):  # a constant (empty sum): nothing to optimise
            continue
        model.minimize(-stage.expr if stage.maximize else stage.expr)
        _set_hint(model, variables, hint if best is None else best)
        solver, status = run(model, params, deadline, progress, stage.name, stage.describe)
        if status == cp_model.OPTIMAL:
            found = [solver.value(v) for v in variables]
            value = round(solver.objective_value)
            # Keep the incumbent when it is as good on this stage and better later on:
            # CP-SAT stops at any optimum of this stage, whatever the next stages.
            if best is None or evaluate(found) <= evaluate(best):
                best = found
            model.add(stage.expr == (-value if stage.maximize else value))
            continue
        if status == cp_model.FEASIBLE:
            found = [solver.value(v) for v in variables]
            if best is None or evaluate(found) < evaluate(best):
                best = found
        elif status == cp_model.INFEASIBLE:
            raise SolverError("CP-SAT found the model infeasible")
        elif best is None:
            raise SolverError("no solution found within the time limit")
        bound = solver.best_objective_bound
        bound = (-bound if stage.maximize else bound) if math.isfinite(bound) else math.nan
        return LexOutcome(tuple(best), stage_no, bound, False)
    if best is None:  # every stage was constant: any feasible solution will do
        model.clear_objective()
        _set_hint(model, variables, hint)
        solver, status = run(model, params, deadline)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise SolverError(f"CP-SAT returned {solver.status_name(status)}")
        best = [solver.value(v) for v in variables]
    ties = True
    for lo in range(0, len(prefer), TIE_BLOCK):
        block = prefer[lo : lo + TIE_BLOCK]
        expr = sum((1 << (len(block) - 1 - k)) * variables[j] for k, j in enumerate(block))
        model.maximize(expr)
        _set_hint(model, variables, best)
        solver, status = run(model, params, deadline, None, "tie-break")
        if status != cp_model.OPTIMAL:
            ties = False
            break
        best = [solver.value(v) for v in variables]
        for j in block:
            model.add(variables[j] == best[j])
    return LexOutcome(tuple(best), len(stages), None, ties)


def _set_hint(model: Any, variables: Sequence[Any], values: Sequence[int] | None) -> None:
    model.clear_hints()
    if values is not None:
        for var, value in zip(variables, values, strict=True):
            model.add_hint(var, value)


def run(
    model: Any,
    params: SolveParams,
    deadline: float | None,
    progress: Progress | None = None,
    label: str = "",
    describe: Callable[[float, float], str] | None = None,
) -> tuple[Any, int]:
    """Solve ``model`` once with the project's CP-SAT settings.

    Raises
    ------
    SolverError
        When CP-SAT rejects the model as invalid.
    """
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(0.0, deadline - time.monotonic())
    solver.parameters.num_workers = params.workers
    solver.parameters.random_seed = params.seed
    # Cover rows are clauses: the LP relaxation is what raises the bound on 2 cores.
    solver.parameters.linearization_level = 2
    callback = None
    if progress is not None:
        callback = _Reporter(progress, label, describe or _plain)
    status = solver.solve(model, callback)
    if status == cp_model.MODEL_INVALID:
        raise SolverError("CP-SAT rejected the model as invalid")
    return solver, status


def _plain(value: float, bound: float) -> str:
    return f"best {value:,.0f}, bound {bound:,.0f}"


def _reporter_base() -> type:
    from ortools.sat.python import cp_model

    return cp_model.CpSolverSolutionCallback  # type: ignore[no-any-return]


class _Reporter:
    """Adapts a progress function to CP-SAT's solution callback (built lazily)."""

    def __new__(  # type: ignore[misc]
        cls, progress: Progress, label: str, describe: Callable[[float, float], str]
    ) -> Any:
        base = _reporter_base()

        class Reporter(base):  # type: ignore[misc,valid-type]
            def __init__(self) -> None:
                super().__init__()
                self.start = time.monotonic()

            def on_solution_callback(self) -> None:
                text = describe(self.objective_value, self.best_objective_bound)
                progress(f"{label}: {text}, {time.monotonic() - self.start:.1f} s")

        return Reporter()
