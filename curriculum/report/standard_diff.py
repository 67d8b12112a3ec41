"""Render a :class:`~curriculum.diff.StandardDiff`: table, markdown or json."""

from __future__ import annotations

from curriculum.numbers import fmt_number
from curriculum.report.text import dumps_json
from curriculum.reviewing.diff import StandardDiff, unrelated_warning

DIFF_FORMATS = ("json", "markdown", "table")


def _lines(diff: StandardDiff) -> list[tuple[str, list[str]]]:
    """(section heading, lines) for every non-empty kind of change."""

    def codes(values: tuple[str, ...]) -> str:
        return " ".join(values) or "-"

    def change(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
        parts = [f"+ {' '.join(added)}"] if added else []
        parts += [f"- {' '.join(removed)}"] if removed else []
        return "; ".join(parts)

    sections = [
        ("Items added", [f"{e.code} ({e.kind}) {e.name}" for e in diff.items_added]),
        ("Items removed", [f"{e.code} ({e.kind}) {e.name}" for e in diff.items_removed]),
        ("Items renamed", [f"{r.code}: {r.old_name} → {r.new_name}" for r in diff.items_renamed]),
        ("Items recoded", [f"{r.old_code} → {r.new_code} {r.name}" for r in diff.items_recoded]),
        (
            "Items changing kind",
            [f"{c.task}: {codes(c.removed)} → {codes(c.added)}" for c in diff.kind_changes],
        ),
        ("Tasks added", [f"{e.code} {e.name}" for e in diff.tasks_added]),
        ("Tasks removed", [f"{e.code} {e.name}" for e in diff.tasks_removed]),
        ("Tasks renamed", [f"{r.code}: {r.old_name} → {r.new_name}" for r in diff.tasks_renamed]),
        ("Tasks recoded", [f"{r.old_code} → {r.new_code} {r.name}" for r in diff.tasks_recoded]),
        (
            "Level changes",
            [
                f"{c.task}: {fmt_number(c.old_level)} → {fmt_number(c.new_level)}"
                for c in diff.level_changes
            ],
        ),
        (
            "K/S items per task",
            [f"{c.task}: {change(c.added, c.removed)}" for c in diff.item_changes],
        ),
        (
            "Behaviour indicators per task (added or reworded / removed or reworded)",
            [f"{c.task}: {change(c.added, c.removed)}" for c in diff.indicator_changes],
        ),
        (
            "Behaviour indicators reworded (old → new text)",
            [f"{r.code} ({r.task}): {r.old_text} → {r.new_text}" for r in diff.indicators_reworded],
        ),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def render_diff(diff: StandardDiff, fmt: str) -> str:
    """The diff in ``table`` (plain text), ``markdown`` or ``json``."""
    if fmt == "json":
        return dumps_json(diff.to_dict())
    title = f"Changes from {diff.old} to {diff.new}"
    sections = _lines(diff)
    warning = [] if diff.related else [f"Warning: {unrelated_warning(diff.old, diff.new)}.", ""]
    if fmt == "markdown":
        out = [f"# {title}", "", *(f"> {w}" if w else w for w in warning)]
        for heading, lines in sections:
            out += [f"## {heading}", "", *(f"- {line}" for line in lines), ""]
    else:
        out = [title, "", *warning]
        for heading, lines in sections:
            out += [f"{heading}:", *(f"  {line}" for line in lines), ""]
    if not sections:
        out.append("No differences.")
        out.append("")
    return "\n".join(out)
