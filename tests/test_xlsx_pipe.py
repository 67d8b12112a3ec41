"""``--format xlsx`` to a pipe: stderr holds the command's own lines, never a library's
deprecation warning (click 8.2+ deprecates attributes and warns while a command runs).

Each command runs in a subprocess whose standard output is a real pipe, with click's
``Context.invoke`` made to raise a ``DeprecationWarning`` the way a newer click does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RUN = """
import sys, warnings, click
invoke = click.Context.invoke
def warned(self, *args, **kwargs):
    warnings.warn("'protected_args' is deprecated", DeprecationWarning, stacklevel=2)
    return invoke(self, *args, **kwargs)
click.Context.invoke = warned
from curriculum.cli import main
sys.argv[0] = "curriculum"
main()
"""


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


def _lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    text = result.stderr.decode()
    assert "Deprecat" not in text and "Warning" not in text, text
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "BAS1499-001v4", "T1.2"], "'xlsx' is not one of"),
        (["frontier", "BAS1499-001v4", "T1.2"], "'xlsx' is not one of"),
        (["team", "examples/team.csv"], "--format xlsx needs --output FILE"),
    ],
    ids=["plan", "frontier", "team"],
)
def test_refused_xlsx_to_a_pipe_is_one_error_line(args: list[str], message: str) -> None:
    result = _run(*args, "--format", "xlsx")
    errors = [line for line in _lines(result) if line.startswith("Error:")]
    assert result.returncode == 2 and result.stdout == b""
    assert len(errors) == 1 and message in errors[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["schedule", "BAS1499-001v4", "T1.2", "--start", "2027-01", "--period", "quarter"], 0),
        (["review", "examples/programme-BAS1499-001v4.yaml"], 3),
    ],
    ids=["schedule", "review"],
)
def test_xlsx_to_a_pipe_is_the_workbook_and_no_warning(args: list[str], code: int) -> None:
    result = _run(*args, "--format", "xlsx")
    assert result.returncode == code
    assert result.stdout.startswith(b"PK\x03\x04")
    assert _lines(result) == []
