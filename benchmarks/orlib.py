"""Solve the OR-Library set-cover instances with our engine, a greedy baseline and HiGHS.

Usage (from the repository root)::

    python benchmarks/orlib.py                      # every instance in ../shared/benchmarks/orlib
    python benchmarks/orlib.py --dir PATH --only scpa1,scpb2 --json
    python benchmarks/orlib.py --readme             # also rewrite benchmarks/README.md

For each instance this prints the known optimum (``optimal.csv`` next to the
files), then the cost and wall time of each method, and our time divided by
HiGHS's. Only the solve is timed, for every method alike: reading the file,
importing the solvers and building HiGHS's sparse matrix are outside the timer;
our time includes our reductions, the greedy start and building the CP-SAT model.

All methods solve the same problem: minimise the total column cost subject to
covering every row. Our engine runs with ``tie_break=False`` (the tie-break among
equally cheap covers is a product feature HiGHS does not offer); HiGHS runs
through ``scipy.optimize.milp`` with ``mip_rel_gap=0`` so that both prove
optimality. Needs the ``bench`` extra (``pip install '.[bench]'``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.orlib_reader import read_scp  # noqa: E402
from benchmarks.readme import markdown_table, write_section  # noqa: E402
from curriculum.solve.cover import SolveParams, greedy_cover, solve_cover  # noqa: E402
from curriculum.solve.problem import CoverProblem  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "benchmarks" / "orlib"


def natural_key(name: str) -> tuple[str, int]:
    """scp41 < scp42 < ... < scp49 < scp410 < scp51 (the published order)."""
    stem = name.removeprefix("scp")
    family, number = stem[0], stem[1:]
    return family, int(number) if number.isdigit() else 0


def read_optima(folder: Path) -> dict[str, int]:
    """Known optima from ``optimal.csv`` (empty when the file is absent)."""
    path = folder / "optimal.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return {row["instance"]: int(row["optimum_or_best_known"]) for row in rows}


def highs_matrix(problem: CoverProblem):  # type: ignore[no-untyped-def]
    """The row-by-column 0/1 matrix for scipy (built outside the timer)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for j, col in enumerate(problem.covers):
        rows += col
        cols += [j] * len(col)
    data = np.ones(len(rows))
    return csr_matrix((data, (rows, cols)), shape=(len(problem.items), len(problem.columns)))


