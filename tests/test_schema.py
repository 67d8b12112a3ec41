"""Every JSON output validates against its schema in docs/schema/, and the schemas
are what the result models generate (so they cannot drift from the code)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, ROOT, STANDARDS

from curriculum.cli import main
from curriculum.report.schema import RESULTS, schema_texts
from curriculum.report.schema import main as schema_main

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
