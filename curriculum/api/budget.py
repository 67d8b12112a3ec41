"""A budget: the plan covering the most of the targets within hours or money."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curriculum.api.plan import TAKES
from curriculum.api.shared import Codes, PathArg

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.io.weights import Weights
    from curriculum.planning.result import Plan
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams


def plan_budget(
    library: Library,
    standard: str,
    targets: Codes = (),
    *,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights: Weights | PathArg | None = None,
    attitudes: bool = False,
    have: Codes = (),
    exclude: Codes = (),
    require: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
    done: Codes = (),
) -> Plan:
    """The plan covering the most of the targets within a budget.

    When the unbudgeted :func:`plan` fits, it is returned unchanged. Otherwise the
    plan covers the most weight (each item weighs 1 unless ``weights`` says
    otherwise), then the least hours, then cost. Coverable items left out are
    ``plan.budget_gaps``. Same as ``curriculum plan ... --max-hours/--max-cost``.

    Parameters
    ----------
    library, standard, targets, attitudes, have, exclude, require, ignore_levels, params, done
        As for :func:`plan`.
    max_hours
        At most this many hours in total (0 to 1e9).
    max_cost
        At most this total price, a course's cost plus its session cost (0 to 1e15).
    weights
        Item weights: a YAML file (``kinds: {K: 1, S: 2}``, ``items: {K04: 3}``)
        or a :class:`Weights`.

    Returns
    -------
    Plan
        As :func:`plan`, with ``budget`` (covered and coverable weight) and
        ``budget_gaps``.

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    DataFileError
        For a bad weights file.
    BudgetError
        When the required courses alone exceed the budget.
    UsageError
        For an argument of the wrong type or out of range (``max_hours=nan``).
    """
    from curriculum.api.shared import request_from

    request = request_from(locals())
    return run_budget(
        library, request, params, max_hours=max_hours, max_cost=max_cost, weights=weights
    )


def run_budget(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights: Weights | PathArg | None = None,
) -> Plan:
    """:func:`plan_budget` for a :class:`~curriculum.request.Request` built once
    (what ``curriculum plan --max-hours/--max-cost/--weights`` calls).

    Raises
    ------
    UnknownReferenceError, DataFileError, BudgetError, UsageError
        As :func:`plan_budget`.
    """
    from curriculum.api.shared import at_the_door, weights_of
    from curriculum.arguments import check_amount
    from curriculum.planning.budget import plan_with_budget

    library, request, params = at_the_door(library, request, params, "a budget", *TAKES)
    return plan_with_budget(
        library,
        request,
        params,
        max_hours=check_amount(max_hours, "max_hours"),
        max_cost=check_amount(max_cost, "max_cost", cost=True),
        weights=weights_of(weights, library, request.code()),
    )
