"""Several providers' programmes for one standard, side by side (``review --compare``).

Each programme is reviewed on its own (:func:`review_programme`); the comparison
keeps, per programme, its name, provider, shares, finding counts and total hours
and cost, and one matrix: the items as rows and, per programme, the row's status,
covering courses and hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import Field, field_serializer
from pydantic.dataclasses import dataclass

from curriculum.errors import DataFileError, Names
from curriculum.io.library import Library
from curriculum.io.provenance import display_path
from curriculum.model.standard import Standard
from curriculum.output import CONFIG, Number, Output, Result, plural
from curriculum.reviewing.programme import ProgrammeCourse, entry_code, load_programme
from curriculum.reviewing.programme_refs import resolve_programme
from curriculum.reviewing.result import FindingCounts, Review, ReviewOptions, RowStatus, Share


@dataclass(frozen=True, config=CONFIG)
class ProgrammeSummary(Output):
    """One programme of a comparison: who offers it and how it fares."""

    name: str
    provider: str | None
    file: str
    courses: int
    hours: Number
    cost: Number | None
    overall: Mapping[str, Share]
    counts: FindingCounts
    failed: bool


@dataclass(frozen=True, config=CONFIG)
class CompareCell(Output):
    """One programme's view of one row: status, covering courses and their hours."""

    status: RowStatus
    courses: tuple[str, ...]
    hours: Number


@dataclass(frozen=True, config=CONFIG)
class CompareRow(Output):
    """An item (or indicator) with one cell per programme, in the programmes' order."""

    code: str
    kind: str
    name: str
    level: Number | None
    cells: tuple[CompareCell, ...]


@dataclass(frozen=True, config=CONFIG)
class Comparison(Result):
    """Programmes for one standard side by side.

    The JSON is the model's dump; its schema is ``docs/schema/review-compare.schema.json``.
    """

    standard: Standard
    lang: Annotated[str, Field(serialization_alias="language")]
    options: ReviewOptions
    programmes: tuple[ProgrammeSummary, ...]
    matrix: tuple[CompareRow, ...]

    _json_keys: ClassVar[tuple[str, ...]] = (
        "standard",
        "language",
        "options",
        "programmes",
        "matrix",
    )

    @field_serializer("standard")
    def _code(self, standard: Standard) -> str:
        return standard.code

    @property
    def failed(self) -> bool:
        """Whether any programme's review fails."""
        return any(p.failed for p in self.programmes)

    def summary(self) -> str:
        """The standard, and per programme its provider, hours, shares and verdict."""
        lines = [
            f"Comparison of {plural(len(self.programmes), 'programme')} for "
            f"{self.standard.code} {self.standard.name}:"
        ]
        for p in self.programmes:
            shares = ", ".join(f"{k} {s}" for k, s in p.overall.items())
            lines.append(
                f"- {p.name} ({p.provider or '-'}): {plural(p.courses, 'course')}, "
                f"{p.hours:g} hours, {shares}; {'failed' if p.failed else 'passed'}."
            )
        return "\n".join(lines)


def _cost(library: Library, path: Path) -> float | None:
    programme = resolve_programme(load_programme(path), library, path)
    total = 0.0
    for entry in programme.courses:
        course = (
            entry if isinstance(entry, ProgrammeCourse) else library.courses.get(entry_code(entry))
        )
        if course is None or course.price is None:
            return None
        total += course.price  # as plan and courses list price it: cost plus session cost
    return total


def compare_reviews(
    reviews: Sequence[Review], costs: Sequence[float | None], files: Sequence[str]
) -> Comparison:
    """The comparison of reviews of one standard (in the order given).

    Raises
    ------
    DataFileError
        When the reviews are of different standards.
    """
    codes = sorted({r.standard.code for r in reviews})
    if len(codes) > 1:
        raise DataFileError.keyed("compare.standards", codes=Names(codes))
    standard = reviews[0].standard
    rows = {(r.code, r.kind): r for review in reviews for r in review.rows}
    order = {i.code: n for n, i in enumerate(standard.items)}
    p_order = {p.code: n for n, p in enumerate(p for t in standard.tasks for p in t.indicators)}
    keys = sorted(
        rows,
        key=lambda k: (k[1] == "P", p_order.get(k[0], 0) if k[1] == "P" else order.get(k[0], 0)),
    )
    matrix = []
    for key in keys:
        cells = []
        for review in reviews:
            mine = next((r for r in review.rows if (r.code, r.kind) == key), None)
            cells.append(
                CompareCell(mine.status, mine.courses, mine.hours)
                if mine
                else CompareCell("-", (), 0)
            )
        first = rows[key]
        matrix.append(CompareRow(first.code, first.kind, first.name, first.level, tuple(cells)))
    summaries = tuple(
        ProgrammeSummary(
            r.programme,
            r.provider,
            file,
            len(r.courses),
            sum(c.hours for c in r.courses),
            cost,
            r.overall,
            r.severity_counts,
            r.failed,
        )
        for r, cost, file in zip(reviews, costs, files, strict=True)
    )
    return Comparison(standard, reviews[0].lang, reviews[0].options, summaries, tuple(matrix))


def compare_programmes(
    library: Library,
    paths: Sequence[Path],
    *,
    options: ReviewOptions | None = None,
    lang: str | None = None,
) -> Comparison:
    """Review each programme file and lay the reviews side by side."""
    from curriculum.reviewing.review import review_programme

    reviews = [
        review_programme(
            library,
            resolve_programme(load_programme(p), library, p),
            options,
            programme_path=p,
            lang=lang,
        )
        for p in paths
    ]
    costs = [_cost(library, p) for p in paths]
    return compare_reviews(reviews, costs, [display_path(p) for p in paths])
