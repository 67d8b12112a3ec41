"""The exact curve of team coverage (member-items) against team cost, sessions shared.

Each point is the team model of :mod:`curriculum.planning.team.plan` under a team
budget: the most member-items coverable within the budget, then the least cost
for them (then hours, enrolments, sessions). The first point has no budget (the
whole coverable team at least cost); each next one is searched under the
previous point's cost minus one cent, down to the empty plan. Every point is
thus efficient: no plan covers more member-items for as little money, and any
coverage between two points needs the cost of the higher one. The step between
two points says what the extra money buys: which items, for which members.

When the time limit ends the search, the points found so far are returned,
followed by cheaper plans found greedily (:func:`cheaper_plans`: not proven,
so that the curve does not claim that nothing is coverable below the last point
searched) and the empty plan; a point the solver did not prove carries a proven
upper bound on the member-items coverable within the budget it was searched under.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import partial

from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.planning.team.frontier_result import TeamFrontier, TeamFrontierPoint
from curriculum.planning.team.heuristics import TeamLayout, starting_plan
from curriculum.planning.team.plan import (
    TIE_BREAK_LIMIT,
    build_team_model,
    member_needs,
    team_layout,
)
from curriculum.request import Request
from curriculum.solve.lexicographic import solve_lexicographic
from curriculum.solve.params import Deadline, SolveParams, deadline_for

Choice = list[list[int]]
FILL_LIMIT = 5000  # greedy moves after a time limit (each costs a pass over the enrolments)


def team_frontier_choices(
    layout: TeamLayout,
    *,
    params: SolveParams | None = None,
    progress: Callable[[str], None] | None = None,
    deadline: Deadline | None = None,
) -> list[tuple[Choice, bool, int]]:
    """Efficient team choices, cheapest first: (member columns, proven, covered bound).

    The covered bound is a proven upper bound on the member-items coverable
    within the budget the point was searched under (its own coverage when proven).
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    began = deadline.clock()
    points: list[tuple[Choice, bool, int]] = []
    cap: int | None = None
    while True:
        if points and deadline.expired():  # the time is up, or Ctrl-C stopped the solve
            bound = points[-1][2]  # a bound within a larger budget holds within a smaller one
            if not deadline.stopped:
                points += [(c, False, bound) for c in cheaper_plans(layout, points[-1][0])]
            points.append(([[] for _ in layout.needs], bound == 0, bound))
            break
        tm = build_team_model(layout, "cost", True, None, cap)
        hint, feasible = _hint(layout, points, cap, deadline)
        prefer = range(tm.enrolments) if tm.enrolments <= TIE_BREAK_LIMIT else ()
        outcome = solve_lexicographic(
            tm.model,
            tm.variables,
            tm.stages,
            partial(_evaluate, layout, tm.big),
            hint=hint,
            hint_feasible=feasible,
            prefer=prefer,
            params=params,
            deadline=deadline,
        )
        chosen = layout.choices(list(outcome.values))
        covered = layout.covered(chosen)
        cost = layout.pooled_cents(chosen)
        proven = outcome.proven >= 1
        bound = covered
        if not proven:
            bound = layout.coverable
            if outcome.bound is not None and math.isfinite(outcome.bound):
                # cost - big * covered >= bound for every plan, and cost <= the budget
                most = (tm.big - 1 if cap is None else min(cap, tm.big - 1)) - outcome.bound
                bound = max(covered, min(bound, math.floor(most / tm.big + 1e-9)))
        if points:
            bound = min(bound, max(covered, points[-1][2]))
        points.append((chosen, proven, bound))
        if progress is not None:
            progress(
                f"team frontier: point {len(points)} covers {covered} member-items for "
                f"{cost / 100:,.0f}, {deadline.clock() - began:.1f} s"
            )
        if covered == 0 or cost == 0:
            break
        cap = cost - 1
    points.reverse()
    return points


def _hint(
    layout: TeamLayout, points: list[tuple[Choice, bool, int]], cap: int | None, deadline: Deadline
) -> tuple[list[int], bool]:
    """The next point's hint and whether it meets every rule: the starting plan for the
    first point, then the previous point trimmed to the budget ``cap`` (or nothing)."""
    if cap is None:
        _, hint, feasible = starting_plan(layout, "cost", True, None, cap, deadline)
        return hint, feasible
    hint = layout.hint_from_choices(trim(layout, points[-1][0], cap), True)
    feasible = layout.is_feasible(hint, None, cap)
    if not feasible:
        hint, feasible = layout.hint_from_choices([[] for _ in layout.needs], True), True
    return hint, feasible


def trim(layout: TeamLayout, chosen: Choice, cap: int) -> Choice:
    """``chosen`` with enrolments dropped, least coverage lost per cent saved first,
    until it costs at most ``cap`` (a starting point; it may miss a minimum)."""
    chosen = [list(cols) for cols in chosen]
    cost = layout.pooled_cents(chosen)
    while cost > cap:
        best: tuple[float, int, int] | None = None
        covered = layout.covered(chosen)
        for m, cols in enumerate(chosen):
            for j in cols:
                rest = [c if k != m else [x for x in c if x != j] for k, c in enumerate(chosen)]
                saved = cost - layout.pooled_cents(rest)
                if saved > 0:
                    ratio = (covered - layout.covered(rest)) / saved
                    if best is None or ratio < best[0]:
                        best = (ratio, m, j)
        if best is None:
            return [[] for _ in chosen]
        chosen[best[1]].remove(best[2])
        cost = layout.pooled_cents(chosen)
    return chosen


