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
PREREQ      error     a course's prerequisite neither in the programme nor an
                      entry requirement
PROVISIONAL warning   a claim of an item the newer version recoded, counted under
                      its new code until a person confirms it (``against``)
ORDER       warning   a course taught before its prerequisite (ordered programmes)
OUTSIDE     info      claims outside the target, or of items a newer version removed
DOUBTFUL    info      a claim the course's text hardly supports (``doubtful``)
==========  ========  ============================================================

Nothing run-dependent (dates, times, absolute paths outside the current folder
when avoidable) enters a :class:`Review`, so that the same inputs give
byte-identical reports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import replace
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.i18n import Text, resolve_lang
from curriculum.io.library import Library
from curriculum.io.provenance import display_path, review_provenance
from curriculum.io.references import replacement_hint
from curriculum.model.codes import code_key, normalize_code
from curriculum.model.levels import (
    Level,
    elective_levels,
    meets_level,
    required_levels,
    targeted_tasks,
)
from curriculum.model.standard import Course, Standard, Task
from curriculum.numbers import fmt_number
from curriculum.reviewing.checks import Findings, check_doubtful, recode_courses
from curriculum.reviewing.diff import diff_standards
from curriculum.reviewing.electives import elective_users, with_electives
from curriculum.reviewing.order import check_requisites, requisites_of
from curriculum.reviewing.programme import (
    CourseRef,
    Programme,
    ProgrammeCourse,
    entry_code,
    used_inputs,
)
from curriculum.reviewing.record import ReviewRecord, merge_record
from curriculum.reviewing.result import (
    Cell,
    ChangedClaim,
    MatrixRow,
    Review,
    ReviewCourse,
    ReviewOptions,
    RowStatus,
    Share,
    TaskSummary,
    Verdict,
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
                    entry.price,
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
                course.price,
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
    migrate: bool = False,
    lang: str | None = None,
    record: ReviewRecord | None = None,
    record_path: Path | None = None,
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
        The code of a newer standard to re-check the programme's claims against:
        claims of recoded items count under their new code as PROVISIONAL.
    migrate
        With ``against``: migrate the claims instead (recoded items follow their
        new code, removed items are dropped) and report the changelog.
    lang
        ``"en"`` or ``"zh-TW"``; the standard's language when ``None``.
    record, record_path
        A reviewer's record to merge into the report, and its file (hashed in
        the provenance).

    Raises
    ------
    DataFileError
        When the programme's standard is not loaded, or an inline course reuses a
        catalogue course's code.
    UnknownReferenceError
        When ``against`` names no loaded standard.
    """
    return _review(
        library,
        programme,
        programme_path,
        options or ReviewOptions(),
        against,
        migrate,
        lang,
        (record, record_path),
    )


def _review(
    library: Library,
    programme: Programme,
    programme_path: Path | None,
    options: ReviewOptions,
    against: str | None,
    migrate: bool,
    lang: str | None,
    recorded: tuple[ReviewRecord | None, Path | None],
) -> Review:
    record, record_path = recorded
    where = display_path(programme_path) if programme_path else "programme"
    if programme.standard not in library.standards:
        hint = replacement_hint(library.standards, programme.standard)
        raise DataFileError(f"{where}: unknown standard {programme.standard}{hint}")
    old = library.standards[programme.standard]
    standard = library.standard(against) if against else old
    lang = resolve_lang(lang, [standard.language])
    findings = Findings(standard.code, lang)

    diff = diff_standards(old, standard) if old.code != standard.code else None

    tasks, unknown_targets = targeted_tasks(standard, programme.targets)
    for target in unknown_targets:
        findings.add("UNKNOWN", target, None, "UNKNOWN.target")
    levels = required_levels(standard, tasks, attitudes=options.attitudes)
    electives = elective_levels(tasks, levels)
    original = programme_courses(library, programme, standard, findings)
    check_requisites(library, programme, findings)
    courses, migration = original, None
    if diff is not None:
        courses, migration = recode_courses(
            original, programme, old, standard, diff, findings, migrate
        )
    check_claims(
        courses,
        standard,
        {**levels, **electives},
        findings,
        old if diff is not None else None,
    )
    rows = item_rows(standard, tasks, levels, courses, options, findings)
    p_rows = indicator_rows(standard, tasks, courses, findings)
    if options.indicators:
        rows += p_rows
    check_courses(
        courses,
        rows,
        options,
        findings,
        elective_users(courses, electives),
        requisites_of(library, programme),
    )
    if options.doubtful:
        check_doubtful(library, programme, standard, courses, findings)

    changed: list[ChangedClaim] = []
    old_verdict = None
    if diff is not None:
        changed = changed_claims(old, standard, diff, programme, original, lang)
        old_verdict = verdict_before(library, programme, options, lang)
    provenance = review_provenance(
        standard, old.code, programme_path, library, record_path, used_inputs(library, programme)
    )
    summaries, overall = with_electives(
        task_summaries(tasks, courses, p_rows),
        overall_shares(rows, p_rows, options),
        tasks,
        courses,
        electives,
    )
    found = findings.sorted()
    keys = {(f.code, f.item, f.course) for f in found}
    return Review(
        programme=programme.name,
        provider=programme.provider,
        standard=standard,
        targets=tuple(normalize_code(t) for t in programme.targets),
        tasks=tuple(t.code for t in tasks),
        lang=lang,
        options=options,
        provenance=provenance,
        courses=tuple(courses),
        rows=tuple(rows),
        task_summaries=summaries,
        overall=overall,
        findings=found,
        assessed=any(c.assessments for c in courses),
        diff=diff,
        changed_claims=tuple(changed),
        old_verdict=old_verdict,
        migration=migration if migrate else None,
        record=merge_record(record, keys) if record is not None else None,
        currency=library.currency(),
    )


def verdict_before(
    library: Library, programme: Programme, options: ReviewOptions, lang: str
) -> Verdict:
    """The verdict of the programme under the version it was written for."""
    plain = dataclasses.replace(options, doubtful=False)
    return review_programme(library, programme, options=plain, lang=lang).verdict()


def programme_courses(
    library: Library, programme: Programme, standard: Standard, findings: Findings
) -> list[ReviewCourse]:
    """The programme's courses with their claims in the standard's item order.

    Claims of standards not loaded and courses no catalogue defines become
    UNKNOWN findings.
    """
    courses, unknown_courses = resolve_courses(library, programme, programme.standard)
    for entry in programme.courses:
        if isinstance(entry, ProgrammeCourse):
            keys = [*entry.covers, *(k for u in entry.units for k in u.covers)]
            for key in dict.fromkeys(keys):
                if key not in library.standards:
                    findings.add("UNKNOWN", key, entry.code, "UNKNOWN.standard")
    order = {item.code: n for n, item in enumerate(standard.items)}
    courses = [
        replace(c, claims=tuple(sorted(c.claims, key=lambda i: order.get(i, len(order)))))
        for c in courses
    ]
    for code in unknown_courses:
        findings.add("UNKNOWN", None, code, "UNKNOWN.course")
    return courses


def check_claims(
    courses: Sequence[ReviewCourse],
    standard: Standard,
    levels: Mapping[str, Level],
    findings: Findings,
    old: Standard | None = None,
) -> None:
    """UNKNOWN for claimed items the standard lacks, OUTSIDE for items off the target.

    Under a newer version (``old`` is the programme's own), a claim of an item the
    newer version removed is OUTSIDE too: it no longer counts, as a claim off the
    target never did, and the changed claims say why; it is not an unknown item.
    """
    for course in courses:
        removed = []
        for item in course.claims:
            if item in standard.item_index:
                continue
            if old is not None and item in old.item_index:
                removed.append(item)
            else:
                findings.add("UNKNOWN", item, course.code, "UNKNOWN.item")
        if removed:
            findings.add(
                "OUTSIDE",
                None,
                course.code,
                "OUTSIDE.removed",
                items=Text(findings.lang).comma.join(removed),
            )
        outside = [i for i in course.claims if i in standard.item_index and i not in levels]
        if outside:
            findings.add(
                "OUTSIDE",
                None,
                course.code,
                "OUTSIDE.item",
                items=Text(findings.lang).comma.join(outside),
            )


def item_rows(
    standard: Standard,
    tasks: Sequence[Task],
    levels: Mapping[str, Level],
    courses: Sequence[ReviewCourse],
    options: ReviewOptions,
    findings: Findings,
) -> list[MatrixRow]:
    """The K/S/A rows of the matrix, in the standard's order, with GAP/LEVEL/THIN findings."""
    item_tasks: dict[str, list[str]] = {}
    for task in tasks:
        for code in task.items:
            item_tasks.setdefault(code, []).append(task.code)
    rows: list[MatrixRow] = []
    for item in (i for i in standard.items if i.code in levels):
        need = levels[item.code]
        cells = {
            c.code: Cell(c.item_hours[item.code], c.level, meets_level(c.level, need))
            for c in courses
            if item.code in c.claims
        }
        covering = tuple(code for code, cell in cells.items() if cell.at_level)
        hours = sum(cells[c].hours or 0 for c in covering)
        values: dict[str, Any] = {"name": item.name, "level": fmt_number(need)}
        if not cells:
            status: RowStatus = "GAP"
            findings.add("GAP", item.code, None, "GAP" if need is not None else "GAP.any", **values)
        elif not covering:
            status = "LEVEL"
            claims = Text(findings.lang).comma.join(
                f"{c} L{fmt_number(cell.level)}" for c, cell in cells.items()
            )
            findings.add("LEVEL", item.code, None, "LEVEL", claims=claims, **values)
        elif len(covering) < options.min_courses or hours < options.min_hours:
            status = "THIN"
            findings.add(
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
        row_tasks = tuple(item_tasks.get(item.code, ()))
        rows.append(
            MatrixRow(
                item.code, item.kind, item.name, need, row_tasks, cells, covering, hours, status
            )
        )
    return rows


def indicator_rows(
    standard: Standard,
    tasks: Sequence[Task],
    courses: Sequence[ReviewCourse],
    findings: Findings,
) -> list[MatrixRow]:
    """The behaviour-indicator (P) rows, with UNKNOWN, OUTSIDE and UNASSESSED findings.

    An indicator is UNASSESSED only when the programme gives assessments at all.
    """
    indicators = {p.code: (t, p) for t in standard.tasks for p in t.indicators}
    chosen = {t.code for t in tasks}
    assessed = any(c.assessments for c in courses)
    for course in courses:
        for code in course.assessments:
            if code not in indicators:
                findings.add("UNKNOWN", code, course.code, "UNKNOWN.indicator")
            elif indicators[code][0].code not in chosen:
                findings.add("OUTSIDE", code, course.code, "OUTSIDE.indicator")
    rows: list[MatrixRow] = []
    for task in tasks:
        for indicator in task.indicators:
            cells = {
                c.code: Cell(methods=c.assessments[indicator.code])
                for c in courses
                if c.assessments.get(indicator.code)
            }
            p_row: RowStatus = "OK" if cells else "UNASSESSED" if assessed else "-"
            if not cells and assessed:
                findings.add("UNASSESSED", indicator.code, None, "UNASSESSED", task=task.code)
            rows.append(
                MatrixRow(
                    indicator.code,
                    "P",
                    indicator.text,
                    task.level,
                    (task.code,),
                    cells,
                    tuple(cells),
                    0,
                    p_row,
                )
            )
    return rows


def check_courses(
    courses: Sequence[ReviewCourse],
    rows: Sequence[MatrixRow],
    options: ReviewOptions,
    findings: Findings,
    also_used: Collection[str] = (),
    needed: Set[str] = frozenset(),
) -> None:
    """DENSE for courses claiming too many items per hour, UNUSED for courses covering
    none (``also_used``: courses teaching an elective, never UNUSED).

    A course another course of the programme needs first (``needed``, code keys) is
    never UNUSED either: it is there as a prerequisite (or corequisite).
    """
    for course in courses:
        count = len(course.claims)
        if course.hours and count / course.hours > options.max_items_per_hour:
            findings.add(
                "DENSE",
                None,
                course.code,
                "DENSE",
                count=count,
                hours=fmt_number(course.hours),
                rate=fmt_number(round(count / course.hours, 2)),
                limit=fmt_number(options.max_items_per_hour),
            )
        if course.code in also_used or code_key(course.code) in needed:
            continue
        if not any(course.code in r.courses for r in rows if r.kind != "P"):
            key = "UNUSED" if course.level is not None else "UNUSED.any"
            findings.add("UNUSED", None, course.code, key)


def task_summaries(
    tasks: Sequence[Task], courses: Sequence[ReviewCourse], p_rows: Sequence[MatrixRow]
) -> tuple[TaskSummary, ...]:
    """Per task: the share of its knowledge, skills and indicators covered at its level."""

    def covered(code: str, need: Level) -> bool:
        return any(code in c.claims and meets_level(c.level, need) for c in courses)

    p_status = {r.code: r.status for r in p_rows}
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
    return tuple(summaries)


def overall_shares(
    rows: Sequence[MatrixRow], p_rows: Sequence[MatrixRow], options: ReviewOptions
) -> dict[str, Share]:
    """The share of the required items of each kind covered (OK or THIN), and of indicators."""
    overall = {}
    kinds = ("K", "S", "A") if options.attitudes else ("K", "S")
    for kind in kinds:
        mine = [r for r in rows if r.kind == kind]
        overall[kind] = Share(sum(r.status in ("OK", "THIN") for r in mine), len(mine))
    p_status = {r.code: r.status for r in p_rows}
    overall["P"] = Share(sum(s == "OK" for s in p_status.values()), len(p_status))
    return overall
