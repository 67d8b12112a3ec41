"""The one required-level rule (curriculum.model.levels), as plans and reviews use it."""

from __future__ import annotations

import pytest

from curriculum.model.levels import higher_level, meets_level, required_levels, targeted_tasks
from curriculum.planning.requirement import build_plan_problem, build_requirement
from curriculum.request import Request
from curriculum.reviewing.programme import Programme
from curriculum.reviewing.review import review_programme

TINY = "TINY-001v2"


def test_an_item_needs_the_highest_level_of_the_targeted_tasks_listing_it(tiny):
    standard = tiny.standards[TINY]
    tasks, unknown = targeted_tasks(standard, ["T1", "T9"])
    assert [t.code for t in tasks] == ["T1.1", "T1.2"] and unknown == ("T9",)
    assert required_levels(standard, tasks) == {"K01": 2, "K02": 3, "S01": 2, "K03": 3, "S02": 3}
    every, none_unknown = targeted_tasks(standard, [])
    assert every == standard.tasks and none_unknown == ()
    with_attitudes = required_levels(standard, every, attitudes=True)
    assert with_attitudes["S01"] == 2 and with_attitudes["A01"] is None


@pytest.mark.parametrize(
    ("first", "second", "higher"),
    [(None, None, None), (None, 3, 3), (2, None, 2), (2, 3, 3), (3, 2.5, 3)],
)
def test_a_missing_level_asks_for_nothing(first, second, higher):
    assert higher_level(first, second) == higher


@pytest.mark.parametrize(
    ("level", "need", "counts"),
    [(3, 3, True), (2, 3, False), (None, 3, True), (1, None, True), (2.5, 2, True)],
)
def test_a_course_counts_at_or_above_the_need_and_without_a_level_everywhere(level, need, counts):
    assert meets_level(level, need) is counts


@pytest.mark.parametrize("targets", [[], ["T1"], ["T1.2"], ["T2.1", "T1.1"]])
def test_plan_and_review_apply_the_same_rule(tiny, targets):
    """The items a plan can cover at level are exactly the review's covered rows."""
    requirement = build_requirement(tiny.standards[TINY], Request.of(targets=targets))
    problem = build_plan_problem(tiny, requirement, Request())
    courses = sorted(tiny.courses)
    review = review_programme(
        tiny, Programme(name="all", standard=TINY, targets=targets, courses=courses), lang="en"
    )
    assert {r.code: r.level for r in review.rows} == requirement.levels
    for row in review.rows:
        planned = {c for c, items in problem.covers.items() if row.code in items}
        assert set(row.courses) == planned
