"""The team's coverage/cost curve as reported: efficient points, cheapest first.

The JSON of a team frontier is the model's dump; its schema is
``docs/schema/team-frontier.schema.json``.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, ClassVar

from pydantic import Field, computed_field
from pydantic.dataclasses import dataclass

from curriculum.numbers import clean_number, fmt_money
from curriculum.output import CONFIG, Number, Output, Result, plural
from curriculum.solve.problem import Status


def _pairs(member_items: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    return {(m, i) for m, items in member_items.items() for i in items}


def by_item(pairs: set[tuple[str, str]], members: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Member ids per item code (items in code order, members in team order)."""
    order = {m: k for k, m in enumerate(members)}
    out: dict[str, list[str]] = {}
    for member, item in sorted(pairs, key=lambda p: (p[1], order.get(p[0], 0))):
        out.setdefault(item, []).append(member)
    return {item: tuple(ids) for item, ids in out.items()}


def step_text(
    step: float,
    currency: str,
    added: dict[str, tuple[str, ...]],
    dropped: dict[str, tuple[str, ...]],
) -> str:
    """``"+TWD 45,300: S02 for E008, E010"`` (and what the step gives up, if anything)."""
    text = f"+{currency} {fmt_money(step)}: " + "; ".join(
        f"{item} for {', '.join(ids)}" for item, ids in added.items()
    )
    if dropped:
        text += (
            " (instead of "
            + "; ".join(f"{item} for {', '.join(ids)}" for item, ids in dropped.items())
            + ")"
        )
    return text


@dataclass(frozen=True, config=CONFIG)
class TeamFrontierPoint(Output):
    """One efficient team plan: member-items covered, least cost, sessions and
    participants (``heads``) per course.

    ``covered_bound`` is a proven upper bound on the member-items coverable
    within the budget the point was searched under: ``covered`` when ``proven``.
    ``step_cost``, ``added``, ``dropped`` and ``step`` compare the point with the
    next cheaper one (filled in by the :class:`TeamFrontier`); ``added`` and
    ``dropped`` list member ids per item code.
    """

    covered: int
    cost: Number
    hours: Number
    sessions: dict[str, int]
    member_items: dict[str, tuple[str, ...]]
    proven: bool = True
    heads: dict[str, int] = dataclasses.field(default_factory=dict)
    covered_bound: int | None = None
    step_cost: Number | None = None
    added: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    dropped: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    step: str = ""

    _json_keys: ClassVar[tuple[str, ...]] = (
        "covered",
        "cost",
        "step_cost",
        "step",
        "hours",
        "courses",
        "sessions",
        "heads",
        "added",
        "dropped",
        "member_items",
        "proven",
        "covered_bound",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def courses(self) -> tuple[str, ...]:
        """The courses the point runs, in code order."""
        return tuple(self.sessions)


@dataclass(frozen=True, config=CONFIG)
class TeamFrontier(Result):
    """The team's coverage/cost curve, cheapest first (the empty plan is the first point)."""

    source: Annotated[str, Field(serialization_alias="team")]
    currency: str
    members: tuple[str, ...]
    required: int
    coverable: int
    points: tuple[TeamFrontierPoint, ...]
    name: str | None = None

    _json_keys: ClassVar[tuple[str, ...]] = (
        "team",
        "name",
        "status",
        "currency",
        "members",
        "required",
        "coverable",
        "points",
    )

    def __post_init__(self) -> None:
        points: list[TeamFrontierPoint] = []
        for point in self.points:
            if not points:
                points.append(point)
                continue
            before, now = _pairs(points[-1].member_items), _pairs(point.member_items)
            added = by_item(now - before, self.members)
            dropped = by_item(before - now, self.members)
            step = clean_number(point.cost - points[-1].cost)
            points.append(
                dataclasses.replace(
                    point,
                    step_cost=step,
                    added=added,
                    dropped=dropped,
                    step=step_text(step, self.currency, added, dropped),
                )
            )
        object.__setattr__(self, "points", tuple(points))

    @property
    def title(self) -> str:
        """What titles call the team: its name, else its file."""
        return self.name or self.source

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> Status:
        """``"optimal"`` when every point is proven efficient."""
        return "optimal" if all(p.proven for p in self.points) else "feasible"

    def summary(self) -> str:
        """What the curve is, its range of cost and coverage, whether it is proven."""
        lines = [
            f"Team frontier for {self.title}: {plural(len(self.points), 'efficient plan')}, "
            f"{plural(len(self.members), 'member')}."
        ]
        if self.points:
            last = self.points[-1]
            lines.append(
                f"Up to {last.covered} of {self.required} member-items "
                f"({self.coverable} coverable) for {fmt_money(last.cost)} {self.currency}."
            )
        lines.append(
            "Status: optimal, every point proven efficient."
            if self.status == "optimal"
            else "Status: feasible, some points not proven efficient (time limit)."
        )
        return "\n".join(lines)
