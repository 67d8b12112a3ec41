"""One door to OR-Tools: solve/cpsat.py (CP-SAT) and solve/mip.py (GLOP, SCIP, CBC, HiGHS)
import it, and nothing else does; cpsat.py alone configures CP-SAT."""

from __future__ import annotations

import re

from conftest import ROOT

from curriculum.solve import cpsat
from curriculum.solve.params import Deadline, SolveParams

IMPORT = re.compile(r"^\s*(from\s+ortools[\s.]|import\s+ortools\b)", re.MULTILINE)


def test_only_the_solver_door_imports_ortools():
    importers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "curriculum").rglob("*.py")
        if IMPORT.search(path.read_text(encoding="utf-8"))
    )
    assert importers == ["curriculum/solve/wheel.py"]


def test_status_codes_are_cp_sat_s():
    from ortools.sat.python import cp_model

    assert (cpsat.UNKNOWN, cpsat.MODEL_INVALID, cpsat.FEASIBLE) == (
        cp_model.UNKNOWN,
        cp_model.MODEL_INVALID,
        cp_model.FEASIBLE,
    )
    assert (cpsat.INFEASIBLE, cpsat.OPTIMAL) == (cp_model.INFEASIBLE, cp_model.OPTIMAL)
    assert cpsat.status_name(cpsat.OPTIMAL) == "OPTIMAL"


def configured(params: SolveParams):  # type: ignore[no-untyped-def]
    from ortools.sat.python import cp_model

    parameters = cp_model.CpSolver().parameters
    cpsat.configure(parameters, params)
    return parameters


def test_workers_mean_the_same_everywhere():
    for workers in (0, 1):
        one = configured(SolveParams(workers=workers, seed=3))
        assert one.num_workers == 1 and one.linearization_level == 2 and one.random_seed == 3
        assert list(one.extra_subsolvers) == []
    two = configured(SolveParams(workers=2))
    assert two.num_workers == 2 and list(two.extra_subsolvers) == ["max_lp"]
    assert two.linearization_level == 1  # CP-SAT's default: not the full LP in every worker


def test_extra_parameters_are_set_last():
    """With one worker ``configure`` sets ``linearization_level = 2`` and ``num_workers =
    1`` itself: the extra parameters win only when they are set after it."""
    extra = (("linearization_level", 0), ("num_workers", 3), ("subsolvers", ["max_lp"]))
    parameters = configured(SolveParams(workers=1, cp_sat=extra))
    assert parameters.linearization_level == 0 and parameters.num_workers == 3
    assert list(parameters.subsolvers) == ["max_lp"]


def test_solve_model_honours_the_deadline_and_reports_progress():
    model = cpsat.new_model()
    xs = [model.new_bool_var(f"x{k}") for k in range(3)]
    model.add(sum(xs) >= 2)
    model.minimize(cpsat.weighted_sum(xs, [3, 1, 2]))
    messages: list[str] = []
    solver, status = cpsat.solve_model(
        model, SolveParams(), Deadline.after(5), progress=messages.append, label="cost"
    )
    assert status == cpsat.OPTIMAL and round(solver.objective_value) == 3
    assert messages and all(m.startswith("cost: best ") for m in messages)
    solver, status = cpsat.solve_model(model, SolveParams(), Deadline(at=-1.0))
    assert status == cpsat.UNKNOWN


def test_covering_lp_duals():
    # rows {0,1}: column 0 covers both at cost 3, columns 1 and 2 one each at cost 2
    duals = cpsat.covering_lp_duals([[0, 1], [0, 2]], [3, 2, 2])
    assert duals is not None and abs(sum(duals) - 3) < 1e-9
