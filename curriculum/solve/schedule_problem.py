"""The scheduling problem in integers handed to the solver, and its solution.

A schedule chooses courses as a plan does (a :class:`CoverProblem`: items to
cover, prerequisites as alternative columns) and places each chosen course in a
period. Nothing here imports OR-Tools or reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from curriculum.solve.problem import CoverProblem, Status

ScheduleGoal = Literal["hours", "balance"]


@dataclass(frozen=True)
class ScheduleProblem:
    """Choose and place courses in ``periods`` periods (numbered 0 … periods-1 here).

    Attributes
    ----------
    cover
        The courses to choose among: ``cover.objectives`` are (minutes, cents) per
        column, ``cover.forced`` the columns that must be taken (every column for a
        fixed curriculum, ``--courses all``), ``cover.requires`` the prerequisites:
        each requirement's chosen alternative must sit in a strictly earlier period.
    periods
        How many periods there are.
    allowed
        For each column, the periods it may be placed in (all when empty tuple is
        given for every column, i.e. ``allowed == ()``).
    corequires
        Empty or one entry per column: requirements whose chosen alternative may sit
        in the same period or an earlier one (two columns that are each other's
        corequisites go in one period).
    together
        Empty or one entry per column: requirements whose chosen alternative sits in
        the same period (same-term corequisites: a lecture and its lab).
    max_minutes, min_minutes
        Bounds on the minutes placed in each period (``None``: no bound). A lower
        bound applies to every period up to the last one used.
    max_cents
        Bound on the cost placed in each period.
    min_courses, max_courses
        Bounds on the number of courses in each period (a lower bound applies to
        every period up to the last one used).
    goal
        ``"hours"``: least minutes, then fewest periods (the last used period as
        early as possible), then least cost, then the plan's tie-breaks.
        ``"balance"``: the heaviest period's minutes first, then as ``"hours"``.
    """

    cover: CoverProblem
    periods: int
    allowed: tuple[tuple[int, ...], ...] = ()
    corequires: tuple[tuple[tuple[int, ...], ...], ...] = ()
    together: tuple[tuple[tuple[int, ...], ...], ...] = ()
    max_minutes: int | None = None
    min_minutes: int | None = None
    max_cents: int | None = None
    min_courses: int | None = None
    max_courses: int | None = None
    goal: ScheduleGoal = "hours"

    def __post_init__(self) -> None:
        n = len(self.cover.columns)
        if self.periods < 1:
            raise ValueError("a schedule needs at least one period")
        if self.allowed and len(self.allowed) != n:
            raise ValueError("allowed needs one entry per column (or none at all)")
        if any(not 0 <= p < self.periods for a in self.allowed for p in a):
            raise ValueError("an allowed period is out of range")
        if self.corequires and len(self.corequires) != n:
            raise ValueError("corequires needs one entry per column (or none at all)")
        if self.together and len(self.together) != n:
            raise ValueError("together needs one entry per column (or none at all)")

    def requirements(self, column: int) -> list[tuple[tuple[int, ...], int]]:
        """Column ``column``'s requirements with the least gap in periods to each
        alternative: 1 for prerequisites (strictly earlier), 0 for corequisites (the
        same period or earlier), -1 for same-term ones (the same period)."""
        found = [(g, 1) for g in self.cover.requires[column]] if self.cover.requires else []
        if self.corequires:
            found += [(g, 0) for g in self.corequires[column]]
        if self.together:
            found += [(g, -1) for g in self.together[column]]
        return found

    def periods_of(self, column: int) -> tuple[int, ...]:
        """The periods a column may be placed in."""
        return self.allowed[column] if self.allowed else tuple(range(self.periods))

    def meets(self, placement: dict[int, int], column: int, period: int) -> bool:
        """Whether ``column`` in ``period`` has each requirement met by ``placement``."""
        for group, gap in self.requirements(column):
            if not any(k in placement and _fits(placement[k], period, gap) for k in group):
                return False
        return True

    def check(self, placement: dict[int, int]) -> list[str]:
        """Every rule a placement (column -> period) breaks, in words; empty when valid.

        An independent checker for tests: the columns must form a cover, sit in
        allowed periods, follow their (co)requirements and keep every bound.
        """
        problems: list[str] = []
        chosen = set(placement)
        if not self.cover.is_cover(chosen):
            problems.append("the columns are not a cover meeting every requirement")
        for j, p in placement.items():
            if p not in self.periods_of(j):
                problems.append(f"column {j} in period {p}, not allowed")
            for group in self.cover.requires[j] if self.cover.requires else ():
                if not any(k in chosen and placement[k] < p for k in group):
                    problems.append(f"column {j}: no requirement {group} in an earlier period")
            for group in self.corequires[j] if self.corequires else ():
                if not any(k in chosen and placement[k] <= p for k in group):
                    problems.append(f"column {j}: no corequirement {group} by its period")
            for group in self.together[j] if self.together else ():
                if not any(k in chosen and placement[k] == p for k in group):
                    problems.append(f"column {j}: no same-term requirement {group} with it")
        last = max(placement.values(), default=-1)
        minutes, cents = self.cover.objectives[0], self.cover.objectives[1]
        for p in range(last + 1):
            here = [j for j, q in placement.items() if q == p]
            load = sum(minutes[j] for j in here)
            cost = sum(cents[j] for j in here)
            if self.max_minutes is not None and load > self.max_minutes:
                problems.append(f"period {p}: {load} minutes over {self.max_minutes}")
            if self.min_minutes is not None and load < self.min_minutes:
                problems.append(f"period {p}: {load} minutes under {self.min_minutes}")
            if self.max_cents is not None and cost > self.max_cents:
                problems.append(f"period {p}: cost {cost} over {self.max_cents}")
            if self.max_courses is not None and len(here) > self.max_courses:
                problems.append(f"period {p}: {len(here)} courses over {self.max_courses}")
            if self.min_courses is not None and len(here) < self.min_courses:
                problems.append(f"period {p}: {len(here)} courses under {self.min_courses}")
        return problems


def _fits(before: int, period: int, gap: int) -> bool:
    """Whether an alternative in ``before`` meets a requirement of a column in
    ``period`` with the least ``gap`` (see :meth:`ScheduleProblem.requirements`)."""
    return before == period if gap < 0 else before + gap <= period


@dataclass(frozen=True)
class ScheduleSolution:
    """Chosen columns and their periods.

    ``value`` is the objective vector in the order of the goal (``hours``:
    minutes, periods used, cents; ``balance``: heaviest period's minutes, minutes,
    periods used, cents). ``status`` and ``lower_bound`` (on ``value[0]``, ``None``
    when none is proven) are as for :class:`~curriculum.solve.problem.CoverSolution`;
    ``ties_proven`` says whether the later objectives and the canonical placement
    were completed, which makes the schedule the same whatever the number of workers.
    """

    placement: tuple[tuple[int, int], ...]
    value: tuple[int, ...]
    status: Status
    lower_bound: int | None
    ties_proven: bool = True
