"""Periods of a training calendar, when courses are offered, and dated sessions.

A course's ``offered`` lists period labels:

- a number ``3``: the third period of the schedule (terms, however long);
- ``2027-Q1`` a quarter, ``2027-S2`` a semester (half year), ``2027-03`` a month;
- ``Q1`` … ``Q4``, ``S1``/``S2``, ``M01`` … ``M12``: that part of every year.

A schedule's periods are numbered (``Calendar.numbered(6)``) or dated
(``Calendar.dated("2027-01", "quarter", 8)``). A course may run in a period when
one of its labels matches it: numbers match the period of that number; dated and
yearly labels match a dated period whose dates overlap theirs. Nothing here reads
a file or knows the solver.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, Protocol

from curriculum.errors import KeyedValueError

PeriodKind = Literal["month", "quarter", "semester"]
MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "semester": 6}
DEFAULT_PERIODS = 8
"""Periods of a schedule or team calendar when none are asked for."""
MAX_PERIODS = 240
"""The most periods a schedule may have (20 years of months)."""

_DATED = r"^(\d{4})-?(?:(Q)([1-4])|(S|H)([12])|(\d{2}))$"
_YEARLY = r"^(?:(Q)([1-4])|(S|H)([12])|M(\d{2}))$"
# Patterns as text: ``re`` compiles and caches them on first use, not at import.


def normalize_label(value: Any) -> Any:
    """A period label in its one spelling (``2027q1`` -> ``2027-Q1``, ``H2`` -> ``S2``,
    ``3`` -> ``3``), or a ``ValueError`` naming what is accepted."""
    if isinstance(value, bool):
        raise KeyedValueError("period.bool")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().upper()
    else:
        return value
    if text.isdigit():
        number = int(text)
        if not 1 <= number <= MAX_PERIODS:
            raise KeyedValueError("period.range", label=text, most=MAX_PERIODS)
        return str(number)
    if match := re.match(_DATED, text):
        year, q, qn, s, sn, month = match.groups()
        if q:
            return f"{year}-Q{qn}"
        if s:
            return f"{year}-S{sn}"
        if not 1 <= int(month) <= 12:
            raise KeyedValueError("period.month", label=repr(value), month=month)
        return f"{year}-{month}"
    if match := re.match(_YEARLY, text):
        q, qn, s, sn, month = match.groups()
        if q:
            return f"Q{qn}"
        if s:
            return f"S{sn}"
        if not 1 <= int(month) <= 12:
            raise KeyedValueError("period.month", label=repr(value), month=month)
        return f"M{month}"
    raise KeyedValueError("period.label", label=repr(value))


def _months(label: str) -> tuple[int | None, int, int] | None:
    """(year or None for yearly labels, first month, number of months) of a dated or
    yearly label; ``None`` for a numbered one."""
    if label.isdigit():
        return None
    year: int | None = None
    part = label
    if "-" in label:
        head, part = label.split("-")
        year = int(head)
    if part.startswith("Q"):
        return year, 3 * int(part[1]) - 2, 3
    if part.startswith("S"):
        return year, 6 * int(part[1]) - 5, 6
    return year, int(part.lstrip("M")), 1


class Dated(Protocol):
    """Anything with a first day, such as a course session."""

    @property
    def start(self) -> date: ...


def parse_date(value: Any) -> Any:
    """A calendar date from ``2027-03-01`` (text or a YAML date)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(unicodedata.normalize("NFKC", value).strip())
        except ValueError:
            pass
    raise KeyedValueError("period.date", value=repr(value))


