"""The functions of the public API: one call per question a user asks.

Re-exported by :mod:`curriculum`; every heavy import happens inside the functions,
so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from curriculum.errors import BudgetError as BudgetError
    from curriculum.errors import CurriculumError as CurriculumError
    from curriculum.errors import CurriculumWarning as CurriculumWarning
    from curriculum.errors import DataFileError as DataFileError
    from curriculum.errors import SolverError as SolverError
    from curriculum.errors import UnknownReferenceError as UnknownReferenceError
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
    from curriculum.planning.schedule_result import ScheduleLimits as ScheduleLimits
    from curriculum.planning.team.frontier_result import TeamFrontier as TeamFrontier
    from curriculum.planning.team.result import DepartmentTotal as DepartmentTotal
    from curriculum.planning.team.result import MemberPlan as MemberPlan
    from curriculum.planning.team.result import TeamCourse as TeamCourse
    from curriculum.planning.team.result import TeamPlan as TeamPlan
    from curriculum.reviewing.programme import Programme as Programme
    from curriculum.reviewing.programme import load_programme as load_programme
    from curriculum.reviewing.result import Finding as Finding
    from curriculum.reviewing.result import Review as Review
    from curriculum.reviewing.result import ReviewOptions as ReviewOptions
    from curriculum.solve.params import SolveParams as SolveParams

PathArg = str | PathLike[str]
Paths = PathArg | Iterable[PathArg]
Codes = str | Sequence[str]


def _paths(value: Paths | None) -> list[Path] | None:
    """One path or several, as a list (``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, str | PathLike):
        return [Path(value)]
    return [Path(v) for v in value]


def _codes(value: Codes) -> list[str]:
    """Codes as a sequence, or in one string separated by commas or spaces."""
    if isinstance(value, str):
        from curriculum.io.tables import split_list

        return list(split_list(value, loose=True))
    return list(value)


def load_library(
    standards: Paths | None = None,
    catalogues: Paths | None = None,
    *,
    check_references: bool = True,
) -> Library:
    """Load standards and course catalogues, checked against each other.

    Parameters
    ----------
    standards
        A standards folder or file, or several. Default: ``./standards`` when
        the current folder has one, else the standards shipped with the package.
    catalogues
        A catalogue folder or file (YAML, CSV, XLSX), or several. Default:
        ``./courses`` or the shipped example catalogue.
    check_references
        Whether to reject courses claiming items no loaded standard defines.

    Returns
    -------
    Library
        The standards by code (``library.standards``) and every course by code
        (``library.courses``).

    Raises
    ------
    DataFileError
        With one line per problem across all files.
    """
    from curriculum.io.library import load_library as load

    return load(_paths(standards), _paths(catalogues), check_references=check_references)


def plan(
    library: Library,
    standard: str,
    targets: Codes = (),
    *,
    attitudes: bool = False,
    have: Codes = (),
    exclude: Codes = (),
    require: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
    objective: Literal["hours", "cost"] = "hours",
    done: Codes = (),
) -> Plan:
    """The least-hours set of courses covering a standard's targets.

    Ties go to lower cost, then fewer courses, then course codes in order. Items
    no course covers are reported as gaps (``plan.gaps``, ``plan.level_gaps``),
    never as a failure. Same as ``curriculum plan STANDARD TARGET...``.

    Parameters
    ----------
    library
        The loaded data (:func:`load_library`).
    standard
        The standard's code, e.g. ``"BAS1499-001v4"``.
    targets
        Tasks (``"T1.2"``) or duties (``"T1"``): a sequence, or one string with
        codes separated by commas or spaces. None means the whole standard.
    attitudes
        Also require the standard's attitudes (A items).
    have
        Items the learner already holds.
    exclude
        Courses never to use.
    require
        Courses always to use.
    ignore_levels
        Let a course cover an item whatever its level.
    params
        Solver settings (time limit, workers); the defaults when ``None``.
    objective
        ``"hours"`` (least hours, then cost) or ``"cost"`` (least cost, then hours).
    done
        Courses the learner has already taken: they meet prerequisites and are
        never planned (so does a course whose every item is in ``have``). A course in the plan
        brings its prerequisites otherwise (listed with ``prerequisite_of``).

    Returns
    -------
    Plan
        ``courses``, ``total_hours``, ``total_cost``, ``mapping`` (item → course
        codes), ``gaps``, ``level_gaps`` and ``status``.

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    """
    from curriculum.planning.plan import plan_courses

    return plan_courses(
        library,
        standard,
        _codes(targets),
        attitudes=attitudes,
        have=_codes(have),
        exclude=_codes(exclude),
        require=_codes(require),
        ignore_levels=ignore_levels,
        params=params,
        objective=objective,
        done=_codes(done),
    )


