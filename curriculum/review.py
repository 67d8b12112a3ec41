"""Accreditation review of a programme: coverage matrix, shares and findings.

:func:`review_programme` is a pure computation (no solver): it reads what each
course of a programme claims, lays the claims against the items the target
requires, and reports every problem it sees as a :class:`Finding` with a stable
code and a severity, so that a reviewer sees all of them at once.

==========  ========  ============================================================
code        severity  meaning
==========  ========  ============================================================
GAP         error     a required item that no course claims
LEVEL       error     a required item claimed only below its required level
UNKNOWN     error     a claim (item, indicator, course, target) the data lack
UNASSESSED  warning   a target's behaviour indicator with no assessment, when the
                      programme gives assessments at all
THIN        warning   fewer covering courses or hours than the minimum
DENSE       warning   a course claiming more items per hour than the maximum
UNUSED      warning   a course covering no required item at its level
OUTSIDE     info      claims outside the target
==========  ========  ============================================================

Nothing run-dependent (dates, times, absolute paths outside the current folder
when avoidable) enters a :class:`Review`, so that the same inputs give
byte-identical reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .codes import normalize_code
from .diff import StandardDiff, diff_standards
from .errors import DataFileError
from .library import Library, replacement_hint
from .model import Course, Standard, Task
from .programme import CourseRef, Programme, ProgrammeCourse, entry_code

SEVERITIES: dict[str, str] = {
    "GAP": "error",
    "LEVEL": "error",
    "UNKNOWN": "error",
    "UNASSESSED": "warning",
    "THIN": "warning",
    "DENSE": "warning",
    "UNUSED": "warning",
    "OUTSIDE": "info",
}
"""Every finding code with its severity, in report order."""

_RANK = {"error": 0, "warning": 1, "info": 2}
_ORDER = {code: n for n, code in enumerate(SEVERITIES)}

LANGUAGES = ("en", "zh-TW")


# --------------------------------------------------------------------------- messages

_MESSAGES: dict[str, tuple[str, str]] = {
    "GAP": (
        "{item} {name}: no course covers it (required at level {level})",
        "{item} {name}：無任何課程涵蓋（要求級別 {level}）",
    ),
    "GAP.any": (
        "{item} {name}: no course covers it",
        "{item} {name}：無任何課程涵蓋",
    ),
    "LEVEL": (
        "{item} {name}: claimed only below the required level {level} ({claims})",
        "{item} {name}：僅以低於要求級別 {level} 的課程涵蓋（{claims}）",
    ),
    "UNKNOWN.item": (
        "course {course} claims {item}, which {standard} does not define",
        "課程 {course} 宣稱涵蓋 {item}，但 {standard} 未定義此項目",
    ),
    "UNKNOWN.indicator": (
        "course {course} assesses {item}, which {standard} does not define",
        "課程 {course} 評量 {item}，但 {standard} 未定義此行為指標",
    ),
    "UNKNOWN.course": (
        "course {course} is in no loaded catalogue",
        "課程 {course} 不在任何已載入的課程目錄中",
    ),
    "UNKNOWN.standard": (
        "course {course} claims items of {item}, which is not loaded",
        "課程 {course} 宣稱涵蓋未載入的職能基準 {item} 的項目",
    ),
    "UNKNOWN.target": (
        "target {item} is neither a task nor a duty of {standard}",
        "目標 {item} 不是 {standard} 的工作任務或主要職責",
    ),
    "UNASSESSED": (
        "{item} ({task}): no course assesses this behaviour indicator",
        "{item}（{task}）：此行為指標沒有任何課程評量",
    ),
    "THIN": (
        "{item} {name}: {count} course(s), {hours} h; the minimum is {min_courses} "
        "course(s), {min_hours} h",
        "{item} {name}：{count} 門課程、{hours} 小時；"
        "最低要求為 {min_courses} 門、{min_hours} 小時",
    ),
    "DENSE": (
        "course {course} claims {count} items in {hours} h ({rate} per hour; the maximum "
        "is {limit})",
        "課程 {course} 在 {hours} 小時內宣稱 {count} 個項目（每小時 {rate} 個；上限為 {limit}）",
    ),
    "UNUSED": (
        "course {course} covers no required item at its level",
        "課程 {course} 未在要求級別涵蓋任何必要項目",
    ),
    "OUTSIDE.item": (
        "course {course} also claims {items}, outside the target",
        "課程 {course} 另宣稱涵蓋目標範圍外的 {items}",
    ),
    "OUTSIDE.indicator": (
        "course {course} assesses {item}, outside the target",
        "課程 {course} 評量目標範圍外的 {item}",
    ),
}


def _message(lang: str, key: str, **values: Any) -> str:
    en, zh = _MESSAGES[key]
    return (zh if lang == "zh-TW" else en).format(**values)


def fmt_number(value: float | None) -> str:
    """``6`` for 6.0, ``3.5`` for 3.5, ``-`` for ``None``."""
    if value is None:
        return "-"
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else f"{value:g}"


# --------------------------------------------------------------------------- results


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
class InputFile:
    """An input file with its role and SHA-256."""

    role: str
    path: str
    sha256: str


@dataclass(frozen=True)
class Provenance:
    """What a review was computed from, so that it can be audited and reproduced."""

    tool: str
    standard: str
    standard_name: str
    standard_version: str | None
    standard_date: str | None
    programme_standard: str
    inputs: tuple[InputFile, ...]

    def to_dict(self) -> dict[str, Any]:
        """The provenance as plain data."""
        return {
            "tool": self.tool,
            "standard": self.standard,
            "standard_name": self.standard_name,
            "standard_version": self.standard_version,
            "standard_date": self.standard_date,
            "programme_standard": self.programme_standard,
            "inputs": [{"role": f.role, "path": f.path, "sha256": f.sha256} for f in self.inputs],
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


# --------------------------------------------------------------------------- provenance


def display_path(path: Path) -> str:
    """A path as reports show it: relative to the current folder when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def build_provenance(
    standard: Standard,
    programme_standard: str,
    programme_path: Path | None,
    library: Library,
) -> Provenance:
    """Tool version, the standard's code, version and date, and every input's SHA-256."""
    inputs = []
    if programme_path is not None:
        inputs.append(
            InputFile("programme", display_path(programme_path), sha256_file(programme_path))
        )
    for path in library.standard_paths.values():
        inputs.append(InputFile("standard", display_path(path), sha256_file(path)))
    for loaded in library.catalogues:
        inputs.append(InputFile("catalogue", display_path(loaded.path), sha256_file(loaded.path)))
    entry = next((v for v in standard.versions if v.code == standard.code), None)
    return Provenance(
        tool=f"curriculum {__version__}",
        standard=standard.code,
        standard_name=standard.name,
        standard_version=standard.version or (entry.version if entry else None),
        standard_date=entry.date if entry else None,
        programme_standard=programme_standard,
        inputs=tuple(inputs),
    )


