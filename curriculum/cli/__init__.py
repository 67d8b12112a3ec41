"""The ``curriculum`` command line: a thin layer wiring options to the library.

Only this package imports click, prints or exits. Errors raised on purpose by the
library become one ``Error: ...`` message and an exit code (1 bad data, 2 usage);
anything else is a bug and keeps its traceback. Each command lives in its own
module, imported only when that command runs (``cli.commands.COMMANDS``).
"""

from __future__ import annotations

from curriculum.cli.common import main

__all__ = ["main"]