def solve_highs(problem: CoverProblem, matrix, time_limit: float) -> tuple[int | None, bool]:  # type: ignore[no-untyped-def]
    """HiGHS through scipy.optimize.milp: (cost, proven optimal)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(problem.columns)
    result = milp(
        c=np.asarray(problem.objectives[0], dtype=float),
        constraints=LinearConstraint(matrix, lb=1, ub=np.inf),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0, "time_limit": time_limit, "disp": False},
    )
    if result.x is None:
        return None, False
    return round(result.fun), result.status == 0


def run(args: argparse.Namespace) -> list[dict]:  # type: ignore[type-arg]
    """Solve every selected instance with every method; one row per instance."""
    if not args.no_highs:
        import scipy.optimize  # noqa: F401  (import outside the timers)
    from ortools.sat.python import cp_model  # noqa: F401

    folder = Path(args.dir)
    optima = read_optima(folder)
    files = sorted(folder.glob("scp*.txt"), key=lambda p: natural_key(p.stem))
    if args.only:
        wanted = set(args.only.split(","))
        files = [f for f in files if f.stem in wanted]
    params = SolveParams(
        time_limit=args.time_limit,
        workers=args.workers,
        tie_break=False,
        cp_sat=args.param,
        engine=args.engine,
    )
    rows = []
    for path in files:
        problem = read_scp(path)
        matrix = None if args.no_highs else highs_matrix(problem)
        row: dict = {"instance": path.stem, "rows": len(problem.items)}  # type: ignore[type-arg]
        row["columns"] = len(problem.columns)
        row["optimum"] = optima.get(path.stem)

        start = time.perf_counter()
        greedy = greedy_cover(problem)
        row["greedy_time"] = time.perf_counter() - start
        row["greedy_cost"] = problem.value(greedy)[0]

        start = time.perf_counter()
        ours = solve_cover(problem, params)
        row["ours_time"] = time.perf_counter() - start
        assert problem.is_cover(ours.chosen)
        row["ours_cost"] = ours.value[0]
        row["ours_proven"] = ours.status == "optimal"
        row["ours_bound"] = ours.lower_bound

        if not args.no_highs:
            start = time.perf_counter()
            cost, proven = solve_highs(problem, matrix, args.time_limit or 1e9)
            row["highs_time"] = time.perf_counter() - start
            row["highs_cost"] = cost
            row["highs_proven"] = proven
            row["ratio"] = row["ours_time"] / row["highs_time"]
            row["within_target"] = row["ours_time"] <= max(
                1.5 * row["highs_time"], row["highs_time"] + 0.2
            )
        rows.append(row)
        if not args.json:
            print_row(row, args.no_highs)
    return rows


HEADER = (
    f"{'instance':9} {'size':>10} {'optimum':>7} {'greedy':>7} {'t_grdy':>7} {'ours':>6} "
    f"{'proven':>6} {'t_ours':>7} {'highs':>6} {'t_highs':>7} {'ratio':>6}"
)


def print_row(row: dict, no_highs: bool) -> None:  # type: ignore[type-arg]
    """One line of the human-readable table."""
    size = f"{row['rows']}x{row['columns']}"
    line = (
        f"{row['instance']:9} {size:>10} {row['optimum'] or '?':>7} {row['greedy_cost']:>7} "
        f"{row['greedy_time']:>7.3f} {row['ours_cost']:>6} "
        f"{'yes' if row['ours_proven'] else 'NO':>6} {row['ours_time']:>7.2f}"
    )
    if not no_highs:
        highs = row["highs_cost"] if row["highs_cost"] is not None else "-"
        mark = "" if row["within_target"] else "  (over target)"
        line += f" {highs:>6} {row['highs_time']:>7.2f} {row['ratio']:>6.2f}{mark}"
    print(line, flush=True)


def summary(rows: list[dict], no_highs: bool) -> dict:  # type: ignore[type-arg]
    """Totals and the issue's targets."""
    out = {
        "instances": len(rows),
        "all_optimal_and_proven": all(
            r["ours_proven"] and r["optimum"] in (None, r["ours_cost"]) for r in rows
        ),
        "ours_total": sum(r["ours_time"] for r in rows),
        "greedy_total": sum(r["greedy_time"] for r in rows),
    }
    if not no_highs:
        out["highs_total"] = sum(r["highs_time"] for r in rows)
        out["total_ratio"] = out["ours_total"] / out["highs_total"]
        out["over_per_instance_target"] = [r["instance"] for r in rows if not r["within_target"]]
    return out


