"""Read the project's data files: standards and catalogues.

Every problem of a file is collected and raised as one :class:`DataFileError`
whose message has one line per problem, each naming the file and the course,
task or line concerned.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.errors import CurriculumWarning, DataFileError
from curriculum.io.cells import unsafe_file_names
from curriculum.io.context import ReadContext
from curriculum.io.long_catalogue import LONG_ALIASES, LONG_COLUMNS, merge_long_rows
from curriculum.io.source import (
    Locator,
    format_validation_error,
    is_xlsx,
    parse_yaml,
    read_text,
    sheet_names,
    validate,
    yaml_locator,
)
from curriculum.io.tables import Table, csv_table, read_table, split_list
from curriculum.io.wide_catalogue import claim_value, item_column
from curriculum.model.codes import code_key, normalize_course_code
from curriculum.model.standard import Catalogue, Course, Standard

STANDARD_SUFFIXES = (".yaml", ".yml", ".json")


CATALOGUE_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")


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

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls", ".txt")


def load_standard(path: Path, context: ReadContext | None = None) -> Standard:
    """Load a standard file (YAML or JSON in the project's format), read as ``context`` says.

    Raises
    ------
    DataFileError
        Located problems; a table (CSV, XLSX) is pointed to ``standards import``.
    """
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES or is_xlsx(path, context):
        raise DataFileError(
            f"{path}: this is a standard table, not a standard file: "
            f"run `curriculum standards import {path}` to convert it"
        )
    text = read_text(path, context)
    data = parse_yaml(text, str(path))
    if not isinstance(data, Mapping):
        raise DataFileError(f"{path}: a standard file must be a mapping")
    return validate(Standard, data, str(path), yaml_locator(text, str(path)))


@dataclass(frozen=True)
class CatalogueRead:
    """A catalogue as read: the valid courses, and every problem of the file.

    ``catalogue`` holds the courses that validate (the first of duplicated codes),
    so that the references of the good courses can still be checked.
    """

    catalogue: Catalogue | None
    problems: tuple[str, ...] = ()


def load_catalogue(path: Path, context: ReadContext | None = None) -> Catalogue:
    """Load a catalogue file: YAML, or CSV or XLSX with one course a row.

    Raises
    ------
    DataFileError
        With every problem of the file, one located line each.
    """
    read = read_catalogue(path, context)
    if read.problems or read.catalogue is None:
        raise DataFileError("\n".join(read.problems))
    return read.catalogue


def read_catalogue(path: Path, context: ReadContext | None = None) -> CatalogueRead:
    """Read a catalogue file, collecting every problem (see :class:`CatalogueRead`).

    Raises
    ------
    DataFileError
        Only when the file cannot be read as a whole (unreadable, not YAML, a bad header).
    """
    path = Path(path)
    data, locate, problems = catalogue_source(path, context)
    courses = data.get("courses")
    if not isinstance(courses, list):
        validate(Catalogue, data, str(path), locate)  # raises the located problems
        courses = []
    source = str(path)
    top = {k: v for k, v in data.items() if k != "courses"}
    try:
        shell = Catalogue.model_validate({**top, "courses": []})
    except ValidationError as exc:
        problems.append(format_validation_error(source, exc, data, locate=locate, model=Catalogue))
        shell = Catalogue(courses=())
    valid: list[tuple[int, Course]] = []
    for n, raw in enumerate(courses):
        try:
            valid.append((n, Course.model_validate(raw)))
        except ValidationError as exc:
            problems.append(
                format_validation_error(
                    source, exc, data, locate=locate, model=Course, prefix=("courses", n)
                )
            )
    by_key: dict[str, list[tuple[int, Course]]] = {}
    for n, course in valid:
        by_key.setdefault(code_key(course.code), []).append((n, course))
    for group in by_key.values():
        if len(group) > 1:
            places = [_short_place(locate(("courses", n)), source) for n, _ in group]
            codes = " / ".join(dict.fromkeys(c.code for _, c in group))
            problems.append(
                f"{locate(('courses', group[1][0])) or source}: duplicate course code "
                f"{codes}: defined at {', '.join(places)}"
            )
    unique = tuple(group[0][1] for group in by_key.values())
    return CatalogueRead(shell.model_copy(update={"courses": unique}), tuple(problems))


def _short_place(place: str | None, source: str) -> str:
    """``line 12`` or ``row 4`` out of a full place."""
    if place is None:
        return "?"
    rest = place.removeprefix(source).lstrip(":, ").split(",")[0]
    return rest if rest.startswith("row") else f"line {rest.split(':')[0]}"


def catalogue_source(
    path: Path, context: ReadContext | None = None
) -> tuple[dict[str, Any], Locator, list[str]]:
    """The catalogue mapping of a file, a locator of its parts and the problems met.

    Raises
    ------
    DataFileError
        When the file cannot be read as a catalogue at all.
    """
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx") or is_xlsx(path, context):
        if suffix == ".xlsx" or is_xlsx(path, context):
            sheet = CATALOGUE_SHEET if CATALOGUE_SHEET in sheet_names(path, context) else None
            table = read_table(path, sheet, context)
        else:
            table = read_table(path, context=context)
        problems: list[str] = []
        data, rows = _table_catalogue(table, problems)

        def locate(loc: tuple[Any, ...]) -> str | None:
            if len(loc) < 2 or loc[0] != "courses" or not isinstance(loc[1], int):
                return None
            if loc[1] >= len(rows):
                return None
            if len(loc) > 2 and isinstance(loc[2], str):
                return table.cell_at(rows[loc[1]], loc[2])
            return table.at(rows[loc[1]])

        return data, locate, problems
    text = read_text(path, context)
    data = parse_yaml(text, str(path))
    if not isinstance(data, Mapping):
        raise DataFileError(f"{path}: a catalogue file must be a mapping with 'courses'")
    return dict(data), yaml_locator(text, str(path)), []


def course_places(path: Path, context: ReadContext | None = None) -> dict[str, str]:
    """Where each course of a catalogue file is (``file:LINE`` or ``file: row N``),
    by course code folded (:func:`~curriculum.model.codes.code_key`).

    Used only to locate problems, so the file is read again.
    """
    try:
        data, locate, _ = catalogue_source(Path(path), context)
    except DataFileError:
        return {}
    found: dict[str, str] = {}
    for n, raw in enumerate(data.get("courses") or []):
        if isinstance(raw, Mapping) and isinstance(raw.get("code"), str | int):
            place = locate(("courses", n))
            if place:
                found.setdefault(code_key(normalize_course_code(str(raw["code"]))), place)
    return found


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
    data, _ = _table_catalogue(table, problems)
    if problems:
        raise DataFileError("\n".join(problems))
    return data


def _table_catalogue(table: Table, problems: list[str]) -> tuple[dict[str, Any], list[int]]:
    """The catalogue mapping of a table and the row number of each course."""
    if {"standard", "item", "kind"} <= {h.lower() for h in table.header}:
        raise DataFileError(
            f"{table.header_at}: this is a standard table, not a catalogue: "
            f"run `curriculum standards import {table.source}` to convert it"
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
                problems.extend(f"{where}: course {row.cells.get('code')}: {b}" for b in bad)
            elif key in wide:
                where = table.cell_at(row.number, key)
                _claim_cell(
                    course, wide[key], value, f"{where}: course {row.cells.get('code')}", problems
                )
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
        courses.append(course)
        rows.append(row.number)
    if "item" in (table.columns or table.header):  # the long layout
        courses, rows = merge_long_rows(courses, rows, table.cell_at, problems)
    if len(currencies) > 1:
        problems.append(
            f"{table.source}: one catalogue has one currency, found {sorted(currencies)}"
        )
    catalogue: dict[str, Any] = {"courses": courses}
    if len(providers) == 1 and all(c.get("provider") for c in courses):
        catalogue["provider"] = providers.pop()
        for course in courses:
            course.pop("provider", None)
    if currencies:
        catalogue["currency"] = currencies.pop()
    return catalogue, rows


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
        problems.append(
            f"{where}: {value!r} should be yes or no (the course's level goes in the level column)"
        )
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


def _parse_covers(value: str) -> tuple[dict[str, list[str]], list[str]]:
    covers: dict[str, list[str]] = {}
    bad: list[str] = []
    current = ""
    for pair in split_list(value):
        standard, sep, item = pair.rpartition(":")
        if sep and not standard:
            bad.append(f"covers entry {pair!r} is not STANDARD:ITEM")
            continue
        current = standard or current
        if not current:
            bad.append(f"covers entry {pair!r} names no standard (write STANDARD:ITEM)")
            continue
        if item:  # "STANDARD:" alone names the standard of the items after it
            covers.setdefault(current, []).append(item)
    return covers, bad


def expand_paths(
    paths: Iterable[Path], suffixes: tuple[str, ...], *, kind: str | None = None
) -> list[Path]:
    """Files named directly, and the files of named folders with a known suffix.

    With ``kind`` (``"standard"``), every other file of a folder is named in a
    warning instead of being ignored silently.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if (p.is_file() or p.is_symlink())  # a broken link is reported, not skipped
                and not p.name.startswith((".", "~$"))
            )
            unsafe = unsafe_file_names(found)  # refused unread: they would forge lines
            if unsafe:
                raise DataFileError("\n".join(unsafe))
            files += [p for p in found if p.suffix.lower() in suffixes]
            others = [p.name for p in found if p.suffix.lower() not in suffixes]
            if kind and others:
                warning = CurriculumWarning.keyed(
                    "warning.ignoring",
                    path=path,
                    files=", ".join(others),
                    kind=kind,
                    suffixes=", ".join(suffixes),
                )
                warnings.warn(warning, stacklevel=2)
        elif path.exists():
            files.append(path)
        else:
            raise DataFileError.keyed("missing_input", path=path)
    return files
