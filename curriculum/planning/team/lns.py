"""Large-neighbourhood search: a better start for large team plans.

On large teams CP-SAT does not improve the start it is given within minutes: its
model is too large for its local search. This search improves the start a part
at a time: it picks a neighbourhood (a few dozen members who can take one
course, or whose courses overlap, or of one department), holds every other
member's enrolments fixed (their heads fill seats of each course's sessions and
count towards its minimum), and solves the team model of the neighbourhood
exactly with CP-SAT for a short, deterministic effort. A better sub-plan
replaces the members' enrolments.

Which neighbourhoods are tried, and each sub-solve's answer, depend only on the
seed (CP-SAT's deterministic time limit, never the clock); how many fit in the
time given can vary, and the team plan is then labelled not proven anyway. The
plan found is a hint for the whole model's search, whose bound alone is reported.
Coverage must be a hard rule (``TeamLayout.required``) and the objective the
cost; prerequisites are rules of the sub-model as of the whole one.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from curriculum.planning.team.heuristics import TeamLayout
from curriculum.solve import cpsat
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams

HOOD = 15  # members per neighbourhood in a large team (from LARGE enrolment variables)
MID_HOOD = 25  # ... in a mid-size team (100 members: 2,113,050 TWD against 2,121,750 with 15)
LARGE = 20000  # enrolment variables of a large team (the 1,000-member benchmark: 88,036)
AMORTISED_SHARE = 0.5  # of the search's time, at most, for the amortised start
STEP_EFFORT = 0.1  # CP-SAT deterministic seconds per neighbourhood of HOOD members
STALL = 60  # neighbourhoods in a row without improvement that end the search
MAX_STEPS = 2000  # neighbourhoods at most (the search without a time limit ends)
PASSES = 10  # ... or this many times as many as it takes to cover a small team once


def better_start(
    layout: TeamLayout,
    chosen: Sequence[Sequence[int]],
    build: Callable[..., Any],
    *,
    groups: Sequence[str] = (),
    seed: int = 0,
    deadline: Deadline = NO_DEADLINE,
    progress: Callable[[str], None] | None = None,
) -> list[list[int]]:
    """The better of ``chosen`` and :func:`amortised_start`, improved by :func:`improve`
    with neighbourhoods of :func:`hood_size` members."""
    plan = [sorted(cols) for cols in chosen]
    other = amortised_start(layout, plan, deadline.part(AMORTISED_SHARE))
    if layout.is_feasible(layout.hint_from_choices(other, False), None, None) and layout.rank(
        other
    ) < layout.rank(plan):
        plan = other
    size = hood_size(layout.n_x)
    return improve(
        layout,
        plan,
        build,
        groups=groups,
        seed=seed,
        deadline=deadline,
        progress=progress,
        hood_size=size,
    )


def hood_size(enrolments: int) -> int:
    """Members per neighbourhood: :data:`HOOD` in a large team, :data:`MID_HOOD` below
    :data:`LARGE` enrolment variables (where a larger neighbourhood is still solved quickly)."""
    return HOOD if enrolments >= LARGE else MID_HOOD


def amortised_start(
    layout: TeamLayout, chosen: Sequence[Sequence[int]], deadline: Deadline
) -> list[list[int]]:
    """Each member's cheapest cover at amortised prices, then the start's repairs.

    A course's price per head is its per-head price plus its session price
    shared by the participants ``chosen`` gives it (by a full session when it
    has none): in a large team most sessions fill, which the member-by-member
    choices (each paying whole sessions alone) ignore. Members with the same
    cover problem and items to cover are solved once. Then, as for the start,
    courses below their minimum are re-planned and one pass moves members to
    cheaper courses at marginal prices (until ``deadline``). ``chosen`` itself when
    ``deadline`` passes before every member's cover is known.
    """
    assert layout.required is not None
    heads = layout.heads(chosen)
    price = {}
    for code in layout.codes:
        h = heads[code]
        if h:
            share = layout.session_cents[code] * layout.session_count(code, h) / h
        else:
            share = layout.session_cents[code] / (layout.courses[code].capacity or 1)
        price[code] = layout.head_cents[code] + round(share)
    plan: list[list[int]] = []
    solved: dict[tuple[Any, frozenset[int]], list[int]] = {}
    for m, need in enumerate(layout.needs):
        cover = need.problem.cover
        must = layout.required[m]
        key = (cover, must)
        if key not in solved:
            if deadline.expired():  # 1,000 members' covers take seconds: the start as it was
                return [list(cols) for cols in chosen]
            columns = [
                j
                for j, code in enumerate(cover.columns)
                if code in layout.running and must & set(cover.covers[j])
            ]
            cents = [price[cover.columns[j]] for j in columns]
            solved[key] = layout._cheapest_cover(m, sorted(must), columns, cents) if must else []
        plan.append(sorted({*solved[key], *cover.forced}))
    plan = layout.complete(layout.repair(layout.replan(plan, "cost")))
    plan = layout.share(plan, deadline)
    return layout.complete(layout.repair(layout.replan(plan, "cost")))


def improve(
    layout: TeamLayout,
    chosen: Sequence[Sequence[int]],
    build: Callable[..., Any],
    *,
    groups: Sequence[str] = (),
    seed: int = 0,
    deadline: Deadline = NO_DEADLINE,
    progress: Callable[[str], None] | None = None,
    hood_size: int = HOOD,
) -> list[list[int]]:
    """A plan at most as costly as ``chosen`` (a feasible plan), by neighbourhood search.

    Parameters
    ----------
    layout
        The team, with coverage as a hard rule.
    chosen
        Each member's chosen columns: a plan that meets every rule.
    build
        :func:`curriculum.planning.team.plan.build_team_model` (passed in, as that
        module imports this one).
    groups
        Each member's department (neighbourhoods of one department); may be empty.
    seed
        Seeds the choice of neighbourhoods and CP-SAT.
    deadline
        When no more neighbourhood starts.
    hood_size
        Members per neighbourhood; each sub-solve's effort grows with it.
    """
    assert layout.required is not None
    rng = random.Random(seed)
    plan = [sorted(cols) for cols in chosen]
    heads = layout.heads(plan)
    options = [
        frozenset(c for c in need.problem.cover.columns if c in layout.running)
        for need in layout.needs
    ]
    able: dict[str, list[int]] = {c: [] for c in sorted(layout.running)}
    for m, codes in enumerate(options):
        for c in codes:
            able[c].append(m)
    departments: dict[str, list[int]] = {}
    for m, group in enumerate(groups):
        departments.setdefault(group, []).append(m)
    effort = STEP_EFFORT * max(1.0, hood_size / HOOD)
    params = SolveParams(workers=1, seed=seed, cp_sat=(("max_deterministic_time", effort),))
    stall = 0
    # A small team is covered by a few neighbourhoods: its patience is a few passes.
    patience = min(STALL, PASSES * -(-len(plan) // hood_size))
    with cpsat.solver_session():
        for step in range(MAX_STEPS):
            if stall >= patience or deadline.expired():
                break
            kind = step % 3
            if kind == 0 and any(heads.values()):
                hood = _course_hood(rng, layout, plan, heads, able, hood_size)
            elif kind == 1 or not departments:
                hood = _similar_hood(rng, options, hood_size)
            else:
                members = departments[rng.choice(sorted(departments))]
                hood = sorted(rng.sample(members, min(hood_size, len(members))))
            saved = _resolve(layout, plan, heads, hood, build, params, deadline)
            stall = 0 if saved else stall + 1
            if saved and progress is not None:
                cost = layout.pooled_cents(plan) / 100
                progress(f"neighbourhood search: best {cost:,.0f} TWD, step {step + 1}")
    return plan


def _course_hood(
    rng: random.Random,
    layout: TeamLayout,
    plan: list[list[int]],
    heads: Counter[str],
    able: dict[str, list[int]],
    size: int,
) -> list[int]:
    """Members who take one running course (half) and others who could (the rest).

    The course is drawn with odds by the price of its empty seats (a session
    barely filled is where a plan wastes most), and some odds for every course.
    """
    codes = sorted(c for c, h in heads.items() if h)
    waste = []
    for c in codes:
        cap = layout.courses[c].capacity or heads[c]
        empty = layout.session_count(c, heads[c]) * cap - heads[c]
        waste.append(1 + layout.session_cents[c] * (1 + empty) / cap)
    code = rng.choices(codes, weights=waste)[0]
    taking = [m for m in able[code] if _takes(layout, plan, m, code)]
    others = [m for m in able[code] if not _takes(layout, plan, m, code)]
    hood = rng.sample(taking, min(len(taking), size // 2))
    hood += rng.sample(others, min(len(others), size - len(hood)))
    return sorted(hood)


def _takes(layout: TeamLayout, plan: list[list[int]], m: int, code: str) -> bool:
    columns = layout.needs[m].problem.cover.columns
    return any(columns[j] == code for j in plan[m])


def _similar_hood(rng: random.Random, options: list[frozenset[str]], size: int) -> list[int]:
    """A member and, drawn from the members whose courses overlap theirs most, others."""
    first = rng.randrange(len(options))
    others = [k for k in range(len(options)) if k != first]
    pool = sorted(others, key=lambda k: (-len(options[first] & options[k]), k))[: 3 * size]
    return sorted([first, *rng.sample(pool, min(len(pool), size - 1))])


def _resolve(
    layout: TeamLayout,
    plan: list[list[int]],
    heads: Counter[str],
    hood: list[int],
    build: Callable[..., Any],
    params: SolveParams,
    deadline: Deadline,
) -> bool:
    """Re-plan the members of ``hood`` with everyone else fixed; whether it saved anything."""
    assert layout.required is not None
    needs = [layout.needs[m] for m in hood]
    codes = sorted({c for need in needs for c in need.problem.cover.columns})
    sub = TeamLayout(
        needs,
        codes,
        layout.courses,
        layout.minutes_of,
        layout.head_cents,
        layout.session_cents,
        [layout.required[m] for m in hood],
        layout.running,
    )
    own = sub.heads([plan[m] for m in hood])
    fixed = {c: heads[c] - own[c] for c in codes if heads[c] > own[c]}
    tm = build(sub, "cost", False, None, None, fixed)
    before = sum(
        layout.session_cents[c] * layout.session_count(c, heads[c]) + layout.head_cents[c] * own[c]
        for c in codes
    )
    hint = [0] * len(tm.variables)
    for k, m in enumerate(hood):
        for j in plan[m]:
            hint[sub.offsets[k] + j] = 1
    for k, c in enumerate(codes):
        hint[sub.n_x + k] = layout.session_count(c, heads[c])
    tm.model.minimize(tm.stages[0].expr)
    for var, value in zip(tm.variables, hint, strict=True):
        tm.model.add_hint(var, value)
    solver, status = cpsat.solve_model(tm.model, params, deadline)
    if status not in (cpsat.OPTIMAL, cpsat.FEASIBLE) or round(solver.objective_value) >= before:
        return False
    values = [solver.value(v) for v in tm.variables[: tm.enrolments]]
    new = sub.choices(values)
    heads.subtract(own)
    heads.update(sub.heads(new))
    for m, cols in zip(hood, new, strict=True):
        plan[m] = cols
    return True
