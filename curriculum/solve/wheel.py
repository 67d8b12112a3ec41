"""The one door to the OR-Tools wheel: CP-SAT, the linear solvers of ``pywraplp``
(GLOP, SCIP, CBC, HiGHS) and MathOpt, each imported when a solver first asks for it.

Nothing else in the package imports OR-Tools (``tests/test_imports.py`` holds it),
so a command that solves nothing never loads it (``tests/test_cli.py`` checks
``sys.modules``); the engines that use it are :mod:`curriculum.solve.cpsat` and
:mod:`curriculum.solve.mip`.
"""

from __future__ import annotations

from typing import Any


def cp_model() -> Any:
    """``ortools.sat.python.cp_model``: CP-SAT's modelling layer."""
    from ortools.sat.python import cp_model as module

    return module


def pywraplp() -> Any:
    """``ortools.linear_solver.pywraplp``: GLOP, SCIP, CBC and HiGHS."""
    from ortools.linear_solver import pywraplp as module

    return module


def linear_solver_pb2() -> Any:
    """``ortools.linear_solver.linear_solver_pb2``: the linear solvers' model protos."""
    from ortools.linear_solver import linear_solver_pb2 as module

    return module


def glop(time_limit: float | None = None) -> Any:
    """A GLOP linear solver stopping after ``time_limit`` seconds (at least 1 ms);
    ``None`` when the wheel has none."""
    solver = pywraplp().Solver.CreateSolver("GLOP")
    if solver is not None and time_limit is not None:
        solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    return solver


def mathopt() -> Any:
    """``ortools.math_opt.python.mathopt``: MathOpt's model and solve."""
    from ortools.math_opt.python import mathopt as module

    return module


def highs_options() -> Any:
    """An empty ``HighsOptionsProto``: HiGHS's own options, passed through MathOpt."""
    from ortools.math_opt.solvers import highs_pb2

    return highs_pb2.HighsOptionsProto()
