"""The long catalogue layout: one row per course and item, for large standards.

The wide layout (:mod:`curriculum.io.wide_catalogue`) has one column per item:
1,117 columns for a standard of 1,112 items. The long layout has the columns
``code, title, hours, cost, level, item, item_name``: each row says that a
course teaches one item (``item``: ``STANDARD:ITEM``, or several as in
``covers``). A course spans as many rows as it teaches items; its first row
gives its title, hours and the other course columns, and later rows leave them
empty or repeat them (a different value is an error naming both rows).
``item_name`` is for the reader and is not read; a row with no code (an item
no course teaches yet) is skipped. The loader recognises the layout by its
``item`` column; the template (:func:`curriculum.io.long_template.long_template`)
lists every K and S item of the standard, one row each, for the provider to fill
in the course codes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from curriculum.i18n import Text, run_lang
from curriculum.io.validation_words import course_field
from curriculum.model.codes import code_key

__all__ = ["LONG_ALIASES", "LONG_COLUMNS", "merge_long_rows"]

LONG_COLUMNS = ("item", "item_name")
"""The columns that make a catalogue table long (``item``) and the reader's help."""

LONG_ALIASES = {
    "項目": "item",
    "項目代碼": "item",
    "項目名稱": "item_name",
    "item name": "item_name",
}
"""Other names of the long layout's columns (zh-TW and English)."""


def merge_long_rows(
    courses: list[dict[str, Any]],
    rows: list[int],
    where: Callable[[int, str], str],
    problems: list[str],
) -> tuple[list[dict[str, Any]], list[int]]:
    """One course per code out of the rows of a long table, in order of first row.

    ``where(row, column)`` locates a cell for a message. Rows without a code are
    dropped; claims are joined; any other value must agree with the course's
    earlier rows.
    """
    first: dict[str, tuple[dict[str, Any], int]] = {}
    for course, row in zip(courses, rows, strict=True):
        code = course.get("code")
        if not code:
            continue
        key = code_key(str(code))
        if key not in first:
            first[key] = (course, row)
            continue
        kept, kept_row = first[key]
        for name, value in course.items():
            if name == "covers":
                for standard, items in value.items():
                    claimed = kept.setdefault("covers", {}).setdefault(standard, [])
                    claimed += [i for i in items if i not in claimed]
            elif name == "meta":
                _merge_meta(kept, value, code, row, kept_row, where, problems)
            elif name != "code" and kept.setdefault(name, value) != value:
                problems.append(
                    Text(run_lang())(
                        "loaders.long_differs",
                        at=where(row, name),
                        code=code,
                        field=course_field(name, run_lang()),
                        value=repr(value),
                        kept=repr(kept[name]),
                        kept_at=where(kept_row, name),
                    )
                )
    merged = list(first.values())
    return [c for c, _ in merged], [r for _, r in merged]


def _merge_meta(
    kept: dict[str, Any],
    meta: dict[str, Any],
    code: str,
    row: int,
    kept_row: int,
    where: Callable[[int, str], str],
    problems: list[str],
) -> None:
    target = kept.setdefault("meta", {})
    for name, value in meta.items():
        if target.setdefault(name, value) != value:
            column = f"meta.{name}"
            problems.append(
                Text(run_lang())(
                    "loaders.long_differs",
                    at=where(row, column),
                    code=code,
                    field=column,
                    value=repr(value),
                    kept=repr(target[name]),
                    kept_at=where(kept_row, column),
                )
            )
