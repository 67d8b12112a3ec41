"""Reduced-cost fixing for every stage and the tie-break over the columns it leaves free."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from helpers import brute_force, cover_problems, recording_cp_sat_solves
from hypothesis import HealthCheck, given, settings

from curriculum.solve import lexicographic
from curriculum.solve.cover import SolveParams, solve_cover
from curriculum.solve.fixing import lp_duals
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


def test_fixing_saves_tie_break_solves_and_keeps_the_plan(monkeypatch):
    problem = _many_ties()
    runs = {}
    for fixing in (False, True):
        with recording_cp_sat_solves(monkeypatch) as solves:
            params = SolveParams(workers=1, lp_fixing=fixing, presolve=False)
            runs[fixing] = solve_cover(problem, params)
        runs[fixing, "solves"] = len(solves)
    assert runs[True].ties_proven and runs[False].ties_proven
    assert runs[True].chosen == runs[False].chosen
    assert runs[True, "solves"] < runs[False, "solves"]
