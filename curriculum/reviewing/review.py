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
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from curriculum.errors import DataFileError, Phrase
from curriculum.i18n import resolve_lang
from curriculum.io.library import Library
from curriculum.io.provenance import display_path, review_provenance
from curriculum.io.references import standard_hint
from curriculum.model.codes import normalize_code
from curriculum.model.levels import (
    Level,
    elective_levels,
    required_levels,
    targeted_tasks,
)
from curriculum.model.standard import Course, Standard, Task
from curriculum.reviewing.checks import (
    Findings,
    check_claims,
    check_courses,
    check_doubtful,
    recode_courses,
)
from curriculum.reviewing.diff import StandardDiff, diff_standards
from curriculum.reviewing.electives import elective_users, with_electives
from curriculum.reviewing.matrix import indicator_rows, item_rows, overall_shares, task_summaries
from curriculum.reviewing.migrate import Migration
from curriculum.reviewing.order import check_requisites, requisites_of
from curriculum.reviewing.programme import CourseRef, Programme, ProgrammeCourse, entry_code
from curriculum.reviewing.programme_refs import used_inputs
from curriculum.reviewing.record import ReviewRecord, merge_record
from curriculum.reviewing.result import (
    ChangedClaim,
    MatrixRow,
    Review,
    ReviewCourse,
    ReviewOptions,
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
                raise DataFileError.keyed(
                    "review.inline_reuses", code=code, path=display_path(where)
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
    options: ReviewOptions | None = None,
    *,
    programme_path: Path | None = None,
    against: str | None = None,
    migrate: bool = False,
    lang: str | None = None,
    record: ReviewRecord | None = None,
    record_path: Path | None = None,
) -> Review:
    """Review a programme against its standard (or a newer version, ``against``).

    Takes ``(library, programme, options, <what is particular to the review>)``: the
    programme says what to cover (its standard, targets and courses), as a
    :class:`~curriculum.request.Request` does for a plan, and ``options`` are the
    review's settings, as :class:`~curriculum.solve.params.SolveParams` are a plan's.
    Problems in the programme's claims become findings; only data that cannot be
    reviewed at all raises.

    Parameters
    ----------
    library
        The loaded standards and catalogues.
    programme
        The programme as loaded by :func:`curriculum.programme.load_programme`.
    options
        Thresholds and switches; the defaults when ``None``.
    programme_path
        The programme file, for the provenance.
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
    old, standard = _standards(library, programme, programme_path, against)
    lang = resolve_lang(lang, [standard.language])
    findings = Findings(standard.code, lang)
    diff = diff_standards(old, standard) if old.code != standard.code else None
    versions = (old, standard, diff)
    tasks, levels, electives = _targets(standard, programme, options, findings)
    original, courses, migration = _courses(
        library, programme, versions, {**levels, **electives}, findings, migrate
    )
    rows = item_rows(standard, tasks, levels, courses, options, findings)
    p_rows = indicator_rows(standard, tasks, courses, findings)
    if options.indicators:
        rows += p_rows
    _check_courses(library, programme, standard, courses, rows, options, findings, electives)
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
    changed, old_verdict = _version_change(library, programme, options, lang, versions, original)
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


def _targets(
    standard: Standard, programme: Programme, options: ReviewOptions, findings: Findings
) -> tuple[tuple[Task, ...], dict[str, Level], dict[str, Level]]:
    """The tasks the programme targets, the levels they require and those of their
    optional items; a target the standard lacks is UNKNOWN."""
    tasks, unknown_targets = targeted_tasks(standard, programme.targets)
    for target in unknown_targets:
        findings.add("UNKNOWN", target, None, "UNKNOWN.target")
    levels = required_levels(standard, tasks, attitudes=options.attitudes)
    return tasks, levels, elective_levels(tasks, levels)


def _check_courses(
    library: Library,
    programme: Programme,
    standard: Standard,
    courses: Sequence[ReviewCourse],
    rows: Sequence[MatrixRow],
    options: ReviewOptions,
    findings: Findings,
    electives: Mapping[str, Level],
) -> None:
    """The checks of the courses against the matrix, and the plausibility check when
    ``options.doubtful`` asks for it."""
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


def _standards(
    library: Library, programme: Programme, programme_path: Path | None, against: str | None
) -> tuple[Standard, Standard]:
    """The standard the programme was written for and the one it is reviewed against."""
    where = display_path(programme_path) if programme_path else Phrase("programme.where")
    if programme.standard not in library.standards:
        hint = standard_hint(library.standards, programme.standard)
        raise DataFileError.keyed(
            "review.no_standard", where=where, code=programme.standard, hint=hint
        )
    old = library.standards[programme.standard]
    return old, library.standard(against) if against else old


def _courses(
    library: Library,
    programme: Programme,
    versions: tuple[Standard, Standard, StandardDiff | None],
    levels: Mapping[str, Level],
    findings: Findings,
    migrate: bool,
) -> tuple[list[ReviewCourse], list[ReviewCourse], Migration | None]:
    """The programme's courses as written, as reviewed (recoded to the new version when
    the standard changed) and the migration; their requisites and claims checked."""
    old, standard, diff = versions
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
        levels,
        findings,
        old if diff is not None else None,
    )
    return original, courses, migration


def _version_change(
    library: Library,
    programme: Programme,
    options: ReviewOptions,
    lang: str,
    versions: tuple[Standard, Standard, StandardDiff | None],
    original: Sequence[ReviewCourse],
) -> tuple[list[ChangedClaim], Verdict | None]:
    """The claims a new version changes and the verdict under the old version (none
    when the standard is reviewed against its own version)."""
    old, standard, diff = versions
    changed: list[ChangedClaim] = []
    old_verdict = None
    if diff is not None:
        changed = changed_claims(old, standard, diff, programme, original, lang)
        old_verdict = verdict_before(library, programme, options, lang)
    return changed, old_verdict


def verdict_before(
    library: Library, programme: Programme, options: ReviewOptions, lang: str
) -> Verdict:
    """The verdict of the programme under the version it was written for."""
    plain = dataclasses.replace(options, doubtful=False)
    return review_programme(library, programme, plain, lang=lang).verdict()


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
