"""Reduced-cost fixing for every stage and the tie-break over the columns it leaves free."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from helpers import (
    brute_force,
    cover_problems,
    fast_and_full,
    recording_cp_sat_solves,
    redundant_problems,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.hard_cover import rail_instance, random_instance
from curriculum.solve import cover, dual_start, lexicographic, presolve
from curriculum.solve import fixing as lp_fixing_module
from curriculum.solve.cover import SolveParams, greedy_cover, solve_cover
from curriculum.solve.fixing import lp_duals, unproven
from curriculum.solve.lagrange import subgradient
from curriculum.solve.params import NO_DEADLINE
from curriculum.solve.problem import CoverProblem


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems(max_columns=10, max_items=7, objectives=3))
def test_fixing_every_stage_keeps_the_brute_force_plan(problem):
    """Tie-break blocks of one column: every stage's LP fixing runs, on tiny problems."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexicographic, "TIE_BLOCK", 1)
        solution = solve_cover(problem, SolveParams(workers=1, search_columns=0))
    assert solution.status == "optimal" and solution.ties_proven
    assert (solution.value, solution.chosen) == brute_force(problem)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems(max_columns=8, max_items=6, objectives=2))
def test_stage_lp_bound_is_a_true_bound(problem):
    """The count stage's LP bound, within the optima of the objectives, never exceeds the count."""
    if problem.forced:
        return
    value, chosen = brute_force(problem)
    limits = list(zip(problem.objectives, value, strict=True))
    duals = lp_duals(problem, (1,) * len(problem.columns), limits)
    assert duals is not None
    base, rc = duals
    assert base <= len(chosen)
    for j in chosen:  # a column of the answer is never proven out of it
        assert base + max(rc[j], Fraction(0)) <= len(chosen)


def _many_ties(n_items: int = 60, n_cols: int = 400, seed: int = 3) -> CoverProblem:
    """Unit costs and many columns: lots of equally good covers and tie-break blocks."""
    rng = random.Random(seed)
    covers = [tuple(sorted(rng.sample(range(n_items), rng.randint(1, 4)))) for _ in range(n_cols)]
    for i in range(n_items):
        covers[i] = tuple(sorted(set(covers[i]) | {i}))
    return CoverProblem(
        items=tuple(map(str, range(n_items))),
        columns=tuple(map(str, range(n_cols))),
        covers=tuple(covers),
        objectives=(tuple(rng.randint(1, 3) for _ in range(n_cols)),),
    )


@pytest.mark.parametrize(
    ("items", "columns"),
    [
        pytest.param(40, 200, id="40x200"),
        pytest.param(60, 400, id="60x400", marks=pytest.mark.slow),
    ],
)
def test_fixing_saves_tie_break_solves_and_keeps_the_plan(monkeypatch, items, columns):
    problem = _many_ties(items, columns)
    monkeypatch.setattr(cover, "HARD_MAX_ROWS", -1)  # no core start: its solves are not ties'
    runs = {}
    for fixing in (False, True):
        with recording_cp_sat_solves(monkeypatch) as solves:
            params = SolveParams(workers=1, lp_fixing=fixing, presolve=False)
            runs[fixing] = solve_cover(problem, params)
        runs[fixing, "solves"] = len(solves)
    assert runs[True].ties_proven and runs[False].ties_proven
    assert runs[True].chosen == runs[False].chosen
    assert runs[True, "solves"] < runs[False, "solves"]


@fast_and_full(20)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems(max_columns=9, max_items=7, objectives=1), steps=st.integers(0, 40))
def test_lagrangian_bound_is_a_true_bound(problem, steps):
    """Any number of subgradient steps proves a bound at most the optimum, in exact arithmetic;
    a column of the answer is never proven out of it by its reduced cost."""
    value, chosen = brute_force(problem)
    found = subgradient(problem, sum(problem.objectives[0]), iterations=steps)
    assert found is not None
    (base, rc), prices = found
    assert base <= value[0] and len(prices) == len(problem.items)
    for j in chosen:
        assert base + max(rc[j], Fraction(0)) <= value[0]


