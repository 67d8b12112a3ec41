"""What every result model shares: clean numbers, key order, the JSON dump and schema.

Results (plans, budgets, frontiers, team plans, reviews, standard diffs) are
frozen :func:`pydantic.dataclasses.dataclass` classes derived from
:class:`Output`. Their JSON is the model's dump (``mode="json"``, by alias); the
JSON Schema published under ``docs/schema/`` is generated from the same models,
so the two cannot disagree. Numbers go through
:func:`curriculum.numbers.clean_number` (float noise away, whole numbers as
integers); integers given to a ``Number`` field stay integers in Python.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, ClassVar

from pydantic import (
    ConfigDict,
    GetJsonSchemaHandler,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    TypeAdapter,
    WithJsonSchema,
    WrapValidator,
    model_serializer,
)
from pydantic.dataclasses import dataclass
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from curriculum.numbers import clean_number, fmt_num


def _keep_int(value: Any, handler: Any) -> Any:
    """Validate as ``float`` but keep an ``int`` as it is (6 stays 6)."""
    return value if type(value) is int else handler(value)


def _clean(value: float) -> int | float:
    return clean_number(value)


Number = Annotated[
    float,
    WrapValidator(_keep_int),
    PlainSerializer(_clean),
    WithJsonSchema({"type": "number"}),
]
"""A figure (hours, cost, weight, level): JSON gets ``clean_number`` of it."""

CONFIG = ConfigDict(
    extra="forbid",
    arbitrary_types_allowed=False,
    json_schema_serialization_defaults_required=True,
    defer_build=True,
)
"""Every result's pydantic config: keys are closed, and every dumped key is required."""


@dataclass(frozen=True, config=CONFIG)
class Output:
    """Base of every result: ordered JSON dump, ``summary()`` and ``__str__``.

    A subclass may set ``_json_keys`` to the order of its JSON keys (fields and
    computed fields, by alias); the dump then follows it, so that the output stays
    as documented whatever order the fields are declared in.
    """

    _json_keys: ClassVar[tuple[str, ...]] = ()
    _optional_keys: ClassVar[tuple[str, ...]] = ()
    _json_one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The generated schema, with the keys that may be absent not required."""
        json_schema = handler(core_schema)
        schema = handler.resolve_ref_schema(json_schema)
        left_out = {*cls._optional_keys, *(k for keys in cls._json_one_of for k in keys)}
        if left_out and "required" in schema:
            schema["required"] = [k for k in schema["required"] if k not in left_out]
        if cls._json_one_of:
            schema["oneOf"] = [{"required": list(keys)} for keys in cls._json_one_of]
        return json_schema

    @model_serializer(mode="wrap")
    def _ordered(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        # No return annotation on purpose: pydantic would take it as the dumped
        # shape, and the JSON Schema would lose the fields.
        data: dict[str, Any] = handler(self)
        for key in self._left_out():
            data.pop(key, None)
        if not self._json_keys:
            return data
        keys = [*self._json_keys, *(k for k in data if k not in self._json_keys)]
        return {key: data[key] for key in keys if key in data}

    def _left_out(self) -> tuple[str, ...]:
        """Keys this result leaves out of its JSON (none unless a subclass says so)."""
        return ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready data of this result: the model's dump (``mode="json"``)."""
        cls: type = type(self)
        data: dict[str, Any] = adapter(cls).dump_python(self, mode="json", by_alias=True)
        return data


@dataclass(frozen=True, config=CONFIG)
class Result(Output):
    """A result a command prints: it also reads as a few English lines."""

    def summary(self) -> str:
        """What the result is, its totals, its status and its gaps, in a few lines."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.summary()


@cache
def adapter(cls: type) -> TypeAdapter[Any]:
    """The (cached) pydantic adapter that dumps ``cls`` and gives its schema."""
    return TypeAdapter(cls)


def json_schema(cls: type, title: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of what ``cls`` dumps to."""
    schema = adapter(cls).json_schema(mode="serialization", by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **({"title": title} if title else {}),
        **schema,
    }


def covered(weight: float, coverable: float, weighted: bool) -> str:
    """``8 of 11 coverable items``, or ``weight 8.5 of 11 coverable`` when weighted."""
    if weighted:
        return f"weight {fmt_num(weight)} of {fmt_num(coverable)} coverable"
    return f"{fmt_num(weight)} of {fmt_num(coverable)} coverable items"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 course``, ``3 courses`` (``many`` for an irregular plural)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
