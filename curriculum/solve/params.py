"""The one parameter object of every solving command (no OR-Tools import)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ENGINES = ("auto", "cpsat", "mip")
"""The values of ``SolveParams.engine`` (and of the commands' ``--engine``)."""


@dataclass(frozen=True)
class SolveParams:
    """How to run the solver; the same meaning in ``plan``, budgets, ``frontier`` and ``team``.

    Attributes
    ----------
    time_limit
        Seconds for the whole solve; ``None`` for no limit.
    workers
        CP-SAT search workers, the same in every command. 0 (the default) and 1
        both mean one worker with the full LP relaxation (``linearization_level
        = 2``). N >= 2 means CP-SAT's portfolio of N workers plus one ``max_lp``
        worker, which alone runs the full LP: set for every worker, it kept two
        workers from proving scp61, scp65, scpa1 or scpb1 in 30 s, or the
        budgeted team plan of ``examples/`` in 60 s. Measured on 2 cores, one
        worker was about as fast as two, or faster, on the OR-Library, the
        whole-standard frontier and team plans (``benchmarks/team_bench.py``, 10
        members: 3.7 s with one, 4.1 s with two, 15.6 s with eight). The answer
        does not depend on it whenever optimality is proven.
    seed
        CP-SAT's random seed.
    tie_break
        Break ties between equally good plans by column count and order. Turning
        it off solves the objectives only (benchmarks of the optimum value).
    presolve
        Apply the exact reductions of :mod:`curriculum.solve.presolve` first.
    cp_sat
        Extra CP-SAT parameters as ``(name, value)`` pairs, set last (used by
        the benchmarks to compare configurations).
    search_columns
        Reduced problems with at most this many columns are first solved by the
        exact depth-first search of :mod:`curriculum.solve.dfs` (no CP-SAT
        start-up), which falls back to CP-SAT past its node budget; 0 turns it off.
    start
        How the greedy + local-search start is given to CP-SAT for the first
        objective: ``"bound"`` (default) constrains the objective to at most the
        start's value, ``"hint"`` passes it as a solution hint, ``"bound+hint"``
        both, ``"none"`` neither. Measured on the OR-Library families 6, A and B
        (``benchmarks/tune_cpsat.py``), the bound was fastest and the hint the
        slowest. Later stages (cost, count, order) are always hinted with the
        previous stage's optimum, which is feasible for them.
    lp_fixing
        Before CP-SAT, drop the columns that the LP relaxation's duals prove to
        be in no cover as good as the greedy start (reduced-cost fixing, see
        :func:`curriculum.solve.cover.lp_fixing`), and again, for the tie-break
        stages, those in no optimal cover; each later stage (cost, count)
        proven fixes by its own LP (:mod:`curriculum.solve.fixing`), and the
        tie-break decides only the columns left free. The LP's prices also
        guide a second start (:mod:`curriculum.solve.dual_start`).
    engine
        Who searches the least-hours cover's first objective once the exact
        depth-first search has not settled it: ``"auto"`` (default) races CP-SAT
        against a branch-and-cut MIP solver of the OR-Tools wheel
        (:mod:`curriculum.solve.race`) in two threads, the first proof stopping
        the other; ``"cpsat"`` and ``"mip"`` run one of them. The later stages
        (tie-breaks) always run on CP-SAT from the proven optimum, so the answer
        does not depend on which engine proved it.
    """

    time_limit: float | None = None
    workers: int = 0
    seed: int = 0
    tie_break: bool = True
    presolve: bool = True
    cp_sat: tuple[tuple[str, Any], ...] = ()
    start: str = "bound"
    search_columns: int = 64
    lp_fixing: bool = True
    engine: str = "auto"

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
