"""Render standards and catalogues for ``standards list/show`` and ``courses list``."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, tabulate
from curriculum.io.writers import dump_standard
from curriculum.model.requisites import format_requisites
from curriculum.model.standard import Course, Standard, Task
from curriculum.numbers import fmt_level, fmt_money, fmt_num
from curriculum.report.text import dumps_json, width, wrap


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
    """One row per course: ``(course, provider, currency)``.

    Prerequisites, corequisites, same-term courses, counts above 1, offered
    periods and sessions are columns when a course gives them (always keys in
    JSON): as lists in JSON, as the cell forms of docs/formats.md (``PM-201;
    CS-101 | CS-100``) elsewhere. The text table fits 100 columns: a provider
    and currency shared by every course head the table instead of filling a
    column, and the timing columns are a second table of the courses that have
    any.
    """
    if fmt == "table":
        return _course_table(courses, Text(lang))
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
    for name in TIMING:
        if fmt != "json" and not any(_timing(c, name, False) for c, _, _ in courses):
            continue
        headers.append(name)
        for row, (course, _, _) in zip(rows, courses, strict=True):
            row.append(_timing(course, name, fmt == "json"))
    t = Text(lang)
    labels = [t(f"list.{h}") for h in headers]
    return _table(rows, headers, fmt, labels)


TIMING = ("prerequisites", "corequisites", "same_term", "count", "offered", "sessions")
"""The course fields that place a course in time (``count``: how many times it is taken)."""


def _course_table(courses: Sequence[tuple[Course, str | None, str]], t: Text) -> str:
    """The terminal table of ``courses list`` (see :func:`render_course_list`)."""
    providers = {p for _, p, _ in courses}
    currencies = {c for _, _, c in courses}
    shared = len(providers) == 1 and len(currencies) == 1 and courses
    headers = ["code", "title", "hours", "cost", "level", "covers"]
    if not shared:
        headers[4:4] = ["currency"]
        headers.append("provider")
    rows: list[list[str]] = []
    for course, provider, currency in courses:
        row = [
            course.code,
            course.title,
            fmt_num(course.hours),
            "" if course.price is None else fmt_money(course.price),
            _text(course.level),
            "; ".join(f"{k}: {' '.join(v)}" for k, v in course.covers.items()),
        ]
        if not shared:
            row[4:4] = [currency]
            row.append(provider or "")
        rows.append(row)
    widths = {"title": 24, "covers": 26, "provider": 14, "currency": 5}
    head = ""
    if shared:
        provider, currency = next(iter(providers)), next(iter(currencies))
        head = t("list.shared", provider=provider or "-", currency=currency) + "\n\n"
    out = head + tabulate(
        rows,
        [t(f"list.{h}") for h in headers],
        tablefmt="simple",
        disable_numparse=True,
        maxcolwidths=[widths.get(h) for h in headers],
    )
    timed = [(c, [_timing(c, n, False) for n in TIMING]) for c, _, _ in courses]
    timed = [(c, cells) for c, cells in timed if any(cells)]
    if timed:
        names = [n for i, n in enumerate(TIMING) if any(cells[i] for _, cells in timed)]
        table = [[c.code] + [cells[TIMING.index(n)] or "" for n in names] for c, cells in timed]
        out += "\n\n" + tabulate(
            table,
            [t("list.code")] + [t(f"list.{n}") for n in names],
            tablefmt="simple",
            disable_numparse=True,
            maxcolwidths=[None] + [24] * len(names),
        )
    return out + "\n"


def _timing(course: Course, name: str, as_json: bool) -> Any:
    """A course's prerequisites, corequisites, same-term courses, count, offered
    periods or sessions as a JSON value or as its cell text (a count of 1: empty)."""
    if name in ("prerequisites", "corequisites", "same_term"):
        requisites = getattr(course, name)
        return [list(r) for r in requisites] if as_json else format_requisites(requisites)
    if name == "count":
        return course.count if as_json else str(course.count) if course.count > 1 else ""
    if name == "offered":
        if course.offered is None:
            return None
        return list(course.offered) if as_json else "; ".join(course.offered)
    spans = [(s.start.isoformat(), s.end.isoformat()) for s in course.sessions]
    if as_json:
        return [{"start": a, "end": b} for a, b in spans]
    return "; ".join(a if a == b else f"{a}..{b}" for a, b in spans)


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


def _fit(lines: list[str], columns: int | None) -> list[str]:
    """Each line wrapped to ``columns`` (its continuation under its own indent)."""
    if columns is None:
        return lines
    out: list[str] = []
    for line in lines:
        lead = line[: len(line) - len(line.lstrip())]
        out += wrap(line, columns, indent=lead + "  ") if line else [line]
    return out


def _overview(standard: Standard, t: Text, style: str, columns: int | None) -> list[str]:
    """The tasks table, the items table and the notes, within ``columns`` (``None``: in
    full)."""

    def limit(n: int) -> int | None:
        return None if columns is None else n

    rows = [
        [k.code, k.name, fmt_level(k.level), " ".join(k.knowledge), " ".join(k.skills)]
        for k in standard.tasks
    ]
    heads = [t(f"col.{h}") for h in ("task", "name", "level", "knowledge", "skills")]
    widths = [None, limit(30), None, limit(24), limit(24)]
    parts = [
        tabulate(rows, heads, tablefmt=style, disable_numparse=True, maxcolwidths=widths),
        "",
    ]
    rows = [[i.code, i.kind, i.name] for i in standard.items]
    heads = [t(f"col.{h}") for h in ("item", "kind", "name")]
    widths = [None, None, limit(70)]
    parts += [
        tabulate(rows, heads, tablefmt=style, disable_numparse=True, maxcolwidths=widths),
        "",
    ]
    if standard.notes:
        notes = ["  " * (n.depth + 1) + "- " + n.text for n in standard.notes]
        parts += [t("std.notes") + t.colon.rstrip(), *_fit(notes, columns), ""]
    return parts


def render_standard_text(
    standard: Standard,
    tasks: Sequence[Task],
    markdown: bool,
    lang: str = "en",
    wide: bool = False,
) -> str:
    """A readable summary of a standard, with task details when tasks are named; the
    terminal text fits :func:`width` columns unless ``wide``."""
    t = Text(lang)
    columns = None if markdown or wide else width()
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
    parts = ["\n".join(_fit(head, columns)), ""]
    style = "github" if markdown else "simple"

    if tasks and len(tasks) < len(standard.tasks):
        for task in tasks:
            parts += [*_fit(_task_detail(standard, task, t), columns), ""]
    else:
        parts += _overview(standard, t, style, columns)
    text = "\n".join(parts)
    if markdown:
        lines = text.split("\n")
        lines[0] = "## " + lines[0]
        text = "\n".join(lines)
    return text.rstrip("\n") + "\n"


def render_standard(
    standard: Standard, tasks: Sequence[Task], fmt: str, lang: str = "en", wide: bool = False
) -> str:
    """``standards show`` in the chosen format (``wide``: terminal text in full)."""
    if fmt == "yaml":
        return dump_standard(standard)
    if fmt == "json":
        if tasks and len(tasks) < len(standard.tasks):
            return dumps_json([t.model_dump(mode="json") for t in tasks])
        return dumps_json(standard.model_dump(mode="json"))
    return render_standard_text(standard, tasks, markdown=fmt == "markdown", lang=lang, wide=wide)


SHOW_FORMATS: dict[str, Callable[..., str]] = {
    "table": render_standard,
    "markdown": render_standard,
    "json": render_standard,
    "yaml": render_standard,
}
