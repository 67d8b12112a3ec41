"""The team's cost model raced by a branch and cut: the same plan whichever engine proves it."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import threading
from importlib.util import find_spec

import pytest
from helpers import brute_force_team, fast_and_full, random_teams
from hypothesis import HealthCheck, assume, given, settings

from curriculum.io.team_file import load_team
from curriculum.planning.team import mip as team_mip
from curriculum.planning.team import plan as team_module
from curriculum.planning.team.heuristics import starting_plan
from curriculum.planning.team.lp import most_coverage
from curriculum.planning.team.mip import checked, cost_model, cost_rows
from curriculum.planning.team.plan import plan_team
from curriculum.request import Request
from curriculum.solve.mip import MipOutcome, solve_integer_mip
from curriculum.solve.params import NO_DEADLINE, SolveParams, Stop
from tests.test_team import TEAM_CSV, sessions_library  # noqa: F401

ENGINES = ("cpsat", "mip", "auto")


def _layout(library, team):
    needs = team_module.member_needs(library, Request(), team)
    layout = team_module.team_layout(needs)
    most = most_coverage(layout)
    if most is not None:
        layout.required, layout.running = most
    return layout


@fast_and_full(8)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams())
def test_every_engine_gives_the_same_plan_as_brute_force(instance):
    """Most coverage, then least cost, then the tie-breaks: one plan whatever the engine."""
    library, team, _, _ = instance
    best = brute_force_team(library, team)
    assume(best is not None)
    plans = {
        engine: plan_team(library, Request(), SolveParams(workers=1, engine=engine), team)
        for engine in ENGINES
    }
    for plan in plans.values():
        assert plan.status == "optimal"
        assert (sum(m.covered for m in plan.members), round(plan.total_cost * 100)) == best
    assert plans["mip"] == plans["cpsat"] == plans["auto"]


@fast_and_full(10)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams())
def test_the_integer_model_alone_finds_the_least_cost(instance):
    """The cost model's optimum, checked and priced exactly, is brute force's least cost."""
    library, team, _, _ = instance
    layout = _layout(library, team)
    assume(layout.required is not None and layout.n_x)
    best = brute_force_team(library, team)
    assume(best is not None)
    model, unit = cost_model(layout)
    found = solve_integer_mip(model, engine="HIGHS")
    values = checked(layout, found.values)
    assert found.proven and values is not None
    assert layout.evaluate(values, 0, "cost")[0] == best[1]
    assert unit * math.ceil(found.bound - 1e-6) == best[1]


def test_the_model_has_the_rows_of_the_cpsat_model(sessions_library):  # noqa: F811
    """The starting plan meets every row; the LP's rows are the same without the cuts."""
    team = load_team(TEAM_CSV)
    layout = _layout(sessions_library, team)
    assert layout.required is not None
    _, hint, feasible = starting_plan(layout, "cost", False, None, None, NO_DEADLINE)
    assert feasible
    with_cuts, plain = cost_rows(layout), cost_rows(layout, cuts=False)
    assert len(with_cuts.rows) > len(plain.rows)
    assert with_cuts.rows[: len(plain.rows)] == plain.rows
    for index, coefficients, lo, hi in with_cuts.rows:
        value = sum(a * hint[j] for j, a in zip(index, coefficients, strict=True))
        assert lo - 1e-9 <= value <= hi + 1e-9
    assert all(0 <= hint[j] <= u for j, u in enumerate(with_cuts.upper))
    cents = sum(c * v for c, v in zip(with_cuts.costs, hint, strict=True))
    assert cents == layout.evaluate(hint, 0, "cost")[0]


def test_checked_refuses_a_plan_that_breaks_a_rule(sessions_library):  # noqa: F811
    team = load_team(TEAM_CSV)
    layout = _layout(sessions_library, team)
    _, hint, _ = starting_plan(layout, "cost", False, None, None, NO_DEADLINE)
    assert checked(layout, hint) == hint
    assert checked(layout, [0] * len(hint)) is None  # nothing covered
    assert checked(layout, None) is None
    extra = list(hint)
    extra[layout.n_x] += 3  # more sessions than needed: recomputed, not trusted
    assert checked(layout, extra) == hint


def _wrong(values, proven, bound):
    return lambda *args, **kwargs: MipOutcome(values, proven, bound)


