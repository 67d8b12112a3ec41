"""Derive the small ESCO and O*NET fixtures of this folder from the full files.

Run once by hand (never by the tests)::

    python tests/data/import/derive_fixtures.py ESCO.parquet Skills.xlsx

ESCO: three occupations, every column kept, skill lists cut to their first eight
labels. O*NET: every row of two occupations (both have Not Relevant rows).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ESCO_OCCUPATIONS = ("artificial intelligence engineer", "data scientist", "web developer")
ONET_OCCUPATIONS = ("11-1011.00", "15-1211.00")


def derive_esco(source: Path) -> None:
    """Write ``esco-sample.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(source)
    rows = [r for r in table.to_pylist() if r["occupation_name"].strip() in ESCO_OCCUPATIONS]
    for row in rows:
        for key, value in row.items():
            if isinstance(value, list):
                row[key] = value[:8]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), HERE / "esco-sample.parquet")


def derive_onet(source: Path) -> None:
    """Write ``onet-skills-sample.xlsx``."""
    import openpyxl

    book = openpyxl.load_workbook(source, read_only=True)
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.title = "Skills"
    for i, row in enumerate(book.worksheets[0].iter_rows(values_only=True)):
        if i == 0 or row[0] in ONET_OCCUPATIONS:
            sheet.append(row)
    out.save(HERE / "onet-skills-sample.xlsx")


if __name__ == "__main__":
    derive_esco(Path(sys.argv[1]))
    derive_onet(Path(sys.argv[2]))
