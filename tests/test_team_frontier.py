"""``curriculum team --frontier``: the exact team coverage/cost curve with marginal steps."""

from __future__ import annotations

import itertools
import json
import math

import pytest
from click.testing import CliRunner
from conftest import ROOT, STANDARDS
from helpers import random_teams
from hypothesis import HealthCheck, assume, given, settings

from curriculum.cli import main
from curriculum.io.library import load_library
from curriculum.io.team_file import Team, load_team
from curriculum.planning.team.frontier import compute_team_frontier
from curriculum.planning.team.frontier_result import TeamFrontier, TeamFrontierPoint
from curriculum.planning.team.plan import member_needs, plan_team
from curriculum.report.team.frontier import RENDERERS
from curriculum.request import Request
from curriculum.solve.params import SolveParams

EXAMPLES = ROOT / "examples"
SESSIONS = EXAMPLES / "sessions-catalogue.yaml"
ARGS = ["--standards", str(STANDARDS), "--catalogue", str(SESSIONS)]
SMALL_TEAM = ROOT / "tests" / "data" / "team" / "small.csv"


def brute_curve(library, team: Team) -> list[tuple[int, int]]:
    """(covered member-items, least cents) of every efficient team plan, by enumeration."""
    needs = member_needs(library, Request(), team)
    covers = [n.problem.cover for n in needs]
    options = [
        [
            s
            for r in range(len(c.columns) + 1)
            for s in itertools.combinations(range(len(c.columns)), r)
        ]
        for c in covers
    ]
    best: dict[int, int] = {}
    for choice in itertools.product(*options):
        heads: dict[str, int] = {}
        covered = 0
        for cover, cols in zip(covers, choice, strict=True):
            covered += len({i for j in cols for i in cover.covers[j]})
            for j in cols:
                heads[cover.columns[j]] = heads.get(cover.columns[j], 0) + 1
        cents = 0
        feasible = True
        for code, h in heads.items():
            course = library.courses[code]
            sessions = math.ceil(h / (course.capacity or h))
            if sessions * (course.min_participants or 1) > h:
                feasible = False
                break
            cents += sessions * round((course.session_cost or 0) * 100)
            cents += h * round((course.cost or 0) * 100)
        if feasible and cents < best.get(covered, math.inf):
            best[covered] = cents
    curve: list[tuple[int, int]] = []
    for covered in sorted(best, reverse=True):  # keep a level only when it is cheaper
        if not curve or best[covered] < curve[-1][1]:
            curve.append((covered, best[covered]))
    return sorted(curve)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams())
def test_curve_equals_brute_force(instance):
    library, team, _, _ = instance
    needs = member_needs(library, Request(), team)
    assume(math.prod(2 ** len(n.problem.cover.columns) for n in needs) <= 4096)
    curve = compute_team_frontier(library, Request(), SolveParams(workers=1), team)
    got = [(p.covered, round(p.cost * 100)) for p in curve.points]
    assert got == brute_curve(library, team)
    assert curve.status == "optimal"
    assert all(p.proven and p.covered_bound == p.covered for p in curve.points)
    assert got[0][1] == 0  # the cheapest point is free (it covers what free courses cover)
    for before, after in itertools.pairwise(got):  # strictly increasing in both axes
        assert before[0] < after[0] and before[1] < after[1]


@pytest.fixture(scope="module")
def small():
    path = SMALL_TEAM
    library = load_library([STANDARDS], [SESSIONS])
    team = load_team(path)
    return path, library, team, compute_team_frontier(library, Request(), None, team)


def test_points_match_plan_team_under_their_budgets(small):
    _, library, team, curve = small
    last = curve.points[-1]
    full = plan_team(library, Request(), None, team)
    assert (last.covered, last.cost) == (full.covered, full.total_cost)
    for before, point in list(itertools.pairwise(curve.points))[-4:]:
        at = plan_team(library, Request(), None, team, max_cost=point.cost)
        assert (at.covered, at.total_cost) == (point.covered, point.cost)
        below = plan_team(library, Request(), None, team, max_cost=point.cost - 0.01)
        assert below.covered == before.covered and below.total_cost == before.cost


