"""Renders batch plans (``plan --batch``): one line or record per learner.

:func:`render_learner` renders one learner (in a worker, next to its plan);
:func:`batch_prefix` gives what goes before a learner's text in the stream, so
that the whole output is the same however the learners were chunked.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence

from curriculum.io.records import Learner
from curriculum.planning.result import BatchLine, Plan

CSV_COLUMNS = ("learner", "type", "code", "name", "hours", "cost", "level", "items")


def _csv_rows(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def render_learner(fmt: str, learner: Learner, plan: Plan | None, error: str | None) -> str:
    """One learner's part of the output, without the header or separator of
    :func:`batch_prefix`: a JSON line (``{"id": ..., "error": ...}`` when the plan
    failed), CSV rows with the ``learner`` column (an ``error`` row), or a titled
    report (``Error: ...``)."""
    from curriculum.report.plan import RENDERERS

    if fmt == "json":
        line = {"id": learner.id, "error": error} if plan is None else _json_line(learner, plan)
        return json.dumps(line, ensure_ascii=False) + "\n"
    if fmt == "csv":
        if plan is None:
            return _csv_rows([[learner.id, "error", "", error or "", "", "", "", ""]])
        rows = list(csv.reader(io.StringIO(RENDERERS["csv"](plan))))
        return _csv_rows([[learner.id, *row] for row in rows[1:]])
    title = f"# Learner {learner.id}" if fmt == "markdown" else f"=== Learner {learner.id} ==="
    body = f"Error: {error}\n" if plan is None else RENDERERS[fmt](plan)
    return title + "\n\n" + body


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


def render_batch(results: Sequence[tuple[Learner, Plan]], fmt: str) -> Iterator[str]:
    """The plans as text chunks: JSON Lines for ``json``, one CSV with a
    ``learner`` column for ``csv``, and one titled report per learner otherwise."""
    for n, (learner, plan) in enumerate(results):
        yield batch_prefix(fmt, n) + render_learner(fmt, learner, plan, None)
