"""The engine portfolio on max coverage: budgets and the frontier, whoever proves the weight.

The first stage of the max-coverage model (:mod:`curriculum.solve.coverage`) is
a maximisation (the covered weight, or the weight merged with the hours); with
``engine="auto"`` a MIP solver races CP-SAT on it, with ``"mip"`` it searches
alone. The later stages and the tie-break run on CP-SAT from the proven
optimum: the plan must be the brute-force one whichever engine is chosen.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
import signal
import threading
from dataclasses import replace
from importlib.util import find_spec

import pytest
from helpers import brute_force_coverage, budget_instances, fast_and_full, rival
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.errors import BudgetError
from curriculum.planning.budget import solve_budget
from curriculum.planning.frontier import frontier_points
from curriculum.solve import cpsat, race
from curriculum.solve.coverage import fits, solve_coverage
from curriculum.solve.lexicographic import RivalOutcome, _with_rival
from curriculum.solve.mip import MipOutcome
from curriculum.solve.params import SolveParams, Stop
from curriculum.solve.problem import CoverProblem

ENGINES = ("auto", "cpsat", "mip")
RIVALS = ("SCIP", "CBC")
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast_and_full(4)
@pytest.mark.parametrize("solver", RIVALS)
@pytest.mark.parametrize("engine", ENGINES)
@SETTINGS
@given(instance=budget_instances(prerequisites=True) | budget_instances())
def test_every_engine_gives_the_brute_force_budget(engine, solver, instance):
    problem, weights, max_minutes, max_cents = instance
    params = SolveParams(engine=engine, workers=1)
    best = brute_force_coverage(problem, weights, (max_minutes, max_cents))
    with rival(solver, delay=0.0):  # the rival starts at once, even on problems this small
        if best is None:
            with pytest.raises(BudgetError):
                solve_budget(
                    problem, weights, max_minutes=max_minutes, max_cents=max_cents, params=params
                )
            return
        found = solve_budget(
            problem, weights, max_minutes=max_minutes, max_cents=max_cents, params=params
        )
    assert found.status == "optimal" and found.ties_proven
    assert (-found.weight, *found.value, len(found.chosen), found.chosen) == best
    assert found.weight_bound == found.weight


@fast_and_full(4)
@pytest.mark.parametrize("solver", RIVALS)
@pytest.mark.parametrize("engine", ("auto", "mip"))
@SETTINGS
@given(instance=budget_instances(), primary=st.sampled_from([0, 1]), slack=st.integers(0, 3))
def test_the_joint_stage_gives_the_brute_force_selection(engine, solver, instance, primary, slack):
    """Weight and primary objective as one stage (the frontier's), under a weight cap."""
    problem, weights, max_minutes, max_cents = instance
    limits = (max_minutes, max_cents)
    other = 1 - primary  # the brute force with the primary objective first
    keys = [(k[0], k[1 + primary], k[1 + other], *k[3:]) for k in _keys(problem, weights, limits)]
    if not keys:
        return
    weight, *_, best = min(keys)
    params = SolveParams(engine=engine, workers=1)
    with rival(solver, delay=0.0):
        found = solve_coverage(
            problem,
            weights,
            limits,
            primary=primary,
            joint=True,
            weight_cap=-weight + slack,
            params=params,
        )
    assert found.optimal
    assert (found.weight, found.chosen) == (-weight, best)


def _keys(problem, weights, limits):
    """Every selection's (-weight, objectives..., count, columns) within the limits."""
    from itertools import combinations

    n = len(problem.columns)
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            value = problem.value(subset)
            if problem.forced <= set(subset) and fits(value, limits):
                covered = {i for j in subset for i in problem.covers[j]}
                yield (-sum(weights[i] for i in covered), *value, size, subset)


@fast_and_full(3)
@pytest.mark.parametrize("engine", ENGINES)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=budget_instances())
def test_the_frontier_is_the_same_with_every_engine(engine, instance):
    problem, weights, _, _ = instance
    problem = CoverProblem(problem.items, problem.columns, problem.covers, problem.objectives)
    with rival("CBC", delay=0.0):
        points = frontier_points(problem, weights, params=SolveParams(engine=engine, workers=1))
    exact = frontier_points(problem, weights, params=SolveParams(engine="cpsat", workers=1))
    assert points == exact


