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

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.io.library import Library, replacement_hint
from curriculum.io.provenance import build_provenance, display_path
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Course, Task
from curriculum.numbers import fmt_number
from curriculum.reviewing.diff import diff_standards
from curriculum.reviewing.messages import CODE_ORDER, LANGUAGES, SEVERITIES, SEVERITY_RANK, message
from curriculum.reviewing.programme import CourseRef, Programme, ProgrammeCourse, entry_code
from curriculum.reviewing.result import (
    Cell,
    ChangedClaim,
    Finding,
    MatrixRow,
    Review,
    ReviewCourse,
    ReviewOptions,
    Share,
    TaskSummary,
    at_level,
)
from curriculum.reviewing.versions import changed_claims


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
        findings.append(Finding(code, SEVERITIES[code], item, course, message(lang, key, **values)))

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
            c.code: Cell(c.item_hours[item.code], c.level, at_level(c, need))
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
        return any(code in c.claims and at_level(c, need) for c in courses)

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
        changed = changed_claims(old, standard, diff, programme, courses, lang)

    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], CODE_ORDER[f.code]))
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
