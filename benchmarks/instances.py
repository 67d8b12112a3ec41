"""Instances and HiGHS reference solves shared by the budget and frontier benchmarks.

Three families of max-coverage problems (a :class:`CoverProblem` with objectives
minutes and cents, plus integer item weights):

* ``bas``: the shipped standard BAS1499-001v4 against the shipped catalogues;
* ``esco``: ESCO occupations (essential and optional skills) from
  ``../shared/data`` with seeded synthetic catalogues of 30-300 courses, each
  teaching 1-8 of the occupation's skills, 4-60 hours, a price of 30-60 per hour;
* ``orlib``: OR-Library set-cover instances (rows become items, costs both
  objectives).

HiGHS runs through ``scipy.optimize.milp`` with ``mip_rel_gap=0``; its matrices
are built outside the timers.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.orlib_reader import read_scp  # noqa: E402
from curriculum.solve.problem import CoverProblem  # noqa: E402

SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared").is_dir()), ROOT.parent / "shared"
)
ESCO = SHARED / "data" / "esco-v1.2-occupation-profiles" / "esco_occupation_profiles.parquet"
ORLIB = SHARED / "benchmarks" / "orlib"
OCCUPATIONS = ("data scientist", "software developer", "nurse responsible for general care")


@dataclass(frozen=True)
class Instance:
    """A named max-coverage instance."""

    name: str
    problem: CoverProblem
    weights: tuple[int, ...]


def bas_instance(weighted: bool = False) -> Instance:
    """BAS1499-001v4 against the shipped catalogues (unit weights, or 1-3 by item kind)."""
    from curriculum.io.library import load_library
    from curriculum.planning.requirement import build_plan_problem, build_requirement
    from curriculum.request import Request

    library = load_library()
    requirement = build_requirement(library.standard("BAS1499-001v4"), Request())
    cover = build_plan_problem(library, requirement, Request()).cover
    return Instance("BAS1499-001v4", cover, _weights(cover, weighted, 0))


def _weights(problem: CoverProblem, weighted: bool, seed: int) -> tuple[int, ...]:
    """Unit weights (1000 each), or seeded weights of 1-5 (thousandths, like the CLI)."""
    if not weighted:
        return (1000,) * len(problem.items)
    rng = random.Random(seed)
    return tuple(1000 * rng.randint(1, 5) for _ in problem.items)


def esco_instances(
    sizes: Sequence[int] = (30, 100, 300),
    occupations: Sequence[str] = OCCUPATIONS,
    *,
    seed: int = 1,
    weighted: bool = False,
) -> list[Instance]:
    """Synthetic catalogues of ``sizes`` courses over each ESCO occupation (see module doc)."""
    import pyarrow.parquet as pq

    table = pq.read_table(ESCO, columns=["occupation_name", "essential_skills", "optional_skills"])
    rows = {r["occupation_name"]: r for r in table.to_pylist()}
    result = []
    for occupation in occupations:
        row = rows[occupation]
        skills = sorted({*(row["essential_skills"] or []), *(row["optional_skills"] or [])})
        for size in sizes:
            rng = random.Random(f"{seed}-{occupation}-{size}")
            covers, minutes, cents = [], [], []
            for _ in range(size):
                covers.append(tuple(sorted(rng.sample(range(len(skills)), rng.randint(1, 8)))))
                hours = rng.randint(4, 60)
                minutes.append(hours * 60)
                cents.append(hours * rng.randint(30, 60) * 100)
            covered = sorted({i for c in covers for i in c})
            index = {i: k for k, i in enumerate(covered)}
            problem = CoverProblem(
                items=tuple(skills[i] for i in covered),
                columns=tuple(f"C{j:03d}" for j in range(size)),
                covers=tuple(tuple(index[i] for i in c) for c in covers),
                objectives=(tuple(minutes), tuple(cents)),
            )
            name = f"{occupation.split()[0]}-{size}"
            result.append(Instance(name, problem, _weights(problem, weighted, seed)))
    return result


def orlib_instance(name: str, weighted: bool = False) -> Instance:
    """An OR-Library instance with its costs as both objectives."""
    base = read_scp(ORLIB / f"{name}.txt")
    problem = CoverProblem(base.items, base.columns, base.covers, (base.objectives[0],) * 2)
    return Instance(name, problem, _weights(problem, weighted, 0))


# --------------------------------------------------------------------------- HiGHS


def highs_model(instance: Instance):  # type: ignore[no-untyped-def]
    """The coverage rows ``z_i - sum x_j <= 0`` as a sparse matrix over (x, z)."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack, identity

    problem = instance.problem
    rows, cols = [], []
    for j, col in enumerate(problem.covers):
        rows += col
        cols += [j] * len(col)
    m, n = len(problem.items), len(problem.columns)
    a = csr_matrix((-np.ones(len(rows)), (rows, cols)), shape=(m, n))
    return hstack([a, identity(m, format="csr")]).tocsr()


