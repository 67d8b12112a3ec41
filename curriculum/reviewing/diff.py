"""What changed between two versions of a standard.

:func:`diff_standards` compares items, tasks, levels, the K/S sets of each task and
the behaviour indicators. An item (or task) whose code disappears while a new
code of the same kind appears with exactly the same name is reported as
*recoded* rather than as one removal and one addition; a code kept with a new
name is *renamed*.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic.dataclasses import dataclass

from curriculum.model.standard import Standard, Task
from curriculum.output import CONFIG, Number, Output, Result, plural

T = TypeVar("T")


@dataclass(frozen=True, config=CONFIG)
class Entry(Output):
    """An item or task as listed in a diff."""

    code: str
    name: str
    kind: str = ""


@dataclass(frozen=True, config=CONFIG)
class Renamed(Output):
    """A code kept with a new name."""

    code: str
    old_name: str
    new_name: str


@dataclass(frozen=True, config=CONFIG)
class Recoded(Output):
    """A name kept under a new code."""

    old_code: str
    new_code: str
    name: str


@dataclass(frozen=True, config=CONFIG)
class Reworded(Output):
    """A behaviour indicator kept under its code with a new text."""

    task: str
    code: str
    old_text: str
    new_text: str


@dataclass(frozen=True, config=CONFIG)
class LevelChange(Output):
    """A task whose competency level changed."""

    task: str
    old_level: Number | None
    new_level: Number | None


@dataclass(frozen=True, config=CONFIG)
class SetChange(Output):
    """A task whose K/S items (or indicators) changed."""

    task: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


CHANGE_NAMES = {
    "items_added": "items added",
    "items_removed": "items removed",
    "items_renamed": "items renamed",
    "items_recoded": "items recoded",
    "kind_changes": "items changing kind",
    "tasks_added": "tasks added",
    "tasks_removed": "tasks removed",
    "tasks_renamed": "tasks renamed",
    "tasks_recoded": "tasks recoded",
    "level_changes": "level changes",
    "item_changes": "tasks with changed K/S items",
    "indicator_changes": "tasks with changed indicators",
}
"""Every kind of change a diff lists, with how its summary names it."""


@dataclass(frozen=True, config=CONFIG)
class StandardDiff(Result):
    """The differences between an older and a newer standard.

    The JSON is the model's dump; its schema is ``docs/schema/standard-diff.schema.json``.
    """

    old: str
    new: str
    items_added: tuple[Entry, ...]
    items_removed: tuple[Entry, ...]
    items_renamed: tuple[Renamed, ...]
    items_recoded: tuple[Recoded, ...]
    kind_changes: tuple[SetChange, ...]
    tasks_added: tuple[Entry, ...]
    tasks_removed: tuple[Entry, ...]
    tasks_renamed: tuple[Renamed, ...]
    tasks_recoded: tuple[Recoded, ...]
    level_changes: tuple[LevelChange, ...]
    item_changes: tuple[SetChange, ...]
    indicator_changes: tuple[SetChange, ...]
    indicators_reworded: tuple[Reworded, ...] = ()
    related: bool = True

    @property
    def is_empty(self) -> bool:
        """Whether the two standards agree on everything compared."""
        return not any(getattr(self, name) for name in CHANGE_NAMES)

    def recoded_item(self, old_code: str) -> str | None:
        """The new code of an item that was recoded, if any."""
        return next((r.new_code for r in self.items_recoded if r.old_code == old_code), None)

    def summary(self) -> str:
        """Which standards are compared and how many changes of each kind."""
        counts = [
            f"{what} {len(getattr(self, name))}"
            for name, what in CHANGE_NAMES.items()
            if getattr(self, name)
        ]
        head = f"Changes from {self.old} to {self.new}"
        if not self.related:
            head = f"Warning: {unrelated_warning(self.old, self.new)}\n{head}"
        if not counts:
            return f"{head}: no differences."
        total = sum(len(getattr(self, name)) for name in CHANGE_NAMES)
        return f"{head}: {plural(total, 'change')}.\n" + ", ".join(counts) + "."


def occupation(code: str) -> str:
    """A standard's code without its version suffix (``BAS1499-001v4`` → ``BAS1499-001``)."""
    return re.sub(r"v\d+$", "", code)


def related(old: Standard, new: Standard) -> bool:
    """Whether two standards are versions of one occupation: the same code without
    the version suffix, or one lists the other among its versions."""
    if occupation(old.code) == occupation(new.code):
        return True
    return old.code in {v.code for v in new.versions} or new.code in {v.code for v in old.versions}


def unrelated_warning(old: str, new: str, lang: str = "en") -> str:
    """The warning for comparing two unrelated standards, in ``lang``."""
    from curriculum.i18n import Text

    return Text(lang)(
        "diff.unrelated", old=old, new=new, old_code=occupation(old), new_code=occupation(new)
    )


