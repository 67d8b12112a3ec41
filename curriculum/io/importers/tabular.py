"""The generic tabular standard format (CSV or XLSX).

One row per task and item; an item listed under several tasks repeats with each.
The columns (header names are case-insensitive; order is free):

================ ========= ===================================================
column           required  meaning
================ ========= ===================================================
standard         yes       the standard's code (the same on every row)
standard_name    no        its name (the same on every row that gives one)
framework        no        e.g. ``nice`` (default ``table``)
language         no        e.g. ``en`` (default ``en``)
level_min/max    no        the level scale (default 1 and 6)
duty             yes*      the duty's code (* may be empty on attitude rows)
duty_name        no        the duty's name (default: its code)
task             yes*      the task's code
task_name        yes*      the task's name
task_level       no        the task's level, on the standard's scale
item             yes       the item's code (local to the standard)
kind             yes       K, S or A (or knowledge, skill, attitude)
item_name        yes       the item's name
description      no        the item's description
essential        no        yes (default) or no: a non-essential item is listed
                           in the task's ``meta.optional``, not required
weight           no        a number kept in the task's ``meta.weights``
================ ========= ===================================================

A row with an empty task defines an item only (attitudes, which iCAP attaches
to no task). Every problem is reported with its line (CSV) or row (XLSX).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.i18n import Text, run_lang
from curriculum.io.context import ReadContext
from curriculum.io.source import validate
from curriculum.io.tables import read_table
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Standard

FORMAT = "table"
COLUMNS = (
    "standard",
    "standard_name",
    "framework",
    "language",
    "level_min",
    "level_max",
    "duty",
    "duty_name",
    "task",
    "task_name",
    "task_level",
    "item",
    "kind",
    "item_name",
    "description",
    "essential",
    "weight",
)
REQUIRED = ("standard", "item", "kind", "item_name")
_KINDS = {
    "k": "K",
    "knowledge": "K",
    "s": "S",
    "skill": "S",
    "a": "A",
    "attitude": "A",
    "ability": "A",
}
_YES = {"yes", "y", "true", "1", "是", "essential"}
_NO = {"no", "n", "false", "0", "否", "optional"}


def import_table(path: Path, context: ReadContext | None = None) -> Standard:
    """Import a standard written in the tabular format (CSV or XLSX).

    Raises
    ------
    DataFileError
        With one line per problem (unknown column, missing cell, a code named
        two ways, a bad level), each naming the file and its line or row.
    """
    path = Path(path)
    table = read_table(path, context=context)
    if not table.header and not table.rows:
        raise DataFileError.keyed("tabular.empty_file", path=path)
    table.check_columns(COLUMNS, REQUIRED)
    constants: dict[str, tuple[str, int]] = {}
    duties: dict[str, dict[str, Any]] = {}
    tasks: dict[str, dict[str, Any]] = {}
    items: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for row in table.records(problems):
        problems += _row(row.cells, row.at, constants, duties, tasks, items)
    if problems:
        error = DataFileError("\n".join(problems))
        error.spoken = True  # worded in the run's language
        raise error
    if not tasks:
        raise DataFileError.keyed("tabular.no_tasks", path=path)
    document = _document(constants, duties, items)
    document["source"] = {"format": FORMAT, "file": path.name}
    return validate(Standard, document, str(path))


def _say(key: str, /, **values: Any) -> str:
    """The catalogue's ``key`` in the run's language: a problem line."""
    return Text(run_lang())(key, **values)


def _number(value: str, what: str, at: str, problems: list[str]) -> float | int | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        problems.append(_say("tabular.number", at=at, field=what, value=repr(value)))
        return None
    if not math.isfinite(number):
        problems.append(_say("tabular.number", at=at, field=what, value=repr(value)))
        return None
    return int(number) if number.is_integer() else number


def _row(
    row: dict[str, str],
    at: str,
    constants: dict[str, tuple[str, int]],
    duties: dict[str, dict[str, Any]],
    tasks: dict[str, dict[str, Any]],
    items: dict[str, dict[str, Any]],
) -> list[str]:
    problems = _row_problems(row, at, constants)
    if problems:
        return problems
    code = normalize_code(row["item"])
    kind = _KINDS.get(row["kind"].strip().lower())
    if kind is None:
        return [_say("tabular.kind", at=at, code=code, kind=repr(row["kind"]))]
    item = {"code": code, "kind": kind, "name": row["item_name"]}
    if row.get("description"):
        item["description"] = row["description"]
    known = items.setdefault(code, item)
    if known != item:
        problems.append(_say("tabular.item_differs", at=at, code=code))
    task_code = normalize_code(row.get("task", ""))
    if not task_code:
        if row.get("duty"):
            problems.append(_say("tabular.duty_no_task", at=at, code=code))
        return problems
    duty_code = normalize_code(row.get("duty", ""))
    if not duty_code:
        return [*problems, _say("tabular.no_duty", at=at, code=task_code)]
    if not row.get("task_name"):
        return [*problems, _say("tabular.no_task_name", at=at, code=task_code)]
    if kind == "A":
        return [*problems, _say("tabular.attitude_task", at=at, code=code)]
    duty = _duty(duties, duty_code, row, at, problems)
    level = _number(row.get("task_level", ""), "task_level", at, problems)
    task = tasks.get(task_code)
    if task is None:
        task = {
            "code": task_code,
            "name": row["task_name"],
            "level": level,
            "knowledge": [],
            "skills": [],
            "meta": {},
        }
        tasks[task_code] = task
        duty["tasks"].append(task)
    elif task not in duty["tasks"]:
        return [*problems, _say("tabular.two_duties", at=at, code=task_code)]
    elif task["name"] != row["task_name"] or task["level"] != level:
        problems.append(_say("tabular.task_differs", at=at, code=task_code))
    return _add_item(task, task_code, code, kind, row, at, problems)


def _row_problems(row: dict[str, str], at: str, constants: dict[str, tuple[str, int]]) -> list[str]:
    """A row's standard-wide values that differ from the rows above, and its empty
    required cells."""
    problems: list[str] = []
    for key in ("standard", "standard_name", "framework", "language", "level_min", "level_max"):
        value = row.get(key, "")
        if not value:
            continue
        constant = constants.setdefault(key, (value, 0))
        if constant[0] != value:
            problems.append(
                _say(
                    "tabular.constant", at=at, field=key, value=repr(value), above=repr(constant[0])
                )
            )
    for key in REQUIRED:
        if not row.get(key):
            problems.append(_say("tabular.empty", at=at, field=key))
    return problems


def _duty(
    duties: dict[str, dict[str, Any]],
    duty_code: str,
    row: dict[str, str],
    at: str,
    problems: list[str],
) -> dict[str, Any]:
    """The row's duty, added on its first row and named by the row's duty_name."""
    duty = duties.setdefault(duty_code, {"code": duty_code, "name": "", "tasks": []})
    if row.get("duty_name"):
        if duty["name"] and duty["name"] != row["duty_name"]:
            problems.append(_say("tabular.duty_names", at=at, code=duty_code))
        duty["name"] = row["duty_name"]
    return duty


def _add_item(
    task: dict[str, Any],
    task_code: str,
    code: str,
    kind: str,
    row: dict[str, str],
    at: str,
    problems: list[str],
) -> list[str]:
    """Add the row's item to its task (essential or optional, with its weight); the
    row's problems."""
    essential = row.get("essential", "").strip().lower() or "yes"
    if essential not in _YES | _NO:
        return [*problems, _say("tabular.essential", at=at, value=repr(row["essential"]))]
    target = task["knowledge"] if kind == "K" else task["skills"]
    optional = task["meta"].setdefault("optional", [])
    if code in target or code in optional:
        return [*problems, _say("tabular.item_twice", at=at, code=task_code, item=code)]
    if essential in _YES:
        target.append(code)
    else:
        optional.append(code)
    weight = _number(row.get("weight", ""), "weight", at, problems)
    if weight is not None:
        task["meta"].setdefault("weights", {})[code] = weight
    return problems


def _document(
    constants: dict[str, tuple[str, int]],
    duties: dict[str, dict[str, Any]],
    items: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    def const(key: str, default: Any = None) -> Any:
        return constants[key][0] if key in constants else default

    code = const("standard")
    for duty in duties.values():
        duty["name"] = duty["name"] or duty["code"]
        for task in duty["tasks"]:
            if not task["meta"].get("optional"):
                task["meta"].pop("optional", None)
            if not task["meta"]:
                del task["meta"]
    document: dict[str, Any] = {
        "code": code,
        "name": const("standard_name", code),
        "framework": const("framework", FORMAT),
        "language": const("language", "en"),
        "duties": list(duties.values()),
        "items": list(items.values()),
    }
    low, high = const("level_min"), const("level_max")
    if low is not None or high is not None:
        document["level_scale"] = (float(low or 1), float(high or 6))
        document["level_scale"] = tuple(
            int(v) if v.is_integer() else v for v in document["level_scale"]
        )
    return document
