"""The rules every argument follows, shared by the Python API and the command line.

The command line's options and the API's keywords obey the same bounds (hours at
most :data:`MAX_HOURS`, money at most :data:`MAX_COST`, finite numbers, counts
that are whole numbers); a value outside them is a
:class:`~curriculum.errors.UsageError` naming the keyword, never a raw
``TypeError``, ``AttributeError`` or ``OverflowError`` from deep inside.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from numbers import Integral, Real
from os import PathLike, fspath
from pathlib import Path
from typing import Any

from curriculum.errors import UsageError

MAX_HOURS = 1e9
"""The largest amount of hours (the solver counts minutes in 64-bit integers)."""

MAX_COST = 1e15
"""The largest amount of money (the solver counts cents in 64-bit integers)."""

ENGINES = ("auto", "cpsat", "mip")
"""The values of ``SolveParams.engine`` (and of the commands' ``--engine``); here, so
that building the command line does not import :mod:`curriculum.solve.params`."""


def shown(value: Any) -> str:
    """A bad argument as a message shows it: its repr, cut at 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_number(
    value: Any,
    name: str,
    *,
    minimum: float = 0,
    above: bool = False,
    maximum: float | None = None,
) -> float:
    """``value`` as a finite number at least ``minimum`` (above it with ``above``)
    and at most ``maximum``.

    Raises
    ------
    UsageError
        For a value that is not a number (``True`` is not one), not finite, or
        out of range.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise UsageError(f"{name}: {shown(value)} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise UsageError(f"{name}: {shown(value)} is not a finite number")
    low = number <= minimum if above else number < minimum
    if low:
        word = "above" if above else "at least"
        raise UsageError(f"{name}: {shown(value)} is not {word} {minimum:g}")
    if maximum is not None and number > maximum:
        raise UsageError(f"{name}: {shown(value)} is more than {maximum:g}")
    return number


def check_amount(
    value: Any, name: str, *, cost: bool = False, positive: bool = False
) -> float | None:
    """Hours or money (``cost``): ``None``, or a finite number from 0 (above 0 with
    ``positive``) to :data:`MAX_HOURS` or :data:`MAX_COST`."""
    if value is None:
        return None
    return check_number(value, name, above=positive, maximum=MAX_COST if cost else MAX_HOURS)


def check_count(value: Any, name: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number from ``minimum`` to ``maximum`` (``True`` is not one)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise UsageError(f"{name}: {shown(value)} is not a whole number")
    number = int(value)
    if number < minimum or (maximum is not None and number > maximum):
        top = f" to {maximum}" if maximum is not None else " or more"
        raise UsageError(f"{name}: {number} is not {minimum}{top}")
    return number


def check_choice(value: Any, name: str, choices: Collection[str]) -> str:
    """One of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise UsageError(f"{name}: {shown(value)} is not one of {', '.join(sorted(choices))}")
    return value


def check_text(value: Any, name: str) -> str:
    """Non-empty text (a code, a month)."""
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{name}: give text, not {shown(value)}")
    return value


def check_path(value: Any, name: str) -> Path:
    """A file or folder path given as text or a path object (not bytes, not a number)."""
    if isinstance(value, str | PathLike):
        path = fspath(value)
        if isinstance(path, str) and path.strip() and "\x00" not in path:
            return Path(path)
    raise UsageError(f"{name}: give a file or folder path as text, not {shown(value)}")


def check_paths(value: Any, name: str) -> list[Path] | None:
    """One path or several, as a list (``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, str | PathLike):
        return [check_path(value, name)]
    if isinstance(value, bytes | bytearray) or not hasattr(value, "__iter__"):
        raise UsageError(f"{name}: give a file or folder path as text, not {shown(value)}")
    return [check_path(v, name) for v in value]


def check_lang(value: Any) -> str | None:
    """A report language (``en``, ``zh-TW``, also ``zh``, ``zh-Hant``) or ``None``."""
    if value is None:
        return None
    from curriculum.i18n import normalize_lang

    if not isinstance(value, str):
        raise UsageError(f"lang: give en or zh-TW, not {shown(value)}")
    try:
        return normalize_lang(value)
    except ValueError as exc:
        raise UsageError(f"lang: {exc}") from None


def check_flag(value: Any, name: str) -> bool:
    """``value`` when it is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise UsageError(f"{name}: give True or False, not {shown(value)}")
    return value


def check_instance(value: Any, name: str, kind: type, default: Any = None) -> Any:
    """``value`` when it is a ``kind`` (``default`` for ``None``)."""
    if value is None:
        return default
    if not isinstance(value, kind):
        raise UsageError(f"{name}: give a {kind.__name__}, not {shown(value)}")
    return value


def checked_fields(kind: Any, **fields: Any) -> Any:
    """``kind(**fields)`` for a pydantic class whose own checks raise
    :class:`~curriculum.errors.UsageError`; its type errors (a ``ValueError``) become
    one too, naming the first field refused."""
    try:
        return kind(**fields)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        first = errors(include_url=False)[0] if callable(errors) else None
        if first is None:
            raise UsageError(str(exc)) from None
        where = ".".join(str(p) for p in first.get("loc", ())) or kind.__name__
        raise UsageError(f"{where}: {first.get('msg', 'invalid')}") from None


def check_review_options(options: Any) -> None:
    """A review's switches and thresholds, by the rules of ``review``'s options:
    ``min_courses`` a whole number from 0, ``min_hours`` a finite number from 0,
    ``max_items_per_hour`` above 0."""
    for name in ("attitudes", "indicators", "strict", "doubtful"):
        check_flag(getattr(options, name), name)
    check_count(options.min_courses, "min_courses")
    check_number(options.min_hours, "min_hours")
    check_number(options.max_items_per_hour, "max_items_per_hour", above=True)
