"""``curriculum schedule``: table, JSON, calendars and the one-line infeasibility messages."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from curriculum.cli import main
from curriculum.model.periods import DEFAULT_PERIODS
from curriculum.report.text import display_width

NO_FONT_ZH = "找不到中文字型（Debian：apt-get install fonts-noto-cjk）："
STD = "BAS1499-001v4"
DATED = ["--start", "2027-01", "--period", "quarter"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["schedule", *args])
    return result.exit_code, result.output


def test_json_lists_periods_in_order_and_follows_prerequisites() -> None:
    code, out = run(
        STD, "--courses", "all", "--balance", *DATED, "--periods", "8", "--format", "json"
    )
    assert code == 0, out
    data = json.loads(out)
    assert [p["number"] for p in data["periods"]] == list(range(1, 9))
    assert data["status"] == "optimal" and data["all_courses"] is True
    period = {c["code"]: c["period"] for c in data["courses"]}
    assert period["PM-201"] < period["PM-202"]  # PM-202 requires PM-201
    assert period["DA-301"] < period["DA-303"] or period["DA-302"] < period["DA-303"]
    assert {period["PM-202"]} <= {2, 4, 6, 8}  # offered in Q2 and Q4 only
    assert data["heaviest_period_hours"] == max(p["hours"] for p in data["periods"])
    assert sum(len(p["courses"]) for p in data["periods"]) == len(data["courses"])


def test_table_fits_100_columns_in_both_languages() -> None:
    for lang in ("en", "zh-TW"):
        code, out = run(STD, "--courses", "all", *DATED, "--periods", "8", "--lang", lang)
        assert code == 0, out
        assert max(display_width(line) for line in out.splitlines()) <= 100
    assert "Status: optimal" in run(STD, *DATED, "--lang", "en")[1]


def test_dated_labels_need_start() -> None:
    code, out = run(STD, "--courses", "all")
    assert code == 2 and "--start" in out
    assert "課程 PM-202 開在 Q2、Q4：有日期的期別需要有日期的行事曆" in out
    code, out = run(STD, "--courses", "all", "--lang", "en")
    assert "course PM-202 is offered in Q2, Q4:" in out


def test_course_offered_in_no_period_is_named() -> None:
    code, out = run(STD, "--courses", "all", *DATED, "--periods", "1", "--lang", "en")
    assert code == 2
    assert "course PM-202 is offered in Q2, Q4, in none of the periods 2027-Q1–2027-Q1" in out
    code, out = run(STD, "--courses", "all", *DATED, "--periods", "1")  # the standard's zh-TW
    assert code == 2
    assert "課程 PM-202 開在 Q2、Q4，不在 2027-Q1–2027-Q1 任何一期之內" in out


def test_cap_below_a_course_is_named() -> None:
    code, out = run(STD, "--courses", "all", *DATED, "--max-hours-per-period", "1", "--lang", "en")
    assert code == 2 and "more than --max-hours-per-period 1" in out


def test_contradicting_bounds_are_a_usage_error() -> None:
    bounds = ["--min-courses-per-period", "3", "--max-courses-per-period", "2"]
    code, out = run(STD, *DATED, *bounds, "--lang", "en")
    assert code == 2 and "above" in out


def test_too_many_courses_for_the_periods() -> None:
    code, out = run(
        STD, "--courses", "all", *DATED, "--max-courses-per-period", "2", "--lang", "en"
    )
    assert code == 2 and "cannot fit" in out


def test_default_periods_and_help() -> None:
    code, out = run("--help")
    assert code == 0 and f"default: {DEFAULT_PERIODS}" in re.sub(r"\s+", " ", out)


def test_bacp_instance_proves_its_known_optimum() -> None:
    """BACP instance 1 (MiniZinc benchmarks, MIT): optimum 28, cross-checked with HiGHS."""
    from tests.conftest import ROOT

    args = [STD, "--catalogue", str(ROOT / "tests" / "data" / "bacp-1.yaml")]
    args += ["--courses", "all", "--balance", "--periods", "10", "--format", "json"]
    args += ["--min-hours-per-period", "2", "--max-hours-per-period", "100"]
    args += ["--min-courses-per-period", "2", "--max-courses-per-period", "10"]
    code, out = run(*args)
    assert code == 0, out
    data = json.loads(out)
    assert data["status"] == "optimal" and data["ties_proven"]
    assert data["heaviest_period_hours"] == 28 and len(data["courses"]) == 50


def test_an_item_no_placeable_course_covers_is_named() -> None:
    code, out = run(STD, "T1.2", *DATED, "--max-hours-per-period", "5", "--lang", "en")
    assert code == 2
    assert "item K01 cannot be scheduled: course CS-102 takes 12 h, more than" in out
    code, out = run(STD, "T1.2", *DATED, "--periods", "1", "--lang", "en")
    assert code == 2
    assert "item K05 cannot be scheduled: the prerequisite chain CS-105 → CS-106 needs 2" in out


def test_corequisites_may_share_a_period_prerequisites_may_not(tmp_path) -> None:
    from pathlib import Path

    standard = Path(__file__).parent.parent / "standards" / "BAS1499-001v4.yaml"
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "courses:\n"
        "  - {code: A, title: a, hours: 3, level: 4, covers: {BAS1499-001v4: [K01]},"
        " corequisites: [B]}\n"
        "  - {code: B, title: b, hours: 3, covers: {}}\n"
        "  - {code: C, title: c, hours: 3, level: 4, covers: {BAS1499-001v4: [K02]},"
        " prerequisites: [D]}\n"
        "  - {code: D, title: d, hours: 3, covers: {}}\n",
        encoding="utf-8",
    )
    data = ["--standards", str(standard), "--catalogue", str(catalogue)]
    code, out = run(STD, "T1.1", *data, "--periods", "2", "--format", "json")
    assert code == 0, out
    period = {c["code"]: c["period"] for c in json.loads(out)["courses"]}
    assert period["A"] == period["B"] == 1 and period["D"] == 1 and period["C"] == 2
    code, out = run(STD, "T1.1", *data, "--periods", "1", "--lang", "en")
    assert code == 2 and "prerequisite chain D → C needs 2 periods" in out


def test_chart_warnings_speak_the_language_of_the_run(tmp_path, monkeypatch) -> None:
    """No CJK font: the chart's warnings in zh-TW (the standard's language, no --lang),
    in English with --lang en."""
    pytest.importorskip("matplotlib")
    from curriculum.report.chart import frontier

    monkeypatch.setattr(frontier, "_cjk_font", lambda: None)
    out = ["--plot", str(tmp_path / "s.svg"), "--output", str(tmp_path / "s.txt")]
    zh = CliRunner().invoke(main, ["schedule", STD, "T1.1", *DATED, *out])
    assert zh.exit_code == 0, zh.output
    assert zh.stderr.splitlines()[:2] == [
        f"警告：{NO_FONT_ZH}圖表改以英文呈現",
        f"警告：{NO_FONT_ZH}圖表只顯示課程與職能基準代碼",
    ]
    en = CliRunner().invoke(main, ["schedule", STD, "T1.1", *DATED, *out, "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert en.stderr.splitlines()[0] == (
        "Warning: no CJK font found (Debian: apt-get install fonts-noto-cjk): "
        "the chart shows course and standard codes only"
    )
