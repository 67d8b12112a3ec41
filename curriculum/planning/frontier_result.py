"""The trade-off curve as reported: efficient points, lowest coverage first.

The JSON of a frontier is the model's dump; its schema is
``docs/schema/frontier.schema.json``.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, ClassVar, Literal

from pydantic import Field, computed_field, field_serializer
from pydantic.dataclasses import dataclass

from curriculum.numbers import fmt_money, fmt_num
from curriculum.output import CONFIG, Number, Output, Result, covered, plural
from curriculum.solve.problem import Status

Axis = Literal["hours", "cost"]


@dataclass(frozen=True, config=CONFIG)
class FrontierPoint(Output):
    """One efficient plan: what it covers, its hours and cost, and its courses.

    ``share`` is the covered share of the coverable weight (rounded to 6 places),
    filled in by the :class:`Frontier` the point belongs to. ``weight_bound`` is a
    proven upper bound on the weight coverable within the hours (or cost) limit the
    point was searched under: its own weight when ``proven``; larger, for a point
    the time limit cut short, means more may be coverable below the next row.
    """

    weight: Annotated[Number, Field(serialization_alias="covered_weight")]
    items: tuple[str, ...]
    hours: Number
    cost: Number
    courses: tuple[str, ...]
    proven: bool = True
    share: Number | None = None
    weight_bound: Number | None = None

    _json_keys: ClassVar[tuple[str, ...]] = (
        "covered_weight",
        "covered_items",
        "share",
        "hours",
        "cost",
        "courses",
        "items",
        "proven",
        "weight_bound",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def covered_items(self) -> int:
        """How many items the point covers."""
        return len(self.items)


@dataclass(frozen=True, config=CONFIG)
class Frontier(Result):
    """The trade-off curve of a requirement, lowest coverage first.

    ``weights`` is in the JSON only for a weighted curve (``null`` otherwise).
    """

    standard: str
    standard_name: Annotated[str, Field(exclude=True)]
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    by: Axis
    currency: str
    coverable: tuple[str, ...]
    coverable_weight: Number
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    points: tuple[FrontierPoint, ...]
    weighted: Annotated[bool, Field(exclude=True)] = False
    weights: dict[str, Number] = dataclasses.field(default_factory=dict)

    _json_keys: ClassVar[tuple[str, ...]] = (
        "standard",
        "targets",
        "tasks",
        "by",
        "status",
        "currency",
        "coverable",
        "coverable_weight",
        "gaps",
        "level_gaps",
        "weights",
        "points",
    )

    def __post_init__(self) -> None:
        total = self.coverable_weight
        points = tuple(
            dataclasses.replace(p, share=round(p.weight / total, 6) if total else 1.0)
            for p in self.points
        )
        object.__setattr__(self, "points", points)

    @field_serializer("weights")
    def _weights(self, weights: dict[str, float]) -> dict[str, Number] | None:
        return weights if self.weighted else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> Status:
        """``"optimal"`` when every point is proven efficient."""
        return "optimal" if all(p.proven for p in self.points) else "feasible"

    def summary(self) -> str:
        """What the curve is, its range of hours and cost, whether it is proven, its gaps."""
        targets = ", ".join(self.targets) or "whole standard"
        lines = [
            f"Frontier for {self.standard} {self.standard_name} ({targets}) by {self.by}: "
            f"{plural(len(self.points), 'efficient plan')}.",
        ]
        if self.points:
            first, last = self.points[0], self.points[-1]
            lines.append(
                f"From {fmt_num(first.hours)} to {fmt_num(last.hours)} hours, "
                f"{fmt_money(first.cost)} to {fmt_money(last.cost)} {self.currency}; "
                f"the last covers {covered(last.weight, self.coverable_weight, self.weighted)}."
            )
        lines.append(
            "Status: optimal, every point proven efficient."
            if self.status == "optimal"
            else "Status: feasible, some points not proven efficient (time limit)."
        )
        gaps = len(self.gaps) + len(self.level_gaps)
        lines.append(
            f"Gaps: {plural(gaps, 'item')} not coverable at the required level."
            if gaps
            else "Gaps: none."
        )
        return "\n".join(lines)
