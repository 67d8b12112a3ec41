"""The README stays true and short; docs/commands.md is what the generator writes.

Every command shown in the documents is run by tests/test_docs_commands.py; these
tests check what that one cannot: figures quoted in prose, the README's size and
links, and the command reference being regenerated.
"""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, ROOT, STANDARDS
from test_planner import naive_greedy

from curriculum.cli import main
from curriculum.cli.reference import cli, render

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
COMMANDS = DOCS / "commands.md"


def test_readme_example_output_is_real():
    command = f"$ curriculum plan {BAS} T1.2\n"
    block = max(re.findall(re.escape(command) + r"(.*?)```", README, re.S), key=len)
    out = (
        CliRunner()
        .invoke(
            main, ["plan", BAS, "T1.2", "--standards", str(STANDARDS), "--catalogue", str(COURSES)]
        )
        .stdout
    )
    assert out == block


def test_readme_greedy_figure(library):
    hours = re.search(r"would have\s+taken (\d+) hours", README).group(1)
    assert naive_greedy(library, ["T1.2"]) == int(hours)


def command_tree(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command under ``command``, walked from click itself
    (groups, their commands, and the extra commands a command dispatches to)."""
    found = [path] if path else []
    children = dict(getattr(command, "extra_commands", {}))  # ``review verify``
    if isinstance(command, click.Group):  # through click's API: commands load on demand
        ctx = click.Context(command)
        children.update({n: command.get_command(ctx, n) for n in command.list_commands(ctx)})
    for name, sub in sorted(children.items()):
        found += command_tree(sub, (*path, name))
    return found


def readme_table() -> str:
    """The rows of the README's command table."""
    return "\n".join(line for line in README.splitlines() if line.startswith("| `curriculum "))


@pytest.mark.parametrize("path", command_tree(main), ids=" ".join)
def test_every_command_is_documented(path):
    """In the command reference (every group and command) and in the README's command
    table (every command that runs something); with help text."""
    command = " ".join(path)
    assert f"## `curriculum {command}`" in COMMANDS.read_text(encoding="utf-8"), command
    node = main
    for name in path:
        extra = getattr(node, "extra_commands", {}).get(name)
        node = extra or node.get_command(click.Context(node), name)  # type: ignore[attr-defined]
    if not isinstance(node, click.Group):
        assert re.search(rf"\| `curriculum {re.escape(command)}(`| )", readme_table()), command
    assert (node.help or node.short_help or "").strip(), command


def test_the_command_tree_is_walked():
    """The walk finds the commands a hand-kept list used to miss (``schedule``) and the
    sub-commands of groups and of ``review``."""
    paths = {" ".join(p) for p in command_tree(main)}
    assert {"schedule", "standards diff", "courses template", "review verify"} <= paths
    assert "standards" in paths and len(paths) >= 17
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0


def test_command_reference_is_generated(tmp_path):
    """docs/commands.md is exactly what the generator writes today."""
    assert COMMANDS.read_text(encoding="utf-8") == render(), (
        "docs/commands.md is stale: run `python -m curriculum.cli.reference docs/commands.md`"
    )
    assert cli([str(tmp_path / "commands.md")]) == 0
    assert (tmp_path / "commands.md").read_text(encoding="utf-8") == render()


def test_command_reference_follows_the_code(monkeypatch):
    """A changed help text changes the page, so the comparison above can fail."""
    plan = main.get_command(click.Context(main), "plan")
    monkeypatch.setattr(plan, "help", "Changed.")
    assert COMMANDS.read_text(encoding="utf-8") != render()


def test_readme_is_a_front_door():
    """At most 400 lines, and every local link points at a file that exists."""
    assert len(README.splitlines()) <= 400
    for document in (ROOT / "README.md", *DOCS.glob("*.md"), ROOT / "benchmarks" / "README.md"):
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            if "schema/" in target:  # docs/schema/ is written by another change
                continue
            assert (document.parent / target).exists(), f"{document.name}: {target}"
