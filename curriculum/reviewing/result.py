"""The review as reported: findings, matrix rows, shares, provenance and options."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal

from pydantic import Field, computed_field, field_serializer
from pydantic.dataclasses import dataclass

from curriculum.io.provenance import Provenance
from curriculum.model.standard import Standard
from curriculum.numbers import fmt_num
from curriculum.output import CONFIG, Number, Output, Result, plural
from curriculum.reviewing.diff import StandardDiff
from curriculum.reviewing.messages import Severity
from curriculum.reviewing.migrate import Migration
from curriculum.reviewing.record import Record

RowStatus = Literal["OK", "THIN", "LEVEL", "GAP", "UNASSESSED", "-"]
"""A matrix row: covered (``OK``), too thinly (``THIN``), only below its level
(``LEVEL``), not at all (``GAP``); an indicator no course assesses
(``UNASSESSED``, or ``-`` when the programme assesses nothing)."""


@dataclass(frozen=True, config=CONFIG)
class Finding(Output):
    """One problem of the programme: a stable code, a severity and what it concerns."""

    code: str
    severity: Severity
    item: str | None
    course: str | None
    message: str
    score: Number | None = None
    matched: tuple[str, ...] | None = None

    _optional_keys: ClassVar[tuple[str, ...]] = ("score", "matched")

    def _left_out(self) -> tuple[str, ...]:
        return () if self.score is not None else ("score", "matched")


@dataclass(frozen=True, config=CONFIG)
class ReviewCourse(Output):
    """A course of the programme as reviewed."""

    code: str
    title: str
    hours: Number
    level: Number | None
    source: str
    claims: tuple[str, ...]
    item_hours: Annotated[Mapping[str, Number], Field(exclude=True)]
    units: int = 0
    assessments: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    cost: Number | None = None

    _json_keys: ClassVar[tuple[str, ...]] = (
        "code",
        "title",
        "hours",
        "cost",
        "level",
        "source",
        "units",
        "claims",
        "assessments",
    )


@dataclass(frozen=True, config=CONFIG)
class Cell(Output):
    """What one course does for one row: hours and level, or assessment methods.

    The JSON has ``methods`` alone for an indicator, the other keys otherwise.
    """

    hours: Number | None = None
    level: Number | None = None
    at_level: bool = True
    methods: tuple[str, ...] = ()

    _json_one_of: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("methods",),
        ("hours", "level", "at_level"),
    )

    def _left_out(self) -> tuple[str, ...]:
        return ("hours", "level", "at_level") if self.methods else ("methods",)


@dataclass(frozen=True, config=CONFIG)
class MatrixRow(Output):
    """A required item (K, S, A) or indicator (P) with the courses' cells.

    ``courses`` and ``hours`` count only the courses that cover the row at its
    required level (for an indicator: the courses that assess it).
    """

    code: str
    kind: Literal["K", "S", "A", "P"]
    name: str
    level: Number | None
    tasks: tuple[str, ...]
    cells: Mapping[str, Cell]
    courses: tuple[str, ...]
    hours: Number
    status: RowStatus


@dataclass(frozen=True, config=CONFIG)
class Share(Output):
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


@dataclass(frozen=True, config=CONFIG)
class TaskSummary(Output):
    """The shares of one task's K, S and P rows that the programme covers, and of its
    electives (``E``) when a targeted task has any."""

    code: str
    name: str
    level: Number | None
    shares: Annotated[Mapping[str, Share], Field(exclude=True)]

    @computed_field(alias="K")  # type: ignore[prop-decorator]
    @property
    def knowledge(self) -> Share:
        """The task's knowledge items covered."""
        return self.shares["K"]

    @computed_field(alias="S")  # type: ignore[prop-decorator]
    @property
    def skills(self) -> Share:
        """The task's skill items covered."""
        return self.shares["S"]

    @computed_field(alias="P")  # type: ignore[prop-decorator]
    @property
    def indicators(self) -> Share:
        """The task's behaviour indicators assessed."""
        return self.shares["P"]

    @computed_field(alias="E")  # type: ignore[prop-decorator]
    @property
    def electives(self) -> Share | None:
        """The task's electives covered (only when a targeted task has electives)."""
        return self.shares.get("E")

    _optional_keys: ClassVar[tuple[str, ...]] = ("E",)

    def _left_out(self) -> tuple[str, ...]:
        return () if "E" in self.shares else ("E",)


@dataclass(frozen=True, config=CONFIG)
class ChangedClaim(Output):
    """A claim written for the older standard that no longer holds in the newer one."""

    course: str | None
    item: str
    reason: str


@dataclass(frozen=True, config=CONFIG)
class ReviewOptions(Output):
    """The thresholds and switches of a review."""

    attitudes: bool = False
    indicators: bool = False
    min_courses: int = 1
    min_hours: Number = 0
    max_items_per_hour: Number = 2
    strict: bool = False
    doubtful: bool = False

    _optional_keys: ClassVar[tuple[str, ...]] = ("doubtful",)

    def __post_init__(self) -> None:
        """Refuse what the command line's options refuse (a UsageError)."""
        from curriculum.arguments import check_review_options

        check_review_options(self)

    def _left_out(self) -> tuple[str, ...]:
        return () if self.doubtful else ("doubtful",)


@dataclass(frozen=True, config=CONFIG)
class Coverage(Output):
    """The shares per task and overall (the ``summary`` key of the review's JSON)."""

    tasks: tuple[TaskSummary, ...]
    overall: Mapping[str, Share]


@dataclass(frozen=True, config=CONFIG)
class FindingCounts(Output):
    """How many findings of each severity."""

    error: int
    warning: int
    info: int


