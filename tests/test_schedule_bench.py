"""The schedule benchmark: its generated instances and its HiGHS model against brute force."""

from __future__ import annotations

import itertools
import json
import random
from importlib.util import find_spec

import pytest

from benchmarks import schedule_bench
from benchmarks.schedule_highs import build_model, solve_highs
from benchmarks.schedule_instances import make_instance, periods_for, schedule_value
from curriculum.solve.problem import CoverProblem
from curriculum.solve.schedule_problem import ScheduleProblem, ScheduleSolution

# SciPy is imported by the tests that run, not when the module is collected.
pytestmark = pytest.mark.skipif(find_spec("scipy") is None, reason="no SciPy here")


def tiny_problem(rng: random.Random) -> ScheduleProblem:
    """A random problem small enough to enumerate: 3-5 courses, 2-3 periods, every bound."""
    n, periods, items = rng.randint(3, 5), rng.randint(2, 3), rng.randint(1, 4)
    covers = [tuple(sorted(rng.sample(range(items), rng.randint(1, items)))) for _ in range(n)]
    covers[-1] = tuple(range(items))  # every item coverable

    def requirements(share: float) -> tuple[tuple[tuple[int, ...], ...], ...]:
        result = []
        for j in range(n):
            others = [k for k in range(n) if k != j]
            groups = [
                tuple(sorted(rng.sample(others, rng.randint(1, 2))))
                for _ in range(rng.random() < share)
            ]
            result.append(tuple(groups))
        return tuple(result)

    goal = rng.choice(("hours", "balance"))
    cover = CoverProblem(
        items=tuple(f"i{i}" for i in range(items)),
        columns=tuple(f"c{j}" for j in range(n)),
        covers=tuple(covers),
        objectives=(
            tuple(60 * rng.randint(1, 6) for _ in range(n)),
            tuple(rng.randint(0, 9) for _ in range(n)),
        ),
        forced=frozenset(rng.sample(range(n), rng.randint(0, n if goal == "balance" else 1))),
        requires=requirements(0.4),
    )
    maybe = lambda value: value if rng.random() < 0.3 else None  # noqa: E731
    return ScheduleProblem(
        cover=cover,
        periods=periods,
        allowed=tuple(
            tuple(sorted(rng.sample(range(periods), rng.randint(1, periods)))) for _ in range(n)
        ),
        corequires=requirements(0.2) if rng.random() < 0.5 else (),
        max_minutes=maybe(60 * rng.randint(4, 10)),
        min_minutes=maybe(60 * rng.randint(1, 3)),
        max_cents=maybe(rng.randint(5, 15)),
        min_courses=maybe(rng.randint(1, 2)),
        max_courses=maybe(rng.randint(1, 3)),
        goal=goal,
    )


def brute_force(problem: ScheduleProblem) -> tuple[int, ...] | None:
    """The least objective vector over every placement (``None`` when none is valid)."""
    n = len(problem.cover.columns)
    best = None
    choices = [(None, *problem.periods_of(j)) for j in range(n)]
    for combo in itertools.product(*choices):
        placement = {j: p for j, p in enumerate(combo) if p is not None}
        if not problem.check(placement):
            value = schedule_value(problem, placement)
            best = value if best is None or value < best else best
    return best


@pytest.mark.parametrize("seed", range(60))
def test_highs_model_matches_brute_force(seed: int) -> None:
    problem = tiny_problem(random.Random(seed))
    result = solve_highs(build_model(problem), time_limit=20)
    expected = brute_force(problem)
    if expected is None:
        assert result.status == "infeasible" and result.value is None
    else:
        assert result.status == "optimal"
        assert problem.check(result.placement) == []
        assert result.value == expected


def test_both_goals_are_met_by_some_tiny_problem() -> None:
    """The brute-force cases above exercise both goals, feasible and infeasible ones."""
    problems = [tiny_problem(random.Random(seed)) for seed in range(60)]
    assert {p.goal for p in problems} == {"hours", "balance"}
    feasible = [brute_force(p) is not None for p in problems]
    assert 15 <= sum(feasible) < 60


@pytest.mark.parametrize(("n", "goal"), [(50, "hours"), (200, "balance"), (500, "hours")])
def test_generated_instances_are_feasible_and_realistic(n: int, goal: str) -> None:
    instance = make_instance(n, 8, 3, goal)  # type: ignore[arg-type]
    problem = instance.problem
    assert problem.check(instance.witness) == []
    assert make_instance(n, 8, 3, goal) == instance  # seeded: the same instance again
    share = sum(1 for r in problem.cover.requires if r) / n
    assert 0.15 <= share <= 0.45
    assert any(len(g) > 1 for r in problem.cover.requires for g in r)
    assert 30 <= len(problem.cover.items) <= 200
    assert all(len(c) >= 1 for c in problem.cover.covers)
    assert all(180 <= m <= 2400 for m in problem.cover.objectives[0])
    assert any(len(a) < problem.periods for a in problem.allowed)
    loads = [0] * problem.periods
    for j, p in instance.witness.items():
        loads[p] += problem.cover.objectives[0][j]
    assert max(loads) == problem.max_minutes  # the cap is tight on the witness
    if goal == "balance":
        assert problem.cover.forced == frozenset(range(n))


def _depth(problem: ScheduleProblem, j: int) -> int:
    groups = problem.cover.requires[j]
    return 1 + max((_depth(problem, k) for g in groups for k in g), default=0)


def test_prerequisite_chains_reach_depth_three_to_four() -> None:
    problem = make_instance(300, 10, 1, "hours").problem
    depths = [_depth(problem, j) for j in range(300)]
    assert 3 <= max(depths) <= 4


def _stand_in(kind: str):  # type: ignore[no-untyped-def]
    """A stand-in for ``solve_schedule`` claiming optimality: HiGHS's schedule
    (``"same"``), the same with a wrong reported value (``"value"``) or the
    instance's witness schedule, valid but not optimal (``"worse"``)."""

    def solve(problem: ScheduleProblem, params: object) -> ScheduleSolution:
        if kind == "worse":
            placement = make_instance(10, periods_for(10, 1), 1, "hours").witness
        else:
            placement = solve_highs(build_model(problem), 20).placement
        value = schedule_value(problem, placement)
        if kind == "value":
            value = (value[0] + 60, *value[1:])
        return ScheduleSolution(tuple(sorted(placement.items())), value, "optimal", None)

    return solve


@pytest.mark.parametrize(
    ("kind", "code", "same", "invalid"),
    [("same", 0, True, False), ("value", 1, True, True), ("worse", 1, False, False)],
)
def test_check_mode_fails_when_the_answers_differ(monkeypatch, capsys, kind, code, same, invalid):
    monkeypatch.setattr(schedule_bench, "load_solver", lambda: _stand_in(kind))
    argv = ["--sizes", "10", "--seeds", "1", "--goals", "hours", "--json", "--check"]
    assert schedule_bench.main(argv) == code
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    (row,) = out["instances"]
    assert row["cpsat"]["status"] == row["highs"]["status"] == "optimal"
    assert row["same"] is same
    assert bool(row["cpsat"]["problems"]) is invalid
    assert out["must_hold"] is True
    assert ("FAIL" in captured.err) is bool(code)


def test_runs_highs_alone_until_the_solver_lands(monkeypatch, capsys):
    monkeypatch.setattr(schedule_bench, "load_solver", lambda: None)
    argv = ["--sizes", "10", "--seeds", "1", "--goals", "balance", "--check"]
    assert schedule_bench.main(argv) == 0
    out = capsys.readouterr().out
    assert "not available yet" in out and "balance-10-" in out
