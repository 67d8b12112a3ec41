"""Courses and catalogues (pydantic v2): hours, cost, prerequisites, when a course is
offered and its sessions."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from curriculum.errors import KeyedValueError, Names
from curriculum.model.codes import (
    code_key,
)
from curriculum.model.fields import (
    MAX_COST,
    MAX_COUNT,
    MAX_HOURS,
    Amount,
    Code,
    Count,
    CourseCode,
    Frozen,
    Hours,
    parse_number,
)
from curriculum.model.periods import MAX_PERIODS, normalize_label, parse_date
from curriculum.model.requisites import parse_requisites, split_corequisites

Requisites = Annotated[tuple[tuple[CourseCode, ...], ...], BeforeValidator(parse_requisites)]
PeriodLabel = Annotated[str, BeforeValidator(normalize_label)]


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
        # the problems leave the course out: their location names it (course A1: …)
        own = code_key(self.code)
        for requirement in (*self.prerequisites, *self.corequisites, *self.same_term):
            if any(code_key(c) == own for c in requirement):
                raise KeyedValueError("model.own_prerequisite")
        if self.offered is not None and not self.offered:
            raise KeyedValueError("model.offered_empty")
        for standard, items in self.covers.items():
            if len(set(items)) == len(items):
                continue
            dupes = sorted(c for c, n in Counter(items).items() if n > 1)
            if dupes:
                raise KeyedValueError("model.claims_twice", items=Names(dupes), standard=standard)
        if (
            self.capacity is not None
            and self.min_participants is not None
            and self.min_participants > self.capacity
        ):
            raise KeyedValueError(
                "model.capacity", least=self.min_participants, capacity=self.capacity
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
            raise KeyedValueError("model.duplicate", codes=Names(dupes))
        return self
