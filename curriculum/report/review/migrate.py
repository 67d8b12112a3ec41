"""Render a migration changelog (``courses migrate``) and claim suggestions
(``courses suggest``): table, markdown, json, csv."""

from __future__ import annotations

import io
from collections.abc import Sequence

from curriculum.i18n import Text
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


def _summary(log: Migration, t: Text) -> str:
    """``Migration of 1 course from A to B: 4 changes (renamed 1, level 3).``"""
    counts = t.comma.join(f"{t(f'migrate.action.{a}')} {n}" for a, n in log.counts.items() if n)
    return (
        t(
            "migrate.summary",
            courses=t("n_courses", n=log.courses),
            changes=t("migrate.n_changes", n=len(log.changes)),
            old=log.old,
            new=log.new,
        )
        + (t.paren(counts) if counts else "")
        + t.period
    )


def render_migration(log: Migration, fmt: str, lang: str = "en") -> str:
    """The changelog: one row per changed or flagged claim, with its reason; a CSV
    keeps the machine's headers and action codes."""
    if fmt == "json":
        return dumps_json(log.to_dict())
    t = Text(lang)
    if fmt == "csv":
        rows = [[c.course, c.action, c.old_item, c.new_item or "", c.reason] for c in log.changes]
        return _csv(_HEAD, rows)
    rows = [
        [c.course, t(f"migrate.action.{c.action}"), c.old_item, c.new_item or "", c.reason]
        for c in log.changes
    ]
    heads = [t(f"migrate.col.{h}") for h in _HEAD]
    title = t("migrate.title", old=log.old, new=log.new)
    body = (
        tabulate(rows, heads, tablefmt="github" if fmt == "markdown" else "simple")
        if rows
        else t("review.no_migration")
    )
    head = f"# {markdown_text(title)}" if fmt == "markdown" else title
    return f"{head}\n\n{_summary(log, t)}\n\n{body}\n"


def render_suggestions(
    code: str, found: Sequence[Support], names: dict[str, str], fmt: str, lang: str = "en"
) -> str:
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
    t = Text("en" if fmt == "csv" else lang)
    rows = [
        [s.course, s.item, names.get(s.item, ""), fmt_number(s.score), t.join(s.matched)]
        for s in found
    ]
    if fmt == "csv":
        return _csv(header, rows)
    title = t("suggest.title", code=code)
    heads = [t(f"suggest.col.{h}") for h in header]
    body = (
        tabulate(rows, heads, tablefmt="github" if fmt == "markdown" else "simple",
                 disable_numparse=True)
        if rows
        else t("suggest.none")
    )  # fmt: skip
    return f"{'# ' + markdown_text(title) if fmt == 'markdown' else title}\n\n{body}\n"
