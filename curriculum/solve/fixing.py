"""Reduced-cost fixing for the set-cover engine, for every stage (exact arithmetic).

:func:`lp_duals` bounds one objective over the covers that meet limits on the
earlier ones (their proven optima), from the LP relaxation's dual prices, and
gives each column's reduced cost; :class:`StageFixer` fixes to 0 the columns
that these bounds prove to be in no optimal cover, stage after stage, and keeps
the set of fixed columns, so that the tie-break only decides the others.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from curriculum.solve import cpsat
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem

SCALE = 1 << 24  # duals rounded down to multiples of 1 / SCALE: exact integers

Duals = tuple[Fraction, list[Fraction]]


def lp_duals(
    problem: CoverProblem,
    costs: Sequence[int],
    limits: Sequence[tuple[Sequence[int], int]] = (),
    deadline: Deadline = NO_DEADLINE,
    prices: list[float] | None = None,
) -> Duals | None:
    """A lower bound on ``costs`` over covers within ``limits``, and each column's reduced cost.

    For dual prices ``y >= 0`` on the items and ``mu >= 0`` on the limit rows
    ``a.x <= b``, every such cover ``x`` has ``costs.x >= costs.x + sum(mu (a.x -
    b)) >= sum(y) - sum(mu b) + sum(rc[j] x[j])`` with ``rc[j] = costs[j] +
    sum(mu a[j]) - sum(y[i] for i in column j)``; so every such cover taking
    column ``k`` costs at least ``base + max(rc[k], 0)``, where ``base`` adds the
    negative reduced costs. This holds for any ``y, mu >= 0``: they are taken
    from GLOP's duals, rounded down to multiples of ``1 / SCALE``, and the rest
    is computed in integers, so LP tolerances can weaken the bound, never make
    it wrong.

    Returns
    -------
    tuple or None
        ``(base, rc)``, or ``None`` when GLOP does not return an optimum before
        ``deadline``. GLOP's item prices are
        appended to ``prices`` when it is given (for the dual-guided start).
    """
    left = deadline.remaining()
    if left is not None and left <= 0:
        return None
    duals = cpsat.covering_lp_duals(problem.coverers(), costs, left, limits)
    if duals is None:
        return None
    m = len(problem.items)
    if prices is not None:
        prices.extend(duals[:m])
    y = [max(0, math.floor(d * SCALE)) for d in duals[:m]]
    mu = [math.floor(abs(d) * SCALE) for d in duals[m:]]  # >= 0 whatever GLOP's sign
    rc = [costs[j] * SCALE - sum(y[i] for i in col) for j, col in enumerate(problem.covers)]
    for (a, _), weight in zip(limits, mu, strict=True):
        if weight:
            rc = [r + weight * a[j] for j, r in enumerate(rc)]
    base = sum(y) - sum(w * b for (_, b), w in zip(limits, mu, strict=True))
    base += sum(r for r in rc if r < 0)
    return Fraction(base, SCALE), [Fraction(r, SCALE) for r in rc]


class StageFixer:
    """Fixes columns to 0 in a CP-SAT cover model and remembers which.

    Parameters
    ----------
    model, take
        The model and its column variables.
    problem
        The (reduced) cover problem the model encodes.
    """

    def __init__(self, model: Any, take: Sequence[Any], problem: CoverProblem) -> None:
        self.model = model
        self.take = take
        self.problem = problem
        self.fixed: set[int] = set()
        self.limits: list[tuple[Sequence[int], int]] = []

    def fix_above(self, duals: Duals, upper: int) -> None:
        """Fix to 0 the columns in no cover of value at most ``upper`` (by ``duals``)."""
        base, rc = duals
        above = max(upper - base, Fraction(0))  # base + r > upper, with r > 0
        top, bottom = above.numerator, above.denominator
        for j, r in enumerate(rc):  # r > above, in integers (a Fraction comparison is slow)
            if (
                r.numerator * bottom > top * r.denominator
                and j not in self.problem.forced
                and j not in self.fixed
            ):
                self.model.add(self.take[j] == 0)
                self.fixed.add(j)

    def proven(self, costs: Sequence[int], optimum: int, deadline: Deadline) -> None:
        """A stage minimising ``costs`` is proven at ``optimum``: fix by its own LP.

        The LP bounds ``costs`` over the covers within the earlier stages'
        optima; afterwards this stage's optimum becomes a limit of the next.
        Skipped when every column left would fit in one tie-break block anyway.
        """
        from curriculum.solve.lexicographic import TIE_BLOCK

        if len(self.take) - len(self.fixed) > TIE_BLOCK:
            duals = lp_duals(self.problem, costs, self.limits, deadline)
            if duals is not None:
                self.fix_above(duals, optimum)
        self.limits.append((costs, optimum))

    def free(self) -> list[int]:
        """The columns not fixed to 0, in order."""
        return [j for j in range(len(self.take)) if j not in self.fixed]
