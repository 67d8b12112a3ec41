"""The exact schedule solver against brute force, its determinism and its bounds."""

from __future__ import annotations

import pytest
from helpers import fast_and_full
from hypothesis import HealthCheck, given, settings

from curriculum.solve.params import NO_DEADLINE, SolveParams
from curriculum.solve.problem import CoverProblem
from curriculum.solve.schedule import ScheduleInfeasible, placement_windows, solve_schedule
from curriculum.solve.schedule_problem import ScheduleProblem
from curriculum.solve.schedule_settle import movable_earlier, settle_early
from tests.helpers import brute_force_schedule, schedule_problems


@fast_and_full(15)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedule_problems())
def test_solver_matches_brute_force(problem: ScheduleProblem) -> None:
    expected = brute_force_schedule(problem)
    if expected is None:
        with pytest.raises(ScheduleInfeasible):
            solve_schedule(problem, SolveParams())
        return
    solution = solve_schedule(problem, SolveParams())
    placement = dict(solution.placement)
    assert problem.check(placement) == []
    assert solution.status == "optimal" and solution.ties_proven
    assert solution.value == expected[0]
    assert solution.lower_bound == expected[0][0]
    assert sorted(placement) == sorted(expected[1])  # the plan's tie-breaks choose the columns
    heaviest = solution.value[0] if problem.goal == "balance" else None
    assert movable_earlier(problem, placement, heaviest) == []  # settled
    assert solve_schedule(problem, SolveParams(workers=2)) == solution  # canonical


def chain(n: int, periods: int, **kwargs: object) -> ScheduleProblem:
    """Columns 0 … n-1, each needing the one before, all forced."""
    cover = CoverProblem(
        items=(),
        columns=tuple(f"c{j}" for j in range(n)),
        covers=((),) * n,
        objectives=(tuple(range(1, n + 1)), (0,) * n),
        forced=frozenset(range(n)),
        requires=tuple(((j - 1,),) if j else () for j in range(n)),
    )
    return ScheduleProblem(cover, periods, **kwargs)  # type: ignore[arg-type]


def test_windows_follow_chain_depth_and_height() -> None:
    assert placement_windows(chain(3, 5)) == [(0, 1, 2), (1, 2, 3), (2, 3, 4)]


def test_chain_longer_than_the_periods_is_infeasible() -> None:
    with pytest.raises(ScheduleInfeasible):
        solve_schedule(chain(4, 3), SolveParams())


def test_balance_spreads_and_is_deterministic() -> None:
    n = 8
    cover = CoverProblem(
        items=(),
        columns=tuple(f"c{j}" for j in range(n)),
        covers=((),) * n,
        objectives=((3, 1, 4, 1, 5, 9, 2, 6), (0,) * n),
        forced=frozenset(range(n)),
        requires=((), (), ((0,),), ((1, 2),), (), ((4,),), (), ()),
    )
    problem = ScheduleProblem(cover, 4, goal="balance", max_courses=3)
    one = solve_schedule(problem, SolveParams(workers=1))
    two = solve_schedule(problem, SolveParams(workers=2))
    assert one == two
    assert one.value[0] == 9 and one.status == "optimal" and one.ties_proven
    assert problem.check(dict(one.placement)) == []


def test_settle_moves_courses_earlier_alone_and_keeps_the_rules() -> None:
    problem = chain(3, 5, max_courses=2)
    # c0 goes to 0 and c1 to 1 (emptying period 3 is allowed), c2 stays: it is the last.
    settled = settle_early(problem, {0: 1, 1: 3, 2: 4})
    assert settled == {0: 0, 1: 1, 2: 4}
    assert problem.check(settled) == [] and movable_earlier(problem, settled) == []
    assert max(settled.values()) == 4  # the last period used stays used


def pair(periods: int, **kwargs: object) -> ScheduleProblem:
    """c0 (offered in the last period only) and c1, which goes in c0's period; both forced."""
    cover = CoverProblem(
        items=(),
        columns=("c0", "c1"),
        covers=((), ()),
        objectives=((3, 1), (0, 0)),
        forced=frozenset({0, 1}),
    )
    allowed = ((periods - 1,), tuple(range(periods)))
    return ScheduleProblem(cover, periods, allowed=allowed, **kwargs)  # type: ignore[arg-type]


def test_same_term_courses_share_a_period() -> None:
    problem = pair(3, together=((), ((0,),)))
    solution = solve_schedule(problem, SolveParams())
    assert dict(solution.placement) == {0: 2, 1: 2}
    # a corequisite alone may come first; settling moves it there
    loose = pair(3, corequires=((), ((0,),)))
    assert dict(solve_schedule(loose, SolveParams()).placement) == {0: 2, 1: 2}
    mutual = pair(3, corequires=(((1,),), ((0,),)))
    assert dict(solve_schedule(mutual, SolveParams()).placement) == {0: 2, 1: 2}
    # same term against a prerequisite: no schedule
    with pytest.raises(ScheduleInfeasible):
        solve_schedule(pair(3, together=((), ((0,),)), max_courses=1), SolveParams())


def test_settle_never_splits_a_same_term_pair() -> None:
    cover = CoverProblem(
        items=(),
        columns=("c0", "c1"),
        covers=((), ()),
        objectives=((1, 1), (0, 0)),
        forced=frozenset({0, 1}),
    )
    problem = ScheduleProblem(cover, 3, together=(((1,),), ()))
    assert settle_early(problem, {0: 1, 1: 1}) == {0: 1, 1: 1}
    assert problem.check({0: 0, 1: 1}) == ["column 0: no same-term requirement (1,) with it"]


def test_settle_respects_the_heaviest_period_and_minimums() -> None:
    n = 4
    cover = CoverProblem(
        items=(),
        columns=tuple(f"c{j}" for j in range(n)),
        covers=((),) * n,
        objectives=((2, 2, 2, 2), (0,) * n),
        forced=frozenset(range(n)),
    )
    problem = ScheduleProblem(cover, 2, goal="balance", min_courses=1)
    start = {0: 1, 1: 1, 2: 0, 3: 0}
    assert settle_early(problem, start, heaviest=4) == start  # period 0 is full
    assert movable_earlier(problem, start) == [0, 1]  # but not when heavier loads are allowed
    # Without the heaviest bound column 0 moves; column 1 must stay (period 1 not emptied).
    assert settle_early(problem, start) == {0: 0, 1: 1, 2: 0, 3: 0}


def test_lower_bound_shortcut_gives_the_staged_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    n = 6
    cover = CoverProblem(
        items=(),
        columns=tuple(f"c{j}" for j in range(n)),
        covers=((),) * n,
        objectives=((2, 2, 2, 2, 2, 2), (0,) * n),
        forced=frozenset(range(n)),
        requires=((), ((0,),), (), ((2,),), (), ()),
    )
    problem = ScheduleProblem(cover, 3, goal="balance")
    import curriculum.solve.schedule as schedule

    windows = placement_windows(problem)
    assert schedule._at_lower_bounds(problem, windows, SolveParams(), NO_DEADLINE) is not None
    quick = solve_schedule(problem, SolveParams())
    assert quick.value[0] == 4 and quick.ties_proven  # 12 minutes over 3 periods

    monkeypatch.setattr(schedule, "_at_lower_bounds", lambda *args: None)
    assert solve_schedule(problem, SolveParams(workers=2)) == quick
