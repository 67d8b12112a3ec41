"""What the question modules of the API share: argument types and the checks at the door.

Nothing here imports more than the standard library at import time, so that
``import curriculum`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curriculum.io.context import ReadContext
    from curriculum.io.library import Library
    from curriculum.io.team_file import Team
    from curriculum.io.weights import Weights
    from curriculum.request import Request
    from curriculum.solve.params import SolveParams

PathArg = str | PathLike[str]
"""A file or folder: text or a path object."""

Paths = PathArg | Iterable[PathArg]
"""One path or several."""

Codes = str | Sequence[str]
"""Codes: a sequence, or one string separated by ``;``, ``,`` or white space."""


def request_from(arguments: dict[str, Any]) -> Request:
    """The :class:`~curriculum.request.Request` of a public function's own arguments
    (its ``locals()`` on entry): those named as :meth:`Request.of` names them, so each
    request keyword is passed on once, by name, and documented once.

    Raises
    ------
    UsageError
        As :meth:`Request.of`.
    """
    from curriculum.request import REQUEST_KEYWORDS, Request

    return Request.of(**{k: v for k, v in arguments.items() if k in REQUEST_KEYWORDS})


def check_library(library: Any) -> Library:
    """``library`` when it is a :class:`~curriculum.io.library.Library` (a
    :class:`~curriculum.errors.UsageError` otherwise)."""
    from curriculum.arguments import shown
    from curriculum.errors import UsageError
    from curriculum.io.library import Library

    if not isinstance(library, Library):
        raise UsageError.keyed("arg.library", value=shown(library))
    return library


def check_params(params: Any) -> SolveParams:
    """The solver settings: ``params``, or the defaults for ``None``."""
    from curriculum.arguments import check_instance
    from curriculum.solve.params import SolveParams

    checked: SolveParams = check_instance(params, "params", SolveParams, SolveParams())
    return checked


def weights_of(
    value: Any, library: Library, standard: str, context: ReadContext | None = None
) -> Weights | None:
    """A weights file read for ``standard`` here, at the edge (planning reads no
    file); loaded :class:`Weights` and ``None`` unchanged."""
    if value is None:
        return None
    from curriculum.io.weights import Weights, resolve_weights

    if isinstance(value, Weights):
        return value
    from curriculum.arguments import check_path

    return resolve_weights(check_path(value, "weights"), library.standard(standard), context)


def team_of(value: Any, context: ReadContext | None = None) -> Team:
    """A team file read (CSV, XLSX or YAML); a loaded :class:`Team` unchanged."""
    from curriculum.io.team_file import Team, load_team

    if isinstance(value, Team):
        return value
    from curriculum.arguments import check_path

    return load_team(check_path(value, "team"), context)


def at_the_door(
    library: Any, request: Any, params: Any, question: str, *takes: str
) -> tuple[Library, Request, SolveParams]:
    """The three arguments every question shares, checked: the library, a
    :class:`~curriculum.request.Request` setting only what ``question`` ``takes``
    (``standard``, ``targets``, ``have``, ``done``, ``require``, ``all_courses``;
    attitudes, exclusions and levels go everywhere) and naming its standard when
    it takes one (unless ``all_courses``), and the solver settings.

    Raises
    ------
    UsageError
        For an argument of the wrong type, or a choice the question cannot use.
    """
    from curriculum.arguments import shown
    from curriculum.errors import UsageError
    from curriculum.request import Request

    if not isinstance(request, Request):
        raise UsageError.keyed("arg.request", value=shown(request))
    request.check_only(question, *takes)
    checked = check_library(library), request, check_params(params)
    if "standard" in takes and not request.all_courses:
        request.code()  # the question needs a standard
    return checked
