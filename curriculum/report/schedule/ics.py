"""A schedule as an iCalendar file (RFC 5545), for Outlook, Google Calendar and the like.

One ``VEVENT`` per dated session of a course; a course without sessions gets one
all-day event spanning its period (``DTEND`` is exclusive: the day after the last).
A schedule of numbered periods has no dates and makes no calendar.

The output depends on the schedule only, so that the same schedule gives the same
bytes and a calendar that imports the file again updates its events instead of
doubling them:

- each ``UID`` is a hash of the standard, the course code, the period label and
  the event's dates, at the fixed domain :data:`UID_DOMAIN`;
- ``DTSTAMP`` (required: when the event was created) is the first period's start at
  ``00:00:00Z``, not the time of the run (see :func:`stamp`).

Lines end with CRLF and are folded at 75 octets without splitting a UTF-8
character; TEXT values escape ``\\``, ``;``, ``,`` and line breaks. Titles are kept as
written (a calendar runs no formula); control characters are removed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date, timedelta

from curriculum.errors import UsageError
from curriculum.i18n import Text
from curriculum.numbers import fmt_num
from curriculum.planning.schedule_result import Schedule, ScheduledCourse, SchedulePeriod
from curriculum.report.schedule.tables import ordered_courses, period_name, title_line

PRODID = "-//curriculum//schedule//EN"
UID_DOMAIN = "curriculum.invalid"
"""The domain of every UID: reserved (RFC 2606), so it never clashes with a real one."""

LINE_OCTETS = 75
"""The longest content line, in octets without the CRLF (RFC 5545 section 3.1)."""

NO_DATES = (
    "--format ics needs dated periods: give --start YYYY-MM (and --period month, quarter "
    "or semester) instead of numbered periods"
)

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DAY = timedelta(days=1)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 section 3.3.11): ``\\ ; ,`` escaped, line breaks as
    ``\\n``, other control characters removed."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def one_line(text: str) -> str:
    """``text`` on one line (a title: line breaks and runs of spaces as one space)."""
    return " ".join(text.split())


def fold(line: str) -> str:
    """``line`` folded into parts of at most 75 octets joined by CRLF + space; a
    multi-byte UTF-8 character is never split."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _ical_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def uid(schedule: Schedule, course: ScheduledCourse, label: str, start: date, end: date) -> str:
    """A UID that depends on what the event is, never on when it was written."""
    key = "\x1f".join(
        [schedule.standard or "", course.code, label, start.isoformat(), end.isoformat()]
    )
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def stamp(schedule: Schedule) -> str:
    """``DTSTAMP`` for every event: the first period's start at midnight UTC.

    RFC 5545 asks for the time the object was created. The time of the run would
    make two runs on the same schedule differ byte for byte and, worse, let a
    calendar take an unchanged event for a newer version; a date taken from the
    schedule itself keeps the file reproducible and re-imports idempotent.
    """
    first = schedule.periods[0].start
    assert first is not None
    return f"{_ical_date(first)}T000000Z"


def _description(schedule: Schedule, course: ScheduledCourse, period: str, t: Text) -> list[str]:
    lines = [
        t("sched.ics.period", period=period),
        t("sched.ics.hours", hours=fmt_num(course.hours)),
    ]
    if course.cost is not None:
        lines.append(t("sched.ics.cost", cost=t.money(course.cost, schedule.currency)))
    if course.covers:
        lines.append(t("sched.ics.covers", items=t.join(course.covers)))
    if course.prerequisite_of:
        lines.append(t("sched.ics.prerequisite_of", codes=t.join(course.prerequisite_of)))
    if schedule.standard:
        lines.append(t("sched.ics.standard", code=schedule.standard))
    return lines


def _event(
    schedule: Schedule,
    course: ScheduledCourse,
    period: SchedulePeriod,
    span: tuple[date, date],
    description: list[str],
    busy: bool,
) -> list[str]:
    start, end = span
    return [
        "BEGIN:VEVENT",
        f"UID:{uid(schedule, course, period.label, start, end)}",
        f"DTSTAMP:{stamp(schedule)}",
        f"DTSTART;VALUE=DATE:{_ical_date(start)}",
        f"DTEND;VALUE=DATE:{_ical_date(end + _DAY)}",
        f"SUMMARY:{escape_text(one_line(f'{course.code} {course.title}'))}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"CATEGORIES:{escape_text(period.label)}",
        f"TRANSP:{'OPAQUE' if busy else 'TRANSPARENT'}",
        "END:VEVENT",
    ]


def _events(schedule: Schedule, t: Text) -> Iterator[list[str]]:
    periods = {p.number: p for p in schedule.periods}
    for course in ordered_courses(schedule):
        period = periods[course.period]
        name = period_name(period, t)
        base = _description(schedule, course, name, t)
        if not course.sessions:
            assert period.start is not None and period.end is not None
            yield _event(schedule, course, period, (period.start, period.end), base, False)
            continue
        n = len(course.sessions)
        for k, session in enumerate(course.sessions, start=1):
            lines = list(base)
            if n > 1:
                lines.insert(
                    1,
                    t(
                        "sched.ics.session",
                        k=k,
                        n=n,
                        start=session.start.isoformat(),
                        end=session.end.isoformat(),
                    ),
                )
            yield _event(schedule, course, period, (session.start, session.end), lines, True)


def render_ics(schedule: Schedule, lang: str = "en") -> str:
    """The schedule as iCalendar text (CRLF lines, folded, UTF-8).

    Raises
    ------
    UsageError
        When the periods have no dates (a schedule of numbered periods).
    """
    if not schedule.periods or any(p.start is None or p.end is None for p in schedule.periods):
        raise UsageError(NO_DATES)
    t = Text(lang)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(title_line(schedule, t))}",
    ]
    for event in _events(schedule, t):
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
