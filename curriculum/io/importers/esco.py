"""Import ESCO occupations (occupation profiles in parquet) as standards.

Each occupation becomes one standard whose items are its skills:

- standard code ``ESCO-`` + the first 8 hex digits of the occupation's URI UUID
  (``.../occupation/35553663-deab-...`` gives ``ESCO-35553663``);
- one duty ``D1`` named after the occupation, with task ``T1`` (essential
  skills and knowledge, always) and task ``T2`` (optional skills and knowledge,
  only with ``include_optional``), so that ``plan ESCO-... T1`` plans the
  essentials only;
- the file names skills by label only, so each item's code is derived from its
  label: ``E`` + the first 10 hex digits of the SHA-256 of the label (UTF-8,
  NFKC, surrounding white space removed, inner white space collapsed). The same
  label gets the same code in every occupation and every import, so a
  catalogue's claims survive re-imports. The label is the item's name;
- an item is knowledge (K) when ESCO lists it as essential knowledge of some
  occupation, else a skill (S); ``meta.relation`` says essential or optional,
  and ``meta.collections`` the digital, green, transversal or language
  collections the skill belongs to for this occupation.

Every other column of the profile is kept in the standard's ``meta``. Reading
parquet needs pyarrow (``pip install 'curriculum[esco]'``).

This service uses the ESCO classification of the European Commission.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError, Names, Phrase, UnknownReferenceError
from curriculum.io.source import validate
from curriculum.model.standard import Standard

FORMAT = "esco"
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
_COLLECTIONS = ("digital_skills", "green_skills", "transversal_skills", "language_skills")
_HANDLED = {
    "occupation_uri",
    "occupation_name",
    "occupation_description",
    "essential_skills",
    "optional_skills",
    "essential_knowledge",
    *(f"isco_level_{n}_{part}" for n in range(1, 5) for part in ("code", "label")),
    *_COLLECTIONS,
}
_UUID = re.compile(r"([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def label_key(label: str) -> str:
    """A label as it is hashed: NFKC, stripped, inner white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", label).split())


def skill_code(label: str) -> str:
    """The stable item code of an ESCO skill label (``E`` + 10 hex digits)."""
    return "E" + hashlib.sha256(label_key(label).encode("utf-8")).hexdigest()[:10]


def occupation_code(uri: str) -> str:
    """The standard code of an ESCO occupation: ``ESCO-`` + its UUID's first group."""
    match = _UUID.search(uri.strip())
    if not match:
        raise ValueError(f"not an ESCO occupation URI: {uri!r}")
    return f"ESCO-{match.group(1).lower()}"


def read_profiles(path: Path) -> list[dict[str, Any]]:
    """The rows of the occupation-profiles parquet as dictionaries.

    Raises
    ------
    DataFileError
        When pyarrow is missing (with the command that installs it) or the file
        is not a readable parquet with the occupation columns.
    """
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DataFileError.keyed("esco.pyarrow", path=path) from None
    try:
        table = pq.read_table(path)
        names = set(table.schema.names)  # decoding the names can fail on a damaged file
    except (OSError, ValueError, RuntimeError) as exc:  # ArrowException subclasses
        raise DataFileError.keyed("esco.parquet", path=path, reason=str(exc)) from None
    missing = sorted({"occupation_uri", "occupation_name", "essential_skills"} - names)
    if missing:
        raise DataFileError.keyed("esco.columns", path=path, columns=Names(missing))
    try:
        rows: list[dict[str, Any]] = table.to_pylist()
    except (OSError, ValueError, RuntimeError) as exc:  # damaged pages, not UTF-8
        raise DataFileError.keyed("esco.parquet", path=path, reason=str(exc)) from None
    for number, row in enumerate(rows, start=1):
        _check_row(row, Phrase("table.row", path=path, row=number))
    return rows


def _check_row(row: dict[str, Any], where: Phrase) -> None:
    """Refuse a profile row whose values are not what ESCO writes (a damaged file)."""
    uri, name = row.get("occupation_uri"), row.get("occupation_name")
    if not isinstance(uri, str) or not _UUID.search(uri.strip()):
        raise DataFileError.keyed("esco.uri", at=where)
    if not isinstance(name, str):
        raise DataFileError.keyed("esco.name", at=where)
    for column in ("essential_skills", "optional_skills"):
        value = row.get(column)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            raise DataFileError.keyed("esco.skills", at=where, column=column)


