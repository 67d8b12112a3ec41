"""The domain model: competency standards (pydantic v2); courses and catalogues are in
:mod:`curriculum.model.course`, the fields both use in :mod:`curriculum.model.fields`.

Every model is immutable and rejects unknown keys, so that a typo in a data file
(``hour:`` for ``hours:``) is an error instead of a silently ignored field.
Cross-references inside one standard (a task naming an item the standard does not
define, duplicate codes, levels outside the scale) are checked here; references
between files (a course claiming an item of a standard) are checked by
:mod:`curriculum.library`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from curriculum.model.codes import (
    CodeIndex,
    code_key,
)
from curriculum.model.course import Catalogue as Catalogue
from curriculum.model.course import Course as Course
from curriculum.model.course import Session as Session
from curriculum.model.fields import Code, Frozen, NoBool, _num

ItemKind = Literal["K", "S", "A"]
KIND_NAMES: dict[str, str] = {"K": "knowledge", "S": "skill", "A": "attitude"}


# --------------------------------------------------------------------------- standard


class VersionEntry(Frozen):
    """One row of a standard's version table."""

    version: str
    code: Code
    name: str
    status: str | None = None
    note: str | None = None
    date: str | None = None


class Classification(Frozen):
    """A classification of the standard (職類別, 職業別, 行業別, ...)."""

    kind: str
    name: str | None = None
    code: str | None = None


class Output(Frozen):
    """A work output (工作產出) of a task."""

    code: Code | None = None
    name: str


class Indicator(Frozen):
    """A behaviour indicator (行為指標) of a task."""

    code: Code
    text: str


class Task(Frozen):
    """A task (工作任務): what is produced, how it is judged, what it needs."""

    code: Code
    name: str
    level: Annotated[int | float | None, NoBool] = None
    outputs: tuple[Output, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    knowledge: tuple[Code, ...] = ()
    skills: tuple[Code, ...] = ()
    meta: dict[str, Any] = Field(default_factory=dict)

    @property
    def items(self) -> tuple[str, ...]:
        """The K and S codes the task needs, knowledge first."""
        return self.knowledge + self.skills

    @property
    def electives(self) -> tuple[str, ...]:
        """The items the task lists as optional (``meta.optional``, written by the
        table importer for ``essential: no``): electives, not required."""
        optional = self.meta.get("optional")
        if not isinstance(optional, list | tuple):
            return ()
        return tuple(str(code) for code in optional)


class Duty(Frozen):
    """A duty (主要職責) grouping tasks."""

    code: Code
    name: str
    tasks: tuple[Task, ...]


class Item(Frozen):
    """A competency item: knowledge (K), skill (S) or attitude (A)."""

    code: Code
    kind: ItemKind
    name: str
    description: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)


class Note(Frozen):
    """A line of the notes (說明與補充事項); ``depth`` keeps the list nesting.

    ``section`` names the part of the notes the line comes from when the source
    says so (``prerequisites``, ``supplements`` in iCAP parser output).
    """

    text: str
    depth: int = Field(default=0, ge=0)
    section: str | None = None


