"""Render a :class:`~curriculum.team.TeamPlan`: one pure function per format.

``xlsx`` returns bytes (openpyxl, imported lazily) and goes to ``--output`` only.
Every renderer takes the report language; terminal tables fit 100 columns
unless ``wide``.
"""

from __future__ import annotations

from collections.abc import Callable

from curriculum.i18n import Text
from curriculum.io.cells import markdown_text, tabulate
from curriculum.numbers import fmt_money, fmt_num
from curriculum.planning.team.result import MemberPlan, TeamPlan
from curriculum.report.plan.render import write_sections
from curriculum.report.team.calendar import (
    CSV_CALENDAR_SECTIONS,
    calendar_summary,
    csv_sections,
    member_headers,
    member_rows,
    session_headers,
    session_rows,
)
from curriculum.report.team.lines import (
    department_headers,
    heading_lines,
    left_out_text,
    summary_lines,
)
from curriculum.report.team.xlsx import render_xlsx
from curriculum.report.text import dumps_json, wrap


def render_json(plan: TeamPlan, lang: str = "en", wide: bool = False) -> str:
    """The documented JSON contract (the same in every language)."""
    return dumps_json(plan.to_dict())


def _not_covered(m: MemberPlan, t: Text) -> str:
    missing = []
    if m.gaps:
        missing.append(t("team.gap", items=" ".join(m.gaps)))
    if m.level_gaps:
        missing.append(t("team.level_gap", items=" ".join(m.level_gaps)))
    missing += left_out_text(m, t)
    return t.sep.join(missing) or "-"


def _member_rows(plan: TeamPlan, t: Text) -> list[list[str]]:
    return [
        [
            m.id,
            m.name or "",
            m.department,
            " ".join(m.targets) or t("all"),
            " ".join(m.courses),
            fmt_num(m.hours),
            fmt_money(m.cost),
            f"{m.covered}/{m.required}",
            _not_covered(m, t),
        ]
        for m in plan.members
    ]


def _member_headers(t: Text) -> list[str]:
    keys = ("id", "name", "department", "targets", "courses")
    return [
        *(t(f"team.col.{k}") for k in keys),
        t("col.hours"),
        t("col.cost"),
        t("team.col.covered"),
        t("team.col.not_covered"),
    ]


def _course_rows(plan: TeamPlan, t: Text, wide: bool) -> list[list[str]]:
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
            " ".join(c.participants) if wide else t("team.participants_n", n=len(c.participants)),
        ]
        for c in plan.courses
    ]


def _course_headers(t: Text) -> list[str]:
    return [
        t("col.code"),
        t("col.title"),
        t("col.hours"),
        *(t(f"team.col.{k}") for k in ("sessions", "heads", "seats", "per_session", "per_head")),
        *(t(f"team.col.{k}") for k in ("total", "participants")),
    ]


def _department_rows(plan: TeamPlan, t: Text) -> list[list[str]]:
    rows = [
        [
            d.department or "-",
            str(d.members),
            str(d.enrolments),
            fmt_num(d.hours),
            fmt_money(d.cost),
            f"{d.covered}/{d.required}",
            fmt_money(d.pooled_cost),
        ]
        for d in plan.departments
    ]
    rows.append(
        [
            t("team.col.total"),
            str(len(plan.members)),
            str(plan.enrolments),
            fmt_num(plan.total_hours),
            fmt_money(plan.total_cost),
            f"{plan.covered}/{plan.required}",
            fmt_money(plan.pooled_cost),
        ]
    )
    return rows


def _notes(plan: TeamPlan, t: Text, wide: bool) -> list[str]:
    notes = [t("team.note.shares", currency=t.unit(plan.currency))]
    if not wide and plan.courses:
        notes.append(t("team.note.wide"))
    if plan.unpriced:
        notes.append(t("team.note.unpriced", codes=t.join(plan.unpriced)))
    return notes


def _render(plan: TeamPlan, lang: str, markdown: bool, wide: bool) -> str:
    t = Text(lang)
    fmt = "github" if markdown else "simple"

    def table(rows: list[list[str]], headers: list[str], align: str, widths: list[int]) -> str:
        colalign = tuple("right" if a == "r" else "left" for a in align)
        limit = None if markdown or wide else [w or None for w in widths]
        return tabulate(
            rows,
            headers,
            tablefmt=fmt,
            disable_numparse=True,
            colalign=colalign,
            maxcolwidths=limit,
        )

    def heading(title: str) -> str:
        return f"## {markdown_text(title)}" if markdown else title

    head = heading_lines(plan, t)
    if markdown:
        parts = [
            f"# {markdown_text(head[0])}",
            "",
            *(f"- {markdown_text(line)}" for line in [*head[1:], *summary_lines(plan, t)]),
        ]
    else:
        width = 10**6 if wide else 100
        parts = [
            line for text in [*head, "", *summary_lines(plan, t)] for line in wrap(text, width)
        ]
    members = table(
        _member_rows(plan, t), _member_headers(t), "lllllrrrl", [0, 8, 10, 10, 14, 0, 0, 0, 16]
    )
    full = wide or markdown
    courses = table(
        [row if full else row[:-1] for row in _course_rows(plan, t, full)],
        _course_headers(t) if full else _course_headers(t)[:-1],
        "llrrrrrrrl" if full else "llrrrrrrr",
        [0, 14, 0, 0, 0, 0, 0, 0, 0, 0] if full else [0, 14, 0, 0, 0, 0, 0, 0, 0],
    )
    departments = table(
        _department_rows(plan, t), department_headers(t), "lrrrrrr", [16, 0, 0, 0, 0, 0, 0]
    )
    gap = [""] if markdown else []
    parts += ["", heading(t("team.members")), *gap, members]
    parts += ["", heading(t("team.courses")), *gap, courses]
    parts += ["", heading(t("team.departments")), *gap, departments, ""]
    if plan.calendar is not None:
        cal = plan.calendar
        rows = [[*r[:3], fmt_num(r[3])] for r in member_rows(cal)]
        srows = [[c, str(n), p, who] for c, n, p, who in session_rows(cal)]
        parts += [heading(t("team.cal.title")), *gap, calendar_summary(cal, t), *gap]
        parts += [table(rows, member_headers(t), "lllr", [0, 0, 40, 0]), ""]
        parts += [heading(t("team.cal.sessions")), *gap]
        parts += [table(srows, session_headers(t), "lrll", [0, 0, 0, 50]), ""]
    notes = _notes(plan, t, wide or markdown)
    parts += (
        [f"- {markdown_text(n)}" for n in notes]
        if markdown
        else [x for n in notes for x in wrap(n)]
    )
    return "\n".join(parts) + "\n"


