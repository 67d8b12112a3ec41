"""A plan: the least-hours set of courses covering a standard's targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from curriculum.api.shared import Codes

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.planning.result import Plan
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams

OBJECTIVES = ("hours", "cost")

TAKES = ("standard", "targets", "have", "done", "require")
"""What a plan's request may set beside attitudes, exclusions and levels."""


def plan(
    library: Library,
    standard: str,
    targets: Codes = (),
    *,
    attitudes: bool = False,
    have: Codes = (),
    exclude: Codes = (),
    require: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
    objective: Literal["hours", "cost"] = "hours",
    done: Codes = (),
) -> Plan:
    """The least-hours set of courses covering a standard's targets.

    Ties go to lower cost, then fewer courses, then course codes in order. Items
    no course covers are reported as gaps (``plan.gaps``, ``plan.level_gaps``),
    never as a failure. Same as ``curriculum plan STANDARD TARGET...``.

    Parameters
    ----------
    library
        The loaded data (:func:`load_library`).
    standard, targets, attitudes, have, done, exclude, require, ignore_levels
        What to cover, as :class:`~curriculum.request.Request` documents it:
        the standard's code (``"BAS1499-001v4"``), its tasks or duties (a
        sequence, or one string such as ``"T1.2;T1.3"``; none means the whole
        standard), the attitudes switch, held items, courses taken, courses
        never or always to use, and whether levels are ignored.
    params
        Solver settings (time limit, workers); the defaults when ``None``.
    objective
        ``"hours"`` (least hours, then cost) or ``"cost"`` (least cost, then hours).

    Returns
    -------
    Plan
        ``courses``, ``total_hours``, ``total_cost``, ``mapping`` (item → course
        codes), ``gaps``, ``level_gaps`` and ``status``; a course brought in as
        another's prerequisite lists it in ``prerequisite_of``.

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    UsageError
        For an argument of the wrong type or out of range.
    """
    from curriculum.api.shared import request_from

    request = request_from(locals())
    return run_plan(library, request, params, objective=objective)


def run_plan(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    objective: Literal["hours", "cost"] = "hours",
) -> Plan:
    """:func:`plan` for a :class:`~curriculum.request.Request` built once
    (what ``curriculum plan`` calls).

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    UsageError
        For an argument of the wrong type or out of range.
    """
    from curriculum.api.shared import at_the_door
    from curriculum.arguments import check_choice
    from curriculum.planning.plan import plan_courses

    library, request, params = at_the_door(library, request, params, "plan", *TAKES)
    return plan_courses(
        library,
        request,
        params,
        objective=check_choice(objective, "objective", OBJECTIVES),  # type: ignore[arg-type]
    )
