"""The exact LP bound of the max-coverage model and the variables it fixes.

GLOP's duals (:func:`curriculum.solve.cpsat.coverage_lp_duals`) guide the
multipliers; the bound itself is computed in integers, so LP tolerances weaken
it, never make it false. Used by :mod:`curriculum.solve.coverage` (budgets) and
the frontier.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction

from curriculum.solve import cpsat
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem

Limits = Sequence[int | None]


@dataclass(frozen=True)
class CoverageLP:
    """An exact upper bound on the weight within the limits, and its reduced costs.

    For any multipliers ``u >= 0`` (items) and ``lam >= 0`` (limits), every
    selection within the limits covers at most ``upper`` weight, and at most
    ``upper - abs(column_rc[j])`` when column ``j`` is on the side its reduced
    cost does not favour (taken when ``rc < 0``, left when ``rc > 0``), likewise
    ``upper - abs(item_rc[i])`` for items. The multipliers come from GLOP's
    duals, but the arithmetic is exact: LP tolerances weaken the bound, never
    make it false. The fields are integers in units of ``1 / scale``.
    """

    scaled_upper: int
    column_rc: tuple[int, ...]
    item_rc: tuple[int, ...]
    scale: int = 1

    @property
    def upper(self) -> Fraction:
        """The bound on the weight."""
        return Fraction(self.scaled_upper, self.scale)


def coverage_lp(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    deadline: Deadline = NO_DEADLINE,
) -> CoverageLP | None:
    """The LP bound of the max-coverage model (see :class:`CoverageLP`), or ``None``."""
    left = deadline.remaining()
    if left is not None and left <= 0:
        return None
    coverers = problem.coverers()
    duals = cpsat.coverage_lp_duals(
        coverers, weights, problem.objectives, limits, sorted(problem.forced), left
    )
    if duals is None:
        return None
    best: CoverageLP | None = None
    for sign in (1, -1):  # whatever GLOP's sign convention, each choice is a valid bound
        lp = _exact_bound(problem, weights, limits, duals, sign)
        if best is None or lp.scaled_upper * best.scale < best.scaled_upper * lp.scale:
            best = lp
    return best


LP_SCALE = 1 << 24  # multipliers are rounded down to multiples of 1 / LP_SCALE


def _exact_bound(
    problem: CoverProblem,
    weights: Sequence[int],
    limits: Limits,
    duals: tuple[Sequence[float], Sequence[float]],
    sign: int,
) -> CoverageLP:
    """The bound of the multipliers ``max(0, sign * dual)``, rounded down to ``1 / LP_SCALE``.

    Rounding keeps the multipliers non-negative, so the bound stays valid; the
    arithmetic is in integers scaled by ``LP_SCALE`` (exact, and much faster
    than fractions).
    """
    scale = LP_SCALE
    u = [max(0, math.floor(sign * d * scale)) for d in duals[0]]
    lam = [max(0, math.floor(sign * d * scale)) for d in duals[1]]
    item_rc = [w * scale - u[i] for i, w in enumerate(weights)]
    priced = [(k, lam[k], obj) for k, obj in enumerate(problem.objectives[: len(lam)]) if lam[k]]
    column_rc = [
        sum(u[i] for i in col) - sum(price * obj[j] for _, price, obj in priced)
        for j, col in enumerate(problem.covers)
    ]
    upper = sum(lam[k] * limit for k, limit in enumerate(limits[: len(lam)]) if limit is not None)
    upper += sum(r for r in item_rc if r > 0)
    upper += sum(r for j, r in enumerate(column_rc) if r > 0 or j in problem.forced)
    return CoverageLP(upper, tuple(column_rc), tuple(item_rc), scale)


def lp_fixings(lp: CoverageLP, floor: int, forced: Collection[int]) -> dict[int, int]:
    """What can be in no selection covering at least ``floor``: variable -> its value.

    Variables are numbered as the model's, ``take[j]`` then ``cov[i]``.
    """
    fixed, least = {}, lp.scaled_upper - floor * lp.scale  # fix when abs(rc) > least
    for j, r in enumerate(lp.column_rc):
        if r and j not in forced and abs(r) > least:
            fixed[j] = int(r > 0)
    n = len(lp.column_rc)
    for i, r in enumerate(lp.item_rc):
        if r and abs(r) > least:
            fixed[n + i] = int(r > 0)
    return fixed
