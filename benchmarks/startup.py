"""Median cold wall time of common commands, each in a fresh Python process.

Usage (from the repository root)::

    python benchmarks/startup.py            # 15 runs of each command
    python benchmarks/startup.py --runs 31 --json

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


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
