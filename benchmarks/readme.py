"""Write a benchmark's section of ``benchmarks/README.md``.

Each benchmark script owns the text between ``<!-- BEGIN name -->`` and
``<!-- END name -->`` in ``benchmarks/README.md``; given ``--readme`` it rewrites
that section with the figures it has just measured and leaves the rest of the
file (the hand-written description and discussion) alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def markdown_table(header: Sequence[str], align: str, rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table.

    Parameters
    ----------
    header
        The column titles.
    align
        One letter per column: ``l`` left, ``r`` right (``--:``), ``R`` right
        (``---:``).
    rows
        The cells, already formatted (anything ``str()`` accepts).

    Returns
    -------
    str
        The table, one line per row, ending with a newline.
    """
    rule = {"l": "---", "r": "--:", "R": "---:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rule[a] for a in align) + "|",
        *("| " + " | ".join(str(c) for c in row) + " |" for row in rows),
    ]
    return "\n".join(lines) + "\n"


def replace_section(text: str, name: str, body: str) -> str:
    """``text`` with the section ``name`` replaced by ``body``.

    Raises
    ------
    ValueError
        When the markers are missing, repeated or out of order.
    """
    begin, end = f"<!-- BEGIN {name} -->\n", f"<!-- END {name} -->"
    if text.count(begin) != 1 or text.count(end) != 1:
        raise ValueError(f"README.md needs exactly one {begin.strip()} and one {end}")
    start, stop = text.index(begin) + len(begin), text.index(end)
    if stop < start:
        raise ValueError(f"{end} comes before {begin.strip()}")
    return text[:start] + body.rstrip("\n") + "\n" + text[stop:]


def write_section(name: str, body: str, path: Path = README) -> None:
    """Rewrite the section ``name`` of ``path`` (``benchmarks/README.md``) with ``body``."""
    text = path.read_text(encoding="utf-8")
    path.write_text(replace_section(text, name, body), encoding="utf-8")
    print(f"Wrote the {name} section of {path}")
