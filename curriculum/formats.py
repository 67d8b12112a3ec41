"""The output formats of every command, by name only.

The CLI builds its ``--format`` choices from these tuples without importing the
renderers (and through them pydantic and the result models), so that ``--help``
and the commands that fail early start fast. Each renderer registry is tested to
offer exactly the formats named here.
"""

from __future__ import annotations

PLAN_FORMATS = ("table", "json", "csv", "markdown", "programme")
FRONTIER_FORMATS = ("table", "json", "csv", "markdown")
TEAM_FORMATS = ("table", "json", "csv", "markdown", "xlsx")
SCHEDULE_FORMATS = ("table", "json", "csv", "markdown", "xlsx", "ics")
SCHEDULE_FILE_FORMATS = ("csv", "markdown", "xlsx", "ics")
"""The schedule formats :func:`curriculum.report.schedule.formats.render_schedule` makes
(table and JSON are rendered by :mod:`curriculum.report.schedule.render`)."""
REVIEW_FORMATS = ("csv", "html", "json", "markdown", "table", "xlsx")
SHOW_FORMATS = ("table", "markdown", "json", "yaml")
LIST_FORMATS = ("table", "markdown", "json", "csv")
MIGRATE_FORMATS = ("table", "markdown", "json", "csv")
IMPORT_FORMATS = ("icap-text", "icap-json", "esco", "onet", "table")

PLOT_HINT = "charts need matplotlib: pip install 'curriculum[plot]' (or pip install matplotlib)"
