"""A catalogue written back as a table (CSV or XLSX), in the columns the loaders read.

The inverse of the long table layout of :func:`curriculum.io.loaders.load_catalogue`:
one row per course, claims as ``STANDARD:K01;K02``, requirements as
``A; B | C``, offered periods and dated sessions as ``;``-lists, ``meta.*``
columns. :func:`catalogue_file` gives YAML, CSV or XLSX by the file's suffix
and reads a table back before it gives it: a catalogue the table cannot hold
exactly (a nested ``meta`` value, a session note) is refused rather than written
with something lost.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.io.catalogue_rows import CATALOGUE_FIELDS, CATALOGUE_SHEET
from curriculum.io.cells import csv_writer
from curriculum.io.loaders import load_catalogue
from curriculum.io.writers import catalogue_to_yaml
from curriculum.io.xlsx_writer import bold_row, new_workbook, workbook_bytes
from curriculum.model.requisites import format_requisites
from curriculum.model.standard import Catalogue, Course
from curriculum.numbers import clean_number

YAML_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".xlsx")
CATALOGUE_OUTPUT_SUFFIXES = (*YAML_SUFFIXES, *TABLE_SUFFIXES)
"""The catalogue files :func:`write_catalogue` writes, by suffix."""


def _cell(course: Course, column: str, catalogue: Catalogue) -> Any:
    """The value of one column of a course's row ("" when empty)."""
    if column == "covers":
        return ";".join(f"{s}:{';'.join(items)}" for s, items in course.covers.items() if items)
    if column in ("prerequisites", "corequisites", "same_term"):
        return format_requisites(getattr(course, column))
    if column == "offered":
        return "" if course.offered is None else ";".join(course.offered)
    if column == "sessions":
        return ";".join(
            f"{s.start}..{s.end}" if s.end != s.start else str(s.start) for s in course.sessions
        )
    if column == "provider":
        return course.provider or catalogue.provider or ""
    if column == "currency":
        return catalogue.currency
    value = getattr(course, column)
    if value is None:
        return ""
    return clean_number(value) if isinstance(value, int | float) else value


def catalogue_rows(catalogue: Catalogue) -> list[list[Any]]:
    """The header and one row per course (numbers as numbers, empty cells ``""``)."""
    meta = sorted({key for course in catalogue.courses for key in course.meta})
    header = [*CATALOGUE_FIELDS, *(f"meta.{key}" for key in meta)]
    rows: list[list[Any]] = [header]
    for course in catalogue.courses:
        row = [_cell(course, column, catalogue) for column in CATALOGUE_FIELDS]
        row += [course.meta.get(key, "") for key in meta]
        rows.append(row)
    return rows


def catalogue_table(catalogue: Catalogue, suffix: str) -> str | bytes:
    """The catalogue as CSV text (``.csv``) or XLSX bytes (``.xlsx``)."""
    rows = catalogue_rows(catalogue)
    if suffix == ".csv":
        import io

        out = io.StringIO()
        csv_writer(out).writerows([[str(v) for v in row] for row in rows])
        return "\ufeff" + out.getvalue()
    book = new_workbook()
    sheet = book.active
    sheet.title = CATALOGUE_SHEET
    for row in rows:
        sheet.append([None if v == "" else v for v in row])
    bold_row(sheet)
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def catalogue_file(catalogue: Catalogue, path: Path) -> str | bytes:
    """What :func:`write_catalogue` writes to ``path``, checked to read back the same.

    Raises
    ------
    ValueError
        When the suffix is not one of :data:`CATALOGUE_OUTPUT_SUFFIXES`.
    DataFileError
        When the table would not read back as the same courses.
    """
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return catalogue_to_yaml(catalogue)
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"{path}: not a catalogue suffix ({', '.join(CATALOGUE_OUTPUT_SUFFIXES)})")
    data = catalogue_table(catalogue, suffix)
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / f"catalogue{suffix}"
        probe.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        again = load_catalogue(probe)
    if again.courses != catalogue.courses:
        pairs = zip(catalogue.courses, again.courses, strict=False)
        differ = next((a.code for a, b in pairs if a != b), catalogue.courses[-1].code)
        raise DataFileError.keyed(
            "catalogue.lossy", path=path, code=differ, format=suffix[1:].upper()
        )
    return data
