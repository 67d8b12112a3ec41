"""JSON text as every report prints it."""

from __future__ import annotations

import json
from typing import Any


def dumps_json(data: Any) -> str:
    """JSON as the reports print it: UTF-8 text, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
