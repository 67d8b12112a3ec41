"""The engine portfolio: every engine, forced or raced, gives the brute-force plan.

``SolveParams.engine`` picks who searches the first objective of a cover
(``auto``: CP-SAT and CBC racing in two threads); the later stages run on CP-SAT
from the proven optimum, so the plan, tie-breaks included, must not depend on it.
``search_columns=0`` keeps the exact depth-first search from settling these small
problems before any engine starts.
"""

from __future__ import annotations

import math
import multiprocessing
import random
import threading
import time
from unittest import mock

import pytest
from helpers import brute_force, cover_problems, fast_and_full, requires_problems, rival
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.errors import UsageError
from curriculum.solve import fixing, mip
from curriculum.solve.cover import SolveParams, solve_cover
from curriculum.solve.mip import ENGINES as MIP_ENGINES
from curriculum.solve.mip import MipOutcome, solve_cover_mip
from curriculum.solve.params import Deadline
from curriculum.solve.problem import CoverProblem
from curriculum.solve.stop import Stopper

ENGINES = ("auto", "cpsat", "mip")
RIVALS = ("SCIP", "CBC")  # CBC races in a forked process, killed when CP-SAT proves first
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast_and_full(4)
@pytest.mark.parametrize("solver", RIVALS)
@pytest.mark.parametrize("engine", ENGINES)
@SETTINGS
@given(
    problem=cover_problems(objectives=2),
    presolve=st.booleans(),
    tie_break=st.booleans(),
    hard=st.booleans(),
)
def test_every_engine_gives_the_brute_force_plan(
    engine, solver, problem, presolve, tie_break, hard
):
    """``hard``: every instance takes the hard-instance path (core search, the rival
    started before it, in the background)."""
    params = SolveParams(engine=engine, search_columns=0, presolve=presolve, tie_break=tie_break)
    with rival(solver, delay=0.0), mock.patch.object(fixing, "HARD_GAP", -1.0 if hard else 0.1):
        solution = solve_cover(problem, params)
    value, chosen = brute_force(problem)
    assert solution.status == "optimal"
    assert solution.value == value
    if tie_break:
        assert solution.chosen == chosen
        assert solution.ties_proven


@fast_and_full(4)
@pytest.mark.parametrize("solver", RIVALS)
@pytest.mark.parametrize("engine", ENGINES)
@SETTINGS
@given(problem=requires_problems())
def test_every_engine_keeps_prerequisites(engine, solver, problem):
    with rival(solver, delay=0.0):
        solution = solve_cover(problem, SolveParams(engine=engine, search_columns=0))
    assert (solution.value, solution.chosen) == brute_force(problem)


@fast_and_full(4)
@pytest.mark.parametrize("stoppable", [False, True])
@pytest.mark.parametrize("engine", MIP_ENGINES)
@SETTINGS
@given(problem=cover_problems(objectives=1))
def test_each_mip_solver_proves_the_optimum(engine, stoppable, problem):
    """With a stopper (never told), CBC runs in a forked process: the same answer."""
    costs = problem.objectives[0]
    stopper = Stopper() if stoppable else None
    found = solve_cover_mip(
        problem.coverers(), costs, engine=engine, forced=problem.forced, stopper=stopper
    )
    assert found.proven and found.values is not None
    chosen = {j for j, v in enumerate(found.values) if v}
    assert problem.is_cover(chosen)
    assert problem.value(chosen) == brute_force(problem)[0]
    assert found.bound <= problem.value(chosen)[0] + 1e-6


def _random(rows: int, cols: int, seed: int) -> CoverProblem:
    rng = random.Random(seed)
    covers = [tuple(sorted(rng.sample(range(rows), rng.randint(2, 6)))) for _ in range(cols)]
    covers += [(i,) for i in range(rows)]  # every row coverable
    return CoverProblem(
        tuple(f"r{i}" for i in range(rows)),
        tuple(f"c{j}" for j in range(len(covers))),
        tuple(covers),
        (tuple(rng.randint(1, 9) for _ in covers), tuple(rng.randint(1, 4) for _ in covers)),
    )


@pytest.mark.slow
def test_the_plan_is_the_same_whoever_proves_it():
    """Byte-identical plans for every engine, rival and worker count once proven."""
    problem = _random(40, 160, 7)
    plans = {}
    for solver in RIVALS:
        with rival(solver, delay=0.0):
            for engine in ENGINES:
                for workers in (1, 2):
                    params = SolveParams(engine=engine, workers=workers)
                    plans[solver, engine, workers] = solve_cover(problem, params)
    assert all(p.status == "optimal" and p.ties_proven for p in plans.values())
    assert len({(p.chosen, p.value) for p in plans.values()}) == 1


