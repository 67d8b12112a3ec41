"""One request model: the planning and reviewing entry points take the frozen
:class:`Request` (and the solver settings, then what is particular to the question),
never its choices again as keywords; the request's names are written once."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from conftest import BAS

from curriculum.errors import UsageError
from curriculum.io.records import Learner
from curriculum.planning.batch import BatchJob, plan_batch
from curriculum.planning.budget import plan_with_budget
from curriculum.planning.frontier import compute_frontier
from curriculum.planning.plan import plan_courses
from curriculum.planning.schedule import schedule_courses
from curriculum.planning.team.frontier import compute_team_frontier
from curriculum.planning.team.plan import member_needs, plan_team
from curriculum.request import REQUEST_KEYWORDS, Request
from curriculum.reviewing.review import review_programme

CHOICES = {f.name for f in dataclasses.fields(Request)}

ENTRY_POINTS = [
    plan_courses,
    plan_with_budget,
    compute_frontier,
    schedule_courses,
    plan_team,
    compute_team_frontier,
    plan_batch,
]


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=lambda f: f.__name__)
def test_planning_entry_points_take_library_request_params(entry) -> None:
    names = list(inspect.signature(entry).parameters)
    assert names[:3] == ["library", "request", "params"]
    assert not CHOICES & set(names), "a request choice declared again as a keyword"


@pytest.mark.parametrize("entry", [member_needs, BatchJob, review_programme])
def test_the_other_doors_take_no_request_choice_as_a_keyword(entry) -> None:
    assert not CHOICES & set(inspect.signature(entry).parameters)


def test_the_request_names_are_written_once() -> None:
    assert REQUEST_KEYWORDS == CHOICES
    of = inspect.signature(Request.of).parameters
    assert set(of) == CHOICES  # the one builder takes exactly the fields


def test_a_member_keeps_the_shared_choices_and_brings_their_own() -> None:
    shared = Request.of(attitudes=True, exclude="CS-101", require="CS-105", ignore_levels=True)
    learner = Learner("ann", BAS, ("T1.2",), ("K01",), 2, ("CS-100",))
    own = shared.for_member(learner)
    assert (own.standard, own.targets, own.have, own.done) == (
        BAS,
        ("T1.2",),
        ("K01",),
        ("CS-100",),
    )
    assert (own.attitudes, own.exclude, own.require, own.ignore_levels) == (
        True,
        ("CS-101",),
        ("CS-105",),
        True,
    )
    assert shared.standard is None  # frozen: the shared request is unchanged


def test_a_frontier_refuses_required_courses(library) -> None:
    with pytest.raises(UsageError, match="a frontier takes no require"):
        compute_frontier(library, Request.of(BAS, "T1.2", require="CS-105"))
