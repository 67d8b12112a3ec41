"""The Python API checks its arguments at the door, with the command line's rules
(issue 25, point 7): a wrong type or value is the library's own
:class:`~curriculum.errors.UsageError` (exit code 2, as a click usage error), never
a raw ``TypeError``, ``AttributeError``, ``OverflowError`` or pydantic error from
deep inside, and never a silent answer (``schedule(periods=0)`` once gave 8
periods)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import curriculum
from curriculum import ScheduleLimits, SolveParams
from curriculum.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
BAS = "BAS1499-001v4"
PROGRAMME = str(ROOT / "examples" / "programme-BAS1499-001v4.yaml")
TEAM = str(ROOT / "examples" / "team.csv")
NAN, INF = math.nan, math.inf


@pytest.fixture(scope="module")
def lib() -> curriculum.Library:
    return curriculum.load_library(ROOT / "standards", ROOT / "courses")


Call = Callable[[Any], Any]

CASES: dict[str, tuple[Call, str]] = {
    # loading
    "load_library(123)": (lambda lib: curriculum.load_library(123), "standards"),
    "load_library([b'...'])": (lambda lib: curriculum.load_library([b"standards"]), "standards"),
    "load_library(check_references='no')": (
        lambda lib: curriculum.load_library(check_references="no"),
        "check_references",
    ),
    "load_programme(b'p.yaml')": (lambda lib: curriculum.load_programme(b"p.yaml"), "path"),
    "load_team(123)": (lambda lib: curriculum.load_team(123), "path"),
    # what to cover
    "plan(lib, None)": (lambda lib: curriculum.plan(lib, None), "standard"),
    "plan(lib, 123)": (lambda lib: curriculum.plan(lib, 123), "standard"),
    "plan(None, ...)": (lambda lib: curriculum.plan(None, BAS), "library"),
    "plan(targets=12)": (lambda lib: curriculum.plan(lib, BAS, 12), "targets"),
    "plan(targets=[1])": (lambda lib: curriculum.plan(lib, BAS, [1]), "targets"),
    "plan(have=b'K01')": (lambda lib: curriculum.plan(lib, BAS, have=b"K01"), "have"),
    "plan(attitudes='yes')": (lambda lib: curriculum.plan(lib, BAS, attitudes="yes"), "attitudes"),
    "plan(objective='fast')": (
        lambda lib: curriculum.plan(lib, BAS, objective="fast"),
        "objective",
    ),
    "plan(params={...})": (
        lambda lib: curriculum.plan(lib, BAS, params={"time_limit": 1}),
        "params",
    ),
    # budgets
    "plan_budget(max_hours=nan)": (
        lambda lib: curriculum.plan_budget(lib, BAS, max_hours=NAN),
        "max_hours",
    ),
    "plan_budget(max_cost=-1)": (
        lambda lib: curriculum.plan_budget(lib, BAS, max_cost=-1),
        "max_cost",
    ),
    "plan_budget(max_hours=1e300)": (
        lambda lib: curriculum.plan_budget(lib, BAS, max_hours=1e300),
        "max_hours",
    ),
    "plan_budget(max_cost='100')": (
        lambda lib: curriculum.plan_budget(lib, BAS, max_cost="100"),
        "max_cost",
    ),
    "plan_budget(weights=3)": (
        lambda lib: curriculum.plan_budget(lib, BAS, max_cost=1000, weights=3),
        "weights",
    ),
    "frontier(by='money')": (lambda lib: curriculum.frontier(lib, BAS, by="money"), "by"),
    # schedules
    "schedule(periods=0)": (lambda lib: curriculum.schedule(lib, BAS, periods=0), "periods"),
    "schedule(periods=2.5)": (lambda lib: curriculum.schedule(lib, BAS, periods=2.5), "periods"),
    "schedule(periods=10**6)": (
        lambda lib: curriculum.schedule(lib, BAS, periods=10**6),
        "periods",
    ),
    "schedule(period='week')": (
        lambda lib: curriculum.schedule(lib, BAS, start="2027-01", period="week"),
        "period",
    ),
    "schedule(start='soon')": (lambda lib: curriculum.schedule(lib, BAS, start="soon"), "start"),
    "schedule(start=2027)": (lambda lib: curriculum.schedule(lib, BAS, start=2027), "start"),
    "schedule(limits={...})": (
        lambda lib: curriculum.schedule(lib, BAS, limits={"max_hours": 40}),
        "limits",
    ),
    "schedule(balance='y')": (lambda lib: curriculum.schedule(lib, BAS, balance="y"), "balance"),
    # reviews
    "review(lib, 123)": (lambda lib: curriculum.review(lib, 123), "programme"),
    "review(lang='xx')": (lambda lib: curriculum.review(lib, PROGRAMME, lang="xx"), "lang"),
    "review(min_courses=-1)": (
        lambda lib: curriculum.review(lib, PROGRAMME, min_courses=-1),
        "min_courses",
    ),
    "review(min_courses='x')": (
        lambda lib: curriculum.review(lib, PROGRAMME, min_courses="x"),
        "min_courses",
    ),
    "review(max_items_per_hour=0)": (
        lambda lib: curriculum.review(lib, PROGRAMME, max_items_per_hour=0),
        "max_items_per_hour",
    ),
    "review(against=5)": (lambda lib: curriculum.review(lib, PROGRAMME, against=5), "against"),
    # teams
    "plan_team(max_cost=inf)": (
        lambda lib: curriculum.plan_team(lib, TEAM, max_cost=INF),
        "max_cost",
    ),
    "plan_team(lib, 123)": (lambda lib: curriculum.plan_team(lib, 123), "team"),
    "plan_team(objective='x')": (
        lambda lib: curriculum.plan_team(lib, TEAM, objective="x"),
        "objective",
    ),
    "plan_team(max_hours_per_period=0)": (
        lambda lib: curriculum.plan_team(lib, TEAM, max_hours_per_period=0),
        "max_hours_per_period",
    ),
    "team_frontier(lib, None)": (lambda lib: curriculum.team_frontier(lib, None), "team"),
    # parameter objects
    "SolveParams(time_limit=-1)": (lambda lib: SolveParams(time_limit=-1), "time_limit"),
    "SolveParams(time_limit=nan)": (lambda lib: SolveParams(time_limit=NAN), "time_limit"),
    "SolveParams(workers='x')": (lambda lib: SolveParams(workers="x"), "workers"),
    "ScheduleLimits(max_hours=-1)": (lambda lib: ScheduleLimits(max_hours=-1), "max_hours"),
    "ScheduleLimits(max_courses=0)": (lambda lib: ScheduleLimits(max_courses=0), "max_courses"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_argument_is_a_usage_error_naming_it(name: str, lib: curriculum.Library) -> None:
    call, keyword = CASES[name]
    with pytest.raises(UsageError) as raised:
        call(lib)
    assert str(raised.value).startswith(f"{keyword}: "), str(raised.value)
    assert raised.value.exit_code == 2
    assert "\n" not in str(raised.value)


def test_good_arguments_still_pass(lib: curriculum.Library) -> None:
    assert SolveParams(time_limit=0.5, workers=2).workers == 2
    assert ScheduleLimits(max_hours=40, min_courses=0).max_hours == 40
    assert curriculum.plan(lib, BAS, ("T1.2",), params=SolveParams(time_limit=30)).total_hours == 84
    dated = curriculum.schedule(lib, BAS, "T1.2", start="2027-01", periods=4)
    assert len(dated.periods) == 4