def test_marginal_steps_name_items_and_member_ids(small):
    _, _, team, curve = small
    names = {m.name for m in team.members}
    for before, point in itertools.pairwise(curve.points):
        old = {(m, i) for m, items in before.member_items.items() for i in items}
        new = {(m, i) for m, items in point.member_items.items() for i in items}
        assert {(m, i) for i, ids in point.added.items() for m in ids} == new - old
        assert {(m, i) for i, ids in point.dropped.items() for m in ids} == old - new
        assert point.step_cost == pytest.approx(point.cost - before.cost)
        assert point.step.startswith(f"+TWD {point.step_cost:,.0f}: ")
        assert not any(name in point.step for name in names)
    assert curve.points[0].step == "" and curve.points[0].covered == 0


def test_step_text():
    point = TeamFrontierPoint(covered=2, cost=45300, hours=3, sessions={"C1": 1}, member_items={})
    curve = TeamFrontier(
        source="t",
        currency="TWD",
        members=("E010", "E008"),
        required=4,
        coverable=4,
        points=(
            TeamFrontierPoint(covered=0, cost=0, hours=0, sessions={}, member_items={}),
            TeamFrontierPoint(
                covered=2,
                cost=45300,
                hours=3,
                sessions={"C1": 1},
                member_items={"E008": ("S02",), "E010": ("S02",)},
            ),
        ),
    )
    assert point.step == ""
    assert curve.points[1].step == "+TWD 45,300: S02 for E010, E008"  # team-file order
    table = RENDERERS["table"](curve, "zh-TW", True)  # every point: --wide
    assert "+新臺幣 45,300 元：E010、E008 的 S02" in table


