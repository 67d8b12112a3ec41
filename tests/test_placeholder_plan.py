"""A placeholder course taken ``count`` times (an elective slot, issue 22 point 17) is
planned with the hours and cost of all its runs, as ``schedule`` places them: the
plan's choice, its courses' hours and cost, its totals and JSON agree with the schedule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.cli import main

SLOT = (
    "courses:\n"
    "  - {code: TE, title: Technical Elective, hours: 3, cost: 100, count: 3,"
    " covers: {BAS1499-001v4: [K07]}}\n"
)
ONE_COURSE = (
    "  - {code: K7, title: Training rules, hours: 5, cost: 900, covers: {BAS1499-001v4: [K07]}}\n"
)


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _catalogue(tmp_path: Path, text: str) -> str:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_a_placeholder_counts_all_its_runs_as_the_schedule_does(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, SLOT)
    plan = _json("plan", "BAS1499-001v4", "T1.2", "--catalogue", path)
    (course,) = plan["courses"]
    assert (course["code"], course["hours"], course["cost"]) == ("TE", 9, 300)
    assert (plan["total_hours"], plan["total_cost"]) == (9, 300)
    schedule = _json("schedule", "BAS1499-001v4", "T1.2", "--catalogue", path)
    assert len(schedule["courses"]) == 3
    assert sum(c["hours"] for c in schedule["courses"]) == plan["total_hours"]


@pytest.mark.slow
def test_the_plan_weighs_a_placeholder_by_all_its_runs(tmp_path: Path) -> None:
    """Three 3-hour runs (9 h) lose to one 5-hour course: one run (3 h) would have won."""
    path = _catalogue(tmp_path, SLOT + ONE_COURSE)
    plan = _json("plan", "BAS1499-001v4", "T1.2", "--catalogue", path)
    assert [c["code"] for c in plan["courses"]] == ["K7"]
    budget = _json("plan", "BAS1499-001v4", "T1.2", "--catalogue", path, "--max-hours", "4")
    assert budget["courses"] == []
