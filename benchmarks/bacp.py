"""Solve the 28 public BACP instances with ``curriculum schedule``'s exact solver.

Usage (from the repository root)::

    python benchmarks/bacp.py                  # every instance in ../shared/benchmarks/bacp
    python benchmarks/bacp.py --only 1,16 --highs   # also cross-check the optimum with HiGHS
    python benchmarks/bacp.py --readme         # also rewrite its section of benchmarks/README.md
    python benchmarks/bacp.py --yaml 1 > catalogue.yaml   # one instance as a catalogue

The Balanced Academic Curriculum Problem (CSPLib prob030; data files from
MiniZinc/minizinc-benchmarks, MIT License): place every course (all 50 are
required: ``--courses all``) in one of 10 periods, each prerequisite in an
earlier period, every period within the instance's bounds on load and on the
number of courses, minimising the heaviest period's load (``--balance``). A
course's credits are read as its hours. Each instance is solved by
:func:`curriculum.solve.schedule.solve_schedule` exactly as the CLI solves it
(the goal, then total hours, periods used, cost, and the tie-break that makes the
placement unique); only the solve is timed. ``--highs`` solves the textbook MIP
of the same instance (every period bounded) with ``scipy.optimize.milp``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme import markdown_table, write_section  # noqa: E402
from curriculum.solve import cpsat  # noqa: E402
from curriculum.solve.params import SolveParams  # noqa: E402
from curriculum.solve.problem import CoverProblem  # noqa: E402
from curriculum.solve.schedule import solve_schedule  # noqa: E402
from curriculum.solve.schedule_problem import ScheduleProblem  # noqa: E402

DEFAULT_DIR = next(
    (
        folder / "shared" / "benchmarks" / "bacp"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "benchmarks" / "bacp").is_dir()
    ),
    ROOT.parent / "shared" / "benchmarks" / "bacp",
)


def read_bacp(path: Path) -> dict[str, object]:
    """The numbers of a ``bacp-N.mzn`` data file: sizes, bounds, loads, prerequisites."""
    text = path.read_text(encoding="utf-8")

    def number(name: str) -> int:
        found = re.search(rf"\b{name}\s*=\s*(\d+)\s*;", text)
        if found is None:
            raise ValueError(f"{path}: no {name}")
        return int(found.group(1))

    loads = re.search(r"course_load\s*=\s*\[([^\]]*)\]", text)
    if loads is None:
        raise ValueError(f"{path}: no course_load")
    return {
        "courses": number("n_courses"),
        "periods": number("n_periods"),
        "load_min": number("load_per_period_lb"),
        "load_max": number("load_per_period_ub"),
        "count_min": number("courses_per_period_lb"),
        "count_max": number("courses_per_period_ub"),
        "loads": [int(x) for x in re.findall(r"\d+", loads.group(1))],
        "prerequisites": [
            (int(a) - 1, int(b) - 1)
            for a, b in re.findall(r"prerequisite\(\s*(\d+)\s*,\s*(\d+)\s*\)", text)
        ],
    }


def code(j: int) -> str:
    """The catalogue code of course ``j`` (from 0)."""
    return f"C{j + 1:02d}"


def to_problem(data: dict[str, object]) -> ScheduleProblem:
    """The instance as the schedule problem ``--courses all --balance`` builds."""
    n = int(data["courses"])  # type: ignore[call-overload]
    loads = [60 * x for x in data["loads"]]  # type: ignore[attr-defined]
    requires: list[list[tuple[int, ...]]] = [[] for _ in range(n)]
    for course, before in data["prerequisites"]:  # type: ignore[attr-defined]
        requires[course].append((before,))
    cover = CoverProblem(
        items=(),
        columns=tuple(code(j) for j in range(n)),
        covers=((),) * n,
        objectives=(tuple(loads), (0,) * n),
        forced=frozenset(range(n)),
        requires=tuple(tuple(r) for r in requires),
    )
    return ScheduleProblem(
        cover,
        int(data["periods"]),  # type: ignore[call-overload]
        max_minutes=60 * int(data["load_max"]),  # type: ignore[call-overload]
        min_minutes=60 * int(data["load_min"]),  # type: ignore[call-overload]
        min_courses=int(data["count_min"]),  # type: ignore[call-overload]
        max_courses=int(data["count_max"]),  # type: ignore[call-overload]
        goal="balance",
    )


def to_yaml(data: dict[str, object], name: str) -> str:
    """The instance as a course catalogue (credits as hours) for the CLI."""
    requires: dict[int, list[str]] = {}
    for course, before in data["prerequisites"]:  # type: ignore[attr-defined]
        requires.setdefault(course, []).append(code(before))
    lines = [
        f"# BACP instance {name} (CSPLib prob030) from MiniZinc/minizinc-benchmarks,",
        "# MIT License, Copyright (c) 2016 MiniZinc (individual authors); converted by",
        "# benchmarks/bacp.py --yaml (credits as hours). Bounds: "
        f"load {data['load_min']}-{data['load_max']} h, "
        f"{data['count_min']}-{data['count_max']} courses per period, "
        f"{data['periods']} periods.",
        f"provider: BACP {name}",
        "courses:",
    ]
    for j, load in enumerate(data["loads"]):  # type: ignore[arg-type]
        lines += [f"  - code: {code(j)}", f"    title: Course {j + 1}", f"    hours: {load}"]
        if j in requires:
            lines.append(f"    prerequisites: [{', '.join(sorted(requires[j]))}]")
    return "\n".join(lines) + "\n"


def solve_highs(data: dict[str, object]) -> tuple[int | None, float]:
    """The textbook MIP of the instance with HiGHS: (optimum, seconds)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, m = int(data["courses"]), int(data["periods"])  # type: ignore[call-overload]
    loads = data["loads"]
    size = n * m + 1  # y[j, p] then the heaviest load

    def y(j: int, p: int) -> int:
        return j * m + p

    rows, lower, upper = [], [], []

    def row(entries: dict[int, float], lo: float, hi: float) -> None:
        vector = np.zeros(size)
        for k, v in entries.items():
            vector[k] = v
        rows.append(vector)
        lower.append(lo)
        upper.append(hi)

    for j in range(n):
        row({y(j, p): 1 for p in range(m)}, 1, 1)
    for p in range(m):
        row({y(j, p): loads[j] for j in range(n)}, data["load_min"], data["load_max"])  # type: ignore[index,arg-type]
        row({**{y(j, p): loads[j] for j in range(n)}, size - 1: -1}, -np.inf, 0)  # type: ignore[index]
        row({y(j, p): 1 for j in range(n)}, data["count_min"], data["count_max"])  # type: ignore[arg-type]
    for course, before in data["prerequisites"]:  # type: ignore[attr-defined]
        entries = {y(course, p): float(p) for p in range(m)}
        for p in range(m):
            entries[y(before, p)] = entries.get(y(before, p), 0) - p
        row(entries, 1, np.inf)
    cost = np.zeros(size)
    cost[-1] = 1
    started = time.perf_counter()
    result = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=np.ones(size),
        bounds=Bounds(np.zeros(size), np.r_[np.ones(size - 1), np.inf]),
        options={"mip_rel_gap": 0},
    )
    seconds = time.perf_counter() - started
    return (None if result.x is None else round(result.fun)), seconds


