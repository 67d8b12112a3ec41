"""What a reader of one language should not meet: words of the other language.

Shared by ``tests/test_reader.py``. A zh-TW report may hold Latin letters only in
codes (``BAS1499-001v4``, ``T1.2``, ``GAP``), file names, options (``--wide``),
format and product names (``CSV``, ``CP-SAT``) and the user's own data (names and
titles in the standards, catalogues and team files); an English report may hold CJK
only in user data.
"""

from __future__ import annotations

import re
from pathlib import Path

WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
CODE = re.compile(r"(?<![\w.-])[\w.*:#+-]*(\d|[A-Z]{2,})[\w.*:#+-]*(?![\w])")
PATH = re.compile(r"\S*[/\\]\S*|\S+\.(yaml|yml|csv|xlsx|json|md|html|ics|png|txt|py)\b")
OPTION = re.compile(r"--?[a-z][\w-]*")
URL = re.compile(r"https?://\S+")
QUOTED = re.compile(r"'[^'\n]*'|「[^」\n]*」")
"""A field name or value quoted from the user's file (``'hours'``): a code."""
NAMES = {
    # formats, products and frameworks, written the same in both languages
    "CSV", "XLSX", "JSON", "HTML", "Markdown", "YAML", "PDF", "iCalendar", "CP-SAT", "OR-Tools",
    "iCAP", "icap", "ESCO", "onet", "esco", "SHA", "TWD", "USD", "NT", "CRM", "AI", "Excel",
    "curriculum", "matplotlib", "Big5", "UTF", "BOM", "id", "ids", "parquet",
}  # fmt: skip


def user_words(*roots: Path) -> set[str]:
    """Every Latin word of the data files under ``roots``: the user's data."""
    words: set[str] = set()
    for root in roots:
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            if path.suffix in (".yaml", ".yml", ".csv", ".json") and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                words |= set(WORD.findall(text))
            elif path.suffix == ".parquet" and path.is_file():
                words |= set(WORD.findall(_parquet_text(path)))
            elif path.suffix == ".xlsx" and path.is_file():
                words |= set(WORD.findall(_xlsx_text(path)))
    return words


def _parquet_text(path: Path) -> str:
    """The text cells of a parquet file (ESCO samples), lists flattened: user data too."""
    import pyarrow.parquet as pq

    cells: list[str] = []
    for column in pq.read_table(path).columns:
        for value in column.to_pylist():
            cells += [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return "\n".join(cells)


def _xlsx_text(path: Path) -> str:
    """The cells of a workbook (the O*NET sample): user data too."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


def user_cjk(*roots: Path) -> set[str]:
    """Every run of CJK characters of the data files under ``roots``."""
    runs: set[str] = set()
    for root in roots:
        files = [root] if root.is_file() else root.rglob("*")
        for path in files:
            if path.suffix in (".yaml", ".yml", ".csv", ".json") and path.is_file():
                runs |= set(CJK.findall(path.read_text(encoding="utf-8", errors="replace")))
    return runs


def english_words(text: str, data: set[str]) -> list[str]:
    """The English words of ``text`` outside codes, paths, options and user data."""
    found = []
    for line in text.splitlines():
        for pattern in (URL, QUOTED, PATH, OPTION):
            line = pattern.sub(" ", line)
        line = CODE.sub(" ", line)
        for word in WORD.findall(line):
            if word not in NAMES and word not in data and len(word) > 1:
                found.append(word)
    return found


def cjk_runs(text: str, data: set[str]) -> list[str]:
    """The CJK text of ``text`` outside user data."""
    found = []
    for run in CJK.findall(text):
        if run in data or any(run in d for d in data):
            continue
        if set(run) <= set("\u3000"):
            continue
        found.append(run)
    return found