def test_lagrangian_bound_reaches_the_lp_bound_on_a_random_instance():
    problem = random_instance(60, 300, 0.08, False, 7)
    lp = lp_duals(problem, problem.objectives[0])
    found = subgradient(problem, sum(problem.objectives[0]), iterations=2000)
    assert lp is not None and found is not None
    assert found[0][0] <= lp[0] + Fraction(1, 1000)  # never above the LP optimum
    assert float(found[0][0]) >= 0.97 * float(lp[0])  # and close to it


@fast_and_full(30)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    problem=st.one_of(redundant_problems(12, 8), cover_problems(12, 8, 2)), tie_break=st.booleans()
)
def test_vectorised_reductions_equal_the_pairwise_loop(problem, tie_break):
    if problem.requires:
        return
    loop = presolve.reduce_cover(problem, tie_break=tie_break)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(presolve, "LARGE", 0)
        vectorised = presolve.reduce_cover(problem, tie_break=tie_break)
    assert vectorised == loop


def test_vectorised_reductions_equal_the_pairwise_loop_on_a_rail_instance(monkeypatch):
    problem = rail_instance(60, 3000, 3)
    loop = presolve.reduce_cover(problem, tie_break=True)
    monkeypatch.setattr(presolve, "LARGE", 0)
    assert presolve.reduce_cover(problem, tie_break=True) == loop


STOP_AT_ONCE = (("max_deterministic_time", 0.0),)
"""CP-SAT stopped before its search, whatever the machine's load (no wall clock)."""


def test_a_stopped_plan_rounds_its_bound_up_to_the_costs_common_divisor():
    """Costs all multiples of 60 (hours in minutes): a stopped plan's bound is one too, and true."""
    base = random_instance(100, 1500, 0.05, False, 11)
    problem = CoverProblem(
        base.items, base.columns, base.covers, (tuple(60 * c for c in base.objectives[0]),)
    )
    solution = solve_cover(problem, SolveParams(tie_break=False, cp_sat=STOP_AT_ONCE))
    # Stopped by CP-SAT's deterministic limit (or proven): either way a multiple of 60 and true.
    assert solution.lower_bound % 60 == 0
    exact = solve_cover(base, SolveParams(tie_break=False))
    assert 0 < solution.lower_bound <= 60 * exact.value[0]


def test_the_bound_survives_an_lp_that_gives_no_answer(monkeypatch):
    """GLOP out of time (here: no answer at all): the Lagrangian bound is reported instead."""
    from curriculum.solve import cpsat

    problem = random_instance(100, 1500, 0.05, False, 12)
    exact = solve_cover(problem, SolveParams(tie_break=False))
    monkeypatch.setattr(cpsat, "covering_lp_duals", lambda *args, **kwargs: None)
    stopped = solve_cover(problem, SolveParams(tie_break=False, cp_sat=STOP_AT_ONCE))
    # CP-SAT stopped at once (a deterministic limit, not the clock): the bound is the
    # Lagrangian's, strong and true whatever the machine's load.
    assert 0.9 * exact.value[0] <= stopped.lower_bound <= exact.value[0]


@fast_and_full(15)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    problem=cover_problems(max_columns=10, max_items=7, objectives=2),
    limit=st.sampled_from([None, 0.01]),
)
def test_the_hard_instance_path_keeps_the_brute_force_plan_and_a_true_bound(problem, limit):
    """Every instance taken as hard (core start, LP tree search): brute-force plan, true bounds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lp_fixing_module, "HARD_GAP", -1.0)
        patch.setattr(cover, "HARD_MAX_ROWS", 10**9)
        patch.setattr(dual_start, "CORE_PER_ITEM", 0.5)
        solution = solve_cover(problem, SolveParams(time_limit=limit, search_columns=0))
    value, chosen = brute_force(problem)
    assert problem.is_cover(solution.chosen)
    assert solution.lower_bound <= value[0] <= solution.value[0]
    if solution.status == "optimal":
        assert solution.value[0] == value[0]
        assert solution.lower_bound == value[0]
    if solution.ties_proven:
        assert (solution.value, solution.chosen) == (value, chosen)


@pytest.mark.parametrize(
    ("items", "columns"),
    [
        pytest.param(40, 300, id="40x300"),
        pytest.param(60, 600, id="60x600", marks=pytest.mark.slow),
    ],
)
def test_the_core_start_is_a_cover_no_worse_than_its_start(items, columns):
    """The core sub-problem's answer covers the whole problem and improves a poor start."""
    problem = random_instance(items, columns, 0.05, True, 13)
    start = sorted({*greedy_cover(problem), *range(0, columns, 20)})  # a cover, and a poor one
    duals = lp_duals(problem, problem.objectives[0])
    reduced = [float(r) for r in duals[1]]
    solve = cover._core_solver(SolveParams())
    found = dual_start.core_cover(problem, reduced, start, solve, NO_DEADLINE)
    assert problem.is_cover(found)
    assert problem.value(found)[0] < problem.value(start)[0]
    assert len(found) < len(start)


