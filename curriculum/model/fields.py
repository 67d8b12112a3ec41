"""The building blocks of every model: codes, numbers as people type them, limits, and
the immutable base class (pydantic v2)."""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from curriculum.errors import ConfusableCodeWarning, KeyedValueError
from curriculum.model.codes import (
    code_problem,
    invisible_character,
    lookalike,
    normalize_code,
    normalize_course_code,
)


def _code(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return normalize_code(value) if isinstance(value, str) else value


def _visible(value: str) -> str:
    bad = invisible_character(value)
    if bad is not None:
        raise KeyedValueError("model.invisible", code=ascii(value), what=bad)
    similar = lookalike(value)
    if similar is not None:
        warnings.warn(
            ConfusableCodeWarning.keyed("warning.mixed_scripts", code=value, letter=similar),
            stacklevel=2,
        )
    return value


def _course_code(value: Any) -> Any:
    value = _code(value)
    return normalize_course_code(value) if isinstance(value, str) else value


def _check_code(value: str) -> str:
    problem = code_problem(value)
    if problem:
        raise problem
    return value


def _check_course_code(value: str) -> str:
    problem = code_problem(value, course=True)
    if problem:
        raise problem
    return value


Code = Annotated[str, BeforeValidator(_code), AfterValidator(_check_code), AfterValidator(_visible)]
"""A code (standard, duty, task, item): NFKC-normalised, no spaces, list separators or
invisible characters; a code mixing Latin with look-alike letters is warned about."""


CourseCode = Annotated[
    str,
    BeforeValidator(_course_code),
    AfterValidator(_check_course_code),
    AfterValidator(_visible),
]
"""A course code: NFKC-normalised, spaces allowed (one between words), no list separators."""


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def parse_number(value: Any) -> Any:
    """A number as people type it: full width folded, ``15,000`` read as 15000.

    Anything else is returned unchanged for pydantic to judge.
    """
    _not_bool(value)
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip().replace("，", ",")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    return text


Hours = Annotated[float, BeforeValidator(parse_number)]


Amount = Annotated[float, BeforeValidator(parse_number)]


Count = Annotated[int, BeforeValidator(parse_number)]


MAX_HOURS = 100_000
"""The most hours one course may have (the solver counts minutes in 64-bit integers)."""


MAX_COUNT = 100
"""The most times one placeholder course (``count``) may be taken."""


MAX_COST = 10_000_000_000
"""The largest cost or session cost of one course (the solver counts cents)."""


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise KeyedValueError("model.bool_number")
    return value


NoBool = BeforeValidator(_not_bool)


class Frozen(BaseModel):
    """Base of every model: immutable, strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