# --------------------------------------------------------------------------- review


def resolve_courses(
    library: Library, programme: Programme, claims_key: str
) -> tuple[list[ReviewCourse], list[str]]:
    """The programme's courses as reviewed, and the codes no catalogue defines.

    Raises
    ------
    DataFileError
        When an inline course reuses the code of a catalogue course.
    """
    courses: list[ReviewCourse] = []
    unknown: list[str] = []
    for entry in programme.courses:
        code = entry_code(entry)
        assessments: Mapping[str, tuple[str, ...]] = {}
        if isinstance(entry, ProgrammeCourse):
            if code in library.courses:
                where = library.course_files[code].path
                raise DataFileError(
                    f"inline course {code} reuses the code of a course of {display_path(where)}"
                )
            claims = entry.claims(claims_key)
            item_hours = {i: entry.hours_for(claims_key, i) for i in claims}
            courses.append(
                ReviewCourse(
                    code,
                    entry.title,
                    entry.hours,
                    entry.level,
                    "inline",
                    claims,
                    item_hours,
                    len(entry.units),
                    entry.assessments,
                )
            )
            continue
        if isinstance(entry, CourseRef):
            assessments = entry.assessments
        course: Course | None = library.courses.get(code)
        if course is None:
            unknown.append(code)
            continue
        claims = course.items_for(claims_key)
        courses.append(
            ReviewCourse(
                code,
                course.title,
                course.hours,
                course.level,
                display_path(library.course_files[code].path),
                claims,
                {i: course.hours for i in claims},
                0,
                assessments,
            )
        )
    return courses, unknown


