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

Team files hold personal data: names are kept for the reports but never appear
in error messages or logs, which name members by id only.
"""

from __future__ import annotations

import csv
import io
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from .budget import fits, solve_budget
from .errors import CurriculumError, DataFileError
from .exact import Stage, solve_lexicographic
from .library import Library
from .loaders import parse_yaml, read_text
from .model import Code, Course, Frozen
from .problem import CoverProblem, PlanProblem, build_plan_problem, build_requirement, to_cents
from .solver import SolveParams, solve_cover

Objective = Literal["cost", "hours"]
TEAM_COLUMNS = ("id", "name", "department", "standard", "targets", "held")
TIE_BREAK_LIMIT = 2400  # enrolment variables up to which ties are broken (48 per solve)


class Member(Frozen):
    """A team member: what they must learn and what they already hold."""

    id: Code
    name: str | None = None
    department: str = ""
    standard: Code
    targets: tuple[Code, ...] = ()
    held: tuple[Code, ...] = ()


@dataclass(frozen=True)
class Team:
    """The members of a team file, in file order, with where each was read."""

    members: tuple[Member, ...]
    source: str = ""
    places: tuple[str, ...] = ()

    def place(self, index: int) -> str:
        """``file:line`` (CSV) or ``file: members[i]`` (YAML) of a member."""
        return self.places[index] if index < len(self.places) else self.source


# --------------------------------------------------------------------------- loading


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [p.strip() for p in value.replace("；", ";").split(";") if p.strip()]
    return value


def _validate(record: Mapping[str, Any], where: str, problems: list[str]) -> Member | None:
    """One member, or ``None`` with the problems added (ids only, never names)."""
    data = {k: _split(v) if k in ("targets", "held") else v for k, v in record.items()}
    data = {k: v for k, v in data.items() if v not in (None, "")}
    ident = data.get("id")
    who = f"member {ident}" if isinstance(ident, str | int) and str(ident).strip() else "member"
    try:
        return Member.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = ".".join(str(p) for p in error["loc"])
            if error["type"] == "extra_forbidden":
                message = f"unknown key {loc!r}"
            elif error["type"] == "missing":
                message = f"missing {loc!r}"
            else:  # pydantic's message never includes the value itself
                message = f"{loc}: {error['msg']}"
            problems.append(f"{where}: {who}: {message}")
        return None


def load_team(path: Path) -> Team:
    """Read a team file: CSV (``id,name,department,standard,targets,held``) or YAML.

    In CSV, ``targets`` and ``held`` are ``;``-separated lists. YAML gives a list
    of members, or a mapping with ``members:``.

    Raises
    ------
    DataFileError
        With one line per problem, naming the file, the line (CSV) or position
        (YAML) and the member id; never a member's name.
    """
    path = Path(path)
    text = read_text(path)
    problems: list[str] = []
    members: list[Member] = []
    places: list[str] = []
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        header = [(h or "").strip().lower() for h in reader.fieldnames or []]
        unknown = [h for h in header if h not in TEAM_COLUMNS]
        problems += [f"{path}:1: unknown column {h!r}" for h in unknown]
        problems += [
            f"{path}:1: missing column {h!r}" for h in ("id", "standard") if h not in header
        ]
        if problems:
            raise DataFileError("\n".join(problems))
        reader.fieldnames = header
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if None in row:
                problems.append(f"{where}: more cells than columns")
                continue
            cells = {k: (v or "").strip() for k, v in row.items()}
            if not any(cells.values()):
                continue
            member = _validate(cells, where, problems)
            if member is not None:
                members.append(member)
                places.append(where)
    else:
        data = parse_yaml(text, str(path))
        if isinstance(data, Mapping) and set(data) <= {"members", "description", "meta"}:
            data = data.get("members")
        if not isinstance(data, list):
            raise DataFileError(f"{path}: a team file is a list of members (or 'members:' list)")
        for n, record in enumerate(data):
            where = f"{path}: members[{n}]"
            if not isinstance(record, Mapping):
                problems.append(f"{where}: a member is a mapping with id, standard, ...")
                continue
            member = _validate(record, where, problems)
            if member is not None:
                members.append(member)
                places.append(where)
    counts = Counter(m.id for m in members)
    problems += [
        f"{path}: member id {i} used {n} times" for i, n in sorted(counts.items()) if n > 1
    ]
    if not members and not problems:
        problems.append(f"{path}: no members")
    if problems:
        raise DataFileError("\n".join(problems))
    return Team(tuple(members), str(path), tuple(places))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class MemberPlan:
    """One member's courses, hours, cost share and what stays uncovered."""

    id: str
    name: str | None
    department: str
    standard: str
    targets: tuple[str, ...]
    courses: tuple[str, ...]
    hours: float
    cost: float
    gaps: tuple[str, ...]
    level_gaps: tuple[str, ...]
    budget_gaps: tuple[str, ...]
    alone_cost: float
    alone_hours: float


