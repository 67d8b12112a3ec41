"""The lowest layer of reading: bytes to text, YAML, workbook rows and validation messages.

Every reader (the loaders, the importers, the team, learners, weights and
programme files) goes through these functions, so that a file is decoded, a
workbook opened and a validation error worded the same way everywhere. This
module imports nothing else of :mod:`curriculum.io` but the workbook limits
(:mod:`curriculum.io.xlsx_limits`).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from curriculum.errors import DataFileError, Names, OsReason, Phrase
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext, context_or_new
from curriculum.io.fastyaml import YAMLLimitError, load_yaml
from curriculum.io.validation_words import field_named, plain
from curriculum.io.yaml_words import YamlProblem
from curriculum.model.codes import invisible_character

M = TypeVar("M", bound=BaseModel)


def read_bytes(path: Path, size: int = -1, context: ReadContext | None = None) -> bytes:
    """The bytes of a file (the first ``size`` when given), or a located :class:`DataFileError`.

    Only regular files are read: a FIFO, a device or a folder is refused (reading
    a FIFO would block until some other process writes to it). The file is noted
    in ``context`` as an input.
    """
    path = Path(path)
    if context is not None:
        context.note(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before open: opening a FIFO blocks
            raise DataFileError.keyed("source.not_regular", path=path)
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise DataFileError.keyed("source.cannot_read", path=path, reason=OsReason(exc)) from None


def read_text(path: Path, context: ReadContext | None = None) -> str:
    """Read a text file as UTF-8 (BOM allowed), then as ``context`` says (Big5/CP950)."""
    return context_or_new(context).decode(read_bytes(path, context=context), str(path))


def is_xlsx(path: Path, context: ReadContext | None = None) -> bool:
    """Whether a file is a workbook: an ``.xlsx`` name or zip content."""
    path = Path(path)
    return path.suffix.lower() == ".xlsx" or read_bytes(path, 2, context) == b"PK"


def parse_yaml(text: str, source: str) -> Any:
    """Parse YAML (or JSON, which YAML reads too) with the C loader when present."""
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem: Phrase = (  # our refusals, and PyYAML's problems, in any language
            exc.phrase
            if isinstance(exc, YAMLLimitError)
            else YamlProblem(getattr(exc, "problem", None) or str(exc).splitlines()[0])
        )
        raise DataFileError.keyed("source.yaml", path=f"{source}{where}", problem=problem) from None


# What openpyxl raises on a damaged workbook (zip, zlib, XML or its own model).
_DAMAGED: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    zlib.error,
    zipfile.BadZipFile,
    SyntaxError,  # xml.etree.ElementTree.ParseError
)


def open_workbook(path: Path, context: ReadContext | None = None) -> Any:
    """Open an XLSX workbook read-only (openpyxl is imported here, lazily).

    Raises
    ------
    DataFileError
        When the file is not a readable XLSX workbook.
    """
    import io

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    # read here (a regular file, remembered as an input); openpyxl then judges the
    # content, not the name (a workbook named .csv is still read as a workbook)
    from curriculum.io.xlsx_limits import check_workbook, guard_strings

    raw = read_bytes(path, context=context)
    check_workbook(raw, str(path))
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, *_DAMAGED) as exc:
        raise DataFileError.keyed("source.not_xlsx", path=path, reason=str(exc)) from None
    guard_strings(book)
    return book


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_rows(
    path: Path, sheet: str | None = None, context: ReadContext | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells as text)`` of a sheet (the first one by default).

    Raises
    ------
    DataFileError
        For a missing sheet, or a workbook damaged past its first bytes (a bad
        compressed stream, broken XML), located at the row reached.
    """
    from curriculum.io.xlsx_limits import check_row

    book = open_workbook(path, context)
    number = 0
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataFileError.keyed(
                "source.no_sheet", path=path, sheet=repr(sheet), sheets=Names(book.sheetnames)
            )
        if not book.worksheets:
            raise DataFileError.keyed("source.no_sheets", path=path)
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()  # rows as written: a false size pads nothing
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, check_row([_cell(v) for v in row], str(path), number)
    except _DAMAGED as exc:
        raise DataFileError.keyed(
            "source.damaged", path=path, row=number + 1, reason=type(exc).__name__
        ) from None
    finally:
        book.close()