def _at_level(course: ReviewCourse, need: float | None) -> bool:
    return need is None or course.level is None or course.level >= need


def review_programme(
    library: Library,
    programme: Programme,
    *,
    programme_path: Path | None = None,
    options: ReviewOptions | None = None,
    against: str | None = None,
    lang: str | None = None,
) -> Review:
    """Review a programme against its standard (or a newer version, ``against``).

    Problems in the programme's claims become findings; only data that cannot be
    reviewed at all raises.

    Parameters
    ----------
    library
        The loaded standards and catalogues.
    programme
        The programme as loaded by :func:`curriculum.programme.load_programme`.
    programme_path
        The programme file, for the provenance.
    options
        Thresholds and switches; the defaults when ``None``.
    against
        The code of a newer standard to re-check the programme's claims against.
    lang
        ``"en"`` or ``"zh-TW"``; the standard's language when ``None``.

    Raises
    ------
    DataFileError
        When the programme's standard is not loaded, or an inline course reuses a
        catalogue course's code.
    UnknownReferenceError
        When ``against`` names no loaded standard.
    """
    options = options or ReviewOptions()
    where = display_path(programme_path) if programme_path else "programme"
    if programme.standard not in library.standards:
        hint = replacement_hint(library.standards, programme.standard)
        raise DataFileError(f"{where}: unknown standard {programme.standard}{hint}")
    old = library.standards[programme.standard]
    standard = library.standard(against) if against else old
    lang = lang or (standard.language if standard.language in LANGUAGES else "en")
    findings: list[Finding] = []

    def add(code: str, item: str | None, course: str | None, key: str, **values: Any) -> None:
        values = {"item": item, "course": course, "standard": standard.code, **values}
        findings.append(
            Finding(code, SEVERITIES[code], item, course, _message(lang, key, **values))
        )

    # targets → tasks → required items with their levels
    tasks: list[Task] = []
    for target in programme.targets:
        try:
            tasks += standard.expand_targets([target])
        except KeyError:
            add("UNKNOWN", target, None, "UNKNOWN.target")
    if not programme.targets:
        tasks = list(standard.tasks)
    chosen = {t.code for t in tasks}
    tasks = [t for t in standard.tasks if t.code in chosen]
    levels: dict[str, float | None] = {}
    item_tasks: dict[str, list[str]] = {}
    for task in tasks:
        for code in task.items:
            old_level = levels.get(code)
            levels[code] = (
                task.level
                if old_level is None
                else old_level
                if task.level is None
                else max(old_level, task.level)
            )
            item_tasks.setdefault(code, []).append(task.code)
    if options.attitudes:
        for item in standard.items_of_kind("A"):
            levels.setdefault(item.code, None)
    required = [i for i in standard.items if i.code in levels]

    courses, unknown_courses = resolve_courses(library, programme, programme.standard)
    for entry in programme.courses:
        if isinstance(entry, ProgrammeCourse):
            keys = [*entry.covers, *(k for u in entry.units for k in u.covers)]
            for key in dict.fromkeys(keys):
                if key not in library.standards:
                    add("UNKNOWN", key, entry.code, "UNKNOWN.standard")
    order = {item.code: n for n, item in enumerate(standard.items)}
    courses = [
        replace(c, claims=tuple(sorted(c.claims, key=lambda i: order.get(i, len(order)))))
        for c in courses
    ]
    for code in unknown_courses:
        add("UNKNOWN", None, code, "UNKNOWN.course")

    # claims: unknown items, outside the target
    for course in courses:
        for item in course.claims:
            if item not in standard.item_index:
                add("UNKNOWN", item, course.code, "UNKNOWN.item")
        outside = [i for i in course.claims if i in standard.item_index and i not in levels]
        if outside:
            add("OUTSIDE", None, course.code, "OUTSIDE.item", items=", ".join(outside))

    # the K/S/A rows
    rows: list[MatrixRow] = []
    for item in required:
        need = levels[item.code]
        cells = {
            c.code: Cell(c.item_hours[item.code], c.level, _at_level(c, need))
            for c in courses
            if item.code in c.claims
        }
        covering = tuple(code for code, cell in cells.items() if cell.at_level)
        hours = sum(cells[c].hours or 0 for c in covering)
        values = {"name": item.name, "level": fmt_number(need)}
        if not cells:
            status = "GAP"
            add("GAP", item.code, None, "GAP" if need is not None else "GAP.any", **values)
        elif not covering:
            status = "LEVEL"
            claims = ", ".join(f"{c} L{fmt_number(cell.level)}" for c, cell in cells.items())
            add("LEVEL", item.code, None, "LEVEL", claims=claims, **values)
        elif len(covering) < options.min_courses or hours < options.min_hours:
            status = "THIN"
            add(
                "THIN",
                item.code,
                None,
                "THIN",
                count=len(covering),
                hours=fmt_number(hours),
                min_courses=options.min_courses,
                min_hours=fmt_number(options.min_hours),
                **values,
            )
        else:
            status = "OK"
        rows.append(
            MatrixRow(
                item.code,
                item.kind,
                item.name,
                need,
                tuple(item_tasks.get(item.code, ())),
                cells,
                covering,
                hours,
                status,
            )
        )

    # behaviour indicators and assessments
    indicators = {p.code: (t, p) for t in standard.tasks for p in t.indicators}
    assessed = any(c.assessments for c in courses)
    for course in courses:
        for code in course.assessments:
            if code not in indicators:
                add("UNKNOWN", code, course.code, "UNKNOWN.indicator")
            elif indicators[code][0].code not in chosen:
                add("OUTSIDE", code, course.code, "OUTSIDE.indicator")
    p_rows: list[MatrixRow] = []
    for task in tasks:
        for indicator in task.indicators:
            cells = {
                c.code: Cell(methods=c.assessments[indicator.code])
                for c in courses
                if c.assessments.get(indicator.code)
            }
            status = "OK" if cells else "UNASSESSED" if assessed else "-"
            if not cells and assessed:
                add("UNASSESSED", indicator.code, None, "UNASSESSED", task=task.code)
            p_rows.append(
                MatrixRow(
                    indicator.code,
                    "P",
                    indicator.text,
                    task.level,
                    (task.code,),
                    cells,
                    tuple(cells),
                    0,
                    status,
                )
            )
    if options.indicators:
        rows += p_rows
    p_status = {r.code: r.status for r in p_rows}

    # courses: density and use
    for course in courses:
        count = len(course.claims)
        if course.hours and count / course.hours > options.max_items_per_hour:
            add(
                "DENSE",
                None,
                course.code,
                "DENSE",
                count=count,
                hours=fmt_number(course.hours),
                rate=fmt_number(round(count / course.hours, 2)),
                limit=fmt_number(options.max_items_per_hour),
            )
        if not any(course.code in r.courses for r in rows if r.kind != "P"):
            add("UNUSED", None, course.code, "UNUSED")

    # shares per task and overall
    def covered(code: str, need: float | None) -> bool:
        return any(code in c.claims and _at_level(c, need) for c in courses)

    summaries = []
    for task in tasks:
        shares = {
            "K": Share(sum(covered(i, task.level) for i in task.knowledge), len(task.knowledge)),
            "S": Share(sum(covered(i, task.level) for i in task.skills), len(task.skills)),
            "P": Share(
                sum(p_status[p.code] == "OK" for p in task.indicators), len(task.indicators)
            ),
        }
        summaries.append(TaskSummary(task.code, task.name, task.level, shares))
    overall = {}
    kinds = ("K", "S", "A") if options.attitudes else ("K", "S")
    for kind in kinds:
        mine = [r for r in rows if r.kind == kind]
        overall[kind] = Share(sum(r.status in ("OK", "THIN") for r in mine), len(mine))
    overall["P"] = Share(sum(s == "OK" for s in p_status.values()), len(p_status))

    diff = None
    changed: list[ChangedClaim] = []
    if against and old.code != standard.code:
        diff = diff_standards(old, standard)
        changed = _changed_claims(old, standard, diff, programme, courses, lang)

    findings.sort(key=lambda f: (_RANK[f.severity], _ORDER[f.code]))
    return Review(
        programme=programme.name,
        provider=programme.provider,
        standard=standard,
        targets=tuple(normalize_code(t) for t in programme.targets),
        tasks=tuple(t.code for t in tasks),
        lang=lang,
        options=options,
        provenance=build_provenance(standard, old.code, programme_path, library),
        courses=tuple(courses),
        rows=tuple(rows),
        task_summaries=tuple(summaries),
        overall=overall,
        findings=tuple(findings),
        assessed=assessed,
        diff=diff,
        changed_claims=tuple(changed),
    )


