"""Render a :class:`~curriculum.planning.schedule_result.Schedule`: table and JSON.

:func:`render` is the one dispatch point of ``curriculum schedule --format``:
``table`` and ``json`` are rendered here; the file formats (CSV, XLSX, markdown,
iCalendar) by :mod:`curriculum.report.schedule.formats`.
"""

from __future__ import annotations

from collections.abc import Callable

from curriculum.i18n import Text
from curriculum.io.cells import tabulate
from curriculum.numbers import fmt_money, fmt_num
from curriculum.planning.schedule_result import Schedule
from curriculum.report.schedule.lines import heading, notes, total_text
from curriculum.report.text import dumps_json, join_codes, keep_codes_whole, wrap

COURSES_WIDTH = 56
"""The courses column of the terminal table wraps at this many columns."""


def render_json(schedule: Schedule, lang: str = "en") -> str:
    """The documented JSON contract (the same in every language)."""
    return dumps_json(schedule.to_dict())


def _rows(schedule: Schedule, t: Text) -> list[list[str]]:
    """One row per period; no cost column when no course gives a price."""
    priced = schedule.total_cost is not None
    return [
        [p.label, join_codes(p.courses, t.comma) or "-", fmt_num(p.hours)]
        + ([fmt_money(p.cost)] * priced)
        for p in schedule.periods
        if p.number <= max(schedule.periods_used, 1)
    ]


def render_table(schedule: Schedule, lang: str = "en") -> str:
    """A plain-text report for the terminal: one row per period, at most 100 columns
    (course codes with spaces are never cut at the end of a line)."""
    codes = [c.code for c in schedule.courses]
    return keep_codes_whole(lambda glue: _table(schedule, Text(lang), glue), codes)


def _table(schedule: Schedule, t: Text, glue: Callable[[str], str]) -> str:
    parts = ["\n".join(line for h in heading(schedule, t) for line in wrap(h)), ""]
    if schedule.courses:
        headers = [t("sched.col.period"), t("sched.col.courses"), t("col.hours"), t("col.cost")]
        if schedule.total_cost is None:
            headers.pop()
        parts.append(
            tabulate(
                [[glue(cell) for cell in row] for row in _rows(schedule, t)],
                headers,
                tablefmt="simple",
                disable_numparse=True,
                colalign=("left", "left", "right", "right")[: len(headers)],
                maxcolwidths=[None, COURSES_WIDTH, None, None][: len(headers)],
            )
        )
    else:
        parts.append(t("sched.no_course"))
    parts += ["", *wrap(total_text(schedule, t)), ""]
    parts += [line for note in notes(schedule, t) for line in wrap(glue(note))]
    return "\n".join(parts).rstrip("\n") + "\n"


Renderer = Callable[[Schedule, str], "str | bytes"]

RENDERERS: dict[str, Renderer] = {"table": render_table, "json": render_json}
"""The formats rendered in this module."""


def render(schedule: Schedule, fmt: str, lang: str = "en", *, bom: bool = True) -> str | bytes:
    """The schedule in format ``fmt``: table and JSON here, the file formats by
    :func:`curriculum.report.schedule.formats.render_schedule`."""
    if fmt in RENDERERS:
        return RENDERERS[fmt](schedule, lang)
    from curriculum.report.schedule.formats import render_schedule

    return render_schedule(schedule, fmt, lang, bom=bom)
