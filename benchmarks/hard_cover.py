"""Hard least-hours plans: our engine against HiGHS at fixed time limits.

Set-cover instances with a large LP gap, where a MIP solver's bound and
incumbents matter (issue 10, point 5), in three seeded, deterministic families:

* ``rand-*``: random instances, 500-1,000 rows, 5,000-10,000 columns, 2-5%
  density, each row covered by at least two columns, costs 1-100 (``c``) or all
  1 (``u``, unicost);
* ``rail-*``: railway-crew-like instances, a few hundred rows (trips) and
  20,000-60,000 columns (duties) of cost 1-3, each covering 2-12 trips close to
  each other in time;
* ``esco-*``: ESCO occupations (essential and optional skills, from
  ``../shared/data``) against the 20,000-course synthetic catalogue of
  ``benchmarks/esco_scale.py`` (its builder, same seed): the candidate courses
  of one occupation, hours as the objective.

For each instance and time limit, our :func:`solve_cover` (least hours only,
``tie_break=False``) and HiGHS (``scipy.optimize.milp``, ``mip_rel_gap=0``, the
same limit) run one after the other; each reports its incumbent, its proven
bound, whether it proved the optimum, and its wall time (HiGHS's matrix is built
outside its timer; ours includes reductions, start and model building). When
ours proves the optimum within half the limit, it runs again with the tie-break
(as the CLI plans) to check that the ties are proven too. Usage::

    pip install '.[bench,esco]'
    python benchmarks/hard_cover.py                  # short list: limits 10 and 30 s
    python benchmarks/hard_cover.py --full --readme  # limits 10, 30, 60, 120 s, all instances
    python benchmarks/hard_cover.py --limits 10 --only rand-500-u,rail-400

The machine's load (``/proc/loadavg``) is printed before and after the run.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.instances import ESCO  # noqa: E402
from benchmarks.orlib import highs_matrix  # noqa: E402
from benchmarks.readme import markdown_table, write_section  # noqa: E402
from curriculum.solve.cover import SolveParams, solve_cover  # noqa: E402
from curriculum.solve.problem import CoverProblem  # noqa: E402

SHORT_LIMITS = (10.0, 30.0)
FULL_LIMITS = (10.0, 30.0, 60.0, 120.0)


# --------------------------------------------------------------------------- instances


def random_instance(rows: int, cols: int, density: float, unicost: bool, seed: int) -> CoverProblem:
    """Beasley-style random set cover: each row in ``density`` of the columns (at least two)."""
    rng = random.Random(seed)
    covers: list[set[int]] = [set() for _ in range(cols)]
    for i in range(rows):
        k = max(2, round(rng.gauss(density * cols, density * cols / 4)))
        for j in rng.sample(range(cols), min(cols, k)):
            covers[j].add(i)
    for j in range(cols):  # no empty column
        if not covers[j]:
            covers[j].add(rng.randrange(rows))
    costs = [1 if unicost else rng.randint(1, 100) for _ in range(cols)]
    return _problem(rows, covers, costs)


def rail_instance(rows: int, cols: int, seed: int) -> CoverProblem:
    """Railway-crew-like: duties cover 2-12 trips within a window of the timetable, cost 1-3."""
    rng = random.Random(seed)
    covers: list[set[int]] = []
    costs = []
    for _ in range(cols):
        size = rng.randint(2, 12)
        start = rng.randrange(rows)
        window = rng.randint(size, 4 * size)
        covers.append({(start + rng.randrange(window)) % rows for _ in range(size)})
        costs.append(min(3, 1 + len(covers[-1]) // 5 + (rng.random() < 0.2)))
    missing = set(range(rows)) - {i for c in covers for i in c}
    for i in missing:  # a single-trip duty of cost 3 for any trip nobody covers
        covers.append({i})
        costs.append(3)
    return _problem(rows, covers, costs)


def _problem(rows: int, covers: list[set[int]], costs: list[int]) -> CoverProblem:
    return CoverProblem(
        items=tuple(f"r{i}" for i in range(rows)),
        columns=tuple(f"c{j}" for j in range(len(covers))),
        covers=tuple(tuple(sorted(c)) for c in covers),
        objectives=(tuple(costs),),
    )


def esco_instance(occupation: str, courses: int = 20_000, seed: int = 1) -> CoverProblem:
    """One occupation against ``esco_scale.py``'s synthetic catalogue (same builder and seed).

    The catalogue is generated for every occupation, as ``esco_scale.py`` does (so
    the same random stream), then only the courses built for ``occupation`` are
    loaded with its standard: no other course covers its items.
    """
    from benchmarks.esco_scale import write_catalogue
    from curriculum.io.importers import ImportOptions, import_standards
    from curriculum.io.library import load_library
    from curriculum.io.writers import dump_standard
    from curriculum.planning.requirement import build_plan_problem, build_requirement
    from curriculum.request import Request

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        standards = import_standards(ESCO, "esco", ImportOptions(include_optional=True))
    target = next(s for s in standards if s.name.casefold() == occupation.casefold())
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        full, mine = base / "all.csv", base / "courses.csv"
        write_catalogue(full, standards, target, courses, seed)
        with full.open(encoding="utf-8") as src, mine.open("w", newline="") as out:
            rows = csv.reader(src)
            writer = csv.writer(out)
            writer.writerow(next(rows))
            writer.writerows(r for r in rows if r[4].startswith(f"{target.code}:"))
        (base / "standards").mkdir()
        (base / "standards" / f"{target.code}.yaml").write_text(
            dump_standard(target), encoding="utf-8"
        )
        library = load_library([base / "standards"], [mine])
        requirement = build_requirement(library.standard(target.code), Request())
        cover = build_plan_problem(library, requirement, Request()).cover
    hours = cover.objectives[:1]
    return CoverProblem(cover.items, cover.columns, cover.covers, hours, cover.forced)


@dataclass(frozen=True)
class Spec:
    """A named instance, its builder, and whether only ``--full`` runs it."""

    name: str
    build: Callable[[], CoverProblem]
    full_only: bool = False


SPECS = (
    Spec("rand-500-c", lambda: random_instance(500, 5000, 0.02, False, 1)),
    Spec("rand-500-u", lambda: random_instance(500, 5000, 0.02, True, 2)),
    Spec("rand-1000-c", lambda: random_instance(1000, 10000, 0.02, False, 3), True),
    Spec("rand-1000-u5", lambda: random_instance(1000, 10000, 0.05, True, 4), True),
    Spec("rail-400", lambda: rail_instance(400, 20000, 5)),
    Spec("rail-600", lambda: rail_instance(600, 60000, 6), True),
    Spec("esco-data-scientist", lambda: esco_instance("data scientist")),
    Spec("esco-software-developer", lambda: esco_instance("software developer"), True),
)


# --------------------------------------------------------------------------- solving


def solve_highs(problem: CoverProblem, matrix, limit: float) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """HiGHS with ``limit`` seconds: incumbent, bound, proven, time."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    start = time.perf_counter()
    result = milp(
        c=np.asarray(problem.objectives[0], dtype=float),
        constraints=LinearConstraint(matrix, lb=1, ub=np.inf),
        integrality=np.ones(len(problem.columns)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0, "time_limit": limit, "disp": False},
    )
    took = time.perf_counter() - start
    bound = getattr(result, "mip_dual_bound", None)
    return {
        "value": None if result.x is None else round(result.fun),
        # costs are integers: a bound b proves ceil(b) (a hair below for float noise)
        "bound": None if bound is None else int(np.ceil(bound - 1e-6)),
        "proven": result.status == 0,
        "time": took,
    }


