"""Render a :class:`~curriculum.diff.StandardDiff`: table, markdown or json."""

from __future__ import annotations

from curriculum.i18n import Text
from curriculum.io.cells import markdown_text
from curriculum.numbers import fmt_number
from curriculum.report.text import dumps_json
from curriculum.reviewing.diff import StandardDiff, unrelated_warning

DIFF_FORMATS = ("json", "markdown", "table")


def _lines(diff: StandardDiff, t: Text) -> list[tuple[str, list[str]]]:
    """(section heading, lines) for every non-empty kind of change."""

    def codes(values: tuple[str, ...]) -> str:
        return " ".join(values) or "-"

    def change(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
        parts = [f"+ {' '.join(added)}"] if added else []
        parts += [f"- {markdown_text(' '.join(removed))}"] if removed else []
        return t.sep.join(parts)

    sections = [
        (t("diff.items_added"), [f"{e.code}{t.paren(e.kind)} {e.name}" for e in diff.items_added]),
        (
            t("diff.items_removed"),
            [f"{e.code}{t.paren(e.kind)} {e.name}" for e in diff.items_removed],
        ),
        (
            t("diff.items_renamed"),
            [f"{r.code}{t.colon}{r.old_name} → {r.new_name}" for r in diff.items_renamed],
        ),
        (
            t("diff.items_recoded"),
            [f"{r.old_code} → {r.new_code} {r.name}" for r in diff.items_recoded],
        ),
        (
            t("diff.kind_changes"),
            [f"{c.task}{t.colon}{codes(c.removed)} → {codes(c.added)}" for c in diff.kind_changes],
        ),
        (t("diff.tasks_added"), [f"{e.code} {e.name}" for e in diff.tasks_added]),
        (t("diff.tasks_removed"), [f"{e.code} {e.name}" for e in diff.tasks_removed]),
        (
            t("diff.tasks_renamed"),
            [f"{r.code}{t.colon}{r.old_name} → {r.new_name}" for r in diff.tasks_renamed],
        ),
        (
            t("diff.tasks_recoded"),
            [f"{r.old_code} → {r.new_code} {r.name}" for r in diff.tasks_recoded],
        ),
        (
            t("diff.level_changes"),
            [
                f"{c.task}{t.colon}{fmt_number(c.old_level)} → {fmt_number(c.new_level)}"
                for c in diff.level_changes
            ],
        ),
        (
            t("diff.item_changes"),
            [f"{c.task}{t.colon}{change(c.added, c.removed)}" for c in diff.item_changes],
        ),
        (
            t("diff.indicator_changes"),
            [f"{c.task}{t.colon}{change(c.added, c.removed)}" for c in diff.indicator_changes],
        ),
        (
            t("diff.indicators_reworded"),
            [
                f"{r.code}{t.paren(r.task)}{t.colon}{r.old_text} → {r.new_text}"
                for r in diff.indicators_reworded
            ],
        ),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def render_diff(diff: StandardDiff, fmt: str, lang: str = "en") -> str:
    """The diff in ``table`` (plain text), ``markdown`` or ``json``."""
    if fmt == "json":
        return dumps_json(diff.to_dict())
    t = Text(lang)
    title = t("diff.title", old=diff.old, new=diff.new)
    sections = _lines(diff, t)
    warning = (
        []
        if diff.related
        else [
            t("diff.warning") + t.colon + unrelated_warning(diff.old, diff.new, t.lang) + t.period,
            "",
        ]
    )
    if fmt == "markdown":
        out = [
            f"# {markdown_text(title)}",
            "",
            *(f"> {markdown_text(w)}" if w else w for w in warning),
        ]
        for heading, lines in sections:
            out += [
                f"## {markdown_text(heading)}",
                "",
                *(f"- {markdown_text(line)}" for line in lines),
                "",
            ]
    else:
        out = [title, "", *warning]
        for heading, lines in sections:
            out += [f"{heading}{t.colon.rstrip()}", *(f"  {line}" for line in lines), ""]
    if not sections:
        out.append(t("diff.none"))
        out.append("")
    return "\n".join(out)
