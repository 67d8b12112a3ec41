"""Shared test helpers: independent checks, hypothesis strategies and generated data.

Every hypothesis strategy of the suite lives here; the tests import them.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import combinations, product
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import strategies as st

from curriculum.io.library import Library, LoadedCatalogue
from curriculum.io.team_file import Member, Team
from curriculum.model.standard import Catalogue, Standard
from curriculum.solve.problem import CoverProblem

# --------------------------------------------------------------------------- engines


@contextmanager
def rival(engine: str, delay: float | None = None) -> Iterator[None]:
    """The race's MIP solver set to ``engine`` within the block, and its start delay
    (covers' and max coverage's: ``auto`` then races on budgets too) to ``delay``."""
    from curriculum.solve import race

    saved = race.MIP_ENGINE, race.RIVAL_DELAY, race.COVERAGE_DELAY
    race.MIP_ENGINE = engine
    if delay is not None:
        race.RIVAL_DELAY = race.COVERAGE_DELAY = delay
    try:
        yield
    finally:
        race.MIP_ENGINE, race.RIVAL_DELAY, race.COVERAGE_DELAY = saved


# --------------------------------------------------------------------------- independent checks


def brute_force(problem: CoverProblem) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The best (objective vector, sorted columns) over every subset.

    Written without the engine's code: enumerates all subsets, keeps the covers
    and compares (objectives..., column count, sorted column list) in order.
    """
    n = len(problem.columns)
    best: tuple[tuple[int, ...], int, tuple[int, ...]] | None = None
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            chosen = set(subset)
            if not problem.forced <= chosen or not requirements_met(problem, chosen):
                continue
            covered = {i for j in subset for i in problem.covers[j]}
            if len(covered) != len(problem.items):
                continue
            value = tuple(sum(obj[j] for j in subset) for obj in problem.objectives)
            key = (value, len(subset), tuple(sorted(subset)))
            if best is None or key < best:
                best = key
    assert best is not None
    return best[0], best[2]


def requirements_met(problem: CoverProblem, chosen: set[int]) -> bool:
    """Whether every chosen column has an alternative of each requirement chosen
    (written apart from ``CoverProblem.meets_requirements``)."""
    for j in chosen:
        for group in problem.requires[j] if problem.requires else ():
            if not chosen.intersection(group):
                return False
    return True


def brute_force_coverage(
    problem: CoverProblem,
    weights: tuple[int, ...] | list[int],
    limits: tuple[int | None, ...],
) -> tuple[Any, ...] | None:
    """Best key (-weight, objectives..., count, sorted columns) over the subsets
    within ``limits`` that hold the forced columns and meet the requirements."""
    n = len(problem.columns)
    best = None
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            chosen = set(subset)
            if not problem.forced <= chosen or not requirements_met(problem, chosen):
                continue
            value = tuple(sum(obj[j] for j in subset) for obj in problem.objectives)
            if any(lim is not None and v > lim for v, lim in zip(value, limits, strict=False)):
                continue
            covered = {i for j in subset for i in problem.covers[j]}
            key = (-sum(weights[i] for i in covered), *value, size, subset)
            if best is None or key < best:
                best = key
    return best


