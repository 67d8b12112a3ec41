"""The whole exact coverage curve: ours against HiGHS point by point, in one run.

Usage (from the repository root)::

    python benchmarks/frontier_bench.py                  # BAS1499, ESCO, OR-Library
    python benchmarks/frontier_bench.py --esco 30,100 --orlib scp41 --time-limit 300
    python benchmarks/frontier_bench.py --readme         # also rewrite benchmarks/README.md

Instances (``benchmarks/instances.py``): the shipped BAS1499-001v4 against the
shipped catalogues (unit weights, and seeded weights 1-5), ESCO occupations with
synthetic catalogues of ``--esco`` courses, and OR-Library instances
(``--orlib``) whose curves run under ``--time-limit``: when it ends, each method
counts the points it proved.

HiGHS: for each coverage level from 1, the least hours covering at least that
weight (one MILP through ``scipy.optimize.milp``; levels a solution already
reaches are skipped), then the efficient pairs. Ours: ``frontier_points`` with
``tie_break=False`` (the two axes only, as HiGHS), and as the CLI runs it (ties
broken at each point by price, fewer courses and course order). The
(weight, hours) pairs of both are checked to agree when both finish.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.instances import (
    Instance,
    bas_instance,
    esco_instances,
    highs_frontier,
    highs_model,
    orlib_instance,
)
from benchmarks.readme import markdown_table, write_section
from curriculum.planning.frontier import frontier_points
from curriculum.solve.params import SolveParams


def ours(instance: Instance, tie_break: bool, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Our curve: ((weight, hours) pairs, all proven, seconds)."""
    params = SolveParams(time_limit=args.time_limit, workers=args.workers, tie_break=tie_break)
    p, w = instance.problem, instance.weights
    start = time.perf_counter()
    points = frontier_points(p, w, params=params)
    took = time.perf_counter() - start
    pairs = [
        (sum(w[i] for i in {i for j in c for i in p.covers[j]}), p.value(c)[0])
        for c, _, _ in points
    ]
    return pairs, all(proven for _, proven, _ in points), took


def main() -> None:
    """Run every instance and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", default="30,100,300", help="catalogue sizes ('' for none)")
    parser.add_argument("--orlib", default="scp41", help="instances ('' for none)")
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-cli", action="store_true", help="skip the tie-broken curve")
    parser.add_argument("--readme", action="store_true")
    args = parser.parse_args()
    import scipy.optimize  # noqa: F401  (imports outside the timers)
    from ortools.sat.python import cp_model  # noqa: F401

    pool = [bas_instance(), bas_instance(weighted=True)]
    pool[1] = Instance(pool[1].name + " (weighted)", pool[1].problem, pool[1].weights)
    sizes = [int(s) for s in args.esco.split(",")] if args.esco else []
    pool += esco_instances(sizes) if sizes else []
    pool += [orlib_instance(n) for n in args.orlib.split(",") if n]
    rows, sums = [], [0.0, 0.0, 0.0]
    for inst in pool:
        matrix = highs_model(inst)
        h_points, h_done, h_time, milps = highs_frontier(inst, matrix, 0, args.time_limit)
        a_points, a_done, a_time = ours(inst, False, args)
        c_time, c_done = 0.0, False
        if not args.no_cli:
            c_points, c_done, c_time = ours(inst, True, args)
            assert not (c_done and a_done) or c_points == a_points, inst.name
        same = "yes" if (h_points == a_points) else ("n/a" if not (h_done and a_done) else "NO")
        if h_done and a_done:
            sums[0] += h_time
            sums[1] += a_time
            sums[2] += c_time
        row = (
            inst.name, len(inst.problem.items), len(inst.problem.columns),
            f"{len(h_points)}" + ("" if h_done else " (timed out)"), milps, f"{h_time:.2f}",
            f"{a_time:.2f}" + ("" if a_done else f" ({len(a_points) - 1} proven)"),
            f"{a_time / h_time:.2f}",
            "-" if args.no_cli else f"{c_time:.2f}" + ("" if c_done else " (timed out)"),
            same,
        )  # fmt: skip
        rows.append(row)
        print("  ".join(str(c) for c in row), flush=True)
    total = ("total (finished by both)", "", "", "", "", f"{sums[0]:.2f}", f"{sums[1]:.2f}",
             f"{sums[1] / max(sums[0], 1e-9):.2f}", f"{sums[2]:.2f}", "")  # fmt: skip
    rows.append(total)
    print("  ".join(str(c) for c in total))
    if args.readme:
        body = markdown_table(
            ("instance", "items", "courses", "points", "HiGHS MILPs", "HiGHS s",
             "ours (axes) s", "ours / HiGHS", "ours (CLI) s", "same curve"),
            "lrrrrrrrrl",
            rows,
        )  # fmt: skip
        body += (
            f"\nMeasured by `python benchmarks/frontier_bench.py --esco {args.esco or 'none'} "
            f"--orlib {args.orlib or 'none'} --time-limit {args.time_limit:g} --readme` on "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, one worker.\n"
        )
        write_section("frontier_bench", body)


if __name__ == "__main__":
    main()
