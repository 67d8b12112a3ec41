"""One front door: the Python API and the command line accept the same spellings
and give the same answers, because the CLI builds the same :class:`Request` and
calls the same ``run_*`` functions; :meth:`Request.of` is the one parser of code
lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import curriculum
from curriculum.cli import main
from curriculum.errors import UsageError
from curriculum.request import Request, parse_codes

ROOT = Path(__file__).resolve().parent.parent
STANDARDS = ROOT / "standards"
COURSES = ROOT / "courses"
EXAMPLES = ROOT / "examples"
BAS = "BAS1499-001v4"
DATA = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


@pytest.fixture(scope="module")
def lib() -> curriculum.Library:
    return curriculum.load_library(STANDARDS, COURSES)


def cli_json(*args: str) -> Any:
    """The JSON a command prints (exit 0 asserted)."""
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "spelling",
    ["T1.2;T1.3", "T1.2 T1.3", "T1.2,T1.3", "T1.2，T1.3", ["T1.2", "T1.3"], ("T1.2;T1.3",)],
)
def test_every_spelling_of_a_code_list_is_read_alike(spelling: Any) -> None:
    assert Request.of(BAS, spelling).targets == ("T1.2", "T1.3")
    assert parse_codes(spelling, "targets") == ("T1.2", "T1.3")


def test_course_codes_keep_their_spaces_and_split_on_separators() -> None:
    request = Request.of(BAS, exclude="COMP 3601; CS-101", done=["A 1,B 2"])
    assert request.exclude == ("COMP 3601", "CS-101")
    assert request.done == ("A 1", "B 2")
    assert Request.of(BAS, targets=None).targets == ()


def test_the_request_is_frozen_and_one_name_means_every_course() -> None:
    request = Request.of(BAS, all_courses=True)
    with pytest.raises(AttributeError):
        request.standard = "X"  # type: ignore[misc]
    with pytest.raises(UsageError, match="--all-courses schedules every course"):
        Request.of(BAS, "T1.2", all_courses=True)


def test_plan_with_a_list_in_one_argument_plans_both_targets(lib: curriculum.Library) -> None:
    api = curriculum.plan(lib, BAS, "T1.2;T1.3").to_dict()
    cli = cli_json("plan", BAS, "T1.2;T1.3", *DATA)
    assert cli == api
    assert cli["tasks"] == ["T1.2", "T1.3"]
    assert cli_json("plan", BAS, "T1.2", "T1.3", *DATA) == api


@pytest.mark.slow
def test_budget_answers_alike(lib: curriculum.Library) -> None:
    api = curriculum.plan_budget(lib, BAS, "T1.2", max_cost=30000, have="K01 K02")
    cli = cli_json("plan", BAS, "T1.2", "--max-cost", "30000", "--have", "K01,K02", *DATA)
    assert cli == api.to_dict()
    assert cli["total_cost"] == api.total_cost


def test_frontier_answers_alike(lib: curriculum.Library) -> None:
    api = curriculum.frontier(lib, BAS, "T1.2", by="cost", exclude="CS-101")
    cli = cli_json("frontier", BAS, "T1.2", "--by", "cost", "--exclude", "CS-101", *DATA)
    assert cli == api.to_dict()
    assert [p["cost"] for p in cli["points"]] == [p.cost for p in api.points]


def test_schedule_answers_alike(lib: curriculum.Library) -> None:
    api = curriculum.schedule(
        lib,
        BAS,
        "T1.2",
        start="2027-01",
        periods=6,
        limits=curriculum.ScheduleLimits(max_hours=40),
    )
    cli = cli_json(
        "schedule",
        BAS,
        "T1.2",
        "--start",
        "2027-01",
        "--periods",
        "6",
        "--max-hours-per-period",
        "40",
        *DATA,
    )
    assert cli == api.to_dict()
    assert cli["total_hours"] == api.total_hours == 84


def test_every_course_has_one_name_in_the_api_and_the_cli(lib: curriculum.Library) -> None:
    dated = ["--start", "2027-01", "--period", "semester", "--periods", "4"]
    api = curriculum.schedule(
        lib, BAS, all_courses=True, balance=True, start="2027-01", period="semester", periods=4
    )
    new = cli_json("schedule", BAS, "--all-courses", "--balance", *dated, *DATA)
    old = cli_json("schedule", BAS, "--courses", "all", "--balance", *dated, *DATA)
    assert new == old == api.to_dict()
    assert new["all_courses"] is True


def test_review_answers_alike(lib: curriculum.Library) -> None:
    programme = str(EXAMPLES / "programme-BAS1499-001v4.yaml")
    api = curriculum.review(lib, programme, lang="en", min_courses=2)
    result = CliRunner().invoke(
        main,
        ["review", programme, "--lang", "en", "--min-courses", "2", "--format", "json", *DATA],
    )
    assert result.exit_code == 3  # the example programme fails its review
    cli = json.loads(result.stdout)
    assert [f["code"] for f in cli["findings"]] == [f.code for f in api.findings]
    assert cli["counts"] == api.to_dict()["counts"]
    assert cli["failed"] is api.failed is True


@pytest.mark.slow
def test_team_answers_alike() -> None:
    sessions = str(EXAMPLES / "sessions-catalogue.yaml")
    lib = curriculum.load_library(STANDARDS, sessions)
    team = str(EXAMPLES / "team.csv")
    api = curriculum.plan_team(lib, team, max_hours=60)
    cli = cli_json(
        "team", team, "--max-hours", "60", "--standards", str(STANDARDS), "--catalogue", sessions
    )
    assert cli == api.to_dict()
    assert cli["total_cost"] == api.total_cost


def test_batch_is_its_own_command_and_plan_batch_still_works(tmp_path: Path) -> None:
    learners = tmp_path / "learners.csv"
    learners.write_text("id,standard,targets,held\nL1,BAS1499-001v4,T1.2;T1.3,\n", "utf-8")
    new = CliRunner().invoke(main, ["batch", str(learners), *DATA, "--format", "json"])
    old = CliRunner().invoke(main, ["plan", "--batch", str(learners), *DATA, "--format", "json"])
    assert new.exit_code == old.exit_code == 0, new.output + old.output
    assert new.stdout == old.stdout
    assert json.loads(new.stdout)["targets"] == ["T1.2", "T1.3"]
