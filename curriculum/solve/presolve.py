"""Exact reductions of a weighted set-cover problem before it is modelled.

:func:`reduce_cover` shrinks a :class:`~curriculum.problem.CoverProblem` without
changing its answer, tie-breaks included (objectives in order, then fewer
columns, then the lexicographically smallest sorted column list):

* **forced columns**: a column that is the only coverer of an item is in every
  cover; the items it covers are then satisfied and dropped;
* **dominated items**: when every column covering item ``a`` also covers item
  ``b``, covering ``a`` covers ``b``, so ``b`` is dropped (of two items with the
  same coverers, the later one is dropped);
* **dominated columns**: column ``j`` is dropped when another column ``k``
  covers every remaining item ``j`` covers, is no worse on every objective, and
  is either strictly better on one objective or earlier in column order.
  Swapping ``j`` for ``k`` in any cover then gives a cover that is at least as
  good on the objectives and on the column count, and strictly better on the
  tie-break, so ``j`` is never in the answer. A column covering no remaining
  item is dropped likewise (removing it leaves fewer columns).

The three rules are applied until nothing changes. Column indices keep their
relative order in the reduced problem, and forced columns are common to every
cover, so the reduced problem's tie-break order is the original one.

Without the tie-break (``tie_break=False``: only the objectives matter) a
column is also dropped for an equal, later-indexed or not, column; the optimum
of the objectives is unchanged, but which of two equal plans is returned may
differ.

With prerequisites (``problem.requires``) the rules are restricted so that they
stay exact: a column only a requirement of a kept column names is never dropped
(a column covering nothing is dropped only when no kept column needs it); a
column is dominated only when neither it nor its dominator has requirements
and no kept column names it; a forced column stays in the reduced problem, as a
forced column, so that its requirements are still imposed (the sole
alternative of a forced column's requirement is forced too).

These rules are valid for this model only (cover every item, objectives summed
over the chosen columns, all non-negative): a max-coverage or team model needs
reductions of its own.

Sets are Python integers used as bit sets, which keeps the pairwise tests fast
on the OR-Library's 3,000-column instances.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from curriculum.solve.params import NO_DEADLINE, Deadline
from curriculum.solve.problem import CoverProblem


@dataclass(frozen=True)
class Reduction:
    """A reduced problem and how to map its answer back.

    Attributes
    ----------
    problem
        The reduced problem (``None`` when every item is satisfied by the
        forced columns, so that nothing is left to solve).
    columns
        For each column of the reduced problem, its index in the original.
    fixed
        Original indices of the columns in every cover (forced ones).
    """

    problem: CoverProblem | None
    columns: tuple[int, ...]
    fixed: tuple[int, ...]

    def expand(self, chosen: list[int] | tuple[int, ...]) -> list[int]:
        """Original column indices of a solution of the reduced problem."""
        return sorted({*self.fixed, *(self.columns[j] for j in chosen)})


def _bits(indices: list[int] | tuple[int, ...]) -> int:
    mask = 0
    for i in indices:
        mask |= 1 << i
    return mask


def _members(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _dominated_rows(
    live_rows: list[int], row_cols: dict[int, list[int]], late: Callable[[int], bool]
) -> set[int]:
    """Rows ``b`` with the coverers of an earlier-kept row ``a`` among theirs."""
    sets = {i: frozenset(cols) for i, cols in row_cols.items()}
    order = sorted(live_rows, key=lambda i: (len(sets[i]), i))
    dropped: set[int] = set()
    for pos, a in enumerate(order):
        if late(pos + 1):
            break
        if a in dropped:
            continue
        ca = sets[a]
        for b in order[pos + 1 :]:
            if b not in dropped and ca <= sets[b]:
                dropped.add(b)
    return dropped


def reduce_cover(
    problem: CoverProblem, *, tie_break: bool = True, deadline: Deadline = NO_DEADLINE
) -> Reduction:
    """Apply the exact reductions described in the module docstring.

    Parameters
    ----------
    problem
        The problem to reduce.
    tie_break
        Keep the tie-break answer (fewer columns, then column order) unchanged.
        ``False`` keeps only the objectives' optimum, which allows dropping
        one of two equal columns whatever their order.
    deadline
        When to stop reducing: every reduction made
        so far is kept (each is exact on its own), the rest is left to the solver.

    Returns
    -------
    Reduction
        The reduced problem and the mapping back to the original columns.
    """
    n = len(problem.columns)
    loaded = n >= LARGE_LOADED and "numpy" in sys.modules
    if (n >= LARGE or loaded) and not problem.requires:
        return _reduce_large(problem, tie_break, deadline)
    fixed: set[int] = set(problem.forced)
    alive_cols: set[int] = set(range(n)) - fixed
    col_bits = [_bits(c) for c in problem.covers]  # over items: at most a few hundred bits
    rows = (1 << len(problem.items)) - 1
    for j in fixed:
        rows &= ~col_bits[j]

    def late(step: int) -> bool:
        return step % 64 == 0 and deadline.expired()

    all_coverers = problem.coverers()
    requires = problem.requires
    changed = True
    while changed and not late(0):
        live_rows = _members(rows)
        # Alive coverers of each remaining row.
        row_cols = {i: [j for j in all_coverers[i] if j in alive_cols] for i in live_rows}
        rows, changed = _force_sole(row_cols, alive_cols, fixed, rows, col_bits)
        rows, changed = _force_alternatives(requires, fixed, alive_cols, rows, col_bits, changed)
        if changed:
            continue
        # Dominated rows: coverers(a) ⊆ coverers(b) → covering a covers b.
        dropped = _dominated_rows(live_rows, row_cols, late)
        for b in dropped:
            rows &= ~(1 << b)
        removed = _dominated_columns(
            problem,
            alive_cols | fixed,
            alive_cols,
            row_cols,
            dropped,
            rows,
            col_bits,
            tie_break,
            late,
        )
        alive_cols -= removed
        changed = bool(dropped or removed)

    if requires and any(requires[j] for j in fixed):
        return _keep_requirements(problem, rows, alive_cols, fixed, col_bits)
    return _reduction(problem, rows, alive_cols, fixed, col_bits)


def _force_sole(
    row_cols: dict[int, list[int]],
    alive: set[int],
    fixed: set[int],
    rows: int,
    col_bits: list[int],
) -> tuple[int, bool]:
    """Fix the only alive coverer of each row (in place): the rows left, and whether any was."""
    changed = False
    for cols in row_cols.values():
        if len(cols) == 1 and cols[0] in alive:
            j = cols[0]
            alive.discard(j)
            fixed.add(j)
            rows &= ~col_bits[j]
            changed = True
    return rows, changed


def _dominated_columns(
    problem: CoverProblem,
    kept: set[int],
    alive: set[int],
    row_cols: dict[int, list[int]],
    dropped: set[int],
    rows: int,
    col_bits: list[int],
    tie_break: bool,
    late: Callable[[int], bool],
) -> set[int]:
    """The alive columns another covers as well at no worse objectives (see the module).

    Each column is tested against the coverers of its rarest remaining row; a
    column covering no remaining row goes unless a kept column needs it.
    """
    objs, requires = problem.objectives, problem.requires
    needed = _needed(requires, kept)
    live = {j: col_bits[j] & rows for j in alive}
    size = {i: len(cols) for i, cols in row_cols.items() if i not in dropped}
    removed = {j for j, bits in live.items() if bits == 0 and j not in needed}
    for step, j in enumerate(sorted(live, key=lambda j: (-live[j].bit_count(), j))):
        if late(step + 1):
            break
        bits = live[j]
        if j in removed or bits == 0 or (requires and (requires[j] or j in needed)):
            continue
        rarest = min((i for i in problem.covers[j] if i in size), key=lambda i: (size[i], i))
        for k in row_cols[rarest]:
            if k == j or k in removed or live[k] & bits != bits or (requires and requires[k]):
                continue
            # k covers everything j does: is k at least as good?
            if all(o[k] <= o[j] for o in objs) and (
                any(o[k] < o[j] for o in objs) or k < j or (not tie_break and live[k] != bits)
            ):
                removed.add(j)
                break
    return removed


def _reduction(
    problem: CoverProblem, rows: int, alive_cols: set[int], fixed: set[int], col_bits: list[int]
) -> Reduction:
    """The reduced problem over the rows left and the columns kept alive."""
    keep = sorted(alive_cols)
    if not rows:
        return Reduction(None, (), tuple(sorted(fixed)))
    items = _members(rows)
    item_pos = {i: p for p, i in enumerate(items)}
    covers = tuple(tuple(item_pos[i] for i in _members(col_bits[j] & rows)) for j in keep)
    reduced = CoverProblem(
        items=tuple(problem.items[i] for i in items),
        columns=tuple(problem.columns[j] for j in keep),
        covers=covers,
        objectives=tuple(tuple(o[j] for j in keep) for o in problem.objectives),
        requires=_renumber(problem, keep, fixed),
    )
    return Reduction(reduced, tuple(keep), tuple(sorted(fixed)))


Requires = tuple[tuple[tuple[int, ...], ...], ...]

LARGE = 2000  # columns from which the vectorised reductions run (benchmarks/hard_cover.py)
LARGE_LOADED = 100
"""Columns from which they run when numpy is already imported (a second solve in one
process, the web workspace, a batch): its import (about 60 ms here) is what
:data:`LARGE` pays for. Measured on random covers (``benchmarks/hard_cover.py``'s
``random_instance``, three seeds per shape, numpy loaded): 30 x 60 0.4 ms either
way, 50 x 100 0.7 against 0.4 ms, 100 x 300 3.0 against 1.5, 200 x 1,000 10.2
against 5.1, 300 x 3,000 51 against 34."""


def _reduce_large(problem: CoverProblem, tie_break: bool, deadline: Deadline) -> Reduction:
    """:func:`reduce_cover` by :mod:`curriculum.solve.presolve_large` (same result, numpy)."""
    from curriculum.solve.presolve_large import reduce_arrays, reduced_covers

    alive, fixed, live = reduce_arrays(problem, tie_break, deadline)
    forced = tuple(int(j) for j in fixed.nonzero()[0])
    if not live.any():
        return Reduction(None, (), forced)
    keep, items, covers = reduced_covers(problem, alive, live)
    reduced = CoverProblem(
        items=tuple(problem.items[i] for i in items),
        columns=tuple(problem.columns[j] for j in keep),
        covers=covers,
        objectives=tuple(tuple(o[j] for j in keep) for o in problem.objectives),
    )
    return Reduction(reduced, tuple(keep), forced)


def _force_alternatives(
    requires: Requires,
    fixed: set[int],
    alive: set[int],
    rows: int,
    col_bits: list[int],
    changed: bool,
) -> tuple[int, bool]:
    """Fix the alive columns that are the only alternative of a fixed column's
    requirement (in place): the rows left, and whether anything changed."""
    if not requires:
        return rows, changed
    for k in {g[0] for j in fixed for g in requires[j] if len(g) == 1 and g[0] in alive}:
        alive.discard(k)
        fixed.add(k)
        rows &= ~col_bits[k]
        changed = True
    return rows, changed


def _needed(requires: Requires, kept: set[int]) -> set[int]:
    """The columns a kept column's requirement names (never dropped)."""
    return {k for j in kept for group in requires[j] for k in group} if requires else set()


