"""Render a :class:`~curriculum.planning.schedule_result.Schedule` as CSV, Markdown and XLSX.

The CSV is for machines: its headers and values are the same in every language,
in sections like the plan CSV (periods, courses, total). The Markdown report and
the workbook are for people: every text comes from the message catalogue in the
report language. Cells pass through :mod:`curriculum.io.cells` (CSV formulas
neutralised, Markdown pipes escaped); the workbook keeps numbers as numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from curriculum.i18n import Text
from curriculum.io.cells import markdown_text, tabulate
from curriculum.io.xlsx_writer import new_workbook, workbook_bytes
from curriculum.numbers import clean_number, fmt_money, fmt_num
from curriculum.planning.schedule_result import (
    Schedule,
    ScheduledCourse,
    SchedulePeriod,
    SessionDates,
)
from curriculum.report.plan.render import write_sections
from curriculum.report.schedule.lines import heading, notes, total_text
from curriculum.report.text import join_codes
from curriculum.report.xlsx_tables import add_table_sheet


def period_name(period: SchedulePeriod, t: Text) -> str:
    """A period as people read it: ``Period 3`` / ``第 3 期`` for a numbered one, its
    label (``2027-Q1``) for a dated one."""
    return t("sched.period_n", n=period.label) if period.label.isdigit() else period.label


def ordered_courses(schedule: Schedule) -> list[ScheduledCourse]:
    """The courses period by period, each period's in the order it lists them."""
    rank = {code: (p.number, k) for p in schedule.periods for k, code in enumerate(p.courses)}
    return sorted(schedule.courses, key=lambda c: rank[c.code])


def session_text(session: SessionDates) -> str:
    """``2027-03-01–2027-03-05``, or one date for a one-day session."""
    if session.start == session.end:
        return session.start.isoformat()
    return f"{session.start.isoformat()}–{session.end.isoformat()}"


def title_line(schedule: Schedule, t: Text) -> str:
    """The report's title (the first heading line)."""
    return heading(schedule, t)[0]


def total_line(schedule: Schedule, t: Text) -> str:
    """Courses, periods used, hours, cost and the heaviest period."""
    return total_text(schedule, t)


def heading_lines(schedule: Schedule, t: Text) -> list[str]:
    """Title, targets, goal, limits, status and totals, one line each (the same
    lines as the terminal table)."""
    return [*heading(schedule, t), total_text(schedule, t)]


def note_lines(schedule: Schedule, t: Text) -> list[str]:
    """No course, order, sessions, gaps and unproven ties (as the terminal table)."""
    return ([] if schedule.courses else [t("sched.no_course")]) + notes(schedule, t)


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


# --------------------------------------------------------------------------- CSV

CSV_SECTIONS = {
    "periods": ["period", "label", "start", "end", "courses", "hours", "cost"],
    "courses": [
        "course",
        "title",
        "period",
        "label",
        "hours",
        "cost",
        "sessions",
        "covers",
        "prerequisite_of",
    ],
    "total": [
        "standard",
        "objective",
        "status",
        "courses",
        "periods_used",
        "hours",
        "cost",
        "currency",
        "heaviest_period_hours",
    ],
}
"""The schedule CSV: three sections, each its header then its rows, a blank line between."""


def csv_sections(schedule: Schedule) -> dict[str, list[list[str]]]:
    """The rows of each CSV section (without headers); lists are ``;``-separated."""
    labels = {p.number: p.label for p in schedule.periods}
    periods = [
        [
            str(p.number),
            p.label,
            _day(p.start),
            _day(p.end),
            ";".join(p.courses),
            fmt_num(p.hours),
            fmt_num(p.cost),
        ]
        for p in schedule.periods
    ]
    courses = [
        [
            c.code,
            c.title,
            str(c.period),
            labels[c.period],
            fmt_num(c.hours),
            fmt_num(c.cost),
            ";".join(session_text(s) for s in c.sessions),
            ";".join(c.covers),
            ";".join(c.prerequisite_of),
        ]
        for c in ordered_courses(schedule)
    ]
    total = [
        [
            schedule.standard or "",
            schedule.objective,
            schedule.status,
            str(len(schedule.courses)),
            str(schedule.periods_used),
            fmt_num(schedule.total_hours),
            fmt_num(schedule.total_cost),
            schedule.currency,
            fmt_num(schedule.heaviest_period_hours),
        ]
    ]
    return {"periods": periods, "courses": courses, "total": total}


