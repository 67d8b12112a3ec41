"""Render a :class:`~curriculum.reviewing.compare.Comparison` (``review --compare``):
table, markdown, json, csv, html and xlsx.

Every format shows the programmes first (provider, shares, findings, hours, cost,
result) and then one matrix whose column groups are the programmes: per
programme the row's status, covering courses and hours.
"""

from __future__ import annotations

import io
from html import escape

from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, markdown_text, tabulate
from curriculum.numbers import fmt_money, fmt_number
from curriculum.report.review.labels import share_text
from curriculum.report.text import dumps_json, join_codes, width
from curriculum.reviewing.compare import Comparison


def _l(result: Comparison, key: str) -> str:
    """A label of the comparison in its language (from the one message catalogue)."""
    return Text(result.lang)(f"review.compare.{key}")


def _kinds(result: Comparison) -> list[str]:
    return list(dict.fromkeys(k for p in result.programmes for k in p.overall))


def programme_rows(result: Comparison) -> tuple[list[str], list[list[str]]]:
    """Headers and one row per programme."""
    kinds = _kinds(result)
    headers = [
        "#",
        _l(result, "programme"),
        _l(result, "provider"),
        *kinds,
        _l(result, "findings"),
        _l(result, "courses"),
        _l(result, "hours"),
        _l(result, "cost"),
        _l(result, "result"),
    ]
    rows = [
        [
            str(n),
            p.name,
            p.provider or "-",
            *(share_text(result.lang, p.overall.get(k)) for k in kinds),
            f"{p.counts.error}/{p.counts.warning}/{p.counts.info}",
            str(p.courses),
            fmt_number(p.hours),
            fmt_money(p.cost),
            _l(result, "fail" if p.failed else "pass"),
        ]
        for n, p in enumerate(result.programmes, 1)
    ]
    return headers, rows


def matrix_rows(result: Comparison) -> tuple[list[str], list[list[str]]]:
    """Headers (``#1 Status``, ``#1 Courses``, ``#1 Hours``, ``#2 ...``) and rows."""
    t = Text(result.lang)
    headers = [_l(result, "item"), _l(result, "name"), _l(result, "level")]
    for n in range(1, len(result.programmes) + 1):
        headers += [f"#{n} {_l(result, k)}" for k in ("status", "covering", "hours")]
    rows = []
    for row in result.matrix:
        cells = [row.code, row.name, fmt_number(row.level)]
        for cell in row.cells:
            hours = "" if row.kind == "P" or not cell.courses else fmt_number(cell.hours)
            status = cell.status if cell.status == "-" else t(f"review.status.{cell.status}")
            cells += [status, join_codes(cell.courses, ";"), hours]
        rows.append(cells)
    return headers, rows


def _stacked_shares(
    result: Comparison, headers: list[str], rows: list[list[str]]
) -> tuple[list[str], list[list[str]]]:
    """The programme table with its K, S, P share columns as one (a line per kind)."""
    kinds = _kinds(result)
    first, last = 3, 3 + len(kinds)
    share = Text(result.lang)("frontier.col.share")
    stacked = [
        [*r[:first], "\n".join(f"{k} {v}" for k, v in zip(kinds, r[first:last], strict=True)),
         *r[last:]]
        for r in rows
    ]  # fmt: skip
    return [*headers[:first], share, *headers[last:]], stacked


def _text(result: Comparison, tablefmt: str, markdown: bool, wide: bool = False) -> str:
    """The two tables as text; the terminal's within :func:`width` unless ``wide``."""
    from curriculum.report.review.text import fit_table

    flexible = {_l(result, "programme"), _l(result, "provider"), _l(result, "name")}
    flexible |= {f"#{n} {_l(result, 'covering')}" for n in range(1, len(result.programmes) + 1)}
    colon = Text(result.lang).colon
    title = f"{_l(result, 'title')}{colon}{result.standard.code} {result.standard.name}"
    sections = [
        (_l(result, "programmes"), programme_rows(result)),
        (_l(result, "matrix"), matrix_rows(result)),
    ]
    out = [f"# {markdown_text(title)}" if markdown else title, ""]
    for heading, (headers, rows) in sections:
        out += [f"## {markdown_text(heading)}" if markdown else heading, ""]
        if markdown or wide:
            out += [tabulate(rows, headers, tablefmt=tablefmt, disable_numparse=True), ""]
        else:  # shares stacked in one column; names and course lists wrap to the width
            if heading == _l(result, "programmes"):
                headers, rows = _stacked_shares(result, headers, rows)
            flex = tuple(n for n, h in enumerate(headers) if h in flexible)
            out += [fit_table(headers, rows, flex, width()), ""]
    return "\n".join(out)


