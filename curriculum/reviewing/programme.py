"""A provider's programme submitted for accreditation review, and its loader.

A programme names a standard, optional targets (tasks or duties; none means the
whole standard) and its courses. Each course is one of

- a code of a course in a loaded catalogue (``CS-102``);
- a reference to such a course that adds assessments
  (``{code: CS-102, assessments: {P1.2.1: [實作]}}``);
- an inline course in the catalogue format (:class:`curriculum.model.Course`),
  optionally split into ``units`` and mapping behaviour indicators to
  ``assessments``.

A programme may say when its courses are taught: ``ordered: true`` (the courses
are taught one after another, as listed) or a ``period`` on every course entry
(a number, or a dated label such as ``2027-Q1``; courses of one period are taught
together). ``entry_requirements`` lists the courses its learners already hold.

The file's structure is checked strictly (unknown keys are errors, free-form
fields go under ``meta:``); what the courses *claim* is judged by
:mod:`curriculum.review`, which reports problems as findings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, Tag, model_validator

from curriculum.errors import DataFileError, KeyedValueError, Names, Phrase
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext
from curriculum.io.source import is_xlsx, parse_yaml, read_text, validate, yaml_locator
from curriculum.io.tables import Table, read_table, split_list
from curriculum.model.codes import code_key
from curriculum.model.fields import Code, CourseCode, Frozen
from curriculum.model.periods import normalize_label
from curriculum.model.standard import Course


def _methods(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


Assessments = dict[Code, Annotated[tuple[str, ...], BeforeValidator(_methods)]]
"""Behaviour indicator code → assessment methods (實作, 書面報告, ...)."""


def period_kind(label: str) -> str:
    """The kind of a normalised programme period: ``number``, ``month``, ``quarter``
    or ``semester``."""
    if label.isdigit():
        return "number"
    return {"Q": "quarter", "S": "semester"}.get(label[5], "month")


def period_key(label: str) -> tuple[int, int]:
    """A key ordering programme periods of one kind in time."""
    if label.isdigit():
        return (int(label), 0)
    return (int(label[:4]), int(label[5:].lstrip("QS")))


def _programme_period(value: Any) -> Any:
    label = normalize_label(value)
    if isinstance(label, str) and not label.isdigit() and "-" not in label:
        raise KeyedValueError("programme.no_year", label=repr(value))
    return label


ProgrammePeriod = Annotated[str, BeforeValidator(_programme_period)]
"""When a programme teaches a course: a number (1, 2, …) or a dated label."""


class Unit(Frozen):
    """A part of a course with its own hours and claims."""

    title: str
    hours: float = Field(ge=0, allow_inf_nan=False)
    covers: dict[Code, tuple[Code, ...]] = Field(default_factory=dict)
    meta: dict[str, Any] = Field(default_factory=dict)


class ProgrammeCourse(Course):
    """An inline course: a catalogue course plus optional units and assessments.

    When ``units`` are given the course's coverage is the union of its own
    ``covers`` and its units' claims, and ``hours`` may be left out (it is then the
    sum of the units' hours); when both are given they must agree.
    """

    hours: float = Field(ge=0, allow_inf_nan=False)
    units: tuple[Unit, ...] = ()
    assessments: Assessments = Field(default_factory=dict)
    period: ProgrammePeriod | None = None

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
                raise KeyedValueError(
                    "programme.unit_hours",  # the location names the course
                    hours=f"{self.hours:g}",
                    total=f"{total:g}",
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

    code: CourseCode
    assessments: Assessments = Field(default_factory=dict)
    period: ProgrammePeriod | None = None


def _entry_kind(value: Any) -> str:
    if isinstance(value, str | int):
        return "code"
    if isinstance(value, Mapping) and not {"title", "hours", "units", "covers"} & set(value):
        return "ref"
    return "inline"


ENTRY_TAGS = ("ref", "inline")
"""The tags of a course entry that a problem's location leaves out: ``course Q: hours``,
not ``course Q.inline: hours`` (``code`` stays: a code given alone is its ``code``)."""

CourseEntry = Annotated[
    Annotated[CourseCode, Tag("code")]
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
    ordered: bool = False
    entry_requirements: tuple[CourseCode, ...] = ()
    description: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Programme:
        if not self.courses:
            raise KeyedValueError("programme.empty")
        keys = [code_key(entry_code(c)) for c in self.courses]
        dupes = sorted(
            {entry_code(c) for c, k in zip(self.courses, keys, strict=True) if keys.count(k) > 1}
        )
        if dupes:
            raise KeyedValueError("programme.twice", codes=Names(dupes))
        _check_periods(self)
        return self


def entry_code(entry: str | CourseRef | ProgrammeCourse) -> str:
    """The course code of a programme entry."""
    return entry if isinstance(entry, str) else entry.code


def entry_period(entry: str | CourseRef | ProgrammeCourse) -> str | None:
    """The period a programme entry gives, if any."""
    return None if isinstance(entry, str) else entry.period


def _check_periods(programme: Programme) -> None:
    periods = [entry_period(c) for c in programme.courses]
    given = [p for p in periods if p is not None]
    if not given:
        return
    if programme.ordered:
        raise KeyedValueError("programme.ordered_and_periods")
    missing = [entry_code(c) for c, p in zip(programme.courses, periods, strict=True) if p is None]
    if missing:
        raise KeyedValueError("programme.no_period", codes=Names(missing))
    kinds = sorted({period_kind(p) for p in given})
    if len(kinds) > 1:
        raise KeyedValueError("programme.mixed_periods", kinds=_Kinds(kinds))


class _Kinds(Phrase):
    """Kinds of periods (``months and quarters``) in the words of a language."""

    def __init__(self, kinds: list[str]) -> None:
        super().__init__()
        self.kinds = kinds

    def text(self, lang: str) -> str:
        """The kinds in ``lang``."""
        t = Text(lang)
        return t("programme.and").join(t(f"programme.kind.{k}") for k in self.kinds)


PROGRAMME_COLUMNS = (
    "name",
    "provider",
    "standard",
    "targets",
    "course",
    "period",
    "entry_requirements",
)
PROGRAMME_ALIASES = {
    "programme": "name",
    "program": "name",
    "方案名稱": "name",
    "課程方案": "name",
    "提供者": "provider",
    "訓練單位": "provider",
    "職能基準": "standard",
    "目標": "targets",
    "code": "course",
    "課程代碼": "course",
    "課程": "course",
    "期別": "period",
    "entry requirements": "entry_requirements",
    "入學條件": "entry_requirements",
}
"""Other names of the programme table's columns (zh-TW and English)."""


