"""One deadline per solve: every phase takes its time from it and stops at it.

No test here reads the wall clock: the deadlines run on a hand-moved clock, and
the solves are checked by the order of events (what CP-SAT was given, what came
back). How far past a real limit a solve ends is measured in
``benchmarks/deadline.py``.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest
from helpers import brute_force, cover_problems
from hypothesis import HealthCheck, given, settings

from curriculum.solve import cpsat
from curriculum.solve.cover import greedy_cover, local_search, solve_cover
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams, deadline_for
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem

PACKAGE = Path(__file__).resolve().parent.parent / "curriculum"


class Clock:
    """A clock that moves only when told to."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def passed() -> Deadline:
    """A deadline already passed (on a clock that stays put)."""
    clock = Clock()
    deadline = Deadline.after(1.0, clock)
    clock.now += 2.0
    return deadline


def test_a_deadline_gives_parts_of_the_time_left_never_more():
    clock = Clock()
    deadline = Deadline.after(10.0, clock)
    assert deadline.remaining() == 10.0 and not deadline.expired()
    clock.now += 4.0
    part = deadline.part(0.5)
    assert part.remaining() == 3.0  # half of the 6 s left
    assert deadline.within(1.0).remaining() == 1.0
    assert deadline.within(60.0).remaining() == 6.0  # a cap never extends the deadline
    assert deadline.part(2.0).at == deadline.at
    clock.now += 3.0
    assert part.expired() and not deadline.expired()
    clock.now += 10.0
    assert deadline.expired() and deadline.remaining() == 0.0
    assert deadline.part(0.5).at == deadline.at  # past the deadline, parts are past too


def test_no_limit_stays_no_limit_except_for_a_cap():
    assert NO_DEADLINE.remaining() is None and not NO_DEADLINE.expired()
    assert NO_DEADLINE.part(0.1) is NO_DEADLINE
    clock = Clock()
    capped = Deadline(None, clock).within(5.0)
    assert capped.remaining() == 5.0


def test_the_time_limit_is_read_once_into_a_deadline():
    given = Deadline.after(3.0, Clock())
    assert deadline_for(SolveParams(time_limit=60), given) is given
    assert deadline_for(SolveParams(), None).at is None
    made = deadline_for(SolveParams(time_limit=2.0), None)
    assert made.at is not None and 0 < made.remaining() <= 2.0


def test_no_phase_makes_a_deadline_of_its_own():
    """Only ``solve/params.py`` reads ``time_limit`` or the clock to make a deadline:
    the solve and planning layers take theirs from the one handed down."""
    offenders = []
    for folder in ("solve", "planning"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            if path.name == "params.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in ("time_limit", "monotonic")
                    and isinstance(node.value, ast.Name)
                    and node.value.id in ("params", "time")
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    # the one exception: CP-SAT's progress messages show the seconds since the stage began
    assert all(o.startswith("solve/cpsat.py:") for o in offenders), offenders


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cover_problems())
def test_a_reduction_stopped_at_once_keeps_the_answer(problem):
    """Stopped before it starts, the reduction changes nothing the tie-break sees."""
    reduction = reduce_cover(problem, deadline=passed())
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
    found = local_search(problem, start, deadline=passed())
    assert problem.is_cover(found)
    assert problem.value(found) <= problem.value(start)


def test_a_solve_past_its_deadline_gives_cp_sat_no_time(monkeypatch):
    """Reductions, starts, LP bounds and every CP-SAT stage take their time from the one
    deadline: handed a deadline already passed, no stage is given any time, and the
    answer is still a cover with a true bound."""
    given_times: list[float | None] = []
    solve_model = cpsat.solve_model

    def spy(model, params, deadline=NO_DEADLINE, **kwargs):
        given_times.append(deadline.remaining())
        return solve_model(model, params, deadline, **kwargs)

    monkeypatch.setattr(cpsat, "solve_model", spy)
    problem = _large(2, 100, 4_000)
    solution = solve_cover(problem, SolveParams(time_limit=3600, search_columns=0), passed())
    assert given_times and set(given_times) == {0.0}
    assert problem.is_cover(solution.chosen)
    assert solution.lower_bound <= solution.value[0]
    assert solution.status == "feasible" or solution.lower_bound == solution.value[0]


@pytest.mark.parametrize("limit", [None, 3600.0])
def test_nested_solves_inherit_the_deadline(monkeypatch, limit):
    """The core sub-problems of a hard cover are solved within the caller's deadline,
    never a time limit of their own."""
    from curriculum.solve import cover

    seen: list[Deadline] = []
    nested = cover.solve_cover

    def spy(problem, params=None, deadline=None):
        seen.append(deadline)
        return nested(problem, params, deadline)

    monkeypatch.setattr(cover, "solve_cover", spy)
    clock = Clock()
    outer = Deadline.after(limit, clock)
    solve = cover._core_solver(SolveParams(time_limit=limit))
    solve(_large(4, 20, 200), outer.part(0.4))
    assert len(seen) == 1 and seen[0] is not None
    assert seen[0].at == (None if limit is None else clock.now + 0.4 * limit)