def test_the_reported_bound_is_the_best_either_engine_proved():
    problem = _random(60, 400, 3)
    exact = solve_cover(problem, SolveParams(tie_break=False))
    for engine in ENGINES:
        found = solve_cover(problem, SolveParams(engine=engine, tie_break=False, time_limit=30))
        assert found.lower_bound <= exact.value[0] <= found.value[0]
        assert found.status != "optimal" or found.value == exact.value


def test_a_stopper_stops_hooks_added_before_and_after():
    calls: list[str] = []
    stopper = Stopper()
    stopper.add(lambda: calls.append("before"))
    stopper.stop()
    stopper.add(lambda: calls.append("after"))
    assert calls == ["before", "after"]


@pytest.mark.parametrize("engine", RIVALS)
def test_a_stopped_rival_returns_at_once_with_no_proof(engine):
    """A search stopped before it starts (a proof elsewhere, or Ctrl-C) proves nothing."""
    problem = _random(300, 3000, 5)
    stopper = Stopper()
    stopper.stop()
    found = solve_cover_mip(
        problem.coverers(), problem.objectives[0], engine=engine, stopper=stopper
    )
    assert not found.proven
    assert found.values is None or math.isfinite(found.bound) or found.bound == -math.inf


def _stuck(*args: object) -> MipOutcome:
    time.sleep(120)  # an engine that neither answers nor stops (only killing ends it)
    return MipOutcome(None, True, 0.0)


@pytest.mark.parametrize("engine", ["CBC", "SCIP", "HIGHS"])
@pytest.mark.parametrize("how", ["stopper", "deadline"])
def test_a_stuck_engine_is_killed_when_told_or_at_the_deadline(monkeypatch, how, engine):
    """The forked engine is killed and reaped; the parent returns no answer and no bound."""
    monkeypatch.setattr(mip, "_solve", _stuck)
    found = _stopped(_random(30, 90, 5), engine, how, 0.2)
    assert found == MipOutcome(None, False, -math.inf)
    assert not multiprocessing.active_children()


def _stopped(problem: CoverProblem, engine: str, how: str, after: float) -> MipOutcome:
    """``engine`` on ``problem``'s cover, stopped after ``after`` s by the stopper (Ctrl-C)
    or by the deadline."""
    stopper = Stopper()
    timer = threading.Timer(after, stopper.stop)
    if how == "stopper":
        timer.start()
    try:
        return solve_cover_mip(
            problem.coverers(),
            problem.objectives[0],
            engine=engine,
            stopper=stopper,
            deadline=Deadline.after(None if how == "stopper" else after),
        )
    finally:
        timer.cancel()


def test_an_unknown_engine_is_refused():
    with pytest.raises(UsageError, match="engine"):
        SolveParams(engine="gurobi")


def test_highs_log_lines_give_their_bound_lowered_by_the_printed_precision():
    from curriculum.solve.forked import highs_log_bound

    row = " L       0       0         0   0.00%   31.671061       43                26.35%"
    assert highs_log_bound(row + "        0      0      0      1894     1.0s") == pytest.approx(
        31.671060
    )
    big = "         2       2         1   0.00%   2.08215e+06     2.11e+06          1.2%   0  0  0"
    assert highs_log_bound(big) == 2082140.0  # 2.08215e+06 printed: one unit of 10 less
    assert (
        highs_log_bound(" J       0       0         0   0.00%   -inf            3654   L") is None
    )
    assert highs_log_bound("  Dual bound        32") is None  # the report, not a progress row
    assert highs_log_bound("         2       2         1   0.00%   50     40     1%") is None


