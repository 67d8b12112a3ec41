"""Plans honour prerequisites exactly: the solver against brute force, and the plan."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, STANDARDS
from helpers import (
    brute_force,
    brute_force_coverage,
    budget_instances,
    fast_and_full,
    prerequisite_libraries,
    requires_problems,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.cli import main
from curriculum.errors import BudgetError, UnknownReferenceError
from curriculum.planning.budget import plan_with_budget, solve_budget
from curriculum.planning.plan import plan_courses
from curriculum.planning.requirement import plan_problem
from curriculum.request import Request
from curriculum.solve.cover import SolveParams, solve_cover
from curriculum.solve.coverage import solve_coverage
from curriculum.solve.presolve import reduce_cover
from curriculum.solve.problem import CoverProblem
from curriculum.solve.requires import greedy_requires, search_requires

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast_and_full(20)
@SETTINGS
@given(requires_problems())
def test_solver_matches_brute_force(problem: CoverProblem) -> None:
    value, columns = brute_force(problem)
    solution = solve_cover(problem, SolveParams(workers=1))
    assert problem.is_cover(solution.chosen)
    assert (solution.value, solution.chosen) == (value, columns)
    assert solution.status == "optimal" and solution.ties_proven


@fast_and_full(10)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requires_problems())
def test_cp_sat_path_matches_brute_force(problem: CoverProblem) -> None:
    """Without the small-problem search (and without presolve), CP-SAT decides."""
    value, columns = brute_force(problem)
    for presolve in (True, False):
        params = SolveParams(workers=1, search_columns=0, presolve=presolve)
        solution = solve_cover(problem, params)
        assert problem.is_cover(solution.chosen)
        assert (solution.value, solution.chosen) == (value, columns)


@fast_and_full(20)
@SETTINGS
@given(requires_problems())
def test_starts_and_search_are_feasible(problem: CoverProblem) -> None:
    start = greedy_requires(problem)
    assert problem.is_cover(start)
    found = search_requires(problem, start)
    assert found is not None and problem.is_cover(found)
    assert (problem.value(found), tuple(found)) == brute_force(problem)


@fast_and_full(20)
@SETTINGS
@given(requires_problems())
def test_presolve_keeps_the_answer(problem: CoverProblem) -> None:
    reduction = reduce_cover(problem)
    _, columns = brute_force(problem)
    if reduction.problem is None:
        assert tuple(reduction.fixed) == columns
        return
    _, sub = brute_force(reduction.problem)
    assert tuple(reduction.expand(list(sub))) == columns


@fast_and_full(15)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_instances(prerequisites=True))
def test_coverage_matches_brute_force(instance) -> None:
    problem, weights, max_minutes, max_cents = instance
    limits = (max_minutes, max_cents)
    best = brute_force_coverage(problem, weights, limits)
    if best is None:
        return
    found = solve_coverage(problem, weights, limits, params=SolveParams(workers=1))
    assert problem.meets_requirements(found.chosen) and problem.forced <= set(found.chosen)
    assert (-found.weight, *found.value, len(found.chosen), found.chosen) == best
    assert found.optimal


@fast_and_full(25)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_instances(prerequisites=True))
def test_budget_matches_brute_force(instance) -> None:
    problem, weights, max_minutes, max_cents = instance
    best = brute_force_coverage(problem, weights, (max_minutes, max_cents))
    params = SolveParams(workers=1)
    if best is None:
        with pytest.raises(BudgetError):
            solve_budget(
                problem, weights, max_minutes=max_minutes, max_cents=max_cents, params=params
            )
        return
    found = solve_budget(
        problem, weights, max_minutes=max_minutes, max_cents=max_cents, params=params
    )
    assert problem.meets_requirements(found.chosen)
    assert (-found.weight, *found.value, len(found.chosen), found.chosen) == best
    assert found.status == "optimal" and found.ties_proven


# --------------------------------------------------------------------------- plans


def test_plan_brings_prerequisites(library) -> None:
    plan = plan_courses(library, Request.of(BAS, ["T1.2"]))
    codes = [c.code for c in plan.courses]
    assert {"CS-105", "CS-106", "CS-101", "TR-501"} <= set(codes)
    by_code = {c.code: c for c in plan.courses}
    assert by_code["CS-105"].prerequisite_of == ("CS-106",)
    assert by_code["CS-101"].prerequisite_of == ("TR-501",)
    assert by_code["CS-101"].covers == ()  # only there as a prerequisite
    assert plan.total_hours == 84  # prerequisites are counted
    problem = plan_problem(library, Request.of(BAS, ["T1.2"]))
    chosen = [problem.cover.columns.index(c) for c in codes]
    assert problem.cover.is_cover(chosen)
    # Every alternative is a candidate, even one covering no required item.
    assert {"CS-100", "CS-101", "PM-201"} <= set(problem.cover.columns)
    tr = problem.cover.columns.index("TR-501")
    assert [[problem.cover.columns[k] for k in g] for g in problem.cover.requires[tr]] == [
        ["CS-100", "CS-101"]
    ]


def test_done_courses_meet_prerequisites_and_are_not_planned(library) -> None:
    plan = plan_courses(library, Request.of(BAS, ["T1.2"], done=["cs-101", "CS-105"]))
    codes = [c.code for c in plan.courses]
    assert "CS-101" not in codes and "CS-105" not in codes
    assert "TR-501" in codes and "CS-106" in codes
    assert plan.total_hours == 72 and plan.done == ("CS-101", "CS-105")
    assert plan.to_dict()["done"] == ["CS-101", "CS-105"]
    assert "done" not in plan_courses(library, Request.of(BAS, ["T1.2"])).to_dict()


def test_held_items_meet_no_prerequisite(library) -> None:
    plan = plan_courses(library, Request.of(BAS, ["T1.2"], have=["K03", "K05"]))
    assert "K05" not in plan.required
    # TR-501 is still needed (S06) and brings a course, although items are held.
    assert {"CS-101", "TR-501"} <= {c.code for c in plan.courses}


def test_holding_every_item_of_a_prerequisite_meets_it(library) -> None:
    # CS-101 claims K01 and K02 only: a learner holding both has its learning.
    plan = plan_courses(library, Request.of(BAS, ["T1.2"], have=["K01", "K02"]))
    codes = {c.code for c in plan.courses}
    assert "TR-501" in codes and "CS-101" not in codes and "CS-100" not in codes
    problem = plan_problem(library, Request.of(BAS, ["T1.2"], have=["K01", "K02"]))
    tr = problem.cover.columns.index("TR-501")
    assert not problem.cover.requires or problem.cover.requires[tr] == ()
    # Holding only one of its items is not enough.
    assert "CS-101" in {
        c.code for c in plan_courses(library, Request.of(BAS, ["T1.2"], have=["K01"])).courses
    }


def test_excluded_courses_serve_as_no_prerequisite(library) -> None:
    plan = plan_courses(library, Request.of(BAS, ["T1.2"], exclude=["CS-105"]))
    assert "CS-106" not in {c.code for c in plan.courses}  # its prerequisite is excluded
    assert plan.blocked == (("CS-106", "CS-105"),)
    assert "K05" in plan.level_gaps
    assert plan.level_offers["K05"] == (("CS-100", 3),)  # CS-106 is no offer
    with pytest.raises(UnknownReferenceError, match="CS-106 cannot be planned"):
        plan_courses(library, Request.of(BAS, ["T1.2"], exclude=["CS-105"], require=["CS-106"]))
    with pytest.raises(UnknownReferenceError, match="both done and required"):
        plan_courses(library, Request.of(BAS, ["T1.2"], done=["CS-105"], require=["CS-105"]))


def test_budget_counts_prerequisites(library) -> None:
    plan = plan_with_budget(library, Request.of(BAS, ["T1.2"]), max_hours=60)
    assert plan.total_hours <= 60
    codes = {c.code for c in plan.courses}
    problem = plan_problem(library, Request.of(BAS, ["T1.2"]))
    assert problem.cover.meets_requirements(problem.cover.columns.index(c) for c in codes)


def test_cli_shows_prerequisite_of_and_takes_done() -> None:
    runner = CliRunner()
    args = ["plan", BAS, "T1.2", "--standards", str(STANDARDS), "--catalogue", str(COURSES)]
    out = runner.invoke(main, [*args, "--lang", "en"]).stdout
    assert "prerequisite of CS-106" in out and "prerequisite of TR-501" in out
    zh = runner.invoke(main, [*args, "--lang", "zh-TW"]).stdout
    assert "CS-106 的先修課程" in zh
    done = runner.invoke(main, [*args, "--lang", "en", "--done", "CS-101,CS-105"])
    assert done.exit_code == 0, done.stderr
    assert "done: CS-101, CS-105" in done.stdout
    assert "prerequisite of" not in done.stdout
    assert "Total: 7 courses, 72 hours" in done.stdout
    bad = runner.invoke(main, [*args, "--lang", "en", "--done", "NOPE-1"])
    assert bad.exit_code != 0 and "unknown course NOPE-1" in bad.stderr


def test_batch_reads_done_courses(tmp_path) -> None:
    learners = tmp_path / "learners.csv"
    learners.write_text(
        f"編號,職能基準,目標,已修課程\na,{BAS},T1.2,\nb,{BAS},T1.2,CS-101;CS-105\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "plan",
            "--batch",
            str(learners),
            "--standards",
            str(STANDARDS),
            "--catalogue",
            str(COURSES),
            "--format",
            "json",
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["total_hours"] == 84 and "done" not in first
    assert second["total_hours"] == 72 and second["done"] == ["CS-101", "CS-105"]


def test_team_members_get_their_prerequisites(library) -> None:
    from curriculum.io.team_file import Member, Team
    from curriculum.planning.team.plan import plan_team

    team = Team(
        (
            Member(id="A", standard=BAS, targets=("T1.2",)),
            Member(id="B", standard=BAS, targets=("T1.2",), done=("CS-101", "CS-105")),
        ),
        "t",
    )
    plan = plan_team(library, Request(), SolveParams(workers=1), team, objective="hours")
    courses = {m.id: set(m.courses) for m in plan.members}
    assert {"CS-105", "CS-106", "CS-101", "TR-501"} <= courses["A"]
    assert {"CS-106", "TR-501"} <= courses["B"] and not {"CS-101", "CS-105"} & courses["B"]
    for member in team.members:
        problem = plan_problem(library, Request.of(BAS, member.targets, done=member.done))
        cover = problem.cover
        chosen = [cover.columns.index(c) for c in courses[member.id]]
        assert cover.is_cover(chosen)
        best = solve_cover(cover, SolveParams(workers=1)).value[0]
        assert sum(cover.objectives[0][j] for j in chosen) == best  # least hours each


def brute_force_plan(library, required, done=(), held=()):
    """(best key, items reachable): over every set of catalogue courses (done ones
    left out) meeting every chosen course's prerequisites and corequisites (a done
    course, or one claiming items all held, meets them), the required items some
    such set covers, and the best (minutes, cents, count, codes) covering all of
    them; written without the planner."""
    courses = sorted(c for c in library.courses if c not in done)
    known = {
        code
        for code, course in library.courses.items()
        if course.items_for("PRQ-001v1") and set(course.items_for("PRQ-001v1")) <= set(held)
    }
    feasible = []
    for size in range(len(courses) + 1):
        for subset in combinations(courses, size):
            chosen = set(subset) | set(done) | known
            if all(
                any(a in chosen for a in group)
                for code in subset
                for group in (
                    *library.courses[code].prerequisites,
                    *library.courses[code].corequisites,
                )
            ):
                covered = {i for c in subset for i in library.courses[c].items_for("PRQ-001v1")}
                feasible.append((subset, covered & set(required)))
    reachable = set().union(*(covered for _, covered in feasible))
    best = None
    for subset, covered in feasible:
        if covered == reachable:
            minutes = sum(round(library.courses[c].hours * 60) for c in subset)
            cents = sum(round((library.courses[c].price or 0) * 100) for c in subset)
            key = (minutes, cents, len(subset), subset)
            if best is None or key < best:
                best = key
    return best, reachable


@fast_and_full(30)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prerequisite_libraries(), st.data())
def test_plan_matches_brute_force_over_the_catalogue(instance, data) -> None:
    library, targets = instance
    done = sorted(data.draw(st.sets(st.sampled_from(sorted(library.courses)), max_size=2)))
    items = sorted(library.standards["PRQ-001v1"].item_index)
    held = sorted(data.draw(st.sets(st.sampled_from(items), max_size=3)))
    plan = plan_courses(
        library, Request.of("PRQ-001v1", targets, done=done, have=held), SolveParams(workers=1)
    )
    best, reachable = brute_force_plan(library, plan.required, tuple(done), tuple(held))
    assert set(plan.mapping) == reachable  # what no feasible set covers is a gap
    assert set(plan.gaps) | set(plan.level_gaps) == set(plan.required) - reachable
    codes = tuple(c.code for c in plan.courses)
    assert (round(plan.total_hours * 60), codes) == (best[0], best[3])
    assert plan.status == "optimal" and plan.ties_proven


def test_frontier_points_bring_their_prerequisites(library) -> None:
    from curriculum.planning.frontier import compute_frontier

    frontier = compute_frontier(library, Request.of(BAS, ["T1.2"]), SolveParams(workers=1))
    problem = plan_problem(library, Request.of(BAS, ["T1.2"]))
    cover = problem.cover
    for point in frontier.points:
        assert cover.meets_requirements(cover.columns.index(c) for c in point.courses)
    assert frontier.points[-1].hours == 84  # the full plan, prerequisites included
    assert "CS-105" in frontier.points[-1].courses
