"""Electives in a review: items a task lists as optional (``essential: no``).

An elective is not required: it makes no ``GAP``, ``LEVEL`` or ``THIN``
finding and no matrix row. A claim of an elective of a targeted task is not
``OUTSIDE`` the target, and a course teaching one (at its level) is not
``UNUSED``. The coverage by task gets an ``E`` share (electives covered at the
task's level over the task's electives) when a targeted task has electives, and
the overall summary the share of all of them. Nothing here reads a file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from curriculum.model.levels import Level, meets_level
from curriculum.model.standard import Task
from curriculum.reviewing.result import ReviewCourse, Share, TaskSummary


def elective_users(courses: Sequence[ReviewCourse], electives: Mapping[str, Level]) -> set[str]:
    """The courses that teach an elective at its level."""
    return {
        c.code
        for c in courses
        for code, need in electives.items()
        if code in c.claims and meets_level(c.level, need)
    }


def with_electives(
    summaries: Sequence[TaskSummary],
    overall: Mapping[str, Share],
    tasks: Sequence[Task],
    courses: Sequence[ReviewCourse],
    electives: Mapping[str, Level],
) -> tuple[tuple[TaskSummary, ...], dict[str, Share]]:
    """The task summaries and overall shares with the ``E`` share added (unchanged
    when no targeted task has electives)."""
    if not electives:
        return tuple(summaries), dict(overall)

    def covered(code: str, need: Level) -> bool:
        return any(code in c.claims and meets_level(c.level, need) for c in courses)

    by_task = {t.code: [e for e in t.electives if e in electives] for t in tasks}
    level = {t.code: t.level for t in tasks}
    summaries = tuple(
        dataclasses.replace(
            s,
            shares={
                **s.shares,
                "E": Share(
                    sum(covered(e, level[s.code]) for e in by_task[s.code]), len(by_task[s.code])
                ),
            },
        )
        for s in summaries
    )
    total = Share(sum(covered(e, need) for e, need in electives.items()), len(electives))
    return summaries, {**overall, "E": total}
