"""``plan --batch`` streamed in chunks: same bytes whatever the chunking, failed
learners reported in their line, resumable output, progress, no Dask without the extra."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, ROOT, STANDARDS

import curriculum.planning.batch as batch
from curriculum.cli import main
from curriculum.cli.plan_batch import Progress
from curriculum.io.resume import state_path
from curriculum.report.plan.batch import CSV_COLUMNS
from curriculum.request import Request

BAD = DATA / "batch" / "bad.csv"
DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]
STREAM = batch.stream_batch
TASKS = ["T1.1", "T1.2", "T2.1", "T2.2", "T1", "T2", "", "T1.1 T2.1", "T1.2 T2.2"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def learners(tmp_path_factory):
    """20 learners, two of them naming a task or item the standard lacks."""
    rows = ["id,standard,targets,held"]
    rows += [f"q{n},{BAS},{t},{'S01' if n % 3 else ''}" for n, t in enumerate(TASKS * 2)]
    rows += ["bad1,BAS,T9,", f"bad2,{BAS},T1,K99"]
    path = tmp_path_factory.mktemp("learners") / "learners.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def plan_output(learners, *extra: str, fmt: str = "json") -> tuple[int, str]:
    result = run("plan", "--batch", str(learners), *DATA_ARGS, "--format", fmt, *extra)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "markdown"])
def test_same_bytes_whatever_the_chunk_size_and_processes(learners, fmt):
    outs = {
        plan_output(learners, "--jobs", jobs, "--chunk-size", size, fmt=fmt)
        for jobs, size in (("1", "0"), ("1", "1"), ("2", "3"), ("2", "7"), ("1", "100"))
    }
    assert len(outs) == 1
    code, out = outs.pop()
    assert code == 1
    if fmt == "csv":
        assert out.splitlines()[0] == "\ufeff" + ",".join(CSV_COLUMNS)
        assert out.count("\ufefflearner,") == 1


def test_a_failed_learner_gets_its_error_in_its_line_and_the_run_goes_on(learners):
    result = run("plan", "--batch", str(learners), *DATA_ARGS, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [f"q{n}" for n in range(18)] + ["bad1", "bad2"]
    assert all(line["status"] == "optimal" for line in lines[:18])
    assert lines[18] == {"id": "bad1", "error": f"{learners}:20: learner bad1: " + _msg(lines[18])}
    assert "unknown standard BAS (did you mean BAS1499-001v4?) (valid: " in lines[18]["error"]
    assert "defines no item K99" in lines[19]["error"]
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith(f"Error: {learners}:20: learner bad1:")
    assert errors[1].startswith(f"{learners}:21: learner bad2:")


def _msg(line: dict) -> str:
    return line["error"].split(": ", 2)[2]


def test_failed_learners_in_csv_and_text(learners):
    _, out = plan_output(learners, "--lang", "en", fmt="csv")
    last = next(csv.reader([out.splitlines()[-1]]))
    assert last[:3] == ["bad2", "BAS1499-001v4", "error"] and "defines no item K99" in last[-1]
    _, out = plan_output(learners, "--lang", "en", fmt="table")
    tail = out[out.index("\n=== Learner bad2 ===\n") :]
    assert tail.startswith(f"\n=== Learner bad2 ===\n\nError: {learners}:21: learner bad2: ")
    assert tail.endswith(", A05, A06)\n") and "defines no item K99 (valid: K01," in tail


def test_the_library_call_still_refuses_bad_learners_before_solving(library, monkeypatch):
    from curriculum.errors import DataFileError
    from curriculum.io.learners import read_learners

    monkeypatch.setattr(batch, "solve_cover", None)  # solving would fail loudly
    with pytest.raises(DataFileError, match="learner bob"):
        batch.plan_batch(library, Request(), None, read_learners(BAD), processes=1)


def interrupt_after(monkeypatch, chunks: int) -> list[int]:
    """Make the next run stop (as on Ctrl-C) after ``chunks`` chunks; the sizes
    of the chunks planned are appended to the returned list."""
    planned: list[int] = []

    def stopping(*args, **kwargs):
        for n, chunk in enumerate(STREAM(*args, **kwargs)):
            if n == chunks:
                raise KeyboardInterrupt
            planned.append(len(chunk))
            yield chunk

    monkeypatch.setattr(batch, "stream_batch", stopping)
    return planned


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_an_interrupted_run_resumes_to_the_same_bytes(learners, tmp_path, monkeypatch, fmt):
    plan_output(learners, "--jobs", "1", "--output", str(tmp_path / "all"), fmt=fmt)
    expected = (tmp_path / "all").read_bytes()
    out = tmp_path / "plans"
    args = ["plan", "--batch", str(learners), *DATA_ARGS, "--format", fmt, "-o", str(out)]
    args += ["--resume", "--jobs", "1", "--chunk-size", "3"]
    first = interrupt_after(monkeypatch, 2)
    result = run(*args)
    assert result.exit_code == 130 and "holds 6 of 20 learners" in result.stderr
    state = json.loads(state_path(out).read_text(encoding="utf-8"))
    assert first == [3, 3] and state["done"] == 6 and state["bytes"] == out.stat().st_size
    assert expected.startswith(out.read_bytes())
    with out.open("ab") as handle:  # a chunk half written when the run died
        handle.write(b'{"id": "q6", "sta')
    second = interrupt_after(monkeypatch, 99)
    result = run(*args)
    assert result.exit_code == 1, result.stderr
    assert "從第 6 位學員之後繼續寫入" in result.stderr  # the learners' standard is zh-TW
    assert sum(second) == 14  # only the learners not yet written
    assert out.read_bytes() == expected
    again = interrupt_after(monkeypatch, 99)
    assert run(*args).exit_code == 1 and again == []  # complete: nothing left to plan
    assert out.read_bytes() == expected


def test_resume_refuses_other_inputs_and_foreign_files(learners, tmp_path):
    out = tmp_path / "plans.jsonl"
    args = ["plan", "--batch", str(learners), *DATA_ARGS, "--format", "json", "-o", str(out)]
    args += ["--lang", "en"]  # the messages asserted are the English
    assert run(*args, "--resume").exit_code == 1
    result = run(*args, "--resume", "--attitudes")
    assert result.exit_code == 2 and "written from other inputs or options" in result.stderr
    state_path(out).unlink()
    result = run(*args, "--resume")
    assert result.exit_code == 2 and "not written by a resumable run" in result.stderr
    result = run("plan", "--batch", str(learners), *DATA_ARGS, "--resume")
    assert result.exit_code == 2 and "--resume needs --output FILE" in result.stderr
    result = run("plan", BAS, *DATA_ARGS, "--cluster", "local:2")
    assert result.exit_code == 2 and "--cluster applies to --batch only" in result.stderr


def test_progress_shows_done_rate_and_time_left_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    progress = Progress(1000, start=100, stream=Terminal())
    progress.done = 400
    assert progress.line(progress.began + 10) == "400/1,000 learners, 30.0/s, 0:00:20 left"
    progress.update(600)
    progress.close()
    assert progress.stream.getvalue().startswith("\r1,000/1,000 learners, ")
    plain = Progress(10, stream=io.StringIO())
    plain.update(10)
    plain.close()
    assert plain.stream.getvalue() == ""


def test_without_the_cluster_option_nothing_imports_dask(learners):
    code = (
        "import sys\n"
        "from curriculum.cli import main\n"
        f"args = ['plan', '--batch', {str(learners)!r}, '--standards', {str(STANDARDS)!r},\n"
        f"        '--catalogue', {str(COURSES)!r}, '--format', 'json', '--jobs', '2']\n"
        "try:\n"
        "    main(args)\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 1, exc.code\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'ray')]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 20


def test_a_missing_dask_gives_the_install_hint(learners, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = run("plan", "--batch", str(learners), *DATA_ARGS, "--cluster", "local:2")
    assert result.exit_code == 2
    assert "pip install 'curriculum[cluster]'" in result.stderr
    assert "Traceback" not in result.stderr
