"""Limits on the workbooks read: measured on the zip before openpyxl parses anything.

An XLSX file is a zip of XML parts; a few hundred kilobytes can unpack to
gigabytes (a 698 KB file whose title cell is 700 MB of text, a sheet of a million
rows). Before a workbook is opened, :func:`check_workbook` reads the sizes the zip
declares (``zipfile`` never unpacks a part past its declared size: more is a CRC
error) and counts the rows of every sheet in a stream; while rows are read,
:func:`check_cell` bounds each cell like a CSV field, and :func:`guard_strings`
makes a negative shared-string index an error instead of Python's last item.

Each limit is a module constant, which tests lower through a parameter.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from curriculum.errors import DataFileError, Phrase
from curriculum.io.cells import quoted

MAX_CELL_CHARS = 131_072
"""The most characters in a cell: Python's ``csv`` field limit, the CSV readers' one."""

MAX_PART_BYTES = 64 << 20
"""The most bytes any part of a workbook (a sheet, the shared strings) unpacks to."""

MAX_TOTAL_BYTES = 256 << 20
"""The most bytes all parts of a workbook unpack to together."""

MAX_ROWS = 200_000
"""The most rows in a sheet (a larger table is read faster as CSV)."""

_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_CHUNK = 1 << 20


def _mb(size: int) -> Phrase:
    if size >= 1 << 20:
        return Phrase("size.mb", n=f"{size / (1 << 20):,.0f}")
    return Phrase("size.bytes", n=f"{size:,}")


def check_workbook(
    data: bytes,
    source: str,
    *,
    part_bytes: int | None = None,
    total_bytes: int | None = None,
    rows: int | None = None,
) -> None:
    """Refuse a workbook whose parts unpack past the limits, or a sheet of too many
    rows, before it is parsed. A damaged zip is left for openpyxl to report.

    Raises
    ------
    DataFileError
        One line naming the file, the part and the limit.
    """
    part_bytes = MAX_PART_BYTES if part_bytes is None else part_bytes
    total_bytes = MAX_TOTAL_BYTES if total_bytes is None else total_bytes
    rows = MAX_ROWS if rows is None else rows
    shown = quoted(source)
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with book:
        infos = book.infolist()
        for info in infos:
            if info.file_size > part_bytes:
                raise DataFileError.keyed(
                    "xlsx.part_size",
                    path=shown,
                    part=quoted(info.filename),
                    size=_mb(info.file_size),
                    limit=_mb(part_bytes),
                )
        total = sum(info.file_size for info in infos)
        if total > total_bytes:
            raise DataFileError.keyed(
                "xlsx.total_size", path=shown, size=_mb(total), limit=_mb(total_bytes)
            )
        for info in infos:
            if _SHEET.fullmatch(info.filename):
                count = _count_rows(book, info)
                if count > rows:
                    raise DataFileError.keyed(
                        "xlsx.rows",
                        path=shown,
                        sheet=quoted(info.filename),
                        count=f"{count:,}",
                        limit=f"{rows:,}",
                    )


def _count_rows(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The ``<row`` elements of a sheet, counted in a stream (no XML parsed)."""
    count, tail = 0, b""
    try:
        with book.open(info) as part:
            while chunk := part.read(_CHUNK):
                block = tail + chunk  # a tag cut by the chunk: whole in the next block
                count += block.count(b"<row ") + block.count(b"<row>")
                tail = block[-4:]  # shorter than a tag: never counted twice
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return 0  # damaged: openpyxl reports it, located
    return count


def check_cell(value: str, source: str, row: int, column: int, limit: int | None = None) -> None:
    """Refuse a cell longer than :data:`MAX_CELL_CHARS`.

    Raises
    ------
    DataFileError
        Naming the file, row and column.
    """
    limit = MAX_CELL_CHARS if limit is None else limit
    if len(value) > limit:
        raise DataFileError.keyed(
            "xlsx.cell",
            path=quoted(source),
            row=row,
            column=column,
            count=f"{len(value):,}",
            limit=f"{limit:,}",
        )


def check_row(cells: list[str], source: str, row: int) -> list[str]:
    """``cells``, each checked by :func:`check_cell`."""
    for column, text in enumerate(cells, start=1):
        check_cell(text, source, row, column)
    return cells


class _Strings(list[Any]):
    """A shared-string table that refuses negative indexes (``-1`` would be the
    last string)."""

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and index < 0:
            raise IndexError(f"shared string index {index}")
        return super().__getitem__(index)


def guard_strings(book: Any) -> None:
    """Give every read-only sheet of ``book`` a shared-string table that refuses
    negative indexes."""
    for sheet in book.worksheets:
        strings = getattr(sheet, "_shared_strings", None)
        if strings is not None and not isinstance(strings, _Strings):
            sheet._shared_strings = _Strings(strings)
