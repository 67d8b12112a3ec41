"""Schedules on long prerequisite chains (issue 25, point 8): iterative walks (no
RecursionError on a 1,500-course chain) and the right message for a chain longer
than the periods, with and without ``--courses all``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import STANDARDS

from curriculum.cli import main
from curriculum.solve.problem import CoverProblem
from curriculum.solve.requires import closure_costs

STANDARD = STANDARDS / "BAS1499-001v4.yaml"
BAS = "BAS1499-001v4"


def chain_catalogue(tmp_path, n: int):
    lines = ["courses:"]
    for i in range(n):
        pre = f", prerequisites: [C{i - 1:05d}]" if i else ""
        covers = f"{{{BAS}: [K01]}}" if i == n - 1 else "{}"
        lines.append(
            f"  - {{code: C{i:05d}, title: t{i}, hours: 3, level: 4, covers: {covers}{pre}}}"
        )
    path = tmp_path / "chain.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["--standards", str(STANDARD), "--catalogue", str(path)]


def error_line(*args: str) -> str:
    result = CliRunner().invoke(main, ["schedule", *args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.exception is not RecursionError
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, result.stderr
    return lines[0]


CHAIN_9 = " → ".join(f"C{i:05d}" for i in range(9))


@pytest.mark.parametrize("extra", [["T1.1"], ["--courses", "all"]], ids=["target", "all"])
def test_a_chain_longer_than_the_periods_is_named_whole(tmp_path, extra):
    data = chain_catalogue(tmp_path, 9)
    line = error_line(BAS, *extra, *data, "--periods", "8")
    assert f"the prerequisite chain {CHAIN_9} needs 9 periods, the schedule has 8" in line
    assert "after its prerequisites (C00000)" not in line


@pytest.mark.parametrize(
    "extra",
    [[], pytest.param(["--courses", "all"], marks=pytest.mark.slow)],
    ids=["target", "all"],
)
def test_a_1500_course_chain_is_one_line_not_a_recursion_error(tmp_path, extra):
    data = chain_catalogue(tmp_path, 1500)
    line = error_line(BAS, *extra, *data, "--periods", "240")
    assert "C00003 → … → C01496 → C01497 → C01498 → C01499 (1,500 courses) needs 1500" in line


def test_a_short_chain_is_shown_whole_in_any_language():
    from curriculum.planning.schedule_chains import Chain

    assert Chain(["A", "B"]).text("en") == Chain(["A", "B"]).text("zh-TW") == "A → B"


def test_a_long_chain_is_counted_in_the_language_of_the_run(tmp_path):
    """Thirteen courses, one more than a chain shows whole: its length in the words of
    the run (zh-TW, the standard's language, without --lang)."""
    data = chain_catalogue(tmp_path, 13)
    args = ["schedule", BAS, "T1.1", *data, "--periods", "8"]
    ends = "C00000 → C00001 → C00002 → C00003 → … → C00009 → C00010 → C00011 → C00012"
    zh = CliRunner().invoke(main, args)
    assert zh.exit_code == 2, zh.output
    assert f"先修課程串 {ends}（13 門課程） 需要 13 期，排程只有 8 期" in zh.stderr
    assert "(13 courses)" not in zh.stderr
    en = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert f"chain {ends} (13 courses) needs 13 periods, the schedule has 8" in en.stderr


def test_closure_costs_walk_a_long_chain():
    n = 5000
    problem = CoverProblem(
        items=("x",),
        columns=tuple(f"c{i}" for i in range(n)),
        covers=(*tuple(() for _ in range(n - 1)), (0,)),
        objectives=((1,) * n,),
        requires=((), *tuple(((i - 1,),) for i in range(1, n))),
    )
    assert closure_costs(problem, [1] * n)[-1] == n