@dataclass(frozen=True)
class TeamCourse:
    """A course the team runs: its sessions and participants (member ids)."""

    code: str
    title: str
    hours: float
    sessions: int
    participants: tuple[str, ...]
    session_cost: float | None
    cost: float | None
    capacity: int | None
    min_participants: int | None

    @property
    def total_cost(self) -> float:
        """Sessions times the session cost plus heads times the cost per head."""
        return _clean(
            self.sessions * (self.session_cost or 0) + len(self.participants) * (self.cost or 0)
        )


@dataclass(frozen=True)
class DepartmentTotal:
    """Totals of one department; session costs are shared pro rata by heads."""

    department: str
    members: int
    enrolments: int
    hours: float
    cost: float
    alone_cost: float


@dataclass(frozen=True)
class TeamPlan:
    """A team plan with the member-by-member baseline it is compared with.

    ``alone_cost`` is what the member-by-member plans cost when every member is
    priced alone (cost plus session cost per course, as ``curriculum plan``
    prints it); ``pooled_cost`` is the same choices with sessions shared.
    ``status`` is ``"optimal"`` when the covered weight and the primary
    objective are proven; ``bound`` is the proven bound on the primary objective
    (cost or hours) and ``gap`` its relative distance to the plan.
    """

    source: str
    objective: Objective
    status: str
    bound: float
    gap: float
    ties_proven: bool
    currency: str
    members: tuple[MemberPlan, ...]
    courses: tuple[TeamCourse, ...]
    departments: tuple[DepartmentTotal, ...]
    total_cost: float
    total_hours: float
    alone_cost: float
    alone_hours: float
    pooled_cost: float
    max_cost: float | None = None
    max_hours: float | None = None
    baseline_returned: bool = False
    unpriced: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sessions(self) -> int:
        """Sessions run in total."""
        return sum(c.sessions for c in self.courses)

    @property
    def enrolments(self) -> int:
        """Member-course enrolments in total."""
        return sum(len(c.participants) for c in self.courses)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``curriculum team --format json``."""
        return {
            "team": self.source,
            "objective": self.objective,
            "status": self.status,
            "bound": self.bound,
            "gap": self.gap,
            "ties_proven": self.ties_proven,
            "currency": self.currency,
            "total_cost": self.total_cost,
            "total_hours": self.total_hours,
            "sessions": self.sessions,
            "enrolments": self.enrolments,
            "member_by_member": {
                "cost_alone": self.alone_cost,
                "cost_pooled": self.pooled_cost,
                "hours": self.alone_hours,
            },
            "saving": _clean(self.alone_cost - self.total_cost),
            "max_cost": self.max_cost,
            "max_hours": self.max_hours,
            "members": [
                {
                    "id": m.id,
                    "name": m.name,
                    "department": m.department,
                    "standard": m.standard,
                    "targets": list(m.targets),
                    "courses": list(m.courses),
                    "hours": m.hours,
                    "cost": m.cost,
                    "gaps": list(m.gaps),
                    "level_gaps": list(m.level_gaps),
                    "budget_gaps": list(m.budget_gaps),
                    "alone": {"cost": m.alone_cost, "hours": m.alone_hours},
                }
                for m in self.members
            ],
            "courses": [
                {
                    "code": c.code,
                    "title": c.title,
                    "hours": c.hours,
                    "sessions": c.sessions,
                    "participants": list(c.participants),
                    "session_cost": c.session_cost,
                    "cost_per_head": c.cost,
                    "capacity": c.capacity,
                    "min_participants": c.min_participants,
                    "total_cost": c.total_cost,
                }
                for c in self.courses
            ],
            "departments": [
                {
                    "department": d.department,
                    "members": d.members,
                    "enrolments": d.enrolments,
                    "hours": d.hours,
                    "cost": d.cost,
                    "cost_alone": d.alone_cost,
                }
                for d in self.departments
            ],
            "unpriced_courses": list(self.unpriced),
        }


# --------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class _Need:
    """A member's cover problem and the member-by-member choice for it."""

    problem: PlanProblem
    alone: tuple[int, ...]  # chosen columns when planned alone