@dataclass(frozen=True)
class Period:
    """One period of a schedule: its number (from 1), label and dates (``None`` when
    the periods are only numbered; ``end`` is the last day)."""

    number: int
    label: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Calendar:
    """The periods of a schedule, in order."""

    periods: tuple[Period, ...]

    @classmethod
    def numbered(cls, count: int) -> Calendar:
        """``count`` periods labelled 1, 2, …"""
        _check_count(count)
        return cls(tuple(Period(n, str(n)) for n in range(1, count + 1)))

    @classmethod
    def dated(cls, start: str, kind: PeriodKind, count: int) -> Calendar:
        """``count`` months, quarters or semesters from ``start`` (``2027-01``, or a
        label such as ``2027-Q3``: its first month).

        The first period starts in that month, whatever it is: an academic year
        from September has semesters 2024-09 to 2025-02 and 2025-03 to 2025-08.
        A period that is a calendar quarter or half year is labelled as one
        (``2027-Q1``, ``2027-S2``); any other is labelled by its first and last
        months as an ISO 8601 interval (``2024-09/2025-02``).
        """
        _check_count(count)
        label = normalize_label(start)
        span = _months(label)
        if span is None or span[0] is None:
            raise KeyedValueError("period.start", start=repr(start))
        year: int = span[0]
        month = span[1]
        step = MONTHS[kind]
        periods = []
        for n in range(1, count + 1):
            first = date(year, month, 1)
            month += step
            if month > 12:
                year, month = year + 1, month - 12
            periods.append(Period(n, _label(first, kind), first, date(year, month, 1) - _DAY))
        return cls(tuple(periods))

    @classmethod
    def of(
        cls, count: int | None = None, start: str | None = None, kind: str = "quarter"
    ) -> Calendar:
        """``count`` periods (:data:`DEFAULT_PERIODS` when ``None``): numbered, or
        dated from ``start`` in ``kind`` (month, quarter, semester) when given."""
        count = count or DEFAULT_PERIODS
        if start is None:
            return cls.numbered(count)
        if kind not in MONTHS:
            raise KeyedValueError("period.kind", kind=repr(kind))
        return cls.dated(start, kind, count)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.periods)

    @property
    def is_dated(self) -> bool:
        """Whether the periods have dates."""
        return bool(self.periods) and self.periods[0].start is not None

    def matching(self, label: str) -> list[int]:
        """The numbers of the periods a (normalised) ``offered`` label matches."""
        span = _months(label)
        if span is None:
            number = int(label)
            return [number] if number <= len(self.periods) else []
        year, first, length = span
        found = []
        for period in self.periods:
            if period.start is None or period.end is None:
                continue
            for offset in range(length):
                month = first + offset
                years = (
                    [year]
                    if year is not None
                    else list(range(period.start.year, period.end.year + 1))
                )
                if any(period.start <= date(y, month, 1) <= period.end for y in years):
                    found.append(period.number)
                    break
        return found

    def allowed(self, offered: Sequence[str] | None, sessions: Sequence[Dated] = ()) -> list[int]:
        """The numbers of the periods a course may run in: those its ``offered``
        labels match (every period when it gives none) that also hold the start of
        one of its ``sessions`` (when it has any, and the periods are dated)."""
        numbers = (
            {p.number for p in self.periods}
            if offered is None
            else {n for label in offered for n in self.matching(label)}
        )
        if sessions and self.is_dated:
            numbers &= {
                p.number
                for p in self.periods
                for s in sessions
                if p.start is not None and p.end is not None and p.start <= s.start <= p.end
            }
        return sorted(numbers)


_DAY = timedelta(days=1)


def _label(first: date, kind: PeriodKind) -> str:
    """``2027-Q1``, ``2027-S2`` or ``2027-03`` for a calendar quarter, half year or
    month; ``2024-09/2025-02`` for a quarter or semester starting in another month."""
    step = MONTHS[kind]
    if (first.month - 1) % step:
        month = first.month + step - 1
        last = date(first.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        return f"{first.year}-{first.month:02d}/{last.year}-{last.month:02d}"
    if kind == "quarter":
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    if kind == "semester":
        return f"{first.year}-S{(first.month - 1) // 6 + 1}"
    return f"{first.year}-{first.month:02d}"


def _check_count(count: int) -> None:
    if not 1 <= count <= MAX_PERIODS:
        raise KeyedValueError("period.count", most=MAX_PERIODS, count=count)