_CHANGES: dict[str, tuple[str, str]] = {
    "removed": ("removed in {new}", "{new} 已刪除"),
    "recoded": ("now {code} in {new}", "{new} 改為 {code}"),
    "renamed": ("renamed in {new}: {old_name} → {new_name}", "{new} 更名：{old_name} → {new_name}"),
    "level": (
        "required level {old_level} → {new_level}; course level {level} no longer suffices",
        "要求級別 {old_level} → {new_level}；課程級別 {level} 已不足",
    ),
    "task": ("target task removed in {new}", "{new} 已刪除此工作任務"),
    "indicator": ("indicator removed or reworded in {new}", "{new} 已刪除或修改此行為指標"),
}


def _change(lang: str, key: str, **values: Any) -> str:
    en, zh = _CHANGES[key]
    return (zh if lang == "zh-TW" else en).format(**values)


def _required_levels(standard: Standard, targets: Sequence[str]) -> dict[str, float | None]:
    levels: dict[str, float | None] = {}
    tasks: Iterable[Task] = standard.tasks
    if targets:
        wanted: set[str] = set()
        for target in targets:
            try:
                wanted |= {t.code for t in standard.expand_targets([target])}
            except KeyError:
                continue
        tasks = [t for t in standard.tasks if t.code in wanted]
    for task in tasks:
        for code in task.items:
            old = levels.get(code)
            if task.level is not None and (old is None or task.level > old):
                levels[code] = task.level
            else:
                levels.setdefault(code, old)
    return levels


