"""Results: what the solver returns and the explained plan the reports render.

Nothing here depends on ortools, and nothing run-dependent (timings, dates) is
kept, so that the same inputs render to byte-identical reports. The JSON of a
plan is the model's dump (:meth:`~curriculum.output.Output.to_dict`); its
schema is ``docs/schema/plan.schema.json``.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, computed_field, field_serializer
from pydantic.dataclasses import dataclass

from curriculum.numbers import clean_number, fmt_money, fmt_num
from curriculum.output import CONFIG, Number, Output, Result, covered, plural
from curriculum.solve.problem import Status


@dataclass(frozen=True, config=CONFIG)
class PlannedCourse(Output):
    """A chosen course with the required items it covers (listed sorted in JSON).

    ``prerequisite_of`` lists the plan's courses that need this one (a
    prerequisite or corequisite alternative they name): a course covering no
    item is in the plan for them.
    """

    code: str
    title: str
    hours: Number
    cost: Number | None
    level: Number | None
    covers: tuple[str, ...]
    provider: Annotated[str | None, Field(exclude=True)] = None
    prerequisite_of: tuple[str, ...] = ()

    @field_serializer("covers")
    def _sorted(self, covers: tuple[str, ...]) -> list[str]:
        return sorted(covers)


@dataclass(frozen=True, config=CONFIG)
class Budget(Output):
    """What a budgeted plan was asked for and how much of the requirement it buys.

    Weights are per required, coverable item; ``weight_bound`` is the proven upper
    bound on the weight any plan within the budget covers (equal to
    ``covered_weight`` when the plan is optimal). ``fits_unbudgeted`` says whether
    the plan without a budget already fits, in which case it is that plan.
    """

    max_hours: Number | None
    max_cost: Number | None
    covered_weight: Number
    coverable_weight: Number
    weight_bound: Number
    weights: dict[str, Number] = dataclasses.field(default_factory=dict)
    fits_unbudgeted: bool = False


@dataclass(frozen=True, config=CONFIG)
class LevelOffer(Output):
    """A course that claims an item, but below the level the requirement needs."""

    course: str
    level: Number


PLAN_KEYS = (
    "standard",
    "targets",
    "status",
    "total_hours",
    "total_cost",
    "currency",
    "lower_bound",
    "optimality_gap",
    "courses",
    "mapping",
    "gaps",
    "level_gaps",
    "ties_proven",
    "level_gap_offers",
    "required",
    "held",
    "done",
    "tasks",
    "unlevelled_courses",
    "unpriced_courses",
    "ignore_levels",
    "excluded",
    "required_courses",
    "budget_gaps",
    "budget",
    "objective",
)


@dataclass(frozen=True, config=CONFIG)
class Plan(Result):
    """An explained course plan for one requirement.

    ``lower_bound`` is the proven lower bound on the total hours (on the total
    cost with ``objective="cost"``) and ``optimality_gap`` its relative distance to
    the plan (0 when optimal). The JSON has ``budget_gaps`` and ``budget`` only when
    a budget was given, ``objective`` only when it is ``cost``, and ``done`` (the
    courses already taken, which meet prerequisites) only when some were given.
    """

    standard: str
    standard_name: Annotated[str, Field(exclude=True)]
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    required: dict[str, Number | None]
    item_names: Annotated[dict[str, str], Field(exclude=True)]
    held: tuple[str, ...]
    status: Status
    courses: tuple[PlannedCourse, ...]
    mapping: dict[str, tuple[str, ...]]
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    lower_bound: Number
    optimality_gap: Number
    currency: str = "TWD"
    ignore_levels: bool = False
    attitudes: Annotated[bool, Field(exclude=True)] = False
    excluded: tuple[str, ...] = ()
    required_courses: tuple[str, ...] = ()
    level_offers: Annotated[
        dict[str, tuple[tuple[str, Number], ...]], Field(serialization_alias="level_gap_offers")
    ] = dataclasses.field(default_factory=dict)
    budget_gaps: tuple[str, ...] = ()
    budget: Budget | None = None
    ties_proven: bool = True
    objective: Literal["hours", "cost"] = "hours"
    done: tuple[str, ...] = ()
    blocked: Annotated[tuple[tuple[str, str], ...], Field(exclude=True)] = ()

    _json_keys: ClassVar[tuple[str, ...]] = PLAN_KEYS
    _optional_keys: ClassVar[tuple[str, ...]] = ("budget_gaps", "budget", "objective", "done")

    def __post_init__(self) -> None:
        covered = {i for c in self.courses for i in c.covers}
        uncovered = set(self.gaps) | set(self.level_gaps) | set(self.budget_gaps)
        if covered & uncovered:
            raise ValueError("an item is both covered and a gap")
        if covered | uncovered != set(self.required):
            raise ValueError("every required item must be covered or a gap")

    def _left_out(self) -> tuple[str, ...]:
        budget = ("budget_gaps", "budget") if self.budget is None else ()
        done = () if self.done else ("done",)
        return (*budget, *done, "objective") if self.objective == "hours" else (*budget, *done)

    def bound_text(self) -> str:
        """The proven lower bound with its unit (hours, or money with ``objective="cost"``)."""
        if self.objective == "cost":
            return f"{fmt_money(self.lower_bound)} {self.currency}"
        return f"{fmt_num(self.lower_bound)} h"

    @field_serializer("level_offers")
    def _offers(
        self, offers: dict[str, tuple[tuple[str, float], ...]]
    ) -> dict[str, list[LevelOffer]]:
        return {item: [LevelOffer(code, level) for code, level in o] for item, o in offers.items()}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_hours(self) -> Number:
        """Sum of the chosen courses' hours."""
        return clean_number(sum(c.hours for c in self.courses))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total_cost(self) -> Number | None:
        """Sum of the chosen courses' known costs; ``None`` when none gives a price."""
        if self.courses and all(c.cost is None for c in self.courses):
            return None
        return clean_number(sum(c.cost or 0 for c in self.courses))

    @computed_field(alias="unpriced_courses")  # type: ignore[prop-decorator]
    @property
    def unpriced(self) -> tuple[str, ...]:
        """Chosen courses that give no cost."""
        return tuple(c.code for c in self.courses if c.cost is None)

    @computed_field(alias="unlevelled_courses")  # type: ignore[prop-decorator]
    @property
    def unlevelled(self) -> tuple[str, ...]:
        """Chosen courses without a level, counted at every level."""
        return tuple(c.code for c in self.courses if c.level is None)

    @property
    def is_optimal(self) -> bool:
        """Whether the least total hours is proven."""
        return self.status == "optimal"

    def summary(self) -> str:
        """What the plan is, its totals, whether it is proven optimal and its gaps."""
        targets = ", ".join(self.targets) or "whole standard"
        lines = [
            f"Plan for {self.standard} {self.standard_name} ({targets}): "
            f"{plural(len(self.courses), 'course')}, {fmt_num(self.total_hours)} hours, "
            + (
                "no price given."
                if self.total_cost is None
                else f"{fmt_money(self.total_cost)} {self.currency}."
            ),
        ]
        if self.budget is not None:
            b = self.budget
            weighted = any(w != 1 for w in b.weights.values())
            lines.append(
                f"Budget: covers {covered(b.covered_weight, b.coverable_weight, weighted)}."
            )
        lines.append(
            "Status: optimal, proven."
            if self.is_optimal
            else f"Status: feasible, optimality not proven (lower bound "
            f"{self.bound_text()}, gap {self.optimality_gap:.1%})."
        )
        lines.append(gap_line(len(self.gaps), len(self.level_gaps), len(self.budget_gaps)))
        return "\n".join(lines)


def gap_line(gaps: int, level_gaps: int, budget_gaps: int) -> str:
    """``Gaps: none.``, or how many items stay uncovered and why."""
    parts = []
    if gaps:
        parts.append(f"{plural(gaps, 'item')} no course covers")
    if level_gaps:
        parts.append(f"{plural(level_gaps, 'item')} covered only below the required level")
    if budget_gaps:
        parts.append(f"{plural(budget_gaps, 'item')} left out to fit the budget")
    return "Gaps: " + ("; ".join(parts) if parts else "none") + "."


@dataclass(frozen=True, config=CONFIG)
class BatchLine(Plan):
    """One line of ``plan --batch --format json``: the learner's ``id`` and plan."""

    id: str = Field(kw_only=True)

    _json_keys: ClassVar[tuple[str, ...]] = ("id", *PLAN_KEYS)

    @classmethod
    def of(cls, learner_id: str, plan: Plan) -> BatchLine:
        """The batch line of a learner's plan."""
        values: dict[str, Any] = {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan)}
        return cls(**values, id=learner_id)

    def summary(self) -> str:
        """The plan's summary, headed by the learner."""
        return f"Learner {self.id}\n{super().summary()}"
