"""``review verify``: re-compute a JSON review report from the inputs it names.

A review's provenance lists every input (programme, standards, catalogues, the
review record) with its SHA-256, and the report keeps its options, language and
the version it was checked against, so the review can be re-computed. Paths are
tried relative to the report's folder first (a review folder copied or moved
whole still verifies), then as written (relative to the current folder). The
re-computed review names its inputs as the report recorded them, so the folder
``verify`` runs from never makes a difference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError
from curriculum.io.provenance import display_path, input_path, sha256_file


@dataclass(frozen=True)
class Verification:
    """Whether a report matches its inputs: changed inputs and differing keys."""

    report: str
    changed: tuple[str, ...] = ()
    differing: tuple[str, ...] = field(default=())

    @property
    def matches(self) -> bool:
        """No input changed and the re-computed review equals the report."""
        return not self.changed and not self.differing

    def summary(self) -> str:
        """One line per problem, or one line saying the report matches."""
        if self.matches:
            return f"{self.report}: matches its inputs (the review re-computed is identical)."
        lines = [f"{self.report}: does NOT match its inputs."]
        lines += [f"  input changed: {path}" for path in self.changed]
        lines += [f"  differs: {key}" for key in self.differing]
        return "\n".join(lines)


def _find(path: str, report: Path) -> Path:
    named = input_path(path)
    candidates = (named,) if named.is_absolute() else (report.parent / named, named)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise DataFileError(f"{report}: input {path} named in the provenance is missing")


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """``value`` with every string that is a key of ``names`` replaced by its value."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, dict):
        return {k: _renamed(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_renamed(v, names) for v in value]
    return value


def _without_paths(data: dict[str, Any]) -> dict[str, Any]:
    """The report with its input paths left out (they depend on the current folder)."""
    provenance = dict(data.get("provenance") or {})
    provenance["inputs"] = [
        {k: v for k, v in i.items() if k != "path"} for i in provenance.get("inputs", [])
    ]
    return {**data, "provenance": provenance}


def verify_report(report: Path) -> Verification:
    """Check the inputs' SHA-256 and re-compute the review of a JSON report.

    Raises
    ------
    DataFileError
        When the report is not a JSON review report or an input is missing.
    """
    from curriculum.io.library import load_library
    from curriculum.reviewing.programme import load_programme, resolve_programme
    from curriculum.reviewing.record import load_record
    from curriculum.reviewing.result import ReviewOptions
    from curriculum.reviewing.review import review_programme

    try:
        data = json.loads(Path(report).read_text(encoding="utf-8-sig"))
        inputs = data["provenance"]["inputs"]
        programme_standard = data["provenance"]["programme_standard"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"{report}: not a JSON review report ({exc})") from None
    paths: dict[str, list[Path]] = {}
    names: dict[str, str] = {}  # the path a re-computed review shows -> the one recorded
    changed = []
    for entry in inputs:
        path = _find(entry["path"], Path(report))
        paths.setdefault(entry["role"], []).append(path)
        names[display_path(path)] = entry["path"]
        if sha256_file(path) != entry["sha256"]:
            changed.append(entry["path"])
    if "programme" not in paths:
        raise DataFileError(f"{report}: the provenance names no programme file")
    library = load_library(
        paths.get("standard", []), paths.get("catalogue", []), check_references=False
    )
    record_path = paths.get("record", [None])[0]
    review = review_programme(
        library,
        resolve_programme(load_programme(paths["programme"][0]), library, paths["programme"][0]),
        programme_path=paths["programme"][0],
        options=ReviewOptions(**data["options"]),
        against=data["standard"] if data["standard"] != programme_standard else None,
        migrate="migration" in data,
        lang=data["language"],
        record=load_record(record_path) if record_path else None,
        record_path=record_path,
    )
    again = _without_paths(_renamed(review.to_dict(), names))
    before = _without_paths(data)
    differing = tuple(k for k in dict.fromkeys([*before, *again]) if before.get(k) != again.get(k))
    return Verification(str(report), tuple(changed), differing)
