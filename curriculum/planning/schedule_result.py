"""The result of ``curriculum schedule``: a plan ordered into periods.

Shared by the solver side (:mod:`curriculum.planning.schedule`) and the
renderers (table, JSON, CSV, XLSX, markdown, iCalendar, chart). Nothing
run-dependent is kept. JSON: ``periods`` is a list in order, each with its
``courses`` codes, hours and cost; schema ``docs/schema/schedule.schema.json``.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field, computed_field
from pydantic.dataclasses import dataclass

from curriculum.numbers import clean_number, fmt_money, fmt_num
from curriculum.output import CONFIG, Number, Output, Result, plural
from curriculum.solve.problem import Status

ScheduleObjective = Literal["hours", "balance"]


@dataclass(frozen=True, config=CONFIG)
class SessionDates(Output):
    """A dated session of a scheduled course (first and last day, inclusive)."""

    start: date
    end: date


@dataclass(frozen=True, config=CONFIG)
class ScheduledCourse(Output):
    """A course of the schedule, the period it is taken in and why it is there.

    ``covers`` are the required items it covers; ``prerequisite_of`` the courses of
    the schedule that need it first (a course taken only for that covers nothing);
    ``sessions`` the dated sessions it runs in inside its period (empty when the
    catalogue gives no dates).
    """

    code: str
    title: str
    period: int
    hours: Number
    cost: Number | None
    covers: tuple[str, ...] = ()
    prerequisite_of: tuple[str, ...] = ()
    sessions: tuple[SessionDates, ...] = ()
    provider: Annotated[str | None, Field(exclude=True)] = None


@dataclass(frozen=True, config=CONFIG)
class SchedulePeriod(Output):
    """One period: its number (from 1), label, dates when known, and its courses."""

    number: int
    label: str
    start: date | None
    end: date | None
    courses: tuple[str, ...]
    hours: Number
    cost: Number | None
    """``None`` when no scheduled course gives a price (an unpriced catalogue)."""


@dataclass(frozen=True, config=CONFIG)
class ScheduleLimits(Output):
    """The per-period bounds the schedule was asked to respect (``None``: no bound)."""

    max_hours: Number | None = None
    min_hours: Number | None = None
    max_cost: Number | None = None
    min_courses: int | None = None
    max_courses: int | None = None

    def __post_init__(self) -> None:
        """Refuse the bounds the command line's options refuse (a
        :class:`~curriculum.errors.UsageError`): negative or endless amounts, counts
        below 0 (``max_courses`` below 1)."""
        from curriculum.arguments import check_amount, check_count

        check_amount(self.max_hours, "max_hours")
        check_amount(self.min_hours, "min_hours")
        check_amount(self.max_cost, "max_cost", cost=True)
        if self.min_courses is not None:
            check_count(self.min_courses, "min_courses")
        if self.max_courses is not None:
            check_count(self.max_courses, "max_courses", minimum=1)


SCHEDULE_KEYS = (
    "standard",
    "targets",
    "all_courses",
    "objective",
    "status",
    "ties_proven",
    "total_hours",
    "total_cost",
    "currency",
    "periods_used",
    "heaviest_period_hours",
    "lower_bound",
    "optimality_gap",
    "periods",
    "courses",
    "gaps",
    "level_gaps",
    "limits",
)


@dataclass(frozen=True, config=CONFIG)
class Schedule(Result):
    """A plan ordered into periods.

    ``objective`` is ``hours`` (least hours, then fewest periods, then least cost,
    then the plan's tie-breaks) or ``balance`` (the heaviest period's hours first).
    ``status`` is ``optimal`` when the first objective is proven; ``lower_bound``
    is the proven bound on it (hours, or the heaviest period's hours with
    ``balance``), ``None`` when none is known; ``ties_proven`` says whether every
    later objective was proven too. ``periods`` lists every period of the calendar
    in order, empty ones included. ``all_courses``: every course of the catalogues
    was scheduled as a fixed curriculum (``--courses all``), not a plan.
    """

    standard: str | None
    standard_name: Annotated[str | None, Field(exclude=True)]
    targets: tuple[str, ...]
    objective: ScheduleObjective
    status: Status
    periods: tuple[SchedulePeriod, ...]
    courses: tuple[ScheduledCourse, ...]
    gaps: tuple[str, ...] = ()
    level_gaps: tuple[str, ...] = ()
    lower_bound: Number | None = None
    optimality_gap: Number | None = None
    ties_proven: bool = True
    currency: str = "TWD"
    limits: ScheduleLimits = dataclasses.field(default_factory=ScheduleLimits)
    all_courses: bool = False

    _json_keys: ClassVar[tuple[str, ...]] = SCHEDULE_KEYS

    def __post_init__(self) -> None:
        numbers = [p.number for p in self.periods]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("periods must be numbered 1, 2, ... in order")
        placed = {c.code: c.period for c in self.courses}
        listed = {code: p.number for p in self.periods for code in p.courses}
        if placed != listed:
            raise ValueError("each course must be listed in the period it is placed in")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_hours(self) -> Number:
        """Sum of the scheduled courses' hours."""
        return clean_number(sum(c.hours for c in self.courses))

    def _cost_text(self) -> str:
        if self.total_cost is None:
            return "no price given"
        return f"{fmt_money(self.total_cost)} {self.currency}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_cost(self) -> Number | None:
        """Sum of the scheduled courses' known costs; ``None`` when none gives a price."""
        if self.courses and all(c.cost is None for c in self.courses):
            return None
        return clean_number(sum(c.cost or 0 for c in self.courses))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def periods_used(self) -> int:
        """The number of the last period holding a course (0 for an empty schedule)."""
        return max((c.period for c in self.courses), default=0)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def heaviest_period_hours(self) -> Number:
        """The most hours any one period holds."""
        return clean_number(max((p.hours for p in self.periods), default=0))

    @property
    def is_optimal(self) -> bool:
        """Whether the first objective is proven optimal."""
        return self.status == "optimal"

    def summary(self) -> str:
        """What the schedule is, its totals and whether it is proven."""
        head = f"Schedule for {self.standard}" if self.standard else "Schedule"
        lines = [
            f"{head}: {plural(len(self.courses), 'course')} in "
            f"{plural(self.periods_used, 'period')}, {fmt_num(self.total_hours)} hours, "
            f"{self._cost_text()}; heaviest period "
            f"{fmt_num(self.heaviest_period_hours)} h.",
            "Status: optimal, proven."
            if self.is_optimal
            else "Status: feasible, optimality not proven"
            + (f" (lower bound {fmt_num(self.lower_bound)} h)." if self.lower_bound else "."),
        ]
        if self.gaps:
            lines.append(f"Gaps: {plural(len(self.gaps), 'item')} no course covers.")
        if self.level_gaps:
            lines.append(
                f"Level gaps: {plural(len(self.level_gaps), 'item')} covered only below "
                "the required level."
            )
        return "\n".join(lines)
