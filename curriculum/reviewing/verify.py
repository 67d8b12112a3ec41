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

import dataclasses
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculum.errors import DataFileError, Names, Phrase
from curriculum.io.cells import quoted
from curriculum.io.provenance import display_path, input_path, sha256_file
from curriculum.io.validation_words import PlainProblem


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

    def summary(self, lang: str = "en") -> str:
        """One line per problem, or one line saying the report matches, in ``lang``."""
        from curriculum.i18n import Text

        t = Text(lang)
        if self.matches:
            return t("verify.matches", report=self.report)
        lines = [t("verify.differs", report=self.report)]
        lines += ["  " + t("verify.changed", path=path) for path in self.changed]
        lines += ["  " + t("verify.key", key=key) for key in self.differing]
        return "\n".join(lines)


MAX_REPORT_BYTES = 512 << 20
"""The largest report read (a review of the largest standards is a few MB)."""

MAX_PATH_CHARS = 4096
ROLES = ("programme", "standard", "catalogue", "record")
_HEX64 = re.compile(r"[0-9a-f]{64}")


def _find(path: str, report: Path) -> Path:
    """The regular file a provenance path names: beside the report first, then as written."""
    named = input_path(path)
    candidates = (named,) if named.is_absolute() else (report.parent / named, named)
    for candidate in candidates:
        try:
            if stat.S_ISREG(os.stat(candidate).st_mode):
                return candidate
        except (OSError, ValueError):
            continue
    raise DataFileError.keyed("verify.missing_input", report=quoted(str(report)), path=quoted(path))


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


def _read_report(report: Path) -> dict[str, Any]:
    """The report's JSON object: a regular file (a FIFO is refused, not waited on)."""
    from curriculum.io.source import read_bytes

    shown = quoted(str(report))
    raw = read_bytes(report, MAX_REPORT_BYTES + 1)
    if len(raw) > MAX_REPORT_BYTES:
        raise DataFileError.keyed("verify.too_large", report=shown, mb=MAX_REPORT_BYTES >> 20)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError) as exc:
        key = "verify.nested" if isinstance(exc, RecursionError) else "verify.not_json"
        raise DataFileError.keyed(key, report=shown) from None
    if not isinstance(data, dict):
        raise DataFileError.keyed("verify.not_object", report=shown)
    return data


def _check_report(data: dict[str, Any], shown: str) -> list[dict[str, str]]:
    """The report's inputs, after checking every key ``verify`` uses.

    Raises
    ------
    DataFileError
        Naming the first key that is missing or of the wrong type.
    """
    provenance = data.get("provenance")
    if not isinstance(provenance, dict):
        raise DataFileError.keyed("verify.no_provenance", report=shown)
    inputs = provenance.get("inputs")
    if not isinstance(inputs, list):
        raise DataFileError.keyed("verify.inputs", report=shown)
    for n, entry in enumerate(inputs, start=1):
        valid = (
            isinstance(entry, dict)
            and entry.get("role") in ROLES
            and isinstance(entry.get("path"), str)
            and 0 < len(entry["path"]) <= MAX_PATH_CHARS
            and isinstance(entry.get("sha256"), str)
            and bool(_HEX64.fullmatch(entry["sha256"]))
        )
        if not valid:
            raise DataFileError.keyed("verify.input", report=shown, n=n, chars=MAX_PATH_CHARS)
    for key, kind in (("standard", str), ("language", str), ("options", dict)):
        if not isinstance(data.get(key), kind):
            raise DataFileError.keyed("verify.key_type", report=shown, field=key)
    if not isinstance(provenance.get("programme_standard"), str):
        raise DataFileError.keyed("verify.programme_standard", report=shown)
    if data["language"] not in ("en", "zh-TW"):
        raise DataFileError.keyed("verify.language", report=shown, lang=quoted(data["language"]))
    return inputs


def _options(data: dict[str, Any], shown: str) -> Any:
    from pydantic import ValidationError

    from curriculum.reviewing.result import ReviewOptions

    options = data["options"]
    wanted = {f.name for f in dataclasses.fields(ReviewOptions)} - {"doubtful"}
    missing = sorted(wanted - set(options))
    if missing:
        raise DataFileError.keyed("verify.options_missing", report=shown, keys=Names(missing))
    unknown = sorted(set(options) - {f.name for f in dataclasses.fields(ReviewOptions)})
    if unknown:
        problem = Phrase("source.unknown_key", key=repr(unknown[0]))
        raise DataFileError.keyed("verify.options", report=shown, problem=problem)
    try:
        return ReviewOptions(**options)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]  # worded in the report's language
        named = ".".join(str(p) for p in error["loc"]) or None
        problem = PlainProblem({**error, "input": error.get("input")}, named)
        raise DataFileError.keyed("verify.options", report=shown, problem=problem) from None


def verify_report(report: Path) -> Verification:
    """Check the inputs' SHA-256 and re-compute the review of a JSON report.

    The inputs are hashed in streams; the report and every input must be regular
    files; every key of the report used is checked first.

    Raises
    ------
    DataFileError
        When the report is not a JSON review report or an input is missing or
        unreadable.
    """
    from curriculum.io.library import load_library
    from curriculum.reviewing.programme import load_programme
    from curriculum.reviewing.programme_refs import resolve_programme
    from curriculum.reviewing.record import load_record
    from curriculum.reviewing.review import review_programme

    shown = quoted(str(report))
    data = _read_report(Path(report))
    inputs = _check_report(data, shown)
    options = _options(data, shown)
    programme_standard = data["provenance"]["programme_standard"]
    paths: dict[str, list[Path]] = {}
    names: dict[str, str] = {}  # the path a re-computed review shows -> the one recorded
    changed = []
    for entry in inputs:
        path = _find(entry["path"], Path(report))
        paths.setdefault(entry["role"], []).append(path)
        names[display_path(path)] = entry["path"]
        if sha256_file(path) != entry["sha256"]:
            changed.append(quoted(entry["path"]))
    if "programme" not in paths:
        raise DataFileError.keyed("verify.no_programme", report=shown)
    library = load_library(
        paths.get("standard", []), paths.get("catalogue", []), check_references=False
    )
    record_path = paths.get("record", [None])[0]
    review = review_programme(
        library,
        resolve_programme(load_programme(paths["programme"][0]), library, paths["programme"][0]),
        options,
        programme_path=paths["programme"][0],
        against=data["standard"] if data["standard"] != programme_standard else None,
        migrate="migration" in data,
        lang=data["language"],
        record=load_record(record_path) if record_path else None,
        record_path=record_path,
    )
    again = _without_paths(_renamed(review.to_dict(), names))
    before = _without_paths(data)
    differing = tuple(k for k in dict.fromkeys([*before, *again]) if before.get(k) != again.get(k))
    return Verification(shown, tuple(changed), differing)