def _select(
    rows: Sequence[dict[str, Any]], wanted: Sequence[str], path: Path
) -> list[dict[str, Any]]:
    if not wanted:
        return list(rows)
    index: dict[str, dict[str, Any]] = {}
    for row in rows:
        for key in (
            occupation_code(row["occupation_uri"]),
            row["occupation_uri"],
            row["occupation_name"],
        ):
            index.setdefault(label_key(key).casefold(), row)
    chosen: list[dict[str, Any]] = []
    for name in wanted:
        found = index.get(label_key(name).casefold())
        if found is None:
            names = sorted({label_key(r["occupation_name"]) for r in rows})
            close = difflib.get_close_matches(label_key(name), names, n=5, cutoff=0.5)
            raise UnknownReferenceError.keyed(
                "esco.no_occupation", close, path=path, name=repr(name)
            )
        if found not in chosen:
            chosen.append(found)
    return chosen


def _codes(labels: Iterable[str], path: Path) -> dict[str, str]:
    codes: dict[str, str] = {}
    owners: dict[str, str] = {}
    for label in labels:
        key = label_key(label)
        code = skill_code(key)
        other = owners.setdefault(code, key)
        if other != key:
            raise DataFileError.keyed(
                "esco.hash", path=path, one=repr(other), other=repr(key), code=code
            )
        codes[key] = code
    return codes


def import_esco(
    path: Path, occupations: Sequence[str] = (), *, include_optional: bool = False
) -> list[Standard]:
    """Import ESCO occupations as standards (all of them when none is named).

    Parameters
    ----------
    path
        The ESCO occupation-profiles parquet.
    occupations
        Occupation codes (``ESCO-35553663``), URIs or names (case-insensitive).
    include_optional
        Add the optional skills as task ``T2``.

    Raises
    ------
    DataFileError
        When the file cannot be read or two labels share a code.
    UnknownReferenceError
        When a named occupation is not in the file (close names are suggested).
    """
    path = Path(path)
    rows = read_profiles(path)
    knowledge = {label_key(x) for row in rows for x in row.get("essential_knowledge") or ()}
    chosen = _select(rows, occupations, path)
    labels = {
        label_key(x)
        for row in chosen
        for x in (row.get("essential_skills") or [])
        + ((row.get("optional_skills") or []) if include_optional else [])
    }
    codes = _codes(sorted(labels), path)
    standards: list[Standard] = []
    seen: dict[str, str] = {}
    for row in chosen:
        document = _document(row, codes, knowledge, include_optional, path.name)
        other = seen.setdefault(document["code"], row["occupation_uri"])
        if other != row["occupation_uri"]:
            raise DataFileError.keyed(
                "esco.shared_code",
                path=path,
                one=other,
                other=row["occupation_uri"],
                code=document["code"],
            )
        standards.append(validate(Standard, document, str(path)))
    return standards


def _document(
    row: dict[str, Any],
    codes: dict[str, str],
    knowledge: set[str],
    include_optional: bool,
    file: str,
) -> dict[str, Any]:
    name = label_key(row["occupation_name"])
    collections: dict[str, list[str]] = {}
    for column in _COLLECTIONS:
        for label in row.get(column) or ():
            collections.setdefault(label_key(label), []).append(column.removesuffix("_skills"))
    items: dict[str, dict[str, Any]] = {}
    tasks: list[dict[str, Any]] = []
    parts = [("T1", "Essential skills and knowledge", "essential", row.get("essential_skills"))]
    if include_optional:
        parts.append(
            ("T2", "Optional skills and knowledge", "optional", row.get("optional_skills"))
        )
    for task_code, task_name, relation, labels in parts:
        task: dict[str, Any] = {"code": task_code, "name": task_name, "knowledge": [], "skills": []}
        for label in dict.fromkeys(label_key(x) for x in labels or ()):
            if label in items:  # listed as essential and optional: essential wins
                continue
            code = codes[label]
            kind = "K" if label in knowledge else "S"
            meta: dict[str, Any] = {"relation": relation}
            if label in collections:
                meta["collections"] = collections[label]
            items[label] = {"code": code, "kind": kind, "name": label, "meta": meta}
            task["knowledge" if kind == "K" else "skills"].append(code)
        tasks.append(task)
    classifications = [
        {
            "kind": f"ISCO-08 level {n}",
            "name": row.get(f"isco_level_{n}_label"),
            "code": row.get(f"isco_level_{n}_code"),
        }
        for n in range(1, 5)
        if row.get(f"isco_level_{n}_code")
    ]
    meta = {
        key: value
        for key, value in row.items()
        if key not in _HANDLED and value is not None and value != []
    }
    meta["uri"] = row["occupation_uri"]
    order = {"K": 0, "S": 1}
    return {
        "code": occupation_code(row["occupation_uri"]),
        "name": name,
        "framework": FORMAT,
        "language": "en",
        "classifications": classifications,
        "description": (row.get("occupation_description") or "").strip() or None,
        "duties": [{"code": "D1", "name": name, "tasks": tasks}],
        "items": sorted(items.values(), key=lambda i: (order[i["kind"]], i["name"].casefold())),
        "source": {"format": FORMAT, "file": file, "attribution": ATTRIBUTION},
        "meta": meta,
    }
