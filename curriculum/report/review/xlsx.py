"""Render a :class:`~curriculum.review.Review` as an Excel workbook (openpyxl).

Sheets (named in the review's language): the report (heading, totals, result,
provenance), coverage per task, the matrix (a heatmap; each cell holds the hours
as a number, shown as ``12h L4``), findings (with a reviewer-note column), courses,
and with ``--against`` the verdicts before/after and the changed claims; then the
migration and the review record when there are. Levels, hours, counts, money and
shares are numbers with number formats; every table sheet has a filter, frozen
panes and a print setup (:func:`curriculum.report.xlsx_tables.add_table_sheet`).
The bytes are reproducible: document properties and the zip entries' timestamps
are fixed.
"""

from __future__ import annotations

from typing import Any

from curriculum.i18n import Text
from curriculum.io.xlsx_writer import workbook_bytes
from curriculum.numbers import fmt_number
from curriculum.report.review import labels as L
from curriculum.report.xlsx_tables import FORMATS, add_table_sheet
from curriculum.reviewing.result import Cell, MatrixRow, Review, Share

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


def _sheet(review: Review, key: str) -> str:
    return L.label(review, f"sheet.{key}")


def _num(value: float | None) -> float | int | None:
    """A number as a cell holds it (whole numbers as ints)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _share_cells(share: Share | None) -> list[Any]:
    """Covered, total and the share (a ratio formatted as a percentage)."""
    if share is None or not share.total:
        return [None, None, None]
    return [share.covered, share.total, share.ratio]


def _kinds(review: Review) -> list[str]:
    return L.summary_kinds(review)


def _share_headers(review: Review) -> list[str]:
    return [
        label
        for k in _kinds(review)
        for label in (
            L.label(review, "covered", kind=k),
            L.label(review, "total", kind=k),
            L.label(review, "share", kind=k),
        )
    ]


def _report_sheet(wb: Any, review: Review) -> None:
    """The first sheet: title, heading pairs, totals as numbers, result, provenance."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    ws = wb.active
    ws.title = _sheet(review, "report")
    title, pairs = L.heading_pairs(review)
    ws.append([title])
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    totals = review.totals
    for key, value in [*pairs, L.result_pair(review)]:
        ws.append([key, value])
    ws.append([])
    numbers = [
        (L.label(review, "n_courses"), totals.courses, FORMATS["count"]),
        (L.label(review, "hours"), _num(totals.hours), FORMATS["hours"]),
        (f"{L.label(review, 'cost')} ({totals.currency})", _num(totals.cost), FORMATS["money"]),
    ]
    ws.append([L.label(review, "totals")])
    ws.cell(row=ws.max_row, column=1).font = bold
    for label, amount, fmt in numbers:
        ws.append([label, amount])
        ws.cell(row=ws.max_row, column=2).number_format = fmt
    if totals.unpriced:
        codes = " ".join(totals.unpriced)
        ws.append(["", L.label(review, "totals.unpriced", n=len(totals.unpriced), codes=codes)])
    ws.append([])
    ws.append([L.label(review, "provenance")])
    ws.cell(row=ws.max_row, column=1).font = bold
    ws.append([L.label(review, "tool"), review.provenance.tool])
    ws.append([L.label(review, "role"), L.label(review, "file"), "SHA-256"])
    for col in range(1, 4):
        ws.cell(row=ws.max_row, column=col).font = bold
    for row in L.provenance_rows(review):
        ws.append(row)
    for row_no in range(2, ws.max_row + 1):
        ws.cell(row=row_no, column=1).font = bold
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 66
    ws.page_setup.orientation = "landscape"


def _coverage_sheet(wb: Any, review: Review) -> None:
    """Per task and overall: covered, total and share of each kind, as numbers."""
    headers = [L.label(review, k) for k in ("task", "name", "level")] + _share_headers(review)
    rows = [
        [
            t.code,
            t.name,
            _num(t.level),
            *(c for k in _kinds(review) for c in _share_cells(t.shares.get(k))),
        ]
        for t in review.task_summaries
    ]
    rows.append(
        [
            L.label(review, "overall"),
            "",
            None,
            *(c for k in _kinds(review) for c in _share_cells(review.overall.get(k))),
        ]
    )
    add_table_sheet(
        wb, _sheet(review, "coverage"), headers, rows, "tth" + "ccp" * len(_kinds(review))
    )


def _cell_format(cell: Cell, lang: str = "en") -> str:
    """``12h L4`` (``12時 4級``) for a number of hours; in brackets below the required level."""
    hours = "0" if cell.hours is None or float(cell.hours).is_integer() else "0.0#"
    t = Text(lang)
    if cell.level is None:
        unit = t("review.cell_hours", hours="")
    else:
        unit = t("review.cell", hours="", level=fmt_number(cell.level))
    text = f'{hours}"{unit}"'
    left, right = ("（", "）") if t.zh else ("(", ")")
    return text if cell.at_level else f'"{left}"{text}"{right}"'


def _matrix_values(review: Review, row: MatrixRow) -> list[Any]:
    cells: list[Any] = []
    for course in review.courses:
        cell = row.cells.get(course.code)
        if cell is None:
            cells.append(None)
        elif cell.methods:
            cells.append(L.cell_text(cell, review.lang))
        else:
            cells.append(_num(cell.hours))
    hours = None if row.kind == "P" else _num(row.hours)
    status = L.status_label(review, row.status)
    return [row.code, row.name, _num(row.level), *cells, len(row.courses), hours, status]


