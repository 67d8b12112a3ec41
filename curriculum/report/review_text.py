"""Render a :class:`~curriculum.review.Review` as text: table, markdown, json, csv."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from curriculum.numbers import fmt_number
from curriculum.report import review_labels as L
from curriculum.report.safe import csv_writer, tabulate
from curriculum.report.text import dumps_json
from curriculum.reviewing.result import Review


def _sections(review: Review, fmt: str) -> list[tuple[str, str]]:
    """(heading, body) pairs in report order, tables in tabulate's ``fmt``."""

    def table(headers: list[str], rows: list[list[str]]) -> str:
        return tabulate(rows, headers, tablefmt=fmt, disable_numparse=True)

    sections = [
        (L.label(review, "summary"), table(L.summary_headers(review), L.summary_rows(review))),
        (
            L.label(review, "matrix"),
            table(L.matrix_headers(review), [L.matrix_row(review, r) for r in review.rows])
            + "\n\n"
            + L.label(review, "legend"),
        ),
        (
            L.label(review, "findings"),
            table(L.finding_headers(review), L.finding_rows(review))
            if review.findings
            else L.label(review, "no_findings"),
        ),
    ]
    if review.diff is not None:
        heading = L.label(review, "changes", new=review.diff.new)
        body = (
            table(
                [L.label(review, k) for k in ("course", "item", "reason")], L.changed_rows(review)
            )
            if review.changed_claims
            else L.label(review, "no_changes")
        )
        sections.append((heading, body))
        if review.old_verdict is not None:
            verdicts = table(L.verdict_headers(review), L.verdict_rows(review))
            sections.append((L.label(review, "verdicts"), verdicts))
    if review.migration is not None:
        heading = L.label(review, "migration", new=review.migration.new)
        body = (
            table(L.migration_headers(review), L.migration_rows(review))
            if review.migration.changes
            else L.label(review, "no_migration")
        )
        sections.append((heading, body))
    if review.record is not None:
        body = "\n".join(f"{k}: {v}" for k, v in L.record_lines(review))
        unmatched = L.unmatched_rows(review)
        if unmatched:
            headers = [L.label(review, k) for k in ("code", "item", "course", "note")]
            body += f"\n\n{L.label(review, 'unmatched')}:\n\n" + table(headers, unmatched)
        sections.append((L.label(review, "record"), body))
    sections.append(
        (L.label(review, "courses"), table(L.course_headers(review), L.course_rows(review)))
    )
    sections.append(
        (
            L.label(review, "provenance"),
            f"{L.label(review, 'tool')}: {review.provenance.tool}\n\n"
            + table(
                [L.label(review, k) for k in ("role", "file")] + ["SHA-256"],
                L.provenance_rows(review),
            ),
        )
    )
    return sections


def render_table(review: Review) -> str:
    """Plain text for a terminal (CJK-aware column widths)."""
    out = [*L.heading_lines(review), L.result_line(review), ""]
    for heading, body in _sections(review, "simple"):
        out += [heading, "", body, ""]
    return "\n".join(out)


def render_markdown(review: Review) -> str:
    """GitHub-flavoured Markdown."""
    lines = L.heading_lines(review)
    out = [f"# {lines[0]}", "", *(f"- {line}" for line in lines[1:]), ""]
    out += [f"**{L.result_line(review)}**", ""]
    for heading, body in _sections(review, "github"):
        out += [f"## {heading}", "", body, ""]
    return "\n".join(out)


def render_json(review: Review) -> str:
    """The documented JSON contract (:meth:`Review.to_dict`)."""
    return dumps_json(review.to_dict())


CSV_COLUMNS = ("section", "code", "severity", "item", "course", "value", "message")


def render_csv(review: Review) -> str:
    """One long table whose ``section`` column says what each row is.

    ``provenance`` rows carry the tool, standard and each input file with its
    SHA-256; ``summary`` rows a task's (or the overall) share per kind;
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
    for f in p.inputs:
        writer.writerow(["provenance", "input", f.role, "", "", f.sha256, f.path])
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
            ["status", row.status, "", row.code, " ".join(row.courses), hours, row.name]
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


TEXT_RENDERERS: dict[str, Callable[[Review], str]] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}
