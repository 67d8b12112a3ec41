"""A Lagrangian bound for set cover by subgradient steps, checked in exact arithmetic.

For prices ``u >= 0`` on the items, every cover ``x`` costs
``c.x >= sum(u) + sum(rc[j] x[j]) >= sum(u) + sum(min(rc, 0))`` with
``rc = c - A'u`` (the reduced costs): any ``u >= 0`` proves a lower bound, and
the bound at the best ``u`` equals the LP relaxation's. Subgradient steps
(Held-Karp with Beasley's step rule) move ``u`` towards that best in a few
hundred vectorised passes, with no LP solver: the bound is known early and
cannot be lost when the LP runs out of time, and every improving ``u`` is
re-checked in integers (prices rounded down to multiples of ``1 / SCALE``), so
floating point can weaken the bound, never make it wrong.

numpy is used here (a dependency of OR-Tools, and so installed with it); it is
imported inside the functions so that plans that never reach this module do
not pay for it.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from curriculum.solve.fixing import SCALE, Duals
from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem


class Incidence:
    """The columns' items as flat numpy arrays (column-major), for vectorised sums.

    Attributes
    ----------
    rows
        The item index of every (column, item) entry, column after column.
    cols
        The column index of every entry.
    starts
        Where each column's entries start in ``rows``.
    sizes
        Each column's number of items.
    """

    def __init__(self, problem: CoverProblem) -> None:
        import numpy as np

        self.m = len(problem.items)
        self.n = len(problem.columns)
        sizes = np.fromiter((len(c) for c in problem.covers), dtype=np.int64, count=self.n)
        self.sizes = sizes
        self.rows = np.fromiter(
            (i for col in problem.covers for i in col), dtype=np.int64, count=int(sizes.sum())
        )
        self.cols = np.repeat(np.arange(self.n, dtype=np.int64), sizes)
        self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)

    def column_sums(self, values: Any) -> Any:
        """``A'v``: the sum of ``values`` over each column's items (exact for integers)."""
        import numpy as np

        sums = np.zeros(self.n, dtype=values.dtype)
        filled = self.sizes > 0  # reduceat needs increasing starts: empty columns left out
        if filled.any():
            sums[filled] = np.add.reduceat(values[self.rows], self.starts[filled])
        return sums

    def row_counts(self, chosen: Any) -> Any:
        """``Ax``: how many chosen columns (a Boolean array) cover each item."""
        import numpy as np

        return np.bincount(self.rows[chosen[self.cols]], minlength=self.m)


def exact_bound(incidence: Incidence, costs: Any, prices: Any) -> Duals:
    """The bound ``(base, rc)`` proven by ``prices`` (floats, clipped at 0), in integers."""
    import numpy as np

    y = np.floor(np.maximum(prices, 0.0) * SCALE).astype(np.int64)
    rc = costs.astype(np.int64) * SCALE - incidence.column_sums(y)
    base = int(y.sum()) + int(rc[rc < 0].sum())
    return Fraction(base, SCALE), [Fraction(int(r), SCALE) for r in rc]


def subgradient(
    problem: CoverProblem,
    upper: int,
    deadline: Deadline = NO_DEADLINE,
    iterations: int = 600,
    start: Any = None,
) -> tuple[Duals, list[float]] | None:
    """The best Lagrangian bound found by subgradient steps on the first objective.

    Parameters
    ----------
    problem
        A cover problem without forced columns (a reduced one).
    upper
        The value of a known cover (the step size aims at it).
    deadline
        When to stop (the best bound so far stands).
    iterations
        At most this many steps.
    start
        Initial prices (e.g. an LP's duals); by default each item's cheapest
        cost per item among its columns.

    Returns
    -------
    tuple or None
        ``((base, rc), prices)``: the exact bound and reduced costs of the best
        prices found, and those prices; ``None`` for an empty problem.
    """
    import numpy as np

    if not problem.items or not problem.columns or not problem.objectives:
        return None
    inc = Incidence(problem)
    costs = np.asarray(problem.objectives[0], dtype=np.float64)
    if start is None:
        ratio = costs[inc.cols] / inc.sizes[inc.cols]
        u = np.full(inc.m, np.inf)
        np.minimum.at(u, inc.rows, ratio)
    else:
        u = np.maximum(np.asarray(start, dtype=np.float64), 0.0)
    best_u, best = u.copy(), -math.inf
    step, stale = 2.0, 0
    for k in range(iterations):
        if k % 8 == 0 and deadline.expired():
            break
        rc = costs - inc.column_sums(u)
        take = rc < 0
        value = float(u.sum() + rc[take].sum())
        if value > best + 1e-9:
            best, best_u, stale = value, u.copy(), 0
        else:
            stale += 1
            if stale >= 20:
                step, stale = step / 2, 0
                if step < 1e-4:
                    break
        if math.ceil(best - 1e-6) >= upper:
            break  # the bound already meets the cover: nothing left to prove
        gradient = 1.0 - inc.row_counts(take)
        gradient[(u <= 0) & (gradient < 0)] = 0.0
        norm = float(gradient @ gradient)
        if norm == 0:
            break  # the Lagrangian solution is a cover: u is optimal
        u = np.maximum(u + step * max(upper - value, 1e-3 * upper) / norm * gradient, 0.0)
    return exact_bound(inc, costs, best_u), best_u.tolist()
