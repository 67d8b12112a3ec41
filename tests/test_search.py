"""The small-problem search is exact, tie-breaks included, and gives up cleanly."""

from __future__ import annotations

import random

from helpers import brute_force, cover_problems, fast_and_full, redundant_problems
from hypothesis import HealthCheck, given, settings

from curriculum.solve.cover import SolveParams, greedy_cover, solve_cover
from curriculum.solve.dfs import search_cover
from curriculum.solve.problem import CoverProblem


def unforced(problem: CoverProblem) -> CoverProblem:
    return CoverProblem(problem.items, problem.columns, problem.covers, problem.objectives)


@fast_and_full(50)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cover_problems(max_columns=11, max_items=8))
def test_search_matches_brute_force(problem):
    problem = unforced(problem)
    found = search_cover(problem, greedy_cover(problem))
    assert found is not None
    assert tuple(found) == brute_force(problem)[1]


@fast_and_full(40)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(redundant_problems())
def test_search_matches_brute_force_on_tie_rich_problems(problem):
    problem = unforced(problem)
    found = search_cover(problem, greedy_cover(problem))
    assert found is not None and tuple(found) == brute_force(problem)[1]


def test_search_gives_up_past_its_budget_and_cp_sat_takes_over():
    rng = random.Random(3)
    n_items, n_cols = 40, 60
    covers = [tuple(sorted(rng.sample(range(n_items), 4))) for _ in range(n_cols)]
    covers += [(i,) for i in range(n_items)]
    problem = CoverProblem(
        items=tuple(map(str, range(n_items))),
        columns=tuple(map(str, range(len(covers)))),
        covers=tuple(covers),
        objectives=(tuple(rng.randint(5, 9) for _ in covers),),
    )
    assert search_cover(problem, greedy_cover(problem), node_limit=50) is None
    with_search = solve_cover(problem, SolveParams(workers=1, search_columns=200))
    without = solve_cover(problem, SolveParams(workers=1, search_columns=0))
    assert with_search == without and with_search.status == "optimal"
