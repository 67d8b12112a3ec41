"""The row-weighting walk as a race's rival: it streams each better cover from its
forked process, so a rival stopped (a proof, Ctrl-C, the deadline) keeps its best;
its plans are renumbered to the model's columns; and a race with it still gives
brute force's plan, tie-breaks included."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import threading
import time

import pytest
from helpers import brute_force, cover_problems, fast_and_full
from hypothesis import HealthCheck, given, settings

from benchmarks.hard_cover import random_instance
from curriculum.solve import cover, cpsat
from curriculum.solve.cover import SolveParams, greedy_cover, local_search, solve_cover
from curriculum.solve.forked import Better, run_forked
from curriculum.solve.lexicographic import RivalOutcome
from curriculum.solve.params import Deadline, Stop
from curriculum.solve.race import BackgroundRival
from curriculum.solve.stop import Stopper
from curriculum.solve.weighting import walk_rival, weighted_search


def test_each_better_cover_is_reported_as_it_is_found():
    problem = random_instance(200, 1000, 0.02, True, 200_001)
    start = local_search(problem, greedy_cover(problem))
    seen: list[list[int]] = []
    found = weighted_search(problem, start, iterations=5_000, on_better=seen.append)
    values = [problem.value(c)[0] for c in seen]
    assert seen and seen[-1] == found
    assert all(problem.is_cover(set(c)) for c in seen)
    assert values == sorted(set(values), reverse=True)  # each strictly better
    assert values[0] < problem.value(start)[0]


def _streams_plans_then_hangs(deadline, report):
    report(Better((3, 1)))
    report(2.5)
    report(Better((1,)))
    time.sleep(120)
    return "never"


def test_a_killed_child_leaves_the_plans_it_streamed():
    plans: list[Better] = []
    stopper = Stopper()
    threading.Timer(0.5, stopper.stop).start()
    found = run_forked(
        _streams_plans_then_hangs, "WALK", Deadline.after(60), stopper, on_better=plans.append
    )
    assert found == (None, 2.5)
    assert plans == [Better((3, 1)), Better((1,))]
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("how", ["stopper", "deadline"])
def test_a_stopped_walk_rival_keeps_its_best_cover(how):
    """Unlimited steps: only the stop or the deadline ends it, and its best cover is back."""
    problem = random_instance(200, 1000, 0.02, True, 200_001)
    start = local_search(problem, greedy_cover(problem))
    stopper = Stopper()
    deadline = Deadline.after(60 if how == "stopper" else 1.0)
    if how == "stopper":
        threading.Timer(1.0, stopper.stop).start()
    began = time.monotonic()
    outcome = walk_rival(problem, start, deadline, seed=1)(stopper)
    assert time.monotonic() - began < 30  # stopped, not run to its 60 s
    assert outcome.optimum is None and outcome.bound == -math.inf
    assert outcome.values is not None and len(outcome.values) == len(problem.columns)
    chosen = {j for j, v in enumerate(outcome.values) if v}
    assert problem.is_cover(chosen)
    assert problem.value(chosen)[0] <= problem.value(start)[0]
    assert not multiprocessing.active_children()


def test_a_background_rival_renumbers_its_plan_to_the_kept_columns():
    def rival(values):
        return BackgroundRival(lambda stopper: RivalOutcome(values, None, 4.0))

    kept = rival((0, 1, 0, 1, 0)).within((1, 3, 4))(Stopper())
    assert kept == RivalOutcome((1, 1, 0), None, 4.0)
    lost = rival((1, 1, 0, 0, 0)).within((1, 3, 4))(Stopper())  # column 0 left the model
    assert lost == RivalOutcome(None, None, 4.0)


def test_wide_gaps_on_many_rows_race_the_walk_not_the_branch_and_cut(monkeypatch):
    """A 300-row unicost cover (gap above WALK_GAP, more rows than HARD_MAX_ROWS): the
    walk races CP-SAT from the first walk on, no MIP solver is asked, and a stop leaves
    a cover with a true bound. Stopped by a request, not a short limit: the path taken
    does not depend on the machine's speed."""
    problem = random_instance(300, 1500, 0.02, True, 4)
    asked: list[str] = []
    walkers: list[int] = []
    original = cover.walk_rival
    monkeypatch.setattr("curriculum.solve.race.solve_cover_mip", lambda *a, **k: asked.append(1))
    stop = Stop()

    def walking(*args, **kwargs):
        walkers.append(1)
        threading.Timer(0.5, stop.request).start()  # then stopped, as by Ctrl-C
        return original(*args, **kwargs)

    monkeypatch.setattr(cover, "walk_rival", walking)
    params = SolveParams(time_limit=60, workers=1, tie_break=False, stop=stop)
    found = solve_cover(problem, params)
    assert walkers == [1] and not asked
    assert problem.is_cover(set(found.chosen)) and found.status == "feasible"
    assert found.lower_bound <= found.value[0]
    alone = solve_cover(problem, SolveParams(time_limit=0.5, workers=1, engine="cpsat"))
    assert walkers == [1]  # a forced engine races nothing
    assert problem.is_cover(set(alone.chosen))


@fast_and_full(8)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=cover_problems(max_columns=9, max_items=7, objectives=2))
def test_the_race_with_the_walk_matches_brute_force(problem):
    """The walk racing CP-SAT on every problem (any gap, any row count): a proof is
    CP-SAT's, so the plan, tie-breaks included, is still brute force's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cover, "wide", lambda duals, value, gap=0.1: True)
        patch.setattr(cover, "HARD_MAX_ROWS", 0)
        solution = solve_cover(problem, SolveParams(workers=1, search_columns=0))
    assert solution.status == "optimal" and solution.ties_proven
    assert (solution.value, solution.chosen) == brute_force(problem)


@pytest.mark.slow
def test_ctrl_c_stops_the_walk_and_keeps_a_cover(monkeypatch):
    """Ctrl-C once the race runs (sent when CP-SAT's stage first waits, its handler in
    place, so the moment does not depend on the machine's speed): the solve ends with a
    cover and its true bound, and the walk's process is gone."""
    problem = random_instance(300, 1500, 0.02, True, 4)
    stop = Stop()
    real, sent = cpsat._await, []

    def awaiting(done, halt, record):
        def first(timeout):
            if not sent:
                sent.append(1)
                os.kill(os.getpid(), signal.SIGINT)
            return done(timeout)

        return real(first, halt, record)

    monkeypatch.setattr(cpsat, "_await", awaiting)
    began = time.monotonic()
    found = solve_cover(problem, SolveParams(time_limit=120, workers=1, stop=stop))
    assert sent and stop.requested and stop.count == 1
    assert time.monotonic() - began < 60  # not run to its 120 s
    assert problem.is_cover(set(found.chosen)) and found.status == "feasible"
    assert 0 < found.lower_bound <= found.value[0]
    assert not multiprocessing.active_children()