def instances(folder: Path, only: set[int] | None) -> list[Path]:
    """The instance files in their published order."""
    found = sorted(folder.glob("bacp-*.mzn"), key=lambda p: int(p.stem.split("-")[1]))
    return [p for p in found if only is None or int(p.stem.split("-")[1]) in only]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one line per instance and the total."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--only", help="instance numbers, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--highs", action="store_true", help="cross-check with HiGHS")
    parser.add_argument("--readme", action="store_true")
    parser.add_argument("--yaml", type=int, metavar="N", help="print instance N as a catalogue")
    args = parser.parse_args(argv)
    only = None if args.only is None else {int(x) for x in args.only.split(",")}
    if args.yaml is not None:
        path = args.dir / f"bacp-{args.yaml}.mzn"
        sys.stdout.write(to_yaml(read_bacp(path), path.stem))
        return 0
    rows, total, failures = [], 0.0, 0
    params = SolveParams(workers=args.workers)
    cpsat.new_model()  # import OR-Tools before the clock starts: only solves are timed
    for path in instances(args.dir, only):
        data = read_bacp(path)
        problem = to_problem(data)
        started = time.perf_counter()
        solution = solve_schedule(problem, params)
        seconds = time.perf_counter() - started
        total += seconds
        heaviest = solution.value[0] // 60
        proven = solution.status == "optimal" and solution.ties_proven
        assert problem.check(dict(solution.placement)) == [], path
        row = [path.stem, heaviest, "yes" if proven else "no", f"{seconds:.2f}"]
        if args.highs:
            optimum, highs_seconds = solve_highs(data)
            failures += optimum != heaviest
            row += [optimum, f"{highs_seconds:.2f}"]
        failures += not proven or seconds > 1.0
        rows.append(row)
        print(" ".join(str(c) for c in row), flush=True)
    print(f"total {total:.2f} s, {len(rows)} instances, {failures} over 1 s, unproven or differing")
    if args.readme:
        header = ["instance", "heaviest load", "proven", "seconds"]
        if args.highs:
            header += ["HiGHS optimum", "HiGHS s"]
        body = (
            f"Measured with `python benchmarks/bacp.py --workers {args.workers}"
            f"{' --highs' if args.highs else ''} --readme` on {os.cpu_count()} cores "
            f"(Python {sys.version.split()[0]}): total {total:.2f} s.\n\n"
            + markdown_table(header, "lrlr" + ("rr" if args.highs else ""), rows)
        )
        write_section("bacp", body)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
