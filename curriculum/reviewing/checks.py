"""Review checks kept apart from the matrix: the findings collector, the claims
checked against the standard (:func:`check_claims`) and the courses against the matrix
(:func:`check_courses`), recoded claims under a newer version (PROVISIONAL) and the
plausibility check (DOUBTFUL)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Any

from curriculum.i18n import Text
from curriculum.io.library import Library
from curriculum.model.codes import code_key
from curriculum.model.levels import (
    Level,
)
from curriculum.model.standard import Standard
from curriculum.numbers import fmt_number
from curriculum.reviewing.diff import StandardDiff
from curriculum.reviewing.messages import CODE_ORDER, SEVERITIES, SEVERITY_RANK, message
from curriculum.reviewing.migrate import Migration, migrate_claims
from curriculum.reviewing.plausibility import Support, build_model, course_text, doubtful_claims
from curriculum.reviewing.programme import (
    Programme,
    ProgrammeCourse,
)
from curriculum.reviewing.result import (
    Finding,
    MatrixRow,
    ReviewCourse,
    ReviewOptions,
)


@dataclass
class Findings:
    """The findings of a review as they are found, with their messages in ``lang``."""

    standard: str
    lang: str
    found: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        item: str | None,
        course: str | None,
        key: str,
        support: Support | None = None,
        **values: Any,
    ) -> None:
        """Record finding ``code`` with the message ``key`` filled with ``values``
        (and, for DOUBTFUL, the claim's ``support``: score and matched words)."""
        values = {"item": item, "course": course, "standard": self.standard, **values}
        score = matched = None
        if support is not None:
            score, matched = support.score, support.matched
            values |= {
                "score": fmt_number(score),
                "matched": Text(self.lang).comma.join(matched) or "-",
            }
        text = message(self.lang, key, **values)
        self.found.append(Finding(code, SEVERITIES[code], item, course, text, score, matched))

    def sorted(self) -> tuple[Finding, ...]:
        """Errors first, then warnings, then information; by code, then as found."""
        return tuple(
            sorted(self.found, key=lambda f: (SEVERITY_RANK[f.severity], CODE_ORDER[f.code]))
        )


def recode_courses(
    courses: Sequence[ReviewCourse],
    programme: Programme,
    old: Standard,
    new: Standard,
    diff: StandardDiff,
    findings: Findings,
    migrate: bool,
) -> tuple[list[ReviewCourse], Migration]:
    """The courses with claims of recoded items under their new code (PROVISIONAL
    unless ``migrate``); with ``migrate`` also without the claims of removed items.
    Returns the migration's changelog too."""
    _, log = migrate_claims(
        {c.code: c.claims for c in courses},
        {c.code: c.level for c in courses},
        old,
        new,
        diff=diff,
        targets=programme.targets,
        lang=findings.lang,
    )
    moves = {(c.course, c.old_item): c.new_item for c in log.changes}
    order = {item.code: n for n, item in enumerate(new.items)}
    out = []
    for course in courses:
        pairs = []
        for item in course.claims:
            change = next(
                (c for c in log.changes if (c.course, c.old_item) == (course.code, item)), None
            )
            action = change.action if change else None
            if action == "removed" and migrate:
                continue
            target = (moves.get((course.code, item)) or item) if action == "recoded" else item
            if action == "recoded" and not migrate:
                name = new.item_index[target].name
                findings.add(
                    "PROVISIONAL",
                    target,
                    course.code,
                    "PROVISIONAL",
                    old_item=item,
                    old=old.code,
                    name=name,
                )
            pairs.append((item, target or item))
        claims = sorted(dict.fromkeys(t for _, t in pairs), key=lambda i: order.get(i, len(order)))
        hours = {t: course.item_hours[o] for o, t in pairs}
        out.append(replace(course, claims=tuple(claims), item_hours=hours))
    return out, log


def check_doubtful(
    library: Library,
    programme: Programme,
    standard: Standard,
    courses: Sequence[ReviewCourse],
    findings: Findings,
) -> None:
    """DOUBTFUL for claims the course's text hardly supports (see
    :mod:`curriculum.reviewing.plausibility`)."""
    inline = {e.code: e for e in programme.courses if isinstance(e, ProgrammeCourse)}
    texts = {c.code: course_text(inline.get(c.code) or library.courses[c.code]) for c in courses}
    model = build_model(standard, texts)
    for support in doubtful_claims(model, {c.code: c.claims for c in courses}):
        name = standard.item_index[support.item].name
        findings.add("DOUBTFUL", support.item, support.course, "DOUBTFUL", support, name=name)


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
