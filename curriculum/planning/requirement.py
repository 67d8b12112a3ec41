"""From a standard, targets and catalogues to a set-cover problem in integers.

Everything the plan reports that needs no solver is worked out here: the required
items and their levels, which courses cover which item, the items no course covers
(gaps) and those covered only below their level (level gaps). The cover problem
handed to the solver is therefore always feasible.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from curriculum.errors import HoursRoundingWarning, UnknownReferenceError
from curriculum.io.library import Library
from curriculum.model.levels import Level, meets_level, required_levels, targeted_tasks
from curriculum.model.requisites import closure
from curriculum.model.standard import Course, Standard
from curriculum.request import Request
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

    @cached_property
    def position(self) -> dict[str, int]:
        """Each required item's index in :attr:`items` (computed once)."""
        return {code: n for n, code in enumerate(self.items)}


def build_requirement(standard: Standard, request: Request) -> Requirement:
    """The items the request's targets need in ``standard``, each at the highest level
    that asks for it (the attitudes too with ``request.attitudes``), less the items
    the learner holds (``request.have``).

    Raises
    ------
    UnknownReferenceError
        For a target that is neither a task nor a duty, or a held item the
        standard does not define.
    """
    targets = tuple(standard.codes.resolve(t) for t in request.targets)
    tasks, unknown = targeted_tasks(standard, targets)
    if unknown:
        valid = [d.code for d in standard.duties] + [t.code for t in standard.tasks]
        raise UnknownReferenceError.keyed(
            "error.no_target", valid, standard=standard.code, code=unknown[0]
        )
    levels = required_levels(standard, tasks, attitudes=request.attitudes)
    held = tuple(dict.fromkeys(standard.codes.resolve(h) for h in request.have))
    for code in held:
        if code not in standard.item_index:
            raise UnknownReferenceError.keyed(
                "error.no_item", [i.code for i in standard.items], standard=standard.code, code=code
            )
        levels.pop(code, None)
    return Requirement(
        standard, targets, tuple(t.code for t in tasks), levels, held, request.attitudes
    )


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
    done: tuple[str, ...] = ()
    blocked: dict[str, str] = field(default_factory=dict)


def course_covers(
    course: Course, requirement: Requirement, *, ignore_levels: bool = False
) -> tuple[str, ...]:
    """The required items a course covers at their required level, in the
    requirement's order (linear in the course's claims, not in the requirement)."""
    position = requirement.position
    claimed = {c for c in course.items_for(requirement.standard.code) if c in position}
    return tuple(
        code
        for code in sorted(claimed, key=position.__getitem__)
        if ignore_levels or meets_level(course.level, requirement.levels[code])
    )


def to_minutes(hours: float, code: str) -> int:
    """Hours as whole minutes, warning when that rounds."""
    minutes = round(hours * 60)
    if abs(minutes - hours * 60) > 1e-9:
        warnings.warn(
            HoursRoundingWarning.keyed("warning.rounded", code=code, hours=hours, minutes=minutes),
            stacklevel=2,
        )
    return minutes


def to_cents(amount: float | None) -> int:
    """A price in hundredths (the solver needs integers)."""
    return 0 if amount is None else round(amount * 100)


def plan_problem(
    library: Library, request: Request, *, objective: Literal["hours", "cost"] = "hours"
) -> PlanProblem:
    """The cover problem of a request: its standard's requirement
    (:func:`build_requirement`), then the courses (:func:`build_plan_problem`).

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    UsageError
        For a request naming no standard.
    """
    requirement = build_requirement(library.standard(request.code()), request)
    return build_plan_problem(library, requirement, request, objective=objective)


