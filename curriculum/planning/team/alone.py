"""Each member planned alone: the member-by-member choice that starts a team plan."""

from __future__ import annotations

from dataclasses import dataclass

from curriculum.planning.budget import fits, solve_budget
from curriculum.planning.requirement import (
    PlanProblem,
)
from curriculum.planning.team.result import Objective
from curriculum.solve.cover import solve_cover
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams
from curriculum.solve.problem import CoverProblem


@dataclass(frozen=True)
class Need:
    """A member's cover problem and the member-by-member choice for it."""

    problem: PlanProblem
    alone: tuple[int, ...]  # chosen columns when planned alone


def plan_alone(
    problem: CoverProblem,
    objective: Objective,
    max_minutes: int | None,
    params: SolveParams,
    deadline: Deadline = NO_DEADLINE,
) -> tuple[int, ...]:
    """The member-by-member choice: the plan a member gets when planned alone (within
    the team solve's ``deadline``)."""
    if max_minutes is not None and not fits(problem.value(()), max_minutes, None):
        return ()
    if max_minutes is not None:
        weights = (1,) * len(problem.items)
        return solve_budget(
            problem, weights, max_minutes=max_minutes, params=params, deadline=deadline
        ).chosen
    if objective == "cost":
        problem = CoverProblem(
            problem.items,
            problem.columns,
            problem.covers,
            (problem.objectives[1], problem.objectives[0]),
            problem.forced,
            problem.requires,
        )
    return solve_cover(problem, params, deadline).chosen