@pytest.mark.parametrize(
    "kind, proven, bound",
    [
        (None, True, 1e9),  # no plan, a claim of optimality
        ("none", True, 0.0),  # nothing taken, claimed optimal
        ("hint", False, -5.0),  # the starting plan, unproven, with a useless bound
        ("hint", True, 0.0),  # the starting plan "optimal", its cost above the bound: no proof
    ],
)
def test_a_wrong_rival_answer_is_not_trusted(sessions_library, monkeypatch, kind, proven, bound):  # noqa: F811
    team = load_team(TEAM_CSV)
    exact = plan_team(sessions_library, Request(), SolveParams(workers=1, engine="cpsat"), team)
    layout = _layout(sessions_library, team)
    _, hint, _ = starting_plan(layout, "cost", False, None, None, NO_DEADLINE)
    values = {None: None, "none": (0,) * len(hint), "hint": tuple(hint)}[kind]
    monkeypatch.setattr(team_mip, "solve_integer_mip", _wrong(values, proven, bound))
    found = plan_team(sessions_library, Request(), SolveParams(workers=1, engine="auto"), team)
    assert found == exact  # CP-SAT, racing, still proves the optimum


def test_every_peer_of_the_team_benchmark_finds_the_same_least_cost():
    """The benchmark's peers (the cost model by each MIP solver, HiGHS by scipy) and ours,
    with every engine, agree on a small synthetic team."""
    from benchmarks.team_bench import synthetic_library, synthetic_team
    from benchmarks.team_engines import run_ours
    from benchmarks.team_highs import highs_team, mip_team

    library = synthetic_library(5, 30)
    team = synthetic_team(library, 6, 6)
    records = [run_ours(spec, library, team, 60.0) for spec in ("auto", "cpsat", "mip@CBC")]
    records += [mip_team(library, team, engine, 60.0) for engine in ("SCIP", "CBC", "HIGHS")]
    if find_spec("scipy") is not None:  # the bench extra's HiGHS (CI has the wheel's only)
        records.append(highs_team(library, team, 60.0))
    assert all(r["status"] == "optimal" for r in records)
    assert len({r["best"] for r in records}) == 1


@pytest.mark.slow
def test_an_interrupt_stops_the_team_rival_and_keeps_a_plan():
    """Ctrl-C while CP-SAT's cost stage races the rival (started with the plan):
    the forked HiGHS is killed, the best plan found so far is kept."""
    from benchmarks.team_bench import synthetic_library, synthetic_team

    library = synthetic_library(1, 200)
    team = synthetic_team(library, 100, 2)
    stop = Stop()
    timers: list[threading.Timer] = []

    def progress(message: str) -> None:
        if message.startswith("cost") and not timers:  # the whole model's search
            timers.append(threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)))
            timers[0].start()

    params = SolveParams(time_limit=20, stop=stop)  # the whole model's search from ~12 s
    try:
        plan = plan_team(library, Request(), params, team, progress=progress)
    finally:
        for timer in timers:
            timer.cancel()
    assert timers and stop.requested and stop.count == 1
    assert plan.status == "feasible" and plan.total_cost > 0
    assert not multiprocessing.active_children()  # the forked HiGHS is killed and reaped


@pytest.mark.slow
def test_the_command_gives_the_same_team_plan_with_every_engine():
    """In a fresh process (the command's): the rival forks while CP-SAT's modules are
    still being imported; ``--engine mip`` once hung there for ever (the child waited
    on a module lock held by a thread it does not have)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    args = ["team", "examples/team.csv", "--catalogue", "examples/sessions-catalogue.yaml"]
    outputs = {
        engine: subprocess.run(
            [sys.executable, "-m", "curriculum", *args, "--engine", engine],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        for engine in ("mip", "auto", "cpsat")
    }
    assert outputs["mip"] == outputs["auto"] == outputs["cpsat"]
    assert "合計" in outputs["mip"] or "Total" in outputs["mip"]


def test_the_search_leaves_the_wrap_up_of_its_model_inside_the_limit():
    """The search stops WRAP_UP per enrolment variable before the limit (what follows
    it takes that long on large teams); no limit stays none; Ctrl-C carries over."""
    from curriculum.planning.team.plan import WRAP_UP, _searching
    from curriculum.solve.params import Deadline

    now = [100.0]
    stop = Stop()
    deadline = Deadline.after(30.0, clock=lambda: now[0], stop=stop)
    search = _searching(deadline, 88_000)
    assert search.remaining() == pytest.approx(30.0 - WRAP_UP * 88_000)
    assert _searching(deadline, 10**9).remaining() == 0.0  # never past the limit itself
    assert _searching(Deadline.after(None), 88_000).remaining() is None
    stop.request()
    assert search.expired()


def test_the_starts_leave_cp_sat_the_time_to_load_the_model():
    """The starts stop as long before the search's deadline as the model took to build."""
    from curriculum.planning.team.plan import _leaving
    from curriculum.solve.params import Deadline

    now = [50.0]
    deadline = Deadline.after(10.0, clock=lambda: now[0])
    assert _leaving(deadline, 2.5).remaining() == pytest.approx(7.5)
    now[0] = 58.0  # 2 s left, less than the load: the starts stop at once
    assert _leaving(deadline, 2.5).remaining() == 0.0 and deadline.remaining() == 2.0
    assert _leaving(Deadline.after(None), 2.5).remaining() is None