def _wrong(values, proven, bound):
    return lambda *args, **kwargs: MipOutcome(values, proven, bound)


@pytest.mark.parametrize(
    "outcome",
    [
        (None, True, 1e9),  # no solution, an absurd claim of optimality
        ("all", True, 1e9),  # every column: over the budget, yet "optimal"
        ("none", True, 0.0),  # nothing taken, every item claimed covered
        ("none", False, -5.0),  # an upper bound below what the budget buys: false
    ],
)
def test_a_wrong_rival_answer_is_not_trusted(monkeypatch, outcome):
    """A MIP answer that breaks a rule is dropped, and a proof needs a checked value.

    The last case shows what the check cannot catch: a false bound from a
    solver. It is not a proof, and CP-SAT, racing, still proves the optimum.
    """
    problem = _random(12, 30, 4)
    weights = [1 + i % 3 for i in range(12)]
    limits = (20, None)
    kind, proven, bound = outcome
    n, m = len(problem.columns), len(problem.items)
    values = None if kind is None else (int(kind == "all"),) * n + (1,) * m
    monkeypatch.setattr(race, "solve_integer_mip", _wrong(values, proven, bound))
    with rival("CBC", delay=0.0):
        found = solve_coverage(problem, weights, limits, params=SolveParams(engine="auto"))
    exact = solve_coverage(problem, weights, limits, params=SolveParams(engine="cpsat"))
    assert found == exact


@pytest.mark.parametrize("excess", [0.0, 0.5, 1.5])
def test_a_rival_proof_needs_a_value_that_meets_its_rounded_bound(monkeypatch, excess):
    """The MIP, alone, returns the optimum and calls it optimal with a bound ``excess``
    above it: a proof up to the rounding tolerance, else a bound and no proof."""
    problem = _random(12, 30, 4)
    weights = [1 + i % 3 for i in range(12)]
    limits, params = (20, None), SolveParams(tie_break=False, lp_fixing=False)
    exact = solve_coverage(problem, weights, limits, params=params)
    n, m = len(problem.columns), len(problem.items)
    values = tuple(int(j in exact.chosen) for j in range(n))
    values += tuple(int(i in exact.covered) for i in range(m))
    monkeypatch.setattr(race, "solve_integer_mip", _wrong(values, True, exact.weight + excess))
    with rival("CBC", delay=0.0):
        found = solve_coverage(
            problem, weights, limits, params=replace(params, engine="mip", time_limit=5)
        )
    assert found.weight == exact.weight
    if excess < 1:
        assert found.proven >= 1
    else:
        assert found.proven == 0 and found.bound == exact.weight + 1


def test_a_maximised_stage_keeps_the_lower_upper_bound():
    """On a maximised stage the better bound is the lower one; on a minimised one, the higher."""
    cp = (cpsat.FEASIBLE, [1, 0], None, 10.0)
    low, high = RivalOutcome(None, None, 8.0), RivalOutcome(None, None, 12.0)
    assert _with_rival(cp, low, tuple, maximize=True)[3] == 8.0
    assert _with_rival(cp, high, tuple, maximize=True)[3] == 10.0
    assert _with_rival(cp, low, tuple, maximize=False)[3] == 10.0
    assert _with_rival(cp, high, tuple, maximize=False)[3] == 12.0
    none = RivalOutcome(None, None, math.inf)
    assert _with_rival(cp, none, tuple, maximize=True)[3] == 10.0
    unknown = (cpsat.UNKNOWN, None, None, math.nan)
    assert _with_rival(unknown, low, tuple, maximize=True)[3] == 8.0


