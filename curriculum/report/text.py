"""JSON text as every report prints it; line breaking (from :mod:`curriculum.i18n.lines`)."""

from __future__ import annotations

import json
from typing import Any

from curriculum.i18n.lines import WIDTH, display_width, width, wrap, wrap_cell

__all__ = ["WIDTH", "demote", "display_width", "dumps_json", "width", "wrap", "wrap_cell"]


def dumps_json(data: Any) -> str:
    """JSON as the reports print it: UTF-8 text, two-space indent, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def demote(markdown: str) -> str:
    """Markdown with every heading one level down (a report inside a bigger one)."""
    return "\n".join("#" + line if line.startswith("#") else line for line in markdown.split("\n"))
