"""Where a least-hours solve spends its time, phase by phase, on generated families.

Each phase of :func:`curriculum.solve.cover.solve_cover` (the reductions, the
greedy start and its local search, the relaxation's bound, the dual-guided
start, reduced-cost fixing, the CP-SAT model and its search) is timed by
wrapping its function for the run; CP-SAT's own wall time is read from the
solver. One warm-up solve first (imports); then each instance once, the
objective only (``tie_break=False``, as ``benchmarks/engines.py``). Figures are
milliseconds per instance, averaged over the seeds. Usage::

    python benchmarks/phases.py --families orlib-4,orlib-5 --seeds 1,2,5,6,7,8
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.families import BY_NAME  # noqa: E402
from curriculum.solve import cover, cpsat, fixing  # noqa: E402
from curriculum.solve.cover import SolveParams, solve_cover  # noqa: E402

PHASES = (
    (cover, "reduce_cover", "reductions"),
    (cover, "greedy_cover", "greedy start"),
    (cover, "local_search", "local search"),
    (cover, "relaxation_bound", "LP bound"),
    (cover, "dual_start", "dual-guided start"),
    (fixing.StageFixer, "fix_above", "fixing"),
    (cover, "_model", "CP-SAT model"),
    (cover, "_run", "stages (CP-SAT)"),
)


def timed(spent: dict[str, float]) -> list[tuple[Any, str, Any]]:
    """Wrap every phase so that its time adds to ``spent``: the originals, to restore."""
    saved = []
    for owner, name, label in PHASES:
        original = getattr(owner, name)
        saved.append((owner, name, original))
        setattr(owner, name, _clock(original, label, spent))
    solve_model = cpsat.solve_model
    saved.append((cpsat, "solve_model", solve_model))

    def solve_and_clock(*args: Any, **kwargs: Any) -> Any:
        solver, status = solve_model(*args, **kwargs)
        key = "CP-SAT's own wall time"
        spent[key] = spent.get(key, 0.0) + solver.wall_time
        return solver, status

    cpsat.solve_model = solve_and_clock
    return saved


def _clock(function: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

    return run


def measure(family: str, seeds: list[int]) -> tuple[float, dict[str, float]]:
    """(total seconds per instance, seconds per phase per instance) on ``family``."""
    problems = [BY_NAME[family].build(seed) for seed in seeds]
    params = SolveParams(time_limit=60, tie_break=False)
    solve_cover(problems[0], params)  # imports and first-use costs
    spent: dict[str, float] = {}
    saved = timed(spent)
    try:
        start = time.perf_counter()
        for problem in problems:
            solve_cover(problem, params)
        total = time.perf_counter() - start
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    count = len(problems)
    return total / count, {k: v / count for k, v in spent.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="orlib-4,orlib-5")
    parser.add_argument("--seeds", default="1,2,5,6,7,8")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    for family in args.families.split(","):
        total, spent = measure(family, seeds)
        print(f"{family}: {total * 1000:.1f} ms per instance ({len(seeds)} seeds)")
        for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
            print(f"  {label:24} {seconds * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
