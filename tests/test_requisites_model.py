"""Catalogue fields for programmes over time: prerequisites, offered periods, sessions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from curriculum.errors import DataFileError
from curriculum.io.library import load_library
from curriculum.model.periods import Calendar, normalize_label
from curriculum.model.requisites import find_cycle, format_requisites, parse_requisites
from curriculum.model.standard import Course


def course(**fields: object) -> Course:
    return Course(code="CS-201", title="t", hours=3, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "written",
    [
        "CS-101; CS-102 | CS-103",
        "CS-101，CS-102 or CS-103",
        ["CS-101", ["CS-102", "CS-103"]],
        ["CS-101", "CS-102 | CS-103"],
    ],
)
def test_prerequisites_written_every_way_mean_the_same(written: object) -> None:
    assert course(prerequisites=written).prerequisites == (("CS-101",), ("CS-102", "CS-103"))


def test_text_form_round_trips() -> None:
    requisites = (("CS-101",), ("CS-102", "CS-103"))
    assert parse_requisites(format_requisites(requisites)) == requisites


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"offered": []}, "offered in no period"),
        ({"prerequisites": "cs-201"}, "names itself"),
        ({"offered": ["2027-13"]}, "no month 13"),
        ({"offered": ["autumn"]}, "is not a number"),
        ({"sessions": [{"start": "2027-03-05", "end": "2027-03-01"}]}, "before it starts"),
        ({"sessions": [{"start": "2027-02-30", "end": "2027-03-01"}]}, "not a date"),
    ],
)
def test_bad_fields_are_refused(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        course(**fields)


def test_course_codes_cannot_hold_the_alternative_separator() -> None:
    with pytest.raises(ValidationError, match="separates alternative"):
        Course(code="A|B", title="t", hours=1)


def test_labels_have_one_spelling() -> None:
    assert [normalize_label(v) for v in (3, "2027q1", "2027-h2", "s1", "2027-03", "m03")] == [
        "3",
        "2027-Q1",
        "2027-S2",
        "S1",
        "2027-03",
        "M03",
    ]


def test_cycle_is_named_in_order() -> None:
    assert find_cycle({"A": {"B"}, "B": {"C"}, "C": {"A"}}) == ["A", "B", "C", "A"]
    assert find_cycle({"A": {"B"}, "B": set(), "C": {"A", "B"}}) is None


def test_calendar_matches_labels_to_periods() -> None:
    quarters = Calendar.dated("2027-01", "quarter", 6)
    assert [p.label for p in quarters.periods] == [
        "2027-Q1",
        "2027-Q2",
        "2027-Q3",
        "2027-Q4",
        "2028-Q1",
        "2028-Q2",
    ]
    assert quarters.periods[0].end == date(2027, 3, 31)
    assert quarters.allowed(["2027-Q3"]) == [3]
    assert quarters.allowed(["Q1"]) == [1, 5]
    assert quarters.allowed(["S2"]) == [3, 4]
    assert quarters.allowed(["2027-05"]) == [2]
    assert quarters.allowed(None) == [1, 2, 3, 4, 5, 6]
    assert quarters.allowed(["2"]) == [2]
    course_ = course(sessions=[{"start": "2027-08-02", "end": "2027-08-04"}])
    assert quarters.allowed(None, course_.sessions) == [3]
    months = Calendar.dated("2027-Q2", "month", 3)
    assert [p.label for p in months.periods] == ["2027-04", "2027-05", "2027-06"]
    numbered = Calendar.numbered(4)
    assert numbered.allowed(["1", "3", "9"]) == [1, 3]
    assert numbered.allowed(["2027-Q1"]) == []


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_library_spells_codes_as_defined_and_reads_table_forms(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.csv",
        "code,title,hours,prerequisites,offered,sessions\n"
        "CS-101,Intro,6,,1;2,\n"
        "CS-102,Other,6,,,2027-03-01 ~ 2027-03-05; 2027-09-06\n"
        "CS-201,Next,6,cs-101; CS-102 | cs-101,S2,\n",
    )
    library = load_library([], [tmp_path / "a.csv"])
    assert library.course("CS-201").prerequisites == (("CS-101",), ("CS-102", "CS-101"))
    assert library.course("CS-201").offered == ("S2",)
    assert library.course("CS-101").offered == ("1", "2")
    assert [(s.start, s.end) for s in library.course("CS-102").sessions] == [
        (date(2027, 3, 1), date(2027, 3, 5)),
        (date(2027, 9, 6), date(2027, 9, 6)),
    ]


def test_unknown_prerequisites_and_cycles_are_data_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.yaml",
        "courses:\n"
        "  - {code: CS-101, title: a, hours: 1, prerequisites: [CS-103]}\n"
        "  - {code: CS-102, title: b, hours: 1, prerequisites: [[CS-101, CS-10]]}\n"
        "  - {code: CS-103, title: c, hours: 1, corequisites: CS-102}\n",
    )
    with pytest.raises(DataFileError) as caught:
        load_library([], [path])
    lines = str(caught.value).splitlines()
    assert (
        f"{path}:3: course CS-102: prerequisite CS-10 is no course of the loaded catalogues"
        in (lines[1])
    )
    assert "did you mean" in lines[1]
    assert (
        lines[0]
        == f"{path}:2: course CS-101: prerequisite cycle CS-101 -> CS-103 -> CS-102 -> CS-101"
    )


def test_xlsx_catalogue_reads_the_same_cell_forms(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "courses"
    sheet.append(["課程代碼", "課程名稱", "時數", "先修課程", "開課期間", "梯次日期"])
    sheet.append(["CS-101", "入門", 6, None, "2027-Q1；2027-Q3", "2027-03-01～2027-03-02"])
    sheet.append(["CS-201", "進階", 6, "CS-101 或 CS-102", "S2", None])
    sheet.append(["CS-102", "其他", 3, None, None, None])
    book.save(tmp_path / "c.xlsx")
    library = load_library([], [tmp_path / "c.xlsx"])
    assert library.course("CS-201").prerequisites == (("CS-101", "CS-102"),)
    assert library.course("CS-101").offered == ("2027-Q1", "2027-Q3")
    assert library.course("CS-101").sessions[0].end == date(2027, 3, 2)
