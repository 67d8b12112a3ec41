"""The JSON Schemas of every ``--format json`` output, generated from the result models.

``python -m curriculum.report.schema docs/schema`` writes one file per result
(``plan.schema.json``, ``frontier.schema.json``, ...); ``--check`` compares the
files with the models instead and exits 1 when one is missing or differs. The
tests make the same comparison, so the published schemas cannot drift from the
models.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from curriculum.output import json_schema
from curriculum.planning.frontier_result import Frontier
from curriculum.planning.result import BatchLine, Plan
from curriculum.planning.schedule_result import Schedule
from curriculum.planning.team.frontier_result import TeamFrontier
from curriculum.planning.team.result import TeamPlan
from curriculum.report.text import dumps_json
from curriculum.reviewing.compare import Comparison
from curriculum.reviewing.diff import StandardDiff
from curriculum.reviewing.migrate import Migration
from curriculum.reviewing.result import Review

RESULTS: dict[str, tuple[type, str]] = {
    "plan": (Plan, "curriculum plan --format json (budget keys only with a budget)"),
    "batch-line": (BatchLine, "one line of curriculum plan --batch --format json"),
    "schedule": (Schedule, "curriculum schedule --format json"),
    "frontier": (Frontier, "curriculum frontier --format json"),
    "team": (TeamPlan, "curriculum team --format json"),
    "team-frontier": (TeamFrontier, "curriculum team --frontier --format json"),
    "review": (Review, "curriculum review --format json"),
    "standard-diff": (StandardDiff, "curriculum standards diff --format json"),
    "review-compare": (Comparison, "curriculum review --compare --format json"),
    "migration": (Migration, "curriculum courses migrate --format json"),
}
"""Schema name -> (result model, the output it describes)."""


def schemas() -> dict[str, dict[str, Any]]:
    """Every result's JSON Schema, by name."""
    return {name: json_schema(cls, title) for name, (cls, title) in RESULTS.items()}


def schema_texts() -> dict[str, str]:
    """File name -> file text of every schema, as written under ``docs/schema/``."""
    return {f"{name}.schema.json": dumps_json(schema) for name, schema in schemas().items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """The schema files of ``folder`` that are missing or differ from the models."""
    return [
        name
        for name, text in schema_texts().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m curriculum.report.schema [--check] FOLDER``."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    if len(args) != 1:
        print("usage: python -m curriculum.report.schema [--check] FOLDER", file=sys.stderr)
        return 2
    folder = Path(args[0])
    if check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"{folder / name}: out of date (regenerate without --check)", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
