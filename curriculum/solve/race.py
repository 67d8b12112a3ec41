"""The branch-and-cut rivals of the first stages of covers and of max coverage (no OR-Tools).

:func:`cover_rival` turns a reduced cover problem into a
:data:`~curriculum.solve.lexicographic.Rival`: a function that minimises the first
stage with a MIP solver of the OR-Tools wheel (:mod:`curriculum.solve.mip`) while
CP-SAT searches the same stage (``SolveParams.engine``). When the first stage is
the last objective merged with the column count (``scale * objective + count``),
the rival solves the objective, then the count with the objective at its
optimum: two exact MIPs with small coefficients, rather than one whose values
(up to ``scale`` times larger) the solver's tolerances could blur.

:func:`coverage_rival` does the same for the max-coverage model of budgets
and the frontier (:mod:`curriculum.solve.coverage`), whose first stage is a
maximisation: the covered weight, or the weight merged with the primary
objective (``scale * weight - primary``), which the rival solves as the weight,
then the primary objective at that weight.

Answers are checked, not trusted: a solution that breaks a rule of the model
is dropped; a floating-point bound is rounded to an integer from a hair beyond
it (up for a lower bound, down for an upper one), and a proof is taken only
when the solution's exact value meets that rounded bound.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from curriculum.solve.coverage_start import fits
from curriculum.solve.lexicographic import Rival, RivalOutcome
from curriculum.solve.mip import (
    IntegerModel,
    MipOutcome,
    Row,
    requirement_rows,
    solve_cover_mip,
    solve_integer_mip,
)
from curriculum.solve.params import Deadline
from curriculum.solve.problem import CoverProblem
from curriculum.solve.stop import Stopper

RIVAL_DELAY = 0.3
"""Seconds the rival waits for CP-SAT's proof before it starts: most plans are proven
sooner (a team's member plans, OR-Library's family 4 in about 0.25 s on the loaded
2-core machine), and a MIP solver started on them only takes a core away."""

COVERAGE_DELAY: float | None = None
"""Seconds the max-coverage rival waits for CP-SAT's proof before it starts with
``engine="auto"``; ``None``: it does not race (CP-SAT alone; ``"mip"`` still runs it).
Chosen on the tuning seeds 1-2 of the budget families (``benchmarks/engines.py
--budget``; 20 s, load average 5.6-6.7 on 2 cores): the four families CP-SAT proves
took 9.47 s in all with the rival after 0.3 s, 6.60 s after 2 s, 6.77 s after 5 s
and 6.30 s with CP-SAT alone; on the 500 x 5,000 unicost family CP-SAT alone proved
one weight (659) that no race did. CBC was never faster than CP-SAT alone on a
budget there: a second solver only took a core away."""

MIP_ENGINE = "CBC"
"""The branch-and-cut engine that races CP-SAT (``benchmarks/engines.py`` measures
SCIP, CBC and HiGHS): CBC, run in a forked process that is killed at CP-SAT's proof,
at Ctrl-C or at the deadline. SCIP through ``pywraplp`` does not stop when asked:
``InterruptSolve()`` returns True and SCIP runs on to its time limit (measured with
OR-Tools 9.15 on a 300 x 3,000 unicost cover: asked to stop after 2 s, it ran 30 s),
so a Ctrl-C, or CP-SAT's proof, would wait for it. On the tuning seeds the two rivals
gave the same totals (OR-Library recipes 4-D: 17.33 s with CBC, 17.51 s with SCIP)."""


class BackgroundRival:
    """A rival started before its stage, while the start is still being improved.

    CP-SAT runs one worker unless told more (``SolveParams.workers``): a rival
    started early takes the other core (in a forked process, see
    :func:`~curriculum.solve.mip.solve_integer_mip`) while the start is improved
    (a team's neighbourhood search, a hard cover's core search; the row-weighting
    walk of a wide cover, :func:`~curriculum.solve.weighting.walk_rival`, is
    started the same way, beside the first walk), and is joined by the stage's race
    (:attr:`Stage.rival <curriculum.solve.lexicographic.Stage.rival>`): a proof by
    either engine stops the other; otherwise the better plan and the higher bound are kept.
    """

    def __init__(self, solve: Rival) -> None:
        self._keep: Sequence[int] | None = None
        self._own = Stopper()
        self._box: dict[str, RivalOutcome] = {}
        self._thread = threading.Thread(target=self._run, args=(solve,), name="background-rival")
        self._thread.daemon = True
        self._thread.start()

    def _run(self, solve: Rival) -> None:
        self._box["outcome"] = solve(self._own)

    @property
    def proven(self) -> bool:
        """Whether the rival has already proven its plan optimal."""
        outcome = self._box.get("outcome")
        return outcome is not None and outcome.optimum is not None

    def __call__(self, stopper: Stopper) -> RivalOutcome:
        """The race's side: wait for the rival (``stopper`` stops it too)."""
        stopper.add(self._own.stop)
        self._thread.join()
        outcome = self._box.get("outcome", RivalOutcome(None, None, -math.inf))
        if self._keep is None or outcome.values is None:
            return outcome
        values, keep = outcome.values, set(self._keep)
        if any(v for j, v in enumerate(values) if j not in keep):  # not a cover of the model
            return RivalOutcome(None, None, outcome.bound)
        return RivalOutcome(tuple(values[j] for j in self._keep), outcome.optimum, outcome.bound)

    def within(self, keep: Sequence[int]) -> BackgroundRival:
        """This rival, its plans renumbered to the model of the columns ``keep`` (started
        before the model lost the others: see :func:`curriculum.solve.fixing.restrict`)."""
        self._keep = keep
        return self

    def close(self) -> None:
        """Stop the rival, if it still runs, and wait for it."""
        self._own.stop()
        self._thread.join()


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


