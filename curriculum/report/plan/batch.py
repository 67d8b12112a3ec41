"""Renders batch plans (``plan --batch``): one line or record per learner.

:func:`render_learner` renders one learner (in a worker, next to its plan);
:func:`batch_prefix` gives what goes before a learner's text in the stream, so
that the whole output is the same however the learners were chunked.

The CSV has one kind of row: one per course of a learner's plan (a learner whose
plan takes no course has one row with the course columns empty, a learner whose
plan failed one row with its error), with the learner's status, totals and gaps
repeated on each row so that a spreadsheet can filter and pivot it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence

from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, markdown_text
from curriculum.io.records import Learner
from curriculum.numbers import fmt_level, fmt_num
from curriculum.planning.result import BatchLine, Plan
from curriculum.report.text import demote

CSV_COLUMNS = (
    "learner",
    "standard",
    "status",
    "total_hours",
    "total_cost",
    "course",
    "title",
    "hours",
    "cost",
    "level",
    "covers",
    "prerequisite_of",
    "gaps",
    "level_gaps",
    "error",
)
"""The batch CSV's one header (docs/planning.md)."""


def _csv_rows(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return out.getvalue()


def _plan_rows(learner: Learner, plan: Plan) -> list[list[str]]:
    """The CSV rows of one learner's plan."""
    head = [
        learner.id,
        plan.standard,
        plan.status,
        fmt_num(plan.total_hours),
        fmt_num(plan.total_cost),
    ]
    tail = [";".join(plan.gaps), ";".join(plan.level_gaps), ""]
    courses = [
        [
            c.code,
            c.title,
            fmt_num(c.hours),
            "" if c.cost is None else fmt_num(c.cost),
            "" if c.level is None else fmt_level(c.level),
            ";".join(c.covers),
            ";".join(c.prerequisite_of),
        ]
        for c in plan.courses
    ]
    return [[*head, *course, *tail] for course in courses or [[""] * 7]]


def render_learner(
    fmt: str, learner: Learner, plan: Plan | None, error: str | None, lang: str = "en"
) -> str:
    """One learner's part of the output, without the header or separator of
    :func:`batch_prefix`: a JSON line (``{"id": ..., "error": ...}`` when the plan
    failed), CSV rows (see :data:`CSV_COLUMNS`), or a titled report."""
    from curriculum.report.plan.render import RENDERERS

    if fmt == "json":
        line = {"id": learner.id, "error": error} if plan is None else _json_line(learner, plan)
        return json.dumps(line, ensure_ascii=False) + "\n"
    if fmt == "csv":
        if plan is None:
            return _csv_rows([[learner.id, learner.standard, "error", *[""] * 10, error or ""]])
        return _csv_rows(_plan_rows(learner, plan))
    t = Text(lang)
    title = t("batch.learner", id=learner.id)
    if plan is None:
        body = f"{t('error_prefix')}{error}\n"
    elif fmt == "markdown":
        body = demote(RENDERERS[fmt](plan, lang))
    else:
        body = RENDERERS[fmt](plan, lang)
    head = f"# {markdown_text(title)}" if fmt == "markdown" else f"=== {title} ==="
    return head + "\n\n" + body


def _json_line(learner: Learner, plan: Plan) -> dict[str, object]:
    return BatchLine.of(learner.id, plan).to_dict()


def batch_prefix(fmt: str, index: int, bom: bool = False) -> str:
    """What comes before the ``index``-th learner's text: the CSV header (after a
    BOM when ``bom``) before the first, a blank line between reports."""
    if fmt == "csv":
        return ("\ufeff" if bom else "") + _csv_rows([CSV_COLUMNS]) if index == 0 else ""
    if fmt == "json":
        return ""
    return "\n" if index else ""


def render_batch(
    results: Sequence[tuple[Learner, Plan]], fmt: str, lang: str = "en"
) -> Iterator[str]:
    """The plans as text chunks, as ``plan --batch`` streams them."""
    for n, (learner, plan) in enumerate(results):
        yield batch_prefix(fmt, n) + render_learner(fmt, learner, plan, None, lang)
