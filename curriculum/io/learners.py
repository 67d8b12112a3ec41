"""Learners files for ``plan --batch`` (CSV: id, standard, targets, held)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from curriculum.errors import DataFileError
from curriculum.io.loaders import read_text
from curriculum.model.codes import normalize_code

LEARNER_COLUMNS = ("id", "standard", "targets", "held")
_SPLIT = re.compile(r"[;,，；\s]+")


@dataclass(frozen=True)
class Learner:
    """One row of a learners file."""

    id: str
    standard: str
    targets: tuple[str, ...]
    held: tuple[str, ...]
    line: int


def split_list(value: str) -> tuple[str, ...]:
    """Codes separated by ``;``, ``,`` (ASCII or full width) or white space."""
    return tuple(normalize_code(c) for c in _SPLIT.split(value or "") if c.strip())


def parse_learners(text: str, source: str) -> list[Learner]:
    """The learners of a CSV text.

    Raises
    ------
    DataFileError
        Listing every problem as ``source:line: message`` (a missing or unknown
        column, an empty id or standard, a repeated id).
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [normalize_code(h or "") for h in reader.fieldnames or []]
    problems = [f"{source}:1: missing column {c!r}" for c in ("id", "standard") if c not in header]
    problems += [f"{source}:1: unknown column {h!r}" for h in header if h not in LEARNER_COLUMNS]
    if problems:
        raise DataFileError("\n".join(problems))
    reader.fieldnames = header
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(f"{source}:{line}: more cells than columns")
            continue
        cells = {k: (v or "").strip() for k, v in row.items()}
        if not any(cells.values()):
            continue
        ident, standard = cells.get("id", ""), normalize_code(cells.get("standard", ""))
        if not ident:
            problems.append(f"{source}:{line}: empty id")
            continue
        if not standard:
            problems.append(f"{source}:{line}: learner {ident}: empty standard")
            continue
        if ident in seen:
            problems.append(
                f"{source}:{line}: learner {ident}: id already used on line {seen[ident]}"
            )
            continue
        seen[ident] = line
        learners.append(
            Learner(
                ident,
                standard,
                split_list(cells.get("targets", "")),
                split_list(cells.get("held", "")),
                line,
            )
        )
    if problems:
        raise DataFileError("\n".join(problems))
    return learners


def read_learners(path: Path) -> list[Learner]:
    """Read a learners CSV file (see :func:`parse_learners`)."""
    path = Path(path)
    return parse_learners(read_text(path), str(path))
