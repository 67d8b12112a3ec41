"""The wide catalogue layout: one course a row, one column per item of a standard.

The per-standard template (:func:`curriculum.io.template.standard_template`)
writes it and the catalogue loader reads it. An item column is recognised by its
header, which starts with ``STANDARD:ITEM`` (``BAS1499-001v4:K01 組織服務項目定位
（級別 3）``); what follows the code (the item's name and required level) is for
the reader and is not checked. A cell of an item column says whether the course
teaches the item: yes (:data:`YES`), no (:data:`NO`) or empty (no).
"""

from __future__ import annotations

import re

_ITEM_HEADER = re.compile(r"([^\s:;,、()]+):([^\s:;,、()]+)(?=$|[\s(])")

YES = frozenset({"yes", "y", "x", "v", "true", "✓", "✔", "○", "◯", "●", "是", "有"})
"""Cell values meaning "the course teaches this item" (case ignored)."""

NO = frozenset({"no", "n", "false", "-", "否", "無", "×", "✗", "✘"})
"""Cell values meaning "the course does not teach this item" (an empty cell too)."""


def item_column(header: str) -> tuple[str, str] | None:
    """``(standard, item)`` when ``header`` heads an item column, else ``None``.

    ``meta.`` columns are never item columns.
    """
    if header.lower().startswith("meta."):
        return None
    found = _ITEM_HEADER.match(header.strip())
    return (found.group(1), found.group(2)) if found else None


def item_header(standard: str, item: str, rest: str = "") -> str:
    """The header of an item column: ``STANDARD:ITEM`` then ``rest`` (name, level)."""
    return f"{standard}:{item} {rest}".strip()


def claim_value(cell: str) -> bool | None:
    """Whether a cell of an item column claims the item; ``None`` when it is neither
    a yes nor a no."""
    value = cell.strip().casefold()
    if not value or value in NO:
        return False
    if value in YES:
        return True
    return None