def sheet_names(path: Path, context: ReadContext | None = None) -> list[str]:
    """The names of a workbook's sheets, in order."""
    book = open_workbook(path, context)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


Locator = Callable[[tuple[Any, ...]], "str | None"]
"""Where a location of the data (``("courses", 3, "hours")``) is in its file:
``file:LINE`` (YAML, CSV) or ``file: row N, column C (name)`` (XLSX), or ``None``."""


def validate(
    model: type[M],
    data: Any,
    source: str,
    locate: Locator | None = None,
    tags: Collection[str] = (),
) -> M:
    """``model.model_validate(data)``, a failure raised as a located :class:`DataFileError`
    (``tags``: as :func:`format_validation_error` takes them)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = DataFileError(
            format_validation_error(source, exc, data, locate=locate, model=model, tags=tags)
        )
        error.spoken = True  # worded in the run's language (pydantic's own phrases aside)
        raise error from None


# Parts pydantic adds to a location when it tries the members of a union
# (``level.int`` then ``level.float``): not the user's terms, so dropped.
_UNION_TAGS = re.compile(
    r"^(int|float|str|bool|none|list\[.*\]|tuple\[.*\]|dict\[.*\]|"
    r"function-\w+\[.*\]|constrained-\w+|json-or-python\[.*\]|is-instance\[.*\])$"
)


def _file_loc(loc: Sequence[Any], tags: Collection[str]) -> tuple[Any, ...]:
    """A location in the file's terms: without the parts pydantic adds for a union's
    members (``level.int``), nor a tag of ``tags`` right after a list index."""
    return tuple(
        p
        for n, p in enumerate(loc)
        if not _UNION_TAGS.match(str(p)) and not (p in tags and n and isinstance(loc[n - 1], int))
    )


def _fields_at(model: type[BaseModel] | None, loc: Sequence[Any]) -> list[str]:
    """The keys the model accepts at a location (for "did you mean" suggestions)."""
    models: list[type[BaseModel]] = [model] if model is not None else []
    for key in loc:
        if isinstance(key, int):
            continue
        found: list[type[BaseModel]] = []
        for m in models:
            info = m.model_fields.get(str(key))
            if info is not None:
                found += _models_in(info.annotation)
        models = found
    return sorted({name for m in models for name in m.model_fields})


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]


def format_validation_error(
    source: str,
    exc: ValidationError,
    data: Any,
    *,
    locate: Locator | None = None,
    model: type[BaseModel] | None = None,
    prefix: tuple[Any, ...] = (),
    tags: Collection[str] = (),
) -> str:
    """One line per problem: ``file[:LINE]: where: message``, naming courses and tasks.

    A misspelt key gives one line with a suggestion (``unknown key 'hour' (did you
    mean 'hours'?)``) rather than an unknown and a missing key; a union's members
    (``level.int``, ``level.float``) give one line. ``locate`` turns a location
    into ``file:LINE`` or ``file: row N, column C``; ``prefix`` is prepended to
    every location (``data`` is then the whole document). ``tags`` are the tags of
    the model's discriminated unions of list members (``Tag("inline")``): pydantic
    puts one after the member's index, and it is no key of the file, so dropped.
    """
    errors: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    fractional: set[tuple[Any, ...]] = set()
    for raw in exc.errors(include_url=False):
        at_loc = prefix + _file_loc(raw["loc"], tags)
        if str(raw["type"]).startswith("float"):
            fractional.add(at_loc)
        if at_loc in seen and raw["type"] not in ("extra_forbidden", "missing"):
            continue
        seen.add(at_loc)
        errors.append({**raw, "loc": at_loc})
    missing = {(e["loc"][:-1], str(e["loc"][-1])) for e in errors if e["type"] == "missing"}
    suggestions: dict[tuple[Any, ...], str] = {}
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        parent, key = error["loc"][:-1], str(error["loc"][-1])
        pool = [k for p, k in missing if p == parent]
        close = difflib.get_close_matches(key, pool, n=1)
        if not close:
            given = set(_node(data, parent)) if isinstance(_node(data, parent), Mapping) else set()
            pool = [f for f in _fields_at(model, parent[len(prefix) :]) if f not in given]
            close = difflib.get_close_matches(key, pool, n=1, cutoff=0.6)
        if close and close[0] not in {v for k, v in suggestions.items() if k[:-1] == parent}:
            suggestions[error["loc"]] = close[0]
    used = {(loc[:-1], key) for loc, key in suggestions.items()}
    t = Text(run_lang())
    lines = []
    for error in errors:
        loc = list(error["loc"])
        place = locate(tuple(loc)) if locate else None
        field = str(loc[-1]) if loc and not isinstance(loc[-1], int) else None  # an entry
        message = plain(error, field_named(loc, field, t.lang), tuple(loc) in fractional, t.lang)
        if error["type"] == "extra_forbidden":
            message = t("source.unknown_key", key=repr(loc[-1]))
            if tuple(loc) in suggestions:
                message += t("source.did_you_mean", key=repr(suggestions[tuple(loc)]))
            loc = loc[:-1]
        elif error["type"] == "missing":
            if (tuple(loc[:-1]), str(loc[-1])) in used:
                continue
            message = t("source.missing_key", key=repr(loc[-1]))
            loc = loc[:-1]
            place = locate(tuple(loc)) if locate else None
        elif field is not None:
            loc = loc[:-1] if _names_field(error, field, tuple(loc) in fractional) else loc
        where = _describe_location(loc, data, t)
        at = place or source
        lines.append(t.colon.join((at, where, message) if where else (at, message)))
    return "\n".join(dict.fromkeys(lines))


def _names_field(error: Any, field: str, fractional: bool) -> bool:
    """Whether the problem's English names its field first (``code 'X' contains``): the
    location then ends above the field, in every language."""
    return plain(error, field, fractional).startswith((f"{field} ", f"{field}: "))


def _node(data: Any, loc: Sequence[Any]) -> Any:
    for key in loc:
        if isinstance(key, int) and isinstance(data, list) and 0 <= key < len(data):
            data = data[key]
        elif isinstance(data, Mapping):
            data = data.get(key)
        else:
            return None
    return data


def yaml_locator(text: str, source: str) -> Locator:
    """A :data:`Locator` giving ``source:LINE`` of a location in a YAML text.

    The text is composed again (node tree with positions) only when a location
    is asked for, i.e. only when the file has a problem.
    """
    root: list[Any] = []

    def locate(loc: tuple[Any, ...]) -> str | None:
        if not root:
            try:
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                root.append(yaml.compose(text, Loader=loader))
            except yaml.YAMLError:
                root.append(None)
        node, line = root[0], None
        for key in loc:
            if node is None:
                break
            line = node.start_mark.line + 1
            if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if 0 <= key < len(node.value) else None
            elif isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
                if pair is None:
                    node = None
                else:
                    line = pair[0].start_mark.line + 1
                    node = pair[1] if not isinstance(pair[1], yaml.ScalarNode) else None
                    if node is None:
                        break
            else:
                node = None
        if node is not None:
            line = node.start_mark.line + 1
        return f"{source}:{line}" if line is not None else None

    return locate


_SINGULAR = {"courses": "course", "tasks": "task", "duties": "duty", "items": "item"}


def _describe_location(loc: list[Any], data: Any, t: Text | None = None) -> str:
    """``courses.3.offered.0`` becomes ``course CS-104: offered[0]`` when the code is
    known (``課程 CS-104：offered[0]`` in zh-TW): an entry named by its code, then the
    keys below it, each list index in brackets."""
    parts: list[tuple[str, bool]] = []  # (text, whether it names an entry by its code)
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            node = node[key]
            code = node.get("code") if isinstance(node, Mapping) else None
            if isinstance(code, str) and invisible_character(code) is not None:
                code = ascii(code)  # never print invisible or control characters
            container = parts.pop()[0] if parts else ""
            label = _SINGULAR.get(container)
            if label and t is not None:
                label = t(f"source.{label}")
            named = bool(label and code)
            parts.append((f"{label} {code}" if named else f"{container}[{key}]", named))
        else:
            parts.append((str(key), False))
            node = node.get(key) if isinstance(node, Mapping) else None
    colon = t.colon if t is not None else ": "
    text = ""
    for k, (part, _) in enumerate(parts):
        text += part if k == 0 else (colon if parts[k - 1][1] else ".") + part
    return text
