"""Reductions before the model never change the answer, tie-breaks included."""

from __future__ import annotations

from helpers import brute_force, fast_and_full, redundant_problems
from hypothesis import HealthCheck, given, settings

from curriculum.solve.cover import SolveParams, solve_cover
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem


def brute_force_reduced(problem: CoverProblem, tie_break: bool = True):
    reduction = reduce_cover(problem, tie_break=tie_break)
    if reduction.problem is None:
        chosen = tuple(sorted(reduction.fixed))
    else:
        chosen = tuple(reduction.expand(brute_force(reduction.problem)[1]))
    return problem.value(chosen), chosen


@fast_and_full(75)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(redundant_problems())
def test_reductions_never_change_the_answer(problem):
    value, chosen = brute_force(problem)
    assert brute_force_reduced(problem) == (value, chosen)


@fast_and_full(40)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(redundant_problems())
def test_reductions_without_tie_break_keep_the_optimum(problem):
    value, _ = brute_force(problem)
    reduced_value, chosen = brute_force_reduced(problem, tie_break=False)
    assert problem.is_cover(chosen)
    assert reduced_value == value


@fast_and_full(15)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(redundant_problems())
def test_engine_same_answer_with_and_without_reductions(problem):
    with_reductions = solve_cover(problem, SolveParams(workers=1))
    without = solve_cover(problem, SolveParams(workers=1, presolve=False))
    assert with_reductions == without
    assert with_reductions.chosen == brute_force(problem)[1]


def test_single_coverer_forces_the_column_and_dominated_parts_go():
    # item a only by column 0 (forced); item c's coverers ⊆ item b's (b dropped);
    # column 3 is column 1 again, later: dropped; column 2 costs more than 1 for
    # the same remaining item; column 1 is then the only coverer left: forced.
    problem = CoverProblem(
        items=("a", "b", "c"),
        columns=("A", "B", "C", "D"),
        covers=((0,), (1, 2), (1,), (1, 2)),
        objectives=((1, 2, 3, 2),),
    )
    reduction = reduce_cover(problem)
    assert reduction.fixed == (0, 1)
    assert reduction.problem is None
    assert solve_cover(problem).chosen == (0, 1)


def test_an_earlier_column_equal_on_cost_is_kept_for_the_tie_break():
    # B covers less than C at the same cost, but B comes first: dropping B is only
    # safe without the tie-break (a plan {.., B} beats {.., C} on code order).
    problem = CoverProblem(
        items=("x", "y"),
        columns=("A", "B", "C"),
        covers=((0,), (1,), (0, 1)),
        objectives=((1, 1, 1),),
    )
    reduction = reduce_cover(problem)
    assert reduction.problem is not None and "B" in reduction.problem.columns
    loose = reduce_cover(problem, tie_break=False)
    assert loose.problem is None or "B" not in loose.problem.columns
    assert solve_cover(problem).chosen == (2,)
