"""curriculum: map training courses onto occupational competency standards and
compute optimal training programmes.

The public API for scripts and notebooks (see docs/api.md)::

    >>> import curriculum
    >>> library = curriculum.load_library("standards", "courses")
    >>> curriculum.plan(library, "BAS1499-001v4", "T1.2").total_hours
    84

Each question (:func:`plan`, :func:`plan_budget`, :func:`frontier`,
:func:`schedule`, :func:`plan_team`, :func:`team_frontier`, :func:`review`)
returns an immutable result whose ``to_dict()`` is the JSON the command line
prints. Importing the package is cheap: classes are
imported on first use, OR-Tools only when something is solved.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from curriculum._version import __version__ as __version__

if TYPE_CHECKING:
    from curriculum.api.budget import plan_budget as plan_budget
    from curriculum.api.frontier import frontier as frontier
    from curriculum.api.library import load_library as load_library
    from curriculum.api.plan import plan as plan
    from curriculum.api.review import review as review
    from curriculum.api.schedule import schedule as schedule
    from curriculum.api.team import plan_team as plan_team
    from curriculum.api.team import team_frontier as team_frontier
    from curriculum.errors import BudgetError as BudgetError
    from curriculum.errors import CurriculumError as CurriculumError
    from curriculum.errors import CurriculumWarning as CurriculumWarning
    from curriculum.errors import DataFileError as DataFileError
    from curriculum.errors import NoScheduleError as NoScheduleError
    from curriculum.errors import SolverError as SolverError
    from curriculum.errors import UnknownReferenceError as UnknownReferenceError
    from curriculum.errors import UsageError as UsageError
    from curriculum.io.library import Library as Library
    from curriculum.io.team_file import Member as Member
    from curriculum.io.team_file import Team as Team
    from curriculum.io.team_file import load_team as load_team
    from curriculum.io.weights import Weights as Weights
    from curriculum.model.standard import Catalogue as Catalogue
    from curriculum.model.standard import Course as Course
    from curriculum.model.standard import Standard as Standard
    from curriculum.planning.frontier_result import Frontier as Frontier
    from curriculum.planning.frontier_result import FrontierPoint as FrontierPoint
    from curriculum.planning.result import Budget as Budget
    from curriculum.planning.result import Plan as Plan
    from curriculum.planning.result import PlannedCourse as PlannedCourse
    from curriculum.planning.schedule_result import Schedule as Schedule
    from curriculum.planning.schedule_result import ScheduledCourse as ScheduledCourse
    from curriculum.planning.schedule_result import ScheduleLimits as ScheduleLimits
    from curriculum.planning.schedule_result import SchedulePeriod as SchedulePeriod
    from curriculum.planning.team.frontier_result import TeamFrontier as TeamFrontier
    from curriculum.planning.team.frontier_result import TeamFrontierPoint as TeamFrontierPoint
    from curriculum.planning.team.result import DepartmentTotal as DepartmentTotal
    from curriculum.planning.team.result import MemberPlan as MemberPlan
    from curriculum.planning.team.result import TeamCourse as TeamCourse
    from curriculum.planning.team.result import TeamPlan as TeamPlan
    from curriculum.request import Request as Request
    from curriculum.reviewing.programme import Programme as Programme
    from curriculum.reviewing.programme import load_programme as load_programme
    from curriculum.reviewing.result import Finding as Finding
    from curriculum.reviewing.result import Review as Review
    from curriculum.reviewing.result import ReviewOptions as ReviewOptions
    from curriculum.solve.params import SolveParams as SolveParams

# The public functions and classes, imported on first use (PEP 562) so that
# ``import curriculum`` loads neither pydantic, the data model nor a question's
# module until it is needed.
_LAZY: dict[str, str] = {
    name: module
    for module, names in (
        ("api.budget", "plan_budget"),
        ("api.frontier", "frontier"),
        ("api.library", "load_library"),
        ("api.plan", "plan"),
        ("api.review", "review"),
        ("api.schedule", "schedule"),
        ("api.team", "plan_team team_frontier"),
        ("errors", "BudgetError CurriculumError CurriculumWarning DataFileError SolverError"),
        ("errors", "UnknownReferenceError NoScheduleError UsageError"),
        ("io.library", "Library"),
        ("io.team_file", "Member Team load_team"),
        ("io.weights", "Weights"),
        ("model.standard", "Catalogue Course Standard"),
        ("planning.frontier_result", "Frontier FrontierPoint"),
        ("planning.result", "Budget Plan PlannedCourse"),
        ("planning.schedule_result", "Schedule SchedulePeriod ScheduledCourse ScheduleLimits"),
        ("planning.team.result", "DepartmentTotal MemberPlan TeamCourse TeamPlan"),
        ("planning.team.frontier_result", "TeamFrontier TeamFrontierPoint"),
        ("reviewing.programme", "Programme load_programme"),
        ("request", "Request"),
        ("reviewing.result", "Finding Review ReviewOptions"),
        ("solve.params", "SolveParams"),
    )
    for name in names.split()
}

__all__ = sorted(_LAZY)  # the questions, load_team, load_programme, the data, options, results


def __getattr__(name: str) -> Any:
    """Import a public class on first access and keep it in the module."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'curriculum' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"curriculum.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