def _milp(c, rows, lbs, ubs, time_limit: float):  # type: ignore[no-untyped-def]
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import vstack

    return milp(
        c=np.asarray(c, dtype=float),
        constraints=LinearConstraint(vstack(rows).tocsr(), lb=lbs, ub=ubs),
        integrality=np.ones(len(c)),
        bounds=Bounds(0, 1),
        options={"mip_rel_gap": 0, "time_limit": max(0.01, time_limit), "disp": False},
    )


def highs_budget(
    instance: Instance, matrix, limits: Sequence[int | None], primary: int = 0, time_limit=600.0
) -> tuple[int | None, int | None, bool, float]:  # type: ignore[no-untyped-def]
    """Most weight within ``limits``, then least ``primary``: (weight, value, proven, seconds)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    problem, w = instance.problem, instance.weights
    m, n = len(problem.items), len(problem.columns)
    start = time.perf_counter()
    rows, lbs, ubs = [matrix], [np.full(m, -np.inf)], [np.zeros(m)]
    for objective, limit in zip(problem.objectives, limits, strict=False):
        if limit is not None:
            rows.append(csr_matrix(np.array([[*objective, *([0] * m)]], dtype=float)))
            lbs.append(np.array([-np.inf]))
            ubs.append(np.array([float(limit)]))
    c = [0] * n + [-x for x in w]
    first = _milp(c, rows, np.concatenate(lbs), np.concatenate(ubs), time_limit)
    if first.x is None or first.status != 0:
        return None, None, False, time.perf_counter() - start
    weight = round(-first.fun)
    rows.append(csr_matrix(np.array([[0] * n + list(w)], dtype=float)))
    lbs.append(np.array([weight - 0.5]))
    ubs.append(np.array([np.inf]))
    left = time_limit - (time.perf_counter() - start)
    second = _milp(
        [*problem.objectives[primary], *([0] * m)],
        rows,
        np.concatenate(lbs),
        np.concatenate(ubs),
        left,
    )
    took = time.perf_counter() - start
    if second.x is None:
        return weight, None, False, took
    return weight, round(second.fun), second.status == 0, took


def highs_frontier(
    instance: Instance, matrix, primary: int = 0, time_limit: float = 600.0
) -> tuple[list[tuple[int, int]], bool, float, int]:  # type: ignore[no-untyped-def]
    """Every efficient (weight, value) pair, one MILP per coverage level, lowest first.

    For each level ``k`` (from 1), the least ``primary`` covering at least ``k``
    weight; the next level is one above the weight that solution covers (levels
    it already reaches need no MILP of their own). Returns (points, all
    proven, seconds, MILPs solved).
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    problem, w = instance.problem, instance.weights
    m, n = len(problem.items), len(problem.columns)
    start = time.perf_counter()
    wrow = csr_matrix(np.array([[0] * n + list(w)], dtype=float))
    c = [*problem.objectives[primary], *([0] * m)]
    best: dict[int, int] = {0: 0}  # least value for each level reached
    level, total, solves = 1, sum(w), 0
    while level <= total:
        left = time_limit - (time.perf_counter() - start)
        if left <= 0:
            return _efficient(best), False, time.perf_counter() - start, solves
        result = _milp(
            c,
            [matrix, wrow],
            np.concatenate([np.full(m, -np.inf), [level - 0.5]]),
            np.concatenate([np.zeros(m), [np.inf]]),
            left,
        )
        solves += 1
        if result.x is None or result.status != 0:
            return _efficient(best), False, time.perf_counter() - start, solves
        x = np.round(result.x[:n]).astype(int)
        covered = {i for j in range(n) if x[j] for i in problem.covers[j]}
        reached = sum(w[i] for i in covered)
        best[reached] = min(best.get(reached, 1 << 62), round(result.fun))
        level = reached + 1
    return _efficient(best), True, time.perf_counter() - start, solves


def _efficient(best: dict[int, int]) -> list[tuple[int, int]]:
    """The (weight, value) pairs no other pair beats, lowest first."""
    points: list[tuple[int, int]] = []
    for weight in sorted(best, reverse=True):
        if not points or best[weight] < points[-1][1]:
            points.append((weight, best[weight]))
    return points[::-1]