def _matrix_sheet(wb: Any, review: Review) -> None:
    """The matrix: hours as numbers shown as ``12h L4``, a heatmap fill, status fonts."""
    from openpyxl.styles import Alignment, Font, PatternFill

    n = len(review.courses)
    rows = [_matrix_values(review, r) for r in review.rows]
    ws = add_table_sheet(
        wb, _sheet(review, "matrix"), L.matrix_headers(review), rows, "tth" + "h" * n + "cht"
    )
    top = max(
        (c.hours or 0 for r in review.rows for c in r.cells.values() if c.at_level), default=0
    )
    for r, item in enumerate(review.rows, 2):
        for c, course in enumerate(review.courses):
            data = item.cells.get(course.code)
            cell = ws.cell(row=r, column=4 + c)
            cell.alignment = Alignment(horizontal="center")
            if data is None:
                continue
            if data.methods:
                shade = "assess"
            else:
                cell.number_format = _cell_format(data, review.lang)
                if not data.at_level:
                    shade = "below"
                elif top and data.hours:
                    shade = f"h{min(4, 1 + int(3 * data.hours / top))}"
                else:
                    shade = "h1"
            cell.fill = PatternFill("solid", fgColor=_FILLS[shade])
        status = ws.cell(row=r, column=4 + n + 2)
        status.font = Font(bold=True, color=_STATUS_FONT.get(item.status, "000000"))
    for c in range(n):
        ws.column_dimensions[ws.cell(row=1, column=4 + c).column_letter].width = 10
    ws.column_dimensions["B"].width = min(ws.column_dimensions["B"].width, 30)
    ws.freeze_panes = "D2"
    ws.print_title_cols = "A:B"


def _findings_sheet(wb: Any, review: Review) -> None:
    """The findings, with the reviewer's notes (a column to fill in when no record)."""
    from openpyxl.styles import Font

    note = [] if review.record else [L.label(review, "note")]
    headers = [*L.finding_headers(review, split=True), *note]
    rows = [[*r, *([] if review.record else [""])] for r in L.finding_rows(review, split=True)]
    ws = add_table_sheet(wb, _sheet(review, "findings"), headers, rows, "t" * len(headers))
    for r, finding in enumerate(review.findings, 2):
        ws.cell(row=r, column=3).font = Font(
            bold=True, color=_SEVERITY_FONT.get(finding.severity, "000000")
        )


def _courses_sheet(wb: Any, review: Review) -> None:
    headers = [
        L.label(review, k)
        for k in ("code", "title_col", "hours", "cost", "level", "units", "source", "claims")
    ]
    rows = [
        [
            c.code,
            c.title,
            _num(c.hours),
            _num(c.cost),
            _num(c.level),
            c.units or None,
            L.label(review, "inline") if c.source == "inline" else c.source,
            " ".join(c.claims),
        ]
        for c in review.courses
    ]
    add_table_sheet(wb, _sheet(review, "courses"), headers, rows, "tthmhctt")


def _against_sheets(wb: Any, review: Review) -> None:
    """``--against``: the verdict under each version, and the claims that changed."""
    against = review.against
    if against is None:
        return
    if against.verdicts:
        headers = [
            L.label(review, "version"),
            L.label(review, "standard"),
            L.label(review, "result"),
            *(L.label(review, s) for s in ("error", "warning", "info")),
            *_share_headers(review),
        ]
        rows = [
            [
                L.label(review, when, code=v.standard),
                v.standard,
                L.label(review, "fail" if v.failed else "pass"),
                v.counts.error,
                v.counts.warning,
                v.counts.info,
                *(c for k in _kinds(review) for c in _share_cells(v.overall.get(k))),
            ]
            for when, v in zip(("before", "after"), against.verdicts, strict=False)
        ]
        kinds = "tttccc" + "ccp" * len(_kinds(review))
        add_table_sheet(wb, _sheet(review, "verdicts"), headers, rows, kinds)
    headers = [L.label(review, k) for k in ("item", "course", "reason")]
    add_table_sheet(wb, _sheet(review, "changes"), headers, L.changed_rows(review), "ttt")


def _extra_sheets(wb: Any, review: Review) -> None:
    """The ``--migrate-to`` changelog and the review record."""
    if review.migration is not None:
        rows = L.migration_rows(review)
        add_table_sheet(wb, _sheet(review, "migration"), L.migration_headers(review), rows, "ttttt")
    if review.record is not None:
        rows = [[k, v, "", ""] for k, v in L.record_lines(review)]
        rows += [[n.code, n.item or "", n.course or "", n.note] for n in review.record.notes]
        heads = [L.label(review, k) for k in ("code", "item", "course", "note")]
        add_table_sheet(wb, _sheet(review, "record"), heads, rows, "tttt")


def render_xlsx(review: Review) -> bytes:
    """The workbook's bytes (same review, same bytes)."""
    from curriculum.io.xlsx_writer import new_workbook

    wb = new_workbook()
    _report_sheet(wb, review)
    _coverage_sheet(wb, review)
    _matrix_sheet(wb, review)
    _findings_sheet(wb, review)
    _courses_sheet(wb, review)
    _against_sheets(wb, review)
    _extra_sheets(wb, review)
    return workbook_bytes(wb)


__all__ = ["render_xlsx"]
