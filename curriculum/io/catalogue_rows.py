"""A catalogue read from a table with one course a row (CSV, XLSX): its columns, their
aliases, and what each cell holds (claims, sessions, offered periods, meta)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError, Phrase
from curriculum.i18n import Text, run_lang
from curriculum.io.long_catalogue import LONG_ALIASES, LONG_COLUMNS, merge_long_rows
from curriculum.io.source import (
    sheet_names,
)
from curriculum.io.tables import Row, Table, csv_table, read_table, split_list
from curriculum.io.wide_catalogue import claim_value, item_column

CATALOGUE_FIELDS = (
    "code",
    "title",
    "hours",
    "cost",
    "level",
    "covers",
    "provider",
    "currency",
    "session_cost",
    "capacity",
    "min_participants",
    "prerequisites",
    "corequisites",
    "same_term",
    "count",
    "offered",
    "sessions",
)


CATALOGUE_ALIASES = {
    "課程代碼": "code",
    "課程編號": "code",
    "代碼": "code",
    "course code": "code",
    "課程名稱": "title",
    "名稱": "title",
    "course title": "title",
    "時數": "hours",
    "課程時數": "hours",
    "費用": "cost",
    "價格": "cost",
    "price": "cost",
    "級別": "level",
    "等級": "level",
    "涵蓋": "covers",
    # the zh-TW template's headers (courses template --lang zh-TW), the reports' words
    "每梯次費用": "session_cost",
    "每梯次名額": "capacity",
    "開班人數下限": "min_participants",
    "涵蓋項目": "covers",
    "提供者": "provider",
    "訓練單位": "provider",
    "幣別": "currency",
    "每班費用": "session_cost",
    "名額": "capacity",
    "人數上限": "capacity",
    "最低開班人數": "min_participants",
    "先修課程": "prerequisites",
    "先修": "prerequisites",
    "prerequisite": "prerequisites",
    "同修課程": "corequisites",
    "corequisite": "corequisites",
    "同期修習": "same_term",
    "同期課程": "same_term",
    "same term": "same_term",
    "次數": "count",
    "修習次數": "count",
    "開課期間": "offered",
    "開課時段": "offered",
    "開課期別": "offered",
    "offered in": "offered",
    "梯次日期": "sessions",
    "上課日期": "sessions",
}
"""Other names of the catalogue columns (zh-TW and English), documented in docs/formats.md."""


def catalogue_from_csv(text: str, source: str) -> dict[str, Any]:
    """Turn a CSV catalogue into the mapping the YAML form would give
    (see :func:`catalogue_from_table`)."""
    return catalogue_from_table(csv_table(text, source))


CATALOGUE_SHEET = "courses"


def catalogue_from_xlsx(path: Path) -> dict[str, Any]:
    """Turn an XLSX catalogue (the CSV columns, one course a row) into a mapping.

    The courses are read from the sheet named ``courses`` when there is one (the
    template's instructions sheet is ignored), else from the first sheet.
    """
    sheet = CATALOGUE_SHEET if CATALOGUE_SHEET in sheet_names(path) else None
    return catalogue_from_table(read_table(path, sheet))


def catalogue_from_table(table: Table) -> dict[str, Any]:
    """The catalogue mapping of a table (CSV or XLSX) with one course a row.

    ``covers`` lists ``STANDARD:ITEM`` pairs separated as every list cell
    (:func:`~curriculum.io.tables.split_list`); an item without ``STANDARD:``
    belongs to the standard named before it (``BAS1499-001v4:K01;K02``).
    ``provider`` and ``currency`` are optional columns whose value must be the
    same on every row that gives one (a course's own provider is kept when they
    differ). Columns whose name starts with ``meta.`` go to the course's ``meta``.

    Raises
    ------
    DataFileError
        With every problem of the table.
    """
    problems: list[str] = []
    data, _ = table_catalogue(table, problems)
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = True  # worded in the run's language
        raise error
    return data


def table_catalogue(table: Table, problems: list[str]) -> tuple[dict[str, Any], list[int]]:
    """The catalogue mapping of a table and the row number of each course."""
    if {"standard", "item", "kind"} <= {h.lower() for h in table.header}:
        raise DataFileError.keyed(
            "loaders.standard_not_catalogue", at=table.header_at, path=table.source
        )
    wide = {h: found for h in table.header if (found := item_column(h))}
    table.check_columns(
        (*CATALOGUE_FIELDS, *LONG_COLUMNS),
        ("code", "title", "hours"),
        extra=lambda h: h.startswith("meta.") or h in wide,
        aliases={**CATALOGUE_ALIASES, **LONG_ALIASES},
    )
    courses: list[dict[str, Any]] = []
    rows: list[int] = []
    currencies: set[str] = set()
    providers: set[str] = set()
    for row in table.records(problems):
        courses.append(_course(table, row, wide, problems, currencies, providers))
        rows.append(row.number)
    if "item" in (table.columns or table.header):  # the long layout
        courses, rows = merge_long_rows(courses, rows, table.cell_at, problems)
    if len(currencies) > 1:
        t = Text(run_lang())
        listed = t.join(sorted(currencies))
        problems.append(t("loaders.currencies", path=table.source, found=listed))
    catalogue: dict[str, Any] = {"courses": courses}
    if len(providers) == 1 and all(c.get("provider") for c in courses):
        catalogue["provider"] = providers.pop()
        for course in courses:
            course.pop("provider", None)
    if currencies:
        catalogue["currency"] = currencies.pop()
    return catalogue, rows


def _course(
    table: Table,
    row: Row,
    wide: dict[str, tuple[str, str]],
    problems: list[str],
    currencies: set[str],
    providers: set[str],
) -> dict[str, Any]:
    """The course mapping of one row; its currency and provider are added to
    ``currencies`` and ``providers``, its problems to ``problems``."""
    course: dict[str, Any] = {}
    for key, value in row.cells.items():
        if not value or key == "item_name":  # item_name: the long layout's help
            continue
        if key == "currency":
            currencies.add(value)
        elif key in ("covers", "item"):
            covers, bad = _parse_covers(value)
            for standard, items in covers.items():
                claimed = course.setdefault("covers", {}).setdefault(standard, [])
                claimed += [i for i in items if i not in claimed]
            where = table.cell_at(row.number, key)
            t = Text(run_lang())
            at = t("library.course_at", place=where, code=row.cells.get("code"))
            problems.extend(at + t.colon + b.text(t.lang) for b in bad)
        elif key in wide:
            where = table.cell_at(row.number, key)
            at = Text(run_lang())("library.course_at", place=where, code=row.cells.get("code"))
            _claim_cell(course, wide[key], value, at, problems)
        elif key == "offered":
            course[key] = split_list(value)
        elif key == "sessions":
            course[key] = _parse_sessions(value)
        elif key.startswith("meta."):
            course.setdefault("meta", {})[key[5:]] = value
        else:
            course[key] = value
            if key == "provider":
                providers.add(value)
    return course


def _claim_cell(
    course: dict[str, Any],
    claim: tuple[str, str],
    value: str,
    where: str,
    problems: list[str],
) -> None:
    """Add the item of an item column (wide layout) to the course's claims when the
    cell says yes; a cell that is neither yes nor no is a problem ``where``."""
    claims = claim_value(value)
    if claims is None:
        problems.append(Text(run_lang())("loaders.yes_no", where=where, value=repr(value)))
    elif claims:
        standard, item = claim
        items = course.setdefault("covers", {}).setdefault(standard, [])
        if item not in items:
            items.append(item)


_RANGE = re.compile(r"\s*(?:\.\.|~|～|\bto\b|至)\s*")


def _parse_sessions(value: str) -> list[Any]:
    """Sessions from a cell: ``2027-03-01..2027-03-05; 2027-09-06`` (a single day is
    a one-day session; ``~`` or `` to `` may stand for ``..``)."""
    sessions: list[Any] = []
    for part in split_list(_RANGE.sub("..", value)):
        start, sep, end = part.partition("..")
        sessions.append({"start": start.strip(), "end": (end if sep else start).strip()})
    return sessions


def _parse_covers(value: str) -> tuple[dict[str, list[str]], list[Phrase]]:
    covers: dict[str, list[str]] = {}
    bad: list[Phrase] = []
    current = ""
    for pair in split_list(value):
        standard, sep, item = pair.rpartition(":")
        if sep and not standard:
            bad.append(Phrase("loaders.covers_pair", pair=repr(pair)))
            continue
        current = standard or current
        if not current:
            bad.append(Phrase("loaders.covers_standard", pair=repr(pair)))
            continue
        if item:  # "STANDARD:" alone names the standard of the items after it
            covers.setdefault(current, []).append(item)
    return covers, bad
