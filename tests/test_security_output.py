"""Outputs are written safely: never over an input, never past the user's permissions,
failures are one-line messages, interrupts exit 130/143 without leftovers (issue 11,
points 4, 5, 7 and 9)."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, ROOT, STANDARDS

from curriculum.cli import main

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES), "--lang", "en"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result, exit_code: int = 1) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---- point 4: never over an input, never past the user's permissions


def test_output_over_the_weights_file_is_refused(tmp_path):
    weights = tmp_path / "w.yaml"
    weights.write_text("kinds: {K: 1, S: 2}\n", encoding="utf-8")
    before = weights.read_bytes()
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "--weights", str(weights), "-o", str(weights))
    assert "is an input file" in one_line_error(result, 2)
    assert weights.read_bytes() == before


def test_output_over_any_file_read_is_refused(tmp_path):
    """Even an input no command lists: every file read is remembered."""
    team = tmp_path / "team.csv"
    team.write_text(f"id,standard,targets\nm1,{BAS},T1.2\n", encoding="utf-8")
    link = tmp_path / "hard.csv"
    os.link(team, link)
    result = run("team", str(team), *DATA_ARGS, "-o", str(link))
    assert "is an input file" in one_line_error(result, 2)
    assert team.read_text(encoding="utf-8").startswith("id,standard")


def test_read_only_target_is_refused(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("keep\n", encoding="utf-8")
    target.chmod(0o444)
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(target))
    assert one_line_error(result) == f"Error: {target}: read-only file; refusing to replace it"
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_new_file_honours_umask_and_replaced_file_keeps_its_mode(tmp_path):
    new, old = tmp_path / "new.txt", tmp_path / "old.txt"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o640)
    mask = os.umask(0o027)
    try:
        assert run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(new)).exit_code == 0
        assert run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(old)).exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert old.read_text(encoding="utf-8").startswith("Plan for BAS1499-001v4 ")


# ---- point 5: output failures are messages


def test_dev_full_is_one_line(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "-o", "/dev/full")
    assert one_line_error(result) == "Error: /dev/full: cannot write: No space left on device"


@pytest.mark.parametrize("where", ["write", "replace"])
def test_full_disk_leaves_nothing(tmp_path, monkeypatch, where):
    target = tmp_path / "plan.csv"
    target.write_text("old\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "replace":
        monkeypatch.setattr(os, "replace", full)
    else:
        monkeypatch.setattr(os, "fchmod", full)
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "csv", "-o", str(target))
    message = one_line_error(result)
    assert message == f"Error: {target}: cannot write: No space left on device"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_unwritable_folder_names_the_users_path(tmp_path, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    target = tmp_path / "plan.txt"
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(target))
    assert one_line_error(result) == f"Error: {target}: cannot write: Permission denied"
    assert not target.exists()


def test_proc_target_is_a_message():
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "-o", "/proc/version")
    assert one_line_error(result).startswith("Error: /proc/version: ")


def _cli(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "curriculum", *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_closed_stdout_is_one_line():
    command = f"{sys.executable} -m curriculum standards list {' '.join(DATA_ARGS)} >&-"
    result = subprocess.run(
        ["bash", "-c", command], env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == "Error: standard output: cannot write: standard output is closed\n"


def test_full_stdout_is_one_line():
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "curriculum", "plan", BAS, *DATA_ARGS],
            env=ENV,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == "Error: standard output: cannot write: No space left on device\n"


def test_broken_pipe_is_one_line():
    proc = subprocess.Popen(
        [sys.executable, "-m", "curriculum", "plan", BAS, *DATA_ARGS],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before anything is written
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert stderr == "Error: standard output: cannot write: Broken pipe\n"


# ---- point 7: interrupts and signals

_SLOW_LOAD = textwrap.dedent(
    """
    import sys, time
    import curriculum.io.library as library
    real = library.load_library
    def slow(*args, **kwargs):
        print("loading", file=sys.stderr, flush=True)
        time.sleep(30)
        return real(*args, **kwargs)
    library.load_library = slow
    from curriculum.cli import main
    main(sys.argv[1:], prog_name="curriculum")
    """
)


@pytest.mark.parametrize(
    ("signum", "code", "line"), [(2, 130, "Interrupted"), (15, 143, "Terminated")]
)
def test_signal_during_loading(tmp_path, signum, code, line):
    target = tmp_path / "plan.txt"
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_LOAD, "plan", BAS, *DATA_ARGS, "-o", str(target)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "loading\n"
    proc.send_signal(signal.Signals(signum))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code
    assert err == f"{line}\n"
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_interrupt_while_writing_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.txt"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "-o", str(target), "--lang", "en")
    assert result.exit_code == 130
    assert result.stderr == "Interrupted\n"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_sigterm_reaches_batch_workers_cleanly(tmp_path):
    """A forked worker inheriting the handler exits quietly instead of raising."""
    script = textwrap.dedent(
        """
        import os, signal, sys, time
        from curriculum.cli.signals import signals as _signals
        with _signals():
            pid = os.fork()
            if pid == 0:
                time.sleep(30)
                os._exit(0)
            time.sleep(0.2)
            os.kill(pid, signal.SIGTERM)
            _, status = os.waitpid(pid, 0)
            print(os.waitstatus_to_exitcode(status))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=ENV, capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "143\n" and result.stderr == ""


