"""XLSX writers hold any text the loaders accepted (issue 25, point 6): control
characters dropped, U+FFFE replaced, the same rule in every workbook."""

from __future__ import annotations

import zipfile

import openpyxl
import yaml
from click.testing import CliRunner
from conftest import DATA

from curriculum.cli import main
from curriculum.io.cells import xlsx_text

TINY = DATA / "tiny"
BAD_TITLE = "Intro\x01duction\x1b \ufffe end\x0b"
CLEAN_TITLE = "Introduction \ufffd end"


def hostile(tmp_path):
    data = yaml.safe_load((TINY / "courses.yaml").read_text(encoding="utf-8"))
    data["provider"] = "Acme\x07"
    for course in data["courses"]:
        course["title"] = BAD_TITLE
    path = tmp_path / "courses.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return ["--standards", str(TINY / "standard.yaml"), "--catalogue", str(path)]


def texts(path) -> set[str]:
    with zipfile.ZipFile(path) as book:
        assert book.testzip() is None
    return {
        c.value
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_the_rule():
    assert xlsx_text(BAD_TITLE) == CLEAN_TITLE
    assert xlsx_text("a\tb\nc\r") == "a\tb\nc\r"
    assert xlsx_text("x\ud800y") == "x\ufffdy"
    assert len(xlsx_text("x" * 40_000)) == 32_767


def test_schedule_xlsx(tmp_path):
    out = tmp_path / "s.xlsx"
    run("schedule", "TINY-001v2", *hostile(tmp_path), "--format", "xlsx", "-o", str(out))
    assert any(CLEAN_TITLE in t for t in texts(out))


def test_team_xlsx(tmp_path):
    team = tmp_path / "team.csv"
    team.write_text("id,name,department,standard\nm1,N\x02,D\x03,TINY-001v2\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    run("team", str(team), *hostile(tmp_path), "--format", "xlsx", "-o", str(out))
    values = texts(out)
    assert any(CLEAN_TITLE in t for t in values)
    assert not any("\x02" in t or "\x03" in t for t in values)


def test_review_xlsx(tmp_path):
    data = hostile(tmp_path)
    programme = tmp_path / "p.yaml"
    programme.write_text(
        yaml.safe_dump(
            {
                "name": "Prog\x01ramme\ufffe",
                "provider": "P\x1f",
                "standard": "TINY-001v2",
                "courses": ["A1", "B1"],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "r.xlsx"
    result = run("review", str(programme), *data, "--format", "xlsx", "-o", str(out))
    assert result.exit_code in (0, 3), result.output
    values = texts(out)
    assert any("Programme\ufffd" in t for t in values)
    assert not any("\x01" in t or "\x1f" in t for t in values)