def _floor(bound: float) -> float:
    """The integer upper bound a floating-point one proves (a hair above it, rounded
    down); ``inf`` for none."""
    if not math.isfinite(bound):
        return math.inf
    return float(math.floor(bound + 1e-6 * max(1.0, abs(bound))))


@dataclass(frozen=True)
class CoverageModel:
    """The max-coverage model the rival solves: CP-SAT's, rule for rule.

    Its variables are CP-SAT's in the same order: ``take[j]`` per column, then
    ``cov[i]`` per item (1 only when a taken column covers ``i``).

    Attributes
    ----------
    problem, weights, limits
        Columns and items, item weights, limits per objective (``None``: none).
    primary
        The objective merged with the weight when ``scale`` is set.
    scale
        The joint stage's multiplier (``scale * weight - primary``), or ``None``
        when the stage is the weight alone.
    weight_cap
        A weight no selection may exceed (``None``: none).
    fixed
        Variables fixed (reduced-cost fixing): index into ``take + cov`` -> 0 or 1.
    """

    problem: CoverProblem
    weights: Sequence[int]
    limits: Sequence[int | None]
    primary: int = 0
    scale: int | None = None
    weight_cap: int | None = None
    fixed: Mapping[int, int] | None = None

    def binary(self) -> IntegerModel:
        """The 0-1 model (objective: the covered weight, maximised)."""
        p, n = self.problem, len(self.problem.columns)
        rows: list[Row] = [
            ([n + i, *cols], [1.0] + [-1.0] * len(cols), -math.inf, 0.0)
            for i, cols in enumerate(p.coverers())
        ]
        rows += requirement_rows(p.requires)
        for objective, limit in zip(p.objectives, self.limits, strict=False):
            if limit is not None:
                index = [j for j, c in enumerate(objective) if c]
                rows.append((index, [float(objective[j]) for j in index], -math.inf, limit))
        if self.weight_cap is not None:
            rows.append(self.weight_row(-math.inf, self.weight_cap))
        fixed = self.fixed or {}
        zero = frozenset(k for k, v in fixed.items() if not v)
        one = frozenset(p.forced) | {k for k, v in fixed.items() if v}
        gain = [0.0] * n + [float(w) for w in self.weights]
        return IntegerModel(n + len(p.items), rows, gain, True, zero, one)

    def weight_row(self, lo: float, hi: float) -> Row:
        """The row ``lo <= covered weight <= hi``."""
        n = len(self.problem.columns)
        index = [i for i, w in enumerate(self.weights) if w]
        return [n + i for i in index], [float(self.weights[i]) for i in index], lo, hi

    def weight(self, values: Sequence[int] | None) -> int | None:
        """The weight ``values`` cover when they meet every rule of the model, else ``None``."""
        p, n = self.problem, len(self.problem.columns)
        if values is None or len(values) != n + len(p.items) or set(values) - {0, 1}:
            return None
        chosen = {j for j in range(n) if values[j]}
        covered = {i for j in chosen for i in p.covers[j]}
        fixed = self.fixed or {}
        if (
            not p.forced <= chosen
            or any(values[k] != v for k, v in fixed.items())
            or not p.meets_requirements(chosen)
            or not fits(p.value(chosen), self.limits)
            or any(values[n + i] and i not in covered for i in range(len(p.items)))
        ):
            return None
        weight = sum(w for i, w in enumerate(self.weights) if values[n + i])
        return None if self.weight_cap is not None and weight > self.weight_cap else weight

    def least_primary(self) -> int:
        """A lower bound on the primary objective (its negative costs)."""
        return sum(min(0, c) for c in self.problem.objectives[self.primary])


