"""Benchmark: team plans for 10, 100 and 1,000 members over a 200-course catalogue.

Synthetic, seeded data (nothing from /work/shared): a standard of 10 duties x 4
tasks over 80 knowledge and 60 skill items, and 200 courses run as sessions
(trainer fee per session, materials per head, 8-30 seats, some with a minimum of
3 participants). Members get 1-3 random tasks and a few items already held.

For each team size it prints the wall time, whether the least cost was proven
(else the gap to the proven bound), and the team cost against the baseline the team
report uses: every member's own cheapest plan with the sessions shared (``saving``
and ``saving_share`` of the team JSON; "-" when the team plan covers less, not like
for like). The same plans priced alone (``saving_alone``'s baseline) come last, for
reference. Run from the repository root:

    python benchmarks/team_bench.py                 # the four cases below
    python benchmarks/team_bench.py --cases 100x200:60 120x150:20
    python benchmarks/team_bench.py --readme        # also rewrite benchmarks/README.md
    python benchmarks/team_bench.py --cases 100x200:60 --highs --highs-limit 900 --highs-log

A case ``MxC:T`` is a team of M members over a catalogue of C courses, solved
with a time limit of T seconds. The defaults are the targets of issue 10: 100
members within 1% in 60 s, 1,000 within 2% in 120 s, 120 members over 150
courses within 5% in 20 s (and 10 members, proven).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.readme import markdown_table, write_section
from curriculum.io.library import Library, LoadedCatalogue
from curriculum.io.team_file import Member, Team
from curriculum.model.standard import Catalogue, Standard
from curriculum.planning.team.plan import plan_team
from curriculum.request import Request
from curriculum.solve.cover import SolveParams

CODE = "SYN-001v1"


def synthetic_library(seed: int = 1, n_courses: int = 200) -> Library:
    """A seeded synthetic standard and a catalogue of ``n_courses`` session-priced courses."""
    rng = random.Random(seed)
    knowledge = [f"K{i:03d}" for i in range(1, 81)]
    skills = [f"S{i:03d}" for i in range(1, 61)]
    duties = []
    for d in range(1, 11):
        tasks = [
            {
                "code": f"T{d}.{t}",
                "name": f"task {d}.{t}",
                "level": rng.choice([3, 4]),
                "knowledge": sorted(rng.sample(knowledge, 6)),
                "skills": sorted(rng.sample(skills, 4)),
            }
            for t in range(1, 5)
        ]
        duties.append({"code": f"T{d}", "name": f"duty {d}", "tasks": tasks})
    items = [{"code": c, "kind": c[0], "name": c} for c in knowledge + skills]
    standard = Standard.model_validate(
        {"code": CODE, "name": "synthetic", "duties": duties, "items": items}
    )
    courses = []
    for k in range(n_courses):
        hours = rng.choice([3, 6, 6, 9, 12, 12, 18])
        capacity = rng.choice([8, 12, 20, 30])
        courses.append(
            {
                "code": f"C{k:03d}",
                "title": f"course {k}",
                "hours": hours,
                "level": rng.choice([3, 4, 4, 5]),
                "session_cost": hours * rng.choice([2000, 2500, 3000]),
                "cost": hours * rng.choice([100, 150, 200]),
                "capacity": capacity,
                "min_participants": rng.choice([1, 1, 1, 3]),
                "covers": {CODE: sorted(rng.sample(knowledge + skills, rng.randint(2, 8)))},
            }
        )
    catalogue = Catalogue.model_validate({"currency": "TWD", "courses": courses})
    return Library({CODE: standard}, (LoadedCatalogue(Path("synthetic.yaml"), catalogue),))


def synthetic_team(library: Library, size: int, seed: int = 2) -> Team:
    """``size`` members in 5 departments, each with 1-3 tasks and 0-3 held items."""
    rng = random.Random(seed)
    standard = library.standards[CODE]
    tasks = [t.code for t in standard.tasks]
    items = [i.code for i in standard.items]
    members = tuple(
        Member(
            id=f"M{n:04d}",
            department=f"D{rng.randint(1, 5)}",
            standard=CODE,
            targets=tuple(sorted(rng.sample(tasks, rng.randint(1, 3)))),
            held=tuple(sorted(rng.sample(items, rng.randint(0, 3)))),
        )
        for n in range(size)
    )
    return Team(members, f"synthetic-{size}")


DEFAULT_CASES = ("10x200:120", "100x200:60", "1000x200:120", "120x150:20")
QUICK_CASES = ("10x200:20", "100x200:20", "120x150:10")


def parse_case(text: str) -> tuple[int, int, float]:
    """``MxC:T`` as (members, courses, time limit)."""
    size, _, limit = text.partition(":")
    members, _, courses = size.partition("x")
    return int(members), int(courses or 200), float(limit or 120)


HEADER = (
    "members",
    "courses",
    "time limit (s)",
    "wall time (s)",
    "status",
    "gap to bound",
    "team cost (TWD)",
    "baseline: own plans, shared sessions (TWD)",
    "saving (TWD)",
    "saving",
    "own plans priced alone (TWD)",
    "items left out",
)
HIGHS_HEADER = ("HiGHS wall time (s)", "HiGHS status", "HiGHS cost (TWD)", "HiGHS gap to its bound")


def readme_section(rows: list[tuple[str, ...]], args: argparse.Namespace) -> str:
    """The ``team_bench`` section of benchmarks/README.md: one row per team size."""
    header = HEADER + (HIGHS_HEADER if args.highs else ())
    table = markdown_table(header, "RRRRlRRRRRRR" + ("RlRR" if args.highs else ""), rows)
    quick = "A `--quick` run (shorter limits, no 1,000-member case). " if args.quick else ""
    return (
        f"{table}\n{quick}Measured with {args.workers or 1} worker(s) on {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the end of the run.\n"
    )


def main() -> None:
    """Run the benchmark and print one row per team size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=list(DEFAULT_CASES), metavar="MxC:T")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="shorter limits (10x200:20 100x200:20 120x150:10), labelled as such in the README",
    )
    parser.add_argument(
        "--highs",
        action="store_true",
        help="also solve the same model with HiGHS (scipy.optimize.milp), same time limit",
    )
    parser.add_argument(
        "--highs-limit",
        type=float,
        metavar="S",
        help="HiGHS's own time limit (default: the case's), e.g. 900 to see it prove",
    )
    parser.add_argument("--highs-log", action="store_true", help="print HiGHS's progress lines")
    parser.add_argument(
        "--readme",
        action="store_true",
        help="rewrite the team_bench section of benchmarks/README.md",
    )
    args = parser.parse_args()
    if args.quick and args.cases == list(DEFAULT_CASES):
        args.cases = list(QUICK_CASES)
    header = HEADER + (HIGHS_HEADER if args.highs else ())
    print(markdown_table(header, "RRRRlRRRRRRR" + ("RlRR" if args.highs else ""), []), end="")
    rows: list[tuple[str, ...]] = []
    libraries: dict[int, Library] = {}
    for case in args.cases:
        size, n_courses, limit = parse_case(case)
        if n_courses not in libraries:
            libraries[n_courses] = synthetic_library(n_courses=n_courses)
        library = libraries[n_courses]
        team = synthetic_team(library, size)
        start = time.perf_counter()
        plan = plan_team(
            library, Request(), SolveParams(time_limit=limit, workers=args.workers), team
        )
        wall = time.perf_counter() - start
        row = (
            f"{size:,}",
            str(n_courses),
            f"{limit:g}",
            f"{wall:.1f}",
            plan.status,
            f"{plan.optimality_gap:.2%}",
            f"{plan.total_cost:,.0f}",
            f"{plan.pooled_cost:,.0f}",
            "-" if plan.saving is None else f"{plan.saving:,.0f}",
            "-" if plan.saving_share is None else f"{plan.saving_share:.1%}",
            f"{plan.alone_cost:,.0f}",
            str(sum(len(m.budget_gaps) for m in plan.members)),
        )
        if args.highs:
            from benchmarks.team_highs import highs_team

            h = highs_team(library, team, args.highs_limit or limit, args.highs_log)
            gap = (h["best"] - h["bound"]) / h["best"] if h["best"] and h["bound"] else None
            row += (
                f"{h['wall']:.1f}",
                h["status"],
                "-" if h["best"] is None else f"{h['best']:,.0f}",
                "-" if gap is None else f"{gap:.2%}",
            )
        rows.append(row)
        print("| " + " | ".join(row) + " |", flush=True)
    if args.readme:
        write_section("team_bench", readme_section(rows, args))


if __name__ == "__main__":
    main()
