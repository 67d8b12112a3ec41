"""Write XLSX workbooks reproducibly: the same content gives the same bytes.

openpyxl stamps the document's creation and modification times and the zip
entries' times; :func:`workbook_bytes` saves a workbook and replaces all of them
with one fixed date. The template and every XLSX report are saved through it.
openpyxl is imported only when a workbook is made.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

FIXED_DATE = (2000, 1, 1, 0, 0, 0)
"""The date written into every workbook (zip entries and document properties)."""

_FIXED_W3C = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_DATE)
_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def new_workbook() -> Any:
    """An empty openpyxl workbook (one sheet), its text cells made safe (see
    :func:`install_cell_rule`)."""
    from openpyxl import Workbook

    install_cell_rule()
    return Workbook()


def install_cell_rule() -> None:
    """Make openpyxl pass every text given to a cell through
    :func:`curriculum.io.cells.xlsx_text` instead of raising ``IllegalCharacterError``
    on a control character from an input (or writing U+FFFE, which breaks the file).

    openpyxl checks text in one method, ``Cell.check_string``; replacing it is the
    one place that covers ``append``, ``cell(value=...)`` and ``cell.value = ...``
    in every writer. Idempotent.
    """
    from openpyxl.cell.cell import Cell

    from curriculum.io.cells import xlsx_text

    if getattr(Cell.check_string, "_curriculum", False):
        return

    def check_string(self: Any, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            value = str(value, "utf-8")
        return xlsx_text(value)

    check_string._curriculum = True  # type: ignore[attr-defined]
    Cell.check_string = check_string


def bold_row(sheet: Any, row: int = 1) -> None:
    """Make a row bold (a header)."""
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def text_only(book: Any) -> None:
    """Store every cell openpyxl took for a formula (text starting with ``=``) as
    text: a title such as ``=HYPERLINK(...)`` from an input file must never run.
    The workbooks of this package hold data only, never formulas of their own."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def workbook_bytes(book: Any) -> bytes:
    """The workbook's XLSX bytes, with every date fixed (same workbook, same bytes)
    and no formula (see :func:`text_only`)."""
    text_only(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue())


def reproducible(data: bytes) -> bytes:
    """Rewrite XLSX bytes with fixed zip timestamps, permissions and document dates."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _DATES.sub(
                    lambda m: m.group(1) + _FIXED_W3C.encode() + m.group(3), content
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, content)
    return out.getvalue()
