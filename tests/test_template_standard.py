"""`courses template FILE --standard CODE`: the wide template of one standard (issue 12, point 4).

The templates are filled as a provider would, with openpyxl (XLSX) or a CSV writer
as Excel saves it, then loaded as they are and planned with.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import BAS, STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue, load_standard
from curriculum.io.template import catalogue_template, standard_template
from curriculum.io.wide_catalogue import claim_value, item_column

STD = ["--standards", str(STANDARDS)]
K_T12 = [f"K0{n}" for n in range(1, 8)]
S_T12 = [f"S0{n}" for n in range(1, 7)]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def bas():
    return load_standard(STANDARDS / f"{BAS}.yaml")


def _template(tmp_path, name: str, *more: str):
    path = tmp_path / name
    result = run("courses", "template", str(path), "--standard", BAS.lower(), *STD, *more)
    assert result.exit_code == 0, result.output
    # no --lang: the message is in the standard's language, as the template is
    assert result.stderr == f"已寫入 {path}\n"
    return path


def _fill(header: list[str], rows: list[dict[str, object]]) -> list[list[object]]:
    """Rows for the wide header: course fields by position, items by their code."""
    codes = [item_column(h)[1] if item_column(h) else None for h in header]
    out = []
    for row in rows:
        line: list[object] = [None] * len(header)
        for n, key in enumerate(("code", "title", "hours", "cost", "level")):
            line[n] = row.get(key)
        for item, mark in row.get("items", {}).items():  # type: ignore[union-attr]
            line[codes.index(item)] = mark
        out.append(line)
    return out


COURSES = [
    {"code": "comp 3601", "title": "客服專案知識", "hours": 12, "cost": "15,000", "level": 4,
     "items": {**{k: "是" for k in K_T12}, "K10": "否"}},
    {"code": "COMP 3602", "title": "客服專案實作", "hours": 18, "cost": 21000, "level": "4",
     "items": {**{s: "是" for s in S_T12[:-1]}, "S06": "x"}},
    {"code": "COMP 3603", "title": "短講", "hours": 3, "level": 3, "items": {"K01": "是"}},
]  # fmt: skip


def test_xlsx_template_filled_with_openpyxl_loads_and_plans(tmp_path, bas):
    path = _template(tmp_path, "mine.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["courses", "說明"]
    sheet = book["courses"]
    header = [c.value for c in sheet[1]]
    assert sheet.max_row == 1  # no example row: a filled template needs no editing
    for line in _fill(header, COURSES):
        sheet.append(line)
    book.save(path)
    catalogue = load_catalogue(path)
    assert [c.code for c in catalogue.courses] == ["comp 3601", "COMP 3602", "COMP 3603"]
    first, second, _ = catalogue.courses
    assert first.covers == {BAS: tuple(K_T12)} and first.cost == 15000 and first.level == 4
    assert second.covers == {BAS: tuple(S_T12)}
    library = load_library([STANDARDS], [path])
    assert set(library.courses) == {"comp 3601", "COMP 3602", "COMP 3603"}
    result = run("plan", BAS, "T1.2", *STD, "--catalogue", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "comp 3601" in result.stdout and "COMP 3602" in result.stdout
    assert "COMP 3603" not in result.stdout  # level 3 does not reach T1.2's level 4


def test_header_names_each_ks_item_with_its_required_level(bas):
    from curriculum.model.levels import required_levels

    text = standard_template(bas, "csv")
    assert isinstance(text, str) and text.startswith("\ufeff")
    header = next(csv.reader(io.StringIO(text[1:])))
    assert header[:5] == ["課程代碼", "課程名稱", "時數", "費用", "級別"]
    items = [i for i in bas.items if i.kind in "KS"]
    assert len(header) == 5 + len(items)
    levels = required_levels(bas, bas.tasks)
    for cell, item in zip(header[5:], items, strict=True):
        assert item_column(cell) == (BAS, item.code)
        assert item.name in cell and f"級別 {levels[item.code]}" in cell
    assert not any(item_column(h) and item_column(h)[1].startswith("A") for h in header)


def test_drop_downs_for_level_and_items(tmp_path, bas):
    book = openpyxl.load_workbook(_template(tmp_path, "dd.xlsx"))
    sheet = book["courses"]
    found = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    last = openpyxl.utils.get_column_letter(sheet.max_column)
    assert found == {"E2:E201": '"1,2,3,4,5,6"', f"F2:{last}201": '"是,否"'}
    assert all(v.type == "list" for v in sheet.data_validations.dataValidation)
    assert claim_value("是") and claim_value("否") is False


def test_instructions_in_the_standards_language(bas):
    zh = openpyxl.load_workbook(io.BytesIO(standard_template(bas, "xlsx")))
    zh_text = " ".join(str(c.value) for row in zh["說明"].iter_rows() for c in row if c.value)
    assert f"{BAS} {bas.name} 課程目錄範本" in zh_text and "每列填寫一門課程" in zh_text
    assert "Fill" not in zh_text
    english = bas.model_copy(update={"language": "en"})
    en = openpyxl.load_workbook(io.BytesIO(standard_template(english, "xlsx")))
    assert en.sheetnames == ["courses", "instructions"]
    en_text = " ".join(
        str(c.value) for row in en["instructions"].iter_rows() for c in row if c.value
    )
    assert "One course a row" in en_text and "每列" not in en_text
    assert [c.value for c in en["courses"][1]][:3] == ["code", "title", "hours"]
    dv = {v.formula1 for v in en["courses"].data_validations.dataValidation}
    assert '"yes,no"' in dv
    # the item list: every K/S item with its tasks
    rows = [[c.value for c in row] for row in zh["說明"].iter_rows()]
    k07 = next(r for r in rows if r[0] == "K07")
    assert k07[1:4] == ["知識", "教育訓練規範", "4"] and "T1.2" in k07[4]


def test_csv_template_round_trip_with_bom(tmp_path, bas):
    path = _template(tmp_path, "mine.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw == standard_template(bas, "csv").encode()
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as Excel saves "CSV UTF-8"
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in r] for r in _fill(header, COURSES)])
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    catalogue = load_catalogue(path)
    assert catalogue.courses[0].covers == {BAS: tuple(K_T12)}
    assert catalogue.courses[1].covers == {BAS: tuple(S_T12)}
    assert load_catalogue(_template(tmp_path, "empty.csv")).courses == ()
    # zh-TW Excel saving as "CSV (comma delimited)" writes Big5 without a BOM
    big5 = tmp_path / "big5.csv"
    big5.write_bytes(out.getvalue().encode("cp950"))
    assert load_catalogue(big5) == catalogue


def test_bad_cells_are_located_and_everything_is_reported(tmp_path):
    path = _template(tmp_path, "bad.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["courses"]
    header = [c.value for c in sheet[1]]
    bad = [
        {"code": "A 1", "title": "t", "hours": 3, "items": {"K02": 3}},
        {"code": "A 2", "title": "t", "hours": 3, "items": {"S01": "maybe"}},
    ]
    for line in _fill(header, bad):
        sheet.append(line)
    book.save(path)
    with pytest.raises(DataFileError) as info:
        load_catalogue(path)
    lines = str(info.value).splitlines()
    col = openpyxl.utils.get_column_letter(
        header.index(next(h for h in header if ":K02 " in h)) + 1
    )
    assert lines[0].startswith(f"{path}: row 2, column {col} ({BAS}:K02 ")
    assert lines[0].endswith(
        "course A 1: '3' should be yes or no (the course's level goes in the level column)"
    )
    assert "row 3" in lines[1] and "'maybe' should be yes or no" in lines[1]
    result = run("validate", *STD, "--catalogue", str(path))
    assert result.exit_code == 1 and "'maybe'" in result.stderr


def test_a_hand_made_wide_table_and_the_covers_column_together(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(
        "code,title,hours,bas1499-001v4:k01,BAS1499-001v4:S02 溝通協調能力,covers\n"
        "H-1,手作,3,Y,,BAS1499-001v4:K02\n"
        "H-2,手作二,3,no,✓,\n",
        encoding="utf-8",
    )
    courses = load_catalogue(path).courses
    assert courses[0].covers == {"bas1499-001v4": ("k01",), "BAS1499-001v4": ("K02",)}
    library = load_library([STANDARDS], [path])
    assert library.course("H-1").covers == {BAS: ("K01", "K02")}
    assert library.course("H-2").covers == {BAS: ("S02",)}
    twice = tmp_path / "twice.csv"
    twice.write_text(path.read_text(encoding="utf-8").replace(":K02", ":K02;K01"), "utf-8")
    result = run("validate", *STD, "--catalogue", str(twice), "--lang", "en")
    assert result.exit_code == 1 and "course H-1: claims an item twice" in result.stderr
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("code,title,hours,BAS1499-001v4:K99 x\nU-1,u,3,yes\n", encoding="utf-8")
    result = run("validate", *STD, "--catalogue", str(unknown))
    assert result.exit_code == 1 and "K99" in result.stderr


def test_the_same_template_gives_the_same_bytes_and_the_plain_csv_has_a_bom(bas):
    assert standard_template(bas, "xlsx") == standard_template(bas, "xlsx")
    assert catalogue_template("csv").startswith("\ufeff")
    with pytest.raises(ValueError):
        standard_template(bas, "ods")


def test_unknown_standard_is_a_usage_error(tmp_path):
    path = tmp_path / "x.xlsx"
    result = run(
        "courses", "template", str(path), "--standard", "BAS1499-001", *STD, "--lang", "en"
    )
    assert result.exit_code == 2 and "did you mean BAS1499-001v4?" in result.stderr
    assert not path.exists()
