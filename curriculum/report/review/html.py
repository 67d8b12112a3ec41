"""Render a :class:`~curriculum.review.Review` as one self-contained HTML page.

The page has inline CSS only (no script, no network), a heatmap of the coverage
matrix (darker cells: more hours), the per-task summary and the findings, and a
print style for A4 landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from curriculum.i18n import Text
from curriculum.numbers import fmt_number
from curriculum.report.review import labels as L
from curriculum.reviewing.result import Cell, Finding, MatrixRow, Review, ReviewCourse

_CSS = """
:root { --ink: #1d232a; --muted: #5b6570; --line: #d5dbe1; --ok: #1e7b45;
  --error: #b3261e; --warning: #9a6200; --info: #2d5f9a; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC",
  "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK JP", sans-serif;
  color: var(--ink); margin: 24px auto; max-width: 1200px; padding: 0 16px;
  font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line);
  padding-bottom: 4px; break-after: avoid; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.verdict { display: inline-block; margin-top: 10px; padding: 4px 12px; border-radius: 4px;
  font-weight: 700; color: #fff; }
.verdict.pass { background: var(--ok); }
.verdict.fail { background: var(--error); }
table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left;
  vertical-align: top; }
thead th { background: #eef1f4; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.matrix td.cell { text-align: center; white-space: nowrap; min-width: 52px; }
table.matrix th.course { writing-mode: horizontal-tb; white-space: nowrap; font-size: 12px; }
table.matrix td.name { min-width: 10em; max-width: 24em; }
thead th { white-space: nowrap; }
td.h0 { background: #ffffff; }
td.h1 { background: #dcefe3; }
td.h2 { background: #b6dec5; }
td.h3 { background: #86c69f; }
td.h4 { background: #4fa574; color: #fff; }
td.below { background: #fbe3c4; color: #7a4a00; }
td.assess { background: #e3ecf8; }
.status { font-weight: 700; white-space: nowrap; }
.status.OK { color: var(--ok); }
.status.GAP, .status.LEVEL { color: var(--error); }
.status.THIN, .status.UNASSESSED { color: var(--warning); }
tr.GAP td.name, tr.LEVEL td.name { background: #fdecea; }
.sev { font-weight: 700; white-space: nowrap; }
.sev.error { color: var(--error); }
.sev.warning { color: var(--warning); }
.sev.info { color: var(--info); }
.bar { position: relative; min-width: 110px; }
.bar span.fill { position: absolute; left: 0; top: 0; bottom: 0; background: #cfe8d8;
  z-index: 0; }
.bar span.text { position: relative; z-index: 1; }
.legend { color: var(--muted); font-size: 12px; }
code, .hash { font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK TC", monospace;
  font-size: 12px; }
.hash { word-break: break-all; }
div.scroll { overflow: auto; max-height: 80vh; max-width: 100%; border: 1px solid var(--line); }
div.scroll table.matrix { margin: 0; border-collapse: separate; border-spacing: 0; }
div.scroll table.matrix th, div.scroll table.matrix td { border-width: 0 1px 1px 0; }
table.matrix thead th { position: sticky; top: 0; z-index: 2; }
table.matrix .item { position: sticky; left: 0; z-index: 1; background: #fff; }
table.matrix thead th.item { z-index: 3; background: #eef1f4; }
.print-only { display: none; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  .screen-only { display: none; }
  .print-only { display: block; }
  table.part { break-inside: auto; margin-bottom: 10px; }
  table.part td.name { max-width: 16em; }
  p.part { margin: 8px 0 2px; font-weight: 700; break-after: avoid; }
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 8.5pt; }
  h2 { margin-top: 14px; }
  td, th { padding: 2px 4px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    cls: str = "",
    numeric: Sequence[int] = (),
) -> str:
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if n in numeric else f"<th>{escape(h)}</th>"
        for n, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(v)}</td>' if n in numeric else f"<td>{escape(v)}</td>"
            for n, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _shade(cell: Cell, top: float) -> str:
    if cell.methods:
        return "assess"
    if not cell.at_level:
        return "below"
    if not top or not cell.hours:
        return "h1"
    return f"h{min(4, 1 + int(3 * cell.hours / top))}"


PRINT_COURSES = 10
"""Course columns per printed part of the matrix (each part repeats the item column)."""


def _top(review: Review) -> float:
    return max(
        (c.hours or 0 for r in review.rows for c in r.cells.values() if c.at_level), default=0
    )


def _matrix(review: Review, courses: Sequence[ReviewCourse], tail: bool, cls: str) -> str:
    """A matrix table of ``courses``: item and name first, the row's count, hours and
    status last when ``tail``."""
    top = _top(review)
    headers = L.matrix_headers(review)
    head = (
        f'<th class="item">{escape(headers[0])}</th>'
        + "".join(f"<th>{escape(h)}</th>" for h in headers[1:3])
        + "".join(
            f'<th class="course" title="{escape(c.title)}">{escape(c.code)}</th>' for c in courses
        )
    )
    if tail:
        head += "".join(f'<th class="num">{escape(h)}</th>' for h in headers[-3:-1])
        head += f"<th>{escape(headers[-1])}</th>"
    body = "".join(_matrix_row(review, row, top, courses, tail) for row in review.rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _matrix_section(review: Review) -> str:
    """The matrix: one scrolling table on screen (sticky header row, frozen item
    column), printed in parts of :data:`PRINT_COURSES` courses with the item column
    repeated, so every course column reaches the page."""
    screen = _matrix(review, review.courses, True, "matrix")
    parts = []
    n = len(review.courses)
    for start in range(0, n, PRINT_COURSES):
        chunk = review.courses[start : start + PRINT_COURSES]
        last = start + PRINT_COURSES >= n
        title = (
            L.label(review, "matrix_part", first=start + 1, last=start + len(chunk), n=n)
            if n > PRINT_COURSES
            else ""
        )
        caption = f'<p class="part">{escape(title)}</p>' if title else ""
        parts.append(caption + _matrix(review, chunk, last, "matrix-print part"))
    if not parts:
        parts.append(_matrix(review, (), True, "matrix-print part"))
    return (
        f'<div class="scroll screen-only">{screen}</div>'
        f'<div class="print-only">{"".join(parts)}</div>'
    )


def _matrix_row(
    review: Review,
    row: MatrixRow,
    top: float,
    courses: Sequence[ReviewCourse],
    tail: bool,
) -> str:
    cells = []
    for course in courses:
        cell = row.cells.get(course.code)
        if cell is None:
            cells.append('<td class="cell h0"></td>')
        else:
            text = escape(L.cell_text(cell, review.lang))
            cells.append(f'<td class="cell {_shade(cell, top)}">{text}</td>')
    hours = "" if row.kind == "P" else fmt_number(row.hours)
    end = (
        f'<td class="num">{len(row.courses)}</td><td class="num">{escape(hours)}</td>'
        f'<td class="status {row.status}">{escape(L.status_label(review, row.status))}</td>'
        if tail
        else ""
    )
    return (
        f'<tr class="{row.status} kind-{row.kind}" data-item="{escape(row.code)}">'
        f'<td class="item"><code>{escape(row.code)}</code></td>'
        f'<td class="name">{escape(row.name)}</td>'
        f'<td class="num">{escape(fmt_number(row.level))}</td>' + "".join(cells) + end + "</tr>"
    )


def _summary(review: Review) -> str:
    headers = L.summary_headers(review)
    rows = []
    kinds = L.summary_kinds(review)
    entries = [(t.code, t.name, fmt_number(t.level), t.shares) for t in review.task_summaries]
    entries.append((L.label(review, "overall"), "", "", review.overall))
    for code, name, level, shares in entries:
        bars = []
        for kind in kinds:
            share = shares.get(kind)
            if share is None or not share.total:
                bars.append("<td>-</td>")
                continue
            width = round(100 * (share.ratio or 0))
            bars.append(
                f'<td class="bar"><span class="fill" style="width:{width}%"></span>'
                f'<span class="text">{escape(L.share_text(review.lang, share))}</span></td>'
            )
        rows.append(
            f"<tr><td>{escape(code)}</td><td>{escape(name)}</td>"
            f'<td class="num">{escape(level)}</td>{"".join(bars)}</tr>'
        )
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (
        f'<table class="summary"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _findings(review: Review) -> str:
    if not review.findings:
        return f"<p>{escape(L.label(review, 'no_findings'))}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in L.finding_headers(review, split=True))
    rows = "".join(
        f'<tr class="{f.severity}"><td><code>{escape(f.code)}</code></td>'
        f"<td>{escape(L.code_label(review, f.code))}</td>"
        f'<td class="sev {f.severity}">{escape(L.label(review, f.severity))}</td>'
        f"<td>{escape(f.item or '')}</td><td>{escape(f.course or '')}</td>"
        f"<td>{escape(f.message)}</td>{_note(review, f)}</tr>"
        for f in review.findings
    )
    return f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _note(review: Review, finding: Finding) -> str:
    if review.record is None:
        return ""
    return f"<td>{escape(review.record.note_for(finding.code, finding.item, finding.course))}</td>"


def _against(review: Review) -> list[str]:
    """``--against``: the verdicts before and after, then the claims that changed."""
    if review.diff is None:
        return []
    intro = L.label(review, "against.intro", old=review.diff.old, new=review.diff.new)
    body = f"<p>{escape(intro)}</p>"
    if review.old_verdict is not None:
        body += _table(L.verdict_headers(review), L.verdict_rows(review), "verdicts")
    heading = L.label(review, "changes", new=review.diff.new)
    changes = (
        _table([L.label(review, k) for k in ("item", "course", "reason")], L.changed_rows(review))
        if review.changed_claims
        else f"<p>{escape(L.label(review, 'no_changes'))}</p>"
    )
    against = escape(L.label(review, "against", new=review.diff.new))
    return [
        f'<section id="against"><h2>{against}</h2>{body}</section>',
        f'<section id="changes"><h2>{escape(heading)}</h2>{changes}</section>',
    ]


def _extras(review: Review) -> list[str]:
    """The sections of ``--migrate-to`` and ``--record``."""
    parts = []
    if review.migration is not None:
        heading = L.label(review, "migration", new=review.migration.new)
        body = (
            _table(L.migration_headers(review), L.migration_rows(review))
            if review.migration.changes
            else f"<p>{escape(L.label(review, 'no_migration'))}</p>"
        )
        parts.append(f'<section id="migration"><h2>{escape(heading)}</h2>{body}</section>')
    if review.record is not None:
        meta = "".join(
            f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in L.record_lines(review)
        )
        body = f'<dl class="meta">{meta}</dl>'
        unmatched = L.unmatched_rows(review)
        if unmatched:
            headers = [L.label(review, k) for k in ("code", "item", "course", "note")]
            body += f"<p>{escape(L.label(review, 'unmatched'))}</p>{_table(headers, unmatched)}"
        parts.append(
            f'<section id="record"><h2>{escape(L.label(review, "record"))}</h2>{body}</section>'
        )
    return parts


def _provenance(review: Review) -> str:
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (L.label(review, "role"), L.label(review, "file"), "SHA-256")
    )
    rows = "".join(
        f'<tr><td>{escape(r[0])}</td><td><code>{escape(r[1])}</code></td><td class="hash">'
        f"{escape(r[2])}</td></tr>"
        for r in L.provenance_rows(review)
    )
    tool = escape(review.provenance.tool)
    return (
        f"<p>{escape(L.label(review, 'tool') + Text(review.lang).colon)}<code>{tool}</code></p>"
        f'<table class="provenance"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def render_html(review: Review) -> str:
    """One self-contained HTML page (inline CSS, no script, no network)."""
    title, pairs = L.heading_pairs(review)
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in pairs)
    verdict = "fail" if review.failed else "pass"
    lang = "zh-Hant-TW" if review.lang == "zh-TW" else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f'<header><h1>{escape(title)}</h1><dl class="meta">{meta}</dl>',
        f'<div class="verdict {verdict}">{escape(L.result_line(review))}</div></header>',
        f'<section id="summary"><h2>{escape(L.label(review, "summary"))}</h2>{_summary(review)}'
        "</section>",
        f'<section id="matrix"><h2>{escape(L.label(review, "matrix"))}</h2>',
        _matrix_section(review),
        f'<p class="legend">{escape(L.label(review, "legend"))}</p></section>',
        f'<section id="findings"><h2>{escape(L.label(review, "findings"))}</h2>'
        f"{_findings(review)}</section>",
    ]
    parts += _against(review)
    parts += _extras(review)
    parts += [
        f'<section id="courses"><h2>{escape(L.label(review, "courses"))}</h2>'
        f"{_table(L.course_headers(review), L.course_rows(review), numeric=(2, 3, 4))}</section>",
        f'<section id="provenance"><h2>{escape(L.label(review, "provenance"))}</h2>'
        f"{_provenance(review)}</section>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)
