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

Team files hold personal data: names are kept for the reports but never appear
in error messages or logs, which name members by id only.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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
from curriculum.planning.team.heuristics import Need, TeamLayout, plan_alone, starting_plan
from curriculum.planning.team.lp import lp_support, most_coverage
from curriculum.planning.team.result import Objective, TeamPlan
from curriculum.solve import cpsat
from curriculum.solve.lexicographic import (
    Stage,
    add_requirements,
    solve_lexicographic,
)
from curriculum.solve.params import NO_DEADLINE, Deadline, SolveParams, deadline_for

Cut = tuple[int, tuple[tuple[str, int], ...]]  # (least, ((course, weight), ...))
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
    team: Team,
    *,
    objective: Objective = "cost",
    max_cost: float | None = None,
    max_hours: float | None = None,
    attitudes: bool = False,
    ignore_levels: bool = False,
    exclude: Sequence[str] = (),
    params: SolveParams | None = None,
    progress: Callable[[str], None] | None = None,
    deadline: Deadline | None = None,
) -> TeamPlan:
    """Plan the whole team in one CP-SAT model (see the module docstring).

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
        library,
        team,
        objective=objective,
        max_minutes=max_minutes,
        attitudes=attitudes,
        ignore_levels=ignore_levels,
        exclude=exclude,
        deadline=deadline,
    )
    layout = team_layout(needs, deadline)
    soft = (
        max_cost is not None
        or max_hours is not None
        or any((layout.courses[c].min_participants or 1) > 1 for c in layout.codes)
    )
    if max_cost is None and max_hours is None:
        most = most_coverage(layout)
        if most is not None:
            layout.required, layout.running = most
            soft = False
    tm = build_team_model(layout, objective, soft, max_minutes, max_cents)
    baseline, hint, feasible = starting_plan(
        layout, objective, soft, max_minutes, max_cents, deadline
    )
    if not soft and objective == "cost" and RESTRICT_MIN <= tm.enrolments <= RESTRICT_MAX:
        narrow = restricted_start(layout, params, deadline)
        if narrow is not None and tm.evaluate(narrow) < tm.evaluate(hint):
            hint, feasible = narrow, True
    if not soft and objective == "cost" and feasible and tm.enrolments >= LNS_MIN:
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
    prefer = range(tm.enrolments) if tm.enrolments <= TIE_BREAK_LIMIT else ()
    outcome = solve_lexicographic(
        tm.model,
        tm.variables,
        tm.stages,
        tm.evaluate,
        hint=hint,
        hint_feasible=feasible,
        prefer=prefer,
        params=params,
        deadline=deadline,
        progress=progress,
    )
    return team_plan(
        library,
        team,
        layout,
        outcome,
        objective=objective,
        big=tm.big,
        baseline=baseline,
        ties_possible=bool(prefer or not tm.enrolments),
        max_cost=max_cost,
        max_hours=max_hours,
    )


def member_needs(
    library: Library,
    team: Team,
    *,
    objective: Objective = "cost",
    max_minutes: int | None = None,
    attitudes: bool = False,
    ignore_levels: bool = False,
    exclude: Sequence[str] = (),
    deadline: Deadline = NO_DEADLINE,
) -> list[Need]:
    """One cover problem and member-by-member choice per member (shared by equal profiles).

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
            try:
                requirement = build_requirement(
                    library.standard(member.standard),
                    member.targets,
                    attitudes=attitudes,
                    have=member.held,
                )
            except CurriculumError as exc:
                problems.append(
                    about("team.member_problem", exc, place=team.place(n), id=member.id)
                )
                continue
            try:
                problem = build_plan_problem(
                    library,
                    requirement,
                    exclude=exclude,
                    ignore_levels=ignore_levels,
                    done=member.done,
                )
            except CurriculumError as exc:
                problems.append(
                    about("team.member_problem", exc, place=team.place(n), id=member.id)
                )
                continue
            if problem.cover not in alone:
                alone[problem.cover] = plan_alone(
                    problem.cover, objective, max_minutes, SolveParams(workers=1), deadline
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


@dataclass(frozen=True)
class TeamModel:
    """The team's CP-SAT model, its variables in :class:`TeamLayout`'s order and its stages.

    ``big`` is more than the primary objective can ever be, so that one covered
    item outweighs it (0 when coverage is a hard rule); ``enrolments`` counts
    the enrolment variables, which come first in ``variables``.
    """

    model: Any
    variables: list[Any]
    enrolments: int
    stages: list[Stage]
    big: int
    layout: TeamLayout
    objective: Objective

    def evaluate(self, values: Sequence[int]) -> tuple[int, ...]:
        """Stage values of an assignment (smaller is better), as the search compares them."""
        return self.layout.evaluate(values, self.big, self.objective)


def build_team_model(
    layout: TeamLayout,
    objective: Objective,
    soft: bool,
    max_minutes: int | None,
    max_cents: int | None,
    fixed: Mapping[str, int] | None = None,
) -> TeamModel:
    """Variables, rules (coverage, seats, minimums, budgets) and objectives of the team.

    ``fixed`` gives, per course, participants outside ``layout`` (members whose
    enrolments are held fixed, see :mod:`curriculum.planning.team.lns`): they
    take seats and count towards the minimum; their per-head price is left out.
    """
    fixed = fixed or {}
    model = cpsat.new_model()
    x = [
        [model.new_bool_var(f"x[{m},{col}]") for col in need.problem.cover.columns]
        for m, need in enumerate(layout.needs)
    ]
    takers: dict[str, list[Any]] = {c: [] for c in layout.codes}
    for m, need in enumerate(layout.needs):
        for j, col in enumerate(need.problem.cover.columns):
            takers[col].append(x[m][j])
    most = {}  # the most sessions a course can need
    sessions = {}
    for code in layout.codes:
        total = len(takers[code]) + fixed.get(code, 0)
        cap = layout.courses[code].capacity or total
        most[code] = math.ceil(total / cap)
        sessions[code] = model.new_int_var(0, most[code], f"n[{code}]")
    cov = _coverage_rules(model, layout, x, soft)
    _seat_rules(model, layout, takers, sessions, fixed)
    if layout.required is not None and not soft:
        heads = {c: len(takers[c]) + fixed.get(c, 0) for c in layout.codes}
        for least, terms in rounding_cuts(layout, heads):
            weights = [w for _, w in terms]
            model.add(cpsat.weighted_sum([sessions[c] for c, _ in terms], weights) >= least)
    member_minutes = [
        cpsat.weighted_sum(row, [layout.minutes_of[c] for c in need.problem.cover.columns])
        for row, need in zip(x, layout.needs, strict=True)
    ]
    if max_minutes is not None:
        for expr in member_minutes:
            model.add(expr <= max_minutes)
    codes = layout.codes
    cost_expr = cpsat.weighted_sum(
        [sessions[c] for c in codes] + [v for c in codes for v in takers[c]],
        [layout.session_cents[c] for c in codes]
        + [layout.head_cents[c] for c in codes for _ in takers[c]],
    )
    if max_cents is not None:
        model.add(cost_expr <= max_cents)
    hours_expr = sum(member_minutes)
    flat_x = [v for row in x for v in row]
    flat_cov = [v for row in cov for v in row]
    if objective == "cost":
        big = sum(
            layout.session_cents[c] * most[c] + layout.head_cents[c] * len(takers[c]) for c in codes
        )
    else:
        big = sum(layout.minutes_of[c] for need in layout.needs for c in need.problem.cover.columns)
    big = big + 1 if soft else 0
    stages = _team_stages(layout, objective, cost_expr, hours_expr, big, flat_x, flat_cov)
    stages.append(
        Stage(cpsat.weighted_sum(list(sessions.values()), [1] * len(codes)), name="sessions")
    )
    variables = [*flat_x, *sessions.values(), *flat_cov]
    return TeamModel(model, variables, len(flat_x), stages, big, layout, objective)


def _coverage_rules(
    model: Any, layout: TeamLayout, x: list[list[Any]], soft: bool
) -> list[list[Any]]:
    """Each member's items covered (hard), or coverage literals when ``soft``."""
    cov: list[list[Any]] = []
    for m, need in enumerate(layout.needs):
        cover = need.problem.cover
        row = []
        for i, cols in enumerate(cover.coverers()):
            literals = [x[m][j] for j in cols]
            if layout.required is not None and not soft:
                if i not in layout.required[m]:
                    continue
                literals = [x[m][j] for j in cols if cover.columns[j] in layout.running]
                model.add_bool_or(literals)
            elif soft:
                var = model.new_bool_var(f"cov[{m},{i}]")
                model.add_bool_or([var.Not(), *literals])
                row.append(var)
            else:
                model.add_bool_or(literals)
        cov.append(row)
        for j in cover.forced:
            model.add(x[m][j] == 1)
        add_requirements(model, x[m], cover.requires)  # a member's prerequisites
        if layout.required is not None and not soft:
            for j, code in enumerate(cover.columns):
                if code not in layout.running:
                    model.add(x[m][j] == 0)
    return cov


def _seat_rules(
    model: Any,
    layout: TeamLayout,
    takers: dict[str, list[Any]],
    sessions: dict[str, Any],
    fixed: Mapping[str, int],
) -> None:
    """Seats per session, and the fewest participants of a session that runs."""
    for code in layout.codes:
        course = layout.courses[code]
        heads = cpsat.weighted_sum(takers[code], [1] * len(takers[code])) + fixed.get(code, 0)
        if course.capacity is not None:
            model.add(heads <= course.capacity * sessions[code])
        for var in takers[code]:  # implied, but it makes the LP relaxation much tighter
            model.add(var <= sessions[code])
        model.add(heads >= (course.min_participants or 1) * sessions[code])


def rounding_cuts(layout: TeamLayout, heads: Mapping[str, int]) -> list[Cut]:
    """Session counts every item's demand needs, rounded up (coverage a hard rule).

    If ``D`` members must cover an item and ``C`` are the courses that can
    cover it, their sessions seat at least ``D``: ``sum(cap[c] * n[c]) >= D``.
    Divided by any ``k > 0`` and rounded up (Chvátal-Gomory), ``sum(ceil(cap[c] /
    k) * n[c]) >= ceil(D / k)`` holds for integer session counts, though not for
    the LP relaxation's fractional ones. One cut ``(least, ((course, weight),
    ...))`` per item and per seat count ``k`` among the capacities, when it
    asks for more than one session (one is implied); ``heads`` gives the most
    participants of each course (its seats when it has no capacity). On the
    100-member benchmark team they lift the LP bound from 2,012,448 to
    2,063,966 TWD (the optimum is 2,101,800).
    """
    assert layout.required is not None
    demand: dict[str, int] = {}
    courses: dict[str, set[str]] = {}
    for m, need in enumerate(layout.needs):
        cover, coverers = need.problem.cover, need.problem.cover.coverers()
        for i in layout.required[m]:
            item = cover.items[i]
            demand[item] = demand.get(item, 0) + 1
            courses.setdefault(item, set()).update(
                cover.columns[j] for j in coverers[i] if cover.columns[j] in layout.running
            )
    seats = {c: layout.courses[c].capacity or max(1, heads[c]) for c in layout.codes}
    sizes = sorted(set(seats.values()))
    cuts: set[Cut] = set()
    for item in sorted(demand):
        for k in sizes:
            least = -(-demand[item] // k)
            if least > 1:
                cuts.add((least, tuple((c, -(-seats[c] // k)) for c in sorted(courses[item]))))
    return sorted(cuts)


def _team_stages(
    layout: TeamLayout,
    objective: Objective,
    cost_expr: Any,
    hours_expr: Any,
    big: int,
    flat_x: list[Any],
    flat_cov: list[Any],
) -> list[Stage]:
    """Coverage with the primary objective, the other objective, enrolments."""
    first, second = (cost_expr, hours_expr) if objective == "cost" else (hours_expr, cost_expr)
    if big:
        # Coverage first, in one objective with the primary one: every item covered is
        # worth more than any cost (or hours) can be, so the order is lexicographic,
        # while the search keeps looking at the cost from the first solution on.
        first = first - big * cpsat.weighted_sum(flat_cov, [1] * len(flat_cov))
    unit, scale = ("TWD", 100) if objective == "cost" else ("h", 60)

    def describe(value: float, bound: float) -> str:
        covered = max(0, math.ceil(-value / big - 1e-9)) if big else 0
        best = (value + big * covered) / scale
        low = max(0.0, (bound + big * covered) / scale) if math.isfinite(bound) else 0.0
        text = f"best {best:,.0f} {unit}, bound {low:,.0f} {unit}"
        return f"{text}, item(s) left out: {layout.coverable - covered}" if big else text

    other_scale = 60 if objective == "cost" else 100
    return [
        Stage(first, name=objective, describe=describe),
        Stage(
            second,
            name="hours" if objective == "cost" else "cost",
            describe=lambda v, b: f"best {v / other_scale:,.0f}",
        ),
        Stage(cpsat.weighted_sum(flat_x, [1] * len(flat_x)), name="enrolments"),
    ]


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
