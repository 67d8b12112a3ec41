"""The CLI's format names (curriculum.formats) match what the renderers offer."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from curriculum import formats
from curriculum.io import importers
from curriculum.report.plan import frontier
from curriculum.report.plan import render as plan
from curriculum.report.review import formats as review_formats
from curriculum.report.review import text as review_text
from curriculum.report.standard import show as standard
from curriculum.report.team import render as team


def test_every_format_name_has_its_renderer():
    assert set(formats.PLAN_FORMATS) == set(plan.RENDERERS)
    assert set(formats.FRONTIER_FORMATS) == set(frontier.RENDERERS)
    assert set(formats.TEAM_FORMATS) == set(team.RENDERERS)
    assert set(formats.SHOW_FORMATS) == set(standard.SHOW_FORMATS)
    assert set(formats.REVIEW_FORMATS) == set(review_text.TEXT_RENDERERS) | set(
        review_formats.BINARY_FORMATS
    ) | {"html"}
    assert set(formats.IMPORT_FORMATS) == set(importers.FORMATS)


def test_help_imports_no_pydantic_or_renderer():
    """``curriculum --help`` wires the commands without importing what they run."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from curriculum.cli import main\n"
        "for args in (['--help'], ['plan', '--help'], ['team', '--help'], ['review', '--help']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0\n"
        "heavy = ('pydantic', 'ortools', 'openpyxl', 'curriculum.report.', 'curriculum.planning')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