# ---- point 9: smaller


def test_plot_onto_the_output_is_refused(tmp_path):
    pytest.importorskip("matplotlib")
    chart = tmp_path / "x.png"
    result = run("frontier", BAS, "T1.2", *DATA_ARGS, "--plot", str(chart), "-o", str(chart))
    assert "same file" in one_line_error(result, 2)
    assert not chart.exists()


def test_plot_not_written_when_the_output_fails(tmp_path):
    pytest.importorskip("matplotlib")
    chart, target = tmp_path / "x.png", tmp_path / "ro.txt"
    target.write_text("", encoding="utf-8")
    target.chmod(0o444)
    result = run("frontier", BAS, "T1.2", *DATA_ARGS, "--plot", str(chart), "-o", str(target))
    assert "read-only" in one_line_error(result)
    assert not chart.exists()


def test_fifo_catalogue_is_refused_at_once(tmp_path):
    fifo = tmp_path / "courses.yaml"
    os.mkfifo(fifo)
    # opening a FIFO would block until a writer came: _cli's timeout fails the test then
    result = _cli(
        ["validate", "--standards", str(STANDARDS), "--catalogue", str(fifo), "--lang", "en"]
    )
    assert result.returncode == 1
    assert f"{fifo}: not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_time_limit_nan_is_a_usage_error():
    for value in ("nan", "inf"):
        result = run("plan", BAS, *DATA_ARGS, "--time-limit", value)
        assert result.exit_code == 2, value
        assert "--time-limit" in result.stderr


def test_learners_file_with_only_a_header_is_an_error(tmp_path):
    learners = tmp_path / "learners.csv"
    learners.write_text("id,standard,targets,held\n", encoding="utf-8")
    result = run("plan", "--batch", str(learners), *DATA_ARGS, "--format", "csv")
    assert one_line_error(result) == f"Error: {learners}: no learners"
    assert result.stdout == ""


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_broken_symlinks_in_a_data_folder_are_reported(tmp_path, kind):
    folder = tmp_path / "courses"
    folder.mkdir()
    (folder / "ok.yaml").write_bytes((COURSES / "example-provider.yaml").read_bytes())
    link = folder / "broken.yaml"
    if kind == "dangling":
        link.symlink_to(tmp_path / "missing.yaml")
    else:
        link.symlink_to(link)
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(folder), "--lang", "en"
    )
    assert result.exit_code == 1
    assert f"{link}: " in result.stderr
    assert "Traceback" not in result.output