def plan_budget(
    library: Library,
    standard: str,
    targets: Codes = (),
    *,
    max_hours: float | None = None,
    max_cost: float | None = None,
    weights: Weights | PathArg | None = None,
    attitudes: bool = False,
    have: Codes = (),
    exclude: Codes = (),
    require: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
    done: Codes = (),
) -> Plan:
    """The plan covering the most of the targets within a budget.

    When the unbudgeted :func:`plan` fits, it is returned unchanged. Otherwise the
    plan covers the most weight (each item weighs 1 unless ``weights`` says
    otherwise), then the least hours, then cost. Coverable items left out are
    ``plan.budget_gaps``. Same as ``curriculum plan ... --max-hours/--max-cost``.

    Parameters
    ----------
    library, standard, targets, attitudes, have, exclude, require, ignore_levels, params, done
        As for :func:`plan`.
    max_hours
        At most this many hours in total.
    max_cost
        At most this total price (a course's cost plus its session cost).
    weights
        Item weights: a YAML file (``kinds: {K: 1, S: 2}``, ``items: {K04: 3}``)
        or a :class:`Weights`.

    Returns
    -------
    Plan
        As :func:`plan`, with ``budget`` (covered and coverable weight) and
        ``budget_gaps``.

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    DataFileError
        For a bad weights file.
    BudgetError
        When the required courses alone exceed the budget.
    """
    from curriculum.planning.budget import plan_with_budget

    return plan_with_budget(
        library,
        standard,
        _codes(targets),
        max_hours=max_hours,
        max_cost=max_cost,
        weights=_weights(weights, library, standard),
        attitudes=attitudes,
        have=_codes(have),
        exclude=_codes(exclude),
        require=_codes(require),
        ignore_levels=ignore_levels,
        params=params,
        done=_codes(done),
    )


def frontier(
    library: Library,
    standard: str,
    targets: Codes = (),
    *,
    by: Literal["hours", "cost"] = "hours",
    weights: Weights | PathArg | None = None,
    attitudes: bool = False,
    have: Codes = (),
    exclude: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
    done: Codes = (),
) -> Frontier:
    """The exact trade-off between coverage and hours (or cost).

    Same as ``curriculum frontier STANDARD TARGET...``.

    Parameters
    ----------
    library, standard, targets, attitudes, have, exclude, ignore_levels, params, done
        As for :func:`plan`.
    by
        Trade coverage against ``"hours"`` or ``"cost"``.
    weights
        Item weights, as for :func:`plan_budget`.

    Returns
    -------
    Frontier
        ``points``: for each coverage level, from none to all that is
        coverable, the least hours (``point.hours``), its cost and the course
        codes achieving it (``point.courses``).

    Raises
    ------
    UnknownReferenceError
        For a standard, target, item or course code the library lacks.
    DataFileError
        For a bad weights file.
    """
    from curriculum.planning.frontier import compute_frontier

    return compute_frontier(
        library,
        standard,
        _codes(targets),
        by=by,
        weights=_weights(weights, library, standard),
        attitudes=attitudes,
        have=_codes(have),
        exclude=_codes(exclude),
        ignore_levels=ignore_levels,
        params=params,
        done=_codes(done),
    )


