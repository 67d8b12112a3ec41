"""The required-level rule, shared by plans and reviews.

An item is required at the highest level of the targeted tasks that list it (no
level when none of them has one); the standard's attitudes, when asked for, are
required at no level. A course counts for an item when its level reaches the
required one; a course without a level, or an item required at no level, counts
at every level. Items a task lists as optional are electives: never required,
counted apart at the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from curriculum.model.standard import Standard, Task

Level = int | float | None
"""A level as written in the data: a number, or ``None`` when none is given."""


def targeted_tasks(
    standard: Standard, targets: Sequence[str]
) -> tuple[tuple[Task, ...], tuple[str, ...]]:
    """The tasks the targets name, in the standard's order, and the unknown targets.

    Parameters
    ----------
    standard
        The standard the targets belong to.
    targets
        Task or duty codes; none means every task of the standard.

    Returns
    -------
    tuple
        ``(tasks, unknown)``: the tasks of the known targets, and the targets (as
        given) that are neither a task nor a duty of ``standard``.
    """
    if not targets:
        return standard.tasks, ()
    chosen: set[str] = set()
    unknown: list[str] = []
    for target in targets:
        try:
            chosen.update(t.code for t in standard.expand_targets([target]))
        except KeyError:
            unknown.append(target)
    return tuple(t for t in standard.tasks if t.code in chosen), tuple(unknown)


def required_levels(
    standard: Standard, tasks: Iterable[Task], *, attitudes: bool = False
) -> dict[str, Level]:
    """Each item the tasks list, at the highest level of the tasks listing it.

    Parameters
    ----------
    standard
        The standard of the tasks (its attitudes are added when ``attitudes``).
    tasks
        The targeted tasks.
    attitudes
        Also require the standard's attitudes (A items), at no level.

    Returns
    -------
    dict
        Item code to required level (``None``: no task listing it has a level), in
        the order the items first appear in the tasks, then the attitudes.
    """
    levels: dict[str, Level] = {}
    for task in tasks:
        for code in task.items:
            levels[code] = higher_level(levels.get(code), task.level)
    if attitudes:
        for item in standard.items_of_kind("A"):
            levels.setdefault(item.code, None)
    return levels


def elective_levels(tasks: Iterable[Task], required: Mapping[str, Level]) -> dict[str, Level]:
    """The electives of the tasks (items a task lists as optional) that no targeted
    task requires, each at the highest level of the tasks listing it.

    Electives are not required: plans leave them out, reviews count the ones
    their courses cover apart (and do not report claims of them as outside the
    target).
    """
    levels: dict[str, Level] = {}
    for task in tasks:
        for code in task.electives:
            if code not in required:
                levels[code] = higher_level(levels.get(code), task.level)
    return levels


def higher_level(first: Level, second: Level) -> Level:
    """The higher of two levels, a missing level counting as no requirement."""
    if first is None:
        return second
    if second is None:
        return first
    return max(first, second)


def meets_level(level: Level, need: Level) -> bool:
    """Whether a course at ``level`` counts for an item required at ``need``."""
    return need is None or level is None or level >= need