def build_plan_problem(
    library: Library,
    requirement: Requirement,
    request: Request,
    *,
    objective: Literal["hours", "cost"] = "hours",
) -> PlanProblem:
    """Candidate courses, gaps and the cover problem for a requirement, with the
    request's course choices (``exclude``, ``require``, ``done``) and levels
    (``ignore_levels``); its standard, targets and held items are the requirement's.

    Objectives, in order: total minutes, then total cost (cost plus session cost,
    in hundredths), or cost first with ``objective="cost"``; the solver breaks the
    remaining ties by fewer courses, then the smallest sorted list of course codes
    (columns are in code order).

    Prerequisites, corequisites and same-term requirements (a plan has no
    periods, so all mean "in the plan too") become the cover problem's
    ``requires``: the candidates include, transitively, every alternative of
    every candidate's requirements, even courses covering no required item.
    ``done`` courses (already taken) satisfy requirements and are never
    planned; so does a course whose every claimed item of the standard the
    learner holds (``requirement.held``: prior learning recognised; a course
    claiming no item of the standard is met only by ``done``). Excluded courses
    serve as no prerequisite; a course whose requirement no candidate can meet
    is no candidate (``PlanProblem.blocked`` says why), so the items only it
    claims are gaps.

    Raises
    ------
    UnknownReferenceError
        For an excluded, required or done course code no catalogue defines, a
        course both excluded and required (or done and required), or a required
        course whose prerequisites cannot be met.
    """
    ignore_levels = request.ignore_levels
    excluded, required, taken = _course_codes(library, request)
    unusable = set(excluded) | set(taken)
    covers = _candidates(library, requirement, required, unusable, ignore_levels)
    useful = {c for c, items in covers.items() if items or c in required}
    met = set(taken) | recognised(library, requirement.standard.code, requirement.held)
    needs, blocked = course_requisites(library, useful, unusable, met)
    _check_required(required, blocked)
    reachable = closure((c for c in useful if c not in blocked), lambda c: needs[c])
    chosen = sorted((library.courses[c] for c in reachable), key=lambda c: c.code)
    plannable = set(covers) - set(blocked)  # the candidates, before prerequisites join
    for c in chosen:
        covers.setdefault(c.code, course_covers(c, requirement, ignore_levels=ignore_levels))
    gaps, level_gaps = _gaps(library, requirement, plannable, chosen, covers)
    return PlanProblem(
        requirement=requirement,
        courses=tuple(chosen),
        covers={c.code: covers[c.code] for c in chosen},
        gaps=gaps,
        level_gaps=level_gaps,
        cover=_cover_problem(requirement, chosen, covers, needs, required, objective),
        required_courses=required,
        excluded=excluded,
        ignore_levels=ignore_levels,
        done=taken,
        blocked={c: why for c, why in sorted(blocked.items()) if c in useful},
    )


def _candidates(
    library: Library,
    requirement: Requirement,
    required: Sequence[str],
    unusable: set[str],
    ignore_levels: bool,
) -> dict[str, tuple[str, ...]]:
    """The candidate courses (those claiming items of the standard, and the required
    ones), each with the required items it covers, by code."""
    std = requirement.standard.code
    candidates = [c for c in library.courses_for(std) if c.code not in unusable]
    candidates += [library.courses[c] for c in required if not library.courses[c].items_for(std)]
    return {c.code: course_covers(c, requirement, ignore_levels=ignore_levels) for c in candidates}


