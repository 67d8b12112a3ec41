"""The README's review section stays true: its excerpt is what the tool prints."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from curriculum.cli import main
from curriculum.reviewing.messages import SEVERITIES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_review_excerpt_is_real(monkeypatch):
    command = re.search(r"root, `curriculum (review [^`]+)` prints\n\(excerpt\):", README)
    block = re.search(r"\(excerpt\):\n\n```text\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, command.group(1).split())
    assert result.exit_code == 3  # as the README says
    assert result.stdout.startswith(block)


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
