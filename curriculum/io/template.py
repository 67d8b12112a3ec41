"""Empty catalogue templates for providers who keep their courses in a spreadsheet.

:func:`catalogue_template` gives the CSV text or the XLSX bytes of a template with
the catalogue columns, one example row and (XLSX) an instructions sheet;
:func:`standard_template` gives the wide template of one standard (one column
per K/S item, drop-downs, instructions in the standard's language). The same
template gives the same bytes; the CSV text starts with a BOM so that Excel reads
it as UTF-8. A file made from either template loads with
:func:`curriculum.io.loaders.load_catalogue`.
"""

from __future__ import annotations

import io
from typing import Any

from curriculum.errors import DataFileError
from curriculum.i18n import Text, resolve_lang
from curriculum.io.catalogue_rows import CATALOGUE_FIELDS, CATALOGUE_SHEET
from curriculum.io.cells import csv_cell, csv_writer
from curriculum.io.tables import column_letter
from curriculum.io.wide_catalogue import item_header
from curriculum.io.xlsx_writer import bold_row, new_workbook, workbook_bytes
from curriculum.model.levels import Level, required_levels
from curriculum.model.standard import Item, Standard
from curriculum.numbers import fmt_level

__all__ = ["catalogue_template", "standard_template"]

REQUIRED_COLUMNS = frozenset({"code", "title", "hours"})
"""Template columns that must be filled; the others are optional (texts in the catalogue)."""

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


def catalogue_template(fmt: str, lang: str = "en") -> str | bytes:
    """The template as CSV text (``fmt="csv"``) or XLSX bytes (``fmt="xlsx"``), the
    headers and XLSX instructions in ``lang`` (``en`` or ``zh-TW``: the zh-TW headers
    are names the loader reads, 課程代碼, 課程名稱, 時數...).

    Raises
    ------
    ValueError
        For any other format.
    """
    row = [EXAMPLE.get(column, "") for column in CATALOGUE_FIELDS]
    if fmt == "csv":
        return csv_text([_headers(lang), row])
    if fmt != "xlsx":
        raise ValueError(f"unknown template format {fmt!r} (csv or xlsx)")
    return _xlsx(row, lang)


def _headers(lang: str) -> list[str]:
    """The template's column names in ``lang`` (each read back by the loader)."""
    from curriculum.i18n import Text

    t = Text(lang)
    return [t(f"template.head.{c}") for c in CATALOGUE_FIELDS]


def _xlsx(row: list[str], lang: str = "en") -> bytes:
    from curriculum.i18n import Text

    t = Text(lang)
    book = new_workbook()
    sheet = book.active
    sheet.title = CATALOGUE_SHEET
    sheet.append(_headers(lang))
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
    for column, head in zip(CATALOGUE_FIELDS, _headers(lang), strict=True):
        required = "yes" if column in REQUIRED_COLUMNS else "no"
        help_sheet.append([head, t(f"template.{required}"), t(f"template.col.{column}")])
    help_sheet.append([])
    help_sheet.append(["", "", t("template.instructions")])
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["B"].width = 10
    help_sheet.column_dimensions["C"].width = 100
    return workbook_bytes(book)


BOM = "\ufeff"
"""Starts every CSV template: Excel then reads the file as UTF-8 (zh-TW text intact)."""


def csv_text(rows: list[list[str]]) -> str:
    """CSV text (CRLF lines) of the rows, after a BOM."""
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return BOM + out.getvalue()


def _typed(value: str) -> str | int | float:
    try:
        number = float(value)
    except ValueError:
        return value
    return int(number) if number.is_integer() else number


def standard_template(standard: Standard, fmt: str, *, rows: int = 200) -> str | bytes:
    """The wide template of one standard as CSV text or XLSX bytes.

    One course a row; the columns are the course's code, title, hours, cost and
    level, then one column per K and S item of ``standard`` headed ``STANDARD:ITEM
    name (level N)`` (N: the item's highest required level over the standard's
    tasks). In XLSX, the level column and the item columns of the first ``rows``
    course rows have drop-downs (the standard's levels; yes/no), and an
    instructions sheet explains the columns and lists the items. The texts are in
    zh-TW when the standard is (:func:`template_language`).

    Raises
    ------
    ValueError
        For a format other than ``csv`` or ``xlsx``.
    DataFileError
        For an XLSX template of more items than a sheet has columns.
    """
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown template format {fmt!r} (csv or xlsx)")
    lang = resolve_lang(None, [standard.language])
    header = wide_header(standard, lang)
    if fmt == "xlsx" and len(header) > XLSX_MAX_COLUMNS:
        raise DataFileError.keyed(
            "template.too_wide",
            code=standard.code,
            count=f"{len(header) - len(FIXED):,}",
            most=f"{XLSX_MAX_COLUMNS - len(FIXED):,}",
        )
    if fmt == "csv":
        return csv_text([header])
    return _wide_xlsx(standard, lang, header, rows)


