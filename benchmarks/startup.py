"""Median CPU time of common commands, each in a fresh Python process.

Usage (from the repository root)::

    python benchmarks/startup.py            # 15 runs of each command
    python benchmarks/startup.py --runs 31 --json
    python benchmarks/startup.py --base ../old-checkout   # before and after, same run
    python benchmarks/startup.py --readme   # also rewrite benchmarks/README.md
    python benchmarks/startup.py --base ../old-checkout --instructions   # needs valgrind

Every run starts a new interpreter (``python -m curriculum ...``) from the
tree's root, so it reads ./standards and ./courses, as a user typing the
command there would; the operating system's file cache is warm after the first
run. The figure is the CPU time (user + system) of the child process, which
another job on the machine slows far less than the wall time. Each tree is run
once first with ``PYTHONDONTWRITEBYTECODE`` unset, so its ``__pycache__`` is
warm, and every measured run leaves that variable unset. With ``--base``, runs
of the two trees alternate, so both see the same load. The issue's targets:
under 0.5 s for commands that do not solve, under 1.4 s for
``plan BAS1499-001v4 T1.2`` (importing OR-Tools alone takes about 0.85 s).

``--instructions`` counts instead the machine instructions of one run of each
command in each tree (valgrind's callgrind, ``PYTHONHASHSEED=0``): the same on a
busy machine as on a quiet one, so a few milliseconds' difference between two
trees shows even while other jobs run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme import markdown_table, write_section  # noqa: E402

COMMANDS = {
    "curriculum --help": ["--help"],
    "curriculum standards show BAS1499-001v4": ["standards", "show", "BAS1499-001v4"],
    "curriculum validate": ["validate"],
    "curriculum plan BAS1499-001v4 T1.2": ["plan", "BAS1499-001v4", "T1.2"],
    "curriculum courses list": ["courses", "list"],
}
TARGETS = {"curriculum plan BAS1499-001v4 T1.2": 1.4}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(tree: Path, args: list[str]) -> float:
    """CPU time (user + system, seconds) of one fresh ``python -m curriculum`` in ``tree``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    before = _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "curriculum", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        check=True,
    )
    return _children_cpu() - before


def instructions(tree: Path, args: list[str]) -> int:
    """Machine instructions of one ``python -m curriculum ARGS`` in ``tree`` (callgrind)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    command = [sys.executable, "-m", "curriculum", *args]
    subprocess.run(command, cwd=tree, env=env, capture_output=True, check=True)  # __pycache__
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"refs:\s*([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no instruction count:\n{done.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def count_instructions(trees: list[Path]) -> None:
    """Print each command's instruction count in each tree (base first)."""
    for label, argv in COMMANDS.items():
        counts = [instructions(tree, argv) / 1e6 for tree in trees]
        line = f"{label:42} {counts[-1]:8.1f} M instructions"
        if len(counts) > 1:
            change = 100 * (counts[-1] - counts[0]) / counts[0]
            line += f"  base {counts[0]:.1f} M, {change:+.1f}%"
        print(line, flush=True)


def measure(trees: list[Path], args: list[str], runs: int) -> list[list[float]]:
    """CPU times of ``runs`` fresh runs per tree, the trees alternating (after one
    unmeasured warm-up each, which also writes the trees' ``__pycache__``)."""
    for tree in trees:
        run_once(tree, args)
    times: list[list[float]] = [[] for _ in trees]
    for _ in range(runs):
        for i, tree in enumerate(trees):
            times[i].append(run_once(tree, args))
    return times


def summary(times: list[float], target: float) -> dict[str, float]:
    """Median, min and max of ``times`` with the command's target."""
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "target_s": target,
    }


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
        "--base", type=Path, help="another checkout, measured in the same run, runs alternating"
    )
    parser.add_argument(
        "--readme", action="store_true", help="rewrite the startup section of benchmarks/README.md"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count each command's machine instructions with valgrind (load-independent)",
    )
    args = parser.parse_args()
    trees = [ROOT] if args.base is None else [args.base.resolve(), ROOT]
    if args.instructions:
        count_instructions(trees)
        return 0
    results: dict[str, dict[str, float]] = {}
    base: dict[str, dict[str, float]] = {}
    for label, argv in COMMANDS.items():
        times = measure(trees, argv, args.runs)
        target = TARGETS.get(label, 0.5)
        results[label] = summary(times[-1], target)
        if args.base is not None:
            base[label] = summary(times[0], target)
        if not args.json:
            r = results[label]
            ok = "ok" if r["median_s"] < r["target_s"] else "OVER"
            line = (
                f"{label:42} median {r['median_s']:.3f} s  (min {r['min_s']:.3f}, "
                f"max {r['max_s']:.3f}; target < {r['target_s']} s: {ok})"
            )
            if label in base:
                b = base[label]["median_s"]
                line += f"  base {b:.3f} s, {1000 * (r['median_s'] - b):+.0f} ms"
            print(line, flush=True)
    if args.json:
        out = {"runs": args.runs, "load": os.getloadavg(), "results": results}
        if base:
            out["base"] = base
        print(json.dumps(out, indent=2))
    else:
        print(f"load average during the run: {os.getloadavg()[0]:.2f}")
    if args.readme:
        write_section("startup", readme_section(results, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
