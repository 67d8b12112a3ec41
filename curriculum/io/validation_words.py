"""Pydantic's validation problems in the run's language.

Pydantic words its problems in English (``Input should be a valid dictionary``);
:func:`plain` rewords them by their type (``dict_type``, ``greater_than_equal``)
from the catalogue, naming the field and the value given. A model validator's
:class:`~curriculum.errors.KeyedValueError` speaks its own key. The English stays
pydantic's, as the Python API has always shown it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from curriculum.errors import KeyedValueError, Phrase
from curriculum.i18n import Text

NUMBER_TYPES = ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float")

KEYS = {
    "greater_than": ("pydantic.greater_than", "gt"),
    "greater_than_equal": ("pydantic.greater_than_equal", "ge"),
    "less_than": ("pydantic.less_than", "lt"),
    "less_than_equal": ("pydantic.less_than_equal", "le"),
    "string_type": ("pydantic.string_type", None),
    "dict_type": ("pydantic.dict_type", None),
    "model_type": ("pydantic.dict_type", None),
    "model_attributes_type": ("pydantic.dict_type", None),
    "list_type": ("pydantic.list_type", None),
    "tuple_type": ("pydantic.list_type", None),
    "set_type": ("pydantic.list_type", None),
    "bool_parsing": ("pydantic.bool", None),
    "bool_type": ("pydantic.bool", None),
    "literal_error": ("pydantic.literal_error", "expected"),
    "enum": ("pydantic.literal_error", "expected"),
    "string_too_short": ("pydantic.string_too_short", "min_length"),
    "string_too_long": ("pydantic.string_too_long", "max_length"),
    "too_short": ("pydantic.too_short", "min_length"),
    "too_long": ("pydantic.too_long", "max_length"),
    "date_from_datetime_parsing": ("pydantic.date", None),
    "date_parsing": ("pydantic.date", None),
    "date_type": ("pydantic.date", None),
    "string_pattern_mismatch": ("pydantic.pattern", None),
}
"""Pydantic's error types the catalogue words, with the context value each names."""


class PlainProblem(Phrase):
    """A pydantic problem as a piece of a message, worded by :func:`plain` in the
    language the message is worded in."""

    def __init__(self, error: Mapping[str, Any], field: str | None) -> None:
        super().__init__("pydantic.entry")
        self.error, self.field = error, field

    def text(self, lang: str) -> str:
        return plain(self.error, self.field, lang=lang)


def course_field(name: str, lang: str) -> str:
    """A course's field as a zh-TW reader knows it: the heading of the catalogue template
    (``時數`` for ``hours``, the column a provider filled in); in English, and for any
    other name, the key itself (``hours``, ``meta.venue``)."""
    t = Text(lang)
    if t.zh:
        try:
            return t(f"template.head.{name}")
        except KeyError:  # not a column of the template: the key as written
            pass
    return name


def field_named(loc: Sequence[Any], field: str | None, lang: str) -> str | None:
    """How a problem at ``loc`` names its ``field``: a catalogue course's by
    :func:`course_field`, any other by its key."""
    if field is not None and len(loc) == 3 and loc[0] == "courses":
        return course_field(field, lang)
    return field


def plain(
    error: Mapping[str, Any], field: str | None, fractional: bool = False, lang: str = "en"
) -> str:
    """Pydantic's message in plain words of ``lang``, naming the field and the value given.

    ``field`` ``None`` (or empty): the problem's location names no field, as an entry
    of a list (``courses[0]``) or the whole document; the problem then speaks of
    "this entry" (``此筆資料``), or words a model validator's problem alone.
    """
    kind, value = error["type"], error.get("input")
    shown = f"{value!r}" if isinstance(value, str | int | float) else ""
    cause = (error.get("ctx") or {}).get("error")
    if kind == "value_error" and isinstance(cause, KeyedValueError):
        said = cause.localized(lang)
        if not field or str(cause).startswith(f"{field} "):  # the English names it
            return said
        return field + Text(lang).colon + said
    if lang != "en":
        return _translated(Text(lang), kind, error, field, shown, fractional)
    named = field or Text(lang)("pydantic.entry")
    if kind in NUMBER_TYPES:
        whole = kind.startswith("int") and kind != "int_from_float" and not fractional
        what = "a whole number" if whole else "a number"
        return f"{named} should be {what}, not {shown}" if shown else f"{named} should be {what}"
    if kind in ("tuple_type", "set_type"):  # a list, as a file's reader writes it
        message = Text(lang)("pydantic.list_type", field=named)
        return message + (f" (got {shown})" if shown else "")
    message = str(error["msg"]).removeprefix("Value error, ")
    if message.startswith("Input should"):
        message = f"{named} should" + message.removeprefix("Input should")
        if shown and kind != "missing":
            message += f" (got {shown})"
    elif kind == "value_error" and field and not message.startswith(f"{field} "):
        message = f"{field}: {message}"
    return message


def _translated(
    t: Text, kind: str, error: Mapping[str, Any], field: str | None, shown: str, fractional: bool
) -> str:
    """The problem worded by the catalogue; pydantic's English when it has no words for it."""
    got = t("pydantic.got", value=shown) if shown else ""
    if kind in NUMBER_TYPES:
        whole = kind.startswith("int") and kind != "int_from_float" and not fractional
        return _about(t, "pydantic.whole" if whole else "pydantic.number", field) + got
    found = KEYS.get(kind)
    if found is None:
        return plain(error, field, fractional)
    key, name = found
    limit = (error.get("ctx") or {}).get(name) if name else None
    if kind in ("literal_error", "enum") and isinstance(limit, str):
        limit = limit.replace(" or ", t.comma).replace(", ", t.comma)
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if kind == "string_too_short" and limit == 1:
        key = "pydantic.empty"
    return _about(t, key, field, limit=limit) + got


def _about(t: Text, key: str, field: str | None, **values: Any) -> str:
    """The catalogue's ``key`` (``{field} 應為…``) about ``field``, else about "this entry"
    (``此筆資料應為…``, ``時數應為…``: no space between the words of Chinese)."""
    named = field or t("pydantic.entry")
    text = t(key, field=named, **values)
    if t.zh and named[-1] > "\u2e7f":  # a Chinese name (時數, 此筆資料): no space after it
        return text.replace(f"{named} ", named, 1)
    return text
