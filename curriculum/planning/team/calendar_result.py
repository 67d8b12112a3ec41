"""The calendar of a team plan (``curriculum team --schedule``): sessions in periods
and each member's courses per period.

Part of the team plan's JSON (``calendar``, present only with ``--schedule``);
schema ``docs/schema/team.schema.json``. Nothing run-dependent is kept.
"""

from __future__ import annotations

from datetime import date

from pydantic.dataclasses import dataclass

from curriculum.output import CONFIG, Number, Output
from curriculum.solve.problem import Status


@dataclass(frozen=True, config=CONFIG)
class CalendarPeriod(Output):
    """A period of the calendar: its number (from 1), label and dates when known."""

    number: int
    label: str
    start: date | None
    end: date | None


@dataclass(frozen=True, config=CONFIG)
class PlacedSession(Output):
    """One session of a course (numbered from 1 per course), its period and participants."""

    course: str
    session: int
    period: int
    participants: tuple[str, ...]


@dataclass(frozen=True, config=CONFIG)
class MemberPeriod(Output):
    """The courses one member takes in one period, and their hours."""

    period: int
    label: str
    courses: tuple[str, ...]
    hours: Number


@dataclass(frozen=True, config=CONFIG)
class MemberCalendar(Output):
    """One member's calendar: the periods in which they take courses, in order."""

    id: str
    periods: tuple[MemberPeriod, ...]


@dataclass(frozen=True, config=CONFIG)
class TeamCalendar(Output):
    """The team plan's sessions placed in periods.

    ``status`` is ``"optimal"`` when the fewest periods (the last period used as
    early as possible) and the placement tie-breaks are proven; ``periods_used``
    is that last period; ``periods`` the calendar's periods up to it.
    """

    status: Status
    ties_proven: bool
    periods_used: int
    max_hours_per_period: Number | None
    periods: tuple[CalendarPeriod, ...]
    sessions: tuple[PlacedSession, ...]
    members: tuple[MemberCalendar, ...]
