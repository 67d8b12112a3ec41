"""The one reader of tabular files: the same header and row checks for every file kind."""

from __future__ import annotations

import pytest

from curriculum.errors import DataFileError
from curriculum.io.catalogue_rows import catalogue_from_csv
from curriculum.io.learners import parse_learners, read_learners
from curriculum.io.loaders import load_catalogue
from curriculum.io.tables import csv_table, read_table, split_list
from curriculum.io.team_file import load_team

BAS = "BAS1499-001v4"


def error(func, *args) -> str:
    with pytest.raises(DataFileError) as info:
        func(*args)
    return str(info.value)


def test_header_problems_are_listed_together_in_every_file_kind():
    text = "id,,standard,id,role\n"
    expected = [
        "f.csv:1: column 2 has no name",
        "f.csv:1: unknown column 'role'",
        "f.csv:1: column 'id' given twice",
    ]
    assert error(parse_learners, text, "f.csv").splitlines() == expected
    assert error(catalogue_from_csv, "code,title,hours,,role\n", "c.csv").splitlines() == [
        "c.csv:1: column 4 has no name",
        "c.csv:1: unknown column 'role'",
    ]


def test_known_columns_match_whatever_their_case_and_meta_keeps_its_own():
    data = catalogue_from_csv("Code,TITLE,Hours,meta.Room\nX-1,t,3,A1\n", "c.csv")
    assert data == {
        "courses": [{"code": "X-1", "title": "t", "hours": "3", "meta": {"Room": "A1"}}]
    }


def test_blank_rows_are_skipped_and_empty_trailing_cells_allowed():
    learners = parse_learners(f"id,standard\n\nann,{BAS},,\n ,  \nbob,{BAS}\n", "f.csv")
    assert [(x.id, x.line) for x in learners] == [("ann", 3), ("bob", 5)]
    assert error(parse_learners, f"id,standard\nann,{BAS},x\n", "f.csv") == (
        "f.csv:2: more cells than columns"
    )


def test_rows_are_located_by_line_in_csv_and_by_row_in_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["id", "standard"], ["ann", BAS], ["bob", ""]):
        book.active.append(row)
    path = tmp_path / "learners.xlsx"
    book.save(path)
    assert error(read_learners, path) == f"{path}: row 3: learner bob: empty standard"
    assert read_table(path).header_at == f"{path}: row 1"
    assert csv_table("a\n", "x.csv").header_at == "x.csv:1"


def test_a_team_file_may_be_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["ID", "Standard", "Targets"], ["E1", BAS, "T1.1；T1.2"]):
        book.active.append(row)
    path = tmp_path / "team.xlsx"
    book.save(path)
    team = load_team(path)
    assert team.members[0].targets == ("T1.1", "T1.2")
    assert team.place(0) == f"{path}: row 2"


def test_a_broken_csv_is_a_located_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("code,title,hours\nX-1,t,3\nX-2," + "t" * 200_000 + ",3\n", encoding="utf-8")
    assert error(load_catalogue, path).startswith(f"{path}:3: not valid CSV (field larger")


def test_list_cells():
    assert split_list(" K01;；K02 ; ") == ("K01", "K02")
    assert split_list("Ｋ01, K02 K03，K04") == ("K01", "K02", "K03", "K04")
    assert split_list("K01、K02\nK03\tK04") == ("K01", "K02", "K03", "K04")
