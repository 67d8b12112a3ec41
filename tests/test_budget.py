"""Budgeted plans: brute force on small instances, the unbudgeted plan when it fits."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, STANDARDS
from helpers import budget_instances, fast_and_full, recording_cp_sat_solves
from hypothesis import HealthCheck, given, settings

from curriculum.cli import main
from curriculum.errors import BudgetError, DataFileError
from curriculum.io.weights import Weights, load_weights
from curriculum.planning.budget import plan_with_budget, solve_budget
from curriculum.planning.plan import plan_courses
from curriculum.request import Request
from curriculum.solve.cover import SolveParams

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def brute_force_budget(problem, weights, max_minutes, max_cents):
    """Best key (-weight, minutes, cents, count, sorted columns) over all subsets."""
    n = len(problem.columns)
    best = None
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            if not problem.forced <= set(subset):
                continue
            minutes = sum(problem.objectives[0][j] for j in subset)
            cents = sum(problem.objectives[1][j] for j in subset)
            if max_minutes is not None and minutes > max_minutes:
                continue
            if max_cents is not None and cents > max_cents:
                continue
            covered = {i for j in subset for i in problem.covers[j]}
            key = (-sum(weights[i] for i in covered), minutes, cents, size, subset)
            if best is None or key < best:
                best = key
    return best


@fast_and_full(40)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_instances())
def test_budget_matches_brute_force(instance):
    problem, weights, max_minutes, max_cents = instance
    best = brute_force_budget(problem, weights, max_minutes, max_cents)
    if best is None:
        with pytest.raises(BudgetError):
            solve_budget(
                problem,
                weights,
                max_minutes=max_minutes,
                max_cents=max_cents,
                params=SolveParams(workers=1),
            )
        return
    solution = solve_budget(
        problem,
        weights,
        max_minutes=max_minutes,
        max_cents=max_cents,
        params=SolveParams(workers=1),
    )
    assert solution.status == "optimal" and solution.ties_proven
    assert (-solution.weight, *solution.value, len(solution.chosen), solution.chosen) == best
    assert set(solution.covered) == {i for j in solution.chosen for i in problem.covers[j]}
    assert solution.weight_bound == solution.weight


def test_same_plan_as_without_budget_when_it_fits(library):
    plain = plan_courses(library, Request.of(BAS, ["T1.2"]))
    for hours, cost in ((84, None), (None, 65000), (100, 1e6), (84, 65000)):
        budgeted = plan_with_budget(
            library, Request.of(BAS, ["T1.2"]), max_hours=hours, max_cost=cost
        )
        assert budgeted.courses == plain.courses
        assert budgeted.budget_gaps == ()
        assert budgeted.budget.fits_unbudgeted
        assert budgeted.to_dict() | {"budget_gaps": [], "budget": None} == plain.to_dict() | {
            "budget_gaps": [],
            "budget": None,
        }
    assert "budget_gaps" not in plain.to_dict()


def test_budget_buys_less_and_reports_budget_gaps(library):
    plan = plan_with_budget(library, Request.of(BAS, ["T1.2"]), max_cost=30000)
    assert plan.total_cost <= 30000 and plan.status == "optimal"
    assert plan.budget_gaps == ("K05", "K06", "S06")
    assert plan.gaps == ("K07",) and plan.level_gaps == ("S04",)
    assert plan.budget.covered_weight == 8 and plan.budget.coverable_weight == 11
    assert_valid_budgeted(plan, library)
    data = plan.to_dict()
    assert data["budget_gaps"] == ["K05", "K06", "S06"]
    assert data["budget"]["max_cost"] == 30000


def assert_valid_budgeted(plan, library):
    """Covered items are covered at their level; budget gaps are covered by no chosen course."""
    std = library.standards[plan.standard]
    chosen = [library.courses[c.code] for c in plan.courses]
    for item in plan.budget_gaps:
        assert not any(
            item in c.items_for(std.code) and (c.level or 9) >= (plan.required[item] or 0)
            for c in chosen
        )
    for item, codes in plan.mapping.items():
        assert codes and item not in plan.budget_gaps
    assert plan.total_hours == sum(c.hours for c in chosen)


def test_weights_change_what_the_budget_buys(library):
    weights = load_weights(DATA / "weights" / "skills.yaml", library.standard(BAS))
    assert weights == Weights({"K": 1.0, "S": 2.0}, {"K04": 3.0})
    plan = plan_with_budget(library, Request.of(BAS, ["T1.2"]), max_hours=30, weights=weights)
    assert plan.total_hours <= 30
    assert plan.budget.weights["K04"] == 3 and plan.budget.weights["S01"] == 2
    # K04 weighs 3: any plan within 30 h that covers the most weight includes it.
    assert "K04" in plan.mapping
    unit = plan_with_budget(library, Request.of(BAS, ["T1.2"]), max_hours=30)
    assert plan.budget.covered_weight >= unit.budget.covered_weight


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kinds: {X: 2}\n", "kinds: unknown kind 'X' (valid: K, S, A)"),
        ("items: {K99: 2}\n", "items: BAS1499-001v4 defines no item K99"),
        ("items: {K01: 0}\n", "items: K01: weight 0 is not a positive number"),
        ("items: {K01: -1}\n", "weight -1 is not a positive number"),
        ("kind: {K: 2}\n", "unknown key 'kind' (expected 'kinds' or 'items')"),
        ("- K01\n", "a weights file is a mapping"),
    ],
)
def test_bad_weights_files(tmp_path, library, text, message):
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_weights(path, library.standard(BAS))
    result = CliRunner().invoke(
        main,
        ["plan", BAS, "--max-hours", "10", "--weights", str(path), *DATA_ARGS, "--lang", "en"],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: ")
    assert "Traceback" not in result.stderr


def test_required_courses_over_budget_is_a_usage_error():
    result = CliRunner().invoke(
        main,
        ["plan", BAS, "--require", "PM-202", "--max-cost", "1000", *DATA_ARGS, "--lang", "en"],
    )
    assert result.exit_code == 2
    assert "Error: the required courses alone exceed the budget" in result.stderr


def test_cli_budget_table_and_json():
    result = CliRunner().invoke(
        main, ["plan", BAS, "T1.2", "--max-cost", "30000", *DATA_ARGS, "--lang", "en"]
    )
    assert result.exit_code == 0
    out = result.stdout
    assert "Budget: ≤ TWD 30,000: covers 8 of 11 coverable items (73%)" in out
    assert "K05     客戶服務科技工具及趨勢    4        LEFT OUT (to fit the budget)" in out
    assert "Left out to fit the budget (coverable): K05" in out
    assert "Gaps (no course covers them): K07 教育訓練規範" in out
    data = json.loads(
        CliRunner()
        .invoke(main, ["plan", BAS, "T1.2", "--max-cost", "30000", "--format", "json", *DATA_ARGS])
        .stdout
    )
    assert data["budget_gaps"] == ["K05", "K06", "S06"] and data["gaps"] == ["K07"]
    csv_out = (
        CliRunner()
        .invoke(main, ["plan", BAS, "T1.2", "--max-cost", "30000", "--format", "csv", *DATA_ARGS])
        .stdout
    )
    assert "K05,客戶服務科技工具及趨勢,4,受預算限制未納入," in csv_out


def test_budget_same_output_whatever_the_workers(monkeypatch):
    """Each run reaches CP-SAT with the workers asked for, succeeds, prints the same plan."""
    args = ["plan", BAS, "--max-hours", "40", "--format", "json", *DATA_ARGS]
    outs = set()
    with recording_cp_sat_solves(monkeypatch) as solves:
        for workers in (1, 2, 4):
            solves.clear()
            result = CliRunner().invoke(main, [*args, "--workers", str(workers)])
            assert result.exit_code == 0, result.stderr
            assert solves and set(solves) == {workers}
            outs.add(result.stdout)
    assert len(outs) == 1
    plan = json.loads(outs.pop())
    assert plan["total_hours"] <= 40 and plan["budget_gaps"]
