"""The trade-off curve as reported: efficient points, lowest coverage first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from curriculum.numbers import clean_number

Axis = Literal["hours", "cost"]


@dataclass(frozen=True)
class FrontierPoint:
    """One efficient plan: what it covers, its hours and cost, and its courses."""

    weight: float
    items: tuple[str, ...]
    hours: float
    cost: float
    courses: tuple[str, ...]
    proven: bool = True


@dataclass(frozen=True)
class Frontier:
    """The trade-off curve of a requirement, lowest coverage first."""

    standard: str
    standard_name: str
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    by: Axis
    currency: str
    coverable: tuple[str, ...]
    coverable_weight: float
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    points: tuple[FrontierPoint, ...]
    weighted: bool = False
    weights: dict[str, float] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """``"optimal"`` when every point is proven efficient."""
        return "optimal" if all(p.proven for p in self.points) else "feasible"

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``curriculum frontier --format json``."""
        return {
            "standard": self.standard,
            "targets": list(self.targets),
            "tasks": list(self.tasks),
            "by": self.by,
            "status": self.status,
            "currency": self.currency,
            "coverable": list(self.coverable),
            "coverable_weight": clean_number(self.coverable_weight),
            "gaps": list(self.gaps),
            "level_gaps": list(self.level_gaps),
            "weights": {k: clean_number(v) for k, v in self.weights.items()}
            if self.weighted
            else None,
            "points": [
                {
                    "covered_weight": clean_number(p.weight),
                    "covered_items": len(p.items),
                    "share": round(p.weight / self.coverable_weight, 6)
                    if self.coverable_weight
                    else 1.0,
                    "hours": clean_number(p.hours),
                    "cost": clean_number(p.cost),
                    "courses": list(p.courses),
                    "items": list(p.items),
                    "proven": p.proven,
                }
                for p in self.points
            ],
        }