def coverage_rival(
    spec: CoverageModel,
    hint: Sequence[int] | None,
    deadline: Deadline,
    engine: str | None = None,
    delay: float = 0.0,
) -> Rival:
    """A rival for the first (maximised) stage of the max-coverage model ``spec``.

    Parameters
    ----------
    hint
        A solution of the model (``take + cov`` values), the MIP's start; or ``None``.
    deadline, engine
        As for :func:`cover_rival`.
    delay
        Seconds to wait for a proof by CP-SAT before starting (0: at once).
    """
    engine = engine or MIP_ENGINE
    model = spec.binary()

    def solve(stopper: Stopper) -> RivalOutcome:
        if delay and stopper.wait(delay):
            return RivalOutcome(None, None, math.inf)
        found = solve_integer_mip(
            model, engine=engine, deadline=deadline, hint=hint, stopper=stopper
        )
        weight, upper = spec.weight(found.values), _floor(found.bound)
        values = None if weight is None else found.values
        proven = weight is not None and found.proven and weight >= upper
        if spec.scale is None:
            return RivalOutcome(values, weight if proven else None, upper)
        top = spec.scale * upper - spec.least_primary()  # scale * weight - primary
        if weight is None or not proven:
            return RivalOutcome(values, None, top)
        return _primary_at(spec, model, weight, values, engine, deadline, stopper)

    return solve


def _primary_at(
    spec: CoverageModel,
    model: IntegerModel,
    weight: int,
    start: Sequence[int] | None,
    engine: str,
    deadline: Deadline,
    stopper: Stopper,
) -> RivalOutcome:
    """The joint stage's second half: the least primary objective at the proven ``weight``."""
    assert spec.scale is not None
    n = len(spec.problem.columns)
    primary = spec.problem.objectives[spec.primary]
    costs = [float(c) for c in primary] + [0.0] * (model.size - n)
    rows = [*model.rows, spec.weight_row(weight, weight)]
    at_weight = IntegerModel(model.size, rows, costs, False, model.zero, model.one)
    found = solve_integer_mip(
        at_weight, engine=engine, deadline=deadline, hint=start, stopper=stopper
    )
    values = found.values if spec.weight(found.values) == weight else None
    least = max(spec.least_primary(), _ceil_signed(found.bound))
    if values is None:
        return RivalOutcome(
            None if start is None else tuple(start), None, float(spec.scale * weight - least)
        )
    value = sum(primary[j] for j in range(n) if values[j])
    joint = spec.scale * weight - value
    if found.proven and value <= least:
        return RivalOutcome(values, joint, float(joint))
    return RivalOutcome(values, None, float(spec.scale * weight - least))


def _ceil_signed(bound: float) -> int | float:
    """The integer lower bound a floating-point one proves; ``-inf`` for none."""
    if not math.isfinite(bound):
        return -math.inf
    return math.ceil(bound - 1e-6 * max(1.0, abs(bound)))
