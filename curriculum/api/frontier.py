"""The trade-off curve: for every coverage level, the least hours (or cost)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from curriculum.api.shared import Codes, PathArg

if TYPE_CHECKING:
    from curriculum.io.library import Library
    from curriculum.io.weights import Weights
    from curriculum.planning.frontier_result import Frontier
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams

AXES = ("hours", "cost")


def frontier(
    library: Library,
    standard: str,
    targets: Codes = (),
    *,
    by: Literal["hours", "cost"] = "hours",
    weights: Weights | PathArg | None = None,
    attitudes: bool = False,
    have: Codes = (),
    exclude: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
    done: Codes = (),
) -> Frontier:
    """The exact trade-off between coverage and hours (or cost).

    Same as ``curriculum frontier STANDARD TARGET...``.

    Parameters
    ----------
    library, standard, targets, attitudes, have, exclude, ignore_levels, params, done
        As for :func:`plan`.
    by
        Trade coverage against ``"hours"`` or ``"cost"``.
    weights
        Item weights, as for :func:`plan_budget`.

    Returns
    -------
    Frontier
        ``points``: for each coverage level, from none to all that is
        coverable, the least hours (``point.hours``), its cost and the course
        codes achieving it (``point.courses``).

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    DataFileError
        For a bad weights file.
    UsageError
        For an argument of the wrong type or out of range.
    """
    from curriculum.api.shared import request_from

    request = request_from(locals())
    return run_frontier(library, request, params, by=by, weights=weights)


def run_frontier(
    library: Library,
    request: Request,
    params: SolveParams | None = None,
    *,
    by: Literal["hours", "cost"] = "hours",
    weights: Weights | PathArg | None = None,
    progress: Callable[[str], None] | None = None,
) -> Frontier:
    """:func:`frontier` for a :class:`~curriculum.request.Request` built once (what
    ``curriculum frontier`` calls); ``progress`` is called with a line after each point.

    Raises
    ------
    UnknownReferenceError, DataFileError, UsageError
        As :func:`frontier`.
    """
    from curriculum.api.shared import at_the_door, weights_of
    from curriculum.arguments import check_choice
    from curriculum.planning.frontier import TAKES, compute_frontier

    library, request, params = at_the_door(library, request, params, "a frontier", *TAKES)
    return compute_frontier(
        library,
        request,
        params,
        by=check_choice(by, "by", AXES),  # type: ignore[arg-type]
        weights=weights_of(weights, library, request.code()),
        progress=progress,
    )
