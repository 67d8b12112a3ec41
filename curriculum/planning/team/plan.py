"""Team training plans: who takes which course, and how many sessions run.

A team file lists members, each with a standard, targets and the items already
held. Courses run as sessions: ``session_cost`` is the fixed price of one run,
``cost`` the price per head, ``capacity`` the seats of a session and
``min_participants`` the fewest a session runs with. One CP-SAT model plans the
whole team. Objectives, in order: the covered weight (only a budget or a minimum
number of participants can keep it below everything coverable), then the total
cost (sessions plus heads) and the training hours (``objective="hours"`` swaps
them), then fewer enrolments, then, among equally good plans, each member in
team-file order takes the courses earliest in code order.

The member-by-member plan (each member planned alone, as ``curriculum plan``
does) is computed first. Its course choices, with sessions shared, are the
solver's starting point, so the team plan is never worse than them, even when a
time limit stops the search. Before the search, members whose course would miss
its minimum are planned again without it, and one pass moves each member to
cheaper courses at marginal prices (a free seat in a session that runs anyway
costs the per-head price only); the better of the two starts the search.

Without budgets, the most coverage is usually known exactly (see
:func:`curriculum.planning.team.lp.most_coverage`): those member-items become a
hard rule instead of a weight traded against the cost, a much tighter model.
For large teams (:data:`RESTRICT_MIN` to :data:`RESTRICT_MAX` enrolment
variables; past that GLOP does not finish in its share of the time) with the
cost as objective, the model restricted to the courses its LP relaxation runs
is searched first, for a share of the time, and its plan starts the whole
model's search when it is better. From :data:`LNS_MIN` enrolment variables a
neighbourhood search (:mod:`curriculum.planning.team.lns`, at most
:data:`LNS_SHARE` of the time left) improves the start. Rounded session counts
per item (:func:`rounding_cuts`) tighten the whole model's bound, which alone
is reported. The rules stay per member (``x[m, course]``), so per-member rules such as
prerequisites are added as lines on those variables; :func:`most_coverage`
falls back to the weighted model when courses have prerequisites.

With coverage a hard rule and the cost the objective, a branch and cut
(:mod:`curriculum.planning.team.mip`, HiGHS in its own process) solves the same
model on the second core from the start, while the start is improved on the
first (CP-SAT runs one worker unless told more); CP-SAT's cost stage races it, the
first proof stopping the other, else the better plan and the higher bound are
kept. The later stages and the ties always run on CP-SAT, so the plan does not
depend on which engine proved the cost (``SolveParams.engine``).

Team files hold personal data: names are kept for the reports but never appear
in error messages or logs, which name members by id only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from curriculum.errors import CurriculumError, SolverError, about, problems_error
from curriculum.io.library import Library
from curriculum.io.team_file import Team
from curriculum.model.standard import Course
from curriculum.planning.requirement import (
    build_plan_problem,
    build_requirement,
    to_cents,
)
from curriculum.planning.team.explain import team_plan
from curriculum.planning.team.heuristics import ONE, Need, TeamLayout, plan_alone, starting_plan
from curriculum.planning.team.lp import lp_support, most_coverage
from curriculum.planning.team.mip import start_rival, with_rival
from curriculum.planning.team.model import Cut as Cut
from curriculum.planning.team.model import TeamModel as TeamModel
from curriculum.planning.team.model import build_team_model as build_team_model
from curriculum.planning.team.model import rounding_cuts as rounding_cuts
from curriculum.planning.team.result import Objective, TeamPlan
from curriculum.request import Request
from curriculum.solve.lexicographic import LexOutcome, Stage, solve_lexicographic
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams, deadline_for

TIE_BREAK_LIMIT = 2400  # enrolment variables up to which ties are broken (48 per solve)
RESTRICT_MIN = 1000  # enrolment variables from which the LP-restricted start is searched
LP_SHARE = 0.25  # of the time left, at most, for the LP relaxation
RESTRICT_SHARE = 0.4  # of the time left then, at most, for the restricted model
RESTRICT_CAP = 30.0  # seconds for the restricted model without a time limit
RESTRICT_MAX = 20000  # enrolment variables above which GLOP cannot finish in its share
LNS_MIN = 1000  # enrolment variables from which a neighbourhood search improves the start
LNS_SHARE = 0.4  # of the time left, at most, for it (see curriculum.planning.team.lns)


def plan_team(
    library: Library,
    request: Request,
    params: SolveParams | None,
    team: Team,
    *,
    objective: Objective = "cost",
    max_cost: float | None = None,
    max_hours: float | None = None,
    progress: Callable[[str], None] | None = None,
    deadline: Deadline | None = None,
) -> TeamPlan:
    """Plan the whole team in one CP-SAT model (see the module docstring): the
    request's shared choices (attitudes, exclusions, levels) for every member,
    each with their own standard, targets, held items and courses done
    (:meth:`~curriculum.request.Request.for_member`).

    Every phase (the members' own plans, the starts, the search) keeps one
    ``deadline``: the caller's, else one made from ``params.time_limit``.

    Raises
    ------
    DataFileError
        When a member names an unknown standard, target or held item (the
        message gives the team file, the line and the member id).
    UnknownReferenceError
        For an excluded course code no catalogue defines.
    """
    params = params or SolveParams()
    deadline = deadline_for(params, deadline)
    max_minutes = None if max_hours is None else round(max_hours * 60)
    max_cents = None if max_cost is None else to_cents(max_cost)
    needs = member_needs(
        library, request, team, objective=objective, max_minutes=max_minutes, deadline=deadline
    )
    layout = team_layout(needs, deadline)
    deadline = layout.deadline = _searching(deadline, layout.n_x)
    soft = _coverage_is_soft(layout, budgeted=max_cost is not None or max_hours is not None)
    rival = start_rival(layout, objective, soft, params, deadline)  # on the other core
    try:
        began = deadline.clock()
        tm = build_team_model(layout, objective, soft, max_minutes, max_cents)
        loading = _leaving(deadline, deadline.clock() - began)  # CP-SAT's load of the model
        baseline, hint, feasible = starting_plan(
            layout, objective, soft, max_minutes, max_cents, loading
        )
        if not soft and objective == "cost" and not (rival and rival.proven):
            hint, feasible = _better_start(
                tm, team, hint, feasible, params=params, deadline=loading, progress=progress
            )
        stages = with_rival(tm, rival, params)
        outcome, ties_possible = _search(tm, stages, hint, feasible, params, deadline, progress)
    finally:
        if rival is not None:
            rival.close()
    return team_plan(
        library,
        team,
        layout,
        outcome,
        objective=objective,
        big=tm.big,
        baseline=baseline,
        ties_possible=ties_possible,
        max_cost=max_cost,
        max_hours=max_hours,
    )


WRAP_UP = 1.7e-5
"""Seconds per enrolment variable kept from the search for what follows it (stopping
CP-SAT, killing the rival, checking its plan, the report), so that the plan comes
within the time limit. Measured past the limit with none kept (``synthetic_team`` seed
11): on a fast machine 0.24 s for 300 members at 20 s and 0.68 s for 1,000 at 30 s
(about 26,000 and 88,000 variables); on one 1.6-1.8 times slower 0.46 s (17 us per
variable) and 0.71 s. Reported on seed 12 on the slower machine: 20.01 s and 29.48 s."""


def _searching(deadline: Deadline, enrolments: int) -> Deadline:
    """The search's deadline: ``deadline`` less the wrap-up of a model this size."""
    return _leaving(deadline, WRAP_UP * enrolments)


def _leaving(deadline: Deadline, seconds: float) -> Deadline:
    """``deadline`` less ``seconds``: the starts stop in time for CP-SAT to load the model
    (it takes about as long as building it, on any machine: measured on a 1,000-member
    team at 30 s on a slow machine, CP-SAT given 0.1 s ran 1.9 s, the model having taken
    2.6 s to build; the plan came 1.6 s past the limit)."""
    left = deadline.remaining()
    if left is None:
        return deadline
    return deadline.within(max(0.0, left - seconds))


def _coverage_is_soft(layout: TeamLayout, *, budgeted: bool) -> bool:
    """Whether coverage is a weight traded against the cost (else a hard rule).

    Without budgets, the most coverage known exactly (:func:`most_coverage`)
    is stored in ``layout`` (``required``, ``running``) and becomes the rule.
    """
    soft = budgeted or any((layout.courses[c].min_participants or 1) > 1 for c in layout.codes)
    if not budgeted:
        most = most_coverage(layout)
        if most is not None:
            layout.required, layout.running = most
            soft = False
    return soft


def _better_start(
    tm: TeamModel,
    team: Team,
    hint: list[int],
    feasible: bool,
    *,
    params: SolveParams,
    deadline: Deadline,
    progress: Callable[[str], None] | None,
) -> tuple[list[int], bool]:
    """The start improved for large teams, coverage hard and the cost the objective:
    the LP-restricted model's plan when better, then a neighbourhood search."""
    layout = tm.layout
    if RESTRICT_MIN <= tm.enrolments <= RESTRICT_MAX:
        narrow = restricted_start(layout, params, deadline)
        if narrow is not None and tm.evaluate(narrow) < tm.evaluate(hint):
            hint, feasible = narrow, True
    if feasible and tm.enrolments >= LNS_MIN:
        from curriculum.planning.team.lns import better_start

        chosen = better_start(
            layout,
            layout.choices(hint),
            build_team_model,
            groups=[member.department for member in team.members],
            seed=params.seed,
            deadline=deadline.part(LNS_SHARE),
            progress=progress,
        )
        hint = layout.hint_from_choices(chosen, False)
    return hint, feasible


def _search(
    tm: TeamModel,
    stages: list[Stage],
    hint: list[int],
    feasible: bool,
    params: SolveParams,
    deadline: Deadline,
    progress: Callable[[str], None] | None,
) -> tuple[LexOutcome, bool]:
    """The whole model's search from ``hint``, and whether its ties can be proven broken
    (they are broken up to :data:`TIE_BREAK_LIMIT` enrolment variables)."""
    prefer = range(tm.enrolments) if tm.enrolments <= TIE_BREAK_LIMIT else ()
    outcome = solve_lexicographic(
        tm.model,
        tm.variables,
        stages,
        tm.evaluate,
        hint=hint,
        hint_feasible=feasible,
        prefer=prefer,
        params=params,
        deadline=deadline,
        progress=progress,
    )
    return outcome, bool(prefer or not tm.enrolments)


def member_needs(
    library: Library,
    request: Request,
    team: Team,
    *,
    objective: Objective = "cost",
    max_minutes: int | None = None,
    deadline: Deadline = NO_DEADLINE,
) -> list[Need]:
    """One cover problem and member-by-member choice per member (shared by equal
    profiles), each member's request :meth:`~curriculum.request.Request.for_member`.

    Raises
    ------
    DataFileError
        Naming the team file's line and the member id of every bad reference.
    """
    needs: list[Need] = []
    cache: dict[tuple[Any, ...], Need] = {}
    alone: dict[Any, tuple[int, ...]] = {}  # by cover problem: many profiles share one
    problems: list[tuple[str, bool]] = []
    for n, member in enumerate(team.members):
        key = (member.standard, member.targets, member.held, member.done)
        if key not in cache:
            own = request.for_member(member)
            try:
                requirement = build_requirement(library.standard(member.standard), own)
            except CurriculumError as exc:
                problems.append(
                    about("team.member_problem", exc, place=team.place(n), id=member.id)
                )
                continue
            try:
                problem = build_plan_problem(library, requirement, own)
            except CurriculumError as exc:
                problems.append(
                    about("team.member_problem", exc, place=team.place(n), id=member.id)
                )
                continue
            if problem.cover not in alone:
                alone[problem.cover] = plan_alone(
                    problem.cover, objective, max_minutes, ONE, deadline
                )
            cache[key] = Need(problem, alone[problem.cover])
        needs.append(cache[key])
    if problems:
        raise problems_error(problems)
    return needs


def team_layout(needs: list[Need], deadline: Deadline = NO_DEADLINE) -> TeamLayout:
    """The courses the members can take, in code order, with their minutes and prices
    (and the team solve's ``deadline``)."""
    courses: dict[str, Course] = {}
    for need in needs:
        for course in need.problem.courses:
            courses.setdefault(course.code, course)
    codes = sorted(courses)
    return TeamLayout(
        needs,
        codes,
        courses,
        {c: round(courses[c].hours * 60) for c in codes},
        {c: to_cents(courses[c].cost) for c in codes},
        {c: to_cents(courses[c].session_cost) for c in codes},
        deadline=deadline,
    )


def restricted_start(
    layout: TeamLayout, params: SolveParams, deadline: Deadline
) -> list[int] | None:
    """A start from the model restricted to the courses its LP relaxation runs.

    Coverage must be a hard rule and the objective the cost. The restricted
    model is small, and its good plans are good plans of the whole model (the
    same variables, some courses barred); its bound means nothing for the whole
    model and is dropped. ``None`` when the LP or the restricted search finds
    nothing in its share of the time.
    """
    cap = deadline.within(RESTRICT_CAP)  # counted from here, as the LP's time is
    support = lp_support(layout, deadline.part(LP_SHARE))
    if support is None or support == layout.running:
        return None
    narrow = dataclasses.replace(layout, running=support)
    tm = build_team_model(narrow, "cost", False, None, None)
    until = deadline.part(RESTRICT_SHARE) if deadline.limited else cap
    try:
        outcome = solve_lexicographic(
            tm.model,
            tm.variables,
            tm.stages[:1],
            tm.evaluate,
            params=params,
            deadline=until,
        )
    except SolverError:  # nothing found in time, or no plan within those courses
        return None
    return list(outcome.values)
