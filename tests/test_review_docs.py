"""The review guide stays true: its excerpt is what the tool prints, every finding is listed."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from curriculum.cli import main
from curriculum.reviewing.messages import SEVERITIES

README = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")


def test_readme_review_excerpt_is_real(monkeypatch):
    found = re.search(
        r"\$ curriculum (review [^\n]+)\n(.*?)\.\.\.\n\$ echo \$\?\n(\d)", README, re.S
    )
    command, block, code = found.groups()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, command.split())
    assert result.exit_code == int(code) == 3
    assert result.stdout.startswith(block)
    assert "UNUSED" in block and "OUTSIDE" in block  # the excerpt reaches the findings


def test_readme_documents_every_finding_code_and_command():
    for code in SEVERITIES:
        assert f"| `{code}` | {SEVERITIES[code]} |" in README
    for command in (
        "curriculum review PROGRAMME",
        "curriculum standards diff OLD NEW",
        "--against",
    ):
        assert command in README
    for args in (["review", "--help"], ["standards", "diff", "--help"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0 and result.stdout.strip()
