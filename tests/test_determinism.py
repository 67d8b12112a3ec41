"""Same bytes whatever the number of workers, on problems that reach CP-SAT.

Each command runs with ``--workers 1`` and ``--workers 2``; every run must exit
with 0, call CP-SAT (counted through :func:`curriculum.solve.cpsat.solve_model`)
and print exactly the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, ROOT, STANDARDS

from curriculum.cli import main
from curriculum.solve import cpsat

EXAMPLES = ROOT / "examples"


def synthetic_catalogue(path: Path, n: int = 150, seed: int = 5) -> Path:
    """``n`` seeded courses over BAS1499-001v4's K and S items, few distinct hours (many ties).

    Reduced, the whole standard's cover problem keeps over 64 columns, so the
    plan goes to CP-SAT rather than the small-problem search.
    """
    rng = random.Random(seed)
    items = [f"K{i:02d}" for i in range(1, 15)] + [f"S{i:02d}" for i in range(1, 15)]
    lines = ["provider: synthetic", "currency: TWD", "courses:"]
    for k in range(n):
        hours = rng.choice([3, 6, 6, 9, 12])
        covers = ", ".join(sorted(rng.sample(items, rng.randint(2, 5))))
        lines.append(
            f"  - {{code: X{k:03d}, title: course {k}, hours: {hours}, "
            f"cost: {hours * 100}, covers: {{{BAS}: [{covers}]}}}}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_catalogue(tmp_path_factory.mktemp("determinism") / "courses.yaml")


def run_with_workers(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> bytes:
    """The output of ``args`` with 1 and with 2 workers, checked equal; CP-SAT must run."""
    calls = {"n": 0}
    real = cpsat.solve_model

    def counting(*a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return real(*a, **k)

    monkeypatch.setattr(cpsat, "solve_model", counting)
    outs = []
    for workers in ("1", "2"):
        calls["n"] = 0
        result = CliRunner().invoke(main, [*args, "--workers", workers])
        assert result.exit_code == 0, result.output
        assert calls["n"] > 0, "the problem never reached CP-SAT"
        outs.append(result.stdout_bytes)
    assert outs[0] == outs[1]
    return outs[0]


def test_plan_same_bytes_with_one_or_two_workers(monkeypatch, catalogue):
    out = run_with_workers(
        monkeypatch,
        [
            "plan",
            BAS,
            "--standards",
            str(STANDARDS),
            "--catalogue",
            str(catalogue),
            "--format",
            "json",
        ],
    )
    assert b'"status": "optimal"' in out


def test_budget_same_bytes_with_one_or_two_workers(monkeypatch, catalogue):
    args = ["plan", BAS, "--standards", str(STANDARDS), "--catalogue", str(catalogue)]
    out = run_with_workers(monkeypatch, [*args, "--max-hours", "15", "--format", "json"])
    assert b'"fits_unbudgeted": false' in out and b'"status": "optimal"' in out


def test_frontier_same_bytes_with_one_or_two_workers(monkeypatch):
    args = ["frontier", BAS, "--standards", str(STANDARDS), "--catalogue", str(COURSES)]
    out = run_with_workers(monkeypatch, [*args, "--format", "json"])
    assert b'"status": "optimal"' in out


@pytest.mark.slow
def test_team_same_bytes_with_one_or_two_workers(monkeypatch):
    args = ["team", str(EXAMPLES / "team.csv"), "--standards", str(STANDARDS)]
    args += ["--catalogue", str(EXAMPLES / "sessions-catalogue.yaml"), "--max-cost", "200000"]
    out = run_with_workers(monkeypatch, [*args, "--format", "json"])
    assert b'"status": "optimal"' in out
