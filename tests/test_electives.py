"""Electives: items a task lists as optional (``essential: no``, issue 22 point 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.library import load_library

STANDARD = """\
code: EL-1
name: Electives test
framework: table
language: en
duties:
  - code: D1
    name: Duty
    tasks:
      - {code: T1, name: Task one, level: 3, knowledge: [K1], meta: {optional: [K2]}}
      - {code: T2, name: Task two, level: 3, meta: {optional: [S1]}}
items:
  - {code: K1, kind: K, name: Know one}
  - {code: K2, kind: K, name: Know two}
  - {code: S1, kind: S, name: Skill one}
  - {code: S9, kind: S, name: Outside}
"""

CATALOGUE = """\
courses:
  - {code: C1, title: c1, hours: 3, level: 3, covers: {EL-1: [K1, K2]}}
  - {code: C2, title: c2, hours: 3, level: 3, covers: {EL-1: [S1, S9]}}
"""


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    (tmp_path / "std").mkdir()
    (tmp_path / "std" / "EL-1.yaml").write_text(STANDARD, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CATALOGUE, encoding="utf-8")
    (tmp_path / "p.yaml").write_text("name: P\nstandard: EL-1\ncourses: [C1, C2]\n", "utf-8")
    return [
        str(tmp_path / "p.yaml"),
        "--standards",
        str(tmp_path / "std"),
        "--catalogue",
        str(tmp_path / "c.yaml"),
    ]


def test_electives_are_counted_not_outside(files: list[str]) -> None:
    result = CliRunner().invoke(main, ["review", *files, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    tasks = {t["code"]: t for t in data["summary"]["tasks"]}
    assert tasks["T1"]["E"] == {"covered": 1, "total": 1}
    assert tasks["T2"]["E"] == {"covered": 1, "total": 1}
    assert data["summary"]["overall"]["E"] == {"covered": 2, "total": 2}
    findings = [(f["code"], f["course"], f["message"]) for f in data["findings"]]
    # S9 is outside every task; K2 and S1 are electives of the targeted tasks
    assert findings == [("OUTSIDE", "C2", "course C2 also claims S9, outside the target")]


def test_coverage_by_task_shows_the_electives(files: list[str]) -> None:
    result = CliRunner().invoke(main, ["review", *files])
    lines = result.stdout.splitlines()
    head = lines.index("Coverage by task")
    assert lines[head + 2].split()[-2:] == ["E", "electives"]
    assert lines[head + 5].split() == ["T2", "Task", "two", "3", "-", "-", "-", "1/1", "(100%)"]


def test_a_standard_without_electives_has_no_e_column() -> None:
    from conftest import ROOT

    result = CliRunner().invoke(
        main, ["review", str(ROOT / "examples" / "programme-BAS1499-001v4.yaml"), "--format",
               "json", "--catalogue", str(ROOT / "courses")]
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert "E" not in data["summary"]["overall"]
    assert all("E" not in t for t in data["summary"]["tasks"])


def test_an_unknown_optional_item_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "EL-1.yaml"
    path.write_text(STANDARD.replace("optional: [S1]", "optional: [S7]"), encoding="utf-8")
    with pytest.raises(DataFileError, match="task T2 names optional item S7"):
        load_library([path], [])
