"""Compare CP-SAT configurations of our engine on OR-Library instances.

Usage (from the repository root)::

    python benchmarks/tune_cpsat.py --only scp61,scpa1,scpb1,scpb2,scpb4

Each configuration is our full engine (reductions, greedy start, CP-SAT) with
``tie_break=False``, changing only the CP-SAT parameters; each instance is
solved with a time limit (default 30 s). Prints per instance and configuration
the wall time (``*`` when the optimum was not proven) and each configuration's
total. This is how the defaults in ``curriculum/solver.py`` were chosen.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curriculum.orlib import read_scp  # noqa: E402
from curriculum.solver import SolveParams, solve_cover  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "benchmarks" / "orlib"

# name -> (workers, extra CP-SAT parameters)
CONFIGS: dict[str, tuple[int, tuple]] = {  # type: ignore[type-arg]
    "1w-lp2 (default)": (1, ()),
    "2w-lp2": (2, (("linearization_level", 2),)),
    "2w+max_lp": (2, ()),
    "2w max_lp+reduced_costs": (2, (("subsolvers", ["max_lp", "reduced_costs"]),)),
    "1w-lp2 no-symmetry": (1, (("symmetry_level", 0),)),
    "1w-lp2 no-cp-presolve": (1, (("cp_model_presolve", False),)),
    "1w-lp2 lb-tree": (1, (("optimize_with_lb_tree_search", True),)),
    "1w-lp2 no-our-presolve": (1, ()),
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
            workers, extra = CONFIGS[name]
            params = SolveParams(
                time_limit=args.time_limit,
                workers=workers,
                tie_break=False,
                presolve="no-our-presolve" not in name,
                cp_sat=extra,
            )
            start = time.perf_counter()
            solution = solve_cover(problem, params)
            elapsed = time.perf_counter() - start
            totals[name] += elapsed
            cells.append(f"{elapsed:6.2f}{'' if solution.status == 'optimal' else '*'}")
        print(f"{instance:8} " + " ".join(cells), flush=True)
    for name in names:
        print(f"{totals[name]:8.2f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
