"""The team plan as reported: members, courses with sessions, department totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from curriculum.numbers import clean_number

Objective = Literal["cost", "hours"]


@dataclass(frozen=True)
class MemberPlan:
    """One member's courses, hours, cost share and what stays uncovered."""

    id: str
    name: str | None
    department: str
    standard: str
    targets: tuple[str, ...]
    courses: tuple[str, ...]
    hours: float
    cost: float
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    budget_gaps: tuple[str, ...]
    alone_cost: float
    alone_hours: float


@dataclass(frozen=True)
class TeamCourse:
    """A course the team runs: its sessions and participants (member ids)."""

    code: str
    title: str
    hours: float
    sessions: int
    participants: tuple[str, ...]
    session_cost: float | None
    cost: float | None
    capacity: int | None
    min_participants: int | None

    @property
    def total_cost(self) -> float:
        """Sessions times the session cost plus heads times the cost per head."""
        return clean_number(
            self.sessions * (self.session_cost or 0) + len(self.participants) * (self.cost or 0)
        )


@dataclass(frozen=True)
class DepartmentTotal:
    """Totals of one department; session costs are shared pro rata by heads."""

    department: str
    members: int
    enrolments: int
    hours: float
    cost: float
    alone_cost: float


@dataclass(frozen=True)
class TeamPlan:
    """A team plan with the member-by-member baseline it is compared with.

    ``alone_cost`` is what the member-by-member plans cost when every member is
    priced alone (cost plus session cost per course, as ``curriculum plan``
    prints it); ``pooled_cost`` is the same choices with sessions shared.
    ``status`` is ``"optimal"`` when the covered weight and the primary
    objective are proven; ``bound`` is the proven bound on the primary objective
    (cost or hours) and ``gap`` its relative distance to the plan.
    """

    source: str
    objective: Objective
    status: str
    bound: float
    gap: float
    ties_proven: bool
    currency: str
    members: tuple[MemberPlan, ...]
    courses: tuple[TeamCourse, ...]
    departments: tuple[DepartmentTotal, ...]
    total_cost: float
    total_hours: float
    alone_cost: float
    alone_hours: float
    pooled_cost: float
    max_cost: float | None = None
    max_hours: float | None = None
    baseline_returned: bool = False
    unpriced: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sessions(self) -> int:
        """Sessions run in total."""
        return sum(c.sessions for c in self.courses)

    @property
    def enrolments(self) -> int:
        """Member-course enrolments in total."""
        return sum(len(c.participants) for c in self.courses)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``curriculum team --format json``."""
        return {
            "team": self.source,
            "objective": self.objective,
            "status": self.status,
            "bound": self.bound,
            "gap": self.gap,
            "ties_proven": self.ties_proven,
            "currency": self.currency,
            "total_cost": self.total_cost,
            "total_hours": self.total_hours,
            "sessions": self.sessions,
            "enrolments": self.enrolments,
            "member_by_member": {
                "cost_alone": self.alone_cost,
                "cost_pooled": self.pooled_cost,
                "hours": self.alone_hours,
            },
            "saving": clean_number(self.alone_cost - self.total_cost),
            "max_cost": self.max_cost,
            "max_hours": self.max_hours,
            "members": [
                {
                    "id": m.id,
                    "name": m.name,
                    "department": m.department,
                    "standard": m.standard,
                    "targets": list(m.targets),
                    "courses": list(m.courses),
                    "hours": m.hours,
                    "cost": m.cost,
                    "gaps": list(m.gaps),
                    "level_gaps": list(m.level_gaps),
                    "budget_gaps": list(m.budget_gaps),
                    "alone": {"cost": m.alone_cost, "hours": m.alone_hours},
                }
                for m in self.members
            ],
            "courses": [
                {
                    "code": c.code,
                    "title": c.title,
                    "hours": c.hours,
                    "sessions": c.sessions,
                    "participants": list(c.participants),
                    "session_cost": c.session_cost,
                    "cost_per_head": c.cost,
                    "capacity": c.capacity,
                    "min_participants": c.min_participants,
                    "total_cost": c.total_cost,
                }
                for c in self.courses
            ],
            "departments": [
                {
                    "department": d.department,
                    "members": d.members,
                    "enrolments": d.enrolments,
                    "hours": d.hours,
                    "cost": d.cost,
                    "cost_alone": d.alone_cost,
                }
                for d in self.departments
            ],
            "unpriced_courses": list(self.unpriced),
        }