def load_programme(path: Path, context: ReadContext | None = None) -> Programme:
    """Load a programme file: YAML or JSON, or a CSV or XLSX table.

    A table has one catalogue course a row (column ``course``); ``name``,
    ``provider``, ``standard`` and ``targets`` may be given on any rows and must
    agree where given.

    Raises
    ------
    DataFileError
        When the file cannot be read, is not valid YAML, or does not match the
        programme format (one located line per problem, with suggestions for
        misspelt keys).
    UsageError
        When ``path`` is not text or a path object.
    """
    from curriculum.arguments import check_path

    path = check_path(path, "path")
    if path.suffix.lower() in (".csv", ".xlsx") or is_xlsx(path, context):
        data = _programme_table(read_table(path, context=context))
        locate = None
    else:
        text = read_text(path, context)
        data = parse_yaml(text, str(path))
        if not isinstance(data, Mapping):
            raise DataFileError.keyed("programme.not_mapping", path=path)
        locate = yaml_locator(text, str(path))
    try:
        return validate(Programme, data, str(path), locate, tags=ENTRY_TAGS)
    except DataFileError as exc:
        error = DataFileError(_TAG.sub("", str(exc)))
        error.spoken = exc.spoken
        raise error from None


def _programme_table(table: Table) -> dict[str, Any]:
    table.check_columns(PROGRAMME_COLUMNS, ("course",), aliases=PROGRAMME_ALIASES)
    problems: list[str] = []
    fields: dict[str, str] = {}
    courses: list[Any] = []
    for row in table.records(problems):
        for key in ("name", "provider", "standard", "targets", "entry_requirements"):
            value = row.cells.get(key, "")
            if value and fields.setdefault(key, value) != value:
                problems.append(
                    Text(run_lang())(
                        "programme.differs",
                        at=table.cell_at(row.number, key),
                        field=key,
                        value=repr(value),
                        above=repr(fields[key]),
                    )
                )
        if row.cells.get("course"):
            period = row.cells.get("period")
            code = row.cells["course"]
            courses.append({"code": code, "period": period} if period else code)
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = True  # worded in the run's language (table problems are too)
        raise error
    lists = ("targets", "entry_requirements")
    data: dict[str, Any] = {k: v for k, v in fields.items() if k not in lists}
    data.setdefault("name", Path(table.source).stem)
    for key in lists:
        if key in fields:
            data[key] = list(split_list(fields[key]))
    data["courses"] = courses
    return data


_TAG = re.compile(r"\.(?:code|ref|inline)(?=[.:：])")
