"""Table sheets for XLSX reports: numbers as numbers with formats, ready to print.

Each table sheet has a bold header row with a filter, frozen panes (header row
and first column), number formats per column (thousands separators for money,
hours with one optional decimal, whole counts) and a print setup: landscape, fit
to one page wide, header row and first column repeated on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from curriculum.io.xlsx_writer import bold_row
from curriculum.report.text import display_width

FORMATS = {
    "money": "#,##0",
    "hours": "#,##0.##",
    "count": "0",
    "share": "0%",
    "text": "@",
}
"""Number formats by column kind."""


def add_table_sheet(
    book: Any,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    kinds: str,
) -> Any:
    """Add a sheet holding a table; ``kinds`` gives one letter per column:
    ``m`` money, ``h`` hours, ``c`` count, ``p`` share, ``t`` text."""
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    bold_row(sheet)
    names = {"m": "money", "h": "hours", "c": "count", "p": "share", "t": "text"}
    for row in rows:
        sheet.append(list(row))
    for k, kind in enumerate(kinds, start=1):
        letter = get_column_letter(k)
        if kind != "t":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=k, max_col=k):
                if isinstance(cell.value, (int, float)):
                    cell.number_format = FORMATS[names[kind]]
                    if kind == "h":  # "12", "3.5": no trailing point on whole hours
                        whole = float(cell.value).is_integer()
                        cell.number_format = "#,##0" if whole else "#,##0.0#"
        widest = max(
            (display_width(str(v)) for v in [headers[k - 1], *(r[k - 1] for r in rows)]),
            default=8,
        )
        sheet.column_dimensions[letter].width = min(max(widest + 2, 6), 60)
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"
    sheet.freeze_panes = "B2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_title_cols = "A:A"
    return sheet
