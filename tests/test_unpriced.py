"""Issue 22.12: an unpriced catalogue shows no price anywhere (never 0), and a standard
without levels gets no note about courses without a level."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import COURSES, ROOT, STANDARDS

from curriculum.cli import main

BAS = "BAS1499-001v4"
TINY = ROOT / "tests" / "data" / "tiny"


def unpriced(tmp_path):
    text = COURSES.read_text(encoding="utf-8") if COURSES.is_file() else ""
    if not text:
        text = (ROOT / "courses" / "example-provider.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not re.match(r"\s*(cost|offered):", line)]
    path = tmp_path / "unpriced.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_schedule_and_plan_of_an_unpriced_catalogue_show_no_cost(tmp_path):
    catalogue = unpriced(tmp_path)
    base = [BAS, "T1.2", "--standards", STANDARDS, "--catalogue", catalogue]
    for lang in ("en", "zh-TW"):
        table = run("schedule", *base, "--lang", lang)
        assert table.exit_code == 0, table.output
        head = next(line for line in table.stdout.splitlines() if "CM-403" in line)
        assert not head.rstrip().endswith(" 0") and "TWD" not in table.stdout
        assert "新臺幣" not in table.stdout and "Cost" not in table.stdout
    plan = json.loads(run("plan", *base, "--format", "json").stdout)
    assert plan["courses"] and plan["total_cost"] is None
    schedule = json.loads(run("schedule", *base, "--format", "json").stdout)
    assert schedule["total_cost"] is None
    assert all(p["cost"] is None for p in schedule["periods"])
    table = run("plan", *base, "--lang", "zh-TW").stdout
    assert "未提供費用" in table and "新臺幣 0 元" not in table


def test_no_unlevelled_note_for_a_standard_without_levels(tmp_path):
    standard = (TINY / "standard.yaml").read_text(encoding="utf-8")
    standard = re.sub(r"\blevel: \d, ", "", standard).replace("level: 2\n", "")
    (tmp_path / "standard.yaml").write_text(standard, encoding="utf-8")
    base = ["TINY-001v2", "--standards", tmp_path / "standard.yaml", "--catalogue"]
    base.append(TINY / "courses.yaml")
    out = run("plan", *base, "--lang", "en")
    assert out.exit_code == 0, out.output
    assert "Courses without a level" not in out.stdout
    base[2] = TINY / "standard.yaml"
    levelled = run("plan", *base)
    assert "C1" in levelled.stdout and "未標示級別" in levelled.stdout
