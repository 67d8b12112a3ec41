"""A provider's programme submitted for accreditation review, and its loader.

A programme names a standard, optional targets (tasks or duties; none means the
whole standard) and its courses. Each course is one of

- a code of a course in a loaded catalogue (``CS-102``);
- a reference to such a course that adds assessments
  (``{code: CS-102, assessments: {P1.2.1: [實作]}}``);
- an inline course in the catalogue format (:class:`curriculum.model.Course`),
  optionally split into ``units`` and mapping behaviour indicators to
  ``assessments``.

The file's structure is checked strictly (unknown keys are errors, free-form
fields go under ``meta:``); what the courses *claim* is judged by
:mod:`curriculum.review`, which reports problems as findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from curriculum.errors import DataFileError
from curriculum.io.source import validate
from curriculum.io.tables import read_mapping
from curriculum.model.standard import Code, Course, Frozen


def _methods(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


Assessments = dict[Code, Annotated[tuple[str, ...], BeforeValidator(_methods)]]
"""Behaviour indicator code → assessment methods (實作, 書面報告, ...)."""


class Unit(Frozen):
    """A part of a course with its own hours and claims."""

    title: str
    hours: float = Field(gt=0, allow_inf_nan=False)
    covers: dict[Code, tuple[Code, ...]] = Field(default_factory=dict)
    meta: dict[str, Any] = Field(default_factory=dict)


class ProgrammeCourse(Course):
    """An inline course: a catalogue course plus optional units and assessments.

    When ``units`` are given the course's coverage is the union of its own
    ``covers`` and its units' claims, and ``hours`` may be left out (it is then the
    sum of the units' hours); when both are given they must agree.
    """

    hours: float = Field(gt=0, allow_inf_nan=False)
    units: tuple[Unit, ...] = ()
    assessments: Assessments = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _hours_from_units(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "hours" not in data and data.get("units"):
            units = data["units"]
            if isinstance(units, list) and all(
                isinstance(u, Mapping) and isinstance(u.get("hours"), int | float) for u in units
            ):
                return {**data, "hours": sum(u["hours"] for u in units)}
        return data

    @model_validator(mode="after")
    def _check_units(self) -> ProgrammeCourse:
        if self.units:
            total = sum(u.hours for u in self.units)
            if abs(total - self.hours) > 1e-9:
                raise ValueError(
                    f"course {self.code}: hours {self.hours:g} differ from the sum of its "
                    f"units' hours {total:g}"
                )
        return self

    def claims(self, standard: str) -> tuple[str, ...]:
        """Every item claimed for ``standard`` by the course or its units, in order."""
        found = list(self.items_for(standard))
        for unit in self.units:
            found += unit.covers.get(standard, ())
        return tuple(dict.fromkeys(found))

    def hours_for(self, standard: str, item: str) -> float:
        """The hours that teach ``item``: the whole course if it claims it itself,
        else the sum of the units that claim it."""
        if item in self.items_for(standard):
            return self.hours
        return sum(u.hours for u in self.units if item in u.covers.get(standard, ()))


class CourseRef(Frozen):
    """A catalogue course used by the programme, with optional assessments."""

    code: Code
    assessments: Assessments = Field(default_factory=dict)


def _entry_kind(value: Any) -> str:
    if isinstance(value, str | int):
        return "code"
    if isinstance(value, Mapping) and not {"title", "hours", "units", "covers"} & set(value):
        return "ref"
    return "inline"


CourseEntry = Annotated[
    Annotated[Code, Tag("code")]
    | Annotated[CourseRef, Tag("ref")]
    | Annotated[ProgrammeCourse, Tag("inline")],
    Discriminator(_entry_kind),
]


class Programme(Frozen):
    """A programme as submitted: its standard, targets and courses."""

    name: str
    provider: str | None = None
    standard: Code
    targets: tuple[Code, ...] = ()
    courses: tuple[CourseEntry, ...]
    description: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Programme:
        if not self.courses:
            raise ValueError("a programme needs at least one course")
        codes = [entry_code(c) for c in self.courses]
        dupes = sorted(c for c, n in Counter(codes).items() if n > 1)
        if dupes:
            raise ValueError(f"course {', '.join(dupes)} listed more than once")
        return self


def entry_code(entry: str | CourseRef | ProgrammeCourse) -> str:
    """The course code of a programme entry."""
    return entry if isinstance(entry, str) else entry.code


def load_programme(path: Path) -> Programme:
    """Load a programme file (YAML or JSON).

    Raises
    ------
    DataFileError
        When the file cannot be read, is not valid YAML, or does not match the
        programme format (one line per problem).
    """
    path = Path(path)
    data = read_mapping(path, "a programme file must be a mapping with 'courses'")
    try:
        return validate(Programme, data, str(path))
    except DataFileError as exc:
        raise DataFileError(_TAG.sub("", str(exc))) from None


_TAG = re.compile(r"\.(?:code|ref|inline)(?=[.:])")
