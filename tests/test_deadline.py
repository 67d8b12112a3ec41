"""Every phase of a solve stops at the deadline, keeping exact answers and a valid cover."""

from __future__ import annotations

import random
import time

from helpers import brute_force, cover_problems
from hypothesis import HealthCheck, given, settings

from curriculum.solve.cover import greedy_cover, local_search, solve_cover
from curriculum.solve.params import SolveParams
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cover_problems())
def test_a_reduction_stopped_at_once_keeps_the_answer(problem):
    """Stopped before it starts, the reduction changes nothing the tie-break sees."""
    reduction = reduce_cover(problem, deadline=time.monotonic() - 1)
    assert reduction.problem is not None or problem.is_cover(reduction.fixed)
    if reduction.problem is not None:
        _, chosen = brute_force(reduction.problem)
        assert tuple(reduction.expand(list(chosen))) == brute_force(problem)[1]


def _large(seed: int, rows: int = 300, columns: int = 20_000) -> CoverProblem:
    rng = random.Random(seed)
    covers = [tuple(sorted(rng.sample(range(rows), rng.randint(2, 10)))) for _ in range(columns)]
    covers += [(i,) for i in range(rows)]  # every row covered
    costs = [rng.randint(1, 3) for _ in covers]
    return CoverProblem(
        tuple(f"r{i}" for i in range(rows)),
        tuple(f"c{j}" for j in range(len(covers))),
        tuple(covers),
        (tuple(costs),),
    )


def test_local_search_past_its_deadline_returns_a_cover_no_worse():
    problem = _large(1, 100, 2_000)
    start = greedy_cover(problem)
    found = local_search(problem, start, deadline=time.monotonic() - 1)
    assert problem.is_cover(found)
    assert problem.value(found) <= problem.value(start)


def test_a_short_limit_covers_the_whole_solve():
    """Reductions, greedy, local search and the LP all stay inside the limit."""
    problem = _large(2)
    solve_cover(_large(3, 20, 200), SolveParams(time_limit=5))  # import OR-Tools first
    began = time.monotonic()
    solution = solve_cover(problem, SolveParams(time_limit=1.0))
    took = time.monotonic() - began
    assert problem.is_cover(solution.chosen)
    assert solution.lower_bound <= solution.value[0]
    assert took < 1.0 + 1.5, took  # building the CP-SAT model is the only slack
