"""Read and write the project's data files: standards and catalogues.

Every problem of a file is collected and raised as one :class:`DataFileError`
whose message has one line per problem, each naming the file and the course,
task or line concerned.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from curriculum.errors import DataFileError
from curriculum.io.fastyaml import load_yaml
from curriculum.io.importers.icap_text import decode
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Catalogue, Standard

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (BOM allowed) or Big5/CP950."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None
    return decode(data, str(path))


def parse_yaml(text: str, source: str) -> Any:
    """Parse YAML (or JSON, which YAML reads too) with the C loader when present."""
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{source}{where}: invalid YAML: {problem}") from None


def format_validation_error(source: str, exc: ValidationError, data: Any) -> str:
    """One line per problem: ``file: where: message``, naming courses and tasks.

    A misspelt key gives one line with a suggestion (``unknown key 'hour' (did you
    mean 'hours'?)``) rather than an unknown and a missing key.
    """
    errors = exc.errors(include_url=False)
    missing = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "missing"}
    suggestions: dict[tuple[Any, ...], str] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent = tuple(error["loc"][:-1])
            close = difflib.get_close_matches(
                str(error["loc"][-1]), [k for p, k in missing if p == parent], n=1
            )
            if close and (parent, close[0]) not in {(k[:-1], v) for k, v in suggestions.items()}:
                suggestions[tuple(error["loc"])] = close[0]
    used = {(loc[:-1], key) for loc, key in suggestions.items()}
    lines = []
    for error in errors:
        loc = list(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}"
            if tuple(loc) in suggestions:
                message += f" (did you mean {suggestions[tuple(loc)]!r}?)"
            loc = loc[:-1]
        elif error["type"] == "missing":
            if (tuple(loc[:-1]), str(loc[-1])) in used:
                continue
            message = f"missing key {loc[-1]!r}"
            loc = loc[:-1]
        where = _describe_location(loc, data)
        lines.append(f"{source}: {where}: {message}" if where else f"{source}: {message}")
    return "\n".join(lines)


_SINGULAR = {"courses": "course", "tasks": "task", "duties": "duty", "items": "item"}


def _describe_location(loc: list[Any], data: Any) -> str:
    """``courses.3.hours`` becomes ``course CS-104: hours`` when the code is known."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            code = node.get("code") if isinstance(node, Mapping) else None
            container = parts.pop() if parts else ""
            label = _SINGULAR.get(container)
            parts.append(f"{label} {code}" if label and code else f"{container}[{key}]")
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, Mapping) else None
    return ".".join(parts)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_standard(path: Path) -> Standard:
    """Load a standard file (YAML or JSON in the project's format)."""
    path = Path(path)
    data = parse_yaml(read_text(path), str(path))
    if not isinstance(data, Mapping):
        raise DataFileError(f"{path}: a standard file must be a mapping")
    try:
        return Standard.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(format_validation_error(str(path), exc, data)) from None


class _FlowList(list):  # type: ignore[type-arg]
    """A list of codes written on one line: ``knowledge: [K01, K02]``."""


class _StandardDumper(_Dumper):  # type: ignore[misc,valid-type]
    pass