def test_cli_formats_and_chart(small, tmp_path):
    path, _, _, curve = small
    runner = CliRunner()
    base = ["team", str(path), *ARGS, "--frontier", "--lang", "en"]
    out = runner.invoke(main, [*base, "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["status"] == "optimal"
    assert [p["covered"] for p in data["points"]] == [p.covered for p in curve.points]
    table = runner.invoke(main, [*base, "--plot", str(tmp_path / "c.png"), "--wide"])
    assert table.exit_code == 0, table.output
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert curve.points[1].step.split(":")[0] in table.stdout
    csv = runner.invoke(main, [*base, "--format", "csv", "--no-bom"])
    assert csv.stdout.splitlines()[0].startswith("covered,cost,step_cost,step")
    assert len(csv.stdout.splitlines()) == len(curve.points) + 1
    md = runner.invoke(main, [*base, "--format", "markdown"])
    assert md.stdout.startswith("# Team coverage against cost")
    bad = runner.invoke(main, [*base, "--max-cost", "100"])
    assert bad.exit_code == 2
    assert runner.invoke(main, ["team", str(path), *ARGS, "--plot", "x.png"]).exit_code == 2


def test_time_limit_labels_unproven_points_honestly(small):
    _, library, team, full = small
    exact = {(p.covered, p.cost) for p in full.points}
    curve = compute_team_frontier(library, Request(), SolveParams(time_limit=0.0), team)
    assert curve.status == "feasible"
    assert (curve.points[0].covered, curve.points[0].cost) == (0, 0)
    assert any(not p.proven for p in curve.points)
    for point in curve.points:
        assert point.covered_bound is not None and point.covered_bound >= point.covered
        if point.proven:
            assert point.covered_bound == point.covered
            assert (point.covered, point.cost) in exact
    # the top point was searched without a budget: its bound holds for the whole team
    last = curve.points[-1]
    assert last.proven or full.points[-1].covered <= last.covered_bound
    table = RENDERERS["table"](curve, "en")
    assert "* (<= " in table and "not proven" in table


def test_public_api(small):
    import curriculum

    path, library, _, curve = small
    got = curriculum.team_frontier(library, str(path))
    assert isinstance(got, curriculum.TeamFrontier)
    assert got.to_dict() == curve.to_dict()
    assert got.summary().splitlines()[-1] == "Status: optimal, every point proven efficient."


# ------------------------------------------------ issue 22: a table a planner can read


def test_decision_table_is_short_and_names_courses_and_counts_never_ids(small):
    from curriculum.report.team.decision import MAX_ROWS, budget_step, decision_rows

    path, _, team, curve = small
    table = CliRunner().invoke(main, ["team", str(path), *ARGS, "--frontier", "--lang", "en"])
    assert table.exit_code == 0, table.output
    rows = decision_rows(curve)
    assert 0 < len(rows) <= MAX_ROWS
    step = budget_step(curve.points[-1].cost)
    for row in rows:  # the most coverage within each budget, and nothing cheaper covers more
        assert row.point.cost <= row.budget
        assert all(p.covered <= row.point.covered for p in curve.points if p.cost <= row.budget)
        assert row.budget % step == 0
    assert rows[-1].point is curve.points[-1]
    for member in team.members:
        assert member.id not in table.stdout and member.name not in table.stdout
    courses = [c for p in curve.points for c in p.heads]
    assert any(f"+{code} ×" in table.stdout for code in courses)
    wide = (
        CliRunner()
        .invoke(main, ["team", str(path), *ARGS, "--frontier", "--lang", "en", "--wide"])
        .stdout
    )
    assert "Every efficient plan" in wide and "E001" in wide


def test_budget_steps_are_round():
    from curriculum.report.team.decision import budget_step

    assert budget_step(381_600) == 25_000
    assert budget_step(1_600) == 100
    assert budget_step(1_601) == 200
    assert budget_step(9_000_000) == 1_000_000


def test_time_limited_frontier_marks_the_empty_plan_and_fills_below(small):
    _, library, team, full = small
    curve = compute_team_frontier(library, Request(), SolveParams(time_limit=0.0), team)
    empty = curve.points[0]
    assert empty.covered == 0 and not empty.proven
    table = RENDERERS["table"](curve, "en")
    assert "0* (<= " in table  # as JSON says, the table says
    # below the dearest point searched, cheaper plans are found greedily, not left at 0%
    searched = curve.points[-1]
    between = [p for p in curve.points if 0 < p.covered < searched.covered]
    assert between and all(not p.proven for p in between)
    for before, after in itertools.pairwise(curve.points):
        assert before.covered < after.covered and before.cost < after.cost
    exact = {p.covered: p.cost for p in full.points}
    for point in between:  # each a real plan: never cheaper than the exact curve allows
        assert point.cost >= min(c for k, c in exact.items() if k >= point.covered)


def test_chart_dashes_unproven_steps_only(small):
    pytest.importorskip("matplotlib")
    from curriculum.report.team.frontier import plot_team_frontier

    _, library, team, full = small
    proven, _ = plot_team_frontier(full, "svg")
    assert b"stroke-dasharray" not in proven
    limited = compute_team_frontier(library, Request(), SolveParams(time_limit=0.0), team)
    unproven, _ = plot_team_frontier(limited, "svg")
    assert b"stroke-dasharray" in unproven


def test_frontier_workbook_has_the_decision_table_and_every_point(small, tmp_path):
    from openpyxl import load_workbook

    path, _, _, curve = small
    out = tmp_path / "f.xlsx"
    result = CliRunner().invoke(
        main, ["team", str(path), *ARGS, "--frontier", "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["決策表", "最佳組合", "職能項次"]
    points = list(book["最佳組合"].iter_rows(values_only=True))
    assert len(points) == len(curve.points) + 1
    items = list(book["職能項次"].iter_rows(values_only=True))
    assert len(items) - 1 == sum(len(v) for p in curve.points for v in p.member_items.values())
