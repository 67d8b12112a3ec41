"""The exact trade-off curve between coverage and hours (or cost).

For a requirement, the curve lists every efficient plan: no plan covers more
weight in as few hours, and no plan covers as much in fewer hours. It is found
from the top: the first point is the full plan (the plan ``curriculum plan``
prints when ``by="hours"``); each next point is the most weight coverable in
strictly fewer hours than the previous one, then the least hours for that
weight, then least cost, fewer courses and course codes in order. Every coverage
level between two points needs the hours of the higher one, so the curve answers
"what is the least time to cover at least this much" for every level.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from curriculum.io.library import Library
from curriculum.io.weights import UNIT_WEIGHTS, WEIGHT_SCALE, Weights
from curriculum.planning.budget import item_weights
from curriculum.planning.frontier_result import Axis, Frontier, FrontierPoint
from curriculum.planning.requirement import plan_problem
from curriculum.request import Request
from curriculum.solve.coverage import coverage_lp, solve_coverage
from curriculum.solve.coverage_start import best_start
from curriculum.solve.cpsat import solver_session
from curriculum.solve.params import Deadline, SolveParams, deadline_for
from curriculum.solve.problem import CoverProblem

TAKES = ("standard", "targets", "have", "done")
"""What a frontier's request may set beside attitudes, exclusions and levels (no
required course: the curve ends at no course)."""

BOUND_SHARE = 0.05
"""The share of the time kept for the closing row's LP bound when the limit stops the curve."""


def frontier_points(
    problem: CoverProblem,
    weights: Sequence[int],
    *,
    by: Axis = "hours",
    params: SolveParams | None = None,
    progress: Callable[[str], None] | None = None,
    deadline: Deadline | None = None,
) -> list[tuple[tuple[int, ...], bool, int]]:
    """Efficient selections of ``problem`` (objectives: minutes, cents), lowest first.

    Each point is the max-coverage model of :mod:`curriculum.solve.coverage`
    with the ``by`` objective below the previous point's. Returns (chosen
    columns, proven, weight bound) triples: the weight bound is a proven upper
    bound on the weight coverable within the limit the point was searched under
    (its own weight when proven). When the time limit ends the search, the
    points found so far are returned with the exact 0-item row, whose weight
    bound is that of the limit the search stopped at: coverage between the two
    is an interval, not proven either way. ``progress`` is called with a
    one-line message after each point. The closing row's LP bound has the last
    :data:`BOUND_SHARE` of the time.
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    # Without CP-SAT's presolve: each point's model is small and solved once, so the presolve
    # cost more than it saved (measured on the frontier benchmark: 2-3x faster on ESCO
    # catalogues of 30-300 courses, 1.4x on scp41). params.cp_sat still overrides it.
    params = replace(params, cp_sat=(("cp_model_presolve", False), *params.cp_sat))
    with solver_session():  # one solver thread for every point
        points = _points(problem, weights, 0 if by == "hours" else 1, params, deadline, progress)
    points.reverse()
    return points


def _points(
    problem: CoverProblem,
    weights: Sequence[int],
    primary: int,
    params: SolveParams,
    deadline: Deadline,
    progress: Callable[[str], None] | None,
) -> list[tuple[tuple[int, ...], bool, int]]:
    """The points of :func:`frontier_points`, highest first."""
    began = deadline.clock()
    search = deadline.part(1 - BOUND_SHARE)
    points: list[tuple[tuple[int, ...], bool, int]] = []
    limits: list[int | None] = [None, None]
    total = sum(weights[i] for i in {i for col in problem.covers for i in col})
    cap: int | None = None
    while True:
        if points and search.expired():  # the time is up, or Ctrl-C stopped the solve
            lp = coverage_lp(problem, weights, limits, deadline)
            bound = total if lp is None else min(total, math.floor(lp.upper))
            points.append(((), bound == 0, bound))
            break
        previous = points[-1][0] if points else ()

        start = best_start(problem, weights, limits, primary=primary, previous=previous)
        found = solve_coverage(
            problem,
            weights,
            limits,
            primary=primary,
            start=start,
            weight_cap=cap,
            joint=True,
            params=params,
            deadline=search,
        )
        bound = found.weight
        if found.proven == 0:
            known = found.bound is not None and not math.isnan(found.bound)
            bound = (
                max(found.weight, math.floor(found.bound + 1e-6))
                if found.bound is not None and known
                else total
            )
        if cap is not None:  # the previous point's cap bounds this limit's weight too
            bound = min(bound, max(found.weight, cap))
        points.append((found.chosen, found.optimal, bound))
        # Fewer hours than an efficient point's cover less weight; else the bound still holds.
        cap = found.weight - 1 if found.proven >= 2 else bound
        value = found.value[primary]
        if progress is not None:
            amount = f"{value / 60:,.2f} h" if primary == 0 else f"{value / 100:,.2f}"
            progress(
                f"frontier: point {len(points)} covers {found.weight / WEIGHT_SCALE:g} in "
                f"{amount}, {deadline.clock() - began:.1f} s"
            )
        if not found.chosen or value == 0:
            break
        limits[primary] = value - 1
    return points


def compute_frontier(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    by: Axis = "hours",
    weights: Weights | None = None,
    progress: Callable[[str], None] | None = None,
    deadline: Deadline | None = None,
) -> Frontier:
    """The exact coverage/hours (or coverage/cost) curve of a request, as for
    :func:`~curriculum.planning.plan.plan_courses` but with no required course
    (the curve ends at no course).

    ``progress`` is called with a one-line message after each point. Every
    point's courses include their prerequisites (unless ``done``).

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    UsageError
        For a request with required courses.
    """
    request.check_only("a frontier", *TAKES)
    weighted = weights is not None
    weights = weights or UNIT_WEIGHTS
    problem = plan_problem(library, request)
    requirement = problem.requirement
    std = requirement.standard
    cover = problem.cover
    w = item_weights(problem, weights)
    points = []
    for chosen, proven, bound in frontier_points(
        cover, w, by=by, params=params, progress=progress, deadline=deadline
    ):
        covered = sorted({i for j in chosen for i in cover.covers[j]})
        minutes, cents = cover.value(chosen)
        points.append(
            FrontierPoint(
                weight=sum(w[i] for i in covered) / WEIGHT_SCALE,
                items=tuple(cover.items[i] for i in covered),
                hours=minutes / 60,
                cost=cents / 100,
                courses=tuple(cover.columns[j] for j in chosen),
                proven=proven,
                weight_bound=bound / WEIGHT_SCALE,
            )
        )
    return Frontier(
        standard=std.code,
        standard_name=std.name,
        targets=requirement.targets,
        tasks=requirement.tasks,
        by=by,
        currency=library.currency(),
        coverable=cover.items,
        coverable_weight=sum(w) / WEIGHT_SCALE,
        gaps=problem.gaps,
        level_gaps=problem.level_gaps,
        points=tuple(points),
        weighted=weighted,
        weights={i: wt / WEIGHT_SCALE for i, wt in zip(cover.items, w, strict=True)},
    )
