"""The schedule's file formats by name: what ``curriculum schedule --format`` calls for
CSV, Markdown, XLSX and iCalendar (the table and JSON are in
:mod:`curriculum.report.schedule.render`; the chart is
:func:`curriculum.report.chart.schedule.plot_schedule`).
"""

from __future__ import annotations

from collections.abc import Callable

from curriculum.planning.schedule_result import Schedule
from curriculum.report.schedule.ics import render_ics
from curriculum.report.schedule.tables import render_csv, render_markdown, render_xlsx

RENDERERS: dict[str, Callable[[Schedule, str], str | bytes]] = {
    "csv": render_csv,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
    "ics": render_ics,
}
"""Every format of :data:`curriculum.formats.SCHEDULE_FILE_FORMATS`, by name."""

BINARY = frozenset({"xlsx", "ics"})
"""The formats given as bytes: a workbook, and iCalendar (exact CRLF line ends)."""


def render_schedule(
    schedule: Schedule, fmt: str, lang: str = "en", *, bom: bool = True
) -> str | bytes:
    """The schedule in format ``fmt`` (``csv``, ``markdown``, ``xlsx`` or ``ics``).

    CSV starts with a UTF-8 byte-order mark unless ``bom`` is false (``--no-bom``), so
    that Excel reads it as UTF-8. XLSX and iCalendar come as bytes: iCalendar lines
    end with CRLF, which a text stream on Windows would turn into CR CR LF.

    Raises
    ------
    KeyError
        When ``fmt`` is not one of :data:`RENDERERS`.
    UsageError
        ``ics`` for a schedule of numbered periods (no dates): the message suggests
        ``--start``.
    """
    data = RENDERERS[fmt](schedule, lang)
    if fmt == "csv" and bom:
        return "\ufeff" + str(data)
    if fmt == "ics":
        return str(data).encode("utf-8")
    return data
