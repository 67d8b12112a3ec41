"""Draw a schedule as a Gantt-style chart (``curriculum schedule --plot FILE``).

One row per course, period by period: a bar across the course's period, or one
segment per dated session when the catalogue gives dates; bars are coloured by
period, rows labelled with the course code (and title when it can be drawn), the
x axis labelled with the periods. Uses the charts' shared set-up
(:func:`curriculum.report.chart.frontier.chart_setup`: pyplot on Agg, the CJK font, the
fallback to English) and writes the same bytes for the same schedule (no dates or
software names in the file, a fixed SVG hash salt). Needs matplotlib
(``pip install 'curriculum[plot]'``), imported only when a chart is drawn.
"""

from __future__ import annotations

import io
from typing import Any

from curriculum.errors import FontWarning
from curriculum.i18n import Text
from curriculum.io.cells import terminal_text
from curriculum.planning.schedule_result import Schedule, ScheduledCourse, SchedulePeriod
from curriculum.report.chart.frontier import chart_setup
from curriculum.report.schedule.tables import (
    ordered_courses,
    period_name,
    title_line,
    total_line,
)
from curriculum.report.text import display_width

PALETTE = (
    "#1f5fa8",
    "#e07b1a",
    "#2e8b57",
    "#c0392b",
    "#7d4fb0",
    "#8c564b",
    "#d6559e",
    "#5f6b6d",
    "#a9a21e",
    "#17a2b8",
)
"""Bar colours, one per period in turn."""

LABEL_WIDTH = 34
"""Row labels (code and title) are cut at this many display columns."""

FIG_WIDTH = 10.0
"""The chart's width in inches."""

ROW_INCHES = 0.34
MAX_ROWS_INCHES = 40.0
"""Each course row is 0.34 inch high, until the rows fill 40 inches (6,000 pixels in a
PNG): a longer schedule gets thinner rows and smaller labels instead of a taller image."""


def _span(period: SchedulePeriod, dated: bool) -> tuple[float, float]:
    """The period's extent on the x axis: days (ordinals) when dated, else periods."""
    if dated:
        assert period.start is not None and period.end is not None
        return period.start.toordinal(), period.end.toordinal() + 1
    return period.number - 1, period.number


def _segments(
    course: ScheduledCourse, period: SchedulePeriod, dated: bool
) -> list[tuple[float, float]]:
    """``(start, width)`` of each bar of a course: its sessions, else its period."""
    if dated and course.sessions:
        return [(s.start.toordinal(), (s.end - s.start).days + 1) for s in course.sessions]
    start, end = _span(period, dated)
    return [(start, end - start)]


