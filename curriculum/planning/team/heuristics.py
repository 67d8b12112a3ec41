"""Team-plan heuristics: shared sessions, re-planning and repair, from the member-by-member
start (:mod:`curriculum.planning.team.alone`).

They give the team solver a good feasible start; none of them claims optimality.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from curriculum.io.team_file import Team
from curriculum.model.standard import Course
from curriculum.planning.team.alone import Need as Need
from curriculum.planning.team.alone import plan_alone as plan_alone
from curriculum.planning.team.result import Objective
from curriculum.solve.cover import solve_cover
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams
from curriculum.solve.problem import CoverProblem

MEMBER_SEARCH_COLUMNS = 40
"""Columns up to which a member's own cover is settled by the exact depth-first search
rather than CP-SAT (a single plan's 64 keeps OR-Tools unloaded; a team loads it
anyway). Chosen on tuning seeds 11-12 (``synthetic_team`` of 300 members over 200 and
150 courses, ``benchmarks/team_bench.py``): the members' own plans took 13.69 s in all
with 64, 7.53 s with 48, 7.22 s with 40, 8.31 s with 32. On report seeds 2-3: 1,000
members 14.25 -> 7.23 s and 16.22 -> 7.62 s; 100 members 1.22 -> 0.58 s and 2.64 ->
0.83 s; 120 members over 150 courses 0.41 -> 0.87 s and 0.64 -> 0.55 s; the same plans."""
ONE = SolveParams(workers=1, search_columns=MEMBER_SEARCH_COLUMNS)
"""The members' small covers: one worker, within the team's deadline."""


@dataclass
class TeamLayout:
    """Where each variable sits in the flat list, and the bookkeeping around it."""

    needs: list[Need]
    codes: list[str]
    courses: dict[str, Course]
    minutes_of: dict[str, int]
    head_cents: dict[str, int]
    session_cents: dict[str, int]
    required: list[frozenset[int]] | None = None  # member-items to cover, when a hard rule
    running: frozenset[str] = frozenset()  # the courses that can run, with ``required``
    deadline: Deadline = NO_DEADLINE  # the team solve's: its own small covers keep it too

    def __post_init__(self) -> None:
        self.offsets = []
        n = 0
        for need in self.needs:
            self.offsets.append(n)
            n += len(need.problem.cover.columns)
        self.n_x = n
        self.n_sessions = len(self.codes)
        self.cov_offsets = []
        k = 0
        for need in self.needs:
            self.cov_offsets.append(k)
            k += len(need.problem.cover.items)
        self.n_cov = k
        self.coverable = k

    def choices(self, values: Sequence[int]) -> list[list[int]]:
        """The chosen columns of each member."""
        return [
            [j for j in range(len(need.problem.cover.columns)) if values[self.offsets[m] + j]]
            for m, need in enumerate(self.needs)
        ]

    def heads(self, chosen: Sequence[Iterable[int]]) -> Counter[str]:
        """Participants per course code."""
        heads: Counter[str] = Counter()
        for need, cols in zip(self.needs, chosen, strict=True):
            for j in cols:
                heads[need.problem.cover.columns[j]] += 1
        return heads

    def session_count(self, code: str, heads: int) -> int:
        """The fewest sessions that seat ``heads`` (always within the minimum rule)."""
        cap = self.courses[code].capacity
        return 0 if heads == 0 else 1 if cap is None else math.ceil(heads / cap)

    def pooled_cents(self, chosen: Sequence[Iterable[int]]) -> int:
        """Cost of the choices with sessions shared (seats and heads only)."""
        heads = self.heads(chosen)
        return sum(
            self.session_count(c, h) * self.session_cents[c] + h * self.head_cents[c]
            for c, h in heads.items()
        )

    def rank(self, chosen: Sequence[Iterable[int]]) -> tuple[int, int]:
        """(uncovered pairs, cost with shared sessions): smaller is better."""
        return (-self.covered(chosen), self.pooled_cents(chosen))

    def share(self, chosen: list[list[int]], deadline: Deadline) -> list[list[int]]:
        """Improve a starting plan member by member, at the marginal price of each course.

        A member moves to other courses when, given everyone else's, that covers
        what they cover now for less: joining a session with a free seat costs the
        per-head price only. One pass in team order (stopped by the deadline).
        """
        chosen = [list(cols) for cols in chosen]
        heads = self.heads(chosen)
        for m, need in enumerate(self.needs):
            if deadline.expired():
                break
            cover = need.problem.cover
            for j in chosen[m]:
                heads[cover.columns[j]] -= 1

            def price(code: str) -> int | None:
                h = heads[code]
                low = self.courses[code].min_participants or 1
                if h + 1 < low:
                    return None  # cannot run with this member alone
                cap = self.courses[code].capacity
                new_session = h == 0 or (cap is not None and h % cap == 0)
                return self.head_cents[code] + (self.session_cents[code] if new_session else 0)

            prices = {j: price(cover.columns[j]) for j in range(len(cover.columns))}
            current = {i for j in chosen[m] for i in cover.covers[j]}
            allowed = [j for j, c in prices.items() if c is not None and cover.covers[j]]
            reach = {i for j in allowed for i in cover.covers[j]}
            if current <= reach and current and not cover.requires:
                items = sorted(current)
                index = {i: k for k, i in enumerate(items)}
                columns = [j for j in allowed if set(cover.covers[j]) & current]
                sub = CoverProblem(
                    items=tuple(cover.items[i] for i in items),
                    columns=tuple(cover.columns[j] for j in columns),
                    covers=tuple(
                        tuple(index[i] for i in cover.covers[j] if i in index) for j in columns
                    ),
                    objectives=(
                        tuple(prices[j] or 0 for j in columns),
                        tuple(self.minutes_of[cover.columns[j]] for j in columns),
                    ),
                )
                picked = sorted(columns[k] for k in solve_cover(sub, ONE, self.deadline).chosen)
                old_price = (
                    sum(prices[j] or 0 for j in chosen[m])
                    if all(prices[j] is not None for j in chosen[m])
                    else None
                )
                if old_price is None or sum(prices[j] or 0 for j in picked) < old_price:
                    chosen[m] = picked
            for j in chosen[m]:
                heads[cover.columns[j]] += 1
        return chosen

    def replan(self, chosen: list[list[int]], objective: Objective) -> list[list[int]]:
        """Re-plan the members whose courses cannot reach their minimum participants.

        Such a course is barred for them and they are planned again alone, paying
        only the per-head price for a course that runs anyway; a few rounds, as a
        barred course can make another one fall below its minimum.
        """
        barred: list[set[int]] = [set() for _ in chosen]
        for _ in range(5):
            heads = self.heads(chosen)
            short = {
                code
                for code, h in heads.items()
                if h < (self.courses[code].min_participants or 1) * self.session_count(code, h)
            }
            if not short:
                break
            running = {code for code, h in heads.items() if h and code not in short}
            for m, cols in enumerate(chosen):
                columns = self.needs[m].problem.cover.columns
                hit = {j for j in cols if columns[j] in short}
                if not hit:
                    continue
                barred[m] |= hit
                chosen[m] = self._alone_again(m, barred[m], running, objective)
        return chosen

    def _alone_again(
        self, m: int, barred: set[int], running: set[str], objective: Objective
    ) -> list[int]:
        """Member ``m`` planned alone without ``barred`` columns, at marginal prices."""
        cover = self.needs[m].problem.cover
        allowed = [j for j in range(len(cover.columns)) if j not in barred]
        items = sorted({i for j in allowed for i in cover.covers[j]})
        if not items or cover.requires:  # with prerequisites: nothing (a feasible start)
            return []
        index = {i: k for k, i in enumerate(items)}
        columns = [j for j in allowed if cover.covers[j]]
        cents = tuple(
            self.head_cents[cover.columns[j]]
            + (0 if cover.columns[j] in running else self.session_cents[cover.columns[j]])
            for j in columns
        )
        minutes = tuple(self.minutes_of[cover.columns[j]] for j in columns)
        sub = CoverProblem(
            items=tuple(cover.items[i] for i in items),
            columns=tuple(cover.columns[j] for j in columns),
            covers=tuple(tuple(index[i] for i in cover.covers[j]) for j in columns),
            objectives=(cents, minutes) if objective == "cost" else (minutes, cents),
        )
        solution = solve_cover(sub, ONE, self.deadline)
        return sorted(columns[k] for k in solution.chosen)

    def complete(self, chosen: Sequence[Iterable[int]]) -> list[list[int]]:
        """Member choices extended to cover every ``required`` item (when coverage is a rule).

        Each member missing items adds the courses that cover them most cheaply
        at marginal prices (a running session's free seat costs the per-head
        price); then every course whose participants cannot fill whole sessions
        is given to all members who can take it, which always seats them (see
        :func:`curriculum.planning.team.plan.most_coverage`).
        """
        result = [sorted(cols) for cols in chosen]
        if self.required is None:
            return result
        heads = self.heads(result)
        for m, need in enumerate(self.needs):
            cover = need.problem.cover
            have = {i for j in result[m] for i in cover.covers[j]}
            missing = self.required[m] - have
            if not missing:
                continue
            columns = [
                j
                for j, code in enumerate(cover.columns)
                if code in self.running and missing & set(cover.covers[j])
            ]
            cents = [
                self.head_cents[cover.columns[j]]
                + (0 if heads[cover.columns[j]] else self.session_cents[cover.columns[j]])
                for j in columns
            ]
            added = self._cheapest_cover(m, sorted(missing), columns, cents)
            result[m] = sorted(set(result[m]) | set(added))
            for j in added:
                heads[cover.columns[j]] += 1
        for code, h in sorted(heads.items()):
            if h < (self.courses[code].min_participants or 1) * self.session_count(code, h):
                for m, need in enumerate(self.needs):
                    names = need.problem.cover.columns
                    if code in names and names.index(code) not in result[m]:
                        result[m] = sorted([*result[m], names.index(code)])
        return result

    def _cheapest_cover(
        self, m: int, items: list[int], columns: list[int], cents: list[int]
    ) -> list[int]:
        """The columns of member ``m`` among ``columns`` covering ``items`` at least cost."""
        cover = self.needs[m].problem.cover
        index = {i: k for k, i in enumerate(items)}
        sub = CoverProblem(
            items=tuple(cover.items[i] for i in items),
            columns=tuple(cover.columns[j] for j in columns),
            covers=tuple(tuple(index[i] for i in cover.covers[j] if i in index) for j in columns),
            objectives=(tuple(cents), tuple(self.minutes_of[cover.columns[j]] for j in columns)),
        )
        return sorted(columns[k] for k in solve_cover(sub, ONE, self.deadline).chosen)

    def repair(self, chosen: Sequence[Iterable[int]]) -> list[list[int]]:
        """Member choices trimmed so that every session reaches its minimum.

        For each course the last members (in team order) are dropped until the
        participants fill whole sessions of at least ``min_participants``.
        """
        result = [sorted(cols) for cols in chosen]
        heads = self.heads(result)
        for code, h in sorted(heads.items()):
            keep = h
            low = self.courses[code].min_participants or 1
            while keep and keep < low * self.session_count(code, keep):
                keep -= 1
            drop = h - keep
            for m in reversed(range(len(result))):
                if drop == 0:
                    break
                columns = self.needs[m].problem.cover.columns
                kept = [j for j in result[m] if columns[j] != code]
                if len(kept) < len(result[m]):
                    result[m] = kept
                    drop -= 1
        return result

    def hint_from_choices(self, chosen: Sequence[Iterable[int]], soft: bool) -> list[int]:
        """A full assignment of the variables from member choices."""
        values = [0] * (self.n_x + self.n_sessions + (self.n_cov if soft else 0))
        for m, cols in enumerate(chosen):
            for j in cols:
                values[self.offsets[m] + j] = 1
        heads = self.heads(chosen)
        for k, code in enumerate(self.codes):
            values[self.n_x + k] = self.session_count(code, heads[code])
        if soft:
            base = self.n_x + self.n_sessions
            for m, cols in enumerate(chosen):
                covered = {i for j in cols for i in self.needs[m].problem.cover.covers[j]}
                for i in covered:
                    values[base + self.cov_offsets[m] + i] = 1
        return values

    def is_feasible(
        self, values: Sequence[int], max_minutes: int | None, max_cents: int | None
    ) -> bool:
        """Whether an assignment built by :meth:`hint_from_choices` meets every rule."""
        chosen = self.choices(values)
        if not all(
            need.problem.cover.meets_requirements(cols)
            for need, cols in zip(self.needs, chosen, strict=True)
        ):
            return False
        if self.required is not None and any(
            not must <= {i for j in cols for i in need.problem.cover.covers[j]}
            for need, cols, must in zip(self.needs, chosen, self.required, strict=True)
        ):
            return False
        heads = self.heads(chosen)
        for code, h in heads.items():
            n = self.session_count(code, h)
            if h < (self.courses[code].min_participants or 1) * n:
                return False
        if max_minutes is not None and any(
            sum(self.minutes_of[need.problem.cover.columns[j]] for j in cols) > max_minutes
            for need, cols in zip(self.needs, chosen, strict=True)
        ):
            return False
        return max_cents is None or self.pooled_cents(chosen) <= max_cents

    def covered(self, chosen: Sequence[Iterable[int]]) -> int:
        """Member-item pairs covered by a choice."""
        return sum(
            len({i for j in cols for i in need.problem.cover.covers[j]})
            for need, cols in zip(self.needs, chosen, strict=True)
        )

    def evaluate(self, values: Sequence[int], big: int, objective: Objective) -> tuple[int, ...]:
        """Stage values (smaller is better); ``big`` weighs coverage (0: hard coverage)."""
        chosen = self.choices(values)
        covered = self.covered(chosen)
        minutes = sum(
            self.minutes_of[need.problem.cover.columns[j]]
            for need, cols in zip(self.needs, chosen, strict=True)
            for j in cols
        )
        sessions = values[self.n_x : self.n_x + self.n_sessions]
        cents = sum(
            self.session_cents[c] * n for c, n in zip(self.codes, sessions, strict=True)
        ) + sum(h * self.head_cents[c] for c, h in self.heads(chosen).items())
        first, second = (cents, minutes) if objective == "cost" else (minutes, cents)
        return (first - big * covered, second, sum(len(c) for c in chosen), sum(sessions))

    def explain(
        self,
        team: Team,
        chosen: list[list[int]],
        currency: str,
        limits: tuple[int | None, int | None] = (None, None),
    ) -> dict[str, Any]:
        """Member plans, course sessions and department totals of a choice (see
        :func:`curriculum.planning.team.explain.explain`)."""
        from curriculum.planning.team.explain import explain

        del currency
        return explain(self, team, chosen, limits)


def starting_plan(
    layout: TeamLayout,
    objective: Objective,
    soft: bool,
    max_minutes: int | None,
    max_cents: int | None,
    deadline: Deadline,
) -> tuple[list[list[int]], list[int], bool]:
    """The search's start: (member choices, hint, whether the hint meets every rule).

    The member-by-member choices, re-planned around courses that miss their
    minimum and repaired; for the cost, also the better of that and one pass at
    marginal prices. Over a team budget, nothing (always feasible when soft).
    """
    baseline = layout.replan([list(need.alone) for need in layout.needs], objective)
    baseline = layout.complete(layout.repair(baseline))
    if objective == "cost" and max_minutes is None:
        better = layout.replan(layout.share(baseline, deadline), objective)
        better = layout.complete(layout.repair(better))
        if layout.rank(better) < layout.rank(baseline):
            baseline = better
    hint = layout.hint_from_choices(baseline, soft)
    feasible = layout.is_feasible(hint, max_minutes, max_cents)
    if not feasible and soft:  # over the team budget: start from nothing, always feasible
        baseline = [[] for _ in layout.needs]
        hint = layout.hint_from_choices(baseline, soft)
        feasible = True
    return baseline, hint, feasible
