"""Markdown and messages cannot be forged from input text (issue 25, point 5): names
with line breaks, links and raw HTML stay text in Markdown reports; file names and
ids are escaped in messages before anything is printed."""

from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner
from conftest import BAS, DATA, STANDARDS

from curriculum.cli import main
from curriculum.io.cells import markdown_text, quoted

TINY = DATA / "tiny"
EVIL = (
    "Intro\n# Forged heading\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>"
    "\n```\n| a | b |\n|---|---|"
)


def unescaped(text: str, char: str) -> list[int]:
    """Positions of ``char`` not preceded by an escaping backslash."""
    found = []
    for match in re.finditer(re.escape(char), text):
        k, slashes = match.start() - 1, 0
        while k >= 0 and text[k] == "\\":
            slashes, k = slashes + 1, k - 1
        if slashes % 2 == 0:
            found.append(match.start())
    return found


def assert_inert(markdown: str) -> None:
    assert "Forged heading" in markdown
    for line in markdown.splitlines():
        assert not line.startswith("# Forged"), line
        assert not line.startswith("```"), line
        assert "|---|---|" not in line or line.startswith("|"), line
    for char in "<[`":
        assert not unescaped(markdown, char), (char, markdown)


def hostile(tmp_path):
    data = yaml.safe_load((TINY / "courses.yaml").read_text(encoding="utf-8"))
    data["provider"] = EVIL
    for course in data["courses"]:
        course["title"] = EVIL
    path = tmp_path / "courses.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return ["--standards", str(TINY / "standard.yaml"), "--catalogue", str(path)]


def markdown(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--format", "markdown"])
    assert result.exit_code in (0, 3), result.output
    return result.stdout


def test_the_rule():
    assert markdown_text("a\nb|c") == "a b\\|c"
    assert markdown_text("#x <y> [z](javascript:q) `k` ~~~ \\") == (
        "\\#x \\<y\\> \\[z\\](javascript:q) \\`k\\` \\~\\~\\~ \\\\"
    )
    assert markdown_text("plain 中文 text (ok)") == "plain 中文 text (ok)"


@pytest.mark.parametrize(
    "command", [["plan", "TINY-001v2"], ["schedule", "TINY-001v2"], ["courses", "list"]]
)
def test_plan_schedule_courses_markdown(tmp_path, command):
    assert_inert(markdown(*command, *hostile(tmp_path)))


def test_review_markdown_with_a_hostile_programme_name(tmp_path):
    data = hostile(tmp_path)
    programme = tmp_path / "p.yaml"
    programme.write_text(
        yaml.safe_dump(
            {"name": EVIL, "provider": EVIL, "standard": "TINY-001v2", "courses": ["A1", "B1"]},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    assert_inert(markdown("review", str(programme), *data))


def test_team_markdown(tmp_path):
    team = tmp_path / "team.csv"
    team.write_text("id,name,department,standard\nm1,n,d,TINY-001v2\n", encoding="utf-8")
    assert_inert(markdown("team", str(team), *hostile(tmp_path)))


def test_quoted_escapes_controls_and_separators_only():
    assert quoted("x.yaml\nOK: all clean") == "x.yaml\\nOK: all clean"
    assert quoted("a\u2028b\x1b[2J") == "a\\u2028b\\x1b[2J"
    assert quoted("課程 A1 (ok)") == "課程 A1 (ok)"


def test_a_file_name_cannot_forge_an_ok_line(tmp_path):
    folder = tmp_path / "std"
    folder.mkdir()
    (folder / f"{BAS}.yaml").write_bytes((STANDARDS / f"{BAS}.yaml").read_bytes())
    (folder / "x.yaml\nOK: 1 standard, all clean.yaml").write_text("courses: [\n")
    result = CliRunner().invoke(main, ["validate", "--standards", str(folder)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert not any(line.startswith("OK") for line in lines), lines
    assert any("x.yaml\\nOK: 1 standard" in line for line in lines)


@pytest.mark.parametrize("kind", ["team", "learners"])
def test_a_member_id_cannot_forge_an_error_line(tmp_path, kind):
    path = tmp_path / f"{kind}.csv"
    rows = '"M1\nError: FORGED LINE",BAS1499-001v4,\n"M1\nError: FORGED LINE",,\n'
    path.write_text("id,standard,targets\n" + rows, encoding="utf-8")
    args = ["team", str(path)] if kind == "team" else ["plan", "--batch", str(path)]
    result = CliRunner().invoke(main, [*args, "--standards", str(STANDARDS)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not any(line.startswith("Error: FORGED") for line in result.output.splitlines())
    assert "M1\\nError: FORGED LINE" in result.output
