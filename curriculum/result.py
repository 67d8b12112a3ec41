"""Results: what the solver returns and the explained plan the reports render.

Nothing here depends on ortools, and nothing run-dependent (timings, dates) is
kept, so that the same inputs render to byte-identical reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["optimal", "feasible"]


@dataclass(frozen=True)
class CoverSolution:
    """The columns chosen for a :class:`~curriculum.problem.CoverProblem`.

    ``status`` is ``"optimal"`` when the first objective's optimum is proven and
    ``lower_bound`` the proven bound on it; ``ties_proven`` says whether the later
    objectives and the tie-break were completed, which makes the plan unique.
    """

    chosen: tuple[int, ...]
    value: tuple[int, ...]
    status: Status
    lower_bound: int
    ties_proven: bool = True

    @property
    def optimality_gap(self) -> float:
        """Relative gap between the plan and the bound on the first objective."""
        best = self.value[0] if self.value else 0
        return 0.0 if best == 0 else round((best - self.lower_bound) / best, 6)


@dataclass(frozen=True)
class PlannedCourse:
    """A chosen course with the required items it covers."""

    code: str
    title: str
    hours: float
    cost: float | None
    level: int | float | None
    covers: tuple[str, ...]
    provider: str | None = None


@dataclass(frozen=True)
class Plan:
    """An explained course plan for one requirement."""

    standard: str
    standard_name: str
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    required: dict[str, int | float | None]
    item_names: dict[str, str]
    held: tuple[str, ...]
    status: Status
    courses: tuple[PlannedCourse, ...]
    mapping: dict[str, tuple[str, ...]]
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    lower_bound_hours: float
    optimality_gap: float
    currency: str = "TWD"
    ignore_levels: bool = False
    attitudes: bool = False
    excluded: tuple[str, ...] = ()
    required_courses: tuple[str, ...] = ()
    level_offers: dict[str, tuple[tuple[str, int | float], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        covered = {i for c in self.courses for i in c.covers}
        uncovered = set(self.gaps) | set(self.level_gaps)
        if covered & uncovered:
            raise ValueError("an item is both covered and a gap")
        if covered | uncovered != set(self.required):
            raise ValueError("every required item must be covered or a gap")

    @property
    def total_hours(self) -> float:
        """Sum of the chosen courses' hours."""
        return _clean(sum(c.hours for c in self.courses))

    @property
    def total_cost(self) -> float:
        """Sum of the chosen courses' known costs."""
        return _clean(sum(c.cost or 0 for c in self.courses))

    @property
    def unpriced(self) -> tuple[str, ...]:
        """Chosen courses that give no cost."""
        return tuple(c.code for c in self.courses if c.cost is None)

    @property
    def unlevelled(self) -> tuple[str, ...]:
        """Chosen courses without a level, counted at every level."""
        return tuple(c.code for c in self.courses if c.level is None)

    @property
    def is_optimal(self) -> bool:
        """Whether the least total hours is proven."""
        return self.status == "optimal"

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``curriculum plan --format json``."""
        return {
            "standard": self.standard,
            "targets": list(self.targets),
            "status": self.status,
            "total_hours": self.total_hours,
            "total_cost": self.total_cost,
            "currency": self.currency,
            "lower_bound": self.lower_bound_hours,
            "optimality_gap": self.optimality_gap,
            "courses": [
                {
                    "code": c.code,
                    "title": c.title,
                    "hours": _clean(c.hours),
                    "cost": None if c.cost is None else _clean(c.cost),
                    "level": c.level,
                    "covers": sorted(c.covers),
                }
                for c in self.courses
            ],
            "mapping": {item: list(codes) for item, codes in self.mapping.items()},
            "gaps": list(self.gaps),
            "level_gaps": list(self.level_gaps),
            "level_gap_offers": {
                item: [{"course": code, "level": level} for code, level in offers]
                for item, offers in self.level_offers.items()
            },
            "required": dict(self.required),
            "held": list(self.held),
            "tasks": list(self.tasks),
            "unlevelled_courses": list(self.unlevelled),
            "unpriced_courses": list(self.unpriced),
            "ignore_levels": self.ignore_levels,
            "excluded": list(self.excluded),
            "required_courses": list(self.required_courses),
        }


def _clean(value: float) -> float:
    """Round away float noise; whole numbers print as integers in JSON."""
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value  # type: ignore[return-value]
