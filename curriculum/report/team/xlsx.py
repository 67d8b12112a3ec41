"""The team plan as a workbook: summary, members, a per-member sheet, courses, departments.

Cells hold numbers with number formats; sheet names and headers are in the
report language. The per-member sheet has one row per member and course (title,
hours, the items it covers for that member), ready for a mail merge.
"""

from __future__ import annotations

from typing import Any

from curriculum.i18n import Text
from curriculum.io.xlsx_writer import new_workbook, workbook_bytes
from curriculum.planning.team.result import TeamPlan
from curriculum.report.team.calendar import add_calendar_sheets, calendar_summary
from curriculum.report.team.lines import (
    department_headers,
    heading_lines,
    left_out_text,
    summary_lines,
)
from curriculum.report.xlsx_tables import add_table_sheet


def render_xlsx(plan: TeamPlan, lang: str = "en", wide: bool = False) -> bytes:
    """A workbook with one sheet per table, numbers as numbers."""
    t = Text(lang)
    book = new_workbook()
    summary = book.active
    summary.title = t("team.summary")
    for line in [
        *heading_lines(plan, t),
        "",
        *summary_lines(plan, t),
        "",
        t("team.note.shares", currency=t.unit(plan.currency)),
        *([calendar_summary(plan.calendar, t)] if plan.calendar is not None else []),
    ]:
        summary.append([line])
    summary.column_dimensions["A"].width = 100
    _members_sheet(book, plan, t)
    _member_courses_sheet(book, plan, t)
    _courses_sheet(book, plan, t)
    _departments_sheet(book, plan, t)
    if plan.calendar is not None:
        add_calendar_sheets(book, plan.calendar, t)
    return workbook_bytes(book)


def _member_head(t: Text) -> list[str]:
    return [t(f"team.col.{k}") for k in ("id", "name", "department", "targets", "courses")]


def _members_sheet(book: Any, plan: TeamPlan, t: Text) -> None:
    """One row per member: courses, hours, cost share, coverage and what is left out."""
    members = [
        [
            m.id,
            m.name or "",
            m.department,
            " ".join(m.targets),
            " ".join(m.courses),
            m.hours,
            m.cost,
            m.covered,
            m.required,
            " ".join([*m.gaps, *m.level_gaps]),
            t.sep.join(left_out_text(m, t)),
        ]
        for m in plan.members
    ]
    add_table_sheet(
        book,
        t("team.members"),
        [
            *_member_head(t),
            t("col.hours"),
            t("col.cost"),
            t("team.col.covered"),
            t("team.col.required"),
            t("team.col.gaps"),
            t("team.left_out_title"),
        ],
        members,
        "tttttmmcctt",
    )


def _member_courses_sheet(book: Any, plan: TeamPlan, t: Text) -> None:
    """One row per member and course, with the items it teaches them (a mail merge)."""
    rows = []
    titles = {c.code: c.title for c in plan.courses}
    hours = {c.code: c.hours for c in plan.courses}
    for m in plan.members:
        for code in m.courses:
            items = m.course_items.get(code, ())
            names = t.sep.join(f"{i} {m.item_names.get(i, '')}".strip() for i in items)
            rows.append([m.id, m.name or "", m.department, code, titles[code], hours[code], names])
    head = [*_member_head(t)[:3], t("col.code"), t("col.title"), t("col.hours")]
    add_table_sheet(book, t("team.sheet"), [*head, t("team.col.items")], rows, "tttttht")


def _courses_sheet(book: Any, plan: TeamPlan, t: Text) -> None:
    """One row per course: sessions, heads, seats and prices."""
    courses = [
        [
            c.code,
            c.title,
            c.hours,
            c.sessions,
            len(c.participants),
            c.capacity,
            c.session_cost,
            c.cost,
            c.total_cost,
            " ".join(c.participants),
        ]
        for c in plan.courses
    ]
    head = [t("col.code"), t("col.title"), t("col.hours")]
    head += [t(f"team.col.{k}") for k in ("sessions", "heads", "seats", "per_session")]
    head += [t(f"team.col.{k}") for k in ("per_head", "total", "participants")]
    add_table_sheet(book, t("team.courses"), head, courses, "tthcccmmmt")


def _departments_sheet(book: Any, plan: TeamPlan, t: Text) -> None:
    """One row per department and the team's total."""
    rows: list[list[Any]] = [
        [
            d.department,
            d.members,
            d.enrolments,
            d.hours,
            d.cost,
            d.covered,
            d.required,
            d.pooled_cost,
        ]
        for d in plan.departments
    ]
    rows.append(
        [
            t("team.col.total"),
            len(plan.members),
            plan.enrolments,
            plan.total_hours,
            plan.total_cost,
            plan.covered,
            plan.required,
            plan.pooled_cost,
        ]
    )
    head = department_headers(t)
    head = [*head[:5], t("team.col.covered"), t("team.col.required"), head[6]]
    add_table_sheet(book, t("team.departments"), head, rows, "tcchmccm")
