"""The team plan as reported: members, courses with sessions, department totals.

The JSON of a team plan is the model's dump; its schema is
``docs/schema/team.schema.json``.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, ClassVar, Literal

from pydantic import Field, computed_field
from pydantic.dataclasses import dataclass

from curriculum.numbers import clean_number, fmt_money, fmt_num, fmt_share
from curriculum.output import CONFIG, Number, Output, Result, plural
from curriculum.planning.team.calendar_result import TeamCalendar
from curriculum.solve.problem import Status

Objective = Literal["cost", "hours"]


@dataclass(frozen=True, config=CONFIG)
class AloneFigures(Output):
    """What a member's own plan costs and takes when planned and priced alone."""

    cost: Number
    hours: Number


@dataclass(frozen=True, config=CONFIG)
class MemberPlan(Output):
    """One member's courses, hours, cost share and what stays uncovered."""

    id: str
    name: str | None
    department: str
    standard: str
    targets: tuple[str, ...]
    courses: tuple[str, ...]
    hours: Number
    cost: Number
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    budget_gaps: tuple[str, ...]
    why_left_out: dict[str, tuple[str, ...]]
    covered: int
    required: int
    alone_cost: Annotated[Number, Field(exclude=True)]
    alone_hours: Annotated[Number, Field(exclude=True)]
    course_items: Annotated[dict[str, tuple[str, ...]], Field(exclude=True)] = dataclasses.field(
        default_factory=dict
    )
    item_names: Annotated[dict[str, str], Field(exclude=True)] = dataclasses.field(
        default_factory=dict
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def alone(self) -> AloneFigures:
        """The member's own plan, priced alone."""
        return AloneFigures(self.alone_cost, self.alone_hours)


@dataclass(frozen=True, config=CONFIG)
class TeamCourse(Output):
    """A course the team runs: its sessions and participants (member ids)."""

    code: str
    title: str
    hours: Number
    sessions: int
    participants: tuple[str, ...]
    session_cost: Number | None
    cost: Annotated[Number | None, Field(serialization_alias="cost_per_head")]
    capacity: int | None
    min_participants: int | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_cost(self) -> Number:
        """Sessions times the session cost plus heads times the cost per head."""
        return clean_number(
            self.sessions * (self.session_cost or 0) + len(self.participants) * (self.cost or 0)
        )


@dataclass(frozen=True, config=CONFIG)
class DepartmentTotal(Output):
    """Totals of one department; session costs are shared pro rata by heads."""

    department: str
    members: int
    enrolments: int
    hours: Number
    cost: Number
    alone_cost: Annotated[Number, Field(serialization_alias="cost_alone")]
    covered: int = 0
    required: int = 0


@dataclass(frozen=True, config=CONFIG)
class MemberByMember(Output):
    """The member-by-member baseline: priced alone, pooled in shared sessions, hours."""

    cost_alone: Number
    cost_pooled: Number
    hours: Number
    covered: int


TEAM_KEYS = (
    "team",
    "objective",
    "status",
    "lower_bound",
    "optimality_gap",
    "ties_proven",
    "currency",
    "total_cost",
    "total_hours",
    "sessions",
    "enrolments",
    "covered",
    "required",
    "member_by_member",
    "saving",
    "max_cost",
    "max_hours",
    "members",
    "courses",
    "departments",
    "unpriced_courses",
    "calendar",
)


@dataclass(frozen=True, config=CONFIG)
class TeamPlan(Result):
    """A team plan with the member-by-member baseline it is compared with.

    ``alone_cost`` is what the member-by-member plans cost when every member is
    priced alone (cost plus session cost per course, as ``curriculum plan``
    prints it); ``pooled_cost`` is the same choices with sessions shared.
    ``status`` is ``"optimal"`` when the covered weight and the primary
    objective are proven; ``lower_bound`` is the proven bound on the primary
    objective (cost or hours) and ``optimality_gap`` its relative distance to the
    plan. (The keywords ``bound`` and ``gap`` are still accepted.) ``calendar``
    places the sessions in periods (``curriculum team --schedule``; left out of
    the JSON otherwise).
    """

    source: Annotated[str, Field(serialization_alias="team")]
    objective: Objective
    status: Status
    lower_bound: Number
    optimality_gap: Number
    ties_proven: bool
    currency: str
    members: tuple[MemberPlan, ...]
    courses: tuple[TeamCourse, ...]
    departments: tuple[DepartmentTotal, ...]
    total_cost: Number
    total_hours: Number
    alone_cost: Annotated[Number, Field(exclude=True)]
    alone_hours: Annotated[Number, Field(exclude=True)]
    pooled_cost: Annotated[Number, Field(exclude=True)]
    alone_covered: Annotated[int, Field(exclude=True)] = 0
    max_cost: Number | None = None
    max_hours: Number | None = None
    baseline_returned: Annotated[bool, Field(exclude=True)] = False
    unpriced: Annotated[tuple[str, ...], Field(serialization_alias="unpriced_courses")] = ()
    calendar: TeamCalendar | None = None

    _json_keys: ClassVar[tuple[str, ...]] = TEAM_KEYS
    _optional_keys: ClassVar[tuple[str, ...]] = ("calendar",)

    def _left_out(self) -> tuple[str, ...]:
        return () if self.calendar is not None else ("calendar",)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sessions(self) -> int:
        """Sessions run in total."""
        return sum(c.sessions for c in self.courses)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def enrolments(self) -> int:
        """Member-course enrolments in total."""
        return sum(len(c.participants) for c in self.courses)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def member_by_member(self) -> MemberByMember:
        """The baseline the team plan is compared with."""
        return MemberByMember(
            self.alone_cost, self.pooled_cost, self.alone_hours, self.alone_covered
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def covered(self) -> int:
        """Member-items the team plan covers."""
        return sum(m.covered for m in self.members)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def required(self) -> int:
        """Member-items the members require."""
        return sum(m.required for m in self.members)

    @property
    def like_for_like(self) -> bool:
        """Whether the team plan covers at least what the member-by-member plans cover."""
        return self.covered >= self.alone_covered

    @computed_field  # type: ignore[prop-decorator]
    @property
    def saving(self) -> Number | None:
        """What the team plan saves against member by member, priced alone; ``None``
        when the team plan covers less (the two are then not like for like)."""
        if not self.like_for_like:
            return None
        return clean_number(self.alone_cost - self.total_cost)

    def summary(self) -> str:
        """What the team plan is, its totals, whether it is proven optimal and its gaps."""
        what = "least total cost" if self.objective == "cost" else "least training hours"
        bound = (
            f"{fmt_money(self.lower_bound)} {self.currency}"
            if self.objective == "cost"
            else f"{fmt_num(self.lower_bound)} h"
        )
        uncovered = sum(len(m.gaps) + len(m.level_gaps) + len(m.budget_gaps) for m in self.members)
        short = sum(1 for m in self.members if m.gaps or m.level_gaps or m.budget_gaps)
        return "\n".join(
            [
                f"Team plan for {self.source}: {plural(len(self.members), 'member')}, "
                f"{plural(len(self.courses), 'course')} in {plural(self.sessions, 'session')}, "
                f"{fmt_money(self.total_cost)} {self.currency}, "
                f"{fmt_num(self.total_hours)} training hours.",
                f"Member by member: {fmt_money(self.alone_cost)} {self.currency}; "
                + (
                    f"saving {fmt_money(self.saving)} {self.currency}."
                    if self.saving is not None
                    else "no saving shown: it covers more than the team plan."
                ),
                f"Status: optimal, {what} proven."
                if self.status == "optimal"
                else f"Status: feasible, optimality not proven (lower bound {bound}, "
                f"gap {self.optimality_gap:.1%}).",
                "Gaps: none."
                if not uncovered
                else f"Gaps: {plural(uncovered, 'item')} left uncovered "
                f"for {plural(short, 'member')}.",
                f"Covered: {self.covered} of {self.required} member-items "
                f"({fmt_share(self.covered, self.required)}).",
            ]
        )
