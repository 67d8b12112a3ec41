"""Make text from input files safe where it is shown or opened: THE cell escapers.

Titles, names, codes and departments come from files written by others. Every
renderer passes them through here before they reach

* a CSV cell: :func:`csv_cell` neutralises a formula (OWASP: a cell starting with
  ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``), so that
  Excel or LibreOffice shows the text instead of running ``=HYPERLINK(...)`` or a
  DDE payload; numbers (``-3``, ``+1.5``) are left alone. JSON keeps the original;
* an XLSX cell: :func:`curriculum.io.xlsx_writer.workbook_bytes` stores every text
  cell as text, never as a formula; :func:`xlsx_text` drops or replaces what XLSX
  cannot hold (control characters, U+FFFE), the text is otherwise kept as written;
* Markdown: :func:`markdown_text` (every heading, list item and table cell made
  from input text) turns line breaks into spaces and escapes what would open
  HTML, a link or image, a code span or fence, or a table cell;
* a terminal: :func:`terminal_text` removes control characters and escape
  sequences (colours, OSC 8 links, window titles, cursor moves), keeping tabs and
  line breaks.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""

# The patterns are compiled on first use (a command that writes no CSV, Markdown or
# workbook never pays for them; the escape and XML classes cost most).


@functools.cache
def _number() -> re.Pattern[str]:
    return re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


@functools.cache
def _escapes() -> re.Pattern[str]:
    return re.compile(
        r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (links, titles)
        r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor)
        r"|\x1b[@-_]?"  # other escapes, a lone ESC
        r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"  # C0 but tab/LF/CR, DEL, C1
    )


def csv_cell(value: Any) -> Any:
    """A CSV cell value with any formula neutralised (numbers and non-text unchanged)."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and value != "-"
        and not _number().fullmatch(value)
    ):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` (CRLF lines) whose cells go through :func:`csv_cell`."""

    def __init__(self, out: Any) -> None:
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row, neutralised."""
        return self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write rows, neutralised."""
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any) -> SafeCsvWriter:
    """THE CSV writer of every report."""
    return SafeCsvWriter(out)


@functools.cache
def _markdown_special() -> re.Pattern[str]:
    return re.compile(r"([\\`<>\[\]|~])")


def markdown_text(value: str) -> str:
    """Text from an input on one Markdown line (a heading, a list item, a table
    cell): controls removed, line breaks as spaces, and the characters that open
    HTML, links, images, code spans or fences and table cells (``\\ ` < > [ ] | ~``)
    escaped, as is a leading ``#``. Rendered, it shows the text as written."""
    text = terminal_text(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    text = text.replace("\u2028", " ").replace("\u2029", " ")
    text = _markdown_special().sub(r"\\\1", text)
    return "\\" + text if text.startswith("#") else text


def markdown_cell(value: Any) -> Any:
    """A Markdown table cell: :func:`markdown_text` for text, other values unchanged."""
    if not isinstance(value, str):
        return value
    return markdown_text(value)


def markdown_rows(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """Every cell of a table through :func:`markdown_cell`."""
    return [[markdown_cell(v) for v in row] for row in rows]


XLSX_MAX_CHARS = 32_767
"""The most characters an XLSX cell holds (Excel's limit; openpyxl cuts there)."""


@functools.cache
def _not_in_xlsx() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_text(value: str) -> str:
    """Text an XLSX cell can hold: the control characters XML 1.0 forbids (all but
    tab and line breaks) dropped, lone surrogates and U+FFFE/U+FFFF (not characters)
    replaced by U+FFFD, cut at :data:`XLSX_MAX_CHARS`. THE rule of every workbook
    written (installed by :func:`curriculum.io.xlsx_writer.new_workbook`)."""
    if _not_in_xlsx().search(value):
        value = _not_in_xlsx().sub(lambda m: "" if m.group() < " " else "\ufffd", value)
    return value[:XLSX_MAX_CHARS]


def quoted(text: str) -> str:
    """A file name, id or code as messages show it: control, format and line or
    paragraph separator characters written as escapes (``\\n``, ``\\x1b``,
    ``\\u2028``), so that a name can neither break a message into lines (forging
    an ``OK:`` or ``Error:`` line) nor drive the terminal."""
    if text.isprintable():
        return text
    return "".join(_escape(c) for c in text)


def unsafe_file_names(paths: Iterable[Any]) -> list[str]:
    """One message per file whose name holds a line break or control character
    (``x.yaml\\nOK: ... all clean.yaml``), the name escaped: such a file of a data
    folder is refused unread, as any message naming it would be forged."""
    return [
        f"{quoted(str(p))}: a file name with a line break or control character; rename it"
        for p in paths
        if quoted(p.name) != p.name
    ]


def _escape(char: str) -> str:
    import unicodedata

    if unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    return char.encode("unicode_escape").decode("ascii")


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def terminal_text(text: str) -> str:
    """``text`` without control characters or escape sequences (tab, LF, CR kept)."""
    if text.isprintable() or not _escapes().search(text):
        return text
    return _escapes().sub("", text)


def tabulate(rows: Iterable[Iterable[Any]], headers: Any = (), **options: Any) -> str:
    """``tabulate.tabulate`` with the cells of a Markdown table (``github`` or
    ``pipe``) through :func:`markdown_cell`, and ``maxcolwidths`` applied by
    :func:`curriculum.i18n.lines.wrap` (tabulate's own wrapping cuts codes, ``K`` /
    ``04``): the drop-in every renderer imports."""
    from tabulate import tabulate as _tabulate

    limits = options.pop("maxcolwidths", None)
    if limits is not None:  # wrapped by each language's rules, never inside a code
        from curriculum.i18n.lines import wrap_cell

        listed: list[list[Any]] = [list(r) for r in rows]
        if not isinstance(limits, list | tuple):
            limits = [limits] * max((len(r) for r in listed), default=0)
        rows = [
            [
                wrap_cell(terminal_text(str(v)), limits[n])  # no escape cut in two
                if n < len(limits) and limits[n] and isinstance(v, str)
                else v
                for n, v in enumerate(r)
            ]
            for r in listed
        ]
    if options.get("tablefmt") in ("github", "pipe"):
        rows = markdown_rows(rows)
        if isinstance(headers, list | tuple):
            headers = [markdown_cell(h) for h in headers]
    return _tabulate(rows, headers, **options)
