"""The first objective's relaxation: a proven bound and reduced costs, within a time share.

:func:`relaxation_bound` runs the Lagrangian subgradient (:mod:`.lagrange`) and the LP
(GLOP, :func:`lp_fixing`) in the order measured to be faster for the size, and keeps
the higher exact bound, each phase within its part of the deadline.
"""

from __future__ import annotations

import math
from fractions import Fraction

from curriculum.solve.fixing import Duals, lp_duals
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem

LAGRANGE_FIRST = 10_000  # columns from which the subgradient runs before the LP (slower there)
LAGRANGE_SHARE = 0.1  # subgradient steps first: a bound the LP's time-out cannot take away
LP_SHARE = 0.7  # the rest is CP-SAT's; on large instances the LP is the better bound


def relaxation_bound(
    problem: CoverProblem, upper: int, deadline: Deadline
) -> tuple[Duals | None, list[float]]:
    """The best proven bound of the first objective's relaxation: (duals, item prices).

    From :data:`LAGRANGE_FIRST` columns, subgradient steps on the Lagrangian come
    first (:mod:`.lagrange`: vectorised, near the LP bound in a few tenths of a
    second, kept whatever happens next), then the LP (GLOP) in its share of the
    time; the duals with the higher exact bound win, so the bound is never lost to
    the time split. Below, the LP is fast: it runs first, and the subgradient only
    when the LP gives no answer in time. ``(None, [])`` when neither gives one.
    """
    from curriculum.solve.lagrange import subgradient

    duals: Duals | None = None
    prices: list[float] = []
    if len(problem.columns) >= LAGRANGE_FIRST:
        found = subgradient(problem, upper, deadline.part(LAGRANGE_SHARE))
        if found is not None:
            duals, prices = found
            if math.ceil(duals[0]) >= upper:
                return duals, prices  # the start is proven optimal: no LP needed
    lp_prices: list[float] = []
    lp = lp_fixing(problem, deadline.part(LP_SHARE), lp_prices)
    if lp is not None and (duals is None or lp[0] >= duals[0]):
        return lp, lp_prices
    if duals is None and len(problem.columns) < LAGRANGE_FIRST:
        found = subgradient(problem, upper, deadline.part(0.5))
        if found is not None:
            duals, prices = found
    return duals, prices


def lp_fixing(
    problem: CoverProblem, deadline: Deadline = NO_DEADLINE, prices: list[float] | None = None
) -> tuple[Fraction, list[Fraction]] | None:
    """A lower bound on the first objective and each column's reduced cost.

    Solves the LP relaxation (GLOP) for dual prices ``y >= 0`` on the items. For
    any such ``y`` and any cover ``x``, ``c.x >= sum(y) + sum(rc[j] x[j])`` with
    ``rc[j] = c[j] - sum(y[i] for i in column j)``; so every cover taking column
    ``k`` costs at least ``base + max(rc[k], 0)`` where ``base = sum(y) + sum of
    the negative rc``. The bound holds for any ``y >= 0``, so it is computed in
    exact arithmetic from the LP's floating-point duals (rounded down to
    multiples of ``2**-24``, computed in integers): tolerances of the LP solver
    can weaken it, never make it wrong.

    Returns
    -------
    tuple or None
        ``(base, rc)``, or ``None`` when GLOP does not return an optimum
        (before ``deadline``). The LP's item prices
        are appended to ``prices`` when it is given.
    """
    return lp_duals(problem, problem.objectives[0], (), deadline, prices)
