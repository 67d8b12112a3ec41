"""Read the project's data files: standards and catalogues.

Every problem of a file is collected and raised as one :class:`DataFileError`
whose message has one line per problem, each naming the file and the course,
task or line concerned.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.io.source import sheet_names, validate
from curriculum.io.tables import Table, csv_table, read_mapping, read_table, split_list
from curriculum.model.standard import Catalogue, Standard

STANDARD_SUFFIXES = (".yaml", ".yml", ".json")


CATALOGUE_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")


CATALOGUE_FIELDS = (
    "code",
    "title",
    "hours",
    "cost",
    "level",
    "covers",
    "provider",
    "currency",
    "session_cost",
    "capacity",
    "min_participants",
)


def load_standard(path: Path) -> Standard:
    """Load a standard file (YAML or JSON in the project's format)."""
    data = read_mapping(path, "a standard file must be a mapping")
    return validate(Standard, data, str(path))


def load_catalogue(path: Path) -> Catalogue:
    """Load a catalogue file: YAML, or CSV or XLSX with one course a row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        data = catalogue_from_xlsx(path)
    elif suffix == ".csv":
        data = catalogue_from_table(read_table(path))
    else:
        data = read_mapping(path, "a catalogue file must be a mapping with 'courses'")
    return validate(Catalogue, data, str(path))


def catalogue_from_csv(text: str, source: str) -> dict[str, Any]:
    """Turn a CSV catalogue into the mapping the YAML form would give
    (see :func:`catalogue_from_table`)."""
    return catalogue_from_table(csv_table(text, source))


CATALOGUE_SHEET = "courses"


def catalogue_from_xlsx(path: Path) -> dict[str, Any]:
    """Turn an XLSX catalogue (the CSV columns, one course a row) into a mapping.

    The courses are read from the sheet named ``courses`` when there is one (the
    template's instructions sheet is ignored), else from the first sheet.
    """
    sheet = CATALOGUE_SHEET if CATALOGUE_SHEET in sheet_names(path) else None
    return catalogue_from_table(read_table(path, sheet))


def catalogue_from_table(table: Table) -> dict[str, Any]:
    """The catalogue mapping of a table (CSV or XLSX) with one course a row.

    ``covers`` is a ``;``-separated list of ``STANDARD:ITEM`` pairs; ``provider``
    and ``currency`` are optional columns whose value must be the same on every
    row that gives one (a course's own provider is kept when they differ).
    Columns whose name starts with ``meta.`` go to the course's ``meta``.
    """
    if {"standard", "item", "kind"} <= {h.lower() for h in table.header}:
        raise DataFileError(
            f"{table.header_at}: this is a standard table, not a catalogue: "
            "import it with 'curriculum standards import'"
        )
    table.check_columns(
        CATALOGUE_FIELDS, ("code", "title", "hours"), extra=lambda h: h.startswith("meta.")
    )
    problems: list[str] = []
    courses: list[dict[str, Any]] = []
    currencies: set[str] = set()
    providers: set[str] = set()
    for row in table.records(problems):
        course: dict[str, Any] = {}
        for key, value in row.cells.items():
            if not value:
                continue
            if key == "currency":
                currencies.add(value)
            elif key == "covers":
                covers, bad = _parse_covers(value)
                course["covers"] = covers
                problems += [f"{row.at}: course {row.cells.get('code')}: {b}" for b in bad]
            elif key.startswith("meta."):
                course.setdefault("meta", {})[key[5:]] = value
            else:
                course[key] = value
                if key == "provider":
                    providers.add(value)
        courses.append(course)
    if len(currencies) > 1:
        problems.append(
            f"{table.source}: one catalogue has one currency, found {sorted(currencies)}"
        )
    if problems:
        raise DataFileError("\n".join(problems))
    catalogue: dict[str, Any] = {"courses": courses}
    if len(providers) == 1 and all(c.get("provider") for c in courses):
        catalogue["provider"] = providers.pop()
        for course in courses:
            course.pop("provider", None)
    if currencies:
        catalogue["currency"] = currencies.pop()
    return catalogue


def _parse_covers(value: str) -> tuple[dict[str, list[str]], list[str]]:
    covers: dict[str, list[str]] = {}
    bad: list[str] = []
    for pair in split_list(value):
        standard, sep, item = pair.rpartition(":")
        if not sep or not standard or not item:
            bad.append(f"covers entry {pair!r} is not STANDARD:ITEM")
            continue
        covers.setdefault(standard, []).append(item)
    return covers, bad


def expand_paths(paths: Iterable[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files named directly, and the files of named folders with a known suffix."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if (p.is_file() or p.is_symlink())  # a broken link is reported, not skipped
                and p.suffix.lower() in suffixes
                and not p.name.startswith((".", "~$"))
            )
        elif path.exists():
            files.append(path)
        else:
            raise DataFileError(f"{path}: no such file or folder")
    return files
