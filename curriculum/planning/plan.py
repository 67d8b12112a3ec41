"""Plan courses for a target: requirement → cover problem → solve → explained plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from curriculum.io.library import Library
from curriculum.numbers import clean_number
from curriculum.planning.requirement import PlanProblem, plan_problem
from curriculum.planning.result import Budget, Plan, PlannedCourse
from curriculum.request import Request
from curriculum.solve.cover import solve_cover
from curriculum.solve.params import Deadline, SolveParams
from curriculum.solve.problem import CoverSolution


def plan_courses(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    objective: Literal["hours", "cost"] = "hours",
    deadline: Deadline | None = None,
) -> Plan:
    """The least-hours set of courses covering every coverable required item of
    the request (its standard, targets, attitudes, held items, courses done,
    excluded and required, and levels: :class:`~curriculum.request.Request`).

    The solve stops at ``deadline`` (the caller's, else one from ``params.time_limit``).

    Ties go to lower cost, then fewer courses, then the smallest sorted list of
    course codes. With ``objective="cost"`` the least-cost set, ties going to
    fewer hours. Items no course covers are reported as gaps, never a failure.
    A course brings its prerequisites (the cheapest alternatives, counted in the
    totals) unless a ``done`` course (already taken) meets them; see
    :func:`~curriculum.planning.requirement.build_plan_problem`.

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    """
    problem = plan_problem(library, request, objective=objective)
    solution = solve_cover(problem.cover, params, deadline)
    return explain(library, problem, solution, objective=objective)


def _runs(value: float, count: int) -> float:
    """Hours or a price of all the runs of a placeholder taken ``count`` times (an
    elective slot): the plan counts them as ``schedule`` places them."""
    return value if count == 1 else clean_number(value * count)


def explain(
    library: Library,
    problem: PlanProblem,
    solution: CoverSolution,
    *,
    budget_gaps: tuple[str, ...] = (),
    budget: Budget | None = None,
    objective: Literal["hours", "cost"] = "hours",
) -> Plan:
    """Turn a solution of the cover problem into a plan with its mapping.

    ``budget_gaps`` are the coverable items a budgeted plan leaves out.
    """
    requirement = problem.requirement
    chosen = [problem.courses[j] for j in solution.chosen]
    needed_by = prerequisite_of(problem, solution.chosen)
    courses = tuple(
        PlannedCourse(
            code=c.code,
            title=c.title,
            hours=_runs(c.hours, c.count),
            cost=None if c.price is None else _runs(c.price, c.count),
            level=c.level,
            covers=problem.covers[c.code],
            provider=c.provider or library.course_files[c.code].catalogue.provider,
            prerequisite_of=needed_by.get(c.code, ()),
        )
        for c in chosen
    )
    mapping = _mapping(courses, requirement.items)
    position = {item: n for n, item in enumerate(requirement.items)}
    standard = requirement.standard
    return Plan(
        standard=standard.code,
        standard_name=standard.name,
        targets=requirement.targets,
        tasks=requirement.tasks,
        required=dict(
            sorted(requirement.levels.items(), key=lambda kv: position.get(kv[0], len(position)))
        ),
        item_names={i: standard.item_index[i].name for i in requirement.items},
        held=requirement.held,
        status=solution.status,
        courses=courses,
        mapping=mapping,
        gaps=problem.gaps,
        level_gaps=problem.level_gaps,
        lower_bound=round(solution.lower_bound / (60 if objective == "hours" else 100), 4),
        optimality_gap=solution.optimality_gap,
        currency=library.currency(),
        ignore_levels=problem.ignore_levels,
        attitudes=requirement.attitudes,
        excluded=problem.excluded,
        required_courses=problem.required_courses,
        level_offers=_level_offers(library, problem),
        budget_gaps=budget_gaps,
        budget=budget,
        ties_proven=solution.ties_proven,
        objective=objective,
        done=problem.done,
        blocked=tuple(problem.blocked.items()),
    )


def _mapping(courses: Sequence[PlannedCourse], items: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each item a course covers -> the courses covering it, in the order of ``items``."""
    # one pass over the courses, not items x courses: 50,000 items and 5,000
    # courses took longer to explain than to solve
    covering: dict[str, list[str]] = {}
    for c in courses:
        for item in c.covers:
            covering.setdefault(item, []).append(c.code)
    return {item: tuple(covering[item]) for item in items if item in covering}


def _level_offers(
    library: Library, problem: PlanProblem
) -> dict[str, tuple[tuple[str, float], ...]]:
    """For each item held back by levels only, the usable courses claiming it with their
    levels (one pass over the courses)."""
    gaps = set(problem.level_gaps)
    if not gaps:
        return {}
    code = problem.requirement.standard.code
    offers: dict[str, list[tuple[str, float]]] = {item: [] for item in problem.level_gaps}
    for c in library.courses_for(code):
        if (
            c.level is None
            or c.code in problem.excluded
            or c.code in problem.blocked
            or c.code in problem.done
        ):
            continue
        for item in c.items_for(code):
            if item in gaps:
                offers[item].append((c.code, c.level))
    return {item: tuple(dict.fromkeys(found)) for item, found in offers.items()}


def prerequisite_of(problem: PlanProblem, chosen: Sequence[int]) -> dict[str, tuple[str, ...]]:
    """For each chosen course, the chosen courses naming it in a requirement."""
    cover = problem.cover
    if not cover.requires:
        return {}
    result: dict[str, list[str]] = {}
    taken = set(chosen)
    for j in chosen:
        for k in sorted({k for group in cover.requires[j] for k in group}):
            if k in taken:
                result.setdefault(cover.columns[k], []).append(cover.columns[j])
    return {code: tuple(sorted(users)) for code, users in result.items()}
