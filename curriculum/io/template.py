"""Empty catalogue templates for providers who keep their courses in a spreadsheet.

:func:`catalogue_template` gives the CSV text or the XLSX bytes of a template with
the catalogue columns, one example row and (XLSX) an instructions sheet; the
same template gives the same bytes. A file
made from the template loads with :func:`curriculum.loaders.load_catalogue`.
"""

from __future__ import annotations

import csv
import io

from curriculum.io.loaders import CATALOGUE_FIELDS, CATALOGUE_SHEET
from curriculum.io.xlsx_writer import bold_row, new_workbook, workbook_bytes

COLUMN_HELP: dict[str, tuple[str, str]] = {
    "code": ("yes", "The course's code, unique across your catalogues (no spaces, commas or ;)."),
    "title": ("yes", "The course's title, in any language."),
    "hours": ("yes", "Teaching hours (a number greater than 0)."),
    "cost": ("no", "Price per participant, in the catalogue's currency."),
    "level": (
        "no",
        "The level the course teaches at, on the scale of the standards it "
        "claims (iCAP 1-6, O*NET 0-7). Empty: counts at any level.",
    ),
    "covers": (
        "no",
        "The items the course teaches, as STANDARD:ITEM pairs separated by ';' "
        "(item codes are local to their standard, so each pair names the standard).",
    ),
    "provider": ("no", "The training provider (the same on every row, or one per course)."),
    "currency": (
        "no",
        "The currency of cost and session_cost (the same on every row; default TWD).",
    ),
    "session_cost": (
        "no",
        "Fixed cost of running one session, whatever the number of participants.",
    ),
    "capacity": ("no", "Most participants in one session (a whole number, at least 1)."),
    "min_participants": ("no", "Fewest participants for a session to run (at most capacity)."),
}
EXAMPLE = {
    "code": "EX-101",
    "title": "客戶服務政策與目標（範例）",
    "hours": "6",
    "cost": "4500",
    "level": "3",
    "covers": "BAS1499-001v4:K01;BAS1499-001v4:K02",
    "provider": "範例訓練中心",
    "currency": "TWD",
}
INSTRUCTIONS = (
    "Fill in one course per row of the 'courses' sheet, starting at row 2 (replace the "
    "example row). Keep the header row. Columns marked 'meta.NAME' may be added: they are "
    "kept with the course. Check the file with: curriculum validate --catalogue FILE.xlsx"
)


def catalogue_template(fmt: str, lang: str = "en") -> str | bytes:
    """The template as CSV text (``fmt="csv"``) or XLSX bytes (``fmt="xlsx"``), the
    XLSX instructions in ``lang`` (``en`` or ``zh-TW``; the column names stay).

    Raises
    ------
    ValueError
        For any other format.
    """
    row = [EXAMPLE.get(column, "") for column in CATALOGUE_FIELDS]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CATALOGUE_FIELDS)
        writer.writerow(row)
        return out.getvalue()
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r} (csv or xlsx)")
    return _xlsx(row, lang)


def _xlsx(row: list[str], lang: str = "en") -> bytes:
    from curriculum.i18n import Text

    t = Text(lang)
    book = new_workbook()
    sheet = book.active
    sheet.title = CATALOGUE_SHEET
    sheet.append(list(CATALOGUE_FIELDS))
    sheet.append([_typed(v) for v in row])
    bold_row(sheet)
    sheet.freeze_panes = "A2"
    for column, width in zip(
        "ABCDEFGHIJK", (10, 30, 8, 8, 8, 40, 16, 10, 12, 10, 16), strict=False
    ):
        sheet.column_dimensions[column].width = width
    help_sheet = book.create_sheet(t("template.sheet"))
    help_sheet.append([t("template.column"), t("template.required"), t("template.meaning")])
    bold_row(help_sheet)
    for column in CATALOGUE_FIELDS:
        required, _ = COLUMN_HELP[column]
        help_sheet.append([column, t(f"template.{required}"), t(f"template.col.{column}")])
    help_sheet.append([])
    help_sheet.append(["", "", t("template.instructions")])
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["B"].width = 10
    help_sheet.column_dimensions["C"].width = 100
    return workbook_bytes(book)


def _typed(value: str) -> str | int | float:
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() else number
