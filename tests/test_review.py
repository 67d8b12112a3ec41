"""Accreditation review: the matrix, the findings, the formats and the exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from curriculum.cli import main
from curriculum.io.library import load_library
from curriculum.io.loaders import load_standard
from curriculum.report.review.text import render_json
from curriculum.reviewing.diff import diff_standards
from curriculum.reviewing.messages import SEVERITIES
from curriculum.reviewing.programme import load_programme
from curriculum.reviewing.result import ReviewOptions
from curriculum.reviewing.review import review_programme

REVIEW = DATA / "review"
VERSIONS = DATA / "versions"
TINY_ARGS = [
    "--standards",
    str(DATA / "tiny" / "standard.yaml"),
    "--catalogue",
    str(DATA / "tiny" / "courses.yaml"),
]
VERSION_ARGS = [
    "--standards",
    str(VERSIONS / "standards"),
    "--catalogue",
    str(VERSIONS / "courses.yaml"),
]
EXAMPLE = ROOT / "examples" / "programme-BAS1499-001v4.yaml"
EXAMPLE_ARGS = ["--standards", str(ROOT / "standards"), "--catalogue", str(ROOT / "courses")]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def review_of(name: str, tiny, **options):
    return review_programme(
        tiny,
        load_programme(REVIEW / f"{name}.yaml"),
        programme_path=REVIEW / f"{name}.yaml",
        options=ReviewOptions(**options),
        lang="en",
    )


# --------------------------------------------------------------------------- matrix


def test_matrix_on_the_hand_checked_fixture(tiny):
    """tests/data/review/matrix.yaml, worked out by hand from tests/data/tiny.

    Required levels: K01 2, K02 3 (T1.2), K03 3, K04 2, S01 2, S02 3, S03 2.
    A1 (4 h, L3): K01 K02 S01; C2 (3 h, L2): K04; L1 (1 h, L2): K03, below 3;
    D1 (8 h, L3): K01 K02 S01 S02; U (L2): unit 1 (2 h) S03, unit 2 (1 h) K04 S03.
    """
    review = review_of("matrix", tiny)
    got = {
        r.code: (
            {c: (cell.hours, cell.level, cell.at_level) for c, cell in r.cells.items()},
            r.courses,
            r.hours,
            r.status,
        )
        for r in review.rows
    }
    assert got == {
        "K01": ({"A1": (4, 3, True), "D1": (8, 3, True)}, ("A1", "D1"), 12, "OK"),
        "K02": ({"A1": (4, 3, True), "D1": (8, 3, True)}, ("A1", "D1"), 12, "OK"),
        "K03": ({"L1": (1, 2, False)}, (), 0, "LEVEL"),
        "K04": ({"C2": (3, 2, True), "U": (1, 2, True)}, ("C2", "U"), 4, "OK"),
        "S01": ({"A1": (4, 3, True), "D1": (8, 3, True)}, ("A1", "D1"), 12, "OK"),
        "S02": ({"D1": (8, 3, True)}, ("D1",), 8, "OK"),
        "S03": ({"U": (3, 2, True)}, ("U",), 3, "OK"),
    }
    assert [r.level for r in review.rows] == [2, 3, 3, 2, 2, 3, 2]
    assert [(f.code, f.item, f.course) for f in review.findings] == [
        ("LEVEL", "K03", None),
        ("UNUSED", None, "L1"),
    ]
    shares = {
        t.code: {k: (s.covered, s.total) for k, s in t.shares.items()}
        for t in review.task_summaries
    }
    assert shares == {
        "T1.1": {"K": (2, 2), "S": (1, 1), "P": (0, 1)},
        "T1.2": {"K": (1, 2), "S": (1, 1), "P": (0, 1)},
        "T2.1": {"K": (1, 1), "S": (2, 2), "P": (0, 0)},
    }
    overall = {k: (s.covered, s.total) for k, s in review.overall.items()}
    assert overall == {"K": (3, 4), "S": (3, 3), "P": (0, 2)}
    assert [c.code for c in review.courses] == ["A1", "C2", "L1", "D1", "U"]
    assert review.courses[-1].hours == 3 and review.courses[-1].units == 2


def test_attitudes_and_indicators_add_rows(tiny):
    review = review_of("matrix", tiny, attitudes=True, indicators=True)
    assert [r.code for r in review.rows][-3:] == ["A01", "P1.1.1", "P1.2.1"]
    assert review.overall["A"].total == 1 and review.overall["A"].covered == 0
    assert any(f.code == "GAP" and f.item == "A01" for f in review.findings)


# --------------------------------------------------------------------------- findings


FINDING_CASES = {
    "GAP": ([], [("GAP", "S01", None)]),
    "LEVEL": ([], [("LEVEL", "S02", None)]),
    "UNKNOWN": ([], [("UNKNOWN", "K99", "X")]),
    "UNASSESSED": ([], [("UNASSESSED", "P1.2.1", None)]),
    "THIN": (
        ["--min-courses", "2"],
        [("THIN", "K01", None), ("THIN", "K02", None), ("THIN", "S01", None)],
    ),
    "DENSE": ([], [("DENSE", None, "X")]),
    "UNUSED": ([], [("UNUSED", None, "Y")]),
    "PREREQ": ([], [("PREREQ", "Z", "X")]),
    "ORDER": ([], [("ORDER", "Y", "X")]),
    "OUTSIDE": ([], [("OUTSIDE", None, "X")]),
    "DOUBTFUL": (["--doubtful"], [("DOUBTFUL", "S01", "X")]),
    "PROVISIONAL": (
        ["--standards", str(VERSIONS / "standards"), "--against", "TOY-001v4"],
        [("PROVISIONAL", "K04", "X")],
    ),
}


def test_every_code_has_a_fixture():
    assert set(FINDING_CASES) == set(SEVERITIES)
    assert {p.stem for p in REVIEW.glob("[A-Z]*.yaml")} == set(SEVERITIES)


@pytest.mark.parametrize("code", sorted(FINDING_CASES))
def test_each_fixture_triggers_exactly_its_finding(code):
    extra, expected = FINDING_CASES[code]
    result = run("review", str(REVIEW / f"{code}.yaml"), *TINY_ARGS, *extra, "--format", "json")
    data = json.loads(result.stdout)
    assert [(f["code"], f["item"], f["course"]) for f in data["findings"]] == expected
    assert all(f["severity"] == SEVERITIES[code] for f in data["findings"])
    assert result.exit_code == (3 if SEVERITIES[code] == "error" else 0), result.stderr
    assert data["failed"] is (SEVERITIES[code] == "error")


def test_clean_programme_has_no_finding():
    result = run("review", str(REVIEW / "clean.yaml"), *TINY_ARGS, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "Result: PASS (error 0, warning 0, info 0)" in result.stdout
    assert "No findings." in result.stdout
    assert result.stderr == ""


def test_broken_programme_reports_every_problem_at_once(tmp_path):
    result = run(
        "review", str(REVIEW / "broken.yaml"), *TINY_ARGS, "--format", "json", "--lang", "en"
    )
    assert result.exit_code == 1  # a course no catalogue defines is bad data
    assert result.stderr.splitlines()[0].endswith("course NOPE-1: no loaded catalogue defines it")
    assert result.stdout == ""
    text = (REVIEW / "broken.yaml").read_text(encoding="utf-8")
    fixed = tmp_path / "broken.yaml"
    fixed.write_text(text.replace("  - NOPE-1\n", "  - a1\n").replace("  - A1\n", ""), "utf-8")
    result = run("review", str(fixed), *TINY_ARGS, "--format", "json")
    assert result.exit_code == 3
    findings = [(f["code"], f["item"], f["course"]) for f in json.loads(result.stdout)["findings"]]
    assert findings == [
        ("GAP", "S02", None),
        ("LEVEL", "K03", None),
        ("UNKNOWN", "T9", None),
        ("UNKNOWN", "K77", "X"),
        ("UNKNOWN", "P9.9.9", "X"),
        ("UNASSESSED", "P1.1.1", None),
        ("UNASSESSED", "P1.2.1", None),
        ("UNUSED", None, "X"),
    ]


def test_finding_messages_in_both_languages():
    zh = run("review", str(REVIEW / "GAP.yaml"), *TINY_ARGS)
    en = run("review", str(REVIEW / "GAP.yaml"), *TINY_ARGS, "--lang", "en")
    assert "S01 技能一：無任何課程涵蓋（要求級別 2）" in zh.stdout
    assert "審查發現" in zh.stdout and "涵蓋矩陣" in zh.stdout
    assert "S01 技能一: no course covers it (required at level 2)" in en.stdout
    assert "Findings" in en.stdout and "Coverage matrix" in en.stdout


# --------------------------------------------------------------------------- exit codes


def test_strict_fails_on_warnings():
    args = ["review", str(REVIEW / "UNUSED.yaml"), *TINY_ARGS]
    assert run(*args).exit_code == 0
    strict = run(*args, "--strict", "--lang", "en")
    assert strict.exit_code == 3
    assert "Result: FAIL (error 0, warning 1, info 0)" in strict.stdout
    assert run("review", str(REVIEW / "OUTSIDE.yaml"), *TINY_ARGS, "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad-key.yaml", "course X: unknown key 'hour' (did you mean 'hours'?)"),
        ("bad-yaml.yaml", "bad-yaml.yaml:2: invalid YAML"),
    ],
)
def test_bad_programme_file_is_bad_data(name, message):
    result = run("review", str(REVIEW / name), *TINY_ARGS, "--lang", "en")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_inline_course_may_not_reuse_a_catalogue_code(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: x\nstandard: TINY-001v2\ncourses:\n  - {code: A1, title: t, hours: 1}\n",
        encoding="utf-8",
    )
    result = run("review", str(path), *TINY_ARGS, "--lang", "en")
    assert result.exit_code == 1
    assert "inline course A1 reuses the code of a course of" in result.stderr


def test_unknown_standard_is_bad_data(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nstandard: TINY-001v1\ncourses: [A1]\n", encoding="utf-8")
    result = run("review", str(path), *TINY_ARGS, "--lang", "en")
    assert result.exit_code == 1
    assert "unknown standard TINY-001v1 (an older version: replaced by TINY-001v2" in result.stderr


def test_units_hours_must_add_up(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: x\nstandard: TINY-001v2\ncourses:\n"
        "  - {code: Q, title: t, hours: 5, units: [{title: u, hours: 2}]}\n",
        encoding="utf-8",
    )
    result = run("review", str(path), *TINY_ARGS, "--lang", "en")
    assert result.exit_code == 1
    assert f"{path}:4: course Q: hours 5 differ from the sum of its units' hours 2" in (
        result.stderr
    )
    assert "inline" not in result.stderr and result.stderr.count("course Q") == 1
    zh = run("review", str(path), *TINY_ARGS, "--lang", "zh-TW")
    assert zh.exit_code == 1
    assert f"{path}:4：課程 Q：時數 5 與各單元時數總和 2 不符" in zh.stderr
    assert "inline" not in zh.stderr and zh.stderr.count("課程 Q") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["review"],
        ["review", str(REVIEW / "clean.yaml"), "--format", "pdf"],
        ["review", str(REVIEW / "clean.yaml"), "--lang", "fr"],
        ["review", str(REVIEW / "clean.yaml"), "--max-items-per-hour", "0"],
    ],
)
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_unknown_against_standard_is_usage():
    result = run(
        "review", str(REVIEW / "clean.yaml"), *TINY_ARGS, "--against", "NOPE", "--lang", "en"
    )
    assert result.exit_code == 2
    assert "unknown standard NOPE" in result.stderr


def test_binary_format_refuses_a_terminal_and_never_overwrites_inputs(tmp_path):
    target = REVIEW / "clean.yaml"
    before = target.read_bytes()
    result = run("review", str(target), *TINY_ARGS, "--format", "json", "-o", str(target))
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert target.read_bytes() == before


# --------------------------------------------------------------------------- formats


FORMATS = ("table", "markdown", "json", "csv", "html", "xlsx")


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_runs_are_byte_identical(fmt, tmp_path):
    outputs = []
    for n in range(2):
        out = tmp_path / f"r{n}.{fmt}"
        result = run("review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", fmt, "-o", str(out))
        assert result.exit_code == 3, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv", "html"])
def test_provenance_in_every_text_format(fmt):
    result = run("review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", fmt)
    digest = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    standard = hashlib.sha256((ROOT / "standards" / "BAS1499-001v4.yaml").read_bytes()).hexdigest()
    for needle in (digest, standard, "curriculum 0.1.0", "BAS1499-001v4", "2023/12/15"):
        assert needle in result.stdout, needle


def test_json_contract():
    data = json.loads(run("review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", "json").stdout)
    assert {
        "programme",
        "standard",
        "targets",
        "tasks",
        "language",
        "options",
        "provenance",
        "courses",
        "matrix",
        "summary",
        "counts",
        "findings",
        "failed",
        "against",
    } <= set(data)
    assert data["language"] == "zh-TW" and data["tasks"] == ["T1.1", "T1.2", "T1.3"]
    assert [f["code"] for f in data["findings"]] == [
        "GAP",
        "LEVEL",
        "UNASSESSED",
        "UNASSESSED",
        "UNUSED",
        "UNUSED",
        "OUTSIDE",
    ]
    inputs = {i["role"]: i for i in data["provenance"]["inputs"]}
    assert set(inputs) == {"programme", "standard", "catalogue"}
    assert data["counts"] == {"error": 2, "warning": 4, "info": 1}


def test_csv_sections_parse():
    text = run("review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", "csv").stdout
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    sections = {r["section"] for r in rows}
    assert sections == {"provenance", "totals", "summary", "matrix", "status", "finding"}
    totals = {r["code"]: r["value"] for r in rows if r["section"] == "totals"}
    assert totals == {"courses": "8", "hours": "87", "cost": "68500"}
    status = {r["item"]: r["code"] for r in rows if r["section"] == "status"}
    assert status["K05"] == "GAP" and status["S04"] == "LEVEL" and status["K01"] == "OK"
    inputs = [r for r in rows if r["section"] == "provenance" and r["code"] == "input"]
    # the programme, the one standard and the one catalogue the review used
    assert [r["severity"] for r in inputs] == ["programme", "standard", "catalogue"]
    assert all(len(r["value"]) == 64 for r in inputs)


def test_xlsx_reads_back(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "review.xlsx"
    result = run("review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 3
    book = openpyxl.load_workbook(out)
    # sheet names in the review's language
    assert book.sheetnames == ["審查報告", "涵蓋率", "涵蓋矩陣", "審查發現", "課程"]
    sheet = book["涵蓋矩陣"]
    matrix = [[c.value for c in row] for row in sheet.iter_rows()]
    assert matrix[0][:4] == ["項目", "名稱", "級別", "CS-102"]
    assert matrix[0][-3:] == ["課程數", "時數", "狀態"]
    assert len(matrix) == 1 + 19  # the 19 K and S items of tasks T1.1–T1.3
    by_item = {row[0]: row for row in matrix[1:]}
    assert by_item["K05"][-1] == "缺口" and by_item["S04"][-1] == "級別不足"
    # levels, hours and counts are numbers; a cell's hours show as "12時 4級"
    assert by_item["K01"][2] == 4 and by_item["K01"][3] == 12 and by_item["K08"][-3:-1] == [2, 24]
    assert sheet.cell(row=2, column=4).number_format == '0"時 4級"'
    s04 = next(r for r in range(2, 21) if sheet.cell(row=r, column=1).value == "S04")
    assert sheet.cell(row=s04, column=7).number_format == '"（"0"時 3級""）"'
    # filters, frozen panes and a print setup repeating the item column
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=14).column_letter}20"
    assert sheet.freeze_panes == "D2" and sheet.print_title_cols == "$A:$B"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    findings = [[c.value for c in row] for row in book["審查發現"].iter_rows()]
    assert findings[0] == ["代碼", "發現類別", "嚴重度", "項目", "課程", "說明", "審查意見"]
    assert findings[1][:2] == ["GAP", "缺口"]
    assert [r[0] for r in findings[1:]] == [
        "GAP",
        "LEVEL",
        "UNASSESSED",
        "UNASSESSED",
        "UNUSED",
        "UNUSED",
        "OUTSIDE",
    ]
    coverage = [[c.value for c in row] for row in book["涵蓋率"].iter_rows()]
    assert coverage[0][3:6] == ["K 已涵蓋", "K 項目數", "K 涵蓋率"]
    assert coverage[-1][3:6] == [8, 9, 8 / 9]
    assert book["涵蓋率"].cell(row=5, column=6).number_format == "0%"
    courses = [[c.value for c in row] for row in book["課程"].iter_rows()]
    assert courses[1][:5] == ["CS-102", "服務定位與客戶服務策略實務", 12, 9000, 4]
    report = [[c.value for c in row] for row in book["審查報告"].iter_rows()]
    flat = [v for row in report for v in row if v]
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() in flat
    assert "T1（工作任務 T1.1 T1.2 T1.3）" in flat
    totals = {row[0]: row[1] for row in report if row[0] in ("課程數", "時數", "費用 (TWD)")}
    assert totals == {"課程數": 8, "時數": 87, "費用 (TWD)": 68500}


def test_xlsx_against_has_its_own_sheets(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "against.xlsx"
    versions = DATA / "versions"
    run(
        "review",
        str(versions / "programme-v3.yaml"),
        "--standards",
        str(versions / "standards"),
        "--catalogue",
        str(versions / "courses.yaml"),
        "--against",
        "TOY-001v4",
        "--lang",
        "en",
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[-2:] == ["Verdicts", "Changed claims"]
    verdicts = [[c.value for c in row] for row in book["Verdicts"].iter_rows()]
    assert verdicts[0][:6] == ["Version", "Standard", "Result", "error", "warning", "info"]
    assert [r[:3] for r in verdicts[1:]] == [
        ["before (TOY-001v3)", "TOY-001v3", "PASS"],
        ["after (TOY-001v4)", "TOY-001v4", "FAIL"],
    ]
    assert verdicts[2][3] == 5  # counts are numbers
    changed = [[c.value for c in row] for row in book["Changed claims"].iter_rows()]
    assert changed[0] == ["Item", "Course", "Reason"]
    assert changed[1][:2] == ["K01", "V1"]  # item first, then course
    # the findings sheet holds the findings only
    findings = [[c.value for c in row] for row in book["Findings"].iter_rows()]
    assert all(r[2] in ("error", "warning", "info") for r in findings[1:])


def test_xlsx_goes_to_a_pipe_as_bytes():
    # CliRunner's stdout is not a terminal, so the workbook's bytes go through.
    result = CliRunner().invoke(main, ["review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", "xlsx"])
    assert result.stdout_bytes.startswith(b"PK")


def test_html_is_self_contained():
    html = run("review", str(EXAMPLE), *EXAMPLE_ARGS, "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-Hant-TW">' in html
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "<link" not in html and "@page { size: A4" in html
    assert html.count('<tr class="') >= 19


# --------------------------------------------------------------------------- versions


def test_diff_of_the_hypothetical_versions():
    old = load_standard(VERSIONS / "standards" / "TOY-001v3.yaml")
    new = load_standard(VERSIONS / "standards" / "TOY-001v4.yaml")
    diff = diff_standards(old, new)
    assert [e.code for e in diff.items_added] == ["K05", "S04"]
    assert [e.code for e in diff.items_removed] == ["S03"]
    assert [(r.code, r.old_name, r.new_name) for r in diff.items_renamed] == [
        ("K02", "舊名稱", "新名稱")
    ]
    assert [(r.old_code, r.new_code) for r in diff.items_recoded] == [("K03", "K04")]
    assert [e.code for e in diff.tasks_added] == ["T1.3"]
    assert [r.code for r in diff.tasks_renamed] == ["T1.2"]
    assert [(c.task, c.old_level, c.new_level) for c in diff.level_changes] == [("T1.1", 2, 3)]
    assert [(c.task, c.added, c.removed) for c in diff.item_changes] == [
        ("T1.1", ("K05",), ()),
        ("T1.2", (), ("S03",)),
    ]
    assert [(c.task, c.added, c.removed) for c in diff.indicator_changes] == [
        ("T1.2", ("P1.2.2",), ("P1.2.2",))
    ]
    assert diff_standards(old, old).is_empty


def test_standards_diff_command():
    result = run("standards", "diff", "TOY-001v3", "TOY-001v4", "--lang", "en", *VERSION_ARGS)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Changes from TOY-001v3 to TOY-001v4\n")
    for line in (
        "  K05 (K) 知識五",
        "  S03 (S) 技能三",
        "  K02: 舊名稱 → 新名稱",
        "  K03 → K04 資料保存",
        "  T1.3 任務三",
        "  T1.1: 2 → 3",
        "  T1.1: + K05",
        "  T1.2: - S03",
    ):
        assert line in out.splitlines(), line
    files = run(
        "standards",
        "diff",
        str(VERSIONS / "standards" / "TOY-001v3.yaml"),
        str(VERSIONS / "standards" / "TOY-001v4.yaml"),
        *VERSION_ARGS,
        "--format",
        "json",
    )
    assert json.loads(files.stdout)["items_removed"][0]["code"] == "S03"
    same = run("standards", "diff", "TOY-001v4", "TOY-001v4", *VERSION_ARGS)
    assert "無差異。" in same.stdout
    assert run("standards", "diff", "TOY-001v4", "NOPE", *VERSION_ARGS).exit_code == 2


def test_review_against_a_newer_version():
    programme = str(VERSIONS / "programme-v3.yaml")
    old = run("review", programme, *VERSION_ARGS, "--format", "json")
    assert old.exit_code == 0, old.stdout
    assert json.loads(old.stdout)["findings"] == []
    new = run(
        "review",
        programme,
        *VERSION_ARGS,
        "--against",
        "TOY-001v4",
        "--format",
        "json",
        "--lang",
        "en",
    )
    assert new.exit_code == 3
    data = json.loads(new.stdout)
    assert data["standard"] == "TOY-001v4"
    assert data["provenance"]["programme_standard"] == "TOY-001v3"
    changed = [(c["course"], c["item"], c["reason"]) for c in data["against"]["changed_claims"]]
    assert changed == [
        ("V1", "K01", "required level 2 → 3; course level 2 no longer suffices"),
        (
            "V1",
            "K02",
            "renamed in TOY-001v4: 舊名稱 → 新名稱; required level 2 → 3; "
            "course level 2 no longer suffices",
        ),
        ("V1", "S01", "required level 2 → 3; course level 2 no longer suffices"),
        ("V2", "K03", "now K04 in TOY-001v4"),
        ("V2", "S03", "removed in TOY-001v4"),
        ("V2", "P1.2.2", "indicator removed or reworded in TOY-001v4"),
    ]
    codes = {(f["code"], f["item"]) for f in data["findings"]}
    # the recoded claim K03 counts once, under K04, as a provisional claim to confirm
    assert {("PROVISIONAL", "K04"), ("LEVEL", "K01")} <= codes
    assert ("UNKNOWN", "K03") not in codes and ("GAP", "K04") not in codes
    # the removed S03 no longer counts: information, not an unknown item (issue 22)
    assert ("UNKNOWN", "S03") not in codes
    assert any(f["code"] == "OUTSIDE" and "S03" in f["message"] for f in data["findings"])
    row = next(r for r in data["matrix"] if r["code"] == "K04")
    assert row["status"] == "OK" and row["courses"] == ["V2"]
    # the verdict under the old and the new version, side by side
    verdicts = data["against"]["verdicts"]
    assert [(v["standard"], v["failed"]) for v in verdicts] == [
        ("TOY-001v3", False),
        ("TOY-001v4", True),
    ]
    assert verdicts[0]["counts"]["error"] == 0 and verdicts[1]["counts"]["error"] > 0
    table = run("review", programme, *VERSION_ARGS, "--against", "TOY-001v4", "--lang", "en")
    assert "Claims that no longer hold in TOY-001v4" in table.stdout
    assert "Re-check against TOY-001v4" in table.stdout
    assert "Written for TOY-001v3, re-checked against TOY-001v4." in table.stdout


def test_library_api_without_the_cli():
    """The public loaders, review_programme and the JSON renderer give what the CLI prints."""
    path = REVIEW / "GAP.yaml"
    library = load_library([DATA / "tiny" / "standard.yaml"], [DATA / "tiny" / "courses.yaml"])
    review = review_programme(library, load_programme(path), programme_path=path, lang="en")
    assert review.failed and review.count("error") == 1
    assert [(f.code, f.item) for f in review.findings] == [("GAP", "S01")]
    assert Path(review.provenance.inputs[0].path).name == "GAP.yaml"
    cli = run("review", str(path), *TINY_ARGS, "--format", "json", "--lang", "en")
    assert cli.exit_code == 3
    # same data; the CLI's float options print as 0.0 and 2.0 where the defaults print 0 and 2
    assert json.loads(render_json(review)) == json.loads(cli.stdout)


def test_inline_claims_of_a_standard_not_loaded_are_unknown(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "name: x\nstandard: TINY-001v2\ntargets: [T1.1]\ncourses:\n"
        "  - {code: X, title: t, hours: 4, level: 2,\n"
        "     covers: {TINY-001v2: [K01, K02, S01], TINY-OO1v2: [K01]}}\n",
        encoding="utf-8",
    )
    result = run("review", str(path), *TINY_ARGS, "--format", "json", "--lang", "en")
    assert result.exit_code == 3
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["item"], f["course"]) for f in findings] == [
        ("UNKNOWN", "TINY-OO1v2", "X")
    ]
    assert findings[0]["message"] == "course X claims items of TINY-OO1v2, which is not loaded"


def test_text_formats_never_import_openpyxl_or_ortools():
    code = (
        "import sys\n"
        "from curriculum.cli import main\n"
        "try:\n"
        f"    main(['review', {str(EXAMPLE)!r}, '--format', 'html'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'ortools'})\n"
        "print('HEAVY', heavy)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    ).stdout
    assert out.strip().endswith("HEAVY []")
