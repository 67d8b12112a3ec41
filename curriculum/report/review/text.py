"""Render a :class:`~curriculum.review.Review` as text: table, markdown, json, csv."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, markdown_text, tabulate
from curriculum.numbers import fmt_number
from curriculum.report.review import labels as L
from curriculum.report.text import display_width, dumps_json, join_codes, width, wrap
from curriculum.reviewing.result import Review


def _cell_width(text: str) -> int:
    """The columns of a cell: its widest line."""
    return max(display_width(line) for line in text.split("\n"))


def fit_table(
    headers: list[str], rows: list[list[str]], flex: tuple[int, ...], width: int | None
) -> str:
    """A ``simple`` table within ``width`` columns: the ``flex`` columns wrap to the
    room the others leave (no limit when ``width`` is ``None``)."""
    flex = tuple(n for n in flex if n < len(headers))
    if width is not None and headers and rows:
        natural = [  # tabulate pads a header by two
            max(display_width(h) + 2, *(_cell_width(r[n]) for r in rows))
            for n, h in enumerate(headers)
        ]
        total = sum(natural) + 2 * (len(headers) - 1)
        if total > width:  # headers of several words over as many lines
            headers = [
                "\n".join(h.split(" ")) if " " in h and n not in flex else h
                for n, h in enumerate(headers)
            ]
            natural = [
                max(_cell_width(h) + 2, *(_cell_width(r[n]) for r in rows))
                for n, h in enumerate(headers)
            ]
            total = sum(natural) + 2 * (len(headers) - 1)
        if total > width and flex:
            over = total - width
            limits = {n: natural[n] for n in flex}
            while over > 0 and any(limits[n] > 8 for n in flex):  # widest first
                widest = max(flex, key=lambda n: limits[n])
                limits[widest] -= 1
                over -= 1
            rows = [
                [
                    "\n".join(wrap(v, limits[n], indent="")) if n in limits else v
                    for n, v in enumerate(r)
                ]
                for r in rows
            ]
    return tabulate(rows, headers, tablefmt="simple", disable_numparse=True)


def _matrix_blocks(review: Review, width: int) -> str:
    """The matrix on a terminal: the items with their status, then the course
    columns in blocks that fit ``width`` (the item column repeated), then a legend
    of the course titles."""
    headers = L.matrix_headers(review)
    n = len(review.courses)
    rows = [L.matrix_row(review, r) for r in review.rows]
    keep = [0, 1, 2, *range(3 + n, len(headers))]
    parts = [
        fit_table([headers[k] for k in keep], [[r[k] for k in keep] for r in rows], (1,), width)
    ]

    def column(k: int) -> int:  # tabulate pads a header by two
        return max([display_width(headers[k]) + 2, *(display_width(r[k]) for r in rows)])

    item_width = column(0)
    sizes = [column(3 + c) for c in range(n)]
    start = 0
    while start < n:
        used, stop = item_width, start
        while stop < n and (stop == start or used + 2 + sizes[stop] <= width):
            used += 2 + sizes[stop]
            stop += 1
        cols = [0, *range(3 + start, 3 + stop)]
        title = label_part(review, start, stop, n)
        table = tabulate(
            [[r[k] for k in cols] for r in rows],
            [headers[k] for k in cols],
            tablefmt="simple",
            disable_numparse=True,
        )
        parts.append(f"{title}\n\n{table}" if title else table)
        start = stop
    colon = Text(review.lang).colon
    legend = [
        line
        for c in review.courses
        for line in wrap(f"{c.code}{colon}{c.title}", width, indent="    ")
    ]
    parts.append(L.label(review, "legend_courses") + colon.rstrip() + "\n" + "\n".join(legend))
    return "\n\n".join(parts)


def label_part(review: Review, start: int, stop: int, n: int) -> str:
    """``courses 1–9 of 36`` over a block of the matrix; nothing when one block holds all."""
    if start == 0 and stop == n:
        return ""
    return L.label(review, "matrix_part", first=start + 1, last=stop, n=n)


def _sections(review: Review, fmt: str, width: int | None = None) -> list[tuple[str, str]]:
    """(heading, body) pairs in report order, tables in tabulate's ``fmt``; the
    terminal tables fit ``width`` columns (``None``: no limit)."""

    def table(headers: list[str], rows: list[list[str]], flex: tuple[int, ...] = ()) -> str:
        if fmt == "simple":
            return fit_table(headers, rows, flex, width)
        return tabulate(rows, headers, tablefmt=fmt, disable_numparse=True)

    legend = L.label(review, "legend")
    if width is not None:
        matrix = _matrix_blocks(review, width)
        legend = "\n".join(wrap(legend, width))
    else:
        matrix = table(L.matrix_headers(review), [L.matrix_row(review, r) for r in review.rows])
    sections = [
        (
            L.label(review, "summary"),
            table(L.summary_headers(review), L.summary_rows(review), (1,)),
        ),
        (L.label(review, "matrix"), matrix + "\n\n" + legend),
        (
            L.label(review, "findings"),
            table(L.finding_headers(review), L.finding_rows(review), (4, 5))
            if review.findings
            else L.label(review, "no_findings"),
        ),
    ]
    sections += _against_sections(review, table)
    if review.migration is not None:
        heading = L.label(review, "migration", new=review.migration.new)
        body = (
            table(L.migration_headers(review), L.migration_rows(review), (4,))
            if review.migration.changes
            else L.label(review, "no_migration")
        )
        sections.append((heading, body))
    if review.record is not None:
        colon = Text(review.lang).colon
        shown = markdown_text if fmt == "github" else str
        body = "\n".join(f"{k}{colon}{shown(v)}" for k, v in L.record_lines(review))
        unmatched = L.unmatched_rows(review)
        if unmatched:
            headers = [L.label(review, k) for k in ("code", "item", "course", "note")]
            body += f"\n\n{L.label(review, 'unmatched')}{colon}\n\n" + table(
                headers, unmatched, (3,)
            )
        sections.append((L.label(review, "record"), body))
    sections.append(
        (
            L.label(review, "courses"),
            table(L.course_headers(review), L.course_rows(review), (1, 5, 6)),
        )
    )
    colon = Text(review.lang).colon
    sections.append(
        (
            L.label(review, "provenance"),
            f"{L.label(review, 'tool')}{colon}{review.provenance.tool}\n\n"
            + _provenance_table(review, table, width),
        )
    )
    return sections


def _provenance_table(review: Review, table: Callable[..., str], width: int | None) -> str:
    """Role, file and SHA-256; on a terminal within ``width`` the hash goes under the path."""
    headers = [L.label(review, k) for k in ("role", "file")] + ["SHA-256"]
    rows = L.provenance_rows(review)
    if width is None:
        return table(headers, rows)
    return table([headers[0], f"{headers[1]} / SHA-256"], [[r[0], f"{r[1]}\n{r[2]}"] for r in rows])


def _against_sections(review: Review, table: Callable[..., str]) -> list[tuple[str, str]]:
    """``--against``: the verdict before and after, then the claims that changed."""
    if review.diff is None:
        return []
    intro = L.label(review, "against.intro", old=review.diff.old, new=review.diff.new)
    body = intro
    if review.old_verdict is not None:
        body += "\n\n" + table(L.verdict_headers(review), L.verdict_rows(review))
    heading = L.label(review, "changes", new=review.diff.new)
    changes = (
        table(
            [L.label(review, k) for k in ("item", "course", "reason")], L.changed_rows(review), (2,)
        )
        if review.changed_claims
        else L.label(review, "no_changes")
    )
    return [
        (L.label(review, "against", new=review.diff.new), body),
        (heading, changes),
    ]


def render_table(review: Review, wide: bool = False) -> str:
    """Plain text for a terminal (CJK-aware column widths), within 100 columns
    unless ``wide``."""
    columns = None if wide else width()
    lines = [*L.heading_lines(review), L.result_line(review)]
    if columns is not None:
        lines = [part for line in lines for part in wrap(line, columns)]
    out = [*lines, ""]
    for heading, body in _sections(review, "simple", columns):
        out += [heading, "", body, ""]
    if not wide:
        out += [L.label(review, "wide_note"), ""]
    return "\n".join(out)


def render_markdown(review: Review, wide: bool = False) -> str:
    """GitHub-flavoured Markdown."""
    lines = L.heading_lines(review)
    out = [
        f"# {markdown_text(lines[0])}",
        "",
        *(f"- {markdown_text(line)}" for line in lines[1:]),
        "",
    ]
    out += [f"**{markdown_text(L.result_line(review))}**", ""]
    for heading, body in _sections(review, "github"):
        out += [f"## {markdown_text(heading)}", "", body, ""]
    return "\n".join(out)


def render_json(review: Review, wide: bool = False) -> str:
    """The documented JSON contract (:meth:`Review.to_dict`)."""
    return dumps_json(review.to_dict())


CSV_COLUMNS = ("section", "code", "severity", "item", "course", "value", "message")


def render_csv(review: Review, wide: bool = False) -> str:
    """One long table whose ``section`` column says what each row is.

    ``provenance`` rows carry the tool, standard and each input file with its
    SHA-256; ``totals`` rows the programme's courses, hours and cost (currency in
    ``message``; ``unpriced`` names the courses without a price); ``summary``
    rows a task's (or the overall) share per kind;
    ``matrix`` rows one claim (item, course, hours/level or methods) and
    ``status`` rows each item's number of covering courses, hours and status;
    ``finding`` rows the findings.
    """
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(CSV_COLUMNS)
    p = review.provenance
    for key, value in (
        ("tool", p.tool),
        ("standard", p.standard),
        ("standard_version", p.standard_version or ""),
        ("standard_date", p.standard_date or ""),
        ("programme_standard", p.programme_standard),
        ("result", "fail" if review.failed else "pass"),
    ):
        writer.writerow(["provenance", key, "", "", "", value, ""])
    for entry in p.inputs:
        writer.writerow(["provenance", "input", entry.role, "", "", entry.sha256, entry.path])
    totals = review.totals
    for key, value in (
        ("courses", str(totals.courses)),
        ("hours", fmt_number(totals.hours)),
        ("cost", fmt_number(totals.cost) if totals.cost is not None else ""),
    ):
        note = totals.currency if key == "cost" else ""
        writer.writerow(["totals", key, "", "", "", value, note])
    if totals.unpriced:
        writer.writerow(["totals", "unpriced", "", "", join_codes(totals.unpriced, ";"), "", ""])
    for t in review.task_summaries:
        for kind, share in t.shares.items():
            writer.writerow(["summary", kind, "", t.code, "", f"{share.covered}/{share.total}", ""])
    for kind, share in review.overall.items():
        writer.writerow(["summary", kind, "", "", "", f"{share.covered}/{share.total}", "overall"])
    for row in review.rows:
        for course, cell in row.cells.items():
            writer.writerow(["matrix", row.kind, "", row.code, course, L.cell_text(cell), ""])
        hours = "" if row.kind == "P" else fmt_number(row.hours)
        writer.writerow(
            ["status", row.status, "", row.code, join_codes(row.courses, ";"), hours, row.name]
        )
    for f in review.findings:
        score = fmt_number(f.score) if f.score is not None else ""
        writer.writerow(
            ["finding", f.code, f.severity, f.item or "", f.course or "", score, f.message]
        )
    for c in review.changed_claims:
        writer.writerow(["changed", "", "", c.item, c.course or "", "", c.reason])
    _csv_extras(review, writer)
    return buffer.getvalue()


def _csv_extras(review: Review, writer: Any) -> None:
    """The rows of ``--against`` verdicts, ``--migrate-to`` and ``--record``."""
    if review.against is not None:
        for v in review.against.verdicts:
            counts = f"error {v.counts.error}, warning {v.counts.warning}, info {v.counts.info}"
            writer.writerow(
                ["verdict", v.standard, "", "", "", "fail" if v.failed else "pass", counts]
            )
    if review.migration is not None:
        for m in review.migration.changes:
            writer.writerow(
                ["migration", m.action, "", m.old_item, m.course, m.new_item or "", m.reason]
            )
    record = review.record
    if record is not None:
        for key in ("reviewer", "organisation", "date", "decision"):
            writer.writerow(["record", key, "", "", "", getattr(record, key) or "", ""])
        for n in record.notes:
            matched = "" if n.matched else "unmatched"
            writer.writerow(["note", n.code, matched, n.item or "", n.course or "", "", n.note])


TEXT_RENDERERS: dict[str, Callable[[Review, bool], str]] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}
