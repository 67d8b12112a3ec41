"""Team plans: valid, never dearer than member by member, seats and minimums respected."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from conftest import ROOT, STANDARDS
from helpers import brute_force_team, fast_and_full, modules_after_commands, random_teams
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.library import Library, LoadedCatalogue, load_library
from curriculum.io.team_file import Member, Team, load_team
from curriculum.model.standard import Catalogue, Standard
from curriculum.planning.team import lns as team_lns
from curriculum.planning.team import plan as team_module
from curriculum.planning.team.heuristics import starting_plan
from curriculum.planning.team.lp import lp_support, most_coverage
from curriculum.planning.team.plan import plan_team
from curriculum.request import Request
from curriculum.solve.cover import SolveParams
from curriculum.solve.params import NO_DEADLINE

EXAMPLES = ROOT / "examples"
TEAM_CSV = EXAMPLES / "team.csv"
SESSIONS = EXAMPLES / "sessions-catalogue.yaml"
TEAM_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(SESSIONS)]


@pytest.fixture(scope="session")
def sessions_library() -> Library:
    """The shipped standard with the example session-priced catalogue."""
    return load_library([STANDARDS], [SESSIONS])


@pytest.fixture(scope="session")
def example_plan(sessions_library):
    """The team plan of examples/team.csv."""
    return plan_team(sessions_library, Request(), SolveParams(workers=2), load_team(TEAM_CSV))


def check_team_plan(plan, library, team, max_hours=None, max_cost=None):
    """Independent checks of a team plan against the catalogue."""
    by_id = {m.id: m for m in team.members}
    for course in plan.courses:
        c = library.courses[course.code]
        heads = len(course.participants)
        assert heads >= 1 and course.sessions >= 1
        if c.capacity is not None:
            assert heads <= c.capacity * course.sessions
        assert heads >= (c.min_participants or 1) * course.sessions
    for mp in plan.members:
        member = by_id[mp.id]
        std = library.standards[member.standard]
        tasks = std.expand_targets(member.targets)
        need = {}
        for t in tasks:
            for item in t.items:
                need[item] = max(need.get(item) or 0, t.level or 0)
        for held in member.held:
            need.pop(held, None)
        taken = [library.courses[code] for code in mp.courses]
        for item, level in need.items():
            ok = any(
                item in c.items_for(std.code) and (c.level is None or c.level >= level)
                for c in taken
            )
            if ok:
                assert item not in mp.gaps + mp.level_gaps + mp.budget_gaps
            else:
                assert item in mp.gaps + mp.level_gaps + mp.budget_gaps, (mp.id, item)
        for item in mp.gaps + mp.level_gaps:
            assert not any(
                item in c.items_for(std.code) and (c.level is None or c.level >= need[item])
                for c in library.courses.values()
            )
        if max_hours is not None:
            assert mp.hours <= max_hours + 1e-9
        assert mp.courses == tuple(sorted(mp.courses))
        for code in mp.courses:
            assert mp.id in next(c.participants for c in plan.courses if c.code == code)
    total = sum(c.total_cost for c in plan.courses)
    assert math.isclose(plan.total_cost, total)
    if max_cost is not None:
        assert plan.total_cost <= max_cost + 1e-9


def test_load_team_csv():
    team = load_team(TEAM_CSV)
    assert len(team.members) == 12
    assert team.members[1] == Member(
        id="E002",
        name="陳範例",
        department="客服部",
        standard="BAS1499-001v4",
        targets=("T2.1", "T2.2"),
        held=("K05",),
    )
    assert {m.department for m in team.members} == {"客服部", "專案企劃部"}


def test_load_team_yaml_same_as_csv(tmp_path):
    team = load_team(TEAM_CSV)
    lines = ["members:"]
    for m in team.members:
        lines.append(
            f"  - {{id: {m.id}, name: {m.name}, department: {m.department}, "
            f"standard: {m.standard}, targets: [{', '.join(m.targets)}], "
            f"held: [{', '.join(m.held)}]}}"
        )
    path = tmp_path / "team.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load_team(path).members == team.members


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,name,standard,role\nE1,甲某,BAS1499-001v4,x\n", "team.csv:1: unknown column 'role'"),
        ("id,name,department\nE1,甲某,A\n", "team.csv:1: missing column 'standard'"),
        (
            "id,name,standard\nE1,甲某,BAS1499-001v4\nE1,乙某,BAS1499-001v4\n",
            "team.csv: member id E1 used 2 times",
        ),
        ("id,name,standard\n,甲某,BAS1499-001v4\n", "team.csv:2: member: missing 'id'"),
        (
            "id,name,standard\nE 1,甲某,BAS1499-001v4\n",
            "team.csv:2: member E 1: id: code 'E 1' contains",
        ),
    ],
)
def test_bad_team_files_name_ids_never_names(tmp_path, text, message):
    path = tmp_path / "team.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_team(path)
    assert message in str(info.value)
    assert "甲某" not in str(info.value) and "乙某" not in str(info.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("E7,秘密姓名,A,NOPE-1,,", "team.csv:2: member E7: unknown standard NOPE-1"),
        ("E7,秘密姓名,A,BAS1499-001v4,T9,", "team.csv:2: member E7: BAS1499-001v4 has no task"),
        ("E7,秘密姓名,A,BAS1499-001v4,T1,K99", "team.csv:2: member E7: BAS1499-001v4 defines no"),
    ],
)
def test_unknown_references_in_team_file(tmp_path, row, message):
    path = tmp_path / "team.csv"
    path.write_text("id,name,department,standard,targets,held\n" + row + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["team", str(path), *TEAM_ARGS, "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path.parent / 'team.csv'}:2: member E7: ")
    assert message.split(": ", 1)[1] in result.stderr
    assert "秘密姓名" not in result.stderr and "Traceback" not in result.stderr


def test_example_team_plan(example_plan, sessions_library):
    plan = example_plan
    check_team_plan(plan, sessions_library, load_team(TEAM_CSV))
    assert plan.status == "optimal" and plan.ties_proven
    assert plan.total_cost < plan.pooled_cost < plan.alone_cost
    assert all(not m.budget_gaps for m in plan.members)
    # member by member: the sum of each member's own plan, priced alone
    assert plan.alone_cost == sum(m.alone_cost for m in plan.members)
    by_dept = sum(d.cost for d in plan.departments)
    assert abs(by_dept - plan.total_cost) <= 0.01 * len(plan.departments)


def test_alone_cost_is_what_plan_prints(example_plan):
    runner = CliRunner()
    team = load_team(TEAM_CSV)
    member = team.members[7]  # E008, T1.2
    out = runner.invoke(
        main, ["plan", member.standard, *member.targets, *TEAM_ARGS, "--format", "json"]
    )
    assert example_plan.members[7].alone_hours == json.loads(out.stdout)["total_hours"]


@fast_and_full(10)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams())
def test_random_teams(instance):
    library, team, max_hours, max_cost = instance
    plain = plan_team(library, Request(), SolveParams(workers=1), team)
    check_team_plan(plain, library, team)
    assert plain.status == "optimal"
    no_minimum = all((c.min_participants or 1) == 1 for c in library.courses.values())
    if no_minimum:
        # never dearer than the member-by-member choices under the same prices
        assert plain.total_cost <= plain.pooled_cost <= plain.alone_cost
        assert all(not m.budget_gaps for m in plain.members)
    budgeted = plan_team(
        library, Request(), SolveParams(workers=1), team, max_hours=max_hours, max_cost=max_cost
    )
    check_team_plan(budgeted, library, team, max_hours, max_cost)
    left_out = sum(len(m.budget_gaps) for m in budgeted.members)
    assert left_out >= sum(len(m.budget_gaps) for m in plain.members)
    hours = plan_team(library, Request(), SolveParams(workers=1), team, objective="hours")
    check_team_plan(hours, library, team)
    if no_minimum:
        assert hours.total_hours <= plain.total_hours
        # hours do not interact between members: the sum of each member's least hours
        assert hours.total_hours == hours.alone_hours


@fast_and_full(10)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams())
def test_random_teams_against_brute_force(instance):
    # most coverage, then least cost: the same as every combination of member choices
    library, team, _, _ = instance
    best = brute_force_team(library, team)
    assume(best is not None)
    plan = plan_team(library, Request(), SolveParams(workers=1), team)
    assert plan.status == "optimal"
    assert (sum(m.covered for m in plan.members), round(plan.total_cost * 100)) == best
    # the start from the model restricted to the LP's courses changes nothing proven
    with mock.patch.object(team_module, "RESTRICT_MIN", 0):
        assert plan_team(library, Request(), SolveParams(workers=1), team) == plan
    # nor does the neighbourhood search's start
    with mock.patch.object(team_module, "LNS_MIN", 0):
        assert plan_team(library, Request(), SolveParams(workers=1), team) == plan


def test_neighbourhood_search_is_a_plan_and_changes_nothing_proven(sessions_library):
    team = load_team(TEAM_CSV)
    needs = team_module.member_needs(sessions_library, Request(), team)
    layout = team_module.team_layout(needs)
    layout.required, layout.running = most_coverage(layout)
    start, _hint, feasible = starting_plan(layout, "cost", False, None, None, NO_DEADLINE)
    assert feasible
    groups = [m.department for m in team.members]
    runs = [
        team_lns.better_start(layout, start, team_module.build_team_model, groups=groups, seed=3)
        for _ in range(2)
    ]
    assert runs[0] == runs[1]  # the same neighbourhoods and answers for the same seed
    assert layout.is_feasible(layout.hint_from_choices(runs[0], False), None, None)
    assert layout.pooled_cents(runs[0]) <= layout.pooled_cents(start)
    plain = plan_team(sessions_library, Request(), SolveParams(workers=1), team)
    assert plain.status == "optimal"
    assert round(plain.total_cost * 100) <= layout.pooled_cents(runs[0])
    with mock.patch.object(team_module, "LNS_MIN", 0):
        assert plan_team(sessions_library, Request(), SolveParams(workers=1), team) == plain


def test_restricted_start_is_a_plan_and_changes_nothing_proven(sessions_library):
    team = load_team(TEAM_CSV)
    needs = team_module.member_needs(sessions_library, Request(), team)
    layout = team_module.team_layout(needs)
    layout.required, layout.running = most_coverage(layout)
    support = lp_support(layout, NO_DEADLINE)
    assert support and support < layout.running  # the LP runs fewer courses than could run
    start = team_module.restricted_start(layout, SolveParams(workers=1), NO_DEADLINE)
    assert start is not None and layout.is_feasible(start, None, None)
    assert {c for c, h in layout.heads(layout.choices(start)).items() if h} <= support
    plain = plan_team(sessions_library, Request(), SolveParams(workers=1), team)
    with mock.patch.object(team_module, "RESTRICT_MIN", 0):
        assert plan_team(sessions_library, Request(), SolveParams(workers=1), team) == plain
    assert plain.status == "optimal"
    assert round(plain.total_cost * 100) <= layout.evaluate(start, 0, "cost")[0]


def test_capacity_splits_sessions(sessions_library):
    # 12 members need CS-106 (capacity 20) but 9 need CR-603? check any course over capacity
    members = tuple(
        Member(id=f"P{k:02d}", department="X", standard="BAS1499-001v4", targets=("T2.1",))
        for k in range(11)
    )
    plan = plan_team(sessions_library, Request(), SolveParams(workers=1), Team(members, "t"))
    check_team_plan(plan, sessions_library, Team(members, "t"))
    cr603 = next(c for c in plan.courses if c.code == "CR-603")  # 8 seats a session
    assert len(cr603.participants) == 11 and cr603.sessions == 2


def test_minimum_participants_leave_items_out(sessions_library):
    # A lone member: every course needs at least two participants.
    members = (Member(id="Q1", department="X", standard="BAS1499-001v4", targets=("T2.1",)),)
    plan = plan_team(sessions_library, Request(), SolveParams(workers=1), Team(members, "t"))
    assert plan.courses == () and plan.total_cost == 0
    assert plan.members[0].budget_gaps == ("K05", "K10", "K11", "K12", "K13", "S02", "S11", "S12")


@pytest.mark.slow
def test_cli_formats_and_determinism(tmp_path):
    runner = CliRunner()
    outs = {
        runner.invoke(
            main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "json", "--workers", w]
        ).stdout
        for w in ("1", "2")
    }
    assert len(outs) == 1
    data = json.loads(outs.pop())
    assert (
        data["status"] == "optimal" and data["total_cost"] < data["member_by_member"]["cost_alone"]
    )
    table = runner.invoke(main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--lang", "en"])
    assert table.exit_code == 0 and table.stderr == ""
    assert "Team total: " in table.stdout and "Departments" in table.stdout
    md = runner.invoke(
        main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "markdown", "--lang", "en"]
    ).stdout
    assert md.startswith("# Team plan for") and "| E001 |" in md
    csv_out = runner.invoke(
        main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "csv", "--lang", "en"]
    ).stdout
    assert csv_out.startswith("\ufeffmember,name,department,standard")
    zh_csv = runner.invoke(main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "csv"]).stdout
    assert zh_csv.startswith("\ufeff成員編號,名稱,部門,職能基準")  # the standard's language
    result = runner.invoke(main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.stderr
    out = tmp_path / "team.xlsx"
    result = runner.invoke(
        main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames[:2] == ["摘要", "成員"] and book.sheetnames[-1] == "部門"
    assert book["成員"]["A2"].value == "E001"
    first = out.read_bytes()
    runner.invoke(main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "xlsx", "-o", str(out)])
    assert out.read_bytes() == first


@pytest.mark.slow
def test_cli_budgets_and_time_limit():
    runner = CliRunner()
    data = json.loads(
        runner.invoke(
            main,
            ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "json", "--max-cost", "200000"],
        ).stdout
    )
    assert data["total_cost"] <= 200000
    assert any(m["budget_gaps"] for m in data["members"])
    data = json.loads(
        runner.invoke(
            main,
            ["team", str(TEAM_CSV), *TEAM_ARGS, "--format", "json", "--max-hours", "40"],
        ).stdout
    )
    assert all(m["hours"] <= 40 for m in data["members"])
    result = runner.invoke(
        main, ["team", str(TEAM_CSV), *TEAM_ARGS, "--time-limit", "0.001", "--format", "json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["lower_bound"] <= data["total_cost"]
    assert data["total_cost"] <= data["member_by_member"]["cost_pooled"]


def test_progress_is_reported_only_through_the_callback(sessions_library):
    messages = []
    plan_team(
        sessions_library,
        Request(),
        SolveParams(workers=1),
        load_team(TEAM_CSV),
        progress=messages.append,
    )
    assert messages and all(": best " in m for m in messages)
    assert not any("林示範" in m for m in messages)  # ids and figures only, never names


def test_team_and_frontier_help_never_import_ortools(tmp_path):
    commands = [["team", "--help"], ["frontier", "--help"], ["plan", "--help"]]
    for args, modules in zip(commands, modules_after_commands(commands, tmp_path), strict=True):
        assert not any(m.startswith(("ortools", "matplotlib", "openpyxl")) for m in modules), args


def test_coverage_always_outweighs_cost():
    # Found by hypothesis: a lone member, C0 (session price 2) covers K04 and C1
    # (free) does not. Coverage comes first: C0 is the plan, whatever it costs.
    standard = Standard.model_validate(
        {
            "code": "RND-001v1",
            "name": "x",
            "duties": [
                {
                    "code": "T1",
                    "name": "d",
                    "tasks": [
                        {"code": "T1.1", "name": "a", "knowledge": ["K01", "K02", "K03", "K04"]},
                    ],
                }
            ],
            "items": [{"code": f"K0{i}", "kind": "K", "name": "k"} for i in range(1, 5)],
        }
    )
    courses = [
        {
            "code": "C0",
            "title": "c",
            "hours": 1,
            "session_cost": 2,
            "covers": {"RND-001v1": ["K01", "K02", "K03", "K04"]},
        },
        {"code": "C1", "title": "c", "hours": 2, "covers": {"RND-001v1": ["K01", "K02", "K03"]}},
        {
            "code": "C4",
            "title": "c",
            "hours": 1,
            "cost": 1,
            "min_participants": 2,
            "covers": {"RND-001v1": ["K01"]},
        },
    ]
    catalogue = Catalogue.model_validate({"courses": courses})
    library = Library({"RND-001v1": standard}, (LoadedCatalogue(Path("r.yaml"), catalogue),))
    team = Team((Member(id="M0", department="A", standard="RND-001v1"),), "r")
    plan = plan_team(library, Request(), SolveParams(workers=1), team)
    assert plan.members[0].courses == ("C0",) and plan.members[0].budget_gaps == ()


def test_member_plans_are_solved_once_per_cover_problem(sessions_library):
    # Two members differ only by a held item outside their requirement: one cover problem.
    team = load_team(TEAM_CSV)
    first = team.members[0]
    standard = sessions_library.standard(first.standard)
    needed = set(
        team_module.member_needs(
            sessions_library,
            Request.of(attitudes=False, ignore_levels=False, exclude=()),
            Team((first,), "t"),
            objective="cost",
            max_minutes=None,
        )[0].problem.cover.items
    )
    outside = next(
        i.code for i in standard.items if i.code not in first.held and i.code not in needed
    )
    twin = Member(
        id="TWIN",
        department=first.department,
        standard=first.standard,
        targets=first.targets,
        held=tuple(sorted((*first.held, outside))),
    )
    pair = Team((first, twin), "t")
    calls = []
    real = team_module.plan_alone

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    with mock.patch.object(team_module, "plan_alone", counted):
        needs = team_module.member_needs(sessions_library, Request(), pair)
    assert needs[0].problem.cover == needs[1].problem.cover
    assert needs[0].problem is not needs[1].problem
    assert len(calls) == 1
    assert needs[0].alone == real(needs[0].problem.cover, "cost", None, SolveParams(workers=1))
    assert needs[1].alone == real(needs[1].problem.cover, "cost", None, SolveParams(workers=1))


@fast_and_full(12)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_teams(), st.randoms(use_true_random=False))
def test_rounding_cuts_hold_for_every_plan(instance, rng):
    """Every plan that covers what it must runs at least the sessions each cut asks for."""
    library, team, _, _ = instance
    needs = team_module.member_needs(library, Request(), team)
    layout = team_module.team_layout(needs)
    most = most_coverage(layout)
    assume(most is not None)
    layout.required, layout.running = most
    plan = []
    for m, need in enumerate(layout.needs):  # a random irredundant cover of each member
        cover = need.problem.cover
        chosen = {j for j, code in enumerate(cover.columns) if code in layout.running}
        for j in rng.sample(sorted(chosen), len(chosen)):
            rest = chosen - {j}
            if all(any(k in rest for k in cover.coverers()[i]) for i in layout.required[m]):
                chosen = rest
        plan.append(sorted(chosen))
    heads = layout.heads(plan)
    sessions = {c: layout.session_count(c, heads[c]) for c in layout.codes}
    most_heads = {c: sum(c in n.problem.cover.columns for n in layout.needs) for c in layout.codes}
    cuts = team_module.rounding_cuts(layout, most_heads)
    for least, terms in cuts:
        assert least > 1
        assert sum(weight * sessions[c] for c, weight in terms) >= least
