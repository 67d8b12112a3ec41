"""Importers: turn the documents users already have into standards.

:func:`detect_format` recognises a file by its content (not its name), and
:func:`import_standards` runs the matching importer. Each importer lives in its
own module and imports its heavy dependency (pyarrow, openpyxl) only when run.

========== =================================================================
format     source
========== =================================================================
icap-text  the text of an iCAP 職能基準 PDF (tab-separated table cells)
icap-json  the JSON of open-source iCAP PDF parsers (``ocs_profile`` ...)
esco       the ESCO occupation profiles (parquet; needs ``pip install .[esco]``)
onet       O*NET ``Skills.xlsx`` (importance and level of 35 skills)
table      the generic tabular standard format (CSV or XLSX, one row per item)
========== =================================================================
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError, Names, Phrase
from curriculum.formats import IMPORT_FORMATS as FORMATS
from curriculum.io.cells import quoted
from curriculum.io.context import ReadContext
from curriculum.io.source import read_bytes, read_text
from curriculum.io.tables import csv_header, xlsx_header
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Standard


def is_table_header(header: list[str]) -> bool:
    """Whether a first row is the header of the tabular standard format."""
    names = {normalize_code(h).lower() for h in header}
    return {"standard", "item", "kind"} <= names


@dataclass(frozen=True)
class ImportOptions:
    """What to import from a file holding several standards, and how.

    ``occupations`` selects ESCO occupations or O*NET-SOC codes (all when
    empty); ``include_optional`` adds ESCO's optional skills as a task of their
    own; ``min_importance`` is O*NET's importance threshold (1-5 scale).
    """

    occupations: tuple[str, ...] = ()
    include_optional: bool = False
    min_importance: float = 3.0


def parse_json(text: str, path: Path) -> Any:
    """The JSON document of a text, any failure a located :class:`DataFileError`
    (too deep a nesting included)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError.keyed(
            "import.json", path=f"{path}:{exc.lineno}", problem=exc.msg
        ) from None
    except RecursionError:
        raise DataFileError.keyed("import.json_deep", path=path) from None


def detect_format(path: Path, context: ReadContext | None = None) -> str:
    """The format of a file, recognised by its content.

    Raises
    ------
    DataFileError
        When the file is none of the :data:`FORMATS`.
    """
    path = Path(path)
    head = read_bytes(path, 4096, context)
    if head.startswith(b"PAR1"):
        return "esco"
    if head.startswith(b"PK"):
        header = xlsx_header(path, context)
        if {"O*NET-SOC Code", "Element ID", "Scale ID"} <= set(header):
            return "onet"
        if is_table_header(header):
            return "table"
        raise DataFileError.keyed("import.spreadsheet", path=path)
    text = read_text(path, context)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        from curriculum.io.importers.icap_json import looks_like_icap_json

        data = parse_json(stripped, path)
        if looks_like_icap_json(data):
            return "icap-json"
        raise DataFileError.keyed("import.not_icap_json", path=path)
    if is_table_header(csv_header(text)):
        return "table"
    from curriculum.io.importers.icap_text import looks_like_icap_text

    if looks_like_icap_text(text):
        return "icap-text"
    raise DataFileError.keyed("import.unrecognised", path=path)


def import_standards(
    path: Path,
    fmt: str | None = None,
    options: ImportOptions | None = None,
    context: ReadContext | None = None,
) -> list[Standard]:
    """Import every standard a file holds (one, or many for ESCO and O*NET).

    Parameters
    ----------
    path
        The file to import.
    fmt
        One of :data:`FORMATS`; recognised from the content when ``None``.
    options
        Selection and thresholds for files holding many standards.
    context
        How to read the file (the encoding of a text), and where to note it.

    Raises
    ------
    DataFileError
        When the file cannot be read or does not give valid standards.
    UnknownReferenceError
        When a selected occupation is not in the file.
    """
    path = Path(path)
    options = options or ImportOptions()
    _check_size(path)
    standards = _import(path, fmt or detect_format(path, context), options, context)
    for standard in standards:
        _check_texts(standard, path)
    return standards


MAX_IMPORT_BYTES = 256 << 20
"""The largest file imported (the largest ESCO parquet files are about 100 MB)."""


def _check_size(path: Path) -> None:
    """Refuse a file larger than :data:`MAX_IMPORT_BYTES` before reading it."""
    import os

    try:
        size = os.stat(path).st_size
    except OSError:
        return  # read_bytes names the problem
    if size > MAX_IMPORT_BYTES:
        raise DataFileError.keyed(
            "import.too_large",
            path=quoted(str(path)),
            mb=f"{size >> 20:,}",
            most=MAX_IMPORT_BYTES >> 20,
        )


def _check_texts(standard: Standard, path: Path) -> None:
    """Refuse a standard with a text (a name, a description) longer than a CSV field
    (:data:`~curriculum.io.xlsx_limits.MAX_CELL_CHARS`): it would be written out whole."""
    from curriculum.io.xlsx_limits import MAX_CELL_CHARS

    stack: list[tuple[str, Any]] = [("", standard.model_dump())]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise DataFileError.keyed(
                "import.long_text",
                path=quoted(str(path)),
                where=where or Phrase("import.a_text"),
                count=f"{len(value):,}",
                limit=f"{MAX_CELL_CHARS:,}",
            )
        if isinstance(value, dict):
            stack += [(f"{where}.{k}".lstrip("."), v) for k, v in value.items()]
        elif isinstance(value, list | tuple):
            stack += [(f"{where}[{n}]", v) for n, v in enumerate(value)]


def _import(
    path: Path, fmt: str, options: ImportOptions, context: ReadContext | None = None
) -> list[Standard]:
    """The standards of ``path`` read as ``fmt`` (texts decoded as ``context`` says)."""
    if fmt == "icap-text":
        from curriculum.io.importers.icap_text import parse_icap_text

        return [parse_icap_text(read_text(path, context), str(path))]
    if fmt == "icap-json":
        from curriculum.io.importers.icap_json import import_icap_json

        return [import_icap_json(parse_json(read_text(path, context), path), str(path))]
    if fmt == "esco":
        from curriculum.io.importers.esco import import_esco

        return import_esco(path, options.occupations, include_optional=options.include_optional)
    if fmt == "onet":
        from curriculum.io.importers.onet import import_onet

        return import_onet(path, options.occupations, min_importance=options.min_importance)
    if fmt == "table":
        from curriculum.io.importers.tabular import import_table

        return [import_table(path, context)]
    raise DataFileError.keyed("import.format", format=repr(fmt), known=Names(FORMATS))


__all__ = ["FORMATS", "ImportOptions", "detect_format", "import_standards"]