class Standard(Frozen):
    """An occupational competency standard (職能基準).

    ``names`` keeps the document's name fields as written (for iCAP, 職類 and
    職業, one of which is filled in); ``classifications`` keeps the category,
    occupation and industry names with their codes.
    """

    code: Code
    name: str
    title: str | None = None
    framework: str = "icap"
    language: str = "zh-TW"
    version: str | None = None
    level: Annotated[int | float | None, NoBool] = None
    level_scale: tuple[int | float, int | float] = (1, 6)
    versions: tuple[VersionEntry, ...] = ()
    names: dict[str, str | None] = Field(default_factory=dict)
    classifications: tuple[Classification, ...] = ()
    description: str | None = None
    duties: tuple[Duty, ...]
    items: tuple[Item, ...]
    notes: tuple[Note, ...] = ()
    source: dict[str, Any] = Field(default_factory=dict)
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Standard:
        problems: list[str] = []
        low, high = self.level_scale
        if low > high:
            problems.append(f"level_scale {self.level_scale} is empty")

        def level_ok(where: str, level: float | None) -> None:
            if level is not None and (not math.isfinite(level) or not low <= level <= high):
                scale = f"{_num(low)}–{_num(high)}"
                problems.append(f"{where}: level {_num(level)} is outside {scale}")

        level_ok("standard", self.level)
        kinds = {item.code: item.kind for item in self.items}
        for what, codes in (
            ("item", [i.code for i in self.items]),
            ("duty", [d.code for d in self.duties]),
            ("task", [t.code for t in self.tasks]),
            ("indicator", [p.code for t in self.tasks for p in t.indicators]),
        ):
            for code, count in sorted(Counter(code_key(c) for c in codes).items()):
                if count > 1:
                    spelt = sorted({c for c in codes if code_key(c) == code})
                    problems.append(f"duplicate {what} code {' / '.join(spelt)}")
        for task in self.tasks:
            level_ok(f"task {task.code}", task.level)
            for kind, listed in (("K", task.knowledge), ("S", task.skills)):
                for code, count in sorted(Counter(listed).items()):
                    if count > 1:
                        problems.append(f"task {task.code} lists {code} twice")
                for code in listed:
                    if code in task.electives:
                        problems.append(f"task {task.code} lists {code} as required and optional")
                    if code not in kinds:
                        problems.append(
                            f"task {task.code} names {code}, which the standard does not define"
                        )
                    elif kinds[code] != kind:
                        problems.append(
                            f"task {task.code} lists {code} as {KIND_NAMES[kind]} "
                            f"but it is defined as {KIND_NAMES[kinds[code]]}"
                        )
            problems += [
                f"task {task.code} names optional item {code}, which the standard does not define"
                for code in task.electives
                if code not in kinds
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # ---- look-ups (computed once; the model is immutable)

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        """Every task, in document order."""
        return tuple(task for duty in self.duties for task in duty.tasks)

    @cached_property
    def item_index(self) -> dict[str, Item]:
        """Items by code."""
        return {item.code: item for item in self.items}

    @cached_property
    def codes(self) -> CodeIndex:
        """Every code the standard defines (items, duties, tasks), found in any case."""
        return CodeIndex(
            [self.code]
            + [i.code for i in self.items]
            + [d.code for d in self.duties]
            + [t.code for t in self.tasks]
        )

    def find_item(self, code: str) -> Item | None:
        """The item whose code matches ``code`` in any case or width, or ``None``."""
        return self.item_index.get(self.codes.resolve(code))

    @cached_property
    def task_index(self) -> dict[str, Task]:
        """Tasks by code."""
        return {task.code: task for task in self.tasks}

    @cached_property
    def duty_index(self) -> dict[str, Duty]:
        """Duties by code."""
        return {duty.code: duty for duty in self.duties}

    def items_of_kind(self, kind: str) -> tuple[Item, ...]:
        """The items of one kind (``"K"``, ``"S"`` or ``"A"``) in document order."""
        return tuple(item for item in self.items if item.kind == kind)

    def duty_of(self, task_code: str) -> Duty:
        """The duty a task belongs to."""
        for duty in self.duties:
            if any(task.code == task_code for task in duty.tasks):
                return duty
        raise KeyError(task_code)

    def expand_targets(self, targets: Iterable[str]) -> tuple[Task, ...]:
        """The tasks named by task or duty codes (all tasks when none are given).

        Raises
        ------
        KeyError
            With the first code that is neither a task nor a duty.
        """
        codes = [self.codes.resolve(t) for t in targets]
        if not codes:
            return self.tasks
        chosen: dict[str, Task] = {}
        for code in codes:
            if code in self.task_index:
                chosen[code] = self.task_index[code]
            elif code in self.duty_index:
                for task in self.duty_index[code].tasks:
                    chosen[task.code] = task
            else:
                raise KeyError(code)
        return tuple(t for t in self.tasks if t.code in chosen)

    def replaced_by(self, code: str) -> VersionEntry | None:
        """The version-table entry of this standard when ``code`` is an older one."""
        if any(v.code == code for v in self.versions) and code != self.code:
            return next((v for v in self.versions if v.code == self.code), None)
        return None
