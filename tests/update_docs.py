"""Rewrite the output shown under each ``$ curriculum`` command of the documents.

Run ``PYTHONPATH=$PWD python tests/update_docs.py [DOCUMENT ...]`` after a change of
wording; ``tests/test_docs_commands.py`` then checks the documents as usual.
Excerpts (a last shown line ``...``) keep their length; commands that show no
output stay so; slow commands are skipped unless ``--slow`` is given.

``--charts`` also redraws the charts the documents show (:data:`CHARTS`, tracked
files under ``docs/``); the documents' own commands write to untracked names, so
that a user running them never overwrites these.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from test_docs_commands import COPY_IGNORE, DOCUMENTS, ROOT, blocks

from curriculum.cli import main

CHARTS = {
    "docs/frontier-BAS1499-001v4.png": ["frontier", "BAS1499-001v4", "--plot"],
}
"""Each tracked chart and the command (without its file) that draws it."""


def draw_charts() -> None:
    """Redraw every chart of :data:`CHARTS` from the repository root."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for path, args in CHARTS.items():
            result = CliRunner().invoke(main, [*args, path], prog_name="curriculum")
            if result.exit_code != 0:
                raise SystemExit(f"{path}: {result.output}")
            print(f"drew {path}")
    finally:
        os.chdir(cwd)


def update(document: Path, slow: bool) -> bool:
    """Rewrite ``document``'s shown outputs; whether anything changed."""
    lines = document.read_text(encoding="utf-8").split("\n")
    changed = False
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT, repo, ignore=COPY_IGNORE)
        cwd = Path.cwd()
        os.chdir(repo)
        try:
            replacements = []
            for block in blocks(document):
                for step in block.steps:
                    if step.slow and not slow:
                        continue
                    result = CliRunner().invoke(
                        main, step.args(), prog_name="curriculum", terminal_width=80
                    )
                    if not step.output:
                        continue
                    start = step.line  # 0-based index of the line after the command
                    while lines[start - 1].rstrip().endswith("\\"):
                        start += 1
                    indent = lines[step.line - 1][
                        : len(lines[step.line - 1]) - len(lines[step.line - 1].lstrip())
                    ]
                    new = result.output.rstrip("\n").split("\n")
                    if step.output[-1] == "...":
                        new = [*new[: len(step.output) - 1], "..."]
                    new = [(indent + line) if line else line for line in new]
                    replacements.append((start, start + len(step.output), new))
            for begin, end, new in sorted(replacements, reverse=True):
                if lines[begin:end] != new:
                    lines[begin:end] = new
                    changed = True
        finally:
            os.chdir(cwd)
    if changed:
        document.write_text("\n".join(lines), encoding="utf-8")
    return changed


if __name__ == "__main__":
    os.environ.pop("COLUMNS", None)  # the documents show 100-column reports
    if "--charts" in sys.argv:
        draw_charts()
    args = [a for a in sys.argv[1:] if a not in ("--slow", "--charts")]
    for doc in [Path(a).resolve() for a in args] or DOCUMENTS:
        if update(doc, "--slow" in sys.argv):
            print(f"updated {doc.relative_to(ROOT)}")
