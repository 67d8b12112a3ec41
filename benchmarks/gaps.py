"""The LP gap each family leaves after the starts: what the walk's threshold is chosen on.

For each instance, as the engine does: our reductions, the greedy start and its local
search, the relaxation's bound (:func:`curriculum.solve.relaxation.relaxation_bound`),
then the LP-priced start when the gap is above ``HARD_GAP``. A gap is ``(start -
ceil(bound)) / start`` in percent: after the local search, the quantity ``fixing.wide``
compares with ``HARD_GAP``; after the priced start, the one it compares with
``WALK_GAP`` (the row-weighting walk). Usage::

    python benchmarks/gaps.py --families orlib-6,orlib-A,orlib-B,orlib-C,orlib-D,unicost-200 \\
        --seeds 1,2,5,6
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.families import BY_NAME  # noqa: E402
from curriculum.solve.fixing import HARD_GAP, wide  # noqa: E402
from curriculum.solve.greedy import dual_start, greedy_cover, local_search  # noqa: E402
from curriculum.solve.params import Deadline  # noqa: E402
from curriculum.solve.presolve import reduce_cover  # noqa: E402
from curriculum.solve.relaxation import relaxation_bound  # noqa: E402


def gaps(family: str, seed: int) -> tuple[float, float] | None:
    """The instance's gaps in percent after the local search and after the priced start
    (``None``: the reductions solve it, or no bound in time)."""
    problem = reduce_cover(BY_NAME[family].build(seed), tie_break=False).problem
    if problem is None:
        return None
    best = local_search(problem, greedy_cover(problem))
    start = problem.value(best)[0]
    duals, prices = relaxation_bound(problem, start, Deadline.after(300))
    if duals is None:
        return None
    priced = start
    if wide(duals, start, HARD_GAP):
        priced = problem.value(dual_start(problem, prices, best))[0]
    bound = math.ceil(duals[0])
    return 100 * (start - bound) / start, 100 * (priced - bound) / priced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", default="orlib-6,orlib-A,orlib-B,orlib-C,orlib-D")
    parser.add_argument("--seeds", default="1,2,5,6")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    for family in args.families.split(","):
        found = [gaps(family, seed) for seed in seeds]
        shown = ", ".join("-" if g is None else f"{g[0]:.1f}% -> {g[1]:.1f}%" for g in found)
        print(f"{family} (seeds {args.seeds}; after local search -> priced start): {shown}")


if __name__ == "__main__":
    main()
