"""The domain model: competency standards and course catalogues (pydantic v2).

Every model is immutable and rejects unknown keys, so that a typo in a data file
(``hour:`` for ``hours:``) is an error instead of a silently ignored field.
Cross-references inside one standard (a task naming an item the standard does not
define, duplicate codes, levels outside the scale) are checked here; references
between files (a course claiming an item of a standard) are checked by
:mod:`curriculum.library`.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from curriculum.errors import ConfusableCodeWarning, KeyedValueError
from curriculum.model.codes import (
    CodeIndex,
    code_key,
    code_problem,
    invisible_character,
    lookalike,
    normalize_code,
    normalize_course_code,
)
from curriculum.model.periods import MAX_PERIODS, normalize_label, parse_date
from curriculum.model.requisites import parse_requisites, split_corequisites

ItemKind = Literal["K", "S", "A"]
KIND_NAMES: dict[str, str] = {"K": "knowledge", "S": "skill", "A": "attitude"}


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
        raise ValueError(problem)
    return value


def _check_course_code(value: str) -> str:
    problem = code_problem(value, course=True)
    if problem:
        raise ValueError(problem)
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
        raise ValueError("a number is expected, not true/false")
    return value


NoBool = BeforeValidator(_not_bool)


class Frozen(BaseModel):
    """Base of every model: immutable, strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------- standard


class VersionEntry(Frozen):
    """One row of a standard's version table."""

    version: str
    code: Code
    name: str
    status: str | None = None
    note: str | None = None
    date: str | None = None


class Classification(Frozen):
    """A classification of the standard (職類別, 職業別, 行業別, ...)."""

    kind: str
    name: str | None = None
    code: str | None = None


class Output(Frozen):
    """A work output (工作產出) of a task."""

    code: Code | None = None
    name: str


class Indicator(Frozen):
    """A behaviour indicator (行為指標) of a task."""

    code: Code
    text: str


class Task(Frozen):
    """A task (工作任務): what is produced, how it is judged, what it needs."""

    code: Code
    name: str
    level: Annotated[int | float | None, NoBool] = None
    outputs: tuple[Output, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    knowledge: tuple[Code, ...] = ()
    skills: tuple[Code, ...] = ()
    meta: dict[str, Any] = Field(default_factory=dict)

    @property
    def items(self) -> tuple[str, ...]:
        """The K and S codes the task needs, knowledge first."""
        return self.knowledge + self.skills

    @property
    def electives(self) -> tuple[str, ...]:
        """The items the task lists as optional (``meta.optional``, written by the
        table importer for ``essential: no``): electives, not required."""
        optional = self.meta.get("optional")
        if not isinstance(optional, list | tuple):
            return ()
        return tuple(str(code) for code in optional)


class Duty(Frozen):
    """A duty (主要職責) grouping tasks."""

    code: Code
    name: str
    tasks: tuple[Task, ...]


class Item(Frozen):
    """A competency item: knowledge (K), skill (S) or attitude (A)."""

    code: Code
    kind: ItemKind
    name: str
    description: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)


class Note(Frozen):
    """A line of the notes (說明與補充事項); ``depth`` keeps the list nesting.

    ``section`` names the part of the notes the line comes from when the source
    says so (``prerequisites``, ``supplements`` in iCAP parser output).
    """

    text: str
    depth: int = Field(default=0, ge=0)
    section: str | None = None


