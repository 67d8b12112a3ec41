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
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.errors import SolverError
from curriculum.solve import cpsat
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.stop import Stopper

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
    rival
        Another engine for this stage, run in its own thread while
        CP-SAT searches (``cpsat=False``: instead of CP-SAT). The first proof
        stops the other engine; without one, the better incumbent and the
        higher bound are kept. Only the stage's value is taken from it: the
        later stages run on CP-SAT, so the answer does not depend on who won.
    cpsat
        Whether CP-SAT searches this stage (``False`` only with a ``rival``).
    """

    expr: Any
    maximize: bool = False
    name: str = ""
    describe: cpsat.Describe | None = None
    hint: bool = True
    on_proven: Callable[[int], None] | None = None
    rival: Rival | None = None
    cpsat: bool = True


@dataclass(frozen=True)
class RivalOutcome:
    """What a rival engine found for a stage.

    Attributes
    ----------
    values
        Its best assignment of the variables (``None``: none found).
    optimum
        The stage's value of ``values`` when the engine proved it optimal, else ``None``.
    bound
        Its proven bound on the stage: a lower bound on a minimised stage
        (``-inf`` when none), an upper bound on a maximised one (``inf``).
    """

    values: tuple[int, ...] | None
    optimum: int | None
    bound: float


Rival = Callable[[Stopper], RivalOutcome]


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
        status, found, optimum, bound = _search_stage(
            model, variables, stage, evaluate, params, deadline, progress
        )
        if status == cpsat.OPTIMAL and found is not None and optimum is not None:
            # Keep the incumbent when it is as good on this stage and better later on:
            # an engine stops at any optimum of this stage, whatever the next stages.
            if best is None or evaluate(found) <= evaluate(best):
                best = found
            model.add(stage.expr == optimum)
            if stage.on_proven is not None:
                stage.on_proven(optimum)
            continue
        if found is not None and (best is None or evaluate(found) < evaluate(best)):
            best = found
        if status not in (cpsat.FEASIBLE, cpsat.UNKNOWN):
            raise SolverError(f"CP-SAT returned {cpsat.status_name(status)}")
        if best is None:
            raise SolverError.keyed("solver.time_limit")
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


def _search_stage(
    model: Any,
    variables: Sequence[Any],
    stage: Stage,
    evaluate: Callable[[Sequence[int]], tuple[int, ...]],
    params: SolveParams,
    deadline: Deadline,
    progress: cpsat.Progress | None,
) -> tuple[int, list[int] | None, int | None, float]:
    """One stage by CP-SAT, its rival, or both racing: (status, values, optimum, bound).

    The status is CP-SAT's code (``OPTIMAL`` when either engine proved the
    stage); the optimum is oriented like the stage (``None`` unless proven); the
    bound is the best either engine proved (NaN when none did).
    """
    if stage.rival is None:
        solver, status = cpsat.solve_model(
            model, params, deadline, progress=progress, label=stage.name, describe=stage.describe
        )
        return _cpsat_result(solver, status, variables, stage.maximize)
    stopper = Stopper()
    box: dict[str, RivalOutcome] = {}
    rival = stage.rival

    def race() -> None:
        box["outcome"] = outcome = rival(stopper)
        if outcome.optimum is not None:
            stopper.stop()  # proven: CP-SAT may stop

    thread = threading.Thread(target=race, name="rival", daemon=True)
    thread.start()
    result: tuple[int, list[int] | None, int | None, float] = (cpsat.UNKNOWN, None, None, math.nan)
    if stage.cpsat:
        solver, status = cpsat.solve_model(
            model,
            params,
            deadline,
            progress=progress,
            label=stage.name,
            describe=stage.describe,
            stopper=stopper,
        )
        result = _cpsat_result(solver, status, variables, stage.maximize)
        if result[0] == cpsat.OPTIMAL:
            stopper.stop()
    cpsat.wait(thread, stopper, deadline.stop)
    return _with_rival(result, box.get("outcome"), evaluate, stage.maximize)


def _cpsat_result(
    solver: Any, status: int, variables: Sequence[Any], maximize: bool
) -> tuple[int, list[int] | None, int | None, float]:
    """CP-SAT's answer to a stage as (status, values, optimum, bound)."""
    if status == cpsat.OPTIMAL:
        value = round(solver.objective_value)
        return status, [solver.value(v) for v in variables], -value if maximize else value, math.nan
    found = [solver.value(v) for v in variables] if status == cpsat.FEASIBLE else None
    return status, found, None, _proven_bound(solver, status, maximize)


def _with_rival(
    result: tuple[int, list[int] | None, int | None, float],
    outcome: RivalOutcome | None,
    evaluate: Callable[[Sequence[int]], tuple[int, ...]],
    maximize: bool = False,
) -> tuple[int, list[int] | None, int | None, float]:
    """CP-SAT's answer to a stage combined with its rival's (a proof first, then bounds).

    Bounds are oriented like the stage: the higher of two lower bounds on a
    minimised stage is kept, the lower of two upper bounds on a maximised one.
    """
    if outcome is None or result[0] == cpsat.OPTIMAL:
        return result
    status, found, _, bound = result
    values = None if outcome.values is None else list(outcome.values)
    if outcome.optimum is not None and values is not None:
        return cpsat.OPTIMAL, values, outcome.optimum, math.nan
    theirs = -outcome.bound if maximize else outcome.bound  # as a lower bound on a minimum
    if math.isfinite(theirs) and not (-bound if maximize else bound) >= theirs:
        bound = outcome.bound  # CP-SAT's is NaN (none) or weaker: the rival's proven bound
    if values is not None and (found is None or evaluate(values) < evaluate(found)):
        status, found = cpsat.FEASIBLE, values
    return status, found, None, bound


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
