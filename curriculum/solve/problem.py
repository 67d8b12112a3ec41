"""The set-cover problem in integers handed to the solver, and its solution.

Nothing here imports OR-Tools or reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Status = Literal["optimal", "feasible"]


@dataclass(frozen=True)
class CoverSolution:
    """The columns chosen for a :class:`~curriculum.problem.CoverProblem`.

    ``status`` is ``"optimal"`` when the first objective's optimum is proven and
    ``lower_bound`` the proven bound on it; ``ties_proven`` says whether the later
    objectives and the tie-break were completed, which makes the plan unique.
    """

    chosen: tuple[int, ...]
    value: tuple[int, ...]
    status: Status
    lower_bound: int
    ties_proven: bool = True

    @property
    def optimality_gap(self) -> float:
        """Relative gap between the plan and the bound on the first objective."""
        best = self.value[0] if self.value else 0
        return 0.0 if best == 0 else round((best - self.lower_bound) / best, 6)


@dataclass(frozen=True)
class CoverProblem:
    """A weighted set-cover problem with lexicographic objectives.

    Item and column indices are positions in ``items`` and ``columns``. Among plans
    equal on every objective, the one with fewer columns wins, then the one whose
    sorted list of column indices is lexicographically smallest.

    Attributes
    ----------
    items
        Names of the items to cover (every one is covered by some column).
    columns
        Names of the columns (courses), in tie-break order.
    covers
        For each column, the indices of the items it covers.
    objectives
        Integer costs per column, minimised in order (hours, then cost, ...).
    forced
        Columns that must be taken.
    requires
        Prerequisites, empty or one entry per column: the column's requirements,
        each a tuple of alternative columns of which at least one must be taken
        when the column is (``((2,), (3, 4))``: column 2, and 3 or 4).
    """

    items: tuple[str, ...]
    columns: tuple[str, ...]
    covers: tuple[tuple[int, ...], ...]
    objectives: tuple[tuple[int, ...], ...]
    forced: frozenset[int] = frozenset()
    requires: tuple[tuple[tuple[int, ...], ...], ...] = ()

    def __post_init__(self) -> None:
        n = len(self.columns)
        if len(self.covers) != n or any(len(o) != n for o in self.objectives):
            raise ValueError("covers and objectives need one entry per column")
        if self.requires and len(self.requires) != n:
            raise ValueError("requires needs one entry per column (or none at all)")
        if any(
            not group or not all(0 <= k < n for k in group) for r in self.requires for group in r
        ):
            raise ValueError("a requirement names no column or a column out of range")
        covered = {i for col in self.covers for i in col}
        if covered != set(range(len(self.items))):
            raise ValueError("every item must be covered by some column")
        if any(v < 0 for obj in self.objectives for v in obj):
            raise ValueError("objective coefficients must be >= 0")

    def coverers(self) -> tuple[tuple[int, ...], ...]:
        """For each item, the columns that cover it (in column order; computed once:
        a solve asks for them in every phase)."""
        found = self.__dict__.get("_coverers")
        if found is None:
            result: list[list[int]] = [[] for _ in self.items]
            for j, col in enumerate(self.covers):
                for i in col:
                    result[i].append(j)
            found = tuple(map(tuple, result))
            object.__setattr__(self, "_coverers", found)
        return found

    def value(self, chosen: Iterable[int]) -> tuple[int, ...]:
        """The objective vector of a set of columns."""
        chosen = list(chosen)
        return tuple(sum(obj[j] for j in chosen) for obj in self.objectives)

    def is_cover(self, chosen: Iterable[int]) -> bool:
        """Whether the columns cover every item, include the forced ones and meet
        every chosen column's requirements."""
        chosen = set(chosen)
        covered = {i for j in chosen for i in self.covers[j]}
        return (
            covered == set(range(len(self.items)))
            and self.forced <= chosen
            and self.meets_requirements(chosen)
        )

    def meets_requirements(self, chosen: Iterable[int]) -> bool:
        """Whether every chosen column has one alternative of each requirement chosen."""
        chosen = set(chosen)
        return not self.requires or all(
            any(k in chosen for k in group) for j in chosen for group in self.requires[j]
        )
