"""Render a :class:`~curriculum.team.TeamPlan`: one pure function per format.

``xlsx`` returns bytes (openpyxl, imported lazily) and goes to ``--output`` only.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from curriculum.io.xlsx_writer import workbook_bytes
from curriculum.numbers import fmt_money, fmt_num
from curriculum.planning.team_result import TeamPlan
from curriculum.report.safe import csv_writer, tabulate
from curriculum.report.text import dumps_json


def render_json(plan: TeamPlan) -> str:
    """The documented JSON contract."""
    return dumps_json(plan.to_dict())


def _status(plan: TeamPlan) -> str:
    what = "least total cost" if plan.objective == "cost" else "least training hours"
    if plan.status == "optimal":
        text = f"optimal ({what} proven)"
        if not plan.ties_proven:
            text += "; tie-break not completed, another equally good plan may be printed"
        return text
    unit = plan.currency if plan.objective == "cost" else "h"
    bound = fmt_money(plan.lower_bound) if plan.objective == "cost" else fmt_num(plan.lower_bound)
    gap = f"{plan.optimality_gap:.1%}"
    text = f"feasible, not proven optimal (lower bound {bound} {unit}, gap {gap})"
    if plan.baseline_returned:
        text += "; the member-by-member plan, nothing better found in time"
    return text


def _other(plan: TeamPlan) -> str:
    return "hours" if plan.objective == "cost" else "cost"


def _heading(plan: TeamPlan) -> list[str]:
    depts = len(plan.departments)
    lines = [
        f"Team plan for {plan.source}: {len(plan.members)} members, {depts} department(s)",
        f"Objective: {plan.objective} first, then {_other(plan)}",
    ]
    limits = []
    if plan.max_cost is not None:
        limits.append(f"team cost ≤ {fmt_money(plan.max_cost)} {plan.currency}")
    if plan.max_hours is not None:
        limits.append(f"≤ {fmt_num(plan.max_hours)} h per member")
    if limits:
        lines.append("Budget: " + ", ".join(limits))
    lines.append(f"Status: {_status(plan)}")
    return lines


def _summary(plan: TeamPlan) -> list[str]:
    saving = plan.alone_cost - plan.total_cost
    share = saving / plan.alone_cost if plan.alone_cost else 0.0
    return [
        f"Team total: {fmt_money(plan.total_cost)} {plan.currency}, {plan.sessions} sessions, "
        f"{plan.enrolments} enrolments, {fmt_num(plan.total_hours)} training hours",
        f"Member by member (each planned and priced alone): {fmt_money(plan.alone_cost)} "
        f"{plan.currency}, {fmt_num(plan.alone_hours)} hours; "
        f"same choices in shared sessions: {fmt_money(plan.pooled_cost)} {plan.currency}",
        f"Saving against member by member: {fmt_money(saving)} {plan.currency} ({share:.0%})",
    ]


def _member_rows(plan: TeamPlan) -> list[list[str]]:
    rows = []
    for m in plan.members:
        missing = []
        if m.gaps:
            missing.append("gap " + " ".join(m.gaps))
        if m.level_gaps:
            missing.append("level gap " + " ".join(m.level_gaps))
        if m.budget_gaps:
            missing.append("left out " + " ".join(m.budget_gaps))
        rows.append(
            [
                m.id,
                m.name or "",
                m.department,
                " ".join(m.targets) or "all",
                " ".join(m.courses),
                fmt_num(m.hours),
                fmt_money(m.cost),
                "; ".join(missing) or "-",
            ]
        )
    return rows


MEMBER_HEADERS = ["ID", "Name", "Department", "Targets", "Courses", "Hours", "Cost", "Not covered"]


def _course_rows(plan: TeamPlan) -> list[list[str]]:
    return [
        [
            c.code,
            c.title,
            fmt_num(c.hours),
            str(c.sessions),
            str(len(c.participants)),
            "-" if c.capacity is None else str(c.capacity),
            fmt_money(c.session_cost),
            fmt_money(c.cost),
            fmt_money(c.total_cost),
            " ".join(c.participants),
        ]
        for c in plan.courses
    ]


COURSE_HEADERS = [
    "Code",
    "Title",
    "Hours",
    "Sessions",
    "Heads",
    "Seats",
    "Per session",
    "Per head",
    "Total",
    "Participants",
]


def _department_rows(plan: TeamPlan) -> list[list[str]]:
    rows = [
        [
            d.department or "-",
            str(d.members),
            str(d.enrolments),
            fmt_num(d.hours),
            fmt_money(d.cost),
            fmt_money(d.alone_cost),
        ]
        for d in plan.departments
    ]
    rows.append(
        [
            "Total",
            str(len(plan.members)),
            str(plan.enrolments),
            fmt_num(plan.total_hours),
            fmt_money(plan.total_cost),
            fmt_money(plan.alone_cost),
        ]
    )
    return rows


DEPT_HEADERS = ["Department", "Members", "Enrolments", "Hours", "Cost", "Member by member"]


def _notes(plan: TeamPlan) -> list[str]:
    notes = [
        "Member and department costs share each session's price among its participants.",
    ]
    if any(m.budget_gaps for m in plan.members):
        notes.append(
            "Left out: coverable items the plan leaves out because of the budget or because "
            "too few members need the course to reach its minimum participants."
        )
    if plan.unpriced:
        notes.append("No price given for " + ", ".join(plan.unpriced))
    return notes


def _render(plan: TeamPlan, tablefmt: str, heading: Callable[[str], str]) -> str:
    def table(rows: list[list[str]], headers: list[str], align: str) -> str:
        colalign = tuple("right" if a == "r" else "left" for a in align)
        return tabulate(rows, headers, tablefmt=tablefmt, disable_numparse=True, colalign=colalign)

    head = _heading(plan)
    if tablefmt == "github":
        parts = [heading(head[0]), "", *(f"- {line}" for line in head[1:]), ""]
        parts += [f"- {line}" for line in _summary(plan)]
    else:
        parts = [*head, "", *_summary(plan)]
    parts += ["", heading("Members"), table(_member_rows(plan), MEMBER_HEADERS, "lllllrrl")]
    parts += [
        "",
        heading("Courses and sessions"),
        table(_course_rows(plan), COURSE_HEADERS, "llrrrrrrrl"),
    ]
    parts += ["", heading("Departments"), table(_department_rows(plan), DEPT_HEADERS, "lrrrrr")]
    parts += ["", *(f"- {n}" if tablefmt == "github" else n for n in _notes(plan))]
    return "\n".join(parts) + "\n"


def render_table(plan: TeamPlan) -> str:
    """A plain-text report for the terminal (CJK-aware column widths)."""
    return _render(plan, "simple", lambda title: title)


def render_markdown(plan: TeamPlan) -> str:
    """A Markdown report (GitHub tables)."""
    return _render(plan, "github", lambda title: f"### {title}")


def _csv_rows(plan: TeamPlan) -> list[list[str]]:
    rows = [["type", "id", "name", "department", "courses", "hours", "cost", "sessions", "notes"]]
    for m in plan.members:
        rows.append(
            [
                "member",
                m.id,
                m.name or "",
                m.department,
                ";".join(m.courses),
                fmt_num(m.hours),
                fmt_num(m.cost),
                "",
                ";".join([*m.gaps, *m.level_gaps, *m.budget_gaps]),
            ]
        )
    for c in plan.courses:
        rows.append(
            [
                "course",
                c.code,
                c.title,
                "",
                ";".join(c.participants),
                fmt_num(c.hours),
                fmt_num(c.total_cost),
                str(c.sessions),
                "",
            ]
        )
    for d in plan.departments:
        rows.append(
            [
                "department",
                d.department,
                "",
                d.department,
                "",
                fmt_num(d.hours),
                fmt_num(d.cost),
                "",
                "",
            ]
        )
    rows.append(
        [
            "total",
            plan.source,
            plan.status,
            "",
            "",
            fmt_num(plan.total_hours),
            fmt_num(plan.total_cost),
            str(plan.sessions),
            f"member_by_member={fmt_num(plan.alone_cost)}",
        ]
    )
    return rows


def render_csv(plan: TeamPlan) -> str:
    """Members, courses, departments and the total, one row each, for spreadsheets."""
    out = io.StringIO()
    csv_writer(out).writerows(_csv_rows(plan))
    return out.getvalue()


def render_xlsx(plan: TeamPlan) -> bytes:
    """A workbook with one sheet per table (Summary, Members, Courses, Departments)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    for line in [*_heading(plan), "", *_summary(plan), "", *_notes(plan)]:
        summary.append([line])
    member_rows = [
        [
            m.id,
            m.name or "",
            m.department,
            " ".join(m.targets),
            " ".join(m.courses),
            m.hours,
            m.cost,
            " ".join([*m.gaps, *m.level_gaps]),
            " ".join(m.budget_gaps),
        ]
        for m in plan.members
    ]
    course_rows = [
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
    dept_rows = [
        [d.department, d.members, d.enrolments, d.hours, d.cost, d.alone_cost]
        for d in plan.departments
    ]
    dept_rows.append(
        [
            "Total",
            len(plan.members),
            plan.enrolments,
            plan.total_hours,
            plan.total_cost,
            plan.alone_cost,
        ]
    )
    sheets = (
        ("Members", [*MEMBER_HEADERS[:-1], "Gaps", "Left out"], member_rows),
        ("Courses", COURSE_HEADERS, course_rows),
        ("Departments", DEPT_HEADERS, dept_rows),
    )
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    return workbook_bytes(book)


RENDERERS: dict[str, Callable[[TeamPlan], str | bytes]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
}
