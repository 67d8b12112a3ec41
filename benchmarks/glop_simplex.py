"""GLOP's primal against its dual simplex on the covering LP, on generated families.

The covering LP ``min c.x, sum(x[j] for j in row) >= 1, x >= 0`` gives the bound, the
reduced-cost fixing and the prices of the dual-guided start of every least-hours
solve (:func:`curriculum.solve.cpsat.covering_lp_duals`). ``x = 0`` is dual feasible,
so the dual simplex needs no phase one; this script measures, per instance after
the reductions (as the engine sees it), the LP's wall time with GLOP's default (the
primal simplex) and with ``use_dual_simplex``, and their ratio:

* random covers (``benchmarks/hard_cover.py``'s ``random_instance``): 200 and 500
  rows, 10, 25, 50 and 100 columns per row, 2% and 5% dense, costs 1-100;
* railway-like covers (its ``rail_instance``): 200, 400 and 600 trips, 5,000,
  20,000 and 50,000 duties, costs 1-3.

Seeds 1 and 2 chose :data:`~curriculum.solve.cpsat.DUAL_SIMPLEX_COLUMNS`; 3 and 4
report it. Usage::

    python benchmarks/glop_simplex.py --seeds 3,4
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.hard_cover import rail_instance, random_instance  # noqa: E402
from curriculum.solve.cpsat import DUAL_SIMPLEX_COLUMNS  # noqa: E402
from curriculum.solve.params import Deadline  # noqa: E402
from curriculum.solve.presolve import reduce_cover  # noqa: E402
from curriculum.solve.problem import CoverProblem  # noqa: E402

Build = Callable[[int], CoverProblem]


def shapes() -> list[tuple[str, Build]]:
    """(name, builder by seed) of every shape measured."""
    found: list[tuple[str, Build]] = []
    for rows in (200, 500):
        for per_row in (10, 25, 50, 100):
            for density in (0.02, 0.05):
                cols = rows * per_row

                def build(seed: int, r: int = rows, c: int = cols, d: float = density) -> Any:
                    return random_instance(r, c, d, False, 7000 + 100 * seed + r)

                found.append((f"random {rows} x {cols}, {density:.0%}", build))
    for rows in (200, 400, 600):
        for cols in (5000, 20000, 50000):

            def rail(seed: int, r: int = rows, c: int = cols) -> Any:
                return rail_instance(r, c, 9000 + seed)

            found.append((f"railway {rows} x {cols}", rail))
    return found


def lp_seconds(problem: CoverProblem, dual: bool) -> float:
    """GLOP's wall time on the covering LP of ``problem`` (the model built outside it)."""
    from ortools.linear_solver import linear_solver_pb2 as pb
    from ortools.linear_solver import pywraplp

    request = pb.MPModelRequest(solver_type=pb.MPModelRequest.GLOP_LINEAR_PROGRAMMING)
    if dual:
        request.solver_specific_parameters = "use_dual_simplex: true"
    for c in problem.objectives[0]:
        request.model.variable.add(lower_bound=0.0, upper_bound=math.inf, objective_coefficient=c)
    for cols in problem.coverers():
        row = request.model.constraint.add(lower_bound=1.0, upper_bound=math.inf)
        row.var_index.extend(cols)
        row.coefficient.extend([1.0] * len(cols))
    response = pb.MPSolutionResponse()
    start = time.perf_counter()
    pywraplp.Solver.SolveWithProto(request, response)
    elapsed = time.perf_counter() - start
    if response.status != pb.MPSOLVER_OPTIMAL:
        raise RuntimeError("GLOP found no optimum")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="3,4")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    print(f"load average before: {Path('/proc/loadavg').read_text().split()[0]}")
    print(f"{'shape':28} seed {'columns':>8} {'primal ms':>10} {'dual ms':>10} {'dual/primal':>11}")
    for name, build in shapes():
        for seed in seeds:
            reduced = reduce_cover(build(seed), tie_break=False, deadline=Deadline.after(600))
            problem = reduced.problem
            if problem is None:
                continue
            primal, dual = lp_seconds(problem, False), lp_seconds(problem, True)
            mark = "dual" if len(problem.columns) < DUAL_SIMPLEX_COLUMNS else "primal"
            print(
                f"{name:28} {seed:4} {len(problem.columns):8,} {primal * 1000:10.1f} "
                f"{dual * 1000:10.1f} {dual / primal:11.2f}  (engine: {mark})",
                flush=True,
            )
    print(f"load average after: {Path('/proc/loadavg').read_text().split()[0]}")


if __name__ == "__main__":
    main()