def solve_ours(problem: CoverProblem, limit: float, tie_break: bool) -> dict:  # type: ignore[type-arg]
    """Our engine with ``limit`` seconds: incumbent, bound, proven, ties proven, time."""
    start = time.perf_counter()
    solution = solve_cover(problem, SolveParams(time_limit=limit, tie_break=tie_break))
    took = time.perf_counter() - start
    assert problem.is_cover(solution.chosen), "not a cover"
    return {
        "value": solution.value[0],
        "bound": solution.lower_bound,
        "proven": solution.status == "optimal",
        "ties": solution.ties_proven,
        "time": took,
    }


def run(specs: list[Spec], limits: tuple[float, ...]) -> list[dict]:  # type: ignore[type-arg]
    """Every instance at every limit, ours then HiGHS (then ours with ties when relevant)."""
    import scipy.optimize  # noqa: F401  (imports outside the timers)
    from ortools.sat.python import cp_model  # noqa: F401

    rows = []
    for spec in specs:
        problem = spec.build()
        matrix = highs_matrix(problem)
        size = f"{len(problem.items)} × {len(problem.columns)}"
        for limit in limits:
            ours = solve_ours(problem, limit, tie_break=False)
            highs = solve_highs(problem, matrix, limit)
            ties = None
            if ours["proven"] and ours["time"] <= limit / 2:
                ties = solve_ours(problem, limit, tie_break=True)["ties"]
            row = {"instance": spec.name, "size": size, "limit": limit}
            row.update({f"ours_{k}": v for k, v in ours.items()})
            row.update({f"highs_{k}": v for k, v in highs.items()})
            row["ties"] = ties
            row["met"] = met(row)
            rows.append(row)
            print(format_row(row), flush=True)
    return rows


