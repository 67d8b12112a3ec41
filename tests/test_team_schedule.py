"""Team calendars, ``curriculum team --schedule`` (issue 14, point 5).

tests/data/team_schedule/catalogue.yaml is examples/sessions-catalogue.yaml with
prerequisites (PM-202 and TR-501 need CS-102, DA-303 needs DA-301 or DA-302,
DA-304 needs DA-303), a corequisite (TR-501 with CS-106) and offered periods
(CS-102 in 1 and 3, PM-202 in 2 and 4). Every calendar is checked by
:func:`check_calendar_independently`, which knows nothing of the model.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, STANDARDS

from curriculum.cli import main
from curriculum.io.library import Library, load_library
from curriculum.io.team_file import load_team
from curriculum.model.periods import Calendar
from curriculum.planning.team.plan import plan_team
from curriculum.planning.team.result import TeamPlan
from curriculum.planning.team.schedule import CalendarError, schedule_team
from curriculum.request import Request
from curriculum.solve.params import SolveParams

CATALOGUE = DATA / "team_schedule" / "catalogue.yaml"
TEAM = ROOT / "examples" / "team.csv"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([STANDARDS], [CATALOGUE])


@pytest.fixture(scope="module")
def plan(library: Library) -> TeamPlan:
    return plan_team(library, Request(), SolveParams(workers=1), load_team(TEAM))


def check_calendar_independently(plan: TeamPlan, library: Library, cap: float | None) -> None:
    """Every rule of a team calendar, from the result and the catalogue alone."""
    cal = plan.calendar
    assert cal is not None
    courses = {c.code: c for c in plan.courses}
    for session in cal.sessions:
        offered = library.courses[session.course].offered
        assert offered is None or str(session.period) in offered, session
        course = courses[session.course]
        assert (course.min_participants or 1) <= len(session.participants), session
        assert course.capacity is None or len(session.participants) <= course.capacity
    for code, course in courses.items():
        mine = [s for s in cal.sessions if s.course == code]
        assert len(mine) == course.sessions
        seated = [m for s in mine for m in s.participants]
        assert sorted(seated) == sorted(course.participants)  # each in exactly one session
    session_period = {(m, s.course): s.period for s in cal.sessions for m in s.participants}
    assert cal.periods_used == max(s.period for s in cal.sessions)
    for member in plan.members:
        calendar = next((c for c in cal.members if c.id == member.id), None)
        when = {
            code: p.period for p in (calendar.periods if calendar else ()) for code in p.courses
        }
        assert sorted(when) == sorted(member.courses)
        for code, period in when.items():
            assert session_period[member.id, code] == period
        for period in calendar.periods if calendar else ():
            hours = sum(courses[c].hours for c in period.courses)
            assert period.hours == hours and (cap is None or hours <= cap)
        for code in member.courses:
            course = library.courses[code]
            for strict, requisites in ((True, course.prerequisites), (False, course.corequisites)):
                for requirement in requisites:
                    here = [a for a in requirement if a in when]
                    if here:  # outside the member's plan: held before the calendar
                        earlier = [
                            when[a] < when[code] or (not strict and when[a] == when[code])
                            for a in here
                        ]
                        assert any(earlier), (member.id, code, requirement)


def test_calendar_is_valid_and_uses_the_fewest_periods(plan, library):
    scheduled = schedule_team(
        plan, library, Calendar.numbered(6), max_hours_per_period=24, params=SolveParams(workers=1)
    )
    check_calendar_independently(scheduled, library, 24)
    cal = scheduled.calendar
    assert cal.status == "optimal" and cal.ties_proven
    # the chain DA-302 → DA-303 → DA-304 of E009 needs 3 periods; hours push to 4
    with pytest.raises(CalendarError):
        schedule_team(
            plan, library, Calendar.numbered(cal.periods_used - 1), max_hours_per_period=24
        )
    assert scheduled.courses == plan.courses and scheduled.members == plan.members


def test_sessions_of_one_course_are_filled_within_their_seats(plan, library):
    """Two sessions of CS-102 (three seats each, at least three): each member in one."""
    heads = next(c for c in plan.courses if c.code == "CS-102").participants
    assert len(heads) == 6
    courses = tuple(
        dataclasses.replace(c, sessions=2, capacity=3) if c.code == "CS-102" else c
        for c in plan.courses
    )
    two = dataclasses.replace(plan, courses=courses)
    scheduled = schedule_team(two, library, Calendar.numbered(6), max_hours_per_period=24)
    check_calendar_independently(scheduled, library, 24)
    sessions = [s for s in scheduled.calendar.sessions if s.course == "CS-102"]
    assert [len(s.participants) for s in sessions] == [3, 3]


def test_dated_calendar_uses_offered_quarters(library):
    calendar = Calendar.dated("2027-01", "quarter", 4)
    assert calendar.allowed(library.courses["PM-202"].offered) == [2, 4]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--periods", "2"],
            "member E009: the prerequisite chain DA-302 → DA-303 → DA-304 does not fit in "
            "the calendar's 2 periods",
        ),
        (["--max-hours-per-period", "10"], "course CS-102 takes 12 h, more than --max-hours"),
        (
            ["--periods", "3", "--max-hours-per-period", "24"],
            "member E009 takes 87 h, more than 3 periods of --max-hours-per-period 24",
        ),
        (
            ["--periods", "4", "--max-hours-per-period", "22"],
            "no calendar fits: the cap of 22 hours per member and period cannot be met in 4 "
            "periods",
        ),
    ],
)
def test_infeasible_calendar_names_what_blocks_it(args, message):
    result = run("--schedule", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_course_offered_in_no_period(tmp_path):
    text = CATALOGUE.read_text(encoding="utf-8").replace("offered: [2, 4]", "offered: [6]")
    narrow = tmp_path / "catalogue.yaml"
    narrow.write_text(text, encoding="utf-8")
    args = ["--catalogue", str(narrow), "--schedule", "--periods", "4", "--lang", "en"]
    result = CliRunner().invoke(main, ["team", str(TEAM), *args])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "course PM-202 is offered in no period of the calendar (periods 1–4)"
    )


def run(*args: str) -> Any:
    return CliRunner().invoke(
        main, ["team", str(TEAM), "--catalogue", str(CATALOGUE), "--lang", "en", *args]
    )


def test_same_calendar_with_one_or_two_workers():
    outputs = [
        run("--schedule", "--max-hours-per-period", "24", "--workers", w, "--format", "json")
        for w in ("1", "2")
    ]
    assert all(r.exit_code == 0 for r in outputs), outputs[0].stderr
    assert outputs[0].stdout == outputs[1].stdout
    data = json.loads(outputs[0].stdout)
    assert data["calendar"]["status"] == "optimal" and data["calendar"]["periods_used"] == 4


@pytest.mark.slow
def test_calendar_in_every_format(tmp_path):
    base = [
        "--schedule",
        "--start",
        "2027-01",
        "--period",
        "quarter",
        "--max-hours-per-period",
        "24",
    ]
    table = run(*base).stdout
    assert "Calendar by member" in table and "2027-Q4" in table and "Sessions by period" in table
    zh = (
        CliRunner()
        .invoke(main, ["team", str(TEAM), "--catalogue", str(CATALOGUE), "--lang", "zh-TW", *base])
        .stdout
    )
    assert "成員課程行事曆" in zh and "已證明期數最少" in zh
    markdown = run(*base, "--format", "markdown").stdout
    assert "## Calendar by member" in markdown
    csv_text = run(*base, "--format", "csv").stdout
    assert "member,period,label,courses,hours" in csv_text
    assert "course,session,period,label,participants" in csv_text
    data = json.loads(run(*base, "--format", "json").stdout)
    assert data["calendar"]["periods"][0] == {
        "number": 1,
        "label": "2027-Q1",
        "start": "2027-01-01",
        "end": "2027-03-31",
    }
    out = tmp_path / "t.xlsx"
    assert run(*base, "--format", "xlsx", "-o", str(out)).exit_code == 0
    from openpyxl import load_workbook

    names = load_workbook(out).sheetnames
    assert "Calendar by member" in names and "Sessions by period" in names
    plain = json.loads(run("--format", "json").stdout)
    assert "calendar" not in plain


def test_calendar_options_need_schedule():
    result = run("--periods", "4")
    assert result.exit_code == 2 and "need --schedule" in result.stderr