def test_the_race_reports_the_lower_of_the_two_upper_bounds(monkeypatch):
    """CP-SAT stopped at its first solution keeps its trivial bound (every item's weight);
    a rival's lower upper bound on the weight is what the race reports."""
    problem = _random(60, 240, 7)
    weights = [1 + i % 5 for i in range(60)]
    first = (("stop_after_first_solution", True),)
    params = SolveParams(engine="cpsat", tie_break=False, lp_fixing=False, cp_sat=first)
    alone = solve_coverage(problem, weights, (30, None), params=params)
    assert alone.proven == 0 and alone.bound == sum(weights)
    monkeypatch.setattr(race, "solve_integer_mip", _wrong(None, False, sum(weights) - 30.5))
    with rival("CBC", delay=0.0):
        raced = solve_coverage(problem, weights, (30, None), params=replace(params, engine="auto"))
    assert raced.proven == 0 and raced.bound == sum(weights) - 31


def test_a_rival_bound_is_rounded_down_from_a_hair_above():
    assert race._floor(7.0000000001) == 7
    assert race._floor(6.9999999) == 7  # within the tolerance: the integer it meant
    assert race._floor(6.9) == 6
    assert race._floor(math.inf) == math.inf and race._floor(math.nan) == math.inf


def _random(rows: int, cols: int, seed: int, per_column: int = 4, most: int = 40) -> CoverProblem:
    rng = random.Random(seed)
    covers = [tuple(sorted(rng.sample(range(rows), per_column))) for _ in range(cols)]
    covers += [(i,) for i in range(rows)]
    hours = tuple(rng.randint(1, most) for _ in covers)
    cents = tuple(h * rng.randint(1, 3) for h in hours)
    return CoverProblem(
        tuple(f"i{i}" for i in range(rows)),
        tuple(f"c{j}" for j in range(len(covers))),
        tuple(covers),
        (hours, cents),
    )


@pytest.mark.slow
def test_the_budget_plan_is_the_same_whoever_proves_it():
    """Byte-identical selections for every engine, rival and worker count once proven."""
    problem = _random(60, 240, 7)
    weights = [random.Random(i).randint(1, 5) for i in range(60)]
    limits = (120, None)
    found = {}
    for solver in RIVALS:
        with rival(solver, delay=0.0):
            for engine in ENGINES:
                for workers in (1, 2):
                    params = SolveParams(engine=engine, workers=workers)
                    for joint in (False, True):
                        found[solver, engine, workers, joint] = solve_coverage(
                            problem, weights, limits, joint=joint, params=params
                        )
    assert all(f.optimal for f in found.values())
    assert len({(f.chosen, f.weight, f.value) for f in found.values()}) == 1


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["auto", "mip"])
def test_an_interrupt_keeps_the_best_budget_plan_of_either_engine(engine):
    problem = _random(400, 4000, 5, per_column=6, most=1)  # 40 columns of 4,400: hard
    weights = [1 + i % 5 for i in range(400)]
    limits = (40, None)
    stop = Stop()
    timer = threading.Timer(3.0, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with rival("CBC", delay=0.5):  # racing from 0.5 s: both engines run at the interrupt
            params = SolveParams(time_limit=120, engine=engine, stop=stop)
            found = solve_coverage(problem, weights, limits, params=params)
    finally:
        timer.cancel()
    assert stop.requested and stop.count == 1
    assert fits(found.value, limits) and found.proven == 0
    assert found.bound is not None and found.weight <= found.bound
    assert not multiprocessing.active_children()  # a forked CBC is killed and reaped


def test_every_peer_of_the_budget_benchmark_solves_the_same_budget():
    """The benchmark's peers (the rival's 0-1 model by each MIP solver, HiGHS by scipy)
    and ours agree on a small generated budget: weight, then hours."""
    from benchmarks.budget_families import _recipe, budget_highs, budget_mip, budget_ours

    case = _recipe(40, 200, 0.05, 0.3)(1)
    runs = [budget_ours("cpsat"), budget_ours("mip@SCIP")]
    runs += [budget_mip(engine) for engine in ("SCIP", "CBC", "HIGHS")]
    if find_spec("scipy") is not None:  # the bench extra's HiGHS (CI has the wheel's only)
        runs.append(budget_highs)
    records = [run(case, 60.0) for run in runs]
    assert all(r["proven"] for r in records)
    assert len({(r["value"], r["hours"]) for r in records}) == 1