def _changed_claims(
    old: Standard,
    new: Standard,
    diff: StandardDiff,
    programme: Programme,
    courses: Sequence[ReviewCourse],
    lang: str,
) -> list[ChangedClaim]:
    """The claims, targets and assessments written for ``old`` that ``new`` breaks."""
    changed: list[ChangedClaim] = []
    names = {"new": new.code}
    for target in programme.targets:
        if target in old.task_index and target not in new.task_index:
            recoded = next((r.new_code for r in diff.tasks_recoded if r.old_code == target), None)
            reason = (
                _change(lang, "recoded", code=recoded, **names)
                if recoded
                else _change(lang, "task", **names)
            )
            changed.append(ChangedClaim(None, target, reason))
    old_levels = _required_levels(old, programme.targets)
    new_levels = _required_levels(new, programme.targets)
    renamed = {r.code: r for r in diff.items_renamed}
    for course in courses:
        for item in course.claims:
            if item in old.item_index and item not in new.item_index:
                code = diff.recoded_item(item)
                reason = (
                    _change(lang, "recoded", code=code, **names)
                    if code
                    else _change(lang, "removed", **names)
                )
                changed.append(ChangedClaim(course.code, item, reason))
            else:
                reasons = []
                if item in renamed:
                    r = renamed[item]
                    reasons.append(
                        _change(lang, "renamed", old_name=r.old_name, new_name=r.new_name, **names)
                    )
                if item in new_levels:
                    before, after = old_levels.get(item), new_levels[item]
                    ok_before = item not in old_levels or _at_level(course, before)
                    if ok_before and not _at_level(course, after):
                        reasons.append(
                            _change(
                                lang,
                                "level",
                                old_level=fmt_number(before),
                                new_level=fmt_number(after),
                                level=fmt_number(course.level),
                                **names,
                            )
                        )
                if reasons:
                    changed.append(ChangedClaim(course.code, item, "; ".join(reasons)))
        new_indicators = {p.code: p.text for t in new.tasks for p in t.indicators}
        old_indicators = {p.code: p.text for t in old.tasks for p in t.indicators}
        for code in course.assessments:
            if code in old_indicators and new_indicators.get(code) != old_indicators[code]:
                changed.append(ChangedClaim(course.code, code, _change(lang, "indicator", **names)))
    return changed