class Standard(Frozen):
    """An occupational competency standard (職能基準).

    ``names`` keeps the document's name fields as written (for iCAP, 職類 and
    職業, one of which is filled in); ``classifications`` keeps the category,
    occupation and industry names with their codes.
    """

    code: Code
    name: str
    title: str | None = None
    framework: str = "icap"
    language: str = "zh-TW"
    version: str | None = None
    level: Annotated[int | float | None, NoBool] = None
    level_scale: tuple[int | float, int | float] = (1, 6)
    versions: tuple[VersionEntry, ...] = ()
    names: dict[str, str | None] = Field(default_factory=dict)
    classifications: tuple[Classification, ...] = ()
    description: str | None = None
    duties: tuple[Duty, ...]
    items: tuple[Item, ...]
    notes: tuple[Note, ...] = ()
    source: dict[str, Any] = Field(default_factory=dict)
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Standard:
        problems: list[str] = []
        low, high = self.level_scale
        if low > high:
            problems.append(f"level_scale {self.level_scale} is empty")

        def level_ok(where: str, level: float | None) -> None:
            if level is not None and (not math.isfinite(level) or not low <= level <= high):
                scale = f"{_num(low)}–{_num(high)}"
                problems.append(f"{where}: level {_num(level)} is outside {scale}")

        level_ok("standard", self.level)
        kinds = {item.code: item.kind for item in self.items}
        for what, codes in (
            ("item", [i.code for i in self.items]),
            ("duty", [d.code for d in self.duties]),
            ("task", [t.code for t in self.tasks]),
            ("indicator", [p.code for t in self.tasks for p in t.indicators]),
        ):
            for code, count in sorted(Counter(code_key(c) for c in codes).items()):
                if count > 1:
                    spelt = sorted({c for c in codes if code_key(c) == code})
                    problems.append(f"duplicate {what} code {' / '.join(spelt)}")
        for task in self.tasks:
            level_ok(f"task {task.code}", task.level)
            for kind, listed in (("K", task.knowledge), ("S", task.skills)):
                for code, count in sorted(Counter(listed).items()):
                    if count > 1:
                        problems.append(f"task {task.code} lists {code} twice")
                for code in listed:
                    if code in task.electives:
                        problems.append(f"task {task.code} lists {code} as required and optional")
                    if code not in kinds:
                        problems.append(
                            f"task {task.code} names {code}, which the standard does not define"
                        )
                    elif kinds[code] != kind:
                        problems.append(
                            f"task {task.code} lists {code} as {KIND_NAMES[kind]} "
                            f"but it is defined as {KIND_NAMES[kinds[code]]}"
                        )
            problems += [
                f"task {task.code} names optional item {code}, which the standard does not define"
                for code in task.electives
                if code not in kinds
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # ---- look-ups (computed once; the model is immutable)

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        """Every task, in document order."""
        return tuple(task for duty in self.duties for task in duty.tasks)

    @cached_property
    def item_index(self) -> dict[str, Item]:
        """Items by code."""
        return {item.code: item for item in self.items}

    @cached_property
    def codes(self) -> CodeIndex:
        """Every code the standard defines (items, duties, tasks), found in any case."""
        return CodeIndex(
            [self.code]
            + [i.code for i in self.items]
            + [d.code for d in self.duties]
            + [t.code for t in self.tasks]
        )

    def find_item(self, code: str) -> Item | None:
        """The item whose code matches ``code`` in any case or width, or ``None``."""
        return self.item_index.get(self.codes.resolve(code))

    @cached_property
    def task_index(self) -> dict[str, Task]:
        """Tasks by code."""
        return {task.code: task for task in self.tasks}

    @cached_property
    def duty_index(self) -> dict[str, Duty]:
        """Duties by code."""
        return {duty.code: duty for duty in self.duties}

    def items_of_kind(self, kind: str) -> tuple[Item, ...]:
        """The items of one kind (``"K"``, ``"S"`` or ``"A"``) in document order."""
        return tuple(item for item in self.items if item.kind == kind)

    def duty_of(self, task_code: str) -> Duty:
        """The duty a task belongs to."""
        for duty in self.duties:
            if any(task.code == task_code for task in duty.tasks):
                return duty
        raise KeyError(task_code)

    def expand_targets(self, targets: Iterable[str]) -> tuple[Task, ...]:
        """The tasks named by task or duty codes (all tasks when none are given).

        Raises
        ------
        KeyError
            With the first code that is neither a task nor a duty.
        """
        codes = [self.codes.resolve(t) for t in targets]
        if not codes:
            return self.tasks
        chosen: dict[str, Task] = {}
        for code in codes:
            if code in self.task_index:
                chosen[code] = self.task_index[code]
            elif code in self.duty_index:
                for task in self.duty_index[code].tasks:
                    chosen[task.code] = task
            else:
                raise KeyError(code)
        return tuple(t for t in self.tasks if t.code in chosen)

    def replaced_by(self, code: str) -> VersionEntry | None:
        """The version-table entry of this standard when ``code`` is an older one."""
        if any(v.code == code for v in self.versions) and code != self.code:
            return next((v for v in self.versions if v.code == self.code), None)
        return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# --------------------------------------------------------------------------- courses


class Session(Frozen):
    """A dated run of a course: its first and last day (inclusive)."""

    start: Annotated[date, BeforeValidator(parse_date)]
    end: Annotated[date, BeforeValidator(parse_date)]
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Session:
        if self.end < self.start:
            raise KeyedValueError("model.session_order", end=self.end, start=self.start)
        return self


Requisites = Annotated[tuple[tuple[CourseCode, ...], ...], BeforeValidator(parse_requisites)]
PeriodLabel = Annotated[str, BeforeValidator(normalize_label)]


class Course(Frozen):
    """A course of a provider's catalogue.

    ``covers`` maps a standard code to the item codes the course teaches. Item codes
    are local to their standard, so a claim always names the standard. ``cost`` is
    the price per participant; ``session_cost``, ``capacity`` and
    ``min_participants`` describe courses run as sessions (team planning).
    ``prerequisites`` and ``corequisites`` are requirements, each a tuple of
    alternative course codes (:mod:`curriculum.model.requisites`): a
    prerequisite is taken in an earlier period, a corequisite in an earlier or
    the same period, a ``same_term`` requirement in the same period (a lecture
    and its lab). ``offered`` lists the periods the course runs in (``None``:
    every period) and ``sessions`` its dated runs (:mod:`curriculum.model.periods`).
    ``count`` is how many times a placeholder course is taken (an elective slot
    such as "Technical Elective" three times): a fixed curriculum schedules it as
    that many courses.
    """

    code: CourseCode
    title: str
    hours: Hours = Field(ge=0, le=MAX_HOURS, allow_inf_nan=False)
    cost: Amount | None = Field(default=None, ge=0, le=MAX_COST, allow_inf_nan=False)
    level: Annotated[int | float | None, BeforeValidator(parse_number)] = Field(
        default=None, ge=0, allow_inf_nan=False
    )
    covers: dict[Code, tuple[Code, ...]] = Field(default_factory=dict)
    provider: str | None = None
    session_cost: Amount | None = Field(default=None, ge=0, le=MAX_COST, allow_inf_nan=False)
    capacity: Count | None = Field(default=None, ge=1, le=1_000_000)
    min_participants: Count | None = Field(default=None, ge=1, le=1_000_000)
    prerequisites: Requisites = ()
    corequisites: Requisites = ()
    same_term: Requisites = ()
    count: Count = Field(default=1, ge=1, le=MAX_COUNT)
    offered: tuple[PeriodLabel, ...] | None = Field(default=None, max_length=MAX_PERIODS)
    sessions: tuple[Session, ...] = Field(default=(), max_length=1000)
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _corequisite_kinds(cls, data: Any) -> Any:
        """``corequisites: {strict: [...], loose: [...]}``: strict ones are same-term."""
        if isinstance(data, dict) and isinstance(data.get("corequisites"), dict):
            return {**data, **split_corequisites(data["corequisites"], data.get("same_term"))}
        return data

    @model_validator(mode="after")
    def _check(self) -> Course:
        own = code_key(self.code)
        for requirement in (*self.prerequisites, *self.corequisites, *self.same_term):
            if any(code_key(c) == own for c in requirement):
                raise KeyedValueError("model.own_prerequisite", code=self.code)
        if self.offered is not None and not self.offered:
            raise KeyedValueError("model.offered_empty", code=self.code)
        for standard, items in self.covers.items():
            if len(set(items)) == len(items):
                continue
            dupes = sorted(c for c, n in Counter(items).items() if n > 1)
            if dupes:
                raise KeyedValueError(
                    "model.claims_twice", code=self.code, items=", ".join(dupes), standard=standard
                )
        if (
            self.capacity is not None
            and self.min_participants is not None
            and self.min_participants > self.capacity
        ):
            raise KeyedValueError(
                "model.capacity",
                code=self.code,
                least=self.min_participants,
                capacity=self.capacity,
            )
        return self

    def items_for(self, standard: str) -> tuple[str, ...]:
        """The item codes the course claims for one standard."""
        return self.covers.get(standard, ())

    @property
    def price(self) -> float | None:
        """What one participant costs when planned alone: cost plus session cost."""
        if self.cost is None and self.session_cost is None:
            return None
        return (self.cost or 0) + (self.session_cost or 0)


class Catalogue(Frozen):
    """A provider's course catalogue."""

    provider: str | None = None
    currency: str = "TWD"
    description: str | None = None
    courses: tuple[Course, ...]
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Catalogue:
        keys = Counter(code_key(x.code) for x in self.courses)
        dupes = sorted({x.code for x in self.courses if keys[code_key(x.code)] > 1})
        if dupes:
            raise KeyedValueError("model.duplicate", codes=", ".join(dupes))
        return self