XLSX_MAX_COLUMNS = 16_384
"""The columns of an XLSX sheet (A to XFD)."""

FIXED = ("code", "title", "hours", "cost", "level")
"""The course columns of the wide template, before the item columns."""


def template_items(standard: Standard) -> list[tuple[Item, Level]]:
    """The K then S items of a standard, each with its highest required level."""
    levels = required_levels(standard, standard.tasks)
    kinds = (*standard.items_of_kind("K"), *standard.items_of_kind("S"))
    return [(item, levels.get(item.code)) for item in kinds]


def wide_header(standard: Standard, lang: str) -> list[str]:
    """The header row of the wide template (course columns in ``lang``, then items)."""
    header = [_t(lang, f"col.{name}") for name in FIXED]
    for item, level in template_items(standard):
        rest = item.name
        if level is not None:
            space = " " if lang == "en" else ""
            rest += space + _t(lang, "required_level", level=fmt_level(level))
        header.append(_cell(item_header(standard.code, item.code, rest)))
    return header


def _cell(value: str) -> str:
    """Text from a standard on its way to a template cell: the one place such text
    passes, neutralised as a CSV cell (a name starting with ``=`` stays text)."""
    return str(csv_cell(value))


def _wide_xlsx(standard: Standard, lang: str, header: list[str], rows: int) -> bytes:
    from openpyxl.styles import Alignment

    book = new_workbook()
    sheet = book.active
    sheet.title = CATALOGUE_SHEET
    sheet.append(header)
    bold_row(sheet)
    for cell in sheet[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 64
    sheet.freeze_panes = "C2"
    for index in range(len(header)):
        width = (12, 30, 8, 8, 8)[index] if index < len(FIXED) else 14
        sheet.column_dimensions[column_letter(index)].width = width
    low, high = standard.level_scale
    choices = [fmt_level(n) for n in _level_choices(low, high)]
    _drop_down(sheet, choices, f"E2:E{rows + 1}")
    if len(header) > len(FIXED):
        first, last = column_letter(len(FIXED)), column_letter(len(header) - 1)
        _drop_down(
            sheet,
            [_t(lang, "yes"), _t(lang, "no")],
            f"{first}2:{last}{rows + 1}",
        )
    _instructions(book, standard, lang)
    return workbook_bytes(book)


def _drop_down(sheet: Any, choices: list[str], cells: str) -> None:
    """A list data validation (a drop-down) of ``choices`` on a range of cells."""
    from openpyxl.worksheet.datavalidation import DataValidation

    quoted = '"' + ",".join(choices) + '"'
    validation = DataValidation(
        type="list",
        formula1=quoted,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # a warning: other spellings (x, ✓) are accepted too
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _level_choices(low: float, high: float) -> list[int]:
    """The whole levels of a level scale."""
    return [n for n in range(int(low), int(high) + 1) if low <= n <= high]


def _instructions(book: Any, standard: Standard, lang: str) -> None:
    """The instructions sheet: how to fill the template, then the item list."""
    sheet = book.create_sheet(_t(lang, "sheet.instructions"))
    marks = {"yes": _t(lang, "yes"), "no": _t(lang, "no")}
    sheet.append([_cell(_t(lang, "title", code=standard.code, name=standard.name))])
    bold_row(sheet)
    for key in ("how", "header", "codes", "check"):
        sheet.append([_t(lang, f"{key}", **marks)])
    sheet.append([])
    sheet.append([_t(lang, "items")])
    bold_row(sheet, sheet.max_row)
    sheet.append([_t(lang, f"item.{k}") for k in ("code", "kind", "name", "level", "tasks")])
    bold_row(sheet, sheet.max_row)
    tasks: dict[str, list[str]] = {}
    for task in standard.tasks:
        for code in task.items:
            tasks.setdefault(code, []).append(task.code)
    for item, level in template_items(standard):
        sheet.append(
            [
                _cell(item.code),
                _t(lang, f"kind.{item.kind}"),
                _cell(item.name),
                fmt_level(level) if level is not None else "",
                _cell(" ".join(tasks.get(item.code, []))),
            ]
        )
    for column, width in zip("ABCDE", (12, 10, 40, 12, 30), strict=True):
        sheet.column_dimensions[column].width = width


def _t(lang: str, key: str, **values: Any) -> str:
    """A text of the per-standard template (``template.std.KEY`` in the catalogue)."""
    return Text(lang)(f"template.std.{key}", **values)