@dataclass(frozen=True, config=CONFIG)
class Verdict(Output):
    """The verdict of a review under one version of the standard."""

    standard: str
    failed: bool
    counts: FindingCounts
    overall: Mapping[str, Share]


@dataclass(frozen=True, config=CONFIG)
class Against(Output):
    """A review against a newer version: the two codes, the claims that changed and
    the verdict under the older and the newer version, side by side."""

    old: str
    new: str
    changed_claims: tuple[ChangedClaim, ...]
    verdicts: tuple[Verdict, ...] = ()


@dataclass(frozen=True, config=CONFIG)
class Totals(Output):
    """The programme's totals: courses, hours and the cost of one participant.

    Each course counts at its price (``cost`` plus ``session_cost``), as ``plan``
    and ``courses list`` show it.

    ``cost`` sums the courses with a price (``None`` when none has one);
    ``unpriced`` names the courses without a price.
    """

    courses: int
    hours: Number
    cost: Number | None
    currency: str
    unpriced: tuple[str, ...] = ()


REVIEW_KEYS = (
    "programme",
    "provider",
    "standard",
    "standard_name",
    "targets",
    "tasks",
    "language",
    "options",
    "provenance",
    "totals",
    "courses",
    "matrix",
    "summary",
    "failed",
    "counts",
    "findings",
    "against",
    "migration",
    "record",
)


@dataclass(frozen=True, config=CONFIG)
class Review(Result):
    """The complete review of a programme against a standard.

    The JSON is the model's dump; its schema is ``docs/schema/review.schema.json``.
    """

    programme: str
    provider: str | None
    standard: Standard
    targets: tuple[str, ...]
    tasks: tuple[str, ...]
    lang: Annotated[str, Field(serialization_alias="language")]
    options: ReviewOptions
    provenance: Provenance
    courses: tuple[ReviewCourse, ...]
    rows: Annotated[tuple[MatrixRow, ...], Field(serialization_alias="matrix")]
    task_summaries: Annotated[tuple[TaskSummary, ...], Field(exclude=True)]
    overall: Annotated[Mapping[str, Share], Field(exclude=True)]
    findings: tuple[Finding, ...]
    assessed: Annotated[bool, Field(exclude=True)]
    diff: Annotated[StandardDiff | None, Field(exclude=True)] = None
    changed_claims: Annotated[tuple[ChangedClaim, ...], Field(exclude=True)] = ()
    old_verdict: Annotated[Verdict | None, Field(exclude=True)] = None
    migration: Migration | None = None
    record: Record | None = None
    currency: Annotated[str, Field(exclude=True)] = "TWD"

    _json_keys: ClassVar[tuple[str, ...]] = REVIEW_KEYS
    _optional_keys: ClassVar[tuple[str, ...]] = ("migration", "record")

    def _left_out(self) -> tuple[str, ...]:
        return tuple(k for k in ("migration", "record") if getattr(self, k) is None)

    def verdict(self) -> Verdict:
        """The verdict of this review: its standard, result, counts and overall shares."""
        return Verdict(self.standard.code, self.failed, self.severity_counts, self.overall)

    @field_serializer("standard")
    def _code(self, standard: Standard) -> str:
        return standard.code

    @computed_field  # type: ignore[prop-decorator]
    @property
    def standard_name(self) -> str:
        """The name of the standard reviewed against."""
        return self.standard.name

    @computed_field(alias="summary")  # type: ignore[prop-decorator]
    @property
    def coverage(self) -> Coverage:
        """The shares per task and overall."""
        return Coverage(self.task_summaries, self.overall)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def totals(self) -> Totals:
        """The programme's courses, hours and cost of one participant."""
        priced = [c.cost for c in self.courses if c.cost is not None]
        return Totals(
            len(self.courses),
            sum(c.hours for c in self.courses),
            sum(priced) if priced else None,
            self.currency,
            tuple(c.code for c in self.courses if c.cost is None),
        )

    @computed_field(alias="counts")  # type: ignore[prop-decorator]
    @property
    def severity_counts(self) -> FindingCounts:
        """How many findings of each severity."""
        return FindingCounts(self.count("error"), self.count("warning"), self.count("info"))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def against(self) -> Against | None:
        """The older standard the programme was written for, when re-checked."""
        if self.diff is None:
            return None
        verdicts = (self.old_verdict, self.verdict()) if self.old_verdict else ()
        return Against(self.diff.old, self.diff.new, self.changed_claims, verdicts)

    def count(self, severity: str) -> int:
        """The number of findings of a severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def failed(self) -> bool:
        """Whether the review fails: an error, or under ``strict`` a warning too."""
        return self.count("error") > 0 or (self.options.strict and self.count("warning") > 0)

    def summary(self) -> str:
        """What was reviewed, the hours, the verdict, the shares and the gaps."""
        hours = self.totals.hours
        counts = self.severity_counts
        shares = ", ".join(f"{kind} {share}" for kind, share in self.overall.items())
        gaps = sum(1 for r in self.rows if r.status == "GAP")
        below = sum(1 for r in self.rows if r.status == "LEVEL")
        return "\n".join(
            [
                f"Review of {self.programme} against {self.standard.code} "
                f"{self.standard.name}: {plural(len(self.courses), 'course')}, "
                f"{fmt_num(hours)} hours.",
                f"Result: {'failed' if self.failed else 'passed'} "
                f"({plural(counts.error, 'error')}, {plural(counts.warning, 'warning')}, "
                f"{counts.info} info).",
                f"Coverage: {shares or '-'}.",
                f"Gaps: {plural(gaps, 'item')} no course covers, "
                f"{below} covered only below the required level."
                if gaps or below
                else "Gaps: none.",
            ]
        )
