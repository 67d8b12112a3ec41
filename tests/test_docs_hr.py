"""The HR guide stays true: the figures its prose quotes are what the tool computes.

(Its shown outputs are compared by tests/test_docs_commands.py.)
"""

from __future__ import annotations

import csv
import json
import re

from click.testing import CliRunner
from conftest import ROOT

from curriculum.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
HR = (ROOT / "docs" / "hr.md").read_text(encoding="utf-8")
SESSIONS = str(ROOT / "examples" / "sessions-catalogue.yaml")


def block_after(command: str, text: str = HR) -> str:
    """The output shown after ``$ command`` in a console block of ``text``."""
    pattern = re.escape(f"$ {command}\n") + r"(.*?)```"
    return re.search(pattern, text, re.S).group(1)


def invoke(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_budget_example_is_real(monkeypatch):
    monkeypatch.chdir(ROOT)
    command = "curriculum plan BAS1499-001v4 T1.2 --max-cost 30000"
    assert invoke(command.split()[1:]) == block_after(command)
    assert block_after(command, README) == block_after(command)


def test_frontier_example_is_real(monkeypatch):
    monkeypatch.chdir(ROOT)
    command = "curriculum frontier BAS1499-001v4 T1.2"
    assert invoke(command.split()[1:]) == block_after(command)
    # the prose reads the table: 73% for 36 hours, the whole of it (the last row) ...
    last = next(line.split() for line in block_after(command).splitlines() if "100%" in line)
    hours, cost = last[2], last[3]
    quoted = re.search(r"the\s+whole of it (\S+) hours \((\S+) TWD\)", HR)
    assert quoted is not None and quoted.groups() == (hours, cost)
    assert re.search(r"73% of T1.2 takes 36 hours \(27,200 TWD\)", HR)


def test_team_example_is_real_and_checkable(monkeypatch):
    monkeypatch.chdir(ROOT)
    command = "curriculum team examples/team.csv --catalogue examples/sessions-catalogue.yaml"
    assert invoke(command.split()[1:]) == block_after(command)
    out = invoke([*command.split()[1:], "--lang", "en"])
    # member by member = the sum of what `curriculum plan` prints for each member
    total = 0
    with (ROOT / "examples" / "team.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            args = ["plan", row["standard"], *row["targets"].split(";"), "--catalogue", SESSIONS]
            if row["held"]:
                args += ["--have", row["held"].replace(";", ",")]
            total += json.loads(invoke([*args, "--format", "json"]))["total_cost"]
    assert f"booking whole sessions alone (as plan prices them): TWD {total:,}" in out
    team_total = int(re.search(r"Team total: TWD ([\d,]+)", out).group(1).replace(",", ""))
    assert team_total < total
    assert "costs 110,400 TWD" in HR and f"{total:,} TWD" in HR
    baseline = re.search(r"sessions shared\): TWD ([\d,]+), (\d+) hours", out).groups()
    saving = re.search(r"Saving against the baseline: TWD ([\d,]+) \((\d+%)\)", out).groups()
    prose = f"that is {baseline[0]} TWD and {baseline[1]} hours; the team plan costs {team_total:,}"
    assert prose in " ".join(HR.split())
    assert f"a saving of {saving[0]} TWD ({saving[1]})" in " ".join(HR.split())
    hours = invoke([*command.split()[1:], "--objective", "hours", "--lang", "en"])
    assert "654 person-hours of training" in hours and "TWD 449,900" in hours


def test_hr_commands_are_documented():
    for command in (
        "curriculum frontier",
        "curriculum team",
        "--max-cost",
        "--max-hours",
        "--weights",
    ):
        assert command in HR
    for args in (["frontier", "--help"], ["team", "--help"], ["plan", "--help"]):
        assert CliRunner().invoke(main, args).exit_code == 0