def readme_section(rows: list[dict], total: dict) -> str:  # type: ignore[type-arg]
    """The ``orlib`` section of benchmarks/README.md: the table and its totals (HiGHS run)."""
    table = markdown_table(
        (
            "instance",
            "rows × cols",
            "optimum",
            "greedy",
            "greedy s",
            "ours",
            "proven",
            "ours s",
            "HiGHS",
            "HiGHS s",
            "ours/HiGHS",
        ),
        "llrrrrlrrrr",
        [
            (
                r["instance"],
                f"{r['rows']} × {r['columns']}",
                r["optimum"] if r["optimum"] is not None else "?",
                r["greedy_cost"],
                f"{r['greedy_time']:.3f}",
                r["ours_cost"],
                "yes" if r["ours_proven"] else "no",
                f"{r['ours_time']:.2f}",
                r["highs_cost"] if r["highs_cost"] is not None else "-",
                f"{r['highs_time']:.2f}",
                f"{r['ratio']:.2f}",
            )
            for r in rows
        ],
    )
    over = ", ".join(total["over_per_instance_target"]) or "no instance"
    known = [r for r in rows if r["optimum"]]
    excess = [100 * (r["greedy_cost"] - r["optimum"]) / r["optimum"] for r in known]
    spread = f"{min(excess):.1f}–{max(excess):.1f} %" if excess else "an unknown share"
    proven = (
        "every instance at its known optimum with optimality proven"
        if total["all_optimal_and_proven"]
        else "NOT every instance at its known optimum with optimality proven"
    )
    return (
        f"{table}\nTotals: ours {total['ours_total']:.2f} s, HiGHS {total['highs_total']:.2f} s "
        f"(ratio {total['total_ratio']:.2f}, target ≤ 0.5); {over} above the larger of "
        f"1.5 × HiGHS's time and HiGHS's time + 0.2 s; {proven}. The greedy baseline "
        f"(no local search) took {total['greedy_total']:.2f} s in all and is {spread} above "
        f"the optimum. Measured on {total['machine']['cpus']} CPUs at load average "
        f"{os.getloadavg()[0]:.1f} (Python {total['machine']['python']}).\n"
    )


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(DEFAULT_DIR), help="folder of scp*.txt files")
    parser.add_argument("--only", help="comma-separated instance names")
    parser.add_argument("--time-limit", type=float, default=None, help="seconds per method")
    parser.add_argument("--workers", type=int, default=0, help="our engine's workers")
    parser.add_argument(
        "--engine", choices=("auto", "cpsat", "mip"), default="auto", help="our engine's engine"
    )
    parser.add_argument("--no-highs", action="store_true", help="skip HiGHS")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        type=lambda s: (s.split("=")[0], json.loads(s.split("=", 1)[1])),
        help="extra CP-SAT parameter NAME=JSON (repeatable), for tuning",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--readme", action="store_true", help="rewrite the orlib section of benchmarks/README.md"
    )
    args = parser.parse_args()
    if args.readme and args.no_highs:
        parser.error("--readme needs HiGHS (the table compares with it)")
    args.param = tuple(args.param)
    problem = check_setup(Path(args.dir), args.only, needs_highs=not args.no_highs)
    if problem:
        print(f"orlib.py: {problem}", file=sys.stderr)
        return 1
    if not args.json:
        print(HEADER)
    rows = run(args)
    total = summary(rows, args.no_highs)
    total["machine"] = {"python": platform.python_version(), "cpus": _cpus()}
    if args.json:
        print(json.dumps({"instances": rows, "summary": total}, indent=2))
    else:
        print(
            f"\nours total {total['ours_total']:.2f} s"
            + (
                ""
                if args.no_highs
                else f", HiGHS total {total['highs_total']:.2f} s, "
                f"ratio {total['total_ratio']:.2f}; over the per-instance target: "
                f"{', '.join(total['over_per_instance_target']) or 'none'}"
            )
            + f"; greedy total {total['greedy_total']:.2f} s"
            + f"; every instance at its optimum and proven: {total['all_optimal_and_proven']}"
        )
    if args.readme:
        write_section("orlib", readme_section(rows, total))
    return 0 if total["all_optimal_and_proven"] else 1


def check_setup(folder: Path, only: str | None, needs_highs: bool) -> str | None:
    """What stops a run, in one line (``None`` when it can start): a missing folder,
    no instance in it, or HiGHS without the ``bench`` extra."""
    if not folder.is_dir():
        return (
            f"{folder}: no such folder of OR-Library instances (scp*.txt); "
            "give --dir PATH (see benchmarks/README.md)"
        )
    names = {p.stem for p in folder.glob("scp*.txt")}
    if not names:
        return f"{folder}: no OR-Library instance (scp*.txt) in this folder"
    if only:
        unknown = sorted(set(only.split(",")) - names)
        if unknown:
            return f"--only {','.join(unknown)}: not in {folder}"
    if needs_highs:
        try:
            import scipy.optimize  # noqa: F401
        except ImportError:
            return (
                "HiGHS comparison needs the bench extra: pip install '.[bench]' "
                "(or run with --no-highs)"
            )
    return None


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main())
