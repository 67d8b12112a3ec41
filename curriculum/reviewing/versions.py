"""Claims that a newer version of the standard changes (``review --against``)."""

from __future__ import annotations

from collections.abc import Sequence

from curriculum.i18n import Text
from curriculum.model.levels import meets_level, required_levels, targeted_tasks
from curriculum.model.standard import Standard
from curriculum.numbers import fmt_number
from curriculum.reviewing.diff import StandardDiff
from curriculum.reviewing.messages import change_message
from curriculum.reviewing.programme import Programme
from curriculum.reviewing.result import ChangedClaim, ReviewCourse


def _changed_targets(
    old: Standard, new: Standard, diff: StandardDiff, programme: Programme, lang: str
) -> list[ChangedClaim]:
    """The programme's targets that ``new`` recodes or removes."""
    changed: list[ChangedClaim] = []
    names = {"new": new.code}
    for target in programme.targets:
        if target in old.task_index and target not in new.task_index:
            recoded = next((r.new_code for r in diff.tasks_recoded if r.old_code == target), None)
            reason = (
                change_message(lang, "recoded", code=recoded, **names)
                if recoded
                else change_message(lang, "task", **names)
            )
            changed.append(ChangedClaim(None, target, reason))
    return changed


def changed_claims(
    old: Standard,
    new: Standard,
    diff: StandardDiff,
    programme: Programme,
    courses: Sequence[ReviewCourse],
    lang: str,
) -> list[ChangedClaim]:
    """The claims, targets and assessments written for ``old`` that ``new`` breaks."""
    changed = _changed_targets(old, new, diff, programme, lang)
    names = {"new": new.code}
    old_levels = required_levels(old, targeted_tasks(old, programme.targets)[0])
    new_levels = required_levels(new, targeted_tasks(new, programme.targets)[0])
    renamed = {r.code: r for r in diff.items_renamed}
    for course in courses:
        for item in course.claims:
            if item in old.item_index and item not in new.item_index:
                code = diff.recoded_item(item)
                reason = (
                    change_message(lang, "recoded", code=code, **names)
                    if code
                    else change_message(lang, "removed", **names)
                )
                changed.append(ChangedClaim(course.code, item, reason))
            else:
                reasons = []
                if item in renamed:
                    r = renamed[item]
                    reasons.append(
                        change_message(
                            lang, "renamed", old_name=r.old_name, new_name=r.new_name, **names
                        )
                    )
                if item in new_levels:
                    before, after = old_levels.get(item), new_levels[item]
                    ok_before = item not in old_levels or meets_level(course.level, before)
                    if ok_before and not meets_level(course.level, after):
                        reasons.append(
                            change_message(
                                lang,
                                "level",
                                old_level=fmt_number(before),
                                new_level=fmt_number(after),
                                level=fmt_number(course.level),
                                **names,
                            )
                        )
                if reasons:
                    changed.append(ChangedClaim(course.code, item, Text(lang).sep.join(reasons)))
        new_indicators = {p.code: p.text for t in new.tasks for p in t.indicators}
        old_indicators = {p.code: p.text for t in old.tasks for p in t.indicators}
        for code in course.assessments:
            if code in old_indicators and new_indicators.get(code) != old_indicators[code]:
                changed.append(
                    ChangedClaim(course.code, code, change_message(lang, "indicator", **names))
                )
    return changed
