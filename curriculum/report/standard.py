"""Render standards and catalogues for ``standards list/show`` and ``courses list``."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from curriculum.i18n import Text
from curriculum.io.writers import dump_standard
from curriculum.model.standard import Course, Standard, Task
from curriculum.numbers import fmt_level, fmt_money, fmt_num
from curriculum.report.safe import csv_writer, tabulate
from curriculum.report.text import dumps_json


def _text(value: Any) -> str:
    """A cell as text: numbers without float noise, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_num(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in value.items())
    return str(value)


def _table(
    rows: list[list[Any]], headers: list[str], fmt: str, labels: list[str] | None = None
) -> str:
    """Rows of raw values: numbers stay numbers in JSON; ``labels`` head text tables."""
    if fmt == "json":
        return dumps_json([dict(zip(headers, row, strict=True)) for row in rows])
    if fmt == "csv":
        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(headers)
        writer.writerows([_text(v) for v in row] for row in rows)
        return out.getvalue()
    style = "github" if fmt == "markdown" else "simple"
    text_rows = [[_text(v) for v in row] for row in rows]
    widths = None if fmt == "markdown" else [None if len(h) < 6 else 30 for h in headers]
    return (
        tabulate(
            text_rows, labels or headers, tablefmt=style, disable_numparse=True, maxcolwidths=widths
        )
        + "\n"
    )


def render_standard_list(standards: Sequence[Standard], fmt: str, lang: str = "en") -> str:
    """One row per standard."""
    rows: list[list[Any]] = [
        [
            s.code,
            s.name,
            s.framework,
            s.version or None,
            s.level,
            len(s.tasks),
            len(s.items_of_kind("K")),
            len(s.items_of_kind("S")),
            len(s.items_of_kind("A")),
        ]
        for s in sorted(standards, key=lambda s: s.code)
    ]
    headers = ["code", "name", "framework", "version", "level", "tasks", "K", "S", "A"]
    t = Text(lang)
    labels = [t(f"list.{h}") for h in headers]
    return _table(rows, headers, fmt, labels)


def render_course_list(
    courses: Sequence[tuple[Course, str | None, str]], fmt: str, lang: str = "en"
) -> str:
    """One row per course: ``(course, provider, currency)``."""
    rows: list[list[Any]] = [
        [
            c.code,
            c.title,
            c.hours,
            c.price if fmt in ("json", "csv") or c.price is None else fmt_money(c.price),
            currency,
            c.level,
            {std: list(items) for std, items in c.covers.items()},
            provider,
        ]
        for c, provider, currency in courses
    ]
    headers = ["code", "title", "hours", "cost", "currency", "level", "covers", "provider"]
    t = Text(lang)
    labels = [t(f"list.{h}") for h in headers]
    return _table(rows, headers, fmt, labels)


def _task_detail(standard: Standard, task: Task, t: Text) -> list[str]:
    duty = standard.duty_of(task.code)
    lines = [
        t(
            "std.task",
            code=task.code,
            name=task.name,
            duty=duty.code,
            duty_name=duty.name,
            level=fmt_level(task.level),
        )
    ]
    colon = t.colon.rstrip()
    if task.outputs:
        lines.append(f"  {t('std.outputs')}{colon}")
        lines += [f"    {o.code or '-'} {o.name}" for o in task.outputs]
    if task.indicators:
        lines.append(f"  {t('std.indicators')}{colon}")
        lines += [f"    {p.code} {p.text}" for p in task.indicators]
    for key, codes in (("std.knowledge", task.knowledge), ("std.skills", task.skills)):
        if codes:
            lines.append(f"  {t(key)}{colon}")
            lines += [f"    {c} {standard.item_index[c].name}" for c in codes]
    return lines


def render_standard_text(
    standard: Standard, tasks: Sequence[Task], markdown: bool, lang: str = "en"
) -> str:
    """A readable summary of a standard, with task details when tasks are named."""
    t = Text(lang)
    date = next((v.date for v in standard.versions if v.code == standard.code), None)
    head = [
        f"{standard.code} {standard.name}" + (t.paren(standard.title) if standard.title else ""),
        t(
            "std.framework",
            framework=standard.framework,
            version=standard.version or "-",
            date=t("std.of_date", date=date) if date else "",
            level=fmt_level(standard.level),
        ),
    ]
    head += [
        f"{c.kind}{t.colon}{c.name or '-'}" + t.paren(c.code or "-")
        for c in standard.classifications
    ]
    if standard.description:
        head.append(f"{t('std.description')}{t.colon}{standard.description}")
    parts = ["\n".join(head), ""]
    style = "github" if markdown else "simple"
    if tasks and len(tasks) < len(standard.tasks):
        for task in tasks:
            parts += [*_task_detail(standard, task, t), ""]
    else:
        rows = [
            [k.code, k.name, fmt_level(k.level), " ".join(k.knowledge), " ".join(k.skills)]
            for k in standard.tasks
        ]
        heads = [t(f"col.{h}") for h in ("task", "name", "level", "knowledge", "skills")]
        parts += [tabulate(rows, heads, tablefmt=style, disable_numparse=True), ""]
        rows = [[i.code, i.kind, i.name] for i in standard.items]
        heads = [t(f"col.{h}") for h in ("item", "kind", "name")]
        parts += [tabulate(rows, heads, tablefmt=style, disable_numparse=True), ""]
        if standard.notes:
            notes = ("  " * (n.depth + 1) + "- " + n.text for n in standard.notes)
            parts += [t("std.notes") + t.colon.rstrip(), *notes, ""]
    text = "\n".join(parts)
    if markdown:
        lines = text.split("\n")
        lines[0] = "## " + lines[0]
        text = "\n".join(lines)
    return text.rstrip("\n") + "\n"


def render_standard(standard: Standard, tasks: Sequence[Task], fmt: str, lang: str = "en") -> str:
    """``standards show`` in the chosen format."""
    if fmt == "yaml":
        return dump_standard(standard)
    if fmt == "json":
        if tasks and len(tasks) < len(standard.tasks):
            return dumps_json([t.model_dump(mode="json") for t in tasks])
        return dumps_json(standard.model_dump(mode="json"))
    return render_standard_text(standard, tasks, markdown=fmt == "markdown", lang=lang)


SHOW_FORMATS: dict[str, Callable[..., str]] = {
    "table": render_standard,
    "markdown": render_standard,
    "json": render_standard,
    "yaml": render_standard,
}