def render_table(plan: TeamPlan, lang: str = "en", wide: bool = False) -> str:
    """A plain-text report for the terminal (100 columns unless ``wide``)."""
    return _render(plan, lang, markdown=False, wide=wide)


def render_markdown(plan: TeamPlan, lang: str = "en", wide: bool = False) -> str:
    """A Markdown report (GitHub tables): ``#`` title, ``##`` sections."""
    return _render(plan, lang, markdown=True, wide=True)


CSV_SECTIONS = {
    "members": [
        "member", "name", "department", "standard", "targets", "courses", "hours", "cost",
        "covered", "required",
    ],
    "uncovered": ["member", "item", "status", "reason"],
    "courses": [
        "course", "title", "hours", "sessions", "heads", "session_cost", "cost_per_head",
        "total_cost", "participants",
    ],
    "departments": [
        "department", "members", "enrolments", "hours", "cost", "covered", "required",
        "cost_alone", "cost_pooled",
    ],
    "total": [
        "team", "status", "objective", "cost", "hours", "sessions", "enrolments", "covered",
        "required", "cost_alone", "saving", "cost_pooled", "saving_alone", "name",
    ],
}  # fmt: skip
"""The team CSV: one section per kind of row, each with its header, a blank line between.
``uncovered`` rows have status ``gap``, ``level_gap`` or ``left_out`` and, for
left-out items, the reason (``hours``, ``cost``, ``participants``; ``;``-joined)."""


def _csv_sections(plan: TeamPlan) -> dict[str, list[list[str]]]:
    n = fmt_num
    members = [
        [
            m.id,
            m.name or "",
            m.department,
            m.standard,
            ";".join(m.targets),
            ";".join(m.courses),
            n(m.hours),
            n(m.cost),
            str(m.covered),
            str(m.required),
        ]
        for m in plan.members
    ]
    uncovered = [
        [m.id, item, status, ";".join(m.why_left_out.get(item, ()))]
        for m in plan.members
        for status, items in (
            ("gap", m.gaps),
            ("level_gap", m.level_gaps),
            ("left_out", m.budget_gaps),
        )
        for item in items
    ]
    courses = [
        [
            c.code,
            c.title,
            n(c.hours),
            str(c.sessions),
            str(len(c.participants)),
            "" if c.session_cost is None else n(c.session_cost),
            "" if c.cost is None else n(c.cost),
            n(c.total_cost),
            ";".join(c.participants),
        ]
        for c in plan.courses
    ]
    return {"members": members, "uncovered": uncovered, "courses": courses, **_csv_totals(plan)}


def _csv_totals(plan: TeamPlan) -> dict[str, list[list[str]]]:
    """The departments and total sections of the team CSV."""
    n = fmt_num
    departments = [
        [
            d.department,
            str(d.members),
            str(d.enrolments),
            n(d.hours),
            n(d.cost),
            str(d.covered),
            str(d.required),
            n(d.alone_cost),
            n(d.pooled_cost),
        ]
        for d in plan.departments
    ]
    total = [
        [
            plan.source,
            plan.status,
            plan.objective,
            n(plan.total_cost),
            n(plan.total_hours),
            str(plan.sessions),
            str(plan.enrolments),
            str(plan.covered),
            str(plan.required),
            n(plan.alone_cost),
            "" if plan.saving is None else n(plan.saving),
            n(plan.pooled_cost),
            "" if plan.saving_alone is None else n(plan.saving_alone),
            plan.name or "",
        ]
    ]
    return {"departments": departments, "total": total}


def render_csv(plan: TeamPlan, lang: str = "en", wide: bool = False) -> str:
    """Members, uncovered items, courses, departments and the total, one section each;
    with a calendar, its member and session sections too."""
    sections = _csv_sections(plan)
    if plan.calendar is not None:
        sections |= csv_sections(plan.calendar)
    return write_sections(sections, CSV_SECTIONS | CSV_CALENDAR_SECTIONS, lang)


RENDERERS: dict[str, Callable[..., str | bytes]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
}