def _gaps(
    library: Library,
    requirement: Requirement,
    plannable: set[str],
    chosen: Sequence[Course],
    covers: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(gaps, level gaps): the required items no ``plannable`` candidate claims, and
    those claimed but covered by no ``chosen`` course at the required level."""
    std = requirement.standard.code
    claimed = {i for c in plannable for i in library.courses[c].items_for(std)}
    coverable = {i for c in chosen for i in covers[c.code]}
    gaps = tuple(i for i in requirement.items if i not in claimed)
    level_gaps = tuple(i for i in requirement.items if i in claimed and i not in coverable)
    return gaps, level_gaps


def _course_codes(
    library: Library, request: Request
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The excluded, required and done course codes as the catalogues spell them, sorted.

    Raises
    ------
    UnknownReferenceError
        For a code no catalogue defines, or a course both excluded (or done) and required.
    """
    excluded = tuple(sorted({library.course(c).code for c in request.exclude}))
    required = tuple(sorted({library.course(c).code for c in request.require}))
    taken = tuple(sorted({library.course(c).code for c in request.done}))
    for other, key in ((excluded, "error.excluded_required"), (taken, "error.done_required")):
        both = sorted(set(other) & set(required))
        if both:
            raise UnknownReferenceError.keyed(key, code=both[0])
    return excluded, required, taken


def _check_required(required: Sequence[str], blocked: Mapping[str, str]) -> None:
    """Every required course can be planned: its prerequisites can be met.

    Raises
    ------
    UnknownReferenceError
        Naming the first required course that cannot be, and the prerequisite.
    """
    for code in required:
        if code in blocked:
            raise UnknownReferenceError.keyed(
                "error.required_blocked", code=code, prerequisite=blocked[code]
            )


def _cover_problem(
    requirement: Requirement,
    chosen: Sequence[Course],
    covers: Mapping[str, tuple[str, ...]],
    needs: Mapping[str, tuple[tuple[str, ...], ...]],
    required: Sequence[str],
    objective: Literal["hours", "cost"],
) -> CoverProblem:
    """The integer cover problem of the ``chosen`` courses (columns in code order) over
    the required items they can cover: minutes and hundredths, in ``objective``'s order."""
    coverable = {i for c in chosen for i in covers[c.code]}
    items = tuple(i for i in requirement.items if i in coverable)
    index = {code: n for n, code in enumerate(items)}
    column = {c.code: n for n, c in enumerate(chosen)}
    # a placeholder taken ``count`` times (an elective slot) costs all its runs
    minutes = tuple(to_minutes(c.hours, c.code) * c.count for c in chosen)
    cents = tuple(to_cents(c.price) * c.count for c in chosen)
    requires = tuple(
        tuple(tuple(sorted(column[a] for a in group)) for group in needs[c.code]) for c in chosen
    )
    return CoverProblem(
        items=items,
        columns=tuple(c.code for c in chosen),
        covers=tuple(tuple(index[i] for i in covers[c.code]) for c in chosen),
        objectives=(minutes, cents) if objective == "hours" else (cents, minutes),
        forced=frozenset(n for n, c in enumerate(chosen) if c.code in required),
        requires=requires if any(requires) else (),
    )


def recognised(library: Library, standard: str, held: Sequence[str]) -> set[str]:
    """The courses whose every claimed item of ``standard`` is held: they meet the
    prerequisites naming them (prior learning recognised)."""
    have = set(held)
    if not have:
        return set()
    return {c.code for c in library.courses_for(standard) if set(c.items_for(standard)) <= have}


def course_requisites(
    library: Library, codes: set[str], unusable: set[str], done: set[str]
) -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, str]]:
    """The requirements each course may bring, and the courses that cannot be taken.

    Starting from ``codes``, adds transitively every usable alternative of every
    requirement (prerequisites, corequisites and same-term ones alike). A requirement met by a
    ``done`` course is dropped; ``unusable`` courses (excluded or done) are no
    alternative. A course with a requirement left without alternative is
    *blocked* (with the reason), and so, in turn, is every alternative only
    blocked courses could serve.

    Returns
    -------
    tuple
        ``(needs, blocked)``: each reachable course's requirements as sorted
        tuples of codes (blocked courses included), and the blocked courses with
        the requirement (as written, ``A | B``) that cannot be met.
    """
    needs: dict[str, tuple[tuple[str, ...], ...]] = {}
    raw: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    todo = sorted(codes)
    while todo:
        code = todo.pop()
        if code in raw:
            continue
        course = library.courses[code]
        groups = [
            (group, tuple(sorted(a for a in group if a not in unusable)))
            for group in (*course.prerequisites, *course.corequisites, *course.same_term)
            if not any(a in done for a in group)
        ]
        raw[code] = groups
        todo.extend(a for _, g in groups for a in g if a not in raw)
    blocked: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for code, groups in raw.items():
            if code in blocked:
                continue
            for written, group in groups:
                if all(a in blocked for a in group):
                    blocked[code] = " | ".join(written)
                    changed = True
                    break
    for code, groups in raw.items():
        kept = {tuple(a for a in g if a not in blocked) for _, g in groups}
        # A requirement implied by a narrower one of the same course is redundant.
        needs[code] = tuple(sorted(g for g in kept if not any(set(h) < set(g) for h in kept)))
    return needs, blocked