def render_csv(schedule: Schedule, lang: str = "en") -> str:
    """Periods, courses and the total for spreadsheets (headers in the reader's language)."""
    return write_sections(csv_sections(schedule), CSV_SECTIONS, lang)


# --------------------------------------------------------------------------- Markdown


def _period_headers(t: Text) -> list[str]:
    return [
        t("sched.col.period"),
        t("sched.col.start"),
        t("sched.col.end"),
        t("sched.col.courses"),
        t("col.hours"),
        t("col.cost"),
    ]


def _course_headers(t: Text) -> list[str]:
    return [
        t("sched.col.period"),
        t("col.code"),
        t("col.title"),
        t("col.hours"),
        t("col.cost"),
        t("sched.col.sessions"),
        t("col.covers"),
        t("sched.col.prerequisite_of"),
    ]


def render_markdown(schedule: Schedule, lang: str = "en") -> str:
    """A Markdown report (GitHub tables): ``#`` title, ``##`` periods and courses."""
    t = Text(lang)
    head = heading_lines(schedule, t)
    names = {p.number: period_name(p, t) for p in schedule.periods}
    periods = [
        [
            names[p.number],
            _day(p.start) or "-",
            _day(p.end) or "-",
            join_codes(p.courses, t.comma) or "-",
            fmt_num(p.hours),
            fmt_money(p.cost),
        ]
        for p in schedule.periods
    ]
    courses = [
        [
            names[c.period],
            c.code,
            c.title,
            fmt_num(c.hours),
            fmt_money(c.cost),
            t.join(session_text(s) for s in c.sessions) or "-",
            " ".join(c.covers) or "-",
            join_codes(c.prerequisite_of, t.comma) or "-",
        ]
        for c in ordered_courses(schedule)
    ]
    parts = [
        f"# {markdown_text(head[0])}",
        "",
        *(f"- {markdown_text(line)}" for line in head[1:]),
        "",
    ]
    parts += [f"## {markdown_text(t('sched.periods'))}", ""]
    parts += [_github(periods, _period_headers(t)), ""]
    parts += [f"## {markdown_text(t('sched.courses'))}", ""]
    parts.append(_github(courses, _course_headers(t)) if courses else t("sched.no_course"))
    notes = [n for n in note_lines(schedule, t) if courses or n != t("sched.no_course")]
    if notes:
        parts += ["", *(f"- {markdown_text(n)}" for n in notes)]
    return "\n".join(parts) + "\n"


def _github(rows: Sequence[Sequence[str]], headers: list[str]) -> str:
    return tabulate(rows, headers, tablefmt="github", disable_numparse=True)


# --------------------------------------------------------------------------- XLSX


def render_xlsx(schedule: Schedule, lang: str = "en") -> bytes:
    """A workbook: summary, periods and courses sheets (numbers as numbers, dates as
    dates), each table with a filter, frozen panes and a landscape fit-to-width print."""
    t = Text(lang)
    book = new_workbook()
    summary = book.active
    summary.title = t("sched.summary")
    for line in [*heading_lines(schedule, t), *note_lines(schedule, t)]:
        summary.append([line])
    summary.column_dimensions["A"].width = 100
    names = {p.number: period_name(p, t) for p in schedule.periods}
    periods = [
        [names[p.number], p.start, p.end, " ".join(p.courses), p.hours, p.cost]
        for p in schedule.periods
    ]
    add_table_sheet(book, t("sched.periods"), _period_headers(t), periods, "tttthm")
    courses = [
        [
            names[c.period],
            c.code,
            c.title,
            c.hours,
            None if c.cost is None else clean_number(c.cost),
            t.join(session_text(s) for s in c.sessions),
            " ".join(c.covers),
            " ".join(c.prerequisite_of),
        ]
        for c in ordered_courses(schedule)
    ]
    add_table_sheet(book, t("sched.courses"), _course_headers(t), courses, "ttthmttt")
    return workbook_bytes(book)