def brute_force_team(library: Library, team: Team, limit: int = 2**14) -> tuple[int, int] | None:
    """The best (member-items covered, cost in cents) of a team plan without budgets.

    Written without the planner's code: each member's needed items (the highest
    level asking for each, less the items held), the courses meeting them, then
    every combination of each member's useful courses; a course with ``h``
    participants runs ``ceil(h / capacity)`` sessions, allowed when that many
    sessions hold ``min_participants`` each. Most items covered first, then
    least cost. ``None`` when there are more than ``limit`` combinations.
    """
    options: list[list[tuple[frozenset[int], tuple[str, ...]]]] = []
    total = 1
    for member in team.members:
        std = library.standards[member.standard]
        need: dict[str, int] = {}
        for task in std.expand_targets(member.targets):
            for item in task.items:
                need[item] = max(need.get(item) or 0, task.level or 0)
        for held in member.held:
            need.pop(held, None)
        items = sorted(need)

        def meets(code: str, item: str, std: Standard = std, need: dict[str, int] = need) -> bool:
            course = library.courses[code]
            return item in course.items_for(std.code) and (
                course.level is None or course.level >= need[item]
            )

        useful = [c for c in sorted(library.courses) if any(meets(c, i) for i in items)]
        total *= 2 ** len(useful)
        if total > limit:
            return None
        choices = []
        for size in range(len(useful) + 1):
            for subset in combinations(useful, size):
                got = frozenset(k for k, i in enumerate(items) if any(meets(c, i) for c in subset))
                choices.append((got, subset))
        options.append(choices)
    best: tuple[int, int] | None = None
    for combo in product(*options):
        heads: dict[str, int] = {}
        for _, subset in combo:
            for code in subset:
                heads[code] = heads.get(code, 0) + 1
        cents = 0
        for code, h in heads.items():
            course = library.courses[code]
            sessions = -(-h // (course.capacity or h))
            if (course.min_participants or 1) * sessions > h:
                break
            cents += sessions * round((course.session_cost or 0) * 100)
            cents += h * round((course.cost or 0) * 100)
        else:
            key = (-sum(len(got) for got, _ in combo), cents)
            if best is None or key < best:
                best = key
    assert best is not None
    return -best[0], best[1]


@contextmanager
def recording_cp_sat_solves(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Record every CP-SAT solve inside the block: yields the list of their ``num_workers``.

    Patches ``CpSolver.solve`` itself, so every caller in the package is seen,
    whichever module builds the model.
    """
    from ortools.sat.python import cp_model

    workers: list[int] = []
    original = cp_model.CpSolver.solve

    def solve(self: Any, *args: Any, **kwargs: Any) -> Any:
        workers.append(self.parameters.num_workers)
        return original(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(cp_model.CpSolver, "solve", solve)
        yield workers


Test = TypeVar("Test", bound=Callable[..., Any])


def fast_and_full(fast: int) -> Callable[[Test], Test]:
    """Run a hypothesis test twice: ``[fast]`` with ``fast`` examples in the default
    suite, ``[full]`` with the count of its own ``@settings`` under the slow mark
    (CI runs both: ``pytest`` then ``pytest -m slow``). Put it above ``@settings``;
    the ``hypothesis_examples`` fixture (tests/conftest.py) sets the count."""

    def twin(test: Test) -> Test:
        cases = [
            pytest.param(fast, id="fast"),
            pytest.param(None, id="full", marks=pytest.mark.slow),
        ]
        test = pytest.mark.usefixtures("hypothesis_examples")(test)
        return pytest.mark.parametrize("hypothesis_examples", cases, indirect=True)(test)

    return twin


# --------------------------------------------------------------------------- fresh processes

_FORK_EACH = """
import json, os, sys
from curriculum.cli import main
commands, out = json.loads(sys.argv[1]), sys.argv[2]
found = []
for args in commands:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            main(args)
        except SystemExit:
            pass
        sys.stdout.flush()
        os.write(write, json.dumps(sorted(sys.modules)).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    found.append(json.loads(data))
with open(out, "w", encoding="utf-8") as file:
    json.dump(found, file)
"""


def modules_after_commands(commands: list[list[str]], folder: Path) -> list[set[str]]:
    """The modules loaded by each command, as in a fresh ``python -c`` that imports
    ``curriculum.cli`` and calls ``main(args)``: one interpreter imports it, then
    each command runs in a child forked from it (the cost of one start-up, not one
    per command). Run in the repository's root; ``folder`` takes the result file."""
    root = Path(__file__).resolve().parent.parent
    out = folder / "modules.json"
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", _FORK_EACH, json.dumps(commands), str(out)],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [set(names) for names in json.loads(out.read_text(encoding="utf-8"))]


def top_level(modules: set[str]) -> set[str]:
    """The top-level packages among ``modules`` (``ortools.sat`` -> ``ortools``)."""
    return {name.split(".")[0] for name in modules}


# --------------------------------------------------------------------------- generated data


def write_generated_catalogue(
    path: Path, standard: str, items: list[str], count: int, seed: int = 1
) -> Path:
    """Write a seeded random catalogue of ``count`` courses claiming 2–5 of ``items``.

    The courses have no level (so they count at every level) and hours from 3 to 30;
    a few hundred of them leave the cover problem too big for the small-problem
    search, so plans over it reach CP-SAT.
    """
    rng = random.Random(seed)
    lines = ["provider: generated", "currency: TWD", "courses:"]
    for j in range(count):
        covers = ", ".join(sorted(rng.sample(items, rng.randint(2, 5))))
        hours = rng.randint(3, 30)
        lines += [
            f"  - code: G-{j:03d}",
            f"    title: generated {j}",
            f"    hours: {hours}",
            f"    cost: {hours * 500}",
            "    covers:",
            f"      {standard}: [{covers}]",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- hypothesis strategies


def programme_choices(codes: list[str], targets: list[str]) -> dict[str, st.SearchStrategy[Any]]:
    """Keyword strategies for a random review: courses, targets, min_courses, min_hours."""
    return {
        "courses": st.lists(st.sampled_from(codes), min_size=1, unique=True),
        "targets": st.lists(st.sampled_from(targets), unique=True, max_size=2),
        "min_courses": st.integers(0, 3),
        "min_hours": st.sampled_from([0, 3, 8]),
    }


@st.composite
def cover_problems(
    draw: st.DrawFn, max_columns: int = 9, max_items: int = 7, objectives: int = 3
) -> CoverProblem:
    """Small cover problems: every item coverable, up to two forced columns."""
    n_items = draw(st.integers(1, max_items))
    n_cols = draw(st.integers(1, max_columns))
    covers = [
        tuple(sorted(draw(st.sets(st.integers(0, n_items - 1), min_size=1, max_size=n_items))))
        for _ in range(n_cols)
    ]
    missing = set(range(n_items)) - {i for c in covers for i in c}
    if missing:  # make every item coverable by adding it to some column
        covers = [
            tuple(sorted(set(c) | (missing if j == 0 else set()))) for j, c in enumerate(covers)
        ]
    objs = tuple(tuple(draw(st.integers(0, 6)) for _ in range(n_cols)) for _ in range(objectives))
    forced = frozenset(draw(st.sets(st.integers(0, n_cols - 1), max_size=2)))
    return CoverProblem(
        items=tuple(f"i{i}" for i in range(n_items)),
        columns=tuple(f"c{j}" for j in range(n_cols)),
        covers=tuple(covers),
        objectives=objs,
        forced=forced,
    )


@st.composite
def redundant_problems(draw: st.DrawFn, max_columns: int = 10, max_items: int = 7) -> CoverProblem:
    """Small problems rich in ties, duplicate and nested columns, rare items."""
    n_items = draw(st.integers(1, max_items))
    n_cols = draw(st.integers(1, max_columns))
    covers: list[tuple[int, ...]] = []
    for _ in range(n_cols):
        if covers and draw(st.booleans()):  # a subset (or copy) of an earlier column
            base = draw(st.sampled_from(covers))
            sub = draw(st.sets(st.sampled_from(base), min_size=1, max_size=len(base)))
            covers.append(tuple(sorted(sub)))
        else:
            items = draw(st.sets(st.integers(0, n_items - 1), min_size=1, max_size=n_items))
            covers.append(tuple(sorted(items)))
    missing = set(range(n_items)) - {i for c in covers for i in c}
    if missing:
        covers[-1] = tuple(sorted(set(covers[-1]) | missing))
    n_obj = draw(st.integers(1, 2))
    objs = tuple(tuple(draw(st.integers(0, 3)) for _ in range(n_cols)) for _ in range(n_obj))
    forced = frozenset(draw(st.sets(st.integers(0, n_cols - 1), max_size=1)))
    return CoverProblem(
        items=tuple(f"i{i}" for i in range(n_items)),
        columns=tuple(f"c{j}" for j in range(n_cols)),
        covers=tuple(covers),
        objectives=objs,
        forced=forced,
    )


def draw_requires(
    draw: st.DrawFn, n_cols: int, max_groups: int = 2
) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """Random acyclic requirements with alternatives: a column names only columns
    later in a random order (so some columns need nothing)."""
    order = draw(st.permutations(range(n_cols)))
    rank = {j: r for r, j in enumerate(order)}
    requires = []
    for j in range(n_cols):
        later = [k for k in range(n_cols) if rank[k] > rank[j]]
        groups: list[tuple[int, ...]] = []
        if later:
            for _ in range(draw(st.integers(0, max_groups))):
                alts = draw(st.sets(st.sampled_from(later), min_size=1, max_size=3))
                groups.append(tuple(sorted(alts)))
        requires.append(tuple(groups))
    return tuple(requires)


@st.composite
def requires_problems(
    draw: st.DrawFn, max_columns: int = 9, max_items: int = 6, objectives: int = 2
) -> CoverProblem:
    """Small cover problems with prerequisites: some columns cover nothing (only
    needed as prerequisites), small objective values (many ties), up to one
    forced column."""
    n_items = draw(st.integers(1, max_items))
    n_cols = draw(st.integers(1, max_columns))
    covers = [
        tuple(sorted(draw(st.sets(st.integers(0, n_items - 1), max_size=n_items))))
        for _ in range(n_cols)
    ]
    missing = set(range(n_items)) - {i for c in covers for i in c}
    if missing:
        j = draw(st.integers(0, n_cols - 1))
        covers[j] = tuple(sorted(set(covers[j]) | missing))
    objs = tuple(tuple(draw(st.integers(0, 4)) for _ in range(n_cols)) for _ in range(objectives))
    return CoverProblem(
        items=tuple(f"i{i}" for i in range(n_items)),
        columns=tuple(f"c{j}" for j in range(n_cols)),
        covers=tuple(covers),
        objectives=objs,
        forced=frozenset(draw(st.sets(st.integers(0, n_cols - 1), max_size=1))),
        requires=draw_requires(draw, n_cols),
    )


@st.composite
def budget_instances(
    draw: st.DrawFn, prerequisites: bool = False
) -> tuple[CoverProblem, tuple[int, ...], int | None, int | None]:
    """(problem with minutes and cents objectives, item weights, max minutes, max cents)."""
    n_items = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 8))
    covers = [
        tuple(sorted(draw(st.sets(st.integers(0, n_items - 1), min_size=1, max_size=n_items))))
        for _ in range(n_cols)
    ]
    missing = set(range(n_items)) - {i for c in covers for i in c}
    covers[0] = tuple(sorted(set(covers[0]) | missing))
    objectives = tuple(tuple(draw(st.integers(0, 9)) for _ in range(n_cols)) for _ in range(2))
    problem = CoverProblem(
        items=tuple(f"i{i}" for i in range(n_items)),
        columns=tuple(f"c{j}" for j in range(n_cols)),
        covers=tuple(covers),
        objectives=objectives,
        forced=frozenset(draw(st.sets(st.integers(0, n_cols - 1), max_size=1))),
        requires=draw_requires(draw, n_cols) if prerequisites else (),
    )
    weights = tuple(draw(st.integers(1, 4)) for _ in range(n_items))
    max_minutes = draw(st.none() | st.integers(0, 30))
    max_cents = draw(st.none() | st.integers(0, 30))
    return problem, weights, max_minutes, max_cents


@st.composite
def random_teams(
    draw: st.DrawFn,
) -> tuple[Library, Team, int | None, int | None]:
    """(library of one random standard, team, max hours, max cost) for team planning."""
    items = [f"K0{i}" for i in range(1, 6)] + ["S01", "S02"]
    standard = Standard.model_validate(
        {
            "code": "RND-001v1",
            "name": "隨機",
            "duties": [
                {
                    "code": "T1",
                    "name": "d",
                    "tasks": [
                        {
                            "code": "T1.1",
                            "name": "a",
                            "knowledge": ["K01", "K02", "K03"],
                            "skills": ["S01"],
                        },
                        {
                            "code": "T1.2",
                            "name": "b",
                            "knowledge": ["K03", "K04", "K05"],
                            "skills": ["S02"],
                        },
                    ],
                }
            ],
            "items": [{"code": c, "kind": c[0], "name": c} for c in items],
        }
    )
    n_courses = draw(st.integers(2, 6))
    courses: list[dict[str, Any]] = []
    for k in range(n_courses):
        covers = draw(st.sets(st.sampled_from(items), min_size=1, max_size=4))
        cap = draw(st.none() | st.integers(1, 4))
        low = draw(st.none() | st.integers(1, 3))
        if cap is not None and low is not None and low > cap:
            low = cap
        courses.append(
            {
                "code": f"C{k}",
                "title": f"c{k}",
                "hours": draw(st.integers(1, 6)),
                "cost": draw(st.none() | st.integers(0, 50)),
                "session_cost": draw(st.none() | st.integers(0, 200)),
                "capacity": cap,
                "min_participants": low,
                "covers": {"RND-001v1": sorted(covers)},
            }
        )
    catalogue = Catalogue.model_validate({"courses": courses})
    library = Library({"RND-001v1": standard}, (LoadedCatalogue(Path("r.yaml"), catalogue),))
    members = tuple(
        Member(
            id=f"M{m}",
            department=draw(st.sampled_from(["A", "B"])),
            standard="RND-001v1",
            targets=tuple(draw(st.sets(st.sampled_from(["T1.1", "T1.2"]), max_size=2))),
            held=tuple(sorted(draw(st.sets(st.sampled_from(items), max_size=2)))),
        )
        for m in range(draw(st.integers(1, 6)))
    )
    max_hours = draw(st.none() | st.integers(1, 12))
    max_cost = draw(st.none() | st.integers(0, 600))
    return library, Team(members, "random"), max_hours, max_cost


@st.composite
def prerequisite_libraries(draw: st.DrawFn) -> tuple[Library, list[str]]:
    """(library of one small standard and a random catalogue with acyclic
    prerequisites and corequisites, with alternatives; targets)."""
    items = ["K01", "K02", "K03", "S01"]
    standard = Standard.model_validate(
        {
            "code": "PRQ-001v1",
            "name": "先修",
            "duties": [
                {
                    "code": "T1",
                    "name": "d",
                    "tasks": [
                        {"code": "T1.1", "name": "a", "knowledge": ["K01", "K02"]},
                        {"code": "T1.2", "name": "b", "knowledge": ["K03"], "skills": ["S01"]},
                    ],
                }
            ],
            "items": [{"code": c, "kind": c[0], "name": c} for c in items],
        }
    )
    n = draw(st.integers(1, 8))
    codes = [f"P-{k}" for k in range(n)]
    requires = draw_requires(draw, n)  # acyclic, over positions
    courses = []
    for k, code in enumerate(codes):
        covers = sorted(draw(st.sets(st.sampled_from(items), max_size=3)))
        groups = [[codes[a] for a in group] for group in requires[k]]
        co = draw(st.booleans()) and len(groups) > 1
        courses.append(
            {
                "code": code,
                "title": code,
                "hours": draw(st.integers(1, 4)),
                "cost": draw(st.integers(0, 3)),
                "covers": {"PRQ-001v1": covers} if covers else {},
                "prerequisites": groups[1:] if co else groups,
                "corequisites": groups[:1] if co else [],
            }
        )
    catalogue = Catalogue.model_validate({"courses": courses})
    library = Library({"PRQ-001v1": standard}, (LoadedCatalogue(Path("p.yaml"), catalogue),))
    targets = draw(st.sets(st.sampled_from(["T1.1", "T1.2"]), max_size=2))
    return library, sorted(targets)


# --------------------------------------------------------------------------- schedules


@st.composite
def schedule_problems(draw: st.DrawFn, max_columns: int = 5, max_periods: int = 3) -> Any:
    """Small schedule problems: random covers, prerequisite DAGs with alternatives,
    corequisites (mutual ones too), same-term requirements, allowed periods,
    per-period bounds and either goal."""
    from curriculum.solve.schedule_problem import ScheduleProblem

    n = draw(st.integers(1, max_columns))
    n_items = draw(st.integers(0, 3))
    covers = [
        tuple(sorted(draw(st.sets(st.integers(0, n_items - 1), max_size=n_items))))
        if n_items
        else ()
        for _ in range(n)
    ]
    missing = set(range(n_items)) - {i for c in covers for i in c}
    covers[0] = tuple(sorted(set(covers[0]) | missing))
    order = draw(st.permutations(range(n)))  # requirements point to earlier columns of it
    requires: list[tuple[tuple[int, ...], ...]] = []
    corequires: list[Any] = []
    together: list[list[tuple[int, ...]]] = [[] for _ in range(n)]
    for j in range(n):
        before = order[: order.index(j)]
        groups = st.lists(st.sets(st.sampled_from(before), min_size=1, max_size=2), max_size=2)
        requires.append(tuple(tuple(sorted(g)) for g in draw(groups)) if before else ())
        corequires.append(
            list(tuple(sorted(g)) for g in draw(groups)) if before and draw(st.booleans()) else []
        )
    for j in range(n):
        others = [k for k in range(n) if k != j]
        if others and draw(st.integers(0, 3)) == 0:  # same-term, or a mutual corequisite
            partner = draw(st.sampled_from(others))
            (together[j] if draw(st.booleans()) else corequires[j]).append((partner,))
            if draw(st.booleans()):
                (together[partner] if draw(st.booleans()) else corequires[partner]).append((j,))
    periods = draw(st.integers(1, max_periods))
    allowed = tuple(
        tuple(sorted(draw(st.sets(st.integers(0, periods - 1), min_size=1)))) for _ in range(n)
    )
    minutes = tuple(draw(st.integers(0, 6)) for _ in range(n))  # 0: a 0-credit course
    cents = tuple(draw(st.integers(0, 3)) for _ in range(n))
    cover = CoverProblem(
        items=tuple(f"i{i}" for i in range(n_items)),
        columns=tuple(f"c{j}" for j in range(n)),
        covers=tuple(covers),
        objectives=(minutes, cents),
        forced=frozenset(draw(st.sets(st.integers(0, n - 1), max_size=2))),
        requires=tuple(requires),
    )
    maybe = st.none() | st.integers(0, 10)
    return ScheduleProblem(
        cover=cover,
        periods=periods,
        allowed=allowed if draw(st.booleans()) else (),
        corequires=tuple(tuple(c) for c in corequires) if any(corequires) else (),
        together=tuple(tuple(t) for t in together) if any(together) else (),
        max_minutes=draw(st.none() | st.integers(4, 12)),
        min_minutes=draw(st.none() | st.integers(0, 4)),
        max_cents=draw(maybe),
        min_courses=draw(st.none() | st.integers(0, 2)),
        max_courses=draw(st.none() | st.integers(1, 3)),
        goal=draw(st.sampled_from(["hours", "balance"])),
    )


def brute_force_schedule(problem: Any) -> tuple[tuple[int, ...], dict[int, int]] | None:
    """The best (objective vector, placement) over every subset and placement, or None.

    Compares, in order: the goal's vector, the number of courses, the sorted list
    of columns, then the periods of the columns in column order.
    """
    from itertools import product

    n = len(problem.cover.columns)
    minutes, cents = problem.cover.objectives
    best: tuple[Any, ...] | None = None
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            if not problem.cover.is_cover(subset):
                continue
            for periods in product(*(problem.periods_of(j) for j in subset)):
                placement = dict(zip(subset, periods, strict=True))
                if problem.check(placement):
                    continue
                loads = [0] * problem.periods
                for j, p in placement.items():
                    loads[p] += minutes[j]
                total = sum(minutes[j] for j in subset)
                used = max(periods, default=-1) + 1
                cost = sum(cents[j] for j in subset)
                value = (total, used, cost)
                if problem.goal == "balance":
                    value = (max(loads), *value)
                key = (value, size, subset, periods)
                if best is None or key < best:
                    best = key
    return None if best is None else (best[0], dict(zip(best[2], best[3], strict=True)))
