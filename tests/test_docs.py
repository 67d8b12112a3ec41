"""The README stays true: its example output is what the tool prints."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import BAS, COURSES, ROOT, STANDARDS
from test_planner import naive_greedy

from curriculum.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_example_output_is_real():
    block = re.search(r"prints:\n\n```text\n(.*?)```", README, re.S).group(1)
    out = (
        CliRunner()
        .invoke(
            main, ["plan", BAS, "T1.2", "--standards", str(STANDARDS), "--catalogue", str(COURSES)]
        )
        .stdout
    )
    assert out == block


def test_readme_greedy_figure(library):
    hours = re.search(r"would have\ntaken (\d+) hours", README).group(1)
    assert naive_greedy(library, ["T1.2"]) == int(hours)


def test_every_command_is_documented():
    for command in (
        "plan",
        "standards list",
        "standards show",
        "standards import",
        "courses list",
        "courses template",
        "validate",
    ):
        assert f"curriculum {command}" in README
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
