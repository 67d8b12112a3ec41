"""Render a migration changelog (``courses migrate``) and claim suggestions
(``courses suggest``): table, markdown, json, csv."""

from __future__ import annotations

import io
from collections.abc import Sequence

from curriculum.io.cells import csv_writer, markdown_text, tabulate
from curriculum.numbers import fmt_number
from curriculum.report.text import dumps_json
from curriculum.reviewing.migrate import Migration
from curriculum.reviewing.plausibility import Support

MIGRATE_FORMATS = ("table", "markdown", "json", "csv")
"""The formats of ``courses migrate`` and ``courses suggest``."""

_HEAD = ("course", "action", "old_item", "new_item", "reason")


def _csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def render_migration(log: Migration, fmt: str) -> str:
    """The changelog: one row per changed or flagged claim, with its reason."""
    if fmt == "json":
        return dumps_json(log.to_dict())
    rows = [[c.course, c.action, c.old_item, c.new_item or "", c.reason] for c in log.changes]
    if fmt == "csv":
        return _csv(_HEAD, rows)
    title = f"Claims migrated from {log.old} to {log.new}"
    body = (
        tabulate(rows, list(_HEAD), tablefmt="github" if fmt == "markdown" else "simple")
        if rows
        else "No claim needed a change."
    )
    head = f"# {markdown_text(title)}" if fmt == "markdown" else title
    return f"{head}\n\n{log.summary()}\n\n{body}\n"


def render_suggestions(code: str, found: Sequence[Support], names: dict[str, str], fmt: str) -> str:
    """Proposed claims, best first per course, for a person to confirm."""
    if fmt == "json":
        return dumps_json(
            {
                "standard": code,
                "suggestions": [
                    {
                        "course": s.course,
                        "item": s.item,
                        "name": names.get(s.item, ""),
                        "score": s.score,
                        "matched": list(s.matched),
                    }
                    for s in found
                ],
            }
        )
    header = ["course", "item", "name", "score", "matched"]
    rows = [
        [s.course, s.item, names.get(s.item, ""), fmt_number(s.score), ", ".join(s.matched)]
        for s in found
    ]
    if fmt == "csv":
        return _csv(header, rows)
    title = f"Claims the courses' texts support but do not make ({code}); confirm before use"
    body = (
        tabulate(rows, header, tablefmt="github" if fmt == "markdown" else "simple",
                 disable_numparse=True)
        if rows
        else "No suggestion."
    )  # fmt: skip
    return f"{'# ' + markdown_text(title) if fmt == 'markdown' else title}\n\n{body}\n"
