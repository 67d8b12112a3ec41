"""The row-weighting walk: a cover never worse than its start, deterministic, and the
way out of the covers greedy and its local search get stuck in; through the engine,
the same plans as brute force."""

from __future__ import annotations

import pytest
from helpers import brute_force, cover_problems, fast_and_full
from hypothesis import HealthCheck, given, settings

from benchmarks.hard_cover import random_instance
from curriculum.solve import cover
from curriculum.solve.cover import SolveParams, greedy_cover, local_search, solve_cover
from curriculum.solve.params import Deadline
from curriculum.solve.problem import CoverProblem
from curriculum.solve.weighting import weighted_search


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems(max_columns=10, max_items=8, objectives=1))
def test_the_walk_gives_a_cover_never_worse_than_its_start(problem):
    start = greedy_cover(problem)
    found = weighted_search(problem, start, iterations=300)
    assert problem.is_cover(set(found)) and problem.forced <= set(found)
    assert problem.value(found)[0] <= problem.value(start)[0]
    assert problem.value(found)[0] >= brute_force(problem)[0][0]
    assert found == weighted_search(problem, start, iterations=300)  # deterministic


def test_the_walk_leaves_the_cover_local_search_is_stuck_in():
    """Greedy takes the 3-item column, then two more; no swap of one column for cheaper
    ones improves that (every cost is 1), while two columns cover everything."""
    problem = CoverProblem(
        items=tuple("abcde"),
        columns=tuple("pqrstu"),
        covers=((2,), (1, 2), (0, 2, 3), (3, 4), (0, 1, 2), (0,)),
        objectives=((1,) * 6,),
    )
    start = local_search(problem, greedy_cover(problem))
    assert problem.value(start)[0] == 3
    assert weighted_search(problem, start, iterations=200) == [3, 4]


def test_the_walk_never_drops_a_forced_column():
    problem = CoverProblem(
        items=("a", "b"),
        columns=("both", "a", "b"),
        covers=((0, 1), (0,), (1,)),
        objectives=((1, 1, 1),),
        forced=frozenset({1}),
    )
    assert weighted_search(problem, [0, 1], iterations=100) == [0, 1]


def test_the_walk_stops_at_its_deadline():
    problem = random_instance(200, 1000, 0.02, True, 7)
    start = local_search(problem, greedy_cover(problem))
    spent = Deadline.after(0.0)  # already passed: the start back, unchanged
    assert weighted_search(problem, start, spent, iterations=10**9) == sorted(start)


def test_the_walk_improves_a_unicost_cover():
    """On a 200-row unicost instance (a large LP gap) the walk ends well below the
    local search's cover (measured: 41 -> 37 on this seed within 20,000 steps)."""
    problem = random_instance(200, 1000, 0.02, True, 200_001)
    start = local_search(problem, greedy_cover(problem))
    found = weighted_search(problem, start, iterations=5_000)
    assert problem.is_cover(set(found))
    assert problem.value(found)[0] <= problem.value(start)[0] - 2


@fast_and_full(8)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems(max_columns=9, max_items=7, objectives=2))
def test_the_engine_with_the_walk_matches_brute_force(problem):
    """The walk forced on for every problem (any gap) and CP-SAT forced to run: the plan,
    tie-breaks included, is still brute force's."""
    calls = []

    def walked(*args, **kwargs):
        calls.append(1)
        return weighted_search(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cover, "wide", lambda duals, value, gap=0.1: True)
        patch.setattr(cover, "weighted_search", walked)
        solution = solve_cover(problem, SolveParams(workers=1, search_columns=0))
    assert solution.status == "optimal" and solution.ties_proven
    assert (solution.value, solution.chosen) == brute_force(problem)


def test_core_sub_problems_are_solved_without_the_walk():
    """The core search's exact solves start from the whole problem's walked cover: the
    walk runs once, on the whole (reduced) problem, never on a core."""
    problem = random_instance(80, 500, 0.03, True, 2)  # a 14% gap: the core search runs
    sizes = []

    def walked(sub, start, deadline):
        sizes.append(len(sub.columns))
        return weighted_search(sub, start, deadline)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cover, "weighted_search", walked)
        patch.setattr(cover, "WALK_GAP", 0.0)  # every gap takes the walk
        patch.setattr(cover, "hard", lambda duals, value, rows=0: True)  # and the core search
        core_calls = []
        original = cover.core_cover
        patch.setattr(cover, "core_cover", lambda *a: core_calls.append(1) or original(*a))
        solve_cover(problem, SolveParams(time_limit=2, workers=1, engine="cpsat"))
    assert core_calls, "the instance should take the core search"
    assert len(sizes) == 1, sizes
