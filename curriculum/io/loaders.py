"""Read the project's data files: standards and catalogues.

Every problem of a file is collected and raised as one :class:`DataFileError`
whose message has one line per problem, each naming the file and the course,
task or line concerned.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.errors import CurriculumWarning, DataFileError, Names, Phrase
from curriculum.i18n import Text, run_lang
from curriculum.io.catalogue_rows import CATALOGUE_SHEET, table_catalogue
from curriculum.io.cells import unsafe_file_names
from curriculum.io.context import ReadContext
from curriculum.io.source import (
    Locator,
    format_validation_error,
    is_xlsx,
    parse_yaml,
    read_text,
    sheet_names,
    validate,
    yaml_locator,
)
from curriculum.io.tables import read_table
from curriculum.model.codes import code_key, normalize_course_code
from curriculum.model.standard import Catalogue, Course, Standard

STANDARD_SUFFIXES = (".yaml", ".yml", ".json")


CATALOGUE_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")


TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls", ".txt")


def load_standard(path: Path, context: ReadContext | None = None) -> Standard:
    """Load a standard file (YAML or JSON in the project's format), read as ``context`` says.

    Raises
    ------
    DataFileError
        Located problems; a table (CSV, XLSX) is pointed to ``standards import``.
    """
    path = Path(path)
    if path.suffix.lower() in TABLE_SUFFIXES or is_xlsx(path, context):
        raise DataFileError.keyed("loaders.standard_table", path=path)
    text = read_text(path, context)
    data = parse_yaml(text, str(path))
    if not isinstance(data, Mapping):
        raise DataFileError.keyed("loaders.standard_mapping", path=path)
    return validate(Standard, data, str(path), yaml_locator(text, str(path)))


@dataclass(frozen=True)
class CatalogueRead:
    """A catalogue as read: the valid courses, and every problem of the file.

    ``catalogue`` holds the courses that validate (the first of duplicated codes),
    so that the references of the good courses can still be checked.
    """

    catalogue: Catalogue | None
    problems: tuple[str, ...] = ()


def load_catalogue(path: Path, context: ReadContext | None = None) -> Catalogue:
    """Load a catalogue file: YAML, or CSV or XLSX with one course a row.

    Raises
    ------
    DataFileError
        With every problem of the file, one located line each.
    """
    read = read_catalogue(path, context)
    if read.problems or read.catalogue is None:
        error = DataFileError("\n".join(read.problems))
        error.spoken = True  # every problem worded in the run's language
        raise error
    return read.catalogue


def read_catalogue(path: Path, context: ReadContext | None = None) -> CatalogueRead:
    """Read a catalogue file, collecting every problem (see :class:`CatalogueRead`).

    Raises
    ------
    DataFileError
        Only when the file cannot be read as a whole (unreadable, not YAML, a bad header).
    """
    path = Path(path)
    data, locate, problems = catalogue_source(path, context)
    courses = data.get("courses")
    if not isinstance(courses, list):
        validate(Catalogue, data, str(path), locate)  # raises the located problems
        courses = []
    source = str(path)
    top = {k: v for k, v in data.items() if k != "courses"}
    try:
        shell = Catalogue.model_validate({**top, "courses": []})
    except ValidationError as exc:
        problems.append(format_validation_error(source, exc, data, locate=locate, model=Catalogue))
        shell = Catalogue(courses=())
    valid: list[tuple[int, Course]] = []
    for n, raw in enumerate(courses):
        try:
            valid.append((n, Course.model_validate(raw)))
        except ValidationError as exc:
            problems.append(
                format_validation_error(
                    source, exc, data, locate=locate, model=Course, prefix=("courses", n)
                )
            )
    by_key: dict[str, list[tuple[int, Course]]] = {}
    for n, course in valid:
        by_key.setdefault(code_key(course.code), []).append((n, course))
    t = Text(run_lang())
    for group in by_key.values():
        if len(group) > 1:
            places = Names(_short_place(locate(("courses", n)), source) for n, _ in group)
            codes = " / ".join(dict.fromkeys(c.code for _, c in group))
            problems.append(
                t(
                    "loaders.duplicate",
                    at=locate(("courses", group[1][0])) or source,
                    codes=codes,
                    places=places.text(t.lang),
                )
            )
    unique = tuple(group[0][1] for group in by_key.values())
    return CatalogueRead(shell.model_copy(update={"courses": unique}), tuple(problems))


def _short_place(place: str | None, source: str) -> Phrase | str:
    """``line 12`` (``file:12``, YAML or CSV) or ``row 4`` (``file: row 4``, a workbook's,
    in the run's language) out of a full place, to be worded in any language."""
    rest = (place or "").removeprefix(source)
    line = re.match(r":(\d+)", rest)
    if line:
        return Phrase("loaders.line", line=int(line[1]))
    row = re.search(r"\d+", rest)  # the first number after the file: its row
    return Phrase("loaders.row", row=int(row[0])) if row else "?"


def catalogue_source(
    path: Path, context: ReadContext | None = None
) -> tuple[dict[str, Any], Locator, list[str]]:
    """The catalogue mapping of a file, a locator of its parts and the problems met.

    Raises
    ------
    DataFileError
        When the file cannot be read as a catalogue at all.
    """
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx") or is_xlsx(path, context):
        if suffix == ".xlsx" or is_xlsx(path, context):
            sheet = CATALOGUE_SHEET if CATALOGUE_SHEET in sheet_names(path, context) else None
            table = read_table(path, sheet, context)
        else:
            table = read_table(path, context=context)
        problems: list[str] = []
        data, rows = table_catalogue(table, problems)

        def locate(loc: tuple[Any, ...]) -> str | None:
            if len(loc) < 2 or loc[0] != "courses" or not isinstance(loc[1], int):
                return None
            if loc[1] >= len(rows):
                return None
            if len(loc) > 2 and isinstance(loc[2], str):
                return table.cell_at(rows[loc[1]], loc[2])
            return table.at(rows[loc[1]])

        return data, locate, problems
    text = read_text(path, context)
    data = parse_yaml(text, str(path))
    if not isinstance(data, Mapping):
        raise DataFileError.keyed("loaders.catalogue_mapping", path=path)
    return dict(data), yaml_locator(text, str(path)), []


def course_places(path: Path, context: ReadContext | None = None) -> dict[str, str]:
    """Where each course of a catalogue file is (``file:LINE`` or ``file: row N``),
    by course code folded (:func:`~curriculum.model.codes.code_key`).

    Used only to locate problems, so the file is read again.
    """
    try:
        data, locate, _ = catalogue_source(Path(path), context)
    except DataFileError:
        return {}
    found: dict[str, str] = {}
    for n, raw in enumerate(data.get("courses") or []):
        if isinstance(raw, Mapping) and isinstance(raw.get("code"), str | int):
            place = locate(("courses", n))
            if place:
                found.setdefault(code_key(normalize_course_code(str(raw["code"]))), place)
    return found


def expand_paths(
    paths: Iterable[Path], suffixes: tuple[str, ...], *, kind: str | None = None
) -> list[Path]:
    """Files named directly, and the files of named folders with a known suffix.

    With ``kind`` (``"standard"``), every other file of a folder is named in a
    warning instead of being ignored silently.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if (p.is_file() or p.is_symlink())  # a broken link is reported, not skipped
                and not p.name.startswith((".", "~$"))
            )
            unsafe = unsafe_file_names(found)  # refused unread: they would forge lines
            if unsafe:
                raise DataFileError("\n".join(unsafe))
            files += [p for p in found if p.suffix.lower() in suffixes]
            others = [p.name for p in found if p.suffix.lower() not in suffixes]
            if kind and others:
                warning = CurriculumWarning.keyed(
                    "warning.ignoring",
                    path=path,
                    files=Names(others),
                    kind=kind,
                    suffixes=Names(suffixes),
                )
                warnings.warn(warning, stacklevel=2)
        elif path.exists():
            files.append(path)
        else:
            raise DataFileError.keyed("missing_input", path=path)
    return files
