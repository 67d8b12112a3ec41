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
    """What a member's own plan costs and takes: priced alone (``cost``, a whole
    session per course, as ``curriculum plan`` prices it), and as their part of the
    baseline, everyone's own plans with sessions shared (``cost_pooled``)."""

    cost: Number
    hours: Number
    cost_pooled: Number


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
    pooled_cost: Annotated[Number, Field(exclude=True)] = 0
    course_items: Annotated[dict[str, tuple[str, ...]], Field(exclude=True)] = dataclasses.field(
        default_factory=dict
    )
    item_names: Annotated[dict[str, str], Field(exclude=True)] = dataclasses.field(
        default_factory=dict
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def alone(self) -> AloneFigures:
        """The member's own plan, priced alone and as part of the baseline."""
        return AloneFigures(self.alone_cost, self.alone_hours, self.pooled_cost)


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
    """Totals of one department; session costs are shared pro rata by heads.

    ``pooled_cost`` is the department's part of the baseline (its members' own
    plans, sessions shared with the whole team), ``alone_cost`` its members'
    plans priced alone.
    """

    department: str
    members: int
    enrolments: int
    hours: Number
    cost: Number
    alone_cost: Annotated[Number, Field(serialization_alias="cost_alone")]
    covered: int = 0
    required: int = 0
    pooled_cost: Annotated[Number, Field(serialization_alias="cost_pooled")] = 0


@dataclass(frozen=True, config=CONFIG)
class MemberByMember(Output):
    """Every member's own cheapest plan: priced alone (``cost_alone``, each booking
    whole sessions, as ``curriculum plan`` prices them) and booked together
    (``cost_pooled``, the same courses in shared sessions: the baseline the
    saving is measured against), its hours and the member-items it covers."""

    cost_alone: Number
    cost_pooled: Number
    hours: Number
    covered: int


TEAM_KEYS = (
    "team",
    "name",
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
    "saving_share",
    "saving_alone",
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

    ``pooled_cost``, the baseline, is what every member's own cheapest plan
    costs booked together, the same courses in shared sessions (what a team
    without optimisation would pay); ``alone_cost`` is the same plans priced
    alone (cost plus session cost per course, as ``curriculum plan`` prints it).
    ``name`` is the team's name for titles (``--name`` or the team file's).
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
    name: str | None = None

    _json_keys: ClassVar[tuple[str, ...]] = TEAM_KEYS
    _optional_keys: ClassVar[tuple[str, ...]] = ("calendar",)

    def _left_out(self) -> tuple[str, ...]:
        return () if self.calendar is not None else ("calendar",)

    @property
    def title(self) -> str:
        """What titles call the team: its name, else its file."""
        return self.name or self.source

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
        """What the team plan saves against the baseline (every member's own
        cheapest plan, sessions shared); ``None`` when the team plan covers less
        (the two are then not like for like)."""
        if not self.like_for_like:
            return None
        return clean_number(self.pooled_cost - self.total_cost)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def saving_share(self) -> Number | None:
        """The saving as a share of the baseline (0.177 for 17.7%), rounded to 4 places."""
        if self.saving is None or not self.pooled_cost:
            return None
        return round(self.saving / self.pooled_cost, 4)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def saving_alone(self) -> Number | None:
        """What the team plan saves against the same plans priced alone (every member
        booking whole sessions); ``None`` as for :attr:`saving`. Not a fair comparison
        for a planner: reports show the figure, never as a saving."""
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
                f"Team plan for {self.title}: {plural(len(self.members), 'member')}, "
                f"{plural(len(self.courses), 'course')} in {plural(self.sessions, 'session')}, "
                f"{fmt_money(self.total_cost)} {self.currency}, "
                f"{fmt_num(self.total_hours)} training hours.",
                f"Baseline (each member's own cheapest plan, sessions shared): "
                f"{fmt_money(self.pooled_cost)} {self.currency}; "
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
