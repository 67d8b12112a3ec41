"""A catalogue file exported as YAML (as it is), CSV or XLSX (the columns the
catalogue loaders read back: code, title, hours, cost, level, covers, ...)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from curriculum.errors import UsageError

COLUMNS = ("code", "title", "hours", "cost", "level", "covers", "prerequisites", "provider")
MEDIA = {
    "yaml": "application/yaml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rows(path: Path) -> list[list[Any]]:
    from curriculum.io.loaders import load_catalogue

    catalogue = load_catalogue(path)
    rows: list[list[Any]] = []
    for c in catalogue.courses:
        covers = ";".join(f"{s}:{i}" for s, items in c.covers.items() for i in items)
        prerequisites = ";".join(" | ".join(r) for r in c.prerequisites)
        rows.append([c.code, c.title, c.hours, c.cost, c.level, covers, prerequisites,
                     c.provider or catalogue.provider])  # fmt: skip
    return rows


def export_catalogue(path: Path, fmt: str) -> tuple[str | bytes, str]:
    """The catalogue at ``path`` in ``fmt`` (yaml, csv, xlsx) and its media type."""
    if fmt == "yaml":
        return path.read_bytes(), MEDIA[fmt]
    if fmt == "csv":
        from curriculum.io.cells import csv_writer

        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(COLUMNS)
        for row in _rows(path):
            writer.writerow(["" if v is None else v for v in row])
        return "\ufeff" + out.getvalue(), MEDIA[fmt]
    if fmt == "xlsx":
        from curriculum.io.xlsx_writer import bold_row, new_workbook, workbook_bytes

        book = new_workbook()
        sheet = book.active
        sheet.title = "courses"
        sheet.append(list(COLUMNS))
        for row in _rows(path):
            sheet.append(row)
        bold_row(sheet)
        return workbook_bytes(book), MEDIA[fmt]
    raise UsageError.keyed("web.err.catalogue_format", fmt=fmt[:20])
