"""The exact set-cover engine: reductions, greedy start, DFS or CP-SAT, tie-break.

:func:`solve_cover` minimises the objectives of a :class:`CoverProblem` in order
(each stage fixes the optimum of the stage before), then breaks the remaining ties
by taking fewer columns, then the lexicographically smallest sorted list of
columns, so that the same input gives the same plan whatever the number of workers
whenever optimality is proven.

The pipeline: exact reductions (:mod:`curriculum.presolve`: forced columns,
dominated items and columns), then a greedy cover improved by local search (and,
when the LP relaxation is solved for reduced-cost fixing, covers guided by its
dual prices, :mod:`curriculum.solve.dual_start`; the best is kept), which
bounds CP-SAT's objective (see ``SolveParams.start``) and is returned, labelled as
not proven, if the time limit stops the search first; then CP-SAT, configured as
measured on the OR-Library instances (see ``benchmarks/``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from curriculum.solve import cpsat
from curriculum.solve.dfs import search_cover
from curriculum.solve.dual_start import core_cover
from curriculum.solve.fixing import Duals, StageFixer, restrict, unproven, wide
from curriculum.solve.greedy import dual_start, greedy_cover, local_search
from curriculum.solve.lexicographic import Rival, Stage, add_requirements, solve_lexicographic
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem, CoverSolution, Status
from curriculum.solve.relaxation import lp_fixing, relaxation_bound
from curriculum.solve.requires import greedy_requires, search_requires
from curriculum.solve.weighting import walk_rival, weighted_search

if TYPE_CHECKING:
    from curriculum.solve.race import BackgroundRival

__all__ = ["SolveParams", "greedy_cover", "local_search", "lp_fixing", "solve_cover"]

# --------------------------------------------------------------------------- exact solve

# Shares of the time left that the reductions and the local search may take
# (measured on a random 500-row, 50,000-column instance with a 5 s limit: the
# reductions alone took 15 s before they checked the clock, and the LP bound
# needs the time after them).
PRESOLVE_SHARE = 0.3
SEARCH_SHARE = 0.15
FIX_SHARE = 0.1  # a later stage's LP (reduced-cost fixing before the tie-break)
CORE_SHARE = 0.4  # the core sub-problem's search (large LP gap only)
WEIGHTING_SHARE = 0.15  # the row-weighting walk (a gap above WALK_GAP only)
WALK_GAP = 0.17
"""A start this far above the LP bound (share of the start) gets the row-weighting walk
(:mod:`.weighting`). Chosen on the tuning seeds 1, 2, 5 and 6 of the generated
families: OR-Library's recipes left gaps of 2.2-15.6% after the priced start, and
CP-SAT proves them in seconds (the walk only cost time there); unicost and
railway-like covers 18.4-36%, which no engine proves in minutes, and where the walk
gave the best covers. Figures in ``docs/performance.md`` ("Hard plans")."""
HARD_MAX_ROWS = 250
"""More items (after presolve) and the hard-instance search does not pay. Chosen on the
generated families (seeds 1 and 2, 30 s, the search forced on and off): on 400 x
4,000 instances it was slower or worse; on ESCO occupations (about 100 items) and
200-row unicost covers it raised the bound. The threshold it replaces, 3,500 columns,
sat between two named instances (issue 24). Figures in ``docs/performance.md``."""
WALK_RIVAL = True
"""Whether the walk races CP-SAT where :func:`walks_on` says (``False``: the branch and
cut). It starts beside the first walk, on the core that would idle, and walks to the end;
measured on the families in ``docs/performance.md``."""
HARD_CP_SAT = (("optimize_with_lb_tree_search", True),)  # its bound rises where the default stalls


def solve_cover(
    problem: CoverProblem, params: SolveParams | None = None, deadline: Deadline | None = None
) -> CoverSolution:
    """Solve a cover problem exactly (up to the time limit).

    ``deadline`` is the caller's when this solve is part of a larger one; without
    it the solve makes its own from ``params.time_limit``.

    Returns
    -------
    CoverSolution
        ``status`` is ``"optimal"`` when the first objective's optimum was proven,
        ``"feasible"`` otherwise; ``lower_bound`` is the proven bound on it.

    Raises
    ------
    SolverError
        When CP-SAT rejects the model (a bug, never the user's input).
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    if not problem.items and not problem.forced:
        return CoverSolution((), problem.value(()), "optimal", 0, True)
    if params.presolve:
        reduction = reduce_cover(
            problem, tie_break=params.tie_break, deadline=deadline.part(PRESOLVE_SHARE)
        )
        sub, columns, fixed = reduction.problem, reduction.columns, reduction.fixed
    else:
        sub, columns, fixed = problem, tuple(range(len(problem.columns))), ()
    if sub is None:  # the forced columns cover everything: nothing to search
        forced = tuple(sorted(fixed))
        value = problem.value(forced)
        return CoverSolution(forced, value, "optimal", value[0] if value else 0, True)

    chosen, status, bound, ties = _solve_reduced(sub, params, deadline)
    full = tuple(sorted({*fixed, *(columns[j] for j in chosen)}))
    value = problem.value(full)
    offset = problem.value(fixed)[0] if problem.objectives else 0
    lower_bound = min(bound + offset, value[0]) if value else 0
    return CoverSolution(full, value, status, lower_bound, ties)


@dataclasses.dataclass
class _Search:
    """The CP-SAT model of a reduced cover and what its stages need."""

    problem: CoverProblem
    model: Any
    take: list[Any]
    weights: list[Sequence[int]]  # the stages' coefficients: objectives, then the count
    stages: list[Stage]
    fixer: StageFixer
    duals: Duals | None = None
    scale: int = 0  # > 0: the last objective and the count merged as scale * objective + count
    rival: BackgroundRival | None = None  # started before the first stage (hard instances)


def _solve_reduced(
    problem: CoverProblem, params: SolveParams, deadline: Deadline
) -> tuple[list[int], Status, int, bool]:
    """Solve a (reduced) problem: (chosen, status, bound on objective 0, ties proven).

    Small problems are settled by :func:`search_cover` without importing OR-Tools
    (which alone takes most of a plan's start-up time); others go to CP-SAT
    through the lexicographic engine (the objectives in order, then fewer
    columns, then lower column indices), the first stage raced against a
    branch-and-cut engine (``SolveParams.engine``).
    """
    best, settled = _start(problem, params, deadline)
    if settled is not None:
        return settled
    walker: BackgroundRival | None = None
    search: _Search | None = None
    try:
        duals, best, walker = _relax(problem, best, params, deadline)
        cut = restrict(problem, duals, problem.value(best)[0]) if duals is not None else None
        keep: Sequence[int] = range(len(problem.columns))
        if cut is not None:  # the columns the LP proves out leave the model
            problem, keep, duals = cut
            at = {j: k for k, j in enumerate(keep)}
            best = [at[j] for j in best]
        search = _model(problem, params)
        search.duals = duals
        search.rival = walker and walker.within(keep)
        best = _bound_and_fix(search, best, params, deadline)
        params = _first_stage(search, best, params, deadline)
        _later_stages(search, params, deadline)
        chosen, status, bound, ties = _run(search, best, params, deadline)
    finally:
        for rival in (walker, None if search is None else search.rival):
            if rival is not None:
                rival.close()
    return [keep[j] for j in chosen], status, bound, ties


def _start(
    problem: CoverProblem, params: SolveParams, deadline: Deadline
) -> tuple[list[int], tuple[list[int], Status, int, bool] | None]:
    """The greedy (or prerequisite-keeping) start, and the answer when the DFS settles it."""
    n = len(problem.columns)
    if problem.requires:  # prerequisites: starts and search that keep them
        best = greedy_requires(problem)
        if problem.objectives and n <= params.search_columns:
            found = search_requires(problem, best)
            if found is not None:
                return best, (found, "optimal", problem.value(found)[0], True)
        return best, None
    best = local_search(problem, greedy_cover(problem), deadline=deadline.part(SEARCH_SHARE))
    if problem.objectives and not problem.forced and n <= params.search_columns:
        found = search_cover(problem, best)
        if found is not None:  # exhaustive: optimal, ties included
            return best, (found, "optimal", problem.value(found)[0], True)
    return best, None


def _model(problem: CoverProblem, params: SolveParams) -> _Search:
    """The cover model (coverage, forced columns, prerequisites) and one stage per objective."""
    n = len(problem.columns)
    model = cpsat.new_model()
    take = [model.new_bool_var(f"take[{j}]") for j in range(n)]
    for cols in problem.coverers():
        model.add_bool_or([take[j] for j in cols])
    for j in problem.forced:
        model.add(take[j] == 1)
    add_requirements(model, take, problem.requires)
    weights: list[Sequence[int]] = list(problem.objectives)
    if params.tie_break:
        weights.append((1,) * n)  # fewer columns
    stages = [
        Stage(cpsat.weighted_sum(take, w), name=f"objective {k}") for k, w in enumerate(weights)
    ]
    return _Search(problem, model, take, weights, stages, StageFixer(model, take, problem))


def _relax(
    problem: CoverProblem, best: list[int], params: SolveParams, deadline: Deadline
) -> tuple[Duals | None, list[int], BackgroundRival | None]:
    """The relaxation's bound (``None`` when none answered in time, or unasked), the
    best of ``best`` and the starts its prices guide, and the walk racing from there
    (:func:`walks_on`), if any."""
    if not (problem.objectives and params.lp_fixing):
        return None, best, None
    duals, prices = relaxation_bound(problem, problem.value(best)[0], deadline)
    walker = None
    if duals is not None and not problem.requires and wide(duals, problem.value(best)[0]):
        best = dual_start(problem, prices, best, deadline.part(SEARCH_SHARE))
        if params.walk and WEIGHTING_SHARE and wide(duals, problem.value(best)[0], WALK_GAP):
            if walks_on(problem, params):
                from curriculum.solve.race import BackgroundRival

                walker = BackgroundRival(walk_rival(problem, best, deadline, seed=1))
            best = weighted_search(problem, best, deadline.part(WEIGHTING_SHARE))
    return duals, best, walker


def walks_on(problem: CoverProblem, params: SolveParams) -> bool:
    """Whether the walk (:func:`.walk_rival`), not a branch and cut, races CP-SAT on a
    cover wide enough to walk: ``engine="auto"``, more than :data:`HARD_MAX_ROWS` items."""
    return WALK_RIVAL and params.engine == "auto" and len(problem.items) > HARD_MAX_ROWS


def _bound_and_fix(
    search: _Search, best: list[int], params: SolveParams, deadline: Deadline
) -> list[int]:
    """On a hard instance (:func:`hard`) the rival and the core start; then reduced-cost
    fixing and the relaxation's bound (``search.duals``) in the model: the best start."""
    problem, duals = search.problem, search.duals
    if duals is None:
        return best
    if not problem.requires and hard(duals, problem.value(best)[0], len(problem.items)):
        if params.engine != "cpsat":  # the rival takes the other core from now on
            from curriculum.solve.race import BackgroundRival

            search.rival = BackgroundRival(_rival(search, best, params, deadline, 0.0))
        reduced = [float(r) for r in duals[1]]
        solve = _core_solver(params)
        best = core_cover(problem, reduced, best, solve, deadline.part(CORE_SHARE))
    search.fixer.fix_above(duals, problem.value(best)[0])
    # A proven bound: CP-SAT starts its own from it (and reports at least it).
    search.model.add(search.stages[0].expr >= math.ceil(duals[0]))
    return best


def _first_stage(
    search: _Search, best: list[int], params: SolveParams, deadline: Deadline
) -> SolveParams:
    """Bound, hint and rival of the first objective's stage: the parameters of the search.

    A large LP gap turns on CP-SAT's LP tree search (hinted with the start).
    """
    problem, duals = search.problem, search.duals
    if not problem.objectives:
        return params
    start_value = problem.value(best)[0]
    is_hard = duals is not None and hard(duals, start_value, len(problem.items))
    if is_hard:
        params = dataclasses.replace(params, cp_sat=(*HARD_CP_SAT, *params.cp_sat))
    if "bound" in params.start:  # the start's value bounds the optimum
        search.model.add(search.stages[0].expr <= start_value)
    first = search.stages[0]
    search.stages[0] = dataclasses.replace(
        first,
        hint="hint" in params.start or is_hard,
        on_proven=None if duals is None else search.fixer.first_proven(duals, search.weights[0]),
    )
    return params


def _later_stages(search: _Search, params: SolveParams, deadline: Deadline) -> None:
    """Later stages fix by their own LP once proven; the last objective merges with the count."""
    stages, weights = search.stages, search.weights
    if params.lp_fixing and params.tie_break and search.duals is not None:
        for k in range(1, len(stages)):  # fewer tie-break blocks
            stages[k] = dataclasses.replace(
                stages[k], on_proven=search.fixer.later_proven(weights[k], deadline, FIX_SHARE)
            )
    if params.tie_break and search.problem.objectives:  # the last objective and the count
        search.scale = len(search.take) + 1
        search.stages = _merge_count(stages, search.take, weights, search.scale)


def _run(
    search: _Search, best: list[int], params: SolveParams, deadline: Deadline
) -> tuple[list[int], Status, int, bool]:
    """The lexicographic search from ``best``: (chosen, status, bound on objective 0, ties)."""
    problem, weights, n = search.problem, search.weights, len(search.take)

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        return tuple(sum(w[j] for j in range(n) if values[j]) for w in weights)

    if problem.objectives and params.engine != "cpsat":  # a branch and cut races CP-SAT
        delay = None if params.engine == "auto" else 0.0
        rival = search.rival or _rival(search, best, params, deadline, delay)
        search.stages[0] = dataclasses.replace(
            search.stages[0], rival=rival, cpsat=params.engine != "mip"
        )
    picked = set(best)
    outcome = solve_lexicographic(
        search.model,
        search.take,
        search.stages,
        evaluate,
        hint=[int(j in picked) for j in range(n)],
        prefer=search.fixer.free if params.tie_break else (),
        params=params,
        deadline=deadline,
    )
    chosen = [j for j in range(n) if outcome.values[j]]
    if not problem.objectives:
        return chosen, "optimal", 0, outcome.ties_proven
    if outcome.proven == 0:
        first = (search.scale if len(search.stages) == 1 else 0) or 1  # merged with the count
        status, bound = unproven(problem, chosen, outcome.bound, search.duals, first)
        return chosen, status, bound, False
    return chosen, "optimal", problem.value(chosen)[0], outcome.ties_proven


def _rival(
    search: _Search, best: list[int], params: SolveParams, deadline: Deadline, delay: float | None
) -> Rival:
    """The branch and cut of the first stage (the first objective, merged with the count
    when it is the only one and ties are broken), from ``best``."""
    from curriculum.solve.race import cover_rival  # a plan settled before needs none

    merged = params.tie_break and len(search.problem.objectives) == 1
    costs = search.weights[-2:] if merged else search.weights[:1]
    scale = len(search.take) + 1 if merged else 0
    fixed = search.fixer.fixed
    return cover_rival(search.problem, costs, scale, fixed, best, deadline, delay=delay)


def _core_solver(
    params: SolveParams,
) -> Callable[[CoverProblem, Deadline], tuple[list[int], bool]]:
    """The exact engine on a core sub-problem (:func:`.core_cover`): (its plan, proven),
    first objective only."""
    nested = dataclasses.replace(params, tie_break=False, cp_sat=(), engine="cpsat", walk=False)

    def solve(core: CoverProblem, until: Deadline) -> tuple[list[int], bool]:
        found = solve_cover(core, nested, until)
        return list(found.chosen), found.status == "optimal"

    return solve


def _merge_count(
    stages: list[Stage], take: Sequence[Any], weights: Sequence[Sequence[int]], scale: int
) -> list[Stage]:
    """The last objective and the count (the last two stages) as one: ``scale * objective + count``.

    The count of a cover is below ``scale``, so this orders covers exactly as the
    two stages do. Measured on a random 500 x 5,000 instance (costs 1-100): one
    CP-SAT search proves both in 15 s where the count stage alone, after the
    objective's 12 s, took 25-47 s (its LP bound, 67 against 88, is weak; the
    merged objective's LP is the objective's). The objective's ``on_proven``
    and then the count's are called with the two parts of the optimum.
    """
    last, count = stages[-2], stages[-1]
    merged = [scale * c + 1 for c in weights[-2]]

    def proven(value: int) -> None:
        optimum, columns = divmod(value, scale)
        if last.on_proven is not None:
            last.on_proven(optimum)
        if count.on_proven is not None:
            count.on_proven(columns)

    stage = Stage(
        cpsat.weighted_sum(take, merged), name=last.name, hint=last.hint, on_proven=proven
    )
    return [*stages[:-2], stage]


def hard(duals: Duals, value: int, rows: int = HARD_MAX_ROWS) -> bool:
    """Whether the gap is :func:`~.fixing.wide` on at most :data:`HARD_MAX_ROWS` ``rows``."""
    return rows <= HARD_MAX_ROWS and wide(duals, value)
