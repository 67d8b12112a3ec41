"""What the documents say about outputs holds (issue 22): the plan CSV's headers
as planning.md lists them, and no documented command overwrites a shipped file."""

from __future__ import annotations

import re
from itertools import pairwise

from click.testing import CliRunner
from conftest import ROOT
from test_docs_commands import DOCUMENTS, blocks

from curriculum.cli import main

WRITING = ("-o", "--output", "--plot", "-d", "--output-dir")
REGENERATED = {"standards/AVA2173-001v4.yaml"}
"""Shipped files a documented command writes byte for byte as shipped (an import)."""


def test_planning_guide_lists_the_plan_csv_headers(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["plan", "BAS1499-001v4", "T1.2", "--format", "csv", "--no-bom", "--lang", "en"]
    )
    headers = [section.splitlines()[0] for section in result.stdout.split("\n\n") if section]
    prose = " ".join((ROOT / "docs" / "planning.md").read_text(encoding="utf-8").split())
    listed = prose[prose.index("The plan CSV has three sections") :]
    for header in headers:
        assert f"`{header}`" in listed, header
    assert len(re.findall(r"`[a-z_]+(?:,[a-z_]+)+`", listed[:600])) == len(headers) == 3


def test_no_documented_command_writes_over_a_shipped_file():
    for document in DOCUMENTS:
        for block in blocks(document):
            for step in block.steps:
                args = step.args()
                for option, value in pairwise(args):
                    if option in WRITING and value not in REGENERATED:
                        assert not (ROOT / value).exists(), f"{block.id}: {step.command}"
