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
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="EEF1F4")
    wb = Workbook()

    def header(ws: Any, row: int, values: list[str]) -> None:
        for col, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.font = bold
            cell.fill = head_fill

    def widths(ws: Any, sizes: list[int]) -> None:
        for col, size in enumerate(sizes, 1):
            ws.column_dimensions[get_column_letter(col)].width = size

    # Summary
    ws = wb.active
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
    row += 1
    header(ws, row, L.summary_headers(review))
    for values in L.summary_rows(review):
        row += 1
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)
    row += 2
    ws.cell(row=row, column=1, value=L.label(review, "provenance")).font = Font(bold=True, size=12)
    row += 1
    ws.cell(row=row, column=1, value=L.label(review, "tool")).font = bold
    ws.cell(row=row, column=2, value=review.provenance.tool)
    row += 1
    header(ws, row, [L.label(review, "role"), L.label(review, "file"), "SHA-256"])
    for values in L.provenance_rows(review):
        row += 1
        for col, value in enumerate(values, 1):
            ws.cell(row=row, column=col, value=value)
    widths(ws, [16, 40, 16, 16, 16, 16])

    # Matrix
    ws = wb.create_sheet("Matrix")
    headers = L.matrix_headers(review)
    header(ws, 1, headers)
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
                    if data.methods:
                        shade = "assess"
                    elif not data.at_level:
                        shade = "below"
                    elif top and data.hours:
                        shade = f"h{min(4, 1 + int(3 * data.hours / top))}"
                    else:
                        shade = "h1"
                    cell.fill = PatternFill("solid", fgColor=_FILLS[shade])
        status = ws.cell(row=r, column=len(headers))
        status.font = Font(bold=True, color=_STATUS_FONT.get(item.status, "000000"))
    ws.freeze_panes = "D2"
    widths(ws, [9, 28, 7, *([10] * n_courses), 9, 8, 12])

    _findings_sheet(wb, review, header, widths)

    return workbook_bytes(wb)


def _findings_sheet(wb: Any, review: Review, header: Any, widths: Any) -> None:
    """The Findings sheet (with the reviewer's notes), changed claims and extra sheets."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    ws = wb.create_sheet("Findings")
    header(ws, 1, _finding_header(review))
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
        ws.cell(row=r, column=1).font = bold
        for values in L.changed_rows(review):
            r += 1
            for col, value in enumerate(values, 1):
                ws.cell(row=r, column=col + 2, value=value)
    _extra_sheets(wb, review, header)
    ws.freeze_panes = "A2"
    widths(ws, [12, 10, 10, 10, 70, 30])
    ws.auto_filter.ref = f"A1:F{max(1, len(review.findings) + 1)}"


def _finding_header(review: Review) -> list[str]:
    """The findings' headers and, for a reviewer to fill in, a note column (filled
    from the review record when there is one)."""
    return [*L.finding_headers(review), *([] if review.record else [L.label(review, "note")])]


def _extra_sheets(wb: Any, review: Review, header: Any) -> None:
    """Sheets for ``--against`` verdicts, the ``--migrate-to`` changelog and the record."""
    tables = []
    if review.old_verdict is not None:
        tables.append(("Verdicts", L.verdict_headers(review), L.verdict_rows(review)))
    if review.migration is not None:
        tables.append(("Migration", L.migration_headers(review), L.migration_rows(review)))
    if review.record is not None:
        rows = [[k, v] for k, v in L.record_lines(review)]
        rows += [[n.code, n.item or "", n.course or "", n.note] for n in review.record.notes]
        heads = [L.label(review, k) for k in ("code", "item", "course", "note")]
        tables.append(("Record", heads, rows))
    for title, heads, rows in tables:
        ws = wb.create_sheet(title)
        header(ws, 1, heads)
        for r, values in enumerate(rows, 2):
            for col, value in enumerate(values, 1):
                ws.cell(row=r, column=col, value=value)


__all__ = ["render_xlsx"]
