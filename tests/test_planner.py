"""Plans on the hand-checkable library and on the shipped example."""

from __future__ import annotations

import pytest
from conftest import BAS
from helpers import brute_force

from curriculum.errors import UnknownReferenceError
from curriculum.planning.plan import plan_courses
from curriculum.planning.requirement import build_plan_problem, build_requirement
from curriculum.request import Request

TINY = "TINY-001v2"


def assert_valid(plan, library):
    """Independent check: every coverable required item is covered at its level."""
    std = library.standards[plan.standard]
    chosen = [library.courses[c.code] for c in plan.courses]
    for item, need in plan.required.items():
        ok = [
            c
            for c in chosen
            if item in c.items_for(std.code)
            and (plan.ignore_levels or need is None or c.level is None or c.level >= need)
        ]
        if item in plan.gaps or item in plan.level_gaps:
            assert not ok
        else:
            assert ok, item
            assert set(plan.mapping[item]) == {c.code for c in ok}
    assert plan.total_hours == sum(c.hours for c in chosen)


def test_tiny_whole_standard(tiny):
    plan = plan_courses(tiny, Request.of(TINY))
    assert [c.code for c in plan.courses] == ["A1", "B1", "C1"]
    assert (plan.total_hours, plan.total_cost, plan.status) == (10, 450, "optimal")
    assert plan.gaps == ("S03",)
    assert plan.level_gaps == ("K03",)
    assert plan.required == {"K01": 2, "K02": 3, "K03": 3, "K04": 2, "S01": 2, "S02": 3, "S03": 2}
    assert plan.unlevelled == ("C1",)
    assert plan.level_offers == {"K03": (("L1", 2),)}
    assert_valid(plan, tiny)


def test_levels_and_ignore_levels(tiny):
    plan = plan_courses(tiny, Request.of(TINY, ["T1.2"], ignore_levels=True))
    assert [c.code for c in plan.courses] == ["A1", "B1", "L1"]
    assert plan.level_gaps == () and plan.gaps == ()
    assert_valid(plan, tiny)
    # level 2 only: L1 not needed, A1 suffices
    plan = plan_courses(tiny, Request.of(TINY, ["T1.1"]))
    assert [c.code for c in plan.courses] == ["A1"]


def test_duty_target_and_held_items(tiny):
    plan = plan_courses(tiny, Request.of(TINY, ["T2"], have=["Ｋ０４"]))
    assert plan.held == ("K04",)
    assert "K04" not in plan.required
    assert [c.code for c in plan.courses] == ["A1"]  # S01 only (S03 is a gap)
    assert plan.gaps == ("S03",)


def test_attitudes_join_with_flag(tiny):
    assert "A01" not in plan_courses(tiny, Request.of(TINY)).required
    plan = plan_courses(tiny, Request.of(TINY, attitudes=True))
    assert plan.mapping["A01"] == ("Z9",)


def test_exclude_and_require(tiny):
    plan = plan_courses(tiny, Request.of(TINY, exclude=["C1"]))
    assert "C2" in [c.code for c in plan.courses]
    plan = plan_courses(tiny, Request.of(TINY, require=["D1"]))
    assert [c.code for c in plan.courses] == ["C1", "D1"]
    with pytest.raises(UnknownReferenceError, match="both excluded and required"):
        plan_courses(tiny, Request.of(TINY, exclude=["D1"], require=["D1"]))
    with pytest.raises(UnknownReferenceError, match="unknown course NOPE"):
        plan_courses(tiny, Request.of(TINY, exclude=["NOPE"]))


def test_unknown_codes_list_the_valid_ones(tiny):
    with pytest.raises(UnknownReferenceError) as info:
        plan_courses(tiny, Request.of(TINY, ["T9"]))
    assert "has no task or duty T9 (valid: T1, T2, T1.1, T1.2, T2.1)" in str(info.value)
    with pytest.raises(UnknownReferenceError, match="replaced by TINY-001v2 on 2024/01/01"):
        plan_courses(tiny, Request.of("TINY-001v1"))
    with pytest.raises(UnknownReferenceError, match="defines no item K99"):
        plan_courses(tiny, Request.of(TINY, have=["K99"]))


def naive_greedy(library, targets):
    """Most required items per hour first, as a person would pick by hand, each
    course with its prerequisites (the first alternative listed)."""
    req = build_requirement(library.standards[BAS], Request.of(targets=targets))
    problem = build_plan_problem(library, req, Request())
    cover = problem.cover
    left = set(range(len(cover.items)))
    taken: set[int] = set()

    def take(j):
        if j in taken:
            return
        taken.add(j)
        for group in cover.requires[j] if cover.requires else ():
            if not taken & set(group):
                take(group[0])

    while left:
        j = max(
            (j for j, col in enumerate(cover.covers) if left & set(col)),
            key=lambda j: (len(left & set(cover.covers[j])) / problem.courses[j].hours, -j),
        )
        left -= set(cover.covers[j])
        take(j)
    return sum(problem.courses[j].hours for j in taken)


@pytest.mark.parametrize("targets", [[], ["T1.2"]])
def test_example_catalogue_properties(library, targets):
    plan = plan_courses(library, Request.of(BAS, targets))
    assert plan.status == "optimal"
    assert plan.gaps or plan.level_gaps, "the example must leave a residual gap"
    assert plan.gaps  # a true gap, not only a level gap
    assert_valid(plan, library)
    assert naive_greedy(library, targets) > plan.total_hours


def test_example_plan_is_optimal_by_brute_force(library):
    plan = plan_courses(library, Request.of(BAS, ["T1.2"]))
    req = build_requirement(library.standards[BAS], Request.of(targets=["T1.2"]))
    problem = build_plan_problem(library, req, Request())
    assert problem.cover.requires  # the example has prerequisites
    value, columns = brute_force(problem.cover)
    assert value[0] == plan.total_hours * 60
    assert [c.code for c in plan.courses] == [problem.cover.columns[j] for j in columns]


def test_rounded_hours_warn(tmp_path, tiny):
    from conftest import DATA

    from curriculum.errors import HoursRoundingWarning
    from curriculum.io.library import load_library

    path = tmp_path / "c.yaml"
    path.write_text(
        "courses:\n  - {code: R1, title: r, hours: 1.0001, covers: {TINY-001v2: [K01]}}\n",
        encoding="utf-8",
    )
    lib = load_library([DATA / "tiny" / "standard.yaml"], [path])
    with pytest.warns(HoursRoundingWarning, match="R1"):
        plan_courses(lib, Request.of(TINY, ["T1.1"]))


def test_unfinished_tie_break_is_reported(tiny):
    from dataclasses import replace

    from curriculum.planning.plan import explain
    from curriculum.report.plan.render import render_json, render_table
    from curriculum.solve.cover import solve_cover

    requirement = build_requirement(tiny.standards[TINY], Request.of(targets=[]))
    problem = build_plan_problem(tiny, requirement, Request())
    solution = solve_cover(problem.cover)
    assert explain(tiny, problem, solution).ties_proven
    plan = explain(tiny, problem, replace(solution, ties_proven=False))
    assert '"ties_proven": false' in render_json(plan)
    assert "Tie-break not completed within the time limit" in render_table(plan)
