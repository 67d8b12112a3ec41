"""Render a :class:`~curriculum.review.Review` as an Excel workbook (openpyxl).

Sheets: Summary (heading, provenance, shares per task), Matrix (the coverage
matrix with a heatmap fill) and Findings (with an empty reviewer-note column to
annotate). The bytes are reproducible: document properties and the zip entries'
timestamps are fixed.
"""

from __future__ import annotations

from typing import Any

from curriculum.io.xlsx_writer import workbook_bytes
from curriculum.report import review_labels as L
from curriculum.reviewing.result import Review

_FILLS = {
    "below": "FBE3C4",
    "assess": "E3ECF8",
    "h1": "DCEFE3",
    "h2": "B6DEC5",
    "h3": "86C69F",
    "h4": "4FA574",
}
_STATUS_FONT = {
    "OK": "1E7B45",
    "GAP": "B3261E",
    "LEVEL": "B3261E",
    "THIN": "9A6200",
    "UNASSESSED": "9A6200",
}
_SEVERITY_FONT = {"error": "B3261E", "warning": "9A6200", "info": "2D5F9A"}


def render_xlsx(review: Review) -> bytes:
    """The workbook's bytes (same review, same bytes)."""
    from openpyxl import Workbook

    wb = Workbook()
    _summary_sheet(wb.active, review)
    _matrix_sheet(wb.create_sheet("Matrix"), review)
    _findings_sheet(wb.create_sheet("Findings"), review)
    return workbook_bytes(wb)


def _header(ws: Any, row: int, values: list[str]) -> None:
    """A bold, shaded header row."""
    from openpyxl.styles import Font, PatternFill

    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F4")


def _widths(ws: Any, sizes: list[int]) -> None:
    """Column widths, first column first."""
    from openpyxl.utils import get_column_letter

    for col, size in enumerate(sizes, 1):
        ws.column_dimensions[get_column_letter(col)].width = size


def _rows(ws: Any, first: int, rows: list[list[Any]], column: int = 1) -> int:
    """Write ``rows`` from row ``first`` on; return the last row written."""
    row = first - 1
    for row, values in enumerate(rows, first):
        for col, value in enumerate(values, column):
            ws.cell(row=row, column=col, value=value)
    return row


def _summary_sheet(ws: Any, review: Review) -> None:
    """The heading, the shares by task and the provenance."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    ws.title = "Summary"
    lines = L.heading_lines(review)
    ws.cell(row=1, column=1, value=lines[0]).font = Font(bold=True, size=14)
    row = 2
    for line in [*lines[1:], L.result_line(review)]:
        key, _, value = line.partition(": ")
        ws.cell(row=row, column=1, value=key).font = bold
        ws.cell(row=row, column=2, value=value)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=L.label(review, "summary")).font = Font(bold=True, size=12)
    _header(ws, row + 1, L.summary_headers(review))
    row = max(row + 1, _rows(ws, row + 2, [list(v) for v in L.summary_rows(review)]))
    row += 2
    ws.cell(row=row, column=1, value=L.label(review, "provenance")).font = Font(bold=True, size=12)
    row += 1
    ws.cell(row=row, column=1, value=L.label(review, "tool")).font = bold
    ws.cell(row=row, column=2, value=review.provenance.tool)
    _header(ws, row + 1, [L.label(review, "role"), L.label(review, "file"), "SHA-256"])
    _rows(ws, row + 2, [list(v) for v in L.provenance_rows(review)])
    _widths(ws, [16, 40, 16, 16, 16, 16])


def _matrix_sheet(ws: Any, review: Review) -> None:
    """Items as rows, courses as columns, cells shaded by hours, level and assessment."""
    from openpyxl.styles import Alignment, Font, PatternFill

    headers = L.matrix_headers(review)
    _header(ws, 1, headers)
    top = max(
        (c.hours or 0 for r in review.rows for c in r.cells.values() if c.at_level), default=0
    )
    n_courses = len(review.courses)
    for r, item in enumerate(review.rows, 2):
        values = L.matrix_row(review, item)
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=col, value=value)
            if 4 <= col < 4 + n_courses:
                cell.alignment = Alignment(horizontal="center")
                data = item.cells.get(review.courses[col - 4].code)
                if data is not None:
                    cell.fill = PatternFill("solid", fgColor=_FILLS[_shade(data, top)])
        status = ws.cell(row=r, column=len(headers))
        status.font = Font(bold=True, color=_STATUS_FONT.get(item.status, "000000"))
    ws.freeze_panes = "D2"
    _widths(ws, [9, 28, 7, *([10] * n_courses), 9, 8, 12])


def _shade(data: Any, top: float) -> str:
    """The fill of a matrix cell: assessed, below level, or by hours in four steps."""
    if data.methods:
        return "assess"
    if not data.at_level:
        return "below"
    if top and data.hours:
        return f"h{min(4, 1 + int(3 * data.hours / top))}"
    return "h1"


def _findings_sheet(ws: Any, review: Review) -> None:
    """Every finding, then the claims a newer version changes."""
    from openpyxl.styles import Font

    _header(ws, 1, [*L.finding_headers(review), L.label(review, "note")])
    for r, (finding, values) in enumerate(
        zip(review.findings, L.finding_rows(review), strict=True), 2
    ):
        for col, value in enumerate(values, 1):
            ws.cell(row=r, column=col, value=value)
        ws.cell(row=r, column=2).font = Font(
            bold=True, color=_SEVERITY_FONT.get(finding.severity, "000000")
        )
    if review.changed_claims:
        r = len(review.findings) + 3
        ws.cell(row=r, column=1, value=L.label(review, "changes", new=review.provenance.standard))
        ws.cell(row=r, column=1).font = Font(bold=True)
        _rows(ws, r + 1, [list(v) for v in L.changed_rows(review)], column=3)
    ws.freeze_panes = "A2"
    _widths(ws, [12, 10, 10, 10, 70, 30])
    ws.auto_filter.ref = f"A1:F{max(1, len(review.findings) + 1)}"


__all__ = ["render_xlsx"]
