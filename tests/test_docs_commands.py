"""Every command the documentation shows is run, and its shown output is what it prints.

The convention, the same in README.md, docs/*.md, examples/README.md and
benchmarks/README.md: inside a fenced code block, a line starting with ``$ `` is a
shell command (a trailing ``\\`` continues it on the next line) and the lines up to
the next ``$ `` line are its output. Every ``$ curriculum ...`` command is run from
a temporary copy of the repository (one copy per document, so a command may use
the files an earlier one wrote), and

- it must exit 0, unless the block shows ``$ echo $?`` right after its output, in
  which case the next line is the exit code it must have;
- when output follows it, the output must be exactly what it prints (stdout and
  stderr, as a terminal shows them), or start with the shown lines when the last
  shown line is ``...`` (an excerpt).

A command whose line carries a ``# slow`` comment (more than 10 s) runs only under
``-m slow``. Other ``$`` lines (``pip``, ``python``) are shown, not run.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from curriculum.cli import main

DOCUMENTS = sorted(
    [
        ROOT / "README.md",
        *(ROOT / "docs").glob("*.md"),
        ROOT / "examples" / "README.md",
        ROOT / "benchmarks" / "README.md",
    ]
)
FENCE = re.compile(r"^([ \t]*)(`{3,})[^\n]*\n(.*?)^\1\2[ \t]*$", re.S | re.M)
COPY_IGNORE = shutil.ignore_patterns(".git", "__pycache__", ".venv", "out", "*.egg-info")


@dataclass
class Step:
    """One ``$ curriculum`` command of a block, its shown output and exit code."""

    command: str
    line: int
    output: list[str] = field(default_factory=list)
    exit_code: int = 0
    slow: bool = False

    def args(self) -> list[str]:
        """The arguments after ``curriculum`` (shell quoting and comments removed)."""
        return shlex.split(self.command, comments=True)[1:]


@dataclass
class Block:
    """A fenced block holding at least one ``$ curriculum`` command."""

    document: Path
    line: int
    steps: list[Step]

    @property
    def slow(self) -> bool:
        return any(step.slow for step in self.steps)

    @property
    def id(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def fenced(text: str) -> Iterator[tuple[int, str]]:
    """Each fenced block of ``text``: its first line number and its body, dedented.

    A block indented inside a list item loses the indentation of its fence.
    """
    for match in FENCE.finditer(text):
        indent = match.group(1)
        lines = match.group(3).split("\n")
        body = "\n".join(line.removeprefix(indent) for line in lines)
        yield text.count("\n", 0, match.start(3)) + 1, body


def shell_lines(body: str, first: int) -> Iterator[tuple[int, str]]:
    """The lines of a block with ``\\`` continuations joined, with line numbers."""
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    n = 0
    while n < len(lines):
        start, line = n, lines[n]
        while line.startswith("$ ") and line.endswith("\\") and n + 1 < len(lines):
            n += 1
            line = line[:-1].rstrip() + " " + lines[n].strip()
        yield first + start, line
        n += 1


def parse_steps(body: str, first: int) -> list[Step]:
    """The ``$ curriculum`` steps of one block body (``first``: its first line number)."""
    steps: list[Step] = []
    current: Step | None = None
    expect_code = False
    for number, line in shell_lines(body, first):
        if expect_code:
            assert steps, f"line {number}: `echo $?` follows no curriculum command"
            steps[-1].exit_code = int(line.strip())
            expect_code = False
        elif line.startswith("$ "):
            command = line[2:].strip()
            expect_code = command == "echo $?"
            current = None
            if command.startswith("curriculum "):
                slow = bool(re.search(r"#.*\bslow\b", command))
                current = Step(command, number, slow=slow)
                steps.append(current)
        elif current is not None:
            current.output.append(line)
    return steps


def blocks(document: Path) -> list[Block]:
    """The fenced blocks of ``document`` that hold ``$ curriculum`` commands."""
    text = document.read_text(encoding="utf-8")
    found = []
    for first, body in fenced(text):
        steps = parse_steps(body, first)
        if steps:
            found.append(Block(document, first - 1, steps))
    return found


ALL_BLOCKS = [block for document in DOCUMENTS for block in blocks(document)]


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """One temporary copy of the repository per document, made when first needed."""
    return {}


def copy_for(document: Path, copies: dict[Path, Path], factory: pytest.TempPathFactory) -> Path:
    """The repository copy that ``document``'s commands run in."""
    if document not in copies:
        target = factory.mktemp(document.stem) / "repo"
        shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
        copies[document] = target
    return copies[document]


def check(step: Step, where: str) -> None:
    """Run ``step`` in the current folder and compare with what the document shows."""
    result = CliRunner().invoke(main, step.args(), prog_name="curriculum", terminal_width=80)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == step.exit_code, f"{where}: {step.command}\n{result.output}"
    if not step.output:
        return
    shown = step.output
    if shown[-1] == "...":
        expected = "\n".join(shown[:-1]) + "\n"
        assert result.output.startswith(expected), f"{where}: {step.command}"
    else:
        assert result.output == "\n".join(shown) + "\n", f"{where}: {step.command}"


@pytest.mark.parametrize(
    "block",
    [pytest.param(b, id=b.id, marks=[pytest.mark.slow] if b.slow else []) for b in ALL_BLOCKS],
)
def test_documented_command_runs_as_shown(
    block: Block,
    copies: dict[Path, Path],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(copy_for(block.document, copies, tmp_path_factory))
    for step in block.steps:
        check(step, f"{block.document.name}:{step.line}")


def test_one_convention_for_commands() -> None:
    """In every fenced block, a command line starts with ``$ ``; none is bare."""
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for _, body in fenced(text):
            for line in body.splitlines():
                assert not re.match(r"\s*(curriculum|pip|python) ", line), (
                    f"{document.name}: `{line}` lacks the `$ ` prompt"
                )


def test_the_parser_reads_the_convention() -> None:
    """Output, excerpts, exit codes, continuations and slow marks are read as documented."""
    body = (
        "$ pip install .\n"
        "$ curriculum review a.yaml \\\n"
        "    --lang en   # slow\n"
        "Result: FAIL\n"
        "...\n"
        "$ echo $?\n"
        "3\n"
        "$ curriculum validate\n"
    )
    first, second = parse_steps(body, 1)
    assert first.args() == ["review", "a.yaml", "--lang", "en"]
    assert (first.output, first.exit_code, first.slow, first.line) == (
        ["Result: FAIL", "..."],
        3,
        True,
        2,
    )
    assert (second.args(), second.output, second.exit_code, second.slow) == (
        ["validate"],
        [],
        0,
        False,
    )


def test_every_document_shows_commands() -> None:
    """The user-facing documents each run at least one command (the test is not vacuous)."""
    shown = {block.document.relative_to(ROOT).as_posix() for block in ALL_BLOCKS}
    for name in ("README.md", "docs/commands.md", "docs/hr.md", "docs/review.md"):
        assert name in shown
    assert "examples/README.md" in shown
