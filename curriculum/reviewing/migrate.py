"""Move claims written for one version of a standard to a newer one, with a changelog.

:func:`migrate_claims` rewrites each course's claims: a recoded item follows its
new code, a renamed item keeps its code, a removed item is dropped, and an item
now required above the course's level is kept and flagged. Every change becomes
one :class:`Change` with its reason, so nothing changes silently.
:func:`migrate_catalogue` applies it to a catalogue (``courses migrate``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, Literal

from pydantic.dataclasses import dataclass

from curriculum.model.levels import Level, meets_level, required_levels, targeted_tasks
from curriculum.model.standard import Catalogue, Course, Standard
from curriculum.numbers import fmt_number
from curriculum.output import CONFIG, Output, Result, plural
from curriculum.reviewing.diff import StandardDiff, diff_standards
from curriculum.reviewing.messages import change_message

Action = Literal["recoded", "renamed", "removed", "level", "unknown"]
"""What happened to a claim: followed its new code, kept under a new name,
dropped, kept but flagged (level), or kept though the older standard lacks it."""

ACTIONS: tuple[str, ...] = ("recoded", "renamed", "removed", "level", "unknown")


@dataclass(frozen=True, config=CONFIG)
class Change(Output):
    """One claim the migration changed or flagged."""

    course: str
    action: Action
    old_item: str
    new_item: str | None
    reason: str


@dataclass(frozen=True, config=CONFIG)
class Migration(Result):
    """The changelog of moving claims from ``old`` to ``new``.

    The JSON is the model's dump; its schema is ``docs/schema/migration.schema.json``.
    """

    old: str
    new: str
    courses: int
    changes: tuple[Change, ...]

    _json_keys: ClassVar[tuple[str, ...]] = ("old", "new", "courses", "counts", "changes")

    @property
    def counts(self) -> dict[str, int]:
        """How many changes of each action."""
        return {a: sum(1 for c in self.changes if c.action == a) for a in ACTIONS}

    def summary(self) -> str:
        """Which versions, how many courses and changes of each kind."""
        counts = ", ".join(f"{a} {n}" for a, n in self.counts.items() if n)
        return (
            f"Migration of {plural(self.courses, 'course')} from {self.old} to {self.new}: "
            f"{plural(len(self.changes), 'change')}" + (f" ({counts})." if counts else ".")
        )


def migrate_claims(
    claims: Mapping[str, Sequence[str]],
    levels: Mapping[str, Level | None],
    old: Standard,
    new: Standard,
    *,
    diff: StandardDiff | None = None,
    targets: Sequence[str] = (),
    lang: str = "en",
) -> tuple[dict[str, tuple[str, ...]], Migration]:
    """The claims (course → items of ``old``) rewritten for ``new``, and the changelog.

    ``levels`` gives each course's level; ``targets`` limits the required levels
    to those tasks (none: the whole standard).
    """
    diff = diff or diff_standards(old, new)
    recoded = {r.old_code: r.new_code for r in diff.items_recoded}
    renamed = {r.code: r for r in diff.items_renamed}
    before = required_levels(old, targeted_tasks(old, targets)[0])
    after = required_levels(new, targeted_tasks(new, targets)[0])
    names = {"new": new.code}
    out: dict[str, tuple[str, ...]] = {}
    changes: list[Change] = []
    for course, items in claims.items():
        kept: list[str] = []
        for item in items:
            target: str | None = item
            if item not in old.item_index:
                reason = change_message(lang, "unknown", old=old.code)
                changes.append(Change(course, "unknown", item, item, reason))
            elif item in recoded:
                target = recoded[item]
                reason = change_message(lang, "recoded", code=target, **names)
                changes.append(Change(course, "recoded", item, target, reason))
            elif item not in new.item_index:
                target = None
                changes.append(
                    Change(course, "removed", item, None, change_message(lang, "removed", **names))
                )
            elif item in renamed:
                r = renamed[item]
                reason = change_message(
                    lang, "renamed", old_name=r.old_name, new_name=r.new_name, **names
                )
                changes.append(Change(course, "renamed", item, item, reason))
            if target is None:
                continue
            kept.append(target)
            level = levels.get(course)
            need, had = after.get(target), before.get(item)
            held = item not in before or meets_level(level, had)
            if target in after and held and not meets_level(level, need):
                reason = change_message(
                    lang,
                    "level",
                    old_level=fmt_number(had),
                    new_level=fmt_number(need),
                    level=fmt_number(level),
                    **names,
                )
                changes.append(Change(course, "level", item, target, reason))
        out[course] = tuple(dict.fromkeys(kept))
    return out, Migration(old.code, new.code, len(claims), tuple(changes))


def migrate_catalogue(
    catalogue: Catalogue, old: Standard, new: Standard, lang: str = "en"
) -> tuple[Catalogue, Migration]:
    """The catalogue with every course's claims of ``old`` moved to ``new``.

    Claims of other standards are left as they are; a course already claiming
    items of ``new`` keeps them, merged after the migrated ones.
    """
    mine = [c for c in catalogue.courses if old.code in c.covers]
    claims = {c.code: c.covers[old.code] for c in mine}
    moved, log = migrate_claims(claims, {c.code: c.level for c in mine}, old, new, lang=lang)
    courses: list[Course] = []
    for course in catalogue.courses:
        if course.code not in moved:
            courses.append(course)
            continue
        covers: dict[str, tuple[str, ...]] = {}
        for key, items in course.covers.items():
            if key == old.code:
                merged = (*moved[course.code], *course.covers.get(new.code, ()))
                if merged:
                    covers[new.code] = tuple(dict.fromkeys(merged))
            elif key != new.code:
                covers[key] = items
        courses.append(course.model_copy(update={"covers": covers}))
    return catalogue.model_copy(update={"courses": tuple(courses)}), log
