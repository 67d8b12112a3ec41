"""A plan's lines and table cells as its reports write them, for another face (the
web workspace's plan page): the words, colons, numbers and money come from the
renderers of :mod:`curriculum.report.plan.render` themselves, so a page and a
report never differ in form."""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.i18n import Text
from curriculum.planning.result import Plan
from curriculum.report.plan import render


@dataclass(frozen=True)
class PlanParts:
    """The parts of a plan report in one language."""

    title: str
    heading: tuple[str, ...]
    """Targets, options, budget and status lines (``狀態：最佳解…``)."""
    status: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """One row per course: code, title, hours, cost, level, covers."""
    no_course: str
    total: str
    mapping_headers: tuple[str, ...]
    mapping_rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]


def plan_parts(plan: Plan, lang: str) -> PlanParts:
    """The lines and cells of ``plan``'s table and Markdown reports in ``lang``."""
    t = Text(lang)
    heading = render._heading(plan, t)
    return PlanParts(
        title=heading[0],
        heading=tuple(heading[1:]),
        status=heading[-1],
        headers=tuple(render._headers(t)),
        rows=tuple(tuple(row) for row in render._course_rows(plan, t)),
        no_course="" if plan.courses else render._no_course(plan, t),
        total=render._total_line(plan, t),
        mapping_headers=tuple(render._mapping_headers(t)),
        mapping_rows=tuple(tuple(row) for row in render._mapping_rows(plan, t)),
        notes=tuple(render._notes(plan, t)),
    )
