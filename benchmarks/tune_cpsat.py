"""Compare CP-SAT configurations of our engine on OR-Library instances.

Usage (from the repository root)::

    python benchmarks/tune_cpsat.py --only scp61,scpa1,scpb1,scpb2,scpb4

Each configuration is our full engine (reductions, greedy start, CP-SAT) with
``tie_break=False``, changing only the CP-SAT parameters; each instance is
solved with a time limit (default 30 s). Prints per instance and configuration
the wall time (``*`` when the optimum was not proven) and each configuration's
total. This is how ``configure`` in ``curriculum/solve/cpsat.py`` was chosen; the
columns follow the order of ``--configs`` (default: every configuration below).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.orlib_reader import read_scp  # noqa: E402
from curriculum.solve.cover import SolveParams, solve_cover  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "benchmarks" / "orlib"

# name -> SolveParams fields (besides tie_break=False and the time limit)
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "start-as-hint": {"start": "hint"},
    "start-bound+hint": {"start": "bound+hint"},
    "start-unused": {"start": "none"},
    "no-our-presolve": {"presolve": False},
    "2w+max_lp": {"workers": 2},
    "2w-lp2": {"workers": 2, "cp_sat": (("linearization_level", 2),)},
    "2w max_lp+reduced_costs": {
        "workers": 2,
        "cp_sat": (("subsolvers", ["max_lp", "reduced_costs"]),),
    },
    "no-symmetry": {"cp_sat": (("symmetry_level", 0),)},
    "no-cp-presolve": {"cp_sat": (("cp_model_presolve", False),)},
    "lb-tree-search": {"cp_sat": (("optimize_with_lb_tree_search", True),)},
}


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(DEFAULT_DIR))
    parser.add_argument("--only", required=True, help="comma-separated instance names")
    parser.add_argument("--configs", help="comma-separated configuration names (default: all)")
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    from ortools.sat.python import cp_model  # noqa: F401  (import outside the timers)

    names = args.configs.split(",") if args.configs else list(CONFIGS)
    totals = dict.fromkeys(names, 0.0)
    for instance in args.only.split(","):
        problem = read_scp(Path(args.dir) / f"{instance}.txt")
        cells = []
        for name in names:
            params = SolveParams(time_limit=args.time_limit, tie_break=False, **CONFIGS[name])
            start = time.perf_counter()
            solution = solve_cover(problem, params)
            elapsed = time.perf_counter() - start
            totals[name] += elapsed
            cells.append(f"{elapsed:6.2f}{'' if solution.status == 'optimal' else '*'}")
        print(f"{instance:8} " + " ".join(cells), flush=True)
    print("\ntotal s  configuration")
    for name in names:
        print(f"{totals[name]:8.2f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
