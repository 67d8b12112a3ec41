"""Schedules (choose courses and place them in periods) by CP-SAT and by HiGHS, in one run.

Usage (from the repository root)::

    python benchmarks/schedule_bench.py                     # 50-500 courses, seeds 1-3, both goals
    python benchmarks/schedule_bench.py --sizes 50,100 --seeds 1 --goals hours --time-limit 30
    python benchmarks/schedule_bench.py --json --check      # JSON out; exit 1 if the optima differ
    python benchmarks/schedule_bench.py --readme            # also rewrite benchmarks/README.md

The instances are generated catalogues (``benchmarks/schedule_instances.py``):
50-500 courses, 4-12 periods, 20-40% of the courses with prerequisites (chains
up to four deep, some requirements with 2-3 alternatives), some courses offered
in only some periods, binding per-period caps. Goal ``hours``: choose a cover and
place it (least minutes, then fewest periods, then least cost). Goal ``balance``:
every course forced (a fixed curriculum), the heaviest period's minutes first.

Ours is :func:`curriculum.solve.schedule.solve_schedule` with ``tie_break=False``
(the objectives only, as HiGHS) unless ``--tie-break``; HiGHS solves the same
model (``benchmarks/schedule_highs.py``) through ``scipy.optimize.milp``, stage by
stage. Each gets ``--time-limit`` seconds per instance; building HiGHS's matrix is
outside its timer, building the CP-SAT model inside ours. Every schedule is
checked with :meth:`ScheduleProblem.check` and its objective vector recomputed
here. "same" compares the whole vectors when both proved every stage, the first
objective when both proved that. Until ``curriculum.solve.schedule`` exists the
script runs HiGHS alone and says so. Target of issue 14: ours proven optimal on
every instance of up to 200 courses within 10 s. Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.readme import markdown_table, write_section
from benchmarks.schedule_highs import build_model, solve_highs
from benchmarks.schedule_instances import ScheduleInstance, family, schedule_value
from curriculum.solve.params import SolveParams
from curriculum.solve.schedule_problem import ScheduleProblem

TARGET_SIZE, TARGET_SECONDS = 200, 10.0
PROVEN = ("optimal", "first")
NO_SOLVER = (
    "curriculum.solve.schedule.solve_schedule is not available yet: HiGHS alone "
    "(the CP-SAT columns are empty)."
)

Solver = Callable[[ScheduleProblem, SolveParams], Any]


def load_solver() -> Solver | None:
    """``solve_schedule``, or ``None`` while it has not landed."""
    try:
        from curriculum.solve.schedule import solve_schedule
    except ImportError:
        return None
    return solve_schedule  # type: ignore[no-any-return]


def run_cpsat(solver: Solver, problem: ScheduleProblem, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    """Our solver on one instance: status, value (recomputed), seconds and problems found."""
    params = SolveParams(time_limit=args.time_limit, workers=args.workers, tie_break=args.tie_break)
    start = time.perf_counter()
    try:
        solution = solver(problem, params)
    except Exception as error:  # reported, and --check fails
        took = time.perf_counter() - start
        return {"status": "error", "value": None, "seconds": took, "problems": [repr(error)]}
    took = time.perf_counter() - start
    placement = dict(solution.placement)
    value = schedule_value(problem, placement)
    problems = problem.check(placement)
    if tuple(solution.value) != value:
        problems.append(f"reported value {tuple(solution.value)} is not the schedule's {value}")
    if solution.status == "optimal":
        status = "optimal" if solution.ties_proven else "first"
    else:
        status = "feasible"
    return {"status": status, "value": value, "seconds": took, "problems": problems}


def run_highs(problem: ScheduleProblem, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    """HiGHS on one instance (its matrix built outside the timer)."""
    result = solve_highs(build_model(problem), args.time_limit)
    problems = problem.check(result.placement) if result.value is not None else []
    return {
        "status": result.status,
        "value": result.value,
        "seconds": result.seconds,
        "problems": problems,
    }


def agreement(ours: dict | None, highs: dict) -> bool | None:  # type: ignore[type-arg]
    """Whether the proven parts of both answers agree (``None``: nothing to compare)."""
    if ours is None or ours["status"] not in PROVEN or highs["status"] not in PROVEN:
        return None
    if ours["status"] == highs["status"] == "optimal":
        return bool(ours["value"] == highs["value"])
    return bool(ours["value"][0] == highs["value"][0])


def run_one(instance: ScheduleInstance, solver: Solver | None, args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    """Both solvers on one instance, as one row."""
    problem = instance.problem
    ours = run_cpsat(solver, problem, args) if solver else None
    highs = run_highs(problem, args)
    return {
        "instance": instance.name,
        "goal": problem.goal,
        "courses": len(problem.cover.columns),
        "items": len(problem.cover.items),
        "periods": problem.periods,
        "prerequisites": sum(1 for r in problem.cover.requires if r),
        "cpsat": ours,
        "highs": highs,
        "same": agreement(ours, highs),
    }


def shown(goal: str, value: list[int] | tuple[int, ...] | None) -> str:
    """An objective vector in words: hours, periods used, cost (minutes and cents in JSON)."""
    if not value:
        return ""
    *heaviest, minutes, used, cents = value
    words = f"{minutes / 60:g} h, {used} periods, cost {cents / 100:.0f}"
    return f"heaviest {heaviest[0] / 60:g} h; {words}" if goal == "balance" else words


def _cells(row: dict) -> tuple[str, ...]:  # type: ignore[type-arg]
    """One row of the per-instance table."""

    def side(r: dict | None) -> tuple[str, str, str]:  # type: ignore[type-arg]
        if r is None:
            return ("", "", "")
        value = shown(row["goal"], r["value"])
        mark = " INVALID" if r["problems"] else ""
        return (f"{r['seconds']:.2f}", r["status"] + mark, value)

    same = {True: "yes", False: "NO", None: ""}[row["same"]]
    return (
        row["instance"], str(row["courses"]), str(row["periods"]), str(row["prerequisites"]),
        *side(row["cpsat"]), *side(row["highs"]), same,
    )  # fmt: skip


HEADER = (
    "instance", "courses", "periods", "with prereqs", "CP-SAT s", "CP-SAT status",
    "CP-SAT value", "HiGHS s", "HiGHS status", "HiGHS value", "same",
)  # fmt: skip


def totals(rows: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    """Per goal: seconds of each solver, their ratio, instances proven, all agreeing."""
    result = []
    for goal in dict.fromkeys(r["goal"] for r in rows):
        mine = [r for r in rows if r["goal"] == goal]
        highs = sum(r["highs"]["seconds"] for r in mine)
        line = {
            "goal": goal,
            "instances": len(mine),
            "highs_seconds": round(highs, 2),
            "highs_proven": sum(r["highs"]["status"] == "optimal" for r in mine),
            "cpsat_seconds": None,
            "cpsat_proven": None,
            "ratio": None,
            "disagreements": sum(r["same"] is False for r in mine),
        }
        if all(r["cpsat"] for r in mine):
            ours = sum(r["cpsat"]["seconds"] for r in mine)
            line["cpsat_seconds"] = round(ours, 2)
            line["cpsat_proven"] = sum(r["cpsat"]["status"] == "optimal" for r in mine)
            line["ratio"] = round(ours / max(highs, 1e-9), 2)
        result.append(line)
    return result


def must_hold(rows: list[dict]) -> bool | None:  # type: ignore[type-arg]
    """Ours proven optimal (every stage) within 10 s on every instance of up to 200
    courses (``None`` without our solver or without such instances)."""
    small = [r for r in rows if r["courses"] <= TARGET_SIZE]
    if not small or any(r["cpsat"] is None for r in small):
        return None
    return all(
        r["cpsat"]["status"] == "optimal" and r["cpsat"]["seconds"] <= TARGET_SECONDS for r in small
    )


def failures(rows: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """What ``--check`` fails on: optima that differ, invalid schedules, solver errors."""
    found = []
    for r in rows:
        if r["same"] is False:
            found.append(
                f"{r['instance']}: CP-SAT {r['cpsat']['value']} != HiGHS {r['highs']['value']}"
            )
        for side in ("cpsat", "highs"):
            if r[side] and (r[side]["problems"] or r[side]["status"] == "error"):
                found.append(f"{r['instance']} ({side}): {'; '.join(r[side]['problems'])}")
    return found


def _total_cells(t: dict) -> tuple[str, ...]:  # type: ignore[type-arg]
    def maybe(v: object, fmt: str = "{}") -> str:
        return "" if v is None else fmt.format(v)

    return (
        t["goal"], str(t["instances"]), maybe(t["cpsat_seconds"], "{:.2f}"),
        f"{t['highs_seconds']:.2f}", maybe(t["ratio"], "{:.2f}"),
        maybe(t["cpsat_proven"]), str(t["highs_proven"]), str(t["disagreements"]),
    )  # fmt: skip


TOTAL_HEADER = (
    "goal", "instances", "CP-SAT s", "HiGHS s", "CP-SAT / HiGHS", "CP-SAT proven",
    "HiGHS proven", "disagreements",
)  # fmt: skip


def readme_section(rows: list[dict], args: argparse.Namespace, solver_ok: bool) -> str:  # type: ignore[type-arg]
    """The ``schedule_bench`` section of ``benchmarks/README.md``."""
    body = "" if solver_ok else f"{NO_SOLVER}\n\n"
    body += markdown_table(TOTAL_HEADER, "lrrrrrrr", [_total_cells(t) for t in totals(rows)])
    held = {True: "yes", False: "**no**", None: "not measured"}[must_hold(rows)]
    body += (
        f"\nCP-SAT proven optimal on every instance of up to {TARGET_SIZE} courses "
        f"within {TARGET_SECONDS:g} s: {held}.\n"
    )
    body += "\n<details><summary>every instance</summary>\n\n" + markdown_table(
        HEADER, "lrrrrlrrlrl", [_cells(r) for r in rows]
    )
    flags = f"{' --tie-break' if args.tie_break else ''}"
    body += (
        "\n</details>\n\nMeasured by `python benchmarks/schedule_bench.py "
        f"--sizes {args.sizes} --seeds {args.seeds} --goals {args.goals} "
        f"--time-limit {args.time_limit:g}{flags} --readme` on {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}, {args.workers} CP-SAT worker(s).\n"
    )
    return body


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module doc)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="50,100,200,300,500", help="courses per catalogue")
    parser.add_argument("--seeds", default="1,2,3", help="instances per size and goal")
    parser.add_argument("--goals", default="hours,balance", help="hours, balance or both")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per solver")
    parser.add_argument("--workers", type=int, default=1, help="CP-SAT workers")
    parser.add_argument("--tie-break", action="store_true", help="ours with tie-breaks too")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the proven optima differ anywhere"
    )
    parser.add_argument("--readme", action="store_true", help="rewrite benchmarks/README.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the family; print one line per instance, then the totals; return the exit code."""
    args = parse_args(argv)
    try:
        import scipy.optimize  # noqa: F401  (imported outside the timers)
    except ImportError:
        print("HiGHS needs scipy: pip install '.[bench]'", file=sys.stderr)
        return 2
    solver = load_solver()
    say = (lambda *a: print(*a, file=sys.stderr, flush=True)) if args.json else print
    if solver is None:
        say(NO_SOLVER)
    goals = [g.strip() for g in args.goals.split(",") if g.strip()]
    instances = family(
        [int(s) for s in args.sizes.split(",")], [int(s) for s in args.seeds.split(",")], goals
    )  # type: ignore[arg-type]
    rows = []
    for instance in instances:
        row = run_one(instance, solver, args)
        rows.append(row)
        if not args.json:
            print("  ".join(_cells(row)), flush=True)
    summary = totals(rows)
    if args.json:
        out = {"instances": rows, "totals": summary, "must_hold": must_hold(rows)}
        print(json.dumps(out, indent=2))
    else:
        for t in summary:
            print("total", *_total_cells(t))
        print("must hold (CP-SAT proven optimal, <= 200 courses, <= 10 s):", must_hold(rows))
    if args.readme:
        write_section("schedule_bench", readme_section(rows, args, solver is not None))
    bad = failures(rows)
    for line in bad:
        say("FAIL", line)
    return 1 if args.check and bad else 0


if __name__ == "__main__":
    sys.exit(main())
