"""Team plans: ours against every MIP solver at hand, on the same model, in one run.

For each case ``MxC:T`` (M members over a C-course synthetic catalogue, time
limit T seconds; see ``team_bench.py``) and each seed (the catalogue's seed; the
team's is the next one), one after the other:

* ``ours``: :func:`plan_team` (one CP-SAT worker, ``SolveParams.engine`` as given
  by ``--ours``: ``auto`` races the rival of :mod:`curriculum.planning.team.mip`;
  ``auto@CBC`` the same with another rival engine; ``cpsat`` CP-SAT alone);
* ``HiGHS (scipy)``, ``SCIP``, ``CBC``, ``HiGHS (OR-Tools)``: the cost model of
  :func:`curriculum.planning.team.mip.cost_model` (the one our rival solves), one
  thread each, relative gap 0, model building inside the timer
  (``team_highs.py``).

Each cell gives the best plan's cost (TWD) and its gap to the solver's own proven
bound; ``ours ahead`` says whether our gap is at most every peer's. Seeds 11 and
12 are for tuning, seed 1 is reported (the team of ``team_bench.py``). Usage::

    python benchmarks/team_engines.py --seeds 1 --readme
    python benchmarks/team_engines.py --cases 100x200:60 120x150:20 --seeds 11,12 \\
        --ours auto,auto@CBC,auto@SCIP,cpsat --skip "HiGHS (scipy),SCIP,CBC,HiGHS (OR-Tools)"
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.readme import markdown_table, write_section
from benchmarks.team_bench import parse_case, synthetic_library, synthetic_team
from benchmarks.team_highs import PEER_ENGINES, highs_team, mip_team
from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.planning.team import mip as team_mip
from curriculum.planning.team.plan import plan_team
from curriculum.request import Request
from curriculum.solve.params import SolveParams

DEFAULT_CASES = ("10x200:120", "100x200:60", "1000x200:120", "120x150:20")
PEERS = ("HiGHS (scipy)", *PEER_ENGINES)
Record = dict[str, Any]


def run_ours(spec: str, library: Library, team: Team, limit: float) -> Record:
    """Ours with ``spec`` (``ENGINE`` or ``ENGINE@RIVAL``)."""
    engine, _, rival = spec.partition("@")
    saved = team_mip.MIP_ENGINE
    team_mip.MIP_ENGINE = rival or saved
    start = time.perf_counter()
    try:
        plan = plan_team(library, Request(), SolveParams(time_limit=limit, engine=engine), team)
    finally:
        team_mip.MIP_ENGINE = saved
    wall = time.perf_counter() - start
    best = plan.total_cost
    bound = best * (1 - plan.optimality_gap)
    return {"wall": wall, "status": plan.status, "best": best, "bound": bound}


def run_peer(name: str, library: Library, team: Team, limit: float) -> Record:
    if name == "HiGHS (scipy)":
        return highs_team(library, team, limit)
    return mip_team(library, team, PEER_ENGINES[name], limit)


def cell(record: Record) -> str:
    """``cost (gap)``; ``optimal`` when proven."""
    best, bound = record["best"], record["bound"]
    if best is None:
        return "none"
    if record["status"] == "optimal":
        return f"{best:,.0f} (optimal, {record['wall']:.1f} s)"
    within = "" if bound is None else f" ({gap(record):.2%})"
    return f"{best:,.0f}{within}"


def gap(record: Record) -> float:
    """The plan's gap to the solver's own proven bound (``inf`` without a plan)."""
    best, bound = record["best"], record["bound"]
    if best is None:
        return float("inf")
    return (best - (bound or 0.0)) / best if best else 0.0


def ahead(row: Record, ours: str) -> bool:
    """Our gap at most every peer's (the targets are gaps: within 1% in 60 s...)."""
    peers = [r for n, r in row.items() if n in PEERS and isinstance(r, dict)]
    return gap(row[ours]) <= min((gap(r) for r in peers), default=float("inf")) + 1e-9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=list(DEFAULT_CASES), metavar="MxC:T")
    parser.add_argument("--seeds", default="1")
    parser.add_argument("--ours", default="auto", help="auto, cpsat, mip, auto@CBC ...")
    parser.add_argument("--skip", default="", help="peers to leave out (comma-separated)")
    parser.add_argument("--readme", action="store_true", help="rewrite benchmarks/README.md")
    args = parser.parse_args()
    ours = [("ours" if s == "auto" else f"ours ({s})", s) for s in args.ours.split(",")]
    skip = set(filter(None, args.skip.split(",")))
    peers = [p for p in PEERS if p not in skip]
    names = [n for n, _ in ours] + peers
    load = os.getloadavg()
    rows: list[Record] = []
    for case in args.cases:
        size, n_courses, limit = parse_case(case)
        for seed in (int(s) for s in args.seeds.split(",")):
            library = synthetic_library(seed, n_courses)
            team = synthetic_team(library, size, seed + 1)
            row: Record = {"case": case, "seed": seed}
            for name, spec in ours:
                row[name] = run_ours(spec, library, team, limit)
                print(f"{case} s{seed} {name}: {cell(row[name])}", flush=True)
            for name in peers:
                row[name] = run_peer(name, library, team, limit)
                print(f"{case} s{seed} {name}: {cell(row[name])}", flush=True)
            rows.append(row)
    lines = [
        [r["case"], r["seed"], *[cell(r[n]) for n in names]]
        + (["yes" if ahead(r, names[0]) else "**no**"] if peers else [])
        for r in rows
    ]
    header = ["case", "seed", *names] + (["ours ahead"] if peers else [])
    table = markdown_table(header, "lr" + "r" * len(names) + ("l" if peers else ""), lines)
    after = os.getloadavg()
    note = (
        f"Measured by `python benchmarks/team_engines.py {shlex.join(sys.argv[1:])}` on "
        f"{len(os.sched_getaffinity(0))} CPUs, load average {load[0]:.1f} before and "
        f"{after[0]:.1f} after; team cost in TWD and, in brackets, its gap to the "
        "solver's own proven bound (ours: the best bound either engine proved)."
    )
    print(table)
    print(note)
    if args.readme:
        write_section("team_engines", table + "\n\n" + note + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