def _cut(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` cut to ``width`` display columns (CJK counts two), with an ellipsis."""
    if display_width(text) <= width:
        return text
    out = ""
    for char in text:
        if display_width(out + char) > width - 1:
            break
        out += char
    return out + "…"


def plain(text: str) -> str:
    """Text drawn as written: no control characters, ``$`` not read as mathtext."""
    return terminal_text(text).replace("\n", " ").replace("$", r"\$")


def _row_label(course: ScheduledCourse, legible: bool) -> str:
    if legible or course.title.isascii():
        return plain(_cut(f"{course.code} {course.title}".strip()))
    return plain(course.code)


def draw_schedule(schedule: Schedule, lang: str = "en") -> tuple[Any, list[FontWarning]]:
    """The chart's figure and warnings (no CJK font: codes only, English texts).

    Raises
    ------
    ImportError
        When matplotlib is not installed (the message says how to install it).
    """
    plt, t, font, warnings = chart_setup(lang)
    legible = font is not None
    courses = ordered_courses(schedule)
    if not legible and not all(c.title.isascii() for c in courses):
        warnings.append(FontWarning.keyed("chart.no_font.codes"))
    dated = bool(schedule.periods) and all(
        p.start is not None and p.end is not None for p in schedule.periods
    )
    last = max(schedule.periods_used, 1)
    shown = [p for p in schedule.periods if p.number <= last]
    periods = {p.number: p for p in schedule.periods}
    rc: dict[str, Any] = {"font.family": [font, "DejaVu Sans"]} if font else {}
    labels = [_row_label(c, legible) for c in courses]
    with plt.rc_context({**rc, "svg.hashsalt": "curriculum", "path.simplify": False}):
        rows = min(ROW_INCHES * len(courses), MAX_ROWS_INCHES)
        height = max(3.2, 1.9 + rows)
        fig, ax = plt.subplots(figsize=(FIG_WIDTH, height), dpi=150)
        _periods_axis(ax, shown, dated, t)
        _bars(ax, courses, periods, dated)
        size = min(8.0, 0.8 * 72 * rows / max(len(courses), 1))  # points per row
        ax.set_yticks(range(len(courses)), labels, fontsize=size)
        ax.set_ylim(len(courses) - 0.5 if courses else 0.5, -0.5)
        if not courses:
            ax.text(
                0.5,
                0.5,
                t("sched.no_course"),
                ha="center",
                va="center",
                transform=ax.transAxes,
                color="#666666",
            )
        ax.set_title(_title(schedule, t, legible), fontsize=11)
        fig.text(0.01, 0.01, t("sched.chart.note"), fontsize=7, color="#666666")
        _margins(fig, labels, size, height)
    return fig, warnings


def _bars(
    ax: Any, courses: list[ScheduledCourse], periods: dict[int, SchedulePeriod], dated: bool
) -> None:
    """The bars, one collection per period (ids ``period-N``; fast for long schedules);
    behind a course's dated sessions, its whole period faintly (``period-N-span``)."""
    from matplotlib.collections import PolyCollection

    bars: dict[int, list[Any]] = {}
    spans: dict[int, list[Any]] = {}
    for row, course in enumerate(courses):
        period = periods[course.period]
        low, high = row - 0.35, row + 0.35
        for x, width in _segments(course, period, dated):
            box = [(x, low), (x + width, low), (x + width, high), (x, high)]
            bars.setdefault(period.number, []).append(box)
        if dated and course.sessions:
            x0, x1 = _span(period, dated)
            spans.setdefault(period.number, []).append(
                [(x0, low), (x1, low), (x1, high), (x0, high)]
            )
    for number, boxes in bars.items():
        colour = PALETTE[(number - 1) % len(PALETTE)]
        if number in spans:
            band = PolyCollection(spans[number], facecolors=colour, alpha=0.15, zorder=1)
            band.set_gid(f"period-{number}-span")
            ax.add_collection(band)
        bar = PolyCollection(boxes, facecolors=colour, edgecolors="white", linewidths=0.6, zorder=2)
        bar.set_gid(f"period-{number}")
        ax.add_collection(bar)


def _margins(fig: Any, labels: list[str], size: float, height: float) -> None:
    """Room for the row labels (the widest measured once), the title, the period
    labels and the note: fixed margins instead of ``tight_layout``, which lays out
    every label several times."""
    left = 0.3
    if labels:
        widest = max(labels, key=display_width)
        probe = fig.text(0, 0, widest, fontsize=size)
        left += probe.get_window_extent(fig.canvas.get_renderer()).width / fig.dpi
        probe.remove()
    fig.subplots_adjust(
        left=min(left, 0.6 * FIG_WIDTH) / FIG_WIDTH,
        right=1 - 0.25 / FIG_WIDTH,
        top=1 - 0.75 / height,
        bottom=1.05 / height,
    )


def _title(schedule: Schedule, t: Text, legible: bool) -> str:
    """Title (the standard's name only when it can be drawn) and totals."""
    name = schedule.standard_name
    if not legible and name and not name.isascii():
        schedule_title = t("sched.title", code=schedule.standard, name="").rstrip()
    else:
        schedule_title = title_line(schedule, t)
    return f"{plain(schedule_title)}\n{total_line(schedule, t)}"


def _periods_axis(ax: Any, shown: list[SchedulePeriod], dated: bool, t: Text) -> None:
    """Period bands (alternately shaded), their labels as x ticks, a light grid."""
    ticks, labels = [], []
    for p in shown:
        start, end = _span(p, dated)
        if p.number % 2 == 0:
            ax.axvspan(start, end, color="#f2f2f2", zorder=0)
        ax.axvline(start, color="#cccccc", linewidth=0.6, zorder=1)
        ticks.append((start + end) / 2)
        labels.append(period_name(p, t))
    if shown:
        first, _ = _span(shown[0], dated)
        _, end = _span(shown[-1], dated)
        ax.axvline(end, color="#cccccc", linewidth=0.6, zorder=1)
        ax.set_xlim(first, end)
    ax.set_xticks(ticks)
    many = len(shown) > 8
    ax.set_xticklabels(
        labels, rotation=45 if many else 0, ha="right" if many else "center", fontsize=8
    )
    ax.tick_params(axis="x", length=0)
    ax.set_xlabel(t("sched.chart.x"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def plot_schedule(
    schedule: Schedule, fmt: str = "png", lang: str = "en"
) -> tuple[bytes, list[FontWarning]]:
    """Draw the schedule as PNG or SVG bytes; also return warnings.

    Raises
    ------
    ImportError
        When matplotlib is not installed (the message says how to install it).
    """
    fig, warnings = draw_schedule(schedule, lang)
    import matplotlib.pyplot as plt

    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    out = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "curriculum", "path.simplify": False}):
        fig.savefig(out, format=fmt, metadata=metadata)
    plt.close(fig)
    return out.getvalue(), warnings
