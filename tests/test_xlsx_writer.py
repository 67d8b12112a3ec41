"""Every workbook goes through one routine: one fixed date, the same bytes for the same input."""

from __future__ import annotations

import io
import types
import zipfile

import pytest

from curriculum.io.template import catalogue_template
from curriculum.io.xlsx_writer import FIXED_DATE, bold_row, new_workbook, workbook_bytes

pytest.importorskip("openpyxl")


def dates_of(data: bytes) -> tuple[set[tuple[int, ...]], str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        stamps = {info.date_time for info in book.infolist()}
        core = book.read("docProps/core.xml").decode("utf-8")
    return stamps, core


def test_the_template_has_only_the_fixed_date():
    data = catalogue_template("xlsx")
    assert isinstance(data, bytes)
    stamps, core = dates_of(data)
    assert stamps == {FIXED_DATE}
    assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified


def test_the_same_workbook_gives_the_same_bytes(monkeypatch):
    import datetime

    import openpyxl.writer.excel as excel

    def book() -> bytes:
        wb = new_workbook()
        wb.active.append(["code", "title"])
        bold_row(wb.active)
        return workbook_bytes(wb)

    first = book()

    class Later(datetime.datetime):
        @classmethod
        def now(cls, tz=None):  # openpyxl stamps 'modified' with now() when saving
            return datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    clock = types.SimpleNamespace(datetime=Later, timezone=datetime.timezone)
    monkeypatch.setattr(excel, "datetime", clock)
    later = book()
    assert later == first
    raw = new_workbook()
    buffer = io.BytesIO()
    raw.save(buffer)  # the check can fail: openpyxl alone stamps the (patched) time
    assert "2031-05-06T07:08:09Z" in dates_of(buffer.getvalue())[1]


def test_the_template_reads_back_as_a_catalogue(tmp_path):
    from curriculum.io.loaders import load_catalogue

    path = tmp_path / "template.xlsx"
    path.write_bytes(catalogue_template("xlsx"))
    catalogue = load_catalogue(path)
    assert [c.code for c in catalogue.courses] == ["EX-101"]
