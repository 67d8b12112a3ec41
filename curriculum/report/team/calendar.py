"""The team calendar (``curriculum team --schedule``) in the team reports: each
member's courses per period, and the sessions' periods and participants.

Rows for the text tables, the CSV sections and the XLSX sheets; the team
renderers (:mod:`curriculum.report.team.render`, :mod:`curriculum.report.team.xlsx`)
add them when the plan has a calendar.
"""

from __future__ import annotations

from typing import Any

from curriculum.i18n import Text
from curriculum.numbers import fmt_num
from curriculum.planning.team.calendar_result import TeamCalendar

CSV_CALENDAR_SECTIONS = {
    "calendar": ["member", "period", "label", "courses", "hours"],
    "calendar_sessions": ["course", "session", "period", "label", "participants"],
}
"""The CSV sections of a calendar: one row per member and period, one per session."""


def calendar_summary(calendar: TeamCalendar, t: Text) -> str:
    """One line: how many periods the calendar uses and whether that is proven."""
    key = "team.cal.optimal" if calendar.status == "optimal" else "team.cal.feasible"
    last = calendar.periods[-1].label if calendar.periods else "-"
    line = t(key, n=calendar.periods_used, last=last)
    if calendar.max_hours_per_period is not None:
        line += t.sep + t("team.cal.cap", hours=fmt_num(calendar.max_hours_per_period))
    return line


def _labels(calendar: TeamCalendar) -> dict[int, str]:
    return {p.number: p.label for p in calendar.periods}


def member_rows(calendar: TeamCalendar) -> list[list[Any]]:
    """One row per member and period with courses: id, period label, courses, hours."""
    return [
        [m.id, p.label, " ".join(p.courses), p.hours] for m in calendar.members for p in m.periods
    ]


def member_headers(t: Text) -> list[str]:
    """Headers of :func:`member_rows`."""
    return [t("team.col.id"), t("team.cal.period"), t("team.col.courses"), t("col.hours")]


def session_rows(calendar: TeamCalendar) -> list[list[Any]]:
    """One row per session: course, session number, period label, participants."""
    labels = _labels(calendar)
    return [
        [s.course, s.session, labels.get(s.period, str(s.period)), " ".join(s.participants)]
        for s in calendar.sessions
    ]


def session_headers(t: Text) -> list[str]:
    """Headers of :func:`session_rows`."""
    return [
        t("col.code"),
        t("team.cal.session"),
        t("team.cal.period"),
        t("team.col.participants"),
    ]


def csv_sections(calendar: TeamCalendar) -> dict[str, list[list[str]]]:
    """The calendar's CSV sections (see :data:`CSV_CALENDAR_SECTIONS`)."""
    labels = _labels(calendar)
    return {
        "calendar": [
            [m.id, str(p.period), p.label, ";".join(p.courses), fmt_num(p.hours)]
            for m in calendar.members
            for p in m.periods
        ],
        "calendar_sessions": [
            [s.course, str(s.session), str(s.period), labels[s.period], ";".join(s.participants)]
            for s in calendar.sessions
        ],
    }


def add_calendar_sheets(book: Any, calendar: TeamCalendar, t: Text) -> None:
    """The calendar's two sheets: members by period, and sessions."""
    from curriculum.report.xlsx_tables import add_table_sheet

    add_table_sheet(book, t("team.cal.title"), member_headers(t), member_rows(calendar), "ttth")
    add_table_sheet(
        book, t("team.cal.sessions"), session_headers(t), session_rows(calendar), "tctt"
    )