def _alone(
    problem: CoverProblem, objective: Objective, max_minutes: int | None, params: SolveParams
) -> tuple[int, ...]:
    """The member-by-member choice: the plan a member gets when planned alone."""
    if max_minutes is not None and not fits(problem.value(()), max_minutes, None):
        return ()
    if max_minutes is not None:
        weights = (1,) * len(problem.items)
        return solve_budget(problem, weights, max_minutes=max_minutes, params=params).chosen
    if objective == "cost":
        problem = CoverProblem(
            problem.items,
            problem.columns,
            problem.covers,
            (problem.objectives[1], problem.objectives[0]),
            problem.forced,
        )
    return solve_cover(problem, params).chosen


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
) -> TeamPlan:
    """Plan the whole team in one CP-SAT model (see the module docstring).

    Raises
    ------
    DataFileError
        When a member names an unknown standard, target or held item (the
        message gives the team file, the line and the member id).
    UnknownReferenceError
        For an excluded course code no catalogue defines.
    """
    params = params or SolveParams()
    deadline = None if params.time_limit is None else time.monotonic() + params.time_limit
    max_minutes = None if max_hours is None else round(max_hours * 60)
    max_cents = None if max_cost is None else to_cents(max_cost)

    # ---- data: one cover problem per distinct member profile
    needs: list[_Need] = []
    cache: dict[tuple[Any, ...], _Need] = {}
    problems: list[str] = []
    for n, member in enumerate(team.members):
        key = (member.standard, member.targets, member.held)
        if key not in cache:
            try:
                requirement = build_requirement(
                    library.standard(member.standard),
                    member.targets,
                    attitudes=attitudes,
                    have=member.held,
                )
            except CurriculumError as exc:
                problems.append(f"{team.place(n)}: member {member.id}: {exc}")
                continue
            problem = build_plan_problem(
                library, requirement, exclude=exclude, ignore_levels=ignore_levels
            )
            alone = _alone(problem.cover, objective, max_minutes, SolveParams(workers=1))
            cache[key] = _Need(problem, alone)
        needs.append(cache[key])
    if problems:
        raise DataFileError("\n".join(problems))

    courses: dict[str, Course] = {}
    for need in needs:
        for course in need.problem.courses:
            courses.setdefault(course.code, course)
    codes = sorted(courses)

    # ---- variables: x[m][j] for member m and column j of their problem
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = [
        [model.new_bool_var(f"x[{m},{col}]") for col in need.problem.cover.columns]
        for m, need in enumerate(needs)
    ]
    takers: dict[str, list[Any]] = {c: [] for c in codes}
    for m, need in enumerate(needs):
        for j, col in enumerate(need.problem.cover.columns):
            takers[col].append(x[m][j])
    sessions = {}
    most = {}  # the most sessions a course can need
    for code in codes:
        course = courses[code]
        cap = course.capacity or len(takers[code])
        most[code] = math.ceil(len(takers[code]) / cap)
        sessions[code] = model.new_int_var(0, most[code], f"n[{code}]")
    soft = (
        max_cost is not None
        or max_hours is not None
        or any((courses[c].min_participants or 1) > 1 for c in codes)
    )
    cov: list[list[Any]] = []
    for m, need in enumerate(needs):
        cover = need.problem.cover
        row = []
        for i, cols in enumerate(cover.coverers()):
            literals = [x[m][j] for j in cols]
            if soft:
                var = model.new_bool_var(f"cov[{m},{i}]")
                model.add_bool_or([var.Not(), *literals])
                row.append(var)
            else:
                model.add_bool_or(literals)
        cov.append(row)
        for j in cover.forced:
            model.add(x[m][j] == 1)

    # ---- constraints: seats, minimum participants, budgets
    for code in codes:
        course = courses[code]
        heads = sum(takers[code])
        if course.capacity is not None:
            model.add(heads <= course.capacity * sessions[code])
        for var in takers[code]:  # implied, but it makes the LP relaxation much tighter
            model.add(var <= sessions[code])
        model.add(heads >= (course.min_participants or 1) * sessions[code])
    minutes_of = {c: round(courses[c].hours * 60) for c in codes}
    head_cents = {c: to_cents(courses[c].cost) for c in codes}
    session_cents = {c: to_cents(courses[c].session_cost) for c in codes}
    member_minutes = [
        sum(minutes_of[col] * x[m][j] for j, col in enumerate(need.problem.cover.columns))
        for m, need in enumerate(needs)
    ]
    if max_minutes is not None:
        for expr in member_minutes:
            model.add(expr <= max_minutes)
    cost_expr = sum(session_cents[c] * sessions[c] for c in codes) + sum(
        head_cents[c] * sum(takers[c]) for c in codes
    )
    if max_cents is not None:
        model.add(cost_expr <= max_cents)
    hours_expr = sum(member_minutes)

    # ---- objectives
    flat_x = [v for row in x for v in row]
    flat_cov = [v for row in cov for v in row]
    variables = [*flat_x, *(sessions[c] for c in codes), *flat_cov]
    first, second = (cost_expr, hours_expr) if objective == "cost" else (hours_expr, cost_expr)
    if objective == "cost":
        big = sum(session_cents[c] * most[c] + head_cents[c] * len(takers[c]) for c in codes)
    else:
        big = sum(minutes_of[col] for need in needs for col in need.problem.cover.columns)
    big += 1
    if soft:
        # Coverage first, in one objective with the primary one: every item covered is
        # worth more than any cost (or hours) can be, so the order is lexicographic,
        # while the search keeps looking at the cost from the first solution on.
        first = first - big * sum(flat_cov)
    unit, scale = ("TWD", 100) if objective == "cost" else ("h", 60)

    def describe(value: float, bound: float) -> str:
        covered = max(0, math.ceil(-value / big - 1e-9)) if soft else 0
        best = (value + big * covered) / scale
        low = max(0.0, (bound + big * covered) / scale) if math.isfinite(bound) else 0.0
        text = f"best {best:,.0f} {unit}, bound {low:,.0f} {unit}"
        return f"{text}, item(s) left out: {layout.coverable - covered}" if soft else text

    stages = [
        Stage(first, name=objective, describe=describe),
        Stage(
            second,
            name="hours" if objective == "cost" else "cost",
            describe=lambda v, b: f"best {v / (60 if objective == 'cost' else 100):,.0f}",
        ),
    ]
    stages += [
        Stage(sum(flat_x), name="enrolments"),
        Stage(sum(sessions.values()), name="sessions"),
    ]

    layout = _Layout(needs, codes, courses, minutes_of, head_cents, session_cents)

    def evaluate(values: Sequence[int]) -> tuple[int, ...]:
        return layout.evaluate(values, big if soft else 0, objective)

    baseline = layout.replan([list(need.alone) for need in needs], objective)
    baseline = layout.repair(baseline)
    if objective == "cost" and max_minutes is None:
        better = layout.repair(layout.replan(layout.share(baseline, deadline), objective))
        if layout.rank(better) < layout.rank(baseline):
            baseline = better
    hint = layout.hint_from_choices(baseline, soft)
    feasible = layout.is_feasible(hint, max_minutes, max_cents)
    if not feasible and soft:  # over the team budget: start from nothing, always feasible
        baseline = [[] for _ in needs]
        hint = layout.hint_from_choices(baseline, soft)
        feasible = True
    if params.workers == 0:
        # CP-SAT's full portfolio (8 workers, even on 2 cores) proves budgeted team
        # models that 1-4 workers leave open (measured on examples/team.csv).
        params = SolveParams(time_limit=params.time_limit, workers=8, seed=params.seed)
    prefer = range(len(flat_x)) if len(flat_x) <= TIE_BREAK_LIMIT else ()
    outcome = solve_lexicographic(
        model,
        variables,
        stages,
        evaluate,
        hint=hint,
        hint_feasible=feasible,
        prefer=prefer,
        params=params,
        deadline=deadline,
        progress=progress,
    )
    proven = outcome.proven >= 1
    values = list(outcome.values)
    chosen = layout.choices(values)
    result = layout.explain(team, chosen, library.currency())
    primary_value = result["total_cents"] if objective == "cost" else result["total_minutes"]
    if proven:
        bound = primary_value
    elif outcome.bound is not None and math.isfinite(outcome.bound):
        # combined = primary - big * covered: any plan covering as much costs at least
        # the combined bound plus big * covered (one covering more, more than that).
        offset = big * layout.covered(chosen) if soft else 0
        bound = min(primary_value, max(0, math.ceil(outcome.bound + offset - 1e-6)))
    else:
        bound = 0
    scale = 100 if objective == "cost" else 60
    return TeamPlan(
        source=team.source,
        objective=objective,
        status="optimal" if proven else "feasible",
        bound=_clean(bound / scale),
        gap=0.0 if primary_value == 0 else round((primary_value - bound) / primary_value, 6),
        ties_proven=outcome.ties_proven and bool(prefer or not flat_x) and proven,
        currency=library.currency(),
        members=result["members"],
        courses=result["courses"],
        departments=result["departments"],
        total_cost=_clean(result["total_cents"] / 100),
        total_hours=_clean(result["total_minutes"] / 60),
        alone_cost=result["alone_cost"],
        alone_hours=result["alone_hours"],
        pooled_cost=_clean(layout.pooled_cents([need.alone for need in needs]) / 100),
        max_cost=max_cost,
        max_hours=max_hours,
        baseline_returned=not proven and chosen == [list(cols) for cols in baseline],
        unpriced=tuple(
            c for c in result["used"] if courses[c].cost is None and courses[c].session_cost is None
        ),
    )


