"""Coverage as a hard rule, and the LP relaxation as a guide to which courses a good plan offers.

:func:`most_coverage` finds, when it can, exactly the member-items every plan
covering the most covers: the team model then treats them as a hard rule, a
much tighter model than weighing coverage against cost.

When coverage is a hard rule (``TeamLayout.required``), the courses the LP
relaxation opens (session count above zero) are usually those of the best
plans: the team plan first searches the model restricted to them, which is much
smaller, for a good start, then the whole model (see
:func:`curriculum.planning.team.plan.plan_team`). The LP's values are a heuristic
guide only; every bound reported comes from CP-SAT on the whole model.
"""

from __future__ import annotations

import math
from collections import Counter

from curriculum.planning.team.heuristics import TeamLayout
from curriculum.solve import mip
from curriculum.solve.params import Deadline

SUPPORT = 1e-6  # a session count above this in the LP marks a course as offered


def lp_support(layout: TeamLayout, deadline: Deadline) -> frozenset[str] | None:
    """The courses the LP relaxation of the cost model runs (``None``: no LP in time).

    Variables: one per enrolment, in :class:`TeamLayout` order, then one session
    count per course; rows: each required item covered, seats, minimum
    participants and ``enrolment <= sessions``, as in the CP-SAT model.
    """
    assert layout.required is not None
    n_x = layout.n_x
    col = {code: n_x + k for k, code in enumerate(layout.codes)}
    costs = [0.0] * (n_x + len(layout.codes))
    upper = [1.0] * len(costs)
    rows: list[tuple[list[int], list[float], float, float]] = []
    takers: dict[str, list[int]] = {code: [] for code in layout.codes}
    for m, need in enumerate(layout.needs):
        cover = need.problem.cover
        base = layout.offsets[m]
        for j, code in enumerate(cover.columns):
            costs[base + j] = layout.head_cents[code]
            if code in layout.running:
                takers[code].append(base + j)
            else:
                upper[base + j] = 0.0
        for i, cols in enumerate(cover.coverers()):
            if i in layout.required[m]:
                index = [base + j for j in cols if cover.columns[j] in layout.running]
                rows.append((index, [1.0] * len(index), 1.0, math.inf))
    for code, index in takers.items():
        n = col[code]
        course = layout.courses[code]
        costs[n] = layout.session_cents[code]
        cap = course.capacity or max(1, len(index))
        upper[n] = float(math.ceil(len(index) / cap))
        ones = [1.0] * len(index)
        rows.append(([*index, n], [*ones, -float(cap)], -math.inf, 0.0))
        low = float(course.min_participants or 1)
        rows.append(([*index, n], [*ones, -low], 0.0, math.inf))
        rows.extend(([x, n], [1.0, -1.0], -math.inf, 0.0) for x in index)
    values = mip.lp_solution(rows, costs, upper, deadline.remaining())
    if values is None:
        return None
    return frozenset(code for code in layout.codes if values[col[code]] > SUPPORT)


def most_coverage(layout: TeamLayout) -> tuple[list[frozenset[int]], frozenset[str]] | None:
    """The member-items every plan covering the most covers, when that is known exactly.

    Without budgets only the minimum participants can leave an item out. A course
    runs only if at least ``min_participants`` members could take it; giving
    every member every such course of theirs covers every item any plan can, as
    long as that many participants fill whole sessions (``min * n <= heads <=
    capacity * n`` for some ``n``). Then the most coverage is exactly those items
    and the plan may treat them as a hard rule (a much tighter model than
    weighing coverage against cost).

    Returns
    -------
    tuple or None
        (each member's items to cover, the courses that can run), or ``None``
        when some course's participants cannot all be seated that way, a member
        must take a course that cannot run, or courses have prerequisites.
    """
    if any(need.problem.cover.requires for need in layout.needs):
        return None
    takers = Counter(c for need in layout.needs for c in need.problem.cover.columns)
    runs = set()
    for code, heads in takers.items():
        course = layout.courses[code]
        low = course.min_participants or 1
        if heads < low or (course.capacity is not None and low > course.capacity):
            continue
        cap = course.capacity or heads
        if low * math.ceil(heads / cap) > heads:
            return None
        runs.add(code)
    for need in layout.needs:
        if any(need.problem.cover.columns[j] not in runs for j in need.problem.cover.forced):
            return None
    required = [
        frozenset(
            i
            for i, cols in enumerate(need.problem.cover.coverers())
            if any(need.problem.cover.columns[j] in runs for j in cols)
        )
        for need in layout.needs
    ]
    return required, frozenset(runs)
