"""The one lexicographic engine: ordered objectives, then a block tie-break (CP-SAT).

:func:`solve_lexicographic` optimises a list of objectives in order: each stage
proven optimal is fixed (``expr == value``) before the next one starts. A stage
the time limit interrupts ends the run; the best solution seen so far (a
feasible hint counts) is returned with the proven bound of that stage. A last
optional stage prefers ``True`` on the earlier variables of ``prefer``, block by
block, which makes the answer unique and therefore the same whatever the number
of workers. The set-cover engine (:mod:`curriculum.solve.cover`), budgets,
frontiers and team plans all run through it; models are solved by
:func:`curriculum.solve.cpsat.solve_model`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.errors import SolverError
from curriculum.solve import cpsat
from curriculum.solve.params import Deadline, SolveParams, deadline_for

TIE_BLOCK = 48  # variables decided per tie-break stage (2**48 fits CP-SAT's int64)


@dataclass(frozen=True)
class Stage:
    """One objective: a linear expression, maximised or minimised.

    Attributes
    ----------
    expr
        The CP-SAT expression (an ``int`` for an empty sum: the stage is skipped).
    maximize
        Maximise instead of minimise.
    name
        Label of the progress messages.
    describe
        Formats (objective value, bound) for the progress messages.
    hint
        Hint the search with the incumbent (the ``hint`` or the previous stage's
        optimum). The set-cover engine turns it off for its first stage, where it
        bounds the objective by its greedy start instead.
    on_proven
        Called with the stage's proven optimum before the next stage starts
        (the set-cover engine fixes columns by reduced cost there).
    """

    expr: Any
    maximize: bool = False
    name: str = ""
    describe: cpsat.Describe | None = None
    hint: bool = True
    on_proven: Callable[[int], None] | None = None


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
        The proven bound of the first stage not proven (``None`` when all were,
        NaN when CP-SAT had none).
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
    prefer: Sequence[int] | Callable[[], Sequence[int]] = (),
    params: SolveParams | None = None,
    deadline: Deadline | None = None,
    progress: cpsat.Progress | None = None,
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
        Used to keep the better of the incumbent and a new answer.
    hint
        An assignment of ``variables`` to start from, or ``None``.
    hint_feasible
        Whether ``hint`` satisfies the model: only then is it returned when the
        search finds nothing better in time.
    prefer
        Indices into ``variables`` (Booleans): among equally good solutions the
        one taking the earliest of them wins, block by block. A callable is
        called once every stage is proven: variables known to be 0 in every
        optimum by then may be left out, which saves blocks.
    params
        Workers, seed and time limit (the time limit only when ``deadline`` is ``None``).
    deadline
        The caller's deadline, when this solve is part of a larger one.
    progress
        Called with a one-line message on each improving solution.

    Raises
    ------
    SolverError
        When CP-SAT rejects the model, finds it infeasible, or finds no solution
        in time and no feasible hint was given.
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    with cpsat.solver_session():  # one solver thread for every stage
        return _solve_stages(
            model,
            variables,
            stages,
            evaluate,
            hint,
            hint_feasible,
            prefer,
            params,
            deadline,
            progress,
        )


def _solve_stages(
    model: Any,
    variables: Sequence[Any],
    stages: Sequence[Stage],
    evaluate: Callable[[Sequence[int]], tuple[int, ...]],
    hint: Sequence[int] | None,
    hint_feasible: bool,
    prefer: Sequence[int] | Callable[[], Sequence[int]],
    params: SolveParams,
    deadline: Deadline,
    progress: cpsat.Progress | None,
) -> LexOutcome:
    """The body of :func:`solve_lexicographic`."""
    best: list[int] | None = None if hint is None or not hint_feasible else list(hint)
    for stage_no, stage in enumerate(stages):
        if isinstance(stage.expr, int):  # a constant (empty sum): nothing to optimise
            continue
        model.minimize(-stage.expr if stage.maximize else stage.expr)
        _set_hint(model, variables, (hint if best is None else best) if stage.hint else None)
        solver, status = cpsat.solve_model(
            model, params, deadline, progress=progress, label=stage.name, describe=stage.describe
        )
        if status == cpsat.OPTIMAL:
            found = [solver.value(v) for v in variables]
            value = round(solver.objective_value)
            # Keep the incumbent when it is as good on this stage and better later on:
            # CP-SAT stops at any optimum of this stage, whatever the next stages.
            if best is None or evaluate(found) <= evaluate(best):
                best = found
            optimum = -value if stage.maximize else value
            model.add(stage.expr == optimum)
            if stage.on_proven is not None:
                stage.on_proven(optimum)
            continue
        if status == cpsat.FEASIBLE:
            found = [solver.value(v) for v in variables]
            if best is None or evaluate(found) < evaluate(best):
                best = found
        elif status != cpsat.UNKNOWN:
            raise SolverError(f"CP-SAT returned {cpsat.status_name(status)}")
        elif best is None:
            raise SolverError("no solution found within the time limit")
        bound = _proven_bound(solver, status, stage.maximize)
        return LexOutcome(tuple(best), stage_no, bound, False)
    if best is None:  # every stage was constant: any feasible solution will do
        model.clear_objective()
        _set_hint(model, variables, hint)
        solver, status = cpsat.solve_model(model, params, deadline)
        if status not in (cpsat.OPTIMAL, cpsat.FEASIBLE):
            raise SolverError(f"CP-SAT returned {cpsat.status_name(status)}")
        best = [solver.value(v) for v in variables]
    order = prefer() if callable(prefer) else prefer
    best, ties = _break_ties(model, variables, best, order, params, deadline)
    return LexOutcome(tuple(best), len(stages), None, ties)


def _break_ties(
    model: Any,
    variables: Sequence[Any],
    best: list[int],
    prefer: Sequence[int],
    params: SolveParams,
    deadline: Deadline,
) -> tuple[list[int], bool]:
    """Prefer ``True`` on the earlier ``prefer`` variables, block by block: (best, completed)."""
    for lo in range(0, len(prefer), TIE_BLOCK):
        block = prefer[lo : lo + TIE_BLOCK]
        size = len(block)
        model.maximize(
            cpsat.weighted_sum(
                [variables[j] for j in block], [1 << (size - 1 - k) for k in range(size)]
            )
        )
        _set_hint(model, variables, best)
        solver, status = cpsat.solve_model(model, params, deadline)
        if status != cpsat.OPTIMAL:
            return best, False
        best = [solver.value(v) for v in variables]
        for j in block:
            model.add(variables[j] == best[j])
    return best, True


def _proven_bound(solver: Any, status: int, maximize: bool) -> float:
    """The stage's bound CP-SAT proved, oriented like the stage; NaN when it proved none.

    CP-SAT reports a bound of 0 when it stops before its search starts (status
    ``UNKNOWN``): valid for a minimised sum of non-negative terms by chance, false
    for a maximised one (it would clamp the bound to the incumbent). Only a
    bound reported with a solution (``FEASIBLE``) is taken.
    """
    bound = float(solver.best_objective_bound)
    if status != cpsat.FEASIBLE or not math.isfinite(bound):
        return math.nan
    return -bound if maximize else bound


def _set_hint(model: Any, variables: Sequence[Any], values: Sequence[int] | None) -> None:
    model.clear_hints()
    if values is not None:
        for var, value in zip(variables, values, strict=True):
            model.add_hint(var, value)


def add_requirements(
    model: Any, take: Sequence[Any], requires: Sequence[Sequence[Sequence[int]]]
) -> None:
    """Prerequisites: ``take[j]`` implies one of each of its requirements'
    alternatives (``take[j] <= sum(take[a] for a in group)``)."""
    for j, groups in enumerate(requires):
        for group in groups:
            model.add_bool_or([take[j].Not(), *(take[a] for a in group)])
