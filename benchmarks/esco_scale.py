"""Scale benchmark: all ESCO occupations, and a 20,000-course synthetic catalogue.

Measures, on the full ESCO occupation-profiles parquet given on the command line:

1. importing every occupation (essential and optional skills) as standards;
2. writing them as YAML and validating them as ``curriculum validate`` does;
3. loading a synthetic catalogue of 20,000 courses over ESCO skills with the
   whole library (every claim checked against its standard);
4. planning one occupation (essential and optional skills) against it with the
   exact CP-SAT planner, and checking the plan is a valid cover: once for the
   least hours only, once with the CLI's tie-breaking (cost, fewer courses,
   course codes), each within ``--time-limit`` seconds.

The catalogue is random but seeded: each course is built for one occupation (a
quarter of them for the planned one) and teaches 1-8 of its skills, 4-60 hours.
Courses and prices are invented. Usage::

    pip install '.[esco]'
    python benchmarks/esco_scale.py PATH/esco_occupation_profiles.parquet \
        [--occupation "data scientist"] [--courses 20000] [--workers 2] [--seed 1] [--readme]

Timings go to standard output; they depend on the machine.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.readme import markdown_table, write_section
from curriculum.io.importers import ImportOptions, import_standards
from curriculum.io.library import load_library
from curriculum.io.writers import dump_standard
from curriculum.model.standard import Standard
from curriculum.planning.plan import explain
from curriculum.planning.requirement import build_plan_problem, build_requirement
from curriculum.request import Request
from curriculum.solve.cover import SolveParams, solve_cover


@contextmanager
def timed(label: str, rows: list[tuple[str, str, str]], detail: str = "") -> Iterator[None]:
    """Time a step and record it as a row of the report."""
    start = time.perf_counter()
    yield
    rows.append((label, f"{time.perf_counter() - start:.2f} s", detail))


def write_catalogue(
    path: Path, standards: list[Standard], target: Standard, count: int, seed: int
) -> None:
    """A seeded random catalogue of ``count`` courses, a quarter built for ``target``."""
    rng = random.Random(seed)
    others = [s for s in standards if s.items and s.code != target.code]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "title", "hours", "cost", "covers"])
        for n in range(count):
            standard = target if rng.random() < 0.25 else rng.choice(others)
            codes = [i.code for i in standard.items]
            taught = rng.sample(codes, min(len(codes), rng.randint(1, 8)))
            hours = rng.randint(4, 60)
            covers = ";".join(f"{standard.code}:{code}" for code in sorted(taught))
            writer.writerow([f"C{n:05d}", f"Synthetic course {n}", hours, hours * 40, covers])


def readme_section(rows: list[tuple[str, str, str]], args: argparse.Namespace) -> str:
    """The ``esco_scale`` section of benchmarks/README.md: one row per step."""
    table = markdown_table(("step", "time", "result"), "lrl", rows)
    return (
        f"{table}\nMeasured with `--workers {args.workers} --time-limit {args.time_limit:g}` "
        f"on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}.\n"
    )


def main() -> None:
    """Run the benchmark and print one row per step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parquet", type=Path)
    parser.add_argument("--occupation", default="data scientist")
    parser.add_argument("--courses", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument(
        "--readme",
        action="store_true",
        help="rewrite the esco_scale section of benchmarks/README.md",
    )
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        std_dir = Path(folder) / "standards"
        std_dir.mkdir()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with timed("import all occupations", rows):
                standards = import_standards(
                    args.parquet, "esco", ImportOptions(include_optional=True)
                )
        items = sum(len(s.items) for s in standards)
        rows[-1] = (*rows[-1][:2], f"{len(standards)} standards, {items} item entries")
        with timed("write YAML", rows):
            for standard in standards:
                (std_dir / f"{standard.code}.yaml").write_text(
                    dump_standard(standard), encoding="utf-8"
                )
        size = sum(p.stat().st_size for p in std_dir.iterdir()) / 2**20
        rows[-1] = (*rows[-1][:2], f"{size:.1f} MiB")
        empty = Path(folder) / "no-courses"
        empty.mkdir()
        with timed("validate (load and check every standard)", rows):
            library = load_library([std_dir], [empty])
        rows[-1] = (*rows[-1][:2], f"{len(library.standards)} standards valid")
        target = next(
            s for s in standards if s.name.casefold() == args.occupation.strip().casefold()
        )
        catalogue = Path(folder) / "courses.csv"
        with timed("generate catalogue", rows):
            write_catalogue(catalogue, standards, target, args.courses, args.seed)
        with timed("load library + catalogue (all claims checked)", rows):
            library = load_library([std_dir], [catalogue])
        rows[-1] = (*rows[-1][:2], f"{len(library.courses)} courses")
        with timed(f"build cover problem for {target.code} ({target.name})", rows):
            requirement = build_requirement(library.standard(target.code), Request())
            problem = build_plan_problem(library, requirement, Request())
        rows[-1] = (
            *rows[-1][:2],
            f"{len(requirement.items)} items, {len(problem.courses)} candidate courses, "
            f"gaps {len(problem.gaps)}",
        )
        for tie_break in (False, True):
            params = SolveParams(
                time_limit=args.time_limit, workers=args.workers, seed=0, tie_break=tie_break
            )
            label = "solve, ties broken (as the CLI)" if tie_break else "solve, least hours only"
            with timed(f"{label}, {args.workers} worker(s)", rows):
                solution = solve_cover(problem.cover, params)
            plan = explain(library, problem, solution)
            covered = {i for c in plan.courses for i in c.covers}
            needed = set(requirement.items)
            assert covered | set(plan.gaps) | set(plan.level_gaps) == needed, "not a cover"
            rows[-1] = (
                *rows[-1][:2],
                f"{len(plan.courses)} courses, {plan.total_hours:g} h, status {plan.status}, "
                f"lower bound {plan.lower_bound:g} h"
                + (f", ties proven: {solution.ties_proven}" if tie_break else ""),
            )
    width = max(len(r[0]) for r in rows)
    for label, seconds, detail in rows:
        print(f"{label:<{width}}  {seconds:>9}  {detail}")
    if args.readme:
        write_section("esco_scale", readme_section(rows, args))


if __name__ == "__main__":
    main()
