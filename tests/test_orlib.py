"""The engine on a public benchmark: OR-Library scp41 (optimum 429, Beasley 1987)."""

from __future__ import annotations

import pytest
from conftest import DATA

from benchmarks.orlib_reader import parse_scp, read_scp
from curriculum.errors import DataFileError
from curriculum.solve.cover import SolveParams, solve_cover

SCP41 = DATA / "orlib" / "scp41.txt"


@pytest.fixture(scope="module")
def scp41():
    """OR-Library instance 4.1: 200 rows, 1,000 columns (see tests/data/orlib)."""
    return read_scp(SCP41)


def test_reads_beasleys_format(scp41):
    assert len(scp41.items) == 200 and len(scp41.columns) == 1000
    assert sum(len(c) for c in scp41.covers) == 4009  # the published non-zero count
    assert scp41.objectives[0][:3] == (1, 1, 1)


def test_known_optimum_proven(scp41):
    solution = solve_cover(scp41, SolveParams(tie_break=False))
    assert scp41.is_cover(solution.chosen)
    assert solution.value == (429,) and sum(scp41.objectives[0][j] for j in solution.chosen) == 429
    assert solution.status == "optimal" and solution.lower_bound == 429
    assert solution.optimality_gap == 0


def test_same_plan_with_one_or_two_workers_including_tie_breaks(scp41):
    one = solve_cover(scp41, SolveParams(workers=1))
    two = solve_cover(scp41, SolveParams(workers=2))
    assert one.ties_proven and two.ties_proven
    assert one == two and one.value == (429,)


def test_time_limit_returns_the_start_labelled_with_its_bound(scp41):
    solution = solve_cover(scp41, SolveParams(time_limit=0.001, tie_break=False, workers=1))
    assert scp41.is_cover(solution.chosen)
    assert solution.lower_bound <= 429 <= solution.value[0]
    assert (solution.status == "optimal") == (solution.value[0] == solution.lower_bound)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2 2\n1 1\n1 1\n", "row 2 of 2 is missing"),
        ("1 2\n1 1\n1 3\n", "names column 3 outside 1..2"),
        ("1 2\n1 1\n1 1 9\n", "1 tokens left"),
        ("1 x\n", "non-integer token"),
    ],
)
def test_malformed_files_are_reported(text, message):
    with pytest.raises(DataFileError, match=message):
        parse_scp(text, "bad.txt")


def _main(monkeypatch, capsys, *argv):
    import sys

    from benchmarks import orlib

    monkeypatch.setattr(sys, "argv", ["orlib.py", *argv])
    code = orlib.main()
    return code, capsys.readouterr()


def test_without_its_folder_one_line_no_traceback(monkeypatch, capsys, tmp_path):
    code, out = _main(monkeypatch, capsys, "--dir", str(tmp_path / "nope"))
    assert code == 1 and out.out == ""
    assert out.err.count("\n") == 1 and "no such folder" in out.err and "--dir" in out.err
    code, out = _main(monkeypatch, capsys, "--dir", str(tmp_path))
    assert code == 1 and "no OR-Library instance" in out.err


def test_without_the_bench_extra_one_line_no_traceback(monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "scipy", None)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    code, out = _main(monkeypatch, capsys, "--dir", str(DATA / "orlib"), "--only", "scp41")
    assert code == 1 and out.out == ""
    assert out.err.count("\n") == 1 and "pip install '.[bench]'" in out.err
    assert "--no-highs" in out.err
    code, out = _main(
        monkeypatch, capsys, "--dir", str(DATA / "orlib"), "--only", "scp41", "--no-highs"
    )
    assert code == 0 and "every instance at its optimum and proven: True" in out.out