@fast_and_full(15)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    problem=st.one_of(
        cover_problems(max_columns=10, max_items=7, objectives=1),
        cover_problems(max_columns=10, max_items=7, objectives=2),
    ),
    limit=st.sampled_from([None, 0.001, 0.01]),
)
def test_the_objective_merged_with_the_count_keeps_the_plan_and_a_true_bound(problem, limit):
    """Objective and count as one stage: the brute-force plan, a bound in the objective's units."""
    solution = solve_cover(problem, SolveParams(time_limit=limit, search_columns=0, workers=1))
    value, chosen = brute_force(problem)
    assert problem.is_cover(solution.chosen)
    assert solution.lower_bound <= value[0] <= solution.value[0]
    if solution.status == "optimal":
        assert solution.value[0] == value[0] == solution.lower_bound
    if solution.ties_proven:
        assert (solution.value, solution.chosen) == (value, chosen)
    if limit is None:
        assert solution.ties_proven


def test_the_objective_and_the_count_are_proven_by_one_cp_sat_solve(monkeypatch):
    """Merged, the count no longer takes a CP-SAT solve of its own before the tie-break."""
    problem = random_instance(60, 200, 0.1, False, 5)
    with recording_cp_sat_solves(monkeypatch) as solves:
        merged = solve_cover(problem, SolveParams(search_columns=0, workers=1))
    assert merged.status == "optimal" and merged.ties_proven
    with monkeypatch.context() as patch:
        patch.setattr(cover, "_merge_count", lambda stages, *_: stages)
        with recording_cp_sat_solves(patch) as staged_solves:
            staged = solve_cover(problem, SolveParams(search_columns=0, workers=1))
    assert (merged.value, merged.chosen) == (staged.value, staged.chosen)
    assert len(solves) < len(staged_solves)


def test_a_merged_stage_bound_is_converted_to_the_objective():
    """A bound B on ``scale * objective + count`` bounds the objective by ``floor(B / scale)``."""
    problem = CoverProblem(
        items=("a", "b"),
        columns=("x", "y", "z"),
        covers=((0,), (1,), (0, 1)),
        objectives=((2, 2, 5),),
    )
    scale = 4
    assert unproven(problem, [0, 1], 4 * scale + 1.5, None, scale) == ("optimal", 4)
    assert unproven(problem, [2], 4 * scale - 0.5, None, scale) == ("feasible", 4)
    assert unproven(problem, [2], 4 * scale - 1.5, None, scale) == ("feasible", 3)
    assert unproven(problem, [2], float("nan"), None, scale) == ("feasible", 0)


def test_the_vectorised_reductions_run_on_mid_sizes_once_numpy_is_loaded(monkeypatch):
    """From LARGE_LOADED columns when numpy is already imported (its import is what
    LARGE pays for); never importing it for a mid-size cover otherwise."""
    import sys

    import numpy  # noqa: F401

    problem = random_instance(40, 150, 0.08, False, 3)
    calls = []
    real = presolve._reduce_large

    def spy(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(presolve, "_reduce_large", spy)
    loaded = presolve.reduce_cover(problem)
    assert len(calls) == 1
    monkeypatch.delitem(sys.modules, "numpy")
    assert presolve.reduce_cover(problem) == loaded
    assert len(calls) == 1 and "numpy" not in sys.modules
