"""The review as reported: findings, matrix rows, shares, provenance and options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from curriculum.io.provenance import Provenance
from curriculum.model.standard import Standard
from curriculum.reviewing.diff import StandardDiff


@dataclass(frozen=True)
class Finding:
    """One problem of the programme: a stable code, a severity and what it concerns."""

    code: str
    severity: str
    item: str | None
    course: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain data."""
        return {
            "code": self.code,
            "severity": self.severity,
            "item": self.item,
            "course": self.course,
            "message": self.message,
        }


@dataclass(frozen=True)
class ReviewCourse:
    """A course of the programme as reviewed."""

    code: str
    title: str
    hours: float
    level: float | None
    source: str
    claims: tuple[str, ...]
    item_hours: Mapping[str, float]
    units: int = 0
    assessments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The course as plain data."""
        return {
            "code": self.code,
            "title": self.title,
            "hours": self.hours,
            "level": self.level,
            "source": self.source,
            "units": self.units,
            "claims": list(self.claims),
            "assessments": {k: list(v) for k, v in self.assessments.items()},
        }


@dataclass(frozen=True)
class Cell:
    """What one course does for one row: hours and level, or assessment methods."""

    hours: float | None = None
    level: float | None = None
    at_level: bool = True
    methods: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The cell as plain data."""
        if self.methods:
            return {"methods": list(self.methods)}
        return {"hours": self.hours, "level": self.level, "at_level": self.at_level}


@dataclass(frozen=True)
class MatrixRow:
    """A required item (K, S, A) or indicator (P) with the courses' cells.

    ``courses`` and ``hours`` count only the courses that cover the row at its
    required level (for an indicator: the courses that assess it).
    """

    code: str
    kind: str
    name: str
    level: float | None
    tasks: tuple[str, ...]
    cells: Mapping[str, Cell]
    courses: tuple[str, ...]
    hours: float
    status: str

    def to_dict(self) -> dict[str, Any]:
        """The row as plain data."""
        return {
            "code": self.code,
            "kind": self.kind,
            "name": self.name,
            "level": self.level,
            "tasks": list(self.tasks),
            "cells": {c: cell.to_dict() for c, cell in self.cells.items()},
            "courses": list(self.courses),
            "hours": self.hours,
            "status": self.status,
        }


@dataclass(frozen=True)
class Share:
    """How many of ``total`` rows are covered."""

    covered: int
    total: int

    @property
    def ratio(self) -> float | None:
        """``covered / total``, ``None`` when there is nothing to cover."""
        return self.covered / self.total if self.total else None

    def __str__(self) -> str:
        if not self.total:
            return "-"
        return f"{self.covered}/{self.total} ({self.covered / self.total:.0%})"

    def to_dict(self) -> dict[str, Any]:
        """The share as plain data."""
        return {"covered": self.covered, "total": self.total}


@dataclass(frozen=True)
class TaskSummary:
    """The shares of one task's K, S and P rows that the programme covers."""

    code: str
    name: str
    level: float | None
    shares: Mapping[str, Share]

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain data."""
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            **{k: s.to_dict() for k, s in self.shares.items()},
        }


@dataclass(frozen=True)
class ChangedClaim:
    """A claim written for the older standard that no longer holds in the newer one."""

    course: str | None
    item: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain data."""
        return {"course": self.course, "item": self.item, "reason": self.reason}


@dataclass(frozen=True)
class ReviewOptions:
    """The thresholds and switches of a review."""

    attitudes: bool = False
    indicators: bool = False
    min_courses: int = 1
    min_hours: float = 0
    max_items_per_hour: float = 2
    strict: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The options as plain data."""
        return {
            "attitudes": self.attitudes,
            "indicators": self.indicators,
            "min_courses": self.min_courses,
            "min_hours": self.min_hours,
            "max_items_per_hour": self.max_items_per_hour,
            "strict": self.strict,
        }


@dataclass(frozen=True)
class Review:
    """The complete review of a programme against a standard."""

    programme: str
    provider: str | None
    standard: Standard
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    lang: str
    options: ReviewOptions
    provenance: Provenance
    courses: tuple[ReviewCourse, ...]
    rows: tuple[MatrixRow, ...]
    task_summaries: tuple[TaskSummary, ...]
    overall: Mapping[str, Share]
    findings: tuple[Finding, ...]
    assessed: bool
    diff: StandardDiff | None = None
    changed_claims: tuple[ChangedClaim, ...] = ()

    def count(self, severity: str) -> int:
        """The number of findings of a severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def failed(self) -> bool:
        """Whether the review fails: an error, or under ``strict`` a warning too."""
        return self.count("error") > 0 or (self.options.strict and self.count("warning") > 0)

    def to_dict(self) -> dict[str, Any]:
        """The documented ``--format json`` contract."""
        return {
            "programme": self.programme,
            "provider": self.provider,
            "standard": self.standard.code,
            "standard_name": self.standard.name,
            "targets": list(self.targets),
            "tasks": list(self.tasks),
            "language": self.lang,
            "options": self.options.to_dict(),
            "provenance": self.provenance.to_dict(),
            "courses": [c.to_dict() for c in self.courses],
            "matrix": [r.to_dict() for r in self.rows],
            "summary": {
                "tasks": [t.to_dict() for t in self.task_summaries],
                "overall": {k: s.to_dict() for k, s in self.overall.items()},
            },
            "failed": self.failed,
            "counts": {s: self.count(s) for s in ("error", "warning", "info")},
            "findings": [f.to_dict() for f in self.findings],
            "against": None
            if self.diff is None
            else {
                "old": self.diff.old,
                "new": self.diff.new,
                "changed_claims": [c.to_dict() for c in self.changed_claims],
            },
        }
