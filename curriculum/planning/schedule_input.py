"""What a schedule places: the chosen courses, their requirements by kind, and the
copies of repeated courses.

A schedule's courses come from a plan (:func:`build_plan_problem`) or are every
course of the loaded catalogues (:func:`all_courses`, a fixed curriculum). A plan
has no periods, so its cover problem lists prerequisites, corequisites and
same-term requirements alike; :func:`split_requisites` sorts them back into the
three kinds a schedule tells apart. A course with ``count`` above 1 (an elective
slot taken several times) becomes that many courses (:func:`expand_repeats`).
Nothing here reads a file or knows the solver.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from curriculum.errors import Alternatives, NoScheduleError
from curriculum.io.library import Library
from curriculum.model.standard import Course
from curriculum.planning.requirement import to_cents, to_minutes
from curriculum.request import Request
from curriculum.solve.problem import CoverProblem
from curriculum.solve.schedule_problem import ScheduleProblem

Groups = tuple[tuple[tuple[int, ...], ...], ...]
"""For each column, its requirements as tuples of alternative columns."""


@dataclass(frozen=True)
class Chosen:
    """The schedule's input: courses (columns), their cover problem, the items no
    course covers (``gaps``) and those covered only below their level (``level_gaps``).

    ``origins`` maps the code of each copy of a repeated course (``TE #2``) to the
    catalogue course it copies.
    """

    courses: tuple[Course, ...]
    cover: CoverProblem
    covers: dict[str, tuple[str, ...]]
    gaps: tuple[str, ...] = ()
    level_gaps: tuple[str, ...] = ()
    origins: dict[str, str] = field(default_factory=dict)


def all_courses(library: Library, standard: str | None, request: Request) -> Chosen:
    """Every course of the catalogues (but the request's excluded and done ones, the
    done ones as the catalogues spell them), all forced.

    Raises
    ------
    NoScheduleError
        When a course needs an excluded course.
    """
    done = set(request.done)
    left_out = {library.course(c).code for c in request.exclude} | done
    courses = tuple(
        sorted(
            (c for c in library.courses.values() if c.code not in left_out), key=lambda c: c.code
        )
    )
    index = {c.code: j for j, c in enumerate(courses)}
    requires = []
    for course in courses:
        groups = []
        for group in (*course.prerequisites, *course.corequisites, *course.same_term):
            if any(code in done for code in group):
                continue
            present = tuple(sorted(index[c] for c in group if c in index))
            if not present:
                raise NoScheduleError.keyed(
                    "schedule.excluded_requisite", code=course.code, codes=Alternatives(group)
                )
            groups.append(present)
        requires.append(tuple(groups))
    n = len(courses)
    cover = CoverProblem(
        items=(),
        columns=tuple(c.code for c in courses),
        covers=((),) * n,
        objectives=(
            tuple(to_minutes(c.hours, c.code) for c in courses),
            tuple(to_cents(c.price) for c in courses),
        ),
        forced=frozenset(range(n)),
        requires=tuple(requires) if any(requires) else (),
    )
    covers = {c.code: c.items_for(standard) if standard else () for c in courses}
    return Chosen(courses, cover, covers)


def split_requisites(chosen: Chosen) -> tuple[CoverProblem, Groups, Groups]:
    """The cover with only prerequisites in ``requires`` (strictly earlier), the
    corequisites (same period or earlier) and the same-term requirements apart.

    A requirement is of the strictest kind whose written requirement holds all
    its alternatives: a prerequisite, else a same-term requirement, else a
    corequisite.
    """
    cover = chosen.cover
    if not cover.requires:
        return cover, (), ()
    requires, corequires, together = [], [], []
    for course, groups in zip(chosen.courses, cover.requires, strict=True):
        kinds: dict[str, list[tuple[int, ...]]] = {"pre": [], "co": [], "same": []}
        for group in groups:
            codes = {cover.columns[k] for k in group}
            if any(codes <= set(g) for g in course.prerequisites):
                kinds["pre"].append(group)
            elif any(codes <= set(g) for g in course.same_term):
                kinds["same"].append(group)
            elif any(codes <= set(g) for g in course.corequisites):
                kinds["co"].append(group)
            else:
                kinds["pre"].append(group)
        requires.append(tuple(kinds["pre"]))
        corequires.append(tuple(kinds["co"]))
        together.append(tuple(kinds["same"]))
    if not any(corequires) and not any(together):
        return cover, (), ()
    cover = dataclasses.replace(cover, requires=tuple(requires) if any(requires) else ())
    return (
        cover,
        tuple(corequires) if any(corequires) else (),
        tuple(together) if any(together) else (),
    )


def copy_code(code: str, number: int) -> str:
    """The code of copy ``number`` (from 1) of a repeated course: ``TE #2``."""
    return f"{code} #{number}"


def expand_repeats(chosen: Chosen, problem: ScheduleProblem) -> tuple[Chosen, ScheduleProblem]:
    """Each course with ``count`` k > 1 as k courses ``CODE #1`` … ``CODE #k``.

    The copies share the course's hours, cost, periods and requirements; copy
    i + 1 is taken with copy i, in the same period or a later one (which also
    leaves one of the k! equal orders to the solver). The last copy carries the
    course's items, so that a plan choosing the course for its items takes every
    copy, and a course naming the repeated course needs its last copy: the whole
    of it. Without repeated courses, both are returned unchanged.
    """
    counts = [c.count for c in chosen.courses]
    if all(k == 1 for k in counts):
        return chosen, problem
    new: list[list[int]] = []
    for k in counts:
        start = sum(len(x) for x in new)
        new.append(list(range(start, start + k)))
    last = [copies[-1] for copies in new]
    cover = problem.cover

    def mapped(groups: Groups, j: int) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(sorted({last[k] for k in g})) for g in groups[j]) if groups else ()

    courses: list[Course] = []
    origins: dict[str, str] = {}
    shown: dict[str, tuple[str, ...]] = {}
    covers, requires, corequires, together, allowed = [], [], [], [], []
    for j, course in enumerate(chosen.courses):
        for number in range(1, counts[j] + 1):
            copy = course
            if counts[j] > 1:
                copy = course.model_copy(update={"code": copy_code(course.code, number)})
                origins[copy.code] = course.code
            courses.append(copy)
            shown[copy.code] = chosen.covers.get(course.code, ()) if number == counts[j] else ()
            covers.append(cover.covers[j] if number == counts[j] else ())
            requires.append(mapped(cover.requires, j))
            previous = ((new[j][number - 2],),) if number > 1 else ()
            corequires.append(mapped(problem.corequires, j) + previous)
            together.append(mapped(problem.together, j))
            allowed.append(problem.periods_of(j))
    columns = tuple(c.code for c in courses)
    expanded = dataclasses.replace(
        cover,
        columns=columns,
        covers=tuple(covers),
        objectives=tuple(
            tuple(values[j] for j in range(len(counts)) for _ in new[j])
            for values in cover.objectives
        ),
        forced=frozenset(k for j in cover.forced for k in new[j]),
        requires=tuple(requires) if any(requires) else (),
    )
    problem = dataclasses.replace(
        problem,
        cover=expanded,
        allowed=tuple(allowed) if problem.allowed else (),
        corequires=tuple(corequires),
        together=tuple(together) if any(together) else (),
    )
    return (
        dataclasses.replace(
            chosen, courses=tuple(courses), cover=expanded, covers=shown, origins=origins
        ),
        problem,
    )
