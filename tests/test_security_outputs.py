"""Output names that are links, special files or broken names (issue 25, point 1):
never written through a link to a file the user did not name, standard streams and
devices as users expect, a second resumable run refused, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, ROOT, STANDARDS

from curriculum.cli import main

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
LEARNERS = DATA / "batch" / "learners.csv"


def run(*args: str):
    """The command in English (the messages asserted are the English)."""
    return CliRunner().invoke(main, [*args, "--lang", "en"])


def one_line_error(result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def shell(command: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], env=ENV, capture_output=True, text=True, timeout=timeout
    )


CLI = f"{sys.executable} -m curriculum"


def test_output_link_to_a_file_is_refused_and_the_file_kept(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(link))
    assert "is a symbolic link" in one_line_error(result, 2)
    assert victim.read_text(encoding="utf-8") == "keep me\n" and link.is_symlink()


@pytest.mark.slow
def test_plot_link_to_a_file_is_refused(tmp_path):
    pytest.importorskip("matplotlib")
    victim = tmp_path / "precious.png"
    victim.write_bytes(b"keep")
    link = tmp_path / "chart.png"
    link.symlink_to(victim)
    result = run("frontier", BAS, "T1.2", *DATA_ARGS, "--plot", str(link))
    assert "--plot" in one_line_error(result, 2)
    assert victim.read_bytes() == b"keep"


def test_dangling_link_output_names_the_link(tmp_path):
    link = tmp_path / "out.txt"
    link.symlink_to(tmp_path / "nowhere" / "x.txt")
    line = one_line_error(run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(link)), 2)
    assert "symbolic link to a missing file" in line and "does not exist" not in line


def test_self_link_folder_and_long_name_are_one_line(tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    line = one_line_error(run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(loop / "out.txt")), 1)
    assert "cannot write" in line
    long = tmp_path / ("x" * 300 + ".txt")
    line = one_line_error(run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(long)), 1)
    assert "File name too long" in line


def test_output_to_dev_stdout_through_a_pipe():
    result = shell(f"{CLI} plan {BAS} T1.2 {' '.join(DATA_ARGS)} -o /dev/stdout | cat")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BAS1499-001v4") or "T1.2" in result.stdout
    assert "Error" not in result.stderr


def test_output_to_dev_stdout_redirected_to_a_file(tmp_path):
    out = tmp_path / "out.txt"
    result = shell(f"{CLI} plan {BAS} T1.2 {' '.join(DATA_ARGS)} -o /dev/stdout > {out}")
    assert result.returncode == 0, result.stderr
    assert "T1.2" in out.read_text(encoding="utf-8")


def test_resume_to_dev_null_or_a_fifo_is_refused_without_a_sidecar(tmp_path):
    args = ["plan", "--batch", str(LEARNERS), *DATA_ARGS, "--resume", "--lang", "en"]
    sidecar = Path(os.devnull + ".resume")
    before = sidecar.stat().st_mtime_ns if sidecar.exists() else None
    line = one_line_error(run(*args, "-o", os.devnull), 2)
    assert "--resume needs" in line
    assert (sidecar.stat().st_mtime_ns if sidecar.exists() else None) == before
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "--resume needs" in one_line_error(run(*args, "-o", str(fifo)), 2)


def test_resume_output_swapped_for_a_link_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    args = ["plan", "--batch", str(LEARNERS), *DATA_ARGS, "--format", "json", "--resume"]
    assert run(*args, "-o", str(out)).exit_code in (0, 1)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    out.unlink()
    out.symlink_to(victim)
    assert "symbolic link" in one_line_error(run(*args, "-o", str(out)), 2)
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_second_resumable_run_is_refused_while_the_first_holds_the_lock(tmp_path):
    from curriculum.io.outputs import OutputLock

    out = tmp_path / "out.jsonl"
    held = OutputLock(out)  # the first run
    try:
        args = ["plan", "--batch", str(LEARNERS), *DATA_ARGS, "--resume", "-o", str(out)]
        line = one_line_error(run(*args), 2)
        assert "being written by another run" in line
    finally:
        held.close()
    assert run(*args).exit_code in (0, 1)


@pytest.mark.parametrize("name", ["rot13", "zlib", "base64", "uu", "hex"])
def test_encodings_that_are_not_text_are_refused(name):
    result = run("--encoding", name, "standards", "list", *DATA_ARGS)
    assert result.exit_code == 2 and "not a text encoding" in result.stderr
    assert "Traceback" not in result.output


def test_a_pipe_reader_that_left_is_seen_after_the_write(tmp_path):
    """``courses list | head -c1``: the whole listing fits in the pipe, head takes a
    byte and leaves; no write fails, the check after it does (exit 1, one line)."""
    from curriculum.io.outputs import reader_gone

    read, write = os.pipe()
    try:
        os.write(write, b"listing")
        assert not reader_gone(write)
        os.read(read, 1)
        os.close(read)
        assert reader_gone(write)
    finally:
        os.close(write)
    with (tmp_path / "f").open("wb") as handle:
        assert not reader_gone(handle.fileno())
