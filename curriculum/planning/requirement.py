"""From a standard, targets and catalogues to a set-cover problem in integers.

Everything the plan reports that needs no solver is worked out here: the required
items and their levels, which courses cover which item, the items no course covers
(gaps) and those covered only below their level (level gaps). The cover problem
handed to the solver is therefore always feasible.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from curriculum.errors import HoursRoundingWarning, UnknownReferenceError
from curriculum.io.library import Library
from curriculum.model.levels import Level, meets_level, required_levels, targeted_tasks
from curriculum.model.standard import Course, Standard
from curriculum.solve.problem import CoverProblem


@dataclass(frozen=True)
class Requirement:
    """What a learner must be taught: items with their required level."""

    standard: Standard
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    levels: dict[str, Level]
    held: tuple[str, ...] = ()
    attitudes: bool = False

    @cached_property
    def items(self) -> tuple[str, ...]:
        """Required item codes in the standard's order (computed once)."""
        return tuple(i.code for i in self.standard.items if i.code in self.levels)


def build_requirement(
    standard: Standard,
    targets: Sequence[str] = (),
    *,
    attitudes: bool = False,
    have: Sequence[str] = (),
) -> Requirement:
    """The items a set of targets needs, each at the highest level that asks for it.

    Raises
    ------
    UnknownReferenceError
        For a target that is neither a task nor a duty, or a held item the
        standard does not define.
    """
    targets = tuple(standard.codes.resolve(t) for t in targets)
    tasks, unknown = targeted_tasks(standard, targets)
    if unknown:
        valid = [d.code for d in standard.duties] + [t.code for t in standard.tasks]
        raise UnknownReferenceError(f"{standard.code} has no task or duty {unknown[0]}", valid)
    levels = required_levels(standard, tasks, attitudes=attitudes)
    held = tuple(dict.fromkeys(standard.codes.resolve(h) for h in have))
    for code in held:
        if code not in standard.item_index:
            raise UnknownReferenceError(
                f"{standard.code} defines no item {code}", [i.code for i in standard.items]
            )
        levels.pop(code, None)
    return Requirement(standard, targets, tuple(t.code for t in tasks), levels, held, attitudes)


@dataclass(frozen=True)
class PlanProblem:
    """A requirement turned into a cover problem, with what no course can cover."""

    requirement: Requirement
    courses: tuple[Course, ...]
    covers: dict[str, tuple[str, ...]]
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    cover: CoverProblem
    required_courses: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    ignore_levels: bool = False


def course_covers(
    course: Course, requirement: Requirement, *, ignore_levels: bool = False
) -> tuple[str, ...]:
    """The required items a course covers at their required level."""
    claimed = set(course.items_for(requirement.standard.code))
    result = []
    for code in requirement.items:
        if code not in claimed:
            continue
        if ignore_levels or meets_level(course.level, requirement.levels[code]):
            result.append(code)
    return tuple(result)


def to_minutes(hours: float, code: str) -> int:
    """Hours as whole minutes, warning when that rounds."""
    minutes = round(hours * 60)
    if abs(minutes - hours * 60) > 1e-9:
        warnings.warn(
            f"course {code}: {hours} h rounded to {minutes} min",
            HoursRoundingWarning,
            stacklevel=2,
        )
    return minutes


def to_cents(amount: float | None) -> int:
    """A price in hundredths (the solver needs integers)."""
    return 0 if amount is None else round(amount * 100)


def build_plan_problem(
    library: Library,
    requirement: Requirement,
    *,
    exclude: Sequence[str] = (),
    require: Sequence[str] = (),
    ignore_levels: bool = False,
    objective: Literal["hours", "cost"] = "hours",
) -> PlanProblem:
    """Candidate courses, gaps and the cover problem for a requirement.

    Objectives, in order: total minutes, then total cost (cost plus session cost,
    in hundredths), or cost first with ``objective="cost"``; the solver breaks the
    remaining ties by fewer courses, then the smallest sorted list of course codes
    (columns are in code order).

    Raises
    ------
    UnknownReferenceError
        For an excluded or required course code no catalogue defines, or a course
        both excluded and required.
    """
    excluded = tuple(sorted({library.course(c).code for c in exclude}))
    required = tuple(sorted({library.course(c).code for c in require}))
    both = sorted(set(excluded) & set(required))
    if both:
        raise UnknownReferenceError(f"course {both[0]} is both excluded and required")
    std = requirement.standard.code
    candidates = [c for c in library.courses_for(std) if c.code not in excluded]
    candidates += [library.courses[c] for c in required if not library.courses[c].items_for(std)]
    candidates.sort(key=lambda c: c.code)

    covers = {
        c.code: course_covers(c, requirement, ignore_levels=ignore_levels) for c in candidates
    }
    claimed = {i for c in candidates for i in c.items_for(std)}
    coverable = {i for items in covers.values() for i in items}
    gaps = tuple(i for i in requirement.items if i not in claimed)
    level_gaps = tuple(i for i in requirement.items if i in claimed and i not in coverable)

    useful = [c for c in candidates if covers[c.code] or c.code in required]
    items = tuple(i for i in requirement.items if i in coverable)
    index = {code: n for n, code in enumerate(items)}
    minutes = tuple(to_minutes(c.hours, c.code) for c in useful)
    cents = tuple(to_cents(c.price) for c in useful)
    cover = CoverProblem(
        items=items,
        columns=tuple(c.code for c in useful),
        covers=tuple(tuple(index[i] for i in covers[c.code]) for c in useful),
        objectives=(minutes, cents) if objective == "hours" else (cents, minutes),
        forced=frozenset(n for n, c in enumerate(useful) if c.code in required),
    )
    return PlanProblem(
        requirement=requirement,
        courses=tuple(useful),
        covers={c.code: covers[c.code] for c in useful},
        gaps=gaps,
        level_gaps=level_gaps,
        cover=cover,
        required_courses=required,
        excluded=excluded,
        ignore_levels=ignore_levels,
    )
