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
from curriculum.planning.team.mip import cost_rows
from curriculum.solve import mip
from curriculum.solve.params import Deadline

SUPPORT = 1e-6  # a session count above this in the LP marks a course as offered


def lp_support(layout: TeamLayout, deadline: Deadline) -> frozenset[str] | None:
    """The courses the LP relaxation of the cost model runs (``None``: no LP in time).

    Variables: one per enrolment, in :class:`TeamLayout` order, then one session
    count per course; rows: each required item covered, seats, minimum
    participants and ``enrolment <= sessions``, as in the CP-SAT model.
    """
    spec = cost_rows(layout, cuts=False)
    values = mip.lp_solution(spec.rows, spec.costs, spec.upper, deadline.remaining())
    if values is None:
        return None
    return frozenset(code for code in layout.codes if values[spec.session[code]] > SUPPORT)


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
