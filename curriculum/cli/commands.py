"""The commands of ``curriculum``: each one's module and its line in ``curriculum --help``.

A command's module is imported only when that command runs (or its own ``--help``
is asked for); the list of ``curriculum --help`` is written from :data:`SUMMARIES`
without importing any (a test compares each summary with its command's).
"""

from __future__ import annotations

COMMANDS = {
    "batch": "plan_batch",
    "courses": "courses",
    "frontier": "frontier",
    "plan": "plan",
    "review": "review",
    "schedule": "schedule",
    "serve": "serve",
    "standards": "standards",
    "team": "team",
    "validate": "validate",
}
"""Each command's module under ``curriculum.cli``, imported when the command is asked for."""

SUMMARIES = {
    "batch": "Plan every learner of a member file, one plan each.",
    "courses": "List course catalogues and write catalogue templates.",
    "frontier": "Show the exact trade-off between coverage and hours.",
    "plan": "Pick the courses covering a standard's tasks in the fewest hours.",
    "review": "Review a provider's programme against its standard.",
    "schedule": "Order a plan's courses into periods (terms, quarters, months).",
    "serve": "Serve a local web workspace over a folder of data.",
    "standards": "List, show and import competency standards.",
    "team": "Plan training for a whole team from a team file.",
    "validate": "Check every standard and catalogue; list each problem.",
}
"""Each command's line in ``curriculum --help`` (its ``short_help``; zh-TW in the catalogue)."""
