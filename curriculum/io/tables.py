"""Read the rows of tabular files (CSV or XLSX) and YAML mapping files, checked the same way.

Every tabular reader (catalogues, standard tables, team and learners files) gets
its rows from :func:`read_table` or :func:`csv_table`, checks the header with
:meth:`Table.check_columns` and walks :meth:`Table.records`. Problems are worded
alike in every file kind and located as ``file:LINE`` (CSV) or ``file: row N``
(XLSX):

- ``unknown column 'x'``, ``missing column 'x'``, ``column 3 has no name`` and
  ``column 'x' given twice`` for the header (all reported together);
- ``more cells than columns`` for a row with a non-empty cell past the header;
- blank rows are skipped, cells are stripped, short rows padded with ``""``.

Header names are NFKC-normalised; a known column matches whatever its case, and
each file kind may give aliases (zh-TW headers such as ``課程代碼`` for ``code``).
Every list cell is split by :func:`split_list` on the same separators.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError, Names
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext
from curriculum.io.source import is_xlsx, parse_yaml, read_text, xlsx_rows
from curriculum.model.codes import normalize_code

_SEPARATORS = re.compile(r"[;；,，、\s]+")
LIST_SEPARATORS_TEXT = "; ； , ， 、 and white space"
"""The separators of a list cell, as the documentation names them."""


def split_list(value: str, *, loose: bool = True) -> tuple[str, ...]:
    """The codes of a list cell, normalised: separated by ``;``, ``,`` (ASCII or full
    width), ``、`` or white space, in every file kind (``loose`` is kept for callers
    of earlier versions and has no effect)."""
    parts = _SEPARATORS.split(value or "")
    return tuple(normalize_code(p) for p in parts if p.strip())


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Row:
    """A data row: where it is, its line (CSV) or row (XLSX) number, its cells by column."""

    at: str
    number: int
    cells: dict[str, str]


@dataclass
class Table:
    """The header and numbered rows of a CSV text or an XLSX sheet."""

    source: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    xlsx: bool = False
    columns: list[str] = field(default_factory=list)

    def at(self, number: int) -> str:
        """``file:LINE`` (CSV) or ``file: row N`` (XLSX), in the run's language."""
        if self.xlsx:
            return Text(run_lang())("table.row", path=self.source, row=number)
        return f"{self.source}:{number}"

    def cell_at(self, number: int, column: str) -> str:
        """``file:LINE: column C (header)`` (CSV) or ``file: row N, column C (header)`` (XLSX)."""
        columns = self.columns or self.header
        if column not in columns:
            return self.at(number)
        index = columns.index(column)
        t = Text(run_lang())
        named = t("table.column", letter=column_letter(index), name=self.header[index])
        between = ("，" if t.zh else ", ") if self.xlsx else t.colon
        return f"{self.at(number)}{between}{named}"

    @property
    def header_at(self) -> str:
        """Where the header is."""
        return self.at(1)

    def check_columns(
        self,
        known: Collection[str],
        required: Sequence[str],
        *,
        extra: Callable[[str], bool] | None = None,
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        """Name the columns, raising every header problem at once.

        Parameters
        ----------
        known
            The columns the file kind defines (lower case).
        required
            The columns that must be present.
        extra
            Accepts further column names (e.g. ``meta.*``), kept as written.
        aliases
            Other names of the known columns (``{"課程代碼": "code"}``), matched
            case-insensitively.

        Raises
        ------
        DataFileError
            For unknown, missing, nameless or repeated columns.
        """
        alias = {k.casefold(): v for k, v in (aliases or {}).items()}
        names = [
            h.lower() if h.lower() in known else alias.get(h.casefold(), h) for h in self.header
        ]
        if self.header and not any(n in known for n in names):
            # not a header at all (data in the first row, e.g. a member's name):
            # never echo its cells, which may be personal data
            raise DataFileError.keyed(
                "table.no_header",
                at=self.header_at,
                n=len(names),
                expected=Names(required),
            )
        t = Text(run_lang())
        at = self.header_at
        problems = []
        for n, name in enumerate(names, start=1):
            if not name:
                problems.append(t("table.nameless", at=at, number=n))
            elif name not in known and not (extra and extra(name)):
                hint = difflib.get_close_matches(name.lower(), list(known), n=1)
                more = t("source.did_you_mean", key=repr(hint[0])) if hint else ""
                problems.append(t("table.unknown_column", at=at, name=repr(name), hint=more))
        problems += [t("table.missing", at=at, name=repr(c)) for c in required if c not in names]
        repeated = sorted({n for n in names if n and names.count(n) > 1})
        problems += [t("table.twice", at=at, name=repr(n)) for n in repeated]
        if problems:
            error = DataFileError("\n".join(problems))
            error.spoken = True  # worded in the run's language
            raise error
        self.columns = names

    def records(self, problems: list[str]) -> Iterator[Row]:
        """The non-blank rows with their cells by column (after :meth:`check_columns`);
        a row with more cells than columns is added to ``problems`` instead."""
        columns = self.columns or self.header
        width = len(columns)
        for number, raw in self.rows:
            if any(c.strip() for c in raw[width:]):
                problems.append(Text(run_lang())("table.more_cells", at=self.at(number)))
                continue
            cells = [c.strip() for c in raw[:width]]
            if not any(cells):
                continue
            cells += [""] * (width - len(cells))
            yield Row(self.at(number), number, dict(zip(columns, cells, strict=True)))


def _header(rows: list[tuple[int, list[str]]]) -> list[str]:
    header = [normalize_code(h or "") for h in rows[0][1]] if rows else []
    while header and not header[-1]:
        header.pop()
    return header


def csv_table(text: str, source: str) -> Table:
    """The table of a CSV text.

    Raises
    ------
    DataFileError
        When the text is not valid CSV (e.g. a NUL character).
    """
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise DataFileError.keyed(
            "table.csv", at=f"{source}:{reader.line_num}", reason=str(exc)
        ) from None
    return Table(source, _header(rows), rows[1:])


def read_table(path: Path, sheet: str | None = None, context: ReadContext | None = None) -> Table:
    """The table of a CSV or XLSX file (a workbook by its name or its content).

    ``sheet`` names the XLSX sheet to read (the first one by default).
    """
    path = Path(path)
    if not is_xlsx(path, context):
        return csv_table(read_text(path, context), str(path))
    rows = list(xlsx_rows(path, sheet, context))
    return Table(str(path), _header(rows), rows[1:], xlsx=True)


def csv_header(text: str) -> list[str]:
    """The header of a CSV text, as :attr:`Table.header` (only the first row is parsed)."""
    try:
        first = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return []
    return _header([(1, first)])


def xlsx_header(path: Path, context: ReadContext | None = None) -> list[str]:
    """The header of a workbook's first sheet, as :attr:`Table.header` (one row read)."""
    return _header([next(xlsx_rows(path, context=context), (1, []))])


def read_yaml(path: Path, context: ReadContext | None = None) -> Any:
    """The YAML (or JSON) document of a file."""
    path = Path(path)
    return parse_yaml(read_text(path, context), str(path))


def read_mapping(
    path: Path, expected: str, context: ReadContext | None = None
) -> Mapping[str, Any]:
    """The YAML document of a file, which must be a mapping.

    Raises
    ------
    DataFileError
        The catalogue's message ``expected`` (``{path}: ...``) when the document is
        not a mapping.
    """
    data = read_yaml(path, context)
    if not isinstance(data, Mapping):
        raise DataFileError.keyed(expected, path=path)
    return data