def _renumber(
    problem: CoverProblem, keep: list[int], fixed: set[int]
) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The requirements of the kept columns in their new numbering; a requirement
    a fixed column meets is dropped (every alternative is kept otherwise)."""
    if not problem.requires:
        return ()
    pos = {j: p for p, j in enumerate(keep)}
    result = tuple(
        tuple(
            tuple(pos[k] for k in group if k in pos)
            for group in problem.requires[j]
            if not any(k in fixed and k not in pos for k in group)
        )
        for j in keep
    )
    return result if any(result) else ()


def _keep_requirements(
    problem: CoverProblem, rows: int, alive: set[int], fixed: set[int], col_bits: list[int]
) -> Reduction:
    """The reduction when a forced column has requirements: the forced columns
    stay in the problem, forced, so that the solver still imposes them."""
    keep = sorted(alive | fixed)
    items = _members(rows)
    item_pos = {i: p for p, i in enumerate(items)}
    reduced = CoverProblem(
        items=tuple(problem.items[i] for i in items),
        columns=tuple(problem.columns[j] for j in keep),
        covers=tuple(tuple(item_pos[i] for i in _members(col_bits[j] & rows)) for j in keep),
        objectives=tuple(tuple(o[j] for j in keep) for o in problem.objectives),
        forced=frozenset(p for p, j in enumerate(keep) if j in fixed),
        requires=_renumber(problem, keep, set()),
    )
    return Reduction(reduced, tuple(keep), ())
