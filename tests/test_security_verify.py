"""``review verify`` on damaged, foreign or hostile reports (issue 25, point 4):
exit 1 with one line, no traceback; inputs hashed in streams, regular files only."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import threading

import pytest
from click.testing import CliRunner
from conftest import ROOT

from curriculum.cli import main
from curriculum.io.provenance import sha256_file

PROGRAMME = ROOT / "examples" / "programme-BAS1499-001v4.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result, exit_code: int = 1) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A JSON review report of the shipped example programme."""
    folder = tmp_path_factory.mktemp("verify")
    path = folder / "r.json"
    result = run("review", str(PROGRAMME), "--format", "json", "-o", str(path))
    assert result.exit_code in (0, 3), result.output
    return json.loads(path.read_text(encoding="utf-8"))


def verify(tmp_path, data) -> str:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return one_line_error(run("review", "verify", str(path), "--lang", "en"))


def test_the_report_verifies_as_written(report, tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    assert run("review", "verify", str(path)).exit_code == 0


def test_a_damaged_report_speaks_its_language_without_lang(report, tmp_path):
    """The report says zh-TW: without --lang its problems are worded in zh-TW too."""
    assert report["language"] == "zh-TW"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_edit(report, CASES["an option missing"])), encoding="utf-8")
    result = run("review", "verify", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"錯誤：{path}：「options」缺少 min_hours"), result.stderr


def _edit(report, change):
    data = copy.deepcopy(report)
    change(data)
    return data


CASES = {
    "long path": lambda d: d["provenance"]["inputs"][0].update(path="x" * 5000),
    "inputs of numbers": lambda d: d["provenance"].update(inputs=[1, 2, 3]),
    "no sha256": lambda d: d["provenance"]["inputs"][0].pop("sha256"),
    "bad role": lambda d: d["provenance"]["inputs"][0].update(role="evil"),
    "no options": lambda d: d.pop("options"),
    "an option missing": lambda d: d["options"].pop("min_hours"),
    "a mistyped option": lambda d: d["options"].update(min_courses="many"),
    "an unknown option": lambda d: d["options"].update(evil=1),
    "language xx": lambda d: d.update(language="xx"),
    "language a number": lambda d: d.update(language=3),
    "no provenance": lambda d: d.update(provenance=[]),
    "no programme_standard": lambda d: d["provenance"].pop("programme_standard"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_report_is_one_line(report, tmp_path, case):
    verify(tmp_path, _edit(report, CASES[case]))


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, "[1, 2, 3]", "\xff", "{"], ids=repr
)
def test_garbage_and_deep_nesting_are_one_line(tmp_path, text):
    assert "not a JSON review report" in verify(tmp_path, text)


def test_a_fifo_report_or_input_is_refused_without_waiting(report, tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    outcome: list = []
    worker = threading.Thread(
        target=lambda: outcome.append(run("review", "verify", str(fifo), "--lang", "en"))
    )
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so that the test process can end
        with open(fifo, "w") as writer:
            writer.write("{}")
        worker.join()
        pytest.fail("review verify waited on a FIFO")
    assert "not a regular file" in one_line_error(outcome[0])
    data = _edit(report, lambda d: d["provenance"]["inputs"][0].update(path=str(fifo)))
    assert "not a regular file" in verify(tmp_path, data)


def test_an_unreadable_input_is_one_line(report, tmp_path, monkeypatch):
    from pathlib import Path

    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self.name.endswith("programme-BAS1499-001v4.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    assert "Permission denied" in one_line_error(run("review", "verify", str(path), "--lang", "en"))


def test_hashes_are_streamed(tmp_path, monkeypatch):
    from pathlib import Path

    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 << 20))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    assert sha256_file(big, chunk=1 << 16) == hashlib.sha256(big.open("rb").read()).hexdigest()