def schedule(
    library: Library,
    standard: str | None,
    targets: Codes = (),
    *,
    periods: int | None = None,
    start: str | None = None,
    period: Literal["month", "quarter", "semester"] = "quarter",
    limits: ScheduleLimits | None = None,
    balance: bool = False,
    all_courses: bool = False,
    attitudes: bool = False,
    have: Codes = (),
    done: Codes = (),
    exclude: Codes = (),
    require: Codes = (),
    ignore_levels: bool = False,
    params: SolveParams | None = None,
) -> Schedule:
    """The plan ordered into periods (or every course, ``all_courses``).

    Same as ``curriculum schedule STANDARD TARGETS``.

    Parameters
    ----------
    library, standard, targets, attitudes, have, done, exclude, require, ignore_levels, params
        As for :func:`plan`; ``standard`` may be ``None`` with ``all_courses``
        (a fixed curriculum: every course required, no items).
    periods
        How many periods (8 when not given); numbered, or dated with ``start``.
    start, period
        The first period's month (``"2027-01"``) and the length of a period.
    limits
        Per-period bounds: ``ScheduleLimits(max_hours=40, max_cost=..., min_hours=...,
        min_courses=..., max_courses=...)``.
    balance
        Minimise the heaviest period's hours first (the Balanced Academic
        Curriculum Problem with ``all_courses``).

    Returns
    -------
    Schedule
        ``periods`` in order (each with its ``courses``, ``hours`` and ``cost``),
        ``courses`` with their ``period``, ``status``, ``lower_bound``,
        ``ties_proven``.

    Raises
    ------
    NoScheduleError
        When no schedule meets the limits, naming the constraint that blocks.
    UsageError
        For limits that contradict each other, or dated offerings with numbered periods.
    """
    from curriculum.model.periods import Calendar
    from curriculum.planning.schedule import schedule_courses

    calendar = Calendar.of(periods, start, period)
    return schedule_courses(
        library,
        standard,
        _codes(targets),
        calendar=calendar,
        limits=limits,
        balance=balance,
        courses_all=all_courses,
        attitudes=attitudes,
        have=_codes(have),
        done=_codes(done),
        exclude=_codes(exclude),
        require=_codes(require),
        ignore_levels=ignore_levels,
        params=params,
    )


def review(
    library: Library,
    programme: Programme | PathArg,
    *,
    against: str | None = None,
    lang: Literal["en", "zh-TW"] | None = None,
    attitudes: bool = False,
    indicators: bool = False,
    min_courses: int = 1,
    min_hours: float = 0,
    max_items_per_hour: float = 2,
    strict: bool = False,
) -> Review:
    """Review a provider's programme against its standard, for accreditation.

    Same as ``curriculum review PROGRAMME``.

    Parameters
    ----------
    library
        The loaded data; the programme's catalogue courses must be in it.
    programme
        A programme file (YAML or JSON) or a :class:`Programme`.
    against
        The code of a newer version of the standard to re-check the claims on.
    lang
        ``"en"`` or ``"zh-TW"`` for the messages; the standard's language when
        ``None``.
    attitudes
        Also require the standard's attitudes (A items).
    indicators
        Add the behaviour indicators (P) as rows.
    min_courses, min_hours
        An item covered by fewer courses, or fewer hours, is THIN.
    max_items_per_hour
        A course claiming more items per hour is DENSE.
    strict
        Warnings fail the review too.

    Returns
    -------
    Review
        ``findings`` (each with ``code``, ``severity``, ``item``, ``course``),
        ``count(severity)``, ``failed``, the coverage ``rows`` and the shares
        per task (``task_summaries``) and ``overall``.

    Raises
    ------
    DataFileError
        For a bad programme file, or a standard the library lacks.
    UnknownReferenceError
        When ``against`` names no loaded standard.
    """
    from curriculum.reviewing.programme import load_programme, resolve_programme
    from curriculum.reviewing.result import ReviewOptions
    from curriculum.reviewing.review import review_programme

    path = None
    if isinstance(programme, str | PathLike):
        path = Path(programme)
        programme = load_programme(path)
    programme = resolve_programme(programme, library, path)
    options = ReviewOptions(
        attitudes=attitudes,
        indicators=indicators,
        min_courses=min_courses,
        min_hours=min_hours,
        max_items_per_hour=max_items_per_hour,
        strict=strict,
    )
    return review_programme(
        library, programme, programme_path=path, options=options, against=against, lang=lang
    )


def _weights(value: Weights | PathArg | None, library: Library, standard: str) -> Weights | None:
    """A weights file read for ``standard`` (planning reads no file); else as given."""
    from curriculum.io.weights import resolve_weights

    path = Path(value) if isinstance(value, str | PathLike) else value
    return None if path is None else resolve_weights(path, library.standard(standard))
