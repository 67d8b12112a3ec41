"""The ``curriculum`` command line: a thin layer wiring options to the library.

Only this package imports click, prints or exits. Errors raised on purpose by the
library become one ``Error: ...`` message and an exit code (1 bad data, 2 usage);
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

# Each module adds its command to ``main``; they import ``main`` from cli.common.
from curriculum.cli import (
    courses,
    frontier,
    plan,
    review,
    schedule,
    serve,
    standards,
    team,
    validate,
)
from curriculum.cli.common import main

__all__ = ["main"]
del courses, frontier, plan, review, schedule, serve, standards, team, validate