def _match(
    removed: Sequence[Entry], added: Sequence[Entry]
) -> tuple[list[Entry], list[Entry], list[Recoded]]:
    recoded: list[Recoded] = []
    left = list(removed)
    right = list(added)
    for entry in removed:
        same = [a for a in right if a.name == entry.name and a.kind == entry.kind]
        others = [r for r in left if r.name == entry.name and r.kind == entry.kind]
        if len(same) == 1 and len(others) == 1:
            recoded.append(Recoded(entry.code, same[0].code, entry.name))
            left.remove(entry)
            right.remove(same[0])
    return left, right, recoded


def _by_code(entries: Sequence[T], key: Callable[[T], str]) -> dict[str, T]:
    return {key(e): e for e in entries}


def diff_standards(old: Standard, new: Standard) -> StandardDiff:
    """Compare two standards, normally an older and a newer version of one.

    Four steps: the items (added, removed, recoded, renamed, changing kind), the
    tasks matched across the versions (by code, or recoded by name), then, for
    each matched pair, its name and level, its K/S items and its indicators.
    """
    items = _item_changes(old, new)
    t_removed, t_added, t_recoded, pairs = _task_pairs(old, new)
    item_changes = [_item_set_change(o, n, items["items_recoded"]) for o, n in pairs]
    indicators = [_indicator_changes(o, n) for o, n in pairs]
    return StandardDiff(
        old=old.code,
        new=new.code,
        **items,
        tasks_added=t_added,
        tasks_removed=t_removed,
        tasks_renamed=tuple(Renamed(n.code, o.name, n.name) for o, n in pairs if o.name != n.name),
        tasks_recoded=t_recoded,
        level_changes=tuple(
            LevelChange(n.code, o.level, n.level) for o, n in pairs if o.level != n.level
        ),
        item_changes=tuple(c for c in item_changes if c is not None),
        indicator_changes=tuple(c for c, _ in indicators if c is not None),
        indicators_reworded=tuple(r for _, reworded in indicators for r in reworded),
        related=related(old, new),
    )


def _item_changes(old: Standard, new: Standard) -> dict[str, tuple[Any, ...]]:
    """The item fields of a :class:`StandardDiff`: added, removed, renamed, recoded
    and changing kind (by the field's name)."""
    old_items = {i.code: Entry(i.code, i.name, i.kind) for i in old.items}
    new_items = {i.code: Entry(i.code, i.name, i.kind) for i in new.items}
    removed, added, recoded = _match(
        [e for c, e in old_items.items() if c not in new_items],
        [e for c, e in new_items.items() if c not in old_items],
    )
    kept = [(old_items[c], e) for c, e in new_items.items() if c in old_items]
    return {
        "items_added": tuple(added),
        "items_removed": tuple(removed),
        "items_renamed": tuple(
            Renamed(e.code, o.name, e.name) for o, e in kept if o.name != e.name
        ),
        "items_recoded": tuple(recoded),
        "kind_changes": tuple(
            SetChange(e.code, (e.kind,), (o.kind,)) for o, e in kept if o.kind != e.kind
        ),
    }


def _task_pairs(
    old: Standard, new: Standard
) -> tuple[tuple[Entry, ...], tuple[Entry, ...], tuple[Recoded, ...], list[tuple[Task, Task]]]:
    """(tasks removed, added, recoded, and the (old, new) pairs of the tasks in both):
    kept codes first, in the new standard's order, then the recoded ones."""
    old_tasks = _by_code(old.tasks, lambda t: t.code)
    new_tasks = _by_code(new.tasks, lambda t: t.code)
    removed, added, recoded = _match(
        [Entry(t.code, t.name) for c, t in old_tasks.items() if c not in new_tasks],
        [Entry(t.code, t.name) for c, t in new_tasks.items() if c not in old_tasks],
    )
    pairs = [(old_tasks[c], t) for c, t in new_tasks.items() if c in old_tasks]
    pairs += [(old_tasks[r.old_code], new_tasks[r.new_code]) for r in recoded]
    return tuple(removed), tuple(added), tuple(recoded), pairs


def _item_set_change(old: Task, new: Task, recoded: Sequence[Recoded]) -> SetChange | None:
    """The K/S items a task gained and lost (recoded items counted as kept), if any."""
    before = {recoded_code(recoded, c) for c in old.items}
    after = set(new.items)
    if before == after:
        return None
    return SetChange(
        new.code,
        tuple(c for c in new.items if c not in before),
        tuple(c for c in old.items if recoded_code(recoded, c) not in after),
    )


def _indicator_changes(old: Task, new: Task) -> tuple[SetChange | None, list[Reworded]]:
    """A task's changed indicators (codes whose text differs, on either side), if any,
    and those kept under their code with a new text."""
    before = {p.code: p.text for p in old.indicators}
    after = {p.code: p.text for p in new.indicators}
    reworded = [
        Reworded(new.code, c, before[c], t)
        for c, t in after.items()
        if c in before and before[c] != t
    ]
    if before == after:
        return None, reworded
    change = SetChange(
        new.code,
        tuple(c for c, t in after.items() if before.get(c) != t),
        tuple(c for c, t in before.items() if after.get(c) != t),
    )
    return change, reworded


def recoded_code(recoded: Sequence[Recoded], code: str) -> str:
    """``code`` under its new code when it was recoded, else unchanged."""
    return next((r.new_code for r in recoded if r.old_code == code), code)
