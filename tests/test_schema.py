"""Every JSON output validates against its schema in docs/schema/, and the schemas
are what the result models generate (so they cannot drift from the code)."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, ROOT, STANDARDS

from curriculum.cli import main
from curriculum.planning.result import BatchLine, Plan
from curriculum.planning.team.result import TeamPlan
from curriculum.report.schema import RESULTS, schema_texts
from curriculum.report.schema import main as schema_main
from curriculum.request import Request

SCHEMA_DIR = ROOT / "docs" / "schema"
EXAMPLES = ROOT / "examples"
VERSIONS = DATA / "versions"
DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]
TEAM_ARGS = [
    "--standards",
    str(STANDARDS),
    "--catalogue",
    str(EXAMPLES / "sessions-catalogue.yaml"),
]

COMMANDS = {
    "plan": [
        ["plan", BAS, "T1.2", *DATA_ARGS],
        ["plan", BAS, "T1.2", *DATA_ARGS, "--max-cost", "30000"],
        [
            "plan",
            BAS,
            *DATA_ARGS,
            "--max-hours",
            "40",
            "--weights",
            str(DATA / "weights/skills.yaml"),
        ],
    ],
    "frontier": [
        ["frontier", BAS, "T1.2", *DATA_ARGS],
        ["frontier", BAS, "T1.2", *DATA_ARGS, "--weights", str(DATA / "weights/skills.yaml")],
    ],
    "team": [["team", str(EXAMPLES / "team.csv"), *TEAM_ARGS]],
    "schedule": [
        ["schedule", BAS, "T1.2", *DATA_ARGS, "--start", "2027-01", "--periods", "4"],
        ["schedule", BAS, *DATA_ARGS, "--courses", "all", "--balance", "--start", "2027-01"],
    ],
    "team-frontier": [["team", str(DATA / "team" / "small.csv"), *TEAM_ARGS, "--frontier"]],
    "review": [
        ["review", str(EXAMPLES / "programme-BAS1499-001v4.yaml"), *DATA_ARGS, "--lang", "en"],
        [
            "review",
            str(VERSIONS / "programme-v3.yaml"),
            "--against",
            "TOY-001v4",
            "--standards",
            str(VERSIONS / "standards"),
            "--catalogue",
            str(VERSIONS / "courses.yaml"),
        ],
    ],
    "standard-diff": [
        ["standards", "diff", "TOY-001v3", "TOY-001v4", "--standards", str(VERSIONS / "standards")]
    ],
    "review-compare": [
        [
            "review",
            "--compare",
            str(DATA / "compare" / "programme-a.yaml"),
            str(DATA / "compare" / "programme-b.yaml"),
            "--standards",
            str(ROOT / "standards"),
            "--catalogue",
            str(ROOT / "courses"),
            "--catalogue",
            str(DATA / "compare" / "provider-b.yaml"),
        ]
    ],
    "migration": [
        [
            "courses",
            "migrate",
            str(VERSIONS / "courses.yaml"),
            "--to",
            "TOY-001v4",
            "--standards",
            str(VERSIONS / "standards"),
            "--catalogue",
            str(VERSIONS / "courses.yaml"),
        ]
    ],
}


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def run_json(args: list[str]) -> str:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 3), result.output  # 3: a review that fails
    return result.stdout


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[dict]]:
    """The JSON of every command above, parsed, by schema name (plus the batch lines)."""
    data = {name: [json.loads(run_json(args)) for args in runs] for name, runs in COMMANDS.items()}
    batch = run_json(["plan", "--batch", str(DATA / "batch" / "learners.csv"), *DATA_ARGS])
    data["batch-line"] = [json.loads(line) for line in batch.splitlines()]
    return data


def test_committed_schemas_are_the_generated_ones():
    texts = schema_texts()
    assert sorted(texts) == sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
    for name, text in texts.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run python -m curriculum.report.schema docs/schema"
        )


def test_schema_entry_point_writes_and_checks(tmp_path: Path):
    assert schema_main([str(tmp_path)]) == 0
    assert schema_main(["--check", str(tmp_path)]) == 0
    (tmp_path / "plan.schema.json").write_text("{}\n", encoding="utf-8")
    assert schema_main(["--check", str(tmp_path)]) == 1
    assert schema_main([]) == 2


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_cli_json_validates(outputs, name):
    check = validator(name)
    assert outputs[name]
    for data in outputs[name]:
        errors = [e.message for e in check.iter_errors(data)]
        assert not errors, errors[:3]


def test_budget_keys_only_with_a_budget(outputs):
    plain, *budgeted = outputs["plan"]
    assert "budget" not in plain and "budget_gaps" not in plain
    assert all({"budget", "budget_gaps"} <= data.keys() for data in budgeted)


def test_schemas_are_closed_and_typed(outputs):
    """A renamed, unknown or mistyped key fails: the schemas can fail."""
    plan = validator("plan")
    data = outputs["plan"][0]
    for broken in (
        {**data, "lower_bound_hours": 1},
        {k: v for k, v in data.items() if k != "optimality_gap"},
        {**data, "status": "unknown"},
        {**data, "total_hours": "36"},
    ):
        assert not plan.is_valid(broken)
    team = dict(outputs["team"][0])
    team["bound"] = team.pop("lower_bound")
    assert not validator("team").is_valid(team)
    review = copy.deepcopy(outputs["review"][0])
    status, review["matrix"][0]["status"] = review["matrix"][0]["status"], "FINE"
    assert not validator("review").is_valid(review)
    review["matrix"][0]["status"] = status
    assert validator("review").is_valid(review)
    cell = next(iter(review["matrix"][0]["cells"].values()))
    cell["methods"] = ["written test"]  # hours and methods together: neither shape
    assert not validator("review").is_valid(review)


def test_bound_and_gap_have_one_name_everywhere(outputs):
    for name in ("plan", "team", "batch-line"):
        for data in outputs[name]:
            assert {"lower_bound", "optimality_gap", "status"} <= data.keys()
            assert data["status"] in ("optimal", "feasible")
    assert all(d["status"] in ("optimal", "feasible") for d in outputs["frontier"])


def test_whole_numbers_are_integers(outputs):
    """clean_number: no 36.0 in any JSON output."""

    def floats(value):
        if isinstance(value, float):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from floats(v)
        elif isinstance(value, list):
            for v in value:
                yield from floats(v)

    for runs in outputs.values():
        for data in runs:
            assert not [f for f in floats(data) if f.is_integer()]


# ----------------------------------------------------------------------- summary()


@pytest.fixture(scope="module")
def results(library):
    """One result of each kind, computed on the shipped examples."""
    from curriculum.io.library import load_library
    from curriculum.io.team_file import load_team
    from curriculum.planning.budget import plan_with_budget
    from curriculum.planning.frontier import compute_frontier
    from curriculum.planning.plan import plan_courses
    from curriculum.planning.team.plan import plan_team
    from curriculum.reviewing.diff import diff_standards
    from curriculum.reviewing.programme import load_programme
    from curriculum.reviewing.review import review_programme

    sessions = load_library([STANDARDS], [EXAMPLES / "sessions-catalogue.yaml"])
    toy = load_library([VERSIONS / "standards"], [VERSIONS / "courses.yaml"])
    programme = load_programme(EXAMPLES / "programme-BAS1499-001v4.yaml")
    return {
        "plan": plan_courses(library, Request.of(BAS, ["T1.2"])),
        "budget": plan_with_budget(library, Request.of(BAS, ["T1.2"]), max_cost=30000),
        "frontier": compute_frontier(library, Request.of(BAS, ["T1.2"])),
        "team": plan_team(sessions, Request(), None, load_team(EXAMPLES / "team.csv")),
        "review": review_programme(library, programme, lang="en"),
        "diff": diff_standards(toy.standard("TOY-001v3"), toy.standard("TOY-001v4")),
        "same": diff_standards(toy.standard("TOY-001v3"), toy.standard("TOY-001v3")),
    }


def test_plan_summary(results):
    plan = results["plan"]
    assert (
        str(plan)
        == plan.summary()
        == (
            f"Plan for {BAS} 客戶服務專案人員 (T1.2): 9 courses, 84 hours, 65,000 TWD.\n"
            "Status: optimal, proven.\n"
            "Gaps: 1 item no course covers; 1 item covered only below the required level."
        )
    )
    lines = str(results["budget"]).splitlines()
    assert lines[0].endswith("4 courses, 36 hours, 27,200 TWD.")
    assert lines[1] == "Budget: covers 8 of 11 coverable items."
    assert lines[-1].endswith("; 3 items left out to fit the budget.")


def test_unproven_plan_summary_gives_bound_and_gap(results):
    plan = dataclasses.replace(
        results["plan"], status="feasible", lower_bound=60, optimality_gap=0.13
    )
    assert "Status: feasible, optimality not proven (lower bound 60 h, gap 13.0%)." in str(plan)
    line = BatchLine.of("ann", plan)
    assert str(line).splitlines()[0] == "Learner ann"
    assert line.to_dict()["id"] == "ann" and next(iter(line.to_dict())) == "id"


def test_frontier_team_review_diff_summaries(results):
    frontier = str(results["frontier"]).splitlines()
    assert frontier[0].endswith("(T1.2) by hours: 12 efficient plans.")
    assert (
        frontier[1]
        == "From 0 to 84 hours, 0 to 65,000 TWD; the last covers 11 of 11 coverable items."
    )
    assert frontier[2] == "Status: optimal, every point proven efficient."
    team = str(results["team"]).splitlines()
    assert team[0].endswith(
        ": 12 members, 11 courses in 11 sessions, 381,600 TWD, 696 training hours."
    )
    assert team[2] == "Status: optimal, least total cost proven."
    assert team[3] == "Gaps: 9 items left uncovered for 4 members."
    assert team[4] == "Covered: 133 of 142 member-items (94%)."
    review = str(results["review"]).splitlines()
    assert review[1] == "Result: failed (2 errors, 4 warnings, 1 info)."
    assert review[2] == "Coverage: K 8/9 (89%), S 9/10 (90%), P 6/8 (75%)."
    diff = str(results["diff"]).splitlines()
    assert diff[0].startswith("Changes from TOY-001v3 to TOY-001v4: ")
    assert "items added 2" in diff[1] and "level changes 1" in diff[1]
    assert str(results["same"]) == "Changes from TOY-001v3 to TOY-001v3: no differences."


def test_models_keep_python_values_and_refuse_old_keywords(results):
    """Integers stay integers in Python; the old field names are gone (one name each)."""
    team = results["team"]
    fields = {f.name: getattr(team, f.name) for f in dataclasses.fields(team)}
    assert TeamPlan(**fields) == team
    fields["bound"], fields["gap"] = fields.pop("lower_bound"), fields.pop("optimality_gap")
    with pytest.raises((TypeError, ValueError)):
        TeamPlan(**fields)
    plan = results["plan"]
    fields = {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan)}
    fields["lower_bound_hours"] = fields.pop("lower_bound")
    with pytest.raises((TypeError, ValueError)):
        Plan(**fields)
    course = dataclasses.replace(plan.courses[0], hours=9, cost=6500.5)
    assert type(course.hours) is int and course.cost == 6500.5
    assert dataclasses.replace(course, hours=9.0).to_dict()["hours"] == 9
    with pytest.raises(ValueError):
        dataclasses.replace(plan, status="unknown")