def render_csv(result: Comparison) -> str:
    """Long rows: ``programme`` rows (one per programme and share) and ``matrix``
    rows (one per item and programme)."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(("section", "programme", "provider", "item", "key", "value", "detail"))
    for n, p in enumerate(result.programmes, 1):
        values = [
            ("file", p.file),
            ("courses", str(p.courses)),
            ("hours", fmt_number(p.hours)),
            ("cost", fmt_number(p.cost) if p.cost is not None else ""),
            ("error", str(p.counts.error)),
            ("warning", str(p.counts.warning)),
            ("info", str(p.counts.info)),
            ("result", "fail" if p.failed else "pass"),
            *((k, f"{s.covered}/{s.total}") for k, s in p.overall.items()),
        ]
        for key, value in values:
            writer.writerow(["programme", f"#{n} {p.name}", p.provider or "", "", key, value, ""])
    for row in result.matrix:
        for p, cell in zip(result.programmes, row.cells, strict=True):
            hours = "" if row.kind == "P" else fmt_number(cell.hours)
            writer.writerow(
                ["matrix", p.name, p.provider or "", row.code, cell.status, hours,
                 join_codes(cell.courses, ";")]
            )  # fmt: skip
    return buffer.getvalue()


def render_html(result: Comparison) -> str:
    """One self-contained page; the matrix has one column group per programme."""
    colon = Text(result.lang).colon
    title = f"{_l(result, 'title')}{colon}{result.standard.code} {result.standard.name}"
    p_head, p_rows = programme_rows(result)

    def table(head: str, rows: list[list[str]]) -> str:
        body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in r) + "</tr>" for r in rows)
        return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"

    m_head, m_rows = matrix_rows(result)
    groups = "".join(
        f'<th colspan="3">#{n} {escape(p.name)} ({escape(p.provider or "-")})</th>'
        for n, p in enumerate(result.programmes, 1)
    )
    top = f'<tr><th colspan="3"></th>{groups}</tr>'
    sub = "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in m_head) + "</tr>"
    lang = "zh-Hant-TW" if result.lang == "zh-TW" else "en"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>',
            "<style>table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
            "</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            f"<h2>{escape(_l(result, 'programmes'))}</h2>",
            table("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in p_head) + "</tr>", p_rows),
            f"<h2>{escape(_l(result, 'matrix'))}</h2>",
            table(top + sub, m_rows),
            "</body></html>",
            "",
        ]
    )


def render_xlsx(result: Comparison) -> bytes:
    """A workbook: a Programmes sheet and a Matrix sheet with merged group headers."""
    from openpyxl.styles import Alignment, Font

    from curriculum.io.xlsx_writer import new_workbook, workbook_bytes

    wb = new_workbook()
    ws = wb.active
    ws.title = "Programmes"
    head, rows = programme_rows(result)
    for r, values in enumerate([head, *rows], 1):
        for c, value in enumerate(values, 1):
            ws.cell(row=r, column=c, value=value).font = Font(bold=r == 1)
    ws = wb.create_sheet("Matrix")
    head, rows = matrix_rows(result)
    for n, p in enumerate(result.programmes):
        col = 4 + 3 * n
        ws.cell(row=1, column=col, value=f"#{n + 1} {p.name} ({p.provider or '-'})")
        ws.cell(row=1, column=col).font = Font(bold=True)
        ws.cell(row=1, column=col).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + 2)
    for r, values in enumerate([head, *rows], 2):
        for c, value in enumerate(values, 1):
            ws.cell(row=r, column=c, value=value).font = Font(bold=r == 2)
    ws.freeze_panes = "D3"
    return workbook_bytes(wb)


def render_comparison(result: Comparison, fmt: str, wide: bool = False) -> str | bytes:
    """The comparison in one of the review formats.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    if fmt == "json":
        return dumps_json(result.to_dict())
    if fmt == "table":
        return _text(result, "simple", markdown=False, wide=wide)
    if fmt == "markdown":
        return _text(result, "github", markdown=True)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "html":
        return render_html(result)
    if fmt == "xlsx":
        return render_xlsx(result)
    raise ValueError(f"unknown review format {fmt!r}")