def cheaper_plans(layout: TeamLayout, chosen: Choice, limit: int = FILL_LIMIT) -> list[Choice]:
    """Cheaper and cheaper plans from ``chosen``, each the cheapest seen at its coverage.

    Greedy: each move drops one member's enrolment, or a whole course, whichever
    loses the fewest member-items per cent saved, keeping every session within its
    seats and minimum and every member's prerequisites; moves that lose nothing
    come first. At most ``limit`` moves (the time limit has already passed).
    """
    chosen = [sorted(cols) for cols in chosen]
    start = layout.covered(chosen)
    found: list[Choice] = []
    for _ in range(limit):
        move = _best_move(layout, chosen)
        if move is None:
            break
        before, covered = [list(cols) for cols in chosen], layout.covered(chosen)
        for m, j in move:
            chosen[m].remove(j)
        now = layout.covered(chosen)
        if now < covered < start:  # ``before`` is the cheapest plan seen at ``covered``
            found.append(before)
        if now == 0:
            break
    return found


def _best_move(layout: TeamLayout, chosen: Choice) -> list[tuple[int, int]] | None:
    """The enrolments to drop next (see :func:`cheaper_plans`); ``None`` when none can go."""
    heads = layout.heads(chosen)
    takers: dict[str, list[tuple[int, int]]] = {}
    for m, cols in enumerate(chosen):
        for j in cols:
            takers.setdefault(layout.needs[m].problem.cover.columns[j], []).append((m, j))
    best: tuple[float, int, list[tuple[int, int]]] | None = None
    for code in sorted(takers):
        h = heads[code]
        low = layout.courses[code].min_participants or 1
        moves = [takers[code]]  # the whole course
        if h - 1 >= low * layout.session_count(code, h - 1):
            moves += [[pair] for pair in takers[code]]
        for move in moves:
            saved = _saved(layout, code, h, len(move))
            lost = _lost(layout, chosen, move)
            if saved <= 0 or lost is None:
                continue
            key = (lost / saved, -saved, move)
            if best is None or key[:2] < best[:2]:
                best = key
    return None if best is None else best[2]


def _saved(layout: TeamLayout, code: str, heads: int, leaving: int) -> int:
    """Cents saved when ``leaving`` of a course's ``heads`` participants leave it."""
    sessions = layout.session_count(code, heads) - layout.session_count(code, heads - leaving)
    return leaving * layout.head_cents[code] + sessions * layout.session_cents[code]


def _lost(layout: TeamLayout, chosen: Choice, move: list[tuple[int, int]]) -> int | None:
    """Member-items the move uncovers; ``None`` when it breaks a member's prerequisites."""
    lost = 0
    for m, j in move:
        cover = layout.needs[m].problem.cover
        rest = [k for k in chosen[m] if k != j]
        if not cover.meets_requirements(rest):
            return None
        still = {i for k in rest for i in cover.covers[k]}
        lost += len(set(cover.covers[j]) - still)
    return lost


def _evaluate(layout: TeamLayout, big: int, values: Sequence[int]) -> tuple[int, ...]:
    return layout.evaluate(values, big, "cost")


def compute_team_frontier(
    library: Library,
    request: Request,
    params: SolveParams | None,
    team: Team,
    *,
    progress: Callable[[str], None] | None = None,
    deadline: Deadline | None = None,
) -> TeamFrontier:
    """The exact team coverage/cost curve (see the module docstring), the request's
    shared choices for every member as for :func:`~curriculum.planning.team.plan.plan_team`.

    Raises
    ------
    DataFileError
        When a member names an unknown standard, target or held item.
    UnknownReferenceError
        For an excluded course code no catalogue defines.
    """
    deadline = deadline_for(params, deadline)
    needs = member_needs(library, request, team, objective="cost", deadline=deadline)
    layout = team_layout(needs, deadline)
    points = []
    for chosen, proven, bound in team_frontier_choices(
        layout, params=params, progress=progress, deadline=deadline
    ):
        heads = layout.heads(chosen)
        items: dict[str, tuple[str, ...]] = {}
        minutes = 0
        for member, need, cols in zip(team.members, layout.needs, chosen, strict=True):
            cover = need.problem.cover
            got = sorted({i for j in cols for i in cover.covers[j]})
            if got:
                items[member.id] = tuple(cover.items[i] for i in got)
            minutes += sum(layout.minutes_of[cover.columns[j]] for j in cols)
        points.append(
            TeamFrontierPoint(
                covered=layout.covered(chosen),
                cost=layout.pooled_cents(chosen) / 100,
                hours=minutes / 60,
                sessions={c: layout.session_count(c, heads[c]) for c in sorted(heads)},
                heads={c: heads[c] for c in sorted(heads)},
                member_items=items,
                proven=proven,
                covered_bound=bound,
            )
        )
    return TeamFrontier(
        source=team.source,
        name=team.name,
        currency=library.currency(),
        members=tuple(m.id for m in team.members),
        required=sum(len(n.problem.cover.items) for n in layout.needs)
        + sum(len(n.problem.gaps) + len(n.problem.level_gaps) for n in layout.needs),
        coverable=layout.coverable,
        points=tuple(points),
    )
