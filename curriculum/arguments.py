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

from curriculum.errors import Names, Phrase, Said, UsageError

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
        raise UsageError.keyed("arg.not_number", name=name, value=shown(value))
    number = float(value)
    if not math.isfinite(number):
        raise UsageError.keyed("arg.not_finite", name=name, value=shown(value))
    low = number <= minimum if above else number < minimum
    if low:
        key = "arg.not_above" if above else "arg.not_at_least"
        raise UsageError.keyed(key, name=name, value=shown(value), minimum=f"{minimum:g}")
    if maximum is not None and number > maximum:
        raise UsageError.keyed(
            "arg.more_than", name=name, value=shown(value), maximum=f"{maximum:g}"
        )
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
        raise UsageError.keyed("arg.not_whole", name=name, value=shown(value))
    number = int(value)
    if number < minimum or (maximum is not None and number > maximum):
        if maximum is None:
            raise UsageError.keyed("arg.not_from", name=name, value=number, minimum=minimum)
        raise UsageError.keyed(
            "arg.not_between", name=name, value=number, minimum=minimum, maximum=maximum
        )
    return number


def check_choice(value: Any, name: str, choices: Collection[str]) -> str:
    """One of ``choices``."""
    if not isinstance(value, str) or value not in choices:
        raise UsageError.keyed(
            "arg.not_choice", name=name, value=shown(value), choices=Names(sorted(choices))
        )
    return value


def check_text(value: Any, name: str) -> str:
    """Non-empty text (a code, a month)."""
    if not isinstance(value, str) or not value.strip():
        raise UsageError.keyed("arg.text", name=name, value=shown(value))
    return value


def check_path(value: Any, name: str) -> Path:
    """A file or folder path given as text or a path object (not bytes, not a number)."""
    if isinstance(value, str | PathLike):
        path = fspath(value)
        if isinstance(path, str) and path.strip() and "\x00" not in path:
            return Path(path)
    raise UsageError.keyed("arg.path", name=name, value=shown(value))


def check_paths(value: Any, name: str) -> list[Path] | None:
    """One path or several, as a list (``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, str | PathLike):
        return [check_path(value, name)]
    if isinstance(value, bytes | bytearray) or not hasattr(value, "__iter__"):
        raise UsageError.keyed("arg.path", name=name, value=shown(value))
    return [check_path(v, name) for v in value]


def check_lang(value: Any) -> str | None:
    """A report language (``en``, ``zh-TW``, also ``zh``, ``zh-Hant``) or ``None``."""
    if value is None:
        return None
    from curriculum.i18n import normalize_lang

    if not isinstance(value, str):
        raise UsageError.keyed("arg.lang", value=shown(value))
    try:
        return normalize_lang(value)
    except ValueError:
        raise UsageError.keyed("arg.lang", value=shown(value)) from None


def check_flag(value: Any, name: str) -> bool:
    """``value`` when it is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise UsageError.keyed("arg.flag", name=name, value=shown(value))
    return value


def check_instance(value: Any, name: str, kind: type, default: Any = None) -> Any:
    """``value`` when it is a ``kind`` (``default`` for ``None``)."""
    if value is None:
        return default
    if not isinstance(value, kind):
        raise UsageError.keyed("arg.instance", name=name, kind=kind.__name__, value=shown(value))
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
            raise UsageError.keyed("arg.problem", problem=Said(exc)) from None
        where = ".".join(str(p) for p in first.get("loc", ())) or kind.__name__
        raise UsageError.keyed("arg.problem", problem=FieldProblem(first, where)) from None


class FieldProblem(Phrase):
    """A pydantic problem of one field (``first`` of ``errors()``), worded in each
    language as the loaders word it (:func:`curriculum.io.validation_words.plain`)."""

    def __init__(self, error: Any, field: str) -> None:
        super().__init__()
        self.error, self.field = dict(error), field

    def text(self, lang: str) -> str:
        """The problem in ``lang`` (pydantic's own English after the field's name)."""
        if lang == "en":
            return f"{self.field}: {self.error.get('msg', 'invalid')}"
        from curriculum.io.validation_words import plain

        return plain(self.error, self.field, lang=lang)


def check_review_options(options: Any) -> None:
    """A review's switches and thresholds, by the rules of ``review``'s options:
    ``min_courses`` a whole number from 0, ``min_hours`` a finite number from 0,
    ``max_items_per_hour`` above 0."""
    for name in ("attitudes", "indicators", "strict", "doubtful"):
        check_flag(getattr(options, name), name)
    check_count(options.min_courses, "min_courses")
    check_number(options.min_hours, "min_hours")
    check_number(options.max_items_per_hour, "max_items_per_hour", above=True)
