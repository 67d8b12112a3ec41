"""Median cold wall time of common commands, each in a fresh Python process.

Usage (from the repository root)::

    python benchmarks/startup.py            # 15 runs of each command
    python benchmarks/startup.py --runs 31 --json
    python benchmarks/startup.py --readme   # also rewrite benchmarks/README.md

Every run starts a new interpreter (``python -m curriculum ...``) from the
repository root, so it reads ./standards and ./courses, as a user typing the
command there would; the operating system's file cache is warm after the first
run. The issue's targets: under 0.5 s for commands that do not solve, under
1.4 s for ``plan BAS1499-001v4 T1.2`` (importing OR-Tools alone takes about
0.85 s).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme import markdown_table, write_section  # noqa: E402

COMMANDS = {
    "curriculum --help": ["--help"],
    "curriculum standards show BAS1499-001v4": ["standards", "show", "BAS1499-001v4"],
    "curriculum validate": ["validate"],
    "curriculum plan BAS1499-001v4 T1.2": ["plan", "BAS1499-001v4", "T1.2"],
}
TARGETS = {"curriculum plan BAS1499-001v4 T1.2": 1.4}


def measure(args: list[str], runs: int) -> list[float]:
    """Wall times of ``runs`` fresh runs (after one unmeasured warm-up)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "curriculum", *args]
    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def readme_section(results: dict[str, dict[str, float]], runs: int) -> str:
    """The ``startup`` section of benchmarks/README.md: one row per command."""
    table = markdown_table(
        ("command", "median", "min–max", "target"),
        "lrrr",
        [
            (
                f"`{label}`",
                f"{r['median_s']:.3f} s",
                f"{r['min_s']:.3f}–{r['max_s']:.3f} s",
                f"< {r['target_s']:g} s",
            )
            for label, r in results.items()
        ],
    )
    return (
        f"{table}\n({runs} runs each, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}.)\n"
    )


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--readme", action="store_true", help="rewrite the startup section of benchmarks/README.md"
    )
    args = parser.parse_args()
    results = {}
    for label, argv in COMMANDS.items():
        times = measure(argv, args.runs)
        results[label] = {
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "target_s": TARGETS.get(label, 0.5),
        }
        if not args.json:
            r = results[label]
            ok = "ok" if r["median_s"] < r["target_s"] else "OVER"
            print(
                f"{label:42} median {r['median_s']:.3f} s  (min {r['min_s']:.3f}, "
                f"max {r['max_s']:.3f}; target < {r['target_s']} s: {ok})",
                flush=True,
            )
    if args.json:
        out = {"runs": args.runs, "load": os.getloadavg(), "results": results}
        print(json.dumps(out, indent=2))
    else:
        print(f"load average during the run: {os.getloadavg()[0]:.2f}")
    if args.readme:
        write_section("startup", readme_section(results, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
