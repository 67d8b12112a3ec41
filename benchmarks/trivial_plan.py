"""A trivial but large plan, end to end: does ``plan --time-limit`` hold the limit?

Usage (from the repository root)::

    python benchmarks/trivial_plan.py                       # 50,000 items, 5,000 courses
    python benchmarks/trivial_plan.py --items 10000 --courses 1000 --profile

Writes (into a temporary folder, never committed) a standard of ``--items`` K items
in tasks of 1,000 and a catalogue of ``--courses`` disjoint courses of
``items / courses`` items each, so that every course is needed and the cover is
trivial; then runs ``curriculum plan CODE --time-limit LIMIT --format FORMAT`` in a
subprocess and prints its wall-clock time. With ``--profile`` the same command runs
under cProfile and the 25 heaviest functions (cumulative) are printed: that is how
the work past the limit (loading, reductions, the explanation, rendering) is found.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = "BIG-1"


def write_data(folder: Path, items: int, courses: int) -> None:
    """The standard (JSON) and the catalogue (JSON) of the trivial instance."""
    codes = [f"K{i:05d}" for i in range(items)]
    tasks = [
        {"code": f"T{t + 1}", "name": f"Task {t + 1}", "level": 3, "knowledge": codes[s : s + 1000]}
        for t, s in enumerate(range(0, items, 1000))
    ]
    standard = {
        "code": CODE,
        "name": "Trivial large standard",
        "framework": "table",
        "language": "en",
        "duties": [{"code": "D1", "name": "Duty", "tasks": tasks}],
        "items": [{"code": c, "kind": "K", "name": f"Item {c}"} for c in codes],
    }
    size = items // courses
    catalogue = {
        "courses": [
            {
                "code": f"C{c:05d}",
                "title": f"Course {c}",
                "hours": 3 + c % 5,
                "cost": 1000,
                "level": 3,
                "covers": {CODE: codes[c * size : (c + 1) * size]},
            }
            for c in range(courses)
        ]
    }
    (folder / "standards").mkdir()
    (folder / "standards" / f"{CODE}.json").write_text(json.dumps(standard), "utf-8")
    (folder / "courses.json").write_text(json.dumps(catalogue), "utf-8")


def command(folder: Path, args: argparse.Namespace) -> list[str]:
    """The ``plan`` command line on the written data."""
    return [
        "plan",
        CODE,
        "--standards",
        str(folder / "standards"),
        "--catalogue",
        str(folder / "courses.json"),
        "--time-limit",
        str(args.time_limit),
        "--format",
        args.format,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--courses", type=int, default=5_000)
    parser.add_argument("--time-limit", type=float, default=20)
    parser.add_argument("--format", default="table")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_data(folder, args.items, args.courses)
        line = command(folder, args)
        if args.profile:
            out = folder / "plan.prof"
            run = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "curriculum", *line]
        else:
            run = [sys.executable, "-m", "curriculum", *line]
        start = time.perf_counter()
        result = subprocess.run(run, env=env, capture_output=True, check=False)
        took = time.perf_counter() - start
        print(
            f"plan --time-limit {args.time_limit:g} on {args.items:,} items x "
            f"{args.courses:,} courses: exit {result.returncode}, {took:.1f} s wall, "
            f"{len(result.stdout):,} bytes out"
        )
        if result.returncode not in (0,):
            print(result.stderr.decode()[-2000:])
        if args.profile:
            import pstats

            pstats.Stats(str(out)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
