"""Prerequisites and course order in a review: the ``PREREQ`` and ``ORDER`` findings.

A course's prerequisites (and corequisites) are requirements, each a tuple of
alternative course codes (:mod:`curriculum.model.requisites`). A requirement is
*held* when one of its alternatives is in the programme or among its
``entry_requirements``; ``PREREQ`` (error) names each requirement that is not.

When the programme says when its courses are taught (``ordered: true`` or a
``period`` on every course), ``ORDER`` (warning) names a course taught before
its prerequisite (or in the same period), before its corequisite, or in another
period than its same-term requirement (courses listed with ``ordered: true``
are each taught alone, so never in the same period): none of the requirement's
alternatives in the programme comes in time, and no entry requirement holds it.
Without an order there is no ``ORDER`` finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from curriculum.i18n import Text
from curriculum.io.library import Library
from curriculum.model.codes import code_key
from curriculum.model.requisites import Requirement, Requisites
from curriculum.model.standard import Course
from curriculum.reviewing.checks import Findings
from curriculum.reviewing.programme import (
    Programme,
    ProgrammeCourse,
    entry_code,
    entry_period,
    period_key,
)


def programme_steps(programme: Programme) -> dict[str, tuple[int, int]] | None:
    """Each course's place in time (by code key), or ``None`` for an unordered programme.

    Courses listed with ``ordered: true`` are one step each, in the listed order;
    courses with a ``period`` are ordered by it (equal periods are taught together).
    """
    if programme.ordered:
        return {code_key(entry_code(c)): (n, 0) for n, c in enumerate(programme.courses, 1)}
    periods = {code_key(entry_code(c)): entry_period(c) for c in programme.courses}
    if any(p is None for p in periods.values()):
        return None
    return {key: period_key(p) for key, p in periods.items() if p is not None}


def _labels(programme: Programme) -> dict[str, str]:
    """Each course's period as shown in a message: its period, or its place in the list."""
    return {
        code_key(entry_code(c)): entry_period(c) or str(n)
        for n, c in enumerate(programme.courses, 1)
    }


def check_requisites(library: Library, programme: Programme, findings: Findings) -> None:
    """PREREQ for requirements neither the programme nor its entry requirements hold,
    ORDER (ordered programmes only) for requirements held too late."""
    present = {code_key(entry_code(c)) for c in programme.courses}
    held = {code_key(c) for c in programme.entry_requirements}
    steps = programme_steps(programme)
    labels = _labels(programme)
    for entry in programme.courses:
        code = entry_code(entry)
        course: Course | None = (
            entry if isinstance(entry, ProgrammeCourse) else library.courses.get(code)
        )
        if course is None:
            continue  # an UNKNOWN course: nothing is known of its prerequisites
        for kind, requisites in (
            ("pre", course.prerequisites),
            ("co", course.corequisites),
            ("same", course.same_term),
        ):
            for requirement in _unheld(requisites, held):
                here = [a for a in requirement if code_key(a) in present]
                if not here:
                    findings.add(
                        "PREREQ",
                        _item(requirement),
                        code,
                        f"PREREQ.{kind}",
                        requirement=_either(requirement, findings.lang),
                    )
                    continue
                if steps is None:
                    continue
                mine = steps[code_key(code)]
                early = [a for a in here if _in_time(kind, steps[code_key(a)], mine)]
                if not early:
                    findings.add(
                        "ORDER",
                        _item(requirement),
                        code,
                        f"ORDER.{kind}",
                        requirement=_either(here, findings.lang),
                        period=labels[code_key(code)],
                        other=Text(findings.lang).comma.join(labels[code_key(a)] for a in here),
                    )


def _in_time(kind: str, step: tuple[int, int], mine: tuple[int, int]) -> bool:
    """Whether a requirement taught at ``step`` is in time for a course at ``mine``:
    before it (a prerequisite), before or with it (a corequisite), with it (same term)."""
    if kind == "same":
        return step == mine
    return step < mine or (kind == "co" and step == mine)


def requisites_of(library: Library, programme: Programme) -> set[str]:
    """The code keys of the programme's courses that another of its courses needs
    (an alternative of one of its prerequisites, corequisites or same-term
    requirements)."""
    present = {code_key(entry_code(c)) for c in programme.courses}
    needed: set[str] = set()
    for entry in programme.courses:
        course = (
            entry if isinstance(entry, ProgrammeCourse) else library.courses.get(entry_code(entry))
        )
        if course is None:
            continue
        for requirement in (*course.prerequisites, *course.corequisites, *course.same_term):
            needed |= {code_key(a) for a in requirement} & present
    return needed


def _unheld(requisites: Requisites, held: set[str]) -> list[Requirement]:
    return [r for r in requisites if not any(code_key(a) in held for a in r)]


def _item(requirement: Sequence[str]) -> str:
    """The requirement in its cell form (``DA-301 | DA-302``), the finding's item."""
    return " | ".join(requirement)


def _either(codes: Sequence[str], lang: str) -> str:
    """Alternatives as a message says them: ``DA-301 or DA-302`` / ``DA-301 或 DA-302``."""
    return (" 或 " if Text(lang).zh else " or ").join(codes)
