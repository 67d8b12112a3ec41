"""Data entry as providers and HR keep their data (issue 12): real-looking files."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner
from conftest import BAS, COURSES, STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.learners import read_learners
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue
from curriculum.io.team_file import load_team
from curriculum.reviewing.programme import load_programme

STD = ["--standards", str(STANDARDS)]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- point 1

SEVEN_MISTAKES = """\
provider: 好學訓練中心
courses:
  - code: TP-101
    title: 客服溝通
    hours: 6
    covers: {BAS1499-001v4: [K01]}
  - code: TP-101
    title: 客服溝通（重複）
    hours: 6
  - code: TP-102
    title: 專案管理
    hour: 12
  - code: TP-103
    title: 資料分析
    hours: 9
    level: 三
  - code: TP-104
    title: 舊版基準
    hours: 3
    covers: {BAS1499-001: [K01]}
  - code: TP-105
    title: 錯字
    hours: 3
    covers: {BAS1499-001v4: [K1O]}
  - code: TP-106
    title: 負時數
    hours: -2
"""


def test_validate_lists_every_problem_in_one_run_with_lines(tmp_path):
    path = write(tmp_path / "catalogue.yaml", SEVEN_MISTAKES)
    result = run("validate", *STD, "--catalogue", str(path), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stderr.removeprefix("Error: ").strip().splitlines()
    assert lines == [
        f"{path}:7: duplicate course code TP-101: defined at line 3, line 7",
        f"{path}:12: course TP-102: unknown key 'hour' (did you mean 'hours'?)",
        f"{path}:16: course TP-103: level should be a number, not '三'",
        f"{path}:17: course TP-104: unknown standard BAS1499-001 (did you mean BAS1499-001v4?)",
        f"{path}:21: course TP-105: BAS1499-001v4 defines no item K1O (did you mean K10?)",
        f"{path}:27: course TP-106: hours should be greater than or equal to 0 (got -2)",
    ]
    assert "level.int" not in result.stderr and "Input should" not in result.stderr


def test_xlsx_problems_name_row_and_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["課程代碼", "課程名稱", "時數", "費用", "涵蓋"])
    sheet.append(["TP-201", "客訴處理", 6, "15,000", "BAS1499-001v4:K01、K02"])
    sheet.append(["TP-202", "簡報", "six", None, "BAS1499-001v4:K03"])
    sheet.append(["TP-203", "報表", 3, -5, None])
    path = tmp_path / "課程.xlsx"
    book.save(path)
    with pytest.raises(DataFileError) as info:
        load_catalogue(path)
    assert str(info.value).splitlines() == [
        f"{path}: row 3, column C (時數): course TP-202: hours should be a number, not 'six'",
        f"{path}: row 4, column D (費用): course TP-203: "
        "cost should be greater than or equal to 0 (got '-5')",
    ]


def test_programme_typo_gets_a_suggestion_and_a_line(tmp_path):
    path = write(
        tmp_path / "p.yaml",
        f"name: 方案\nstandard: {BAS}\ntarget: [T1]\ncourses: [CS-102]\n",
    )
    with pytest.raises(DataFileError) as info:
        load_programme(path)
    assert str(info.value) == f"{path}:3: unknown key 'target' (did you mean 'targets'?)"


def test_a_bad_catalogue_does_not_stop_standards_commands(tmp_path):
    (tmp_path / "courses").mkdir()
    write(tmp_path / "courses" / "bad.yaml", SEVEN_MISTAKES)
    bad = ["--catalogue", str(tmp_path / "courses")]
    assert run("standards", "list", *STD, *bad).exit_code == 0
    assert run("standards", "show", BAS, *STD, *bad).exit_code == 0
    listed = run("courses", "list", *STD, *bad, "--format", "json", "--lang", "en")
    assert listed.exit_code == 0
    assert {c["code"] for c in json.loads(listed.stdout)} == {"TP-101", "TP-104", "TP-105"}
    assert "Warning: problems in the catalogues (invalid courses are left out)" in listed.stderr
    assert run("plan", BAS, *STD, *bad).exit_code == 1


# --------------------------------------------------------------------------- point 2


def test_course_codes_with_spaces_and_codes_in_any_case(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "code,title,hours,covers\n"
        "COMP 3601,客服實務,6,bas1499-001v4:k01 ｋ02\n"
        "COMP  3602,專案,4,BAS1499-001V4:S01\n",
    )
    library = load_library(STD[1:], [path])
    assert sorted(library.courses) == ["COMP 3601", "COMP 3602"]
    assert library.courses["COMP 3601"].covers == {BAS: ("K01", "K02")}
    assert library.course("comp 3602").code == "COMP 3602"
    assert library.standard("bas1499-001V4").code == BAS
    result = run(
        "plan", "bas1499-001v4", "t1.1", "--have", "k03", *STD, "--catalogue", str(path),
        "--require", "comp 3601", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["standard"] == BAS and plan["targets"] == ["T1.1"] and plan["held"] == ["K03"]
    assert "COMP 3601" in [c["code"] for c in plan["courses"]]


def test_codes_with_separators_are_refused_in_plain_words(tmp_path):
    path = write(tmp_path / "c.yaml", "courses:\n  - {code: 'A;B', title: t, hours: 1}\n")
    with pytest.raises(DataFileError, match=r"c.yaml:2: course A;B: code 'A;B' contains ';'"):
        load_catalogue(path)


def test_codes_differing_only_in_case_are_duplicates(tmp_path):
    path = write(tmp_path / "c.csv", "code,title,hours\ncs-1,a,1\nCS-1,b,2\n")
    with pytest.raises(DataFileError, match="duplicate course code cs-1 / CS-1: defined at line 2"):
        load_catalogue(path)


# --------------------------------------------------------------------------- point 3

TEAM_ZH = (
    "編號,姓名,部門,職能基準,目標,已具備\nE01,王小明,客服部,bas1499-001v4,T1.1、T1.2,k01 K02\n"
)


def test_zh_tw_big5_catalogue_with_thousands_and_list_separators(tmp_path):
    text = (
        "課程代碼,課程名稱,時數,費用,級別,涵蓋\r\n"
        'CS 101,客戶服務,６,"15,000",3,BAS1499-001v4:K01；K02，K03 K04\r\n'
    )
    path = write(tmp_path / "courses.csv", text, "cp950")
    course = load_catalogue(path).courses[0]
    assert (course.code, course.hours, course.cost, course.level) == ("CS 101", 6, 15000, 3)
    assert course.covers == {BAS: ("K01", "K02", "K03", "K04")}


def test_one_member_file_for_team_and_batch_in_csv_xlsx_and_yaml(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    csv_path = write(tmp_path / "team.csv", TEAM_ZH)
    book = openpyxl.Workbook()
    for row in TEAM_ZH.splitlines():
        book.active.append(row.split(","))
    xlsx_path = tmp_path / "team.data"  # a workbook recognised by its content
    book.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        (member,) = load_team(path).members
        assert (member.id, member.standard, member.targets, member.held) == (
            "E01", "bas1499-001v4", ("T1.1", "T1.2"), ("k01", "K02")
        )  # fmt: skip
        (learner,) = read_learners(path)
        assert (learner.id, learner.targets, learner.held) == ("E01", ("T1.1", "T1.2"), member.held)
    yaml_path = write(
        tmp_path / "team.yaml",
        yaml.safe_dump({"members": [{"id": "E01", "name": "王小明", "standard": BAS}]}),
    )
    assert read_learners(yaml_path)[0].standard == BAS
    for path in (csv_path, xlsx_path):
        result = run("plan", "--batch", str(path), *STD, "--catalogue", str(COURSES))
        assert result.exit_code == 0, result.stderr
        assert "E01" in result.stdout


def test_programme_as_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (
        ["方案名稱", "職能基準", "目標", "課程代碼"],
        ["客服培訓", BAS, "T1.1", "cs-102"],
        [None, None, None, "CS-106"],
    ):
        book.active.append(row)
    path = tmp_path / "programme.xlsx"
    book.save(path)
    programme = load_programme(path)
    assert (programme.name, programme.targets, programme.courses) == (
        "客服培訓", ("T1.1",), ("cs-102", "CS-106")
    )  # fmt: skip
    result = run("review", str(path), *STD, "--catalogue", str(COURSES), "--format", "json")
    assert result.exit_code in (0, 3), result.stderr
    assert [c["code"] for c in json.loads(result.stdout)["courses"]] == ["CS-102", "CS-106"]


# --------------------------------------------------------------------------- point 5


def test_no_silent_example_catalogue(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("plan", BAS, "T1.1", *STD, "--lang", "en")
    assert result.exit_code == 0
    assert "Warning: no ./courses folder and no --catalogue: using the shipped example" in (
        result.stderr
    )
    result = run("validate", *STD, "--lang", "en")
    assert result.exit_code == 0 and "0 catalogues with 0 courses" in result.stdout
    programme = write(
        tmp_path / "p.yaml", f"name: 他校方案\nstandard: {BAS}\ncourses: [CS-102, CS-999]\n"
    )
    result = run("review", str(programme), *STD, "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {programme}: course CS-102: no loaded catalogue defines it "
        "(no catalogue is loaded: give --catalogue)",
        f"{programme}: course CS-999: no loaded catalogue defines it "
        "(no catalogue is loaded: give --catalogue)",
    ]


# --------------------------------------------------------------------------- point 6


@pytest.mark.parametrize("objective", ["hours", "cost"])
def test_plan_writes_a_programme_that_review_accepts(tmp_path, objective):
    out = tmp_path / "P.yaml"
    data = ["--catalogue", str(COURSES)]
    args = ("plan", BAS, "T2", *STD, *data, "--objective", objective)
    result = run(*args, "--format", "programme", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    plan = json.loads(run(*args, "--format", "json").stdout)
    assert written["standard"] == BAS and written["targets"] == ["T2"]
    assert written["courses"] == [c["code"] for c in plan["courses"]]
    review = run("review", str(out), *STD, *data, "--format", "json")
    assert review.exit_code == 0, review.stdout
    assert [c["code"] for c in json.loads(review.stdout)["courses"]] == written["courses"]


def test_objective_cost_minimises_cost(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "code,title,hours,cost,covers\n"
        "FAST,短,2,9000,BAS1499-001v4:K01\n"
        "CHEAP,長,8,1000,BAS1499-001v4:K01\n",
    )
    base = ("plan", BAS, "T1.1", *STD, "--catalogue", str(path), "--ignore-levels")
    hours = json.loads(run(*base, "--format", "json").stdout)
    cost = json.loads(run(*base, "--objective", "cost", "--format", "json").stdout)
    assert [c["code"] for c in hours["courses"]] == ["FAST"]
    assert [c["code"] for c in cost["courses"]] == ["CHEAP"]
    assert cost["objective"] == "cost" and "objective" not in hours
    assert run(*base, "--objective", "cost", "--max-hours", "3").exit_code == 2


# --------------------------------------------------------------------------- point 8


def test_a_table_where_a_standard_is_expected(tmp_path):
    table = write(tmp_path / "std.csv", "standard,item,kind,name\nX,K01,K,知識\n")
    result = run("validate", "--standards", str(table))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {table}: this is a standard table, not a standard file: "
        f"run `curriculum standards import {table}` to convert it\n"
    )
    folder = tmp_path / "standards"
    folder.mkdir()
    (folder / "BAS.yaml").write_bytes((STANDARDS / f"{BAS}.yaml").read_bytes())
    (folder / "new.csv").write_bytes(table.read_bytes())
    result = run("standards", "list", "--standards", str(folder), "--lang", "en")
    assert result.exit_code == 0
    assert f"Warning: {folder}: ignoring new.csv: not standard files" in result.stderr


# --------------------------------------------------------------------------- point 7


def test_text_importer_shares_the_json_importers_repairs():
    from conftest import SEED

    from curriculum.errors import RepairWarning
    from curriculum.io.importers.icap_text import parse_icap_text

    text = SEED.read_text(encoding="utf-8")
    plain = parse_icap_text(text, "seed.txt")
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("A01 "))
    lines[first] = "A01 親和力"  # an attitude line without its description
    row = next(n for n, line in enumerate(lines) if "K01 組織服務項目定位" in line)
    lines[row] = lines[row].replace("K01 組織服務項目定位", "K01 組織服務項目定位【註1】", 1)
    with pytest.warns(RepairWarning, match="removed footnote marker"):
        repaired = parse_icap_text("\n".join(lines) + "\n", "seed.txt")
    assert repaired.item_index["A01"].name == "親和力"
    assert repaired.item_index["A01"].description is None
    k01 = repaired.item_index["K01"]  # the footnote number is kept, as the JSON importer keeps it
    assert k01.meta == {"footnotes": ["1"]} and k01.name == plain.item_index["K01"].name
    assert repaired.meta["repairs"][0]["reason"] == "removed footnote marker"
    assert repaired.tasks == plain.tasks
