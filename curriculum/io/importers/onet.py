"""Import O*NET occupations from ``Skills.xlsx`` (importance and level of 35 skills).

Each O*NET-SOC occupation becomes one standard, ``ONET-`` + its code
(``ONET-15-1252.00``), on O*NET's own level scale 0-7 (``level_scale: [0, 7]``):

- a skill is kept when its importance (scale IM, 1-5) is at least
  ``min_importance`` (default 3.0);
- each kept skill is one task and one item, both coded by the O*NET element ID
  (``2.A.1.a``); the task's level is the skill's level (scale LV, 0-7) as O*NET
  gives it, so that a course's level is compared with it on the same scale;
- the tasks are grouped in duties by the element's group (``2.A`` basic
  skills, ``2.B.1`` social skills, ...);
- a level row flagged *Not Relevant* drops the skill (O*NET says the skill is
  not relevant to the occupation); a level row flagged *Recommend Suppress*
  keeps the skill without a level (the estimate is unreliable). Either way the
  row is skipped with one warning per occupation naming the elements.

The importance, N, standard error and confidence bounds are kept in each task's
``meta``. O*NET® database content is licensed under CC BY 4.0.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError, Names, Phrase, SkippedRowWarning, UnknownReferenceError
from curriculum.io.source import validate
from curriculum.model.standard import Standard

FORMAT = "onet"
ATTRIBUTION = (
    "This standard includes information from the O*NET 29.2 Database by the U.S. "
    "Department of Labor, Employment and Training Administration (USDOL/ETA), used "
    "under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA."
)
LEVEL_SCALE = (0, 7)
COLUMNS = (
    "O*NET-SOC Code",
    "Title",
    "Element ID",
    "Element Name",
    "Scale ID",
    "Scale Name",
    "Data Value",
    "N",
    "Standard Error",
    "Lower CI Bound",
    "Upper CI Bound",
    "Recommend Suppress",
    "Not Relevant",
    "Date",
    "Domain Source",
)
GROUPS = {
    "2.A.1": "Content skills",
    "2.A.2": "Process skills",
    "2.B.1": "Social skills",
    "2.B.2": "Complex problem solving skills",
    "2.B.3": "Technical skills",
    "2.B.4": "Systems skills",
    "2.B.5": "Resource management skills",
}


def _float(value: str, at: Phrase) -> float | None:
    if value == "":
        return None
    try:
        return float(value)
    except ValueError:
        raise DataFileError.keyed("onet.number", at=at, value=repr(value)) from None


def _num(value: float | None) -> float | int | None:
    return int(value) if value is not None and value.is_integer() else value


def read_skills(path: Path) -> dict[str, dict[str, Any]]:
    """The rows of ``Skills.xlsx`` grouped by occupation, then element.

    Raises
    ------
    DataFileError
        When a column is missing, a scale is unknown or a value is not a number.
    """
    from curriculum.io.source import xlsx_rows

    rows = xlsx_rows(path)
    _, header = next(rows, (1, []))
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataFileError.keyed("onet.missing", path=path, columns=Names(map(repr, missing)))
    col = {name: header.index(name) for name in COLUMNS}
    occupations: dict[str, dict[str, Any]] = {}
    for number, cells in rows:
        if not any(cells):
            continue
        at = Phrase("onet.row", path=path, row=number)
        cell = {name: cells[i] if i < len(cells) else "" for name, i in col.items()}
        code = cell["O*NET-SOC Code"]
        scale = cell["Scale ID"]
        if scale not in ("IM", "LV"):
            raise DataFileError.keyed("onet.scale", at=at, scale=repr(scale))
        occupation = occupations.setdefault(code, {"title": cell["Title"], "elements": {}})
        element = occupation["elements"].setdefault(
            cell["Element ID"], {"name": cell["Element Name"]}
        )
        if scale in element:
            raise DataFileError.keyed(
                "onet.twice", at=at, code=code, element=cell["Element ID"], scale=scale
            )
        element[scale] = {
            "value": _float(cell["Data Value"], at),
            "n": _float(cell["N"], at),
            "standard_error": _float(cell["Standard Error"], at),
            "ci": [_float(cell["Lower CI Bound"], at), _float(cell["Upper CI Bound"], at)],
            "suppress": cell["Recommend Suppress"] == "Y",
            "not_relevant": cell["Not Relevant"] == "Y",
            "date": cell["Date"],
            "source": cell["Domain Source"],
        }
    return occupations


def import_onet(
    path: Path, occupations: Sequence[str] = (), *, min_importance: float = 3.0
) -> list[Standard]:
    """Import O*NET occupations (all when none is named) as standards on the 0-7 scale.

    Raises
    ------
    DataFileError
        When the workbook is not O*NET Skills or a value is invalid.
    UnknownReferenceError
        When a named O*NET-SOC code is not in the file.
    """
    path = Path(path)
    data = read_skills(path)
    wanted = [w.strip().removeprefix("ONET-") for w in occupations] or sorted(data)
    standards = []
    for code in wanted:
        if code not in data:
            raise UnknownReferenceError.keyed(
                "onet.no_occupation", sorted(data), path=path, code=code
            )
        document = _document(code, data[code], min_importance, path.name)
        standards.append(validate(Standard, document, str(path)))
    return standards


def _task_meta(
    importance: dict[str, Any], level_row: dict[str, Any] | None, level: float | None
) -> dict[str, Any]:
    """A task's ``meta``: its importance, the details of both scales' rows, and the
    suppressed level when the level row is flagged."""
    meta: dict[str, Any] = {"importance": _num(importance["value"])}
    for scale, row in (("importance", importance), ("level", level_row)):
        if row is not None:
            meta[f"{scale}_detail"] = {
                "n": _num(row["n"]),
                "standard_error": row["standard_error"],
                "ci": row["ci"],
                "date": row["date"],
                "source": row["source"],
            }
    if level_row is not None and level is None:
        meta["level_suppressed"] = _num(level_row["value"])
    return meta


def _document(
    code: str, occupation: dict[str, Any], min_importance: float, file: str
) -> dict[str, Any]:
    duties: dict[str, dict[str, Any]] = {}
    items = []
    skipped: dict[str, list[str]] = {"Not Relevant": [], "Recommend Suppress": []}
    for element_id, element in occupation["elements"].items():
        importance = element.get("IM")
        level_row = element.get("LV")
        level = level_row["value"] if level_row else None
        if level_row and level_row["not_relevant"]:
            skipped["Not Relevant"].append(element_id)
            continue
        if level_row and level_row["suppress"]:
            skipped["Recommend Suppress"].append(element_id)
            level = None
        if importance is None or importance["value"] is None:
            continue
        if importance["value"] < min_importance:
            continue
        group = element_id.rsplit(".", 1)[0]
        duty = duties.setdefault(
            group, {"code": group, "name": GROUPS.get(group, group), "tasks": []}
        )
        meta = _task_meta(importance, level_row, level)
        duty["tasks"].append(
            {
                "code": element_id,
                "name": element["name"],
                "level": _num(level),
                "skills": [element_id],
                "meta": meta,
            }
        )
        items.append({"code": element_id, "kind": "S", "name": element["name"]})
    for flag, elements in skipped.items():
        if elements:
            warnings.warn(
                SkippedRowWarning.keyed(
                    "onet.skipped",
                    file=file,
                    code=code,
                    n=len(elements),
                    flag=flag,
                    elements=Names(elements),
                ),
                stacklevel=3,
            )
    return {
        "code": f"ONET-{code}",
        "name": occupation["title"],
        "framework": FORMAT,
        "language": "en",
        "level_scale": LEVEL_SCALE,
        "duties": list(duties.values()),
        "items": items,
        "source": {"format": FORMAT, "file": file, "attribution": ATTRIBUTION},
        "meta": {"onet_soc_code": code, "min_importance": _num(float(min_importance))},
    }
