"""``plan --batch -o FILE --resume`` trusts neither FILE nor its sidecar (issue 25,
point 2): a sidecar changed, damaged or replaced, or a byte of FILE edited, is
refused with exit 2 and one line, and FILE is left as it was."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import COURSES, DATA, STANDARDS

from curriculum.cli import main
from curriculum.io.resume import state_path

LEARNERS = DATA / "batch" / "learners.csv"
DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def run_batch(out):
    args = ["plan", "--batch", str(LEARNERS), *DATA_ARGS, "--format", "json", "--jobs", "1"]
    args += ["--lang", "en"]  # the messages asserted are the English
    return CliRunner().invoke(main, [*args, "-o", str(out), "--resume"])


def refused(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def written(tmp_path):
    """A complete resumable output and its sidecar."""
    out = tmp_path / "plans.jsonl"
    assert run_batch(out).exit_code in (0, 1)
    return out


def _edit_state(out, **changes):
    sidecar = state_path(out)
    state = json.loads(sidecar.read_text(encoding="utf-8"))
    state.update(changes)
    sidecar.write_text(json.dumps(state), encoding="utf-8")


def test_the_sidecar_records_a_digest_and_a_clean_resume_goes_on(written):
    state = json.loads(state_path(written).read_text(encoding="utf-8"))
    assert len(state["sha256"]) == 64 and state["bytes"] == written.stat().st_size
    before = written.read_bytes()
    assert run_batch(written).exit_code in (0, 1)
    assert written.read_bytes() == before


@pytest.mark.parametrize(
    "changes",
    [
        {"bytes": -1},
        {"bytes": "12"},
        {"done": "3"},
        {"done": -8},
        {"done": 400},
        {"failed": 1.5},
        {"learners": True},
        {"errors": [1, 2]},
        {"errors": "x"},
        {"sha256": "not a digest"},
        {"extra": 1},
    ],
    ids=repr,
)
def test_a_mistyped_or_out_of_range_sidecar_is_refused(written, changes):
    before = written.read_bytes()
    assert "is damaged" in refused_after(written, changes)
    assert written.read_bytes() == before


def refused_after(out, changes) -> str:
    _edit_state(out, **changes)
    return refused(run_batch(out))


def test_a_length_into_the_middle_of_a_line_is_refused(written):
    state = json.loads(state_path(written).read_text(encoding="utf-8"))
    line = refused_after(written, {"bytes": state["bytes"] - 7})
    assert "was changed since" in line


def test_an_edited_byte_of_the_output_is_refused(written):
    data = bytearray(written.read_bytes())
    data[10] ^= 1
    written.write_bytes(bytes(data))
    assert "was changed since" in refused(run_batch(written))
    assert written.read_bytes() == bytes(data)


def test_deep_nesting_and_garbage_are_refused(written):
    sidecar = state_path(written)
    sidecar.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "damaged" in refused(run_batch(written))
    sidecar.write_bytes(b"\xff\xfe{")
    assert "damaged" in refused(run_batch(written))
    sidecar.write_text("[1, 2, 3]", encoding="utf-8")
    assert "damaged" in refused(run_batch(written))


def test_a_huge_sidecar_is_not_read(written):
    state_path(written).write_bytes(b" " * (2 << 20))
    assert "not a resume state" in refused(run_batch(written))


@pytest.mark.parametrize("kind", ["folder", "fifo", "link"])
def test_a_sidecar_that_is_not_a_regular_file_is_refused(written, tmp_path, kind):
    sidecar = state_path(written)
    real = tmp_path / "elsewhere.json"
    real.write_bytes(sidecar.read_bytes())
    sidecar.unlink()
    if kind == "folder":
        sidecar.mkdir()
    elif kind == "fifo":
        os.mkfifo(sidecar)  # opening it would block: never opened
    else:
        sidecar.symlink_to(real)
    assert "not a resume state" in refused(run_batch(written))


def test_an_unreadable_sidecar_is_one_line(written, monkeypatch):
    from pathlib import Path

    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self.name.endswith(".resume"):
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    assert "unreadable" in refused(run_batch(written))