@pytest.mark.parametrize("seed", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_the_bound_a_stopped_highs_leaves_is_a_true_bound(seed):
    """HiGHS stopped at its deadline on a unicost cover: its bound, streamed or final,
    is at most the value of a cover (the greedy one)."""
    from curriculum.solve.greedy import greedy_cover

    problem = _random(120, 400, seed)
    costs = [1] * len(problem.columns)
    stopped = solve_cover_mip(
        problem.coverers(), costs, engine="HIGHS", stopper=Stopper(), deadline=Deadline.after(1.0)
    )
    assert math.isfinite(stopped.bound)
    assert stopped.bound <= len(greedy_cover(problem))


def _streams_then_hangs(deadline, on_bound):
    for bound in (3.0, 7.5, 5.0):  # a later, lower report never lowers the bound
        on_bound(bound)
    time.sleep(120)  # then neither answers nor stops
    return MipOutcome(None, True, 0.0)


def test_a_killed_child_leaves_the_best_bound_it_streamed():
    from curriculum.solve.forked import run_forked

    found = run_forked(_streams_then_hangs, "HIGHS", Deadline.after(0.5), Stopper())
    assert found == (None, 7.5)
    assert not multiprocessing.active_children()


def test_the_last_whole_plan_of_a_highs_file_is_read(tmp_path):
    """Blocks as HiGHS writes them; a block cut short by the kill gives the one before."""
    from curriculum.solve.forked import last_plan

    path = tmp_path / "plans.txt"
    whole = "Objective 3\n# Columns 3\n 1\n 1\n 1\n"
    whole += "Objective 2\n# Columns 3\n 1\n -1e-12\n 0.9999999\n"
    path.write_text(whole, encoding="ascii")
    assert last_plan(str(path), 3) == (1, 0, 1)
    path.write_text(whole + "Objective 1\n# Columns 3\n 0\n 0", encoding="ascii")
    assert last_plan(str(path), 3) == (1, 0, 1)
    assert last_plan(str(path), 4) is None  # another model's plans
    path.write_text("Objective 1\n# Columns 2\n inf\n 0\n", encoding="ascii")
    assert last_plan(str(path), 2) is None
    assert last_plan(str(tmp_path / "none.txt"), 2) is None


def _writes_plans_then_hangs(engine, model, deadline, hint, on_bound, plans):
    with open(plans, "w", encoding="ascii") as handle:  # as HiGHS does, one block a plan
        for plan in ([1] * model.size, [int(j % 2 == 0) for j in range(model.size)]):
            handle.write(f"Objective {sum(plan)}\n# Columns {model.size}\n")
            handle.writelines(f" {v}\n" for v in plan)
    on_bound(1.0)
    time.sleep(120)
    return MipOutcome(None, True, 0.0)


@pytest.mark.parametrize("how", ["stopper", "deadline"])
def test_a_killed_highs_leaves_its_last_plan(monkeypatch, how):
    """Ctrl-C or the deadline kills HiGHS: its last plan and streamed bound come back,
    unproven; CBC, which writes none, leaves nothing."""
    monkeypatch.setattr(mip, "_solve", _writes_plans_then_hangs)
    problem = _random(8, 6, 5)
    alternate = tuple(int(j % 2 == 0) for j in range(len(problem.columns)))
    for engine, plan in (("HIGHS", alternate), ("CBC", None)):
        found = _stopped(problem, engine, how, 0.5)
        assert found.values == plan
        assert not found.proven
        assert not multiprocessing.active_children()


@pytest.mark.slow
def test_highs_stopped_by_ctrl_c_keeps_a_cover_no_better_than_its_bound():
    """The real HiGHS, stopped mid-search on a unicost cover it does not prove in 3 s."""
    problem = _random(200, 1000, 1)
    costs = [1] * len(problem.columns)
    stopper = Stopper()
    timer = threading.Timer(3.0, stopper.stop)
    timer.start()
    found = solve_cover_mip(problem.coverers(), costs, engine="HIGHS", stopper=stopper)
    timer.cancel()
    assert found.values is not None
    chosen = {j for j, v in enumerate(found.values) if v}
    assert problem.is_cover(chosen)
    assert found.bound <= len(chosen)


def _prints(deadline, on_bound):
    import os

    os.write(1, b"1 slacks added\n")  # as CBC's LP does, below Python
    os.write(2, b"a warning\n")
    return "done"


def test_what_a_forked_engine_prints_never_reaches_the_terminal(capfd):
    from curriculum.solve.forked import run_forked

    assert run_forked(_prints, "CBC", Deadline.after(30), Stopper())[0] == "done"
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_a_forked_engine_imports_nothing_once_loaded():
    """What makes the fork safe: after :func:`mip.load`, the search imports no module
    (one that another thread is importing at the fork would stay locked in the child).
    Each engine in a fresh interpreter of its own would cost a second each: one runs all."""
    import subprocess
    import sys

    script = f"""
import math, os, sys
from curriculum.solve import mip
from curriculum.solve.params import Deadline
model = mip.IntegerModel(3, [([0, 1, 2], [1.0, 1.0, 1.0], 1.0, math.inf)], [1.0, 2.0, 3.0])
for engine in {MIP_ENGINES!r}:
    mip.load(engine)
    before = set(sys.modules)
    plans = os.devnull if engine == "HIGHS" else None  # its options too
    found = mip._solve(engine, model, Deadline.after(10), None, lambda b: None, plans)
    assert found.values == (1, 0, 0), found
    print(engine, sorted(set(sys.modules) - before))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split("\n")[:-1] == [f"{engine} []" for engine in MIP_ENGINES]
