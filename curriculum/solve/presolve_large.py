"""The reductions of :mod:`curriculum.solve.presolve`, vectorised for large problems.

Same three rules (forced columns, dominated items, dominated columns), same
result, for problems without prerequisites: each pass tests every candidate pair
at once with numpy bit sets instead of one pair at a time in Python (a
600-item, 60,000-column instance took over a minute in the pairwise loop).

Why a simultaneous pass removes what the sequential loop removes: both
"dominates" relations (an item over an item, a column over a column, as
:mod:`~curriculum.solve.presolve` defines them) are strict partial orders
(irreflexive and transitive), so every dominated element is dominated by an
undominated one, which stays; dropping every dominated element at once is
therefore exact and drops the same set as dropping them one by one.

Candidate pairs are few: a dominating column covers the rarest item of the
column it dominates, and an item that the coverers of item ``a`` all cover is
covered by the column of ``a`` with the fewest items.
"""

from __future__ import annotations

from typing import Any

from curriculum.solve.params import Deadline
from curriculum.solve.problem import CoverProblem

CHUNK = 1 << 21  # candidate pairs tested at once (memory: about 100 bytes each)


def _bitsets(owner: Any, member: Any, owners: int, members: int) -> Any:
    """One row of 64-bit words per owner, with the bit of each of its members set."""
    import numpy as np

    words = max(1, (members + 63) // 64)
    bits = np.zeros((owners, words), dtype=np.uint64)
    flat = bits.reshape(-1)
    np.add.at(  # each (owner, member) pair is distinct: adding is or-ing
        flat,
        owner * words + (member >> 6),
        np.left_shift(np.uint64(1), (member & 63).astype(np.uint64)),
    )
    return bits


def _pairs(firsts: Any, starts: Any, lengths: Any) -> tuple[Any, Any]:
    """For each ``firsts[t]``, the positions ``starts[t] .. starts[t] + lengths[t] - 1``."""
    import numpy as np

    total = int(lengths.sum())
    left = np.repeat(firsts, lengths)
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return left, offsets + np.arange(total)


def _subset(bits: Any, small: Any, big: Any) -> Any:
    """Whether the bit set of each ``small`` is within that of the matching ``big``."""
    import numpy as np

    return ~np.any(bits[small] & ~bits[big], axis=1)


def _by_owner(owner: Any, other: Any, key: Any, owners: int) -> tuple[Any, Any, Any]:
    """Entries grouped by owner: (sorted ``other``, start per owner, count per owner).

    Within an owner, entries come in order of ``key`` (the first is the smallest).
    """
    import numpy as np

    order = np.lexsort((key, owner))
    counts = np.bincount(owner, minlength=owners)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    return other[order], starts, counts


def dominated_rows(rows: Any, cols: Any, m: int, n: int) -> Any:
    """Items whose coverers include all coverers of an earlier item (by count, then index).

    ``rows``/``cols`` are the live entries (alive columns on live items).
    """
    import numpy as np

    count = np.bincount(rows, minlength=m)
    size = np.bincount(cols, minlength=n)
    # Each item's column with the fewest items: its candidates are that column's items.
    first_col, starts, _ = _by_owner(rows, cols, size[cols] * n + cols, m)
    live = np.flatnonzero(count)
    pick = first_col[starts[live]]
    col_rows, col_starts, col_counts = _by_owner(cols, rows, rows, n)
    a, pos = _pairs(live, col_starts[pick], col_counts[pick])
    b = col_rows[pos]
    keep = (a != b) & ((count[a] < count[b]) | ((count[a] == count[b]) & (a < b)))
    a, b = a[keep], b[keep]
    bits = _bitsets(rows, cols, m, n)
    dropped = np.zeros(m, dtype=bool)
    for lo in range(0, a.size, CHUNK):
        sa, sb = a[lo : lo + CHUNK], b[lo : lo + CHUNK]
        dropped[sb[_subset(bits, sa, sb)]] = True
    return dropped


def dominated_columns(rows: Any, cols: Any, m: int, alive: Any, objs: Any, tie_break: bool) -> Any:
    """Alive columns that another column dominates, or that cover no live item."""
    import numpy as np

    n = alive.size
    count = np.bincount(rows, minlength=m)
    size = np.bincount(cols, minlength=n)
    removed = alive & (size == 0)
    # Each column's rarest item (fewest coverers, then index); its coverers are the candidates.
    first_row, starts, _ = _by_owner(cols, rows, count[rows] * m + rows, n)
    cand = np.flatnonzero(alive & (size > 0))
    rarest = first_row[starts[cand]]
    row_cols, row_starts, row_counts = _by_owner(rows, cols, cols, m)
    bits = _bitsets(cols, rows, n, m)
    lengths = row_counts[rarest]
    ends = np.cumsum(lengths)
    lo = 0
    while lo < cand.size:  # chunks of about CHUNK pairs
        hi = max(lo + 1, int(np.searchsorted(ends, ends[lo] - lengths[lo] + CHUNK, "right")))
        j, pos = _pairs(cand[lo:hi], row_starts[rarest[lo:hi]], lengths[lo:hi])
        k = row_cols[pos]
        ok = (k != j) & (size[k] >= size[j])
        strict = k < j
        if not tie_break:
            strict = strict | (size[k] > size[j])
        for o in objs:
            ok &= o[k] <= o[j]
            strict = strict | (o[k] < o[j])
        ok &= strict
        j, k = j[ok], k[ok]
        removed[j[_subset(bits, j, k)]] = True
        lo = hi
    return removed


def reduce_arrays(
    problem: CoverProblem, tie_break: bool, deadline: Deadline
) -> tuple[Any, Any, Any]:
    """The reductions until nothing changes: (alive columns, fixed columns, live items) masks.

    For a problem without prerequisites. Stops at ``deadline`` between passes,
    keeping what is done (each pass is exact).
    """
    import numpy as np

    m, n = len(problem.items), len(problem.columns)
    sizes = np.fromiter((len(c) for c in problem.covers), dtype=np.int64, count=n)
    all_rows = np.fromiter(
        (i for c in problem.covers for i in c), dtype=np.int64, count=int(sizes.sum())
    )
    all_cols = np.repeat(np.arange(n, dtype=np.int64), sizes)
    objs = [np.asarray(o, dtype=np.int64) for o in problem.objectives]
    alive = np.ones(n, dtype=bool)
    fixed = np.zeros(n, dtype=bool)
    live = np.ones(m, dtype=bool)
    if problem.forced:
        fixed[list(problem.forced)] = True
        alive &= ~fixed
        live[all_rows[fixed[all_cols]]] = False
    while not deadline.expired():
        on = alive[all_cols] & live[all_rows]
        rows, cols = all_rows[on], all_cols[on]
        count = np.bincount(rows, minlength=m)
        single = count[rows] == 1
        if single.any():  # forced: the only coverer of an item
            alone = np.unique(cols[single])
            alive[alone], fixed[alone] = False, True
            live[all_rows[fixed[all_cols]]] = False
            continue
        dropped = dominated_rows(rows, cols, m, n)
        if dropped.any():
            live &= ~dropped
            on = alive[all_cols] & live[all_rows]
            rows, cols = all_rows[on], all_cols[on]
        removed = dominated_columns(rows, cols, m, alive, objs, tie_break)
        if removed.any():
            alive &= ~removed
        elif not dropped.any():
            break
    return alive, fixed, live


def reduced_covers(problem: CoverProblem, alive: Any, live: Any) -> tuple[Any, Any, tuple]:  # type: ignore[type-arg]
    """The kept columns, kept items and each kept column's items in the new numbering."""
    import numpy as np

    n = len(problem.columns)
    sizes = np.fromiter((len(c) for c in problem.covers), dtype=np.int64, count=n)
    all_rows = np.fromiter(
        (i for c in problem.covers for i in c), dtype=np.int64, count=int(sizes.sum())
    )
    all_cols = np.repeat(np.arange(n, dtype=np.int64), sizes)
    keep, items = np.flatnonzero(alive), np.flatnonzero(live)
    position = np.full(len(problem.items), -1, dtype=np.int64)
    position[items] = np.arange(items.size)
    on = alive[all_cols] & live[all_rows]
    new_rows = position[all_rows[on]].tolist()
    counts = np.bincount(all_cols[on], minlength=n)[keep].tolist()
    covers = []
    at = 0
    for c in counts:
        covers.append(tuple(new_rows[at : at + c]))
        at += c
    return keep.tolist(), items.tolist(), tuple(covers)