def met(row: dict) -> bool:  # type: ignore[type-arg]
    """The issue's target: incumbent and bound at least as good as HiGHS's, proofs no slower.

    A proof "no slower" allows the larger of 1.5 × and + 0.5 s of HiGHS's time (noise).
    """
    value_ok = row["highs_value"] is None or row["ours_value"] <= row["highs_value"]
    bound_ok = row["highs_bound"] is None or row["ours_bound"] >= row["highs_bound"]
    proof_ok = not row["highs_proven"] or (
        row["ours_proven"]
        and row["ours_time"] <= max(1.5 * row["highs_time"], row["highs_time"] + 0.5)
    )
    ties_ok = row["ties"] is not False
    return value_ok and bound_ok and proof_ok and ties_ok


def _cells(row: dict) -> list[str]:  # type: ignore[type-arg]
    def side(who: str) -> list[str]:
        value = row[f"{who}_value"]
        return [
            "-" if value is None else str(value),
            "-" if row[f"{who}_bound"] is None else str(row[f"{who}_bound"]),
            "yes" if row[f"{who}_proven"] else "no",
            f"{row[f'{who}_time']:.1f}",
        ]

    ties = {None: "n/a", True: "yes", False: "NO"}[row["ties"]]
    return [
        row["instance"],
        row["size"],
        f"{row['limit']:g}",
        *side("ours"),
        *side("highs"),
        ties,
        "yes" if row["met"] else "**no**",
    ]


HEADER = (
    "instance",
    "rows × cols",
    "limit s",
    "ours",
    "bound",
    "proven",
    "ours s",
    "HiGHS",
    "bound",
    "proven",
    "HiGHS s",
    "ties proven",
    "target met",
)


def format_row(row: dict) -> str:  # type: ignore[type-arg]
    """One line of the terminal table."""
    return "  ".join(_cells(row))


def loadavg() -> str:
    """The three load averages of ``/proc/loadavg`` (or ``os.getloadavg``)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def readme_section(rows: list[dict], limits: tuple[float, ...], loads: tuple[str, str]) -> str:  # type: ignore[type-arg]
    """The ``hard_cover`` section of benchmarks/README.md."""
    table = markdown_table(HEADER, "llrrrlrrrlrll", [_cells(r) for r in rows])
    met_count = sum(r["met"] for r in rows)
    return (
        f"{table}\nTarget met in {met_count} of {len(rows)} runs (limits "
        f"{', '.join(f'{x:g}' for x in limits)} s). Load average (1, 5, 15 min) "
        f"{loads[0]} before and {loads[1]} after the run, on {os.cpu_count()} CPUs.\n"
    )


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="every instance, limits 10-120 s")
    parser.add_argument("--limits", help="comma-separated time limits in seconds")
    parser.add_argument("--only", help="comma-separated instance names")
    parser.add_argument("--readme", action="store_true", help="rewrite the hard_cover section")
    args = parser.parse_args()
    limits = FULL_LIMITS if args.full else SHORT_LIMITS
    if args.limits:
        limits = tuple(float(x) for x in args.limits.split(","))
    specs = [s for s in SPECS if args.full or not s.full_only]
    if args.only:
        wanted = args.only.split(",")
        unknown = sorted(set(wanted) - {s.name for s in SPECS})
        if unknown:
            parser.error(f"unknown instance(s): {', '.join(unknown)}")
        specs = [s for s in SPECS if s.name in wanted]
    before = loadavg()
    print(f"load average before: {before}; limits {limits}")
    print("  ".join(HEADER))
    rows = run(specs, limits)
    after = loadavg()
    print(f"load average after: {after}; target met in {sum(r['met'] for r in rows)}/{len(rows)}")
    if args.readme:
        write_section("hard_cover", readme_section(rows, limits, (before, after)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
