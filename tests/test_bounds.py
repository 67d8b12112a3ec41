"""Honest bounds: with a tiny time limit, every reported bound is on the right side of the optimum.

Plan, budget, frontier and team, on small random instances against brute force
(or, for teams, against the proven optimum of an unlimited run).
"""

from __future__ import annotations

from itertools import combinations

from helpers import brute_force, budget_instances, cover_problems, random_teams
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.errors import BudgetError
from curriculum.planning.budget import solve_budget
from curriculum.planning.frontier import frontier_points
from curriculum.planning.team.plan import plan_team
from curriculum.request import Request
from curriculum.solve.cover import solve_cover
from curriculum.solve.params import SolveParams

TINY = st.sampled_from([0.0, 1e-4, 1e-3, 0.01])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _max_weight(problem, weights, limits):
    """Brute force: the most weight any selection within ``limits`` covers (None: infeasible)."""
    best = None
    n = len(problem.columns)
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            if not problem.forced <= set(subset):
                continue
            value = problem.value(subset)
            if any(lim is not None and v > lim for v, lim in zip(value, limits, strict=False)):
                continue
            covered = {i for j in subset for i in problem.covers[j]}
            weight = sum(weights[i] for i in covered)
            best = weight if best is None else max(best, weight)
    return best


@SETTINGS
@given(cover_problems(max_columns=9, max_items=7, objectives=1), TINY, st.booleans())
def test_plan_lower_bound_never_above_the_optimum(problem, limit, lp_fixing):
    optimum = brute_force(problem)[0][0]
    params = SolveParams(time_limit=limit, workers=1, search_columns=0, lp_fixing=lp_fixing)
    solution = solve_cover(problem, params)
    assert solution.lower_bound <= optimum <= solution.value[0]
    if solution.status == "optimal":
        assert solution.value[0] == optimum == solution.lower_bound


@SETTINGS
@given(budget_instances(), TINY)
def test_budget_bounds_never_on_the_wrong_side(instance, limit):
    problem, weights, max_minutes, max_cents = instance
    best = _max_weight(problem, weights, (max_minutes, max_cents))
    params = SolveParams(time_limit=limit, workers=1, search_columns=0)
    try:
        solution = solve_budget(
            problem, weights, max_minutes=max_minutes, max_cents=max_cents, params=params
        )
    except BudgetError:
        assert best is None
        return
    assert solution.weight <= best <= solution.weight_bound
    if solution.status == "optimal":
        assert solution.weight == best == solution.weight_bound
    if solution.weight == best and solution.weight_bound == best:
        assert solution.hours_bound <= solution.value[0]


@SETTINGS
@given(budget_instances(), TINY, st.sampled_from([0, 1]))
def test_frontier_bounds_never_below_what_is_coverable(instance, limit, primary):
    problem, weights, _, _ = instance
    problem = type(problem)(problem.items, problem.columns, problem.covers, problem.objectives)
    by = "hours" if primary == 0 else "cost"
    points = frontier_points(problem, weights, by=by, params=SolveParams(time_limit=limit))
    above = None  # the primary value of the next row up: each row was searched below it
    for chosen, proven, bound in reversed(points):
        limits = [None, None]
        if above is not None:
            limits[primary] = above - 1
        best = _max_weight(problem, weights, limits)
        covered = {i for j in chosen for i in problem.covers[j]}
        weight = sum(weights[i] for i in covered)
        assert weight <= best <= bound
        if proven:
            assert weight == best == bound
        above = problem.value(chosen)[primary]
    # the curve always reaches down to nothing (or to what costs nothing)
    assert problem.value(points[0][0])[primary] == 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams(), TINY, st.sampled_from(["cost", "hours"]))
def test_team_lower_bound_never_above_the_optimum(instance, limit, objective):
    library, team, max_hours, max_cost = instance
    exact = plan_team(
        library,
        Request(),
        SolveParams(workers=1),
        team,
        objective=objective,
        max_hours=max_hours,
        max_cost=max_cost,
    )
    assert exact.status == "optimal"
    quick = plan_team(
        library,
        Request(),
        SolveParams(time_limit=limit, workers=1),
        team,
        objective=objective,
        max_hours=max_hours,
        max_cost=max_cost,
    )
    optimum = exact.total_cost if objective == "cost" else exact.total_hours
    assert quick.lower_bound <= optimum + 1e-9