@dataclass
class _Layout:
    """Where each variable sits in the flat list, and the bookkeeping around it."""

    needs: list[_Need]
    codes: list[str]
    courses: dict[str, Course]
    minutes_of: dict[str, int]
    head_cents: dict[str, int]
    session_cents: dict[str, int]

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

    def share(self, chosen: list[list[int]], deadline: float | None) -> list[list[int]]:
        """Improve a starting plan member by member, at the marginal price of each course.

        A member moves to other courses when, given everyone else's, that covers
        what they cover now for less: joining a session with a free seat costs the
        per-head price only. One pass in team order (stopped by the deadline).
        """
        chosen = [list(cols) for cols in chosen]
        heads = self.heads(chosen)
        for m, need in enumerate(self.needs):
            if deadline is not None and time.monotonic() > deadline:
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
            if current <= reach and current:
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
                picked = sorted(columns[k] for k in solve_cover(sub, SolveParams(workers=1)).chosen)
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
        if not items:
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
        solution = solve_cover(sub, SolveParams(workers=1))
        return sorted(columns[k] for k in solution.chosen)

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

    def explain(self, team: Team, chosen: list[list[int]], currency: str) -> dict[str, Any]:
        """Member plans, course sessions and department totals of a choice."""
        del currency
        heads = self.heads(chosen)
        n_sessions = {c: self.session_count(c, h) for c, h in heads.items()}
        share = {
            c: Fraction(self.session_cents[c] * n_sessions[c], h) + self.head_cents[c]
            for c, h in heads.items()
        }
        members = []
        dept_cost: dict[str, Fraction] = {}
        dept_alone: dict[str, int] = {}
        dept_rows: dict[str, list[int]] = {}
        alone_cents_total = 0
        alone_minutes_total = 0
        for member, need, cols in zip(team.members, self.needs, chosen, strict=True):
            cover = need.problem.cover
            picked = [cover.columns[j] for j in cols]
            covered = {cover.items[i] for j in cols for i in cover.covers[j]}
            minutes = sum(self.minutes_of[c] for c in picked)
            cost = sum((share[c] for c in picked), Fraction(0))
            alone_cents = sum(to_cents(need.problem.courses[j].price) for j in need.alone)
            alone_minutes = sum(self.minutes_of[cover.columns[j]] for j in need.alone)
            alone_cents_total += alone_cents
            alone_minutes_total += alone_minutes
            members.append(
                MemberPlan(
                    id=member.id,
                    name=member.name,
                    department=member.department,
                    standard=member.standard,
                    targets=need.problem.requirement.targets,
                    courses=tuple(picked),
                    hours=_clean(minutes / 60),
                    cost=_clean(round(cost) / 100),
                    gaps=need.problem.gaps,
                    level_gaps=need.problem.level_gaps,
                    budget_gaps=tuple(i for i in cover.items if i not in covered),
                    alone_cost=_clean(alone_cents / 100),
                    alone_hours=_clean(alone_minutes / 60),
                )
            )
            d = member.department
            dept_cost[d] = dept_cost.get(d, Fraction(0)) + cost
            dept_alone[d] = dept_alone.get(d, 0) + alone_cents
            row = dept_rows.setdefault(d, [0, 0, 0])
            row[0] += 1
            row[1] += len(picked)
            row[2] += minutes
        departments = tuple(
            DepartmentTotal(
                department=d,
                members=dept_rows[d][0],
                enrolments=dept_rows[d][1],
                hours=_clean(dept_rows[d][2] / 60),
                cost=_clean(round(dept_cost[d]) / 100),
                alone_cost=_clean(dept_alone[d] / 100),
            )
            for d in sorted(dept_rows)
        )
        participants: dict[str, list[str]] = {c: [] for c in heads}
        for member, need, cols in zip(team.members, self.needs, chosen, strict=True):
            for j in cols:
                participants[need.problem.cover.columns[j]].append(member.id)
        team_courses = tuple(
            TeamCourse(
                code=c,
                title=self.courses[c].title,
                hours=_clean(self.courses[c].hours),
                sessions=n_sessions[c],
                participants=tuple(participants[c]),
                session_cost=self.courses[c].session_cost,
                cost=self.courses[c].cost,
                capacity=self.courses[c].capacity,
                min_participants=self.courses[c].min_participants,
            )
            for c in sorted(heads)
        )
        total_cents = sum(
            n_sessions[c] * self.session_cents[c] + h * self.head_cents[c] for c, h in heads.items()
        )
        return {
            "members": tuple(members),
            "courses": team_courses,
            "departments": departments,
            "total_cents": total_cents,
            "total_minutes": sum(self.minutes_of[c] * h for c, h in heads.items()),
            "alone_cost": _clean(alone_cents_total / 100),
            "alone_hours": _clean(alone_minutes_total / 60),
            "used": sorted(heads),
        }


def _clean(value: float) -> float:
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value  # type: ignore[return-value]
