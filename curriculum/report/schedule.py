"""Render a :class:`~curriculum.planning.schedule_result.Schedule`: table and JSON.

:func:`render` is the one dispatch point of ``curriculum schedule --format``:
``table`` and ``json`` are rendered here; the file formats (CSV, XLSX, markdown,
iCalendar) by :mod:`curriculum.report.schedule_formats`.
"""

from __future__ import annotations

from collections.abc import Callable

from curriculum.i18n import Text
from curriculum.numbers import fmt_money, fmt_num
from curriculum.planning.schedule_result import Schedule
from curriculum.report.safe import tabulate
from curriculum.report.text import WIDTH, dumps_json, wrap

COURSES_WIDTH = 56
"""The courses column of the terminal table wraps at this many columns."""


def render_json(schedule: Schedule, lang: str = "en") -> str:
    """The documented JSON contract (the same in every language)."""
    return dumps_json(schedule.to_dict())


def _status(schedule: Schedule, t: Text) -> str:
    if schedule.is_optimal:
        return t(f"sched.status.optimal_{schedule.objective}")
    if schedule.lower_bound is None:
        return t("sched.status.feasible_nobound")
    return t("sched.status.feasible", bound=f"{fmt_num(schedule.lower_bound)} {t('hours_unit')}")


def _limits(schedule: Schedule, t: Text) -> str:
    limits = schedule.limits
    parts = []
    for name in ("max_hours", "min_hours", "max_cost", "min_courses", "max_courses"):
        value = getattr(limits, name)
        if value is not None:
            shown = fmt_money(value) if name == "max_cost" else fmt_num(value)
            parts.append(t(f"sched.limit.{name}", value=shown))
    return t.sep.join(parts)


def heading(schedule: Schedule, t: Text) -> list[str]:
    """Title, targets, goal, limits and status lines (shared by the other renderers)."""
    if schedule.all_courses:
        lines = [t("sched.title_all", code=schedule.standard)]
    else:
        title = t("sched.title", code=schedule.standard, name=schedule.standard_name or "")
        targets = t.join(schedule.targets) or t("whole_standard")
        lines = [title.rstrip(), t("sched.targets", targets=targets)]
    lines.append(t(f"sched.goal.{schedule.objective}"))
    limits = _limits(schedule, t)
    if limits:
        lines.append(t("sched.limits", limits=limits))
    lines.append(t("plan.status", status=_status(schedule, t)))
    return lines


def _rows(schedule: Schedule) -> list[list[str]]:
    return [
        [
            p.label,
            " ".join(p.courses) or "-",
            fmt_num(p.hours),
            fmt_money(p.cost),
        ]
        for p in schedule.periods
        if p.number <= max(schedule.periods_used, 1)
    ]


def total_text(schedule: Schedule, t: Text) -> str:
    """Courses, periods used, hours, cost and the heaviest period, in one line."""
    return t(
        "sched.total",
        n=len(schedule.courses),
        periods=schedule.periods_used,
        hours=fmt_num(schedule.total_hours),
        cost=fmt_money(schedule.total_cost),
        currency=schedule.currency,
        heaviest=fmt_num(schedule.heaviest_period_hours),
    )


def notes(schedule: Schedule, t: Text) -> list[str]:
    """Prerequisite order, dated sessions, gaps and unproven ties (shared by every
    renderer)."""
    notes = []
    order = [
        t("sched.prereq", code=c.code, codes=t.join(c.prerequisite_of))
        for c in schedule.courses
        if c.prerequisite_of
    ]
    if order:
        notes.append(t("sched.order", pairs=t.sep.join(order)))
    dated = [
        f"{c.code} " + t.join(f"{s.start.isoformat()}–{s.end.isoformat()}" for s in c.sessions)
        for c in schedule.courses
        if c.sessions
    ]
    if dated:
        notes.append(t("sched.sessions", sessions=t.sep.join(dated)))
    if schedule.gaps:
        notes.append(t("sched.gaps", items=t.join(schedule.gaps)))
    if not schedule.ties_proven:
        notes.append(t("sched.ties"))
    return notes


def render_table(schedule: Schedule, lang: str = "en") -> str:
    """A plain-text report for the terminal: one row per period, at most 100 columns."""
    t = Text(lang)
    parts = ["\n".join(line for h in heading(schedule, t) for line in wrap(h)), ""]
    if schedule.courses:
        headers = [t("sched.col.period"), t("sched.col.courses"), t("col.hours"), t("col.cost")]
        parts.append(
            tabulate(
                _rows(schedule),
                headers,
                tablefmt="simple",
                disable_numparse=True,
                colalign=("left", "left", "right", "right"),
                maxcolwidths=[None, COURSES_WIDTH, None, None],
            )
        )
    else:
        parts.append(t("sched.no_course"))
    parts += ["", *wrap(total_text(schedule, t), WIDTH), ""]
    parts += [line for note in notes(schedule, t) for line in wrap(note, WIDTH)]
    return "\n".join(parts).rstrip("\n") + "\n"


Renderer = Callable[[Schedule, str], "str | bytes"]

RENDERERS: dict[str, Renderer] = {"table": render_table, "json": render_json}
"""The formats rendered in this module."""


def render(schedule: Schedule, fmt: str, lang: str = "en", *, bom: bool = True) -> str | bytes:
    """The schedule in format ``fmt``: table and JSON here, the file formats by
    :func:`curriculum.report.schedule_formats.render_schedule`."""
    if fmt in RENDERERS:
        return RENDERERS[fmt](schedule, lang)
    from curriculum.report.schedule_formats import render_schedule

    return render_schedule(schedule, fmt, lang, bom=bom)
