"""Workbooks are bounded like CSV files (issue 25, point 4): parts that unpack past
the limits and sheets of too many rows are refused before openpyxl parses them,
cells are bounded like CSV fields, a negative shared-string index is an error,
and a false sheet size pads nothing. The limits are lowered for the tests."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

import curriculum.io.xlsx_limits as limits
from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.tables import read_table

HEADER = ["code", "title", "hours"]


_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}


def workbook(rows: list[list[object]], dimension: str = "") -> bytes:
    """A hand-made workbook: every text a shared string, every number a value;
    a cell given as ``("s", N)`` refers to shared string N as written."""
    strings: list[str] = []
    xml_rows = []
    for r, row in enumerate([HEADER, *rows], start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{'ABCDEFGH'[c]}{r}"
            if isinstance(value, tuple):
                cells.append(f'<c r="{ref}" t="s"><v>{value[1]}</v></c>')
            elif isinstance(value, str):
                strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    size = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{size}<sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
    )
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    shared_xml = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'
    )
    parts = {**_PARTS, "xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": shared_xml}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)
    return out.getvalue()


def test_the_hand_made_workbook_reads(tmp_path):
    table = read_table(save(tmp_path, workbook([["C1", "title", 3]])))
    assert table.rows[0][1] == ["C1", "title", "3"]


def rewrite(data: bytes, part: str, change) -> bytes:
    """The workbook with one part's XML changed by ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == part:
                content = change(content)
            dst.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def save(tmp_path, data: bytes):
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(data)
    return path


@pytest.fixture
def no_parse(monkeypatch):
    """Fail the test if openpyxl is asked to parse the workbook."""

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_title_that_unpacks_past_the_limit_is_refused_unparsed(tmp_path, monkeypatch, no_parse):
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1 << 20)
    path = save(tmp_path, workbook([["C1", "x" * (2 << 20), 3]]))
    assert path.stat().st_size < 64 << 10  # a small file...
    with pytest.raises(DataFileError, match="unpacks to 2 MB, more than 1 MB"):
        read_table(path)


def test_all_parts_together_are_bounded(tmp_path, monkeypatch, no_parse):
    monkeypatch.setattr(limits, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(DataFileError, match="more than 1,000 bytes: not read"):
        read_table(save(tmp_path, workbook([["C1", "t", 3]])))


def test_a_sheet_of_too_many_rows_is_refused_unparsed(tmp_path, monkeypatch, no_parse):
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    path = save(tmp_path, workbook([[f"C{n}", "t", 1] for n in range(150)]))
    with pytest.raises(DataFileError, match="has 151 rows, more than 100: save the table as CSV"):
        read_table(path)


def test_rows_are_counted_across_chunks(monkeypatch):
    monkeypatch.setattr(limits, "_CHUNK", 7)
    data = workbook([[f"C{n}", "t", 1] for n in range(40)])
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        info = book.getinfo("xl/worksheets/sheet1.xml")
        assert limits._count_rows(book, info) == 41


def test_a_cell_longer_than_a_csv_field_is_refused(tmp_path):
    path = save(tmp_path, workbook([["C1", "t", 3], ["C2", "y" * 131_073, 3]]))
    with pytest.raises(DataFileError, match="row 3, column 2: a cell of 131,073 characters"):
        read_table(path)


def test_a_negative_shared_string_index_is_an_error(tmp_path):
    data = workbook([["C1", ("s", -1), 3], ["C2", "last", 4]])
    with pytest.raises(DataFileError, match="row 2: damaged workbook"):
        read_table(save(tmp_path, data))


def test_a_false_sheet_size_pads_nothing(tmp_path):
    data = workbook([["C1", "t", 3]], dimension="A1:XFD1048576")
    table = read_table(save(tmp_path, data))
    assert len(table.rows) == 1 and len(table.rows[0][1]) == 3


def test_the_cli_says_it_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    path = save(tmp_path, workbook([[f"C{n}", "t", 1] for n in range(20)]))
    result = CliRunner().invoke(main, ["validate", "--catalogue", str(path), "--lang", "en"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "more than 10: save the table as CSV" in result.output
