"""Results: what the solver returns and the explained plan the reports render.

Nothing here depends on ortools, and nothing run-dependent (timings, dates) is
kept, so that the same inputs render to byte-identical reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from curriculum.numbers import clean_number
from curriculum.solve.problem import Status


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
class Budget:
    """What a budgeted plan was asked for and how much of the requirement it buys.

    Weights are per required, coverable item; ``weight_bound`` is the proven upper
    bound on the weight any plan within the budget covers (equal to
    ``covered_weight`` when the plan is optimal). ``fits_unbudgeted`` says whether
    the plan without a budget already fits, in which case it is that plan.
    """

    max_hours: float | None
    max_cost: float | None
    covered_weight: float
    coverable_weight: float
    weight_bound: float
    weights: dict[str, float] = field(default_factory=dict)
    fits_unbudgeted: bool = False


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
    budget_gaps: tuple[str, ...] = ()
    budget: Budget | None = None
    ties_proven: bool = True

    def __post_init__(self) -> None:
        covered = {i for c in self.courses for i in c.covers}
        uncovered = set(self.gaps) | set(self.level_gaps) | set(self.budget_gaps)
        if covered & uncovered:
            raise ValueError("an item is both covered and a gap")
        if covered | uncovered != set(self.required):
            raise ValueError("every required item must be covered or a gap")

    @property
    def total_hours(self) -> float:
        """Sum of the chosen courses' hours."""
        return clean_number(sum(c.hours for c in self.courses))

    @property
    def total_cost(self) -> float:
        """Sum of the chosen courses' known costs."""
        return clean_number(sum(c.cost or 0 for c in self.courses))

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
                    "hours": clean_number(c.hours),
                    "cost": None if c.cost is None else clean_number(c.cost),
                    "level": c.level,
                    "covers": sorted(c.covers),
                }
                for c in self.courses
            ],
            "mapping": {item: list(codes) for item, codes in self.mapping.items()},
            "gaps": list(self.gaps),
            "level_gaps": list(self.level_gaps),
            "ties_proven": self.ties_proven,
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
            **({} if self.budget is None else self._budget_dict()),
        }

    def _budget_dict(self) -> dict[str, Any]:
        """The budget keys, added to the JSON contract only when a budget is given."""
        assert self.budget is not None
        b = self.budget
        return {
            "budget_gaps": list(self.budget_gaps),
            "budget": {
                "max_hours": b.max_hours,
                "max_cost": b.max_cost,
                "covered_weight": clean_number(b.covered_weight),
                "coverable_weight": clean_number(b.coverable_weight),
                "weight_bound": clean_number(b.weight_bound),
                "weights": {k: clean_number(v) for k, v in b.weights.items()},
                "fits_unbudgeted": b.fits_unbudgeted,
            },
        }
