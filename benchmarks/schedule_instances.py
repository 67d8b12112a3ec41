"""Seeded scheduling instances (:class:`ScheduleProblem`) for ``schedule_bench.py``.

A generated catalogue looks like a provider's: ``n`` courses of 3-40 hours
(mostly 6-20) at 30-60 per hour, each covering 1-6 items of a standard of 30-200
items; 20-40% of the courses have prerequisites (one or two requirements, a
third of them with 2-3 alternatives), in chains up to four courses deep; about a
quarter run only in some periods (every other period, as "semester 2 only", or a
few periods); 4-12 periods.

Every instance is feasible by construction: a *witness* schedule is drawn first
(each course a period, every prerequisite's first alternative in an earlier
one, every course offered in its witness period) and the per-period bounds are
taken from it, so that they bind:

* goal ``hours`` (choose and place): the witness is a greedy cover closed under
  the prerequisites, placed in the witness periods; the hour cap is its heaviest
  period (and, for every other seed, the cost cap its dearest period). The
  least-hours cover then has to fit under a cap made for a spread-out schedule,
  which decides how few periods it can finish in;
* goal ``balance`` (a fixed curriculum, every course forced, as the Balanced
  Academic Curriculum Problem): the witness places every course; the hour cap
  is its heaviest period and the course-count bounds are its own, one wider.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curriculum.solve.problem import CoverProblem
from curriculum.solve.schedule_problem import ScheduleGoal, ScheduleProblem

MAX_DEPTH = 4  # courses in the longest prerequisite chain


@dataclass(frozen=True)
class ScheduleInstance:
    """A named generated instance and the witness schedule it was built around."""

    name: str
    problem: ScheduleProblem
    witness: dict[int, int]


@dataclass(frozen=True)
class _Catalogue:
    """The drawn catalogue before it becomes a problem."""

    minutes: tuple[int, ...]
    cents: tuple[int, ...]
    covers: tuple[tuple[int, ...], ...]
    requires: tuple[tuple[tuple[int, ...], ...], ...]
    allowed: tuple[tuple[int, ...], ...]
    witness: tuple[int, ...]
    items: int


def _hours(rng: random.Random) -> int:
    """3-40 hours, most courses between 6 and 20."""
    return max(3, min(40, round(rng.triangular(3, 40, 12))))


def _requirements(
    rng: random.Random, witness: Sequence[int], share: float
) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """Prerequisites for ``share`` of the courses (those not in the first witness period).

    Each requirement's first alternative sits in an earlier witness period; the
    others (a third of the requirements have 2-3 alternatives) too, which keeps
    the graph acyclic. Courses that already have prerequisites are preferred, so
    that chains form, up to ``MAX_DEPTH`` courses deep.
    """
    n = len(witness)
    order = sorted(range(n), key=lambda j: (witness[j], j))
    depth = [1] * n
    requires: list[tuple[tuple[int, ...], ...]] = [()] * n
    candidates = [j for j in range(n) if witness[j] > 0]
    with_prereqs = set(rng.sample(candidates, min(len(candidates), round(share * n))))
    for j in order:
        if j not in with_prereqs:
            continue
        earlier = [k for k in range(n) if witness[k] < witness[j] and depth[k] < MAX_DEPTH]
        if not earlier:
            continue
        deep = [k for k in earlier if depth[k] > 1]
        groups: list[tuple[int, ...]] = []
        for _ in range(1 if rng.random() < 0.75 else 2):
            size = 1 if rng.random() < 2 / 3 else rng.choice((2, 3))
            pool = deep if deep and rng.random() < 0.5 else earlier
            group = tuple(sorted(set(rng.sample(pool, min(size, len(pool))))))
            if group not in groups:
                groups.append(group)
        requires[j] = tuple(groups)
        depth[j] = 1 + max(depth[k] for g in groups for k in g)
    return tuple(requires)


def _allowed(
    rng: random.Random, witness: Sequence[int], periods: int
) -> tuple[tuple[int, ...], ...]:
    """Offering periods: 15% every other period, 10% a few periods, the rest all."""
    result = []
    everything = tuple(range(periods))
    for w in witness:
        draw = rng.random()
        if draw < 0.15:
            result.append(tuple(p for p in everything if p % 2 == w % 2))
        elif draw < 0.25:
            others = [p for p in everything if p != w]
            result.append(tuple(sorted({w, *rng.sample(others, rng.randint(0, periods // 3))})))
        else:
            result.append(everything)
    return tuple(result)


def _covers(rng: random.Random, n: int, items: int) -> tuple[tuple[int, ...], ...]:
    """1-6 items per course; an item no course drew goes to a course with room."""
    covers = [set(rng.sample(range(items), rng.randint(1, 6))) for _ in range(n)]
    covered = set().union(*covers)
    for i in range(items):
        if i not in covered:
            roomy = [j for j in range(n) if len(covers[j]) < 6] or list(range(n))
            covers[rng.choice(roomy)].add(i)
    return tuple(tuple(sorted(c)) for c in covers)


def draw_catalogue(n: int, periods: int, seed: int) -> _Catalogue:
    """The seeded catalogue of ``n`` courses over ``periods`` periods."""
    rng = random.Random(f"schedule-{n}-{periods}-{seed}")
    hours = [_hours(rng) for _ in range(n)]
    cents = tuple(h * rng.randint(30, 60) * 100 for h in hours)
    witness = tuple(rng.randrange(periods) for _ in range(n))
    requires = _requirements(rng, witness, rng.uniform(0.2, 0.4))
    allowed = _allowed(rng, witness, periods)
    items = max(30, min(200, round(n * rng.uniform(0.3, 0.6))))
    return _Catalogue(
        minutes=tuple(60 * h for h in hours),
        cents=cents,
        covers=_covers(rng, n, items),
        requires=requires,
        allowed=allowed,
        witness=witness,
        items=items,
    )


def _closure(cat: _Catalogue, chosen: set[int], new: int) -> set[int]:
    """``chosen`` (closed already) and ``new`` with, recursively, each requirement's
    first alternative unless one is there."""
    stack, result = [new], chosen | {new}
    while stack:
        j = stack.pop()
        for group in cat.requires[j]:
            if not any(k in result for k in group):
                result.add(group[0])
                stack.append(group[0])
    return result


def greedy_witness(cat: _Catalogue) -> set[int]:
    """A cover closed under prerequisites: least minutes (with prerequisites) per new item."""
    chosen: set[int] = set()
    covered: set[int] = set()
    while len(covered) < cat.items:
        best, best_ratio = -1, float("inf")
        for j in range(len(cat.minutes)):
            if j in chosen:
                continue
            new = len(set(cat.covers[j]) - covered)
            if new:
                extra = _closure(cat, chosen, j) - chosen
                ratio = sum(cat.minutes[k] for k in extra) / new
                if ratio < best_ratio:
                    best, best_ratio = j, ratio
        chosen = _closure(cat, chosen, best)
        covered = {i for j in chosen for i in cat.covers[j]}
    return chosen


def make_instance(n: int, periods: int, seed: int, goal: ScheduleGoal) -> ScheduleInstance:
    """The seeded instance of ``n`` courses, ``periods`` periods and ``goal``."""
    cat = draw_catalogue(n, periods, seed)
    every = frozenset(range(n))
    chosen = set(every) if goal == "balance" else greedy_witness(cat)
    witness = {j: cat.witness[j] for j in sorted(chosen)}
    loads = [0] * periods
    costs = [0] * periods
    counts = [0] * periods
    for j, p in witness.items():
        loads[p] += cat.minutes[j]
        costs[p] += cat.cents[j]
        counts[p] += 1
    cover = CoverProblem(
        items=tuple(f"I{i:03d}" for i in range(cat.items)),
        columns=tuple(f"C{j:03d}" for j in range(n)),
        covers=cat.covers,
        objectives=(cat.minutes, cat.cents),
        forced=every if goal == "balance" else frozenset(),
        requires=cat.requires,
    )
    used = [c for c in counts if c] or [0]
    problem = ScheduleProblem(
        cover=cover,
        periods=periods,
        allowed=cat.allowed,
        max_minutes=max(loads),
        max_cents=max(costs) if goal == "hours" and seed % 2 else None,
        min_courses=max(0, min(used) - 1) if goal == "balance" else None,
        max_courses=max(counts) + 1 if goal == "balance" else None,
        goal=goal,
    )
    name = f"{goal}-{n}-{periods}p-s{seed}"
    return ScheduleInstance(name, problem, witness)


def periods_for(n: int, seed: int) -> int:
    """The seeded number of periods (4-12) of the ``seed``-th instance of size ``n``."""
    return random.Random(f"periods-{n}-{seed}").randint(4, 12)


def family(
    sizes: Sequence[int], seeds: Sequence[int], goals: Sequence[ScheduleGoal]
) -> list[ScheduleInstance]:
    """Every (goal, size, seed) instance, goal by goal, smallest first."""
    return [
        make_instance(n, periods_for(n, seed), seed, goal)
        for goal in goals
        for n in sizes
        for seed in seeds
    ]


def schedule_value(problem: ScheduleProblem, placement: dict[int, int]) -> tuple[int, ...]:
    """The objective vector of a placement, computed here (independently of either solver).

    ``hours``: (minutes, periods used, cents); ``balance``: (heaviest period's
    minutes, minutes, periods used, cents). Periods used = the last used period + 1.
    """
    minutes, cents = problem.cover.objectives[0], problem.cover.objectives[1]
    total = sum(minutes[j] for j in placement)
    cost = sum(cents[j] for j in placement)
    used = max(placement.values(), default=-1) + 1
    if problem.goal == "hours":
        return (total, used, cost)
    loads = [0] * problem.periods
    for j, p in placement.items():
        loads[p] += minutes[j]
    return (max(loads), total, used, cost)
