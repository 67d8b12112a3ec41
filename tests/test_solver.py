"""The exact engine: optimal against brute force, valid covers, deterministic."""

from __future__ import annotations

import random

import pytest
from helpers import brute_force, cover_problems, fast_and_full
from hypothesis import HealthCheck, given, settings

from curriculum.solve.cover import SolveParams, greedy_cover, solve_cover
from curriculum.solve.problem import CoverProblem


@fast_and_full(30)
@pytest.mark.parametrize("search_columns", [0, 64], ids=["cp-sat", "search"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems())
def test_matches_brute_force_including_tie_breaks(problem, search_columns):
    solution = solve_cover(problem, SolveParams(workers=1, search_columns=search_columns))
    assert problem.is_cover(solution.chosen)
    assert solution.status == "optimal"
    value, chosen = brute_force(problem)
    assert solution.value == value
    assert solution.chosen == chosen
    assert solution.lower_bound == value[0]
    assert solution.optimality_gap == 0


@settings(max_examples=60, deadline=None)
@given(cover_problems(max_columns=12, max_items=10, objectives=1))
def test_greedy_is_a_valid_cover_never_better_than_optimal(problem):
    greedy = greedy_cover(problem)
    assert problem.is_cover(greedy)
    assert problem.value(greedy)[0] >= brute_force(problem)[0][0]


@settings(max_examples=25, deadline=None)
@given(cover_problems(max_columns=12, max_items=10))
def test_same_plan_whatever_the_number_of_workers(problem):
    plans = {
        solve_cover(problem, SolveParams(workers=w, search_columns=0)).chosen for w in (0, 1, 2, 4)
    }
    assert len(plans) == 1


def test_ties_go_to_the_smallest_sorted_code_list():
    # {0,3} and {1,2} both cover and tie on every objective: {0,3} is smaller.
    problem = CoverProblem(
        items=("a", "b"),
        columns=("A", "B", "C", "D"),
        covers=((0,), (0,), (1,), (1,)),
        objectives=((1, 1, 1, 1),),
    )
    assert solve_cover(problem).chosen == (0, 2)
    problem = CoverProblem(
        items=("a", "b"),
        columns=("A", "B", "C", "D"),
        covers=((0,), (0, 1), (0, 1), (1,)),
        objectives=((2, 3, 3, 1),),
    )
    # {A, D} and {B} and {C} all cost 3: fewer columns first, then code order.
    assert solve_cover(problem).chosen == (1,)


def test_empty_problem_is_trivially_optimal():
    problem = CoverProblem(items=(), columns=(), covers=(), objectives=((),))
    solution = solve_cover(problem)
    assert solution.chosen == () and solution.status == "optimal"


@pytest.fixture(scope="module")
def random_cover() -> CoverProblem:
    """120 items, 600 columns, seeded: too big for the small-problem search; optimum 296."""
    rng = random.Random(7)
    n_items, n_cols = 120, 600
    covers = [tuple(sorted(rng.sample(range(n_items), rng.randint(2, 6)))) for _ in range(n_cols)]
    for i in range(n_items):
        covers[i] = tuple(sorted(set(covers[i]) | {i}))
    return CoverProblem(
        items=tuple(map(str, range(n_items))),
        columns=tuple(map(str, range(n_cols))),
        covers=tuple(covers),
        objectives=(tuple(rng.randint(1, 100) for _ in range(n_cols)),),
    )


RANDOM_COVER_OPTIMUM = 296


def test_time_limit_returns_a_labelled_cover(random_cover):
    """A limit that has run out before CP-SAT starts: a valid cover, labelled unproven."""
    solution = solve_cover(random_cover, SolveParams(time_limit=1e-9, workers=1))
    assert random_cover.is_cover(solution.chosen)
    assert solution.status == "feasible" and not solution.ties_proven
    assert solution.value == random_cover.value(solution.chosen)
    assert 0 <= solution.lower_bound <= RANDOM_COVER_OPTIMUM <= solution.value[0]
    assert solution.lower_bound < solution.value[0] and solution.optimality_gap > 0


def test_ample_time_limit_proves_the_optimum(random_cover):
    solution = solve_cover(random_cover, SolveParams(time_limit=60, workers=1))
    assert random_cover.is_cover(solution.chosen)
    assert solution.status == "optimal" and solution.ties_proven
    assert solution.value == (RANDOM_COVER_OPTIMUM,) == (solution.lower_bound,)
    assert solution.optimality_gap == 0


def test_problem_rejects_uncoverable_items():
    with pytest.raises(ValueError, match="every item must be covered"):
        CoverProblem(items=("a", "b"), columns=("A",), covers=((0,),), objectives=((1,),))


@fast_and_full(5)
@pytest.mark.parametrize("start", ["bound", "hint", "bound+hint", "none"])
@pytest.mark.parametrize("lp_fixing", [True, False])
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems())
def test_every_start_and_lp_fixing_gives_the_brute_force_plan(problem, start, lp_fixing):
    params = SolveParams(search_columns=0, start=start, lp_fixing=lp_fixing)
    solution = solve_cover(problem, params)
    assert solution.status == "optimal" and solution.ties_proven
    assert (solution.value, solution.chosen) == brute_force(problem)