_StandardDumper.add_representer(
    _FlowList,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def dump_standard(standard: Standard) -> str:
    """The standard as YAML in the project's format (stable key order)."""
    data = standard.model_dump(mode="json", exclude_defaults=True)
    data = {"framework": standard.framework, "language": standard.language, **data}
    for duty in data.get("duties", []):
        for task in duty.get("tasks", []):
            for key in ("knowledge", "skills"):
                if key in task:
                    task[key] = _FlowList(task[key])
    return yaml.dump(data, Dumper=_StandardDumper, allow_unicode=True, sort_keys=False, width=100)


def load_catalogue(path: Path) -> Catalogue:
    """Load a catalogue file: YAML, or CSV or XLSX with one course a row."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        data = catalogue_from_xlsx(path)
    else:
        text = read_text(path)
        if path.suffix.lower() == ".csv":
            data = catalogue_from_csv(text, str(path))
        else:
            data = parse_yaml(text, str(path))
            if not isinstance(data, Mapping):
                raise DataFileError(f"{path}: a catalogue file must be a mapping with 'courses'")
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        raise DataFileError(format_validation_error(str(path), exc, data)) from None


def catalogue_from_csv(text: str, source: str) -> dict[str, Any]:
    """Turn a CSV catalogue into the mapping the YAML form would give.

    ``covers`` is a ``;``-separated list of ``STANDARD:ITEM`` pairs; ``provider``
    and ``currency`` are optional columns whose value must be the same on every
    row that gives one (a course's own provider is kept when they differ).
    Columns whose name starts with ``meta.`` go to the course's ``meta``.
    """
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])

    def rows() -> Iterable[tuple[str, list[str]]]:
        for row in reader:
            yield f"{source}:{reader.line_num}", row

    return catalogue_from_rows(header, rows(), source, f"{source}:1")


CATALOGUE_SHEET = "courses"


def catalogue_from_xlsx(path: Path) -> dict[str, Any]:
    """Turn an XLSX catalogue (the CSV columns, one course a row) into a mapping.

    The courses are read from the sheet named ``courses`` when there is one (the
    template's instructions sheet is ignored), else from the first sheet.
    openpyxl is imported only here.
    """
    from curriculum.io.importers.tabular import open_workbook, xlsx_rows

    book = open_workbook(path)
    sheet = CATALOGUE_SHEET if CATALOGUE_SHEET in book.sheetnames else None
    book.close()
    rows = iter(xlsx_rows(path, sheet))
    _, header = next(rows, (1, []))
    while header and not header[-1]:
        header.pop()
    numbered = ((f"{path}: row {number}", cells) for number, cells in rows)
    return catalogue_from_rows(header, numbered, str(path), f"{path}: row 1")


def catalogue_from_rows(
    header: list[str],
    rows: Iterable[tuple[str, list[str]]],
    source: str,
    header_at: str,
) -> dict[str, Any]:
    """The catalogue mapping from a header and ``(where, cells)`` rows (CSV or XLSX)."""
    header = [normalize_code(h or "") for h in header]
    if {"standard", "item", "kind"} <= set(header):
        raise DataFileError(
            f"{header_at}: this is a standard table, not a catalogue: "
            "import it with 'curriculum standards import'"
        )
    unknown = [h for h in header if h not in CATALOGUE_FIELDS and not h.startswith("meta.")]
    problems = [f"{header_at}: unknown column {h!r}" for h in unknown]
    for needed in ("code", "title", "hours"):
        if needed not in header:
            problems.append(f"{header_at}: missing column {needed!r}")
    if problems:
        raise DataFileError("\n".join(problems))
    courses: list[dict[str, Any]] = []
    currencies: set[str] = set()
    providers: set[str] = set()
    for at, raw in rows:
        if len(raw) > len(header) and any((c or "").strip() for c in raw[len(header) :]):
            problems.append(f"{at}: more cells than columns")
            continue
        cells = {k: (v or "").strip() for k, v in zip(header, raw, strict=False)}
        if not any(cells.values()):
            continue
        course: dict[str, Any] = {}
        for key, value in cells.items():
            if not value:
                continue
            if key == "currency":
                currencies.add(value)
            elif key == "covers":
                covers, bad = _parse_covers(value)
                course["covers"] = covers
                problems += [f"{at}: course {cells.get('code')}: {b}" for b in bad]
            elif key.startswith("meta."):
                course.setdefault("meta", {})[key[5:]] = value
            else:
                course[key] = value
                if key == "provider":
                    providers.add(value)
        courses.append(course)
    if len(currencies) > 1:
        problems.append(f"{source}: one catalogue has one currency, found {sorted(currencies)}")
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
    for pair in filter(None, (p.strip() for p in value.replace("；", ";").split(";"))):
        standard, sep, item = normalize_code(pair).rpartition(":")
        if not sep or not standard or not item:
            bad.append(f"covers entry {pair!r} is not STANDARD:ITEM")
            continue
        covers.setdefault(standard, []).append(item)
    return covers, bad


def catalogue_to_yaml(catalogue: Catalogue) -> str:
    """The catalogue as YAML (used to convert CSV catalogues)."""
    data = catalogue.model_dump(mode="json", exclude_defaults=True)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def expand_paths(paths: Iterable[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files named directly, and the files of named folders with a known suffix."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not p.name.startswith((".", "~$"))
            )
        elif path.exists():
            files.append(path)
        else:
            raise DataFileError(f"{path}: no such file or folder")
    return files
