"""The branch-and-cut rival of the set-cover engine's first stage (no OR-Tools import).

:func:`cover_rival` turns a reduced cover problem into a
:data:`~curriculum.solve.lexicographic.Rival`: a function that minimises the first
stage with a MIP solver of the OR-Tools wheel (:mod:`curriculum.solve.mip`) while
CP-SAT searches the same stage (``SolveParams.engine``). When the first stage is
the last objective merged with the column count (``scale * objective + count``),
the rival solves the objective, then the count with the objective at its
optimum: two exact MIPs with small coefficients, rather than one whose values
(up to ``scale`` times larger) the solver's tolerances could blur.

Its answer is checked, not trusted: a solution that is not a cover is dropped,
and a floating-point bound is rounded up only from a hair below.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from curriculum.solve.lexicographic import Rival, RivalOutcome
from curriculum.solve.mip import MipOutcome, solve_cover_mip
from curriculum.solve.params import Deadline
from curriculum.solve.problem import CoverProblem
from curriculum.solve.stop import Stopper

RIVAL_DELAY = 0.3
"""Seconds the rival waits for CP-SAT's proof before it starts: most plans are proven
sooner (a team's member plans, OR-Library's family 4 in about 0.25 s on the loaded
2-core machine), and a MIP solver started on them only takes a core away."""

MIP_ENGINE = "CBC"
"""The branch-and-cut engine that races CP-SAT (``benchmarks/engines.py`` measures
SCIP, CBC and HiGHS): CBC, run in a forked process that is killed at CP-SAT's proof,
at Ctrl-C or at the deadline. SCIP through ``pywraplp`` does not stop when asked:
``InterruptSolve()`` returns True and SCIP runs on to its time limit (measured with
OR-Tools 9.15 on a 300 x 3,000 unicost cover: asked to stop after 2 s, it ran 30 s),
so a Ctrl-C, or CP-SAT's proof, would wait for it. On the tuning seeds the two rivals
gave the same totals (OR-Library recipes 4-D: 17.33 s with CBC, 17.51 s with SCIP)."""


def cover_rival(
    problem: CoverProblem,
    costs: Sequence[Sequence[int]],
    scale: int,
    fixed: Collection[int],
    hint: Sequence[int],
    deadline: Deadline,
    engine: str | None = None,
    delay: float | None = None,
) -> Rival:
    """A rival for the first stage of ``problem``'s cover model.

    Parameters
    ----------
    costs
        The first stage's objective, or (objective, count) when merged.
    scale
        The merge's multiplier (the stage is ``scale * costs[0] + costs[1]``).
    fixed
        Columns fixed to 0 (reduced-cost fixing), at the time the race starts.
    hint
        The columns of the best cover known (the MIP's first incumbent).
    deadline
        When the rival stops (the solve's: a Ctrl-C stops it too).
    engine
        The MIP solver (default :data:`MIP_ENGINE`).
    delay
        Seconds to wait for a proof by CP-SAT before starting (default
        :data:`RIVAL_DELAY`; 0 when alone: at once).
    """
    engine = engine or MIP_ENGINE
    delay = RIVAL_DELAY if delay is None else delay
    coverers = problem.coverers()
    zero = sorted(fixed)
    n = len(problem.columns)

    def solve(stopper: Stopper) -> RivalOutcome:
        if delay and stopper.wait(delay):
            return RivalOutcome(None, None, -math.inf)
        equal: list[tuple[Sequence[int], int]] = []
        start: Sequence[int] = hint
        values: tuple[int, ...] | None = None
        total = 0
        for k, objective in enumerate(costs):
            found = solve_cover_mip(
                coverers,
                objective,
                engine=engine,
                deadline=deadline,
                fixed_zero=zero,
                forced=sorted(problem.forced),
                requires=problem.requires,
                hint=start,
                equal=equal,
                stopper=stopper,
            )
            chosen = _cover(problem, found)
            if chosen is not None:
                values = tuple(int(j in chosen) for j in range(n))
                start = sorted(chosen)
            multiplier = scale if k + 1 < len(costs) else 1
            if chosen is None or not found.proven:  # a bound: any cover's later part is >= 0
                return RivalOutcome(values, None, float(total + _ceil(found.bound) * multiplier))
            value = sum(objective[j] for j in chosen)
            total += value * multiplier
            equal.append((objective, value))
        return RivalOutcome(values, total, float(total))

    return solve


def _cover(problem: CoverProblem, found: MipOutcome) -> set[int] | None:
    """The MIP's columns when they form a cover of ``problem``, else ``None``."""
    if found.values is None:
        return None
    chosen = {j for j, v in enumerate(found.values) if v}
    return chosen if problem.is_cover(chosen) else None


def _ceil(bound: float) -> int:
    """The integer bound a floating-point one proves (a hair below it, rounded up)."""
    if not math.isfinite(bound):
        return 0
    return max(0, math.ceil(bound - 1e-6 * max(1.0, abs(bound))))
