"""Degree plans as universities write them (issue 22 points 10, 14-18; issue 25 point 8):
0-credit courses, same-term corequisites, mutual corequisites, repeated elective slots,
fixed curricula without a standard, academic-year periods and codes with spaces."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.library import load_library
from curriculum.model.periods import Calendar
from curriculum.model.requisites import find_strict_cycle
from curriculum.model.standard import Course
from curriculum.planning.schedule import schedule_courses
from curriculum.report.text import join_codes
from curriculum.request import Request

DEGREE = ROOT / "examples" / "degree-plan.yaml"
ACADEMIC = ["--start", "2024-09", "--period", "semester"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def catalogue(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def schedule_json(*args: str) -> dict:
    code, out, err = run("schedule", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# ---- 10: periods start in the month given


def test_semesters_start_in_the_month_given() -> None:
    semesters = Calendar.dated("2024-09", "semester", 3)
    assert [(p.label, p.start, p.end) for p in semesters.periods] == [
        ("2024-09/2025-02", date(2024, 9, 1), date(2025, 2, 28)),
        ("2025-03/2025-08", date(2025, 3, 1), date(2025, 8, 31)),
        ("2025-09/2026-02", date(2025, 9, 1), date(2026, 2, 28)),
    ]
    quarters = Calendar.dated("2027-02", "quarter", 2)
    assert [(p.label, p.start) for p in quarters.periods] == [
        ("2027-02/2027-04", date(2027, 2, 1)),
        ("2027-05/2027-07", date(2027, 5, 1)),
    ]
    # a fall-only course (offered in September) goes in the fall semesters only
    assert semesters.allowed(["M09"]) == [1, 3]
    # calendar quarters and half years keep their labels
    assert [p.label for p in Calendar.dated("2027-07", "semester", 2).periods] == [
        "2027-S2",
        "2028-S1",
    ]


def test_schedule_first_period_starts_in_the_month_given(tmp_path: Path) -> None:
    path = catalogue(tmp_path, "courses:\n  - {code: A, title: a, hours: 1}\n")
    data = schedule_json(
        "--catalogue", str(path), "--courses", "all", "--start", "2026-09", "--period", "semester"
    )
    first = data["periods"][0]
    assert (first["label"], first["start"], first["end"]) == (
        "2026-09/2027-02",
        "2026-09-01",
        "2027-02-28",
    )


# ---- 15: zero-credit courses


def test_zero_hour_courses_load_and_are_scheduled(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: SEM 100, title: Seminar, hours: 0}\n"
        "  - {code: SEM 200, title: Seminar II, hours: 0, prerequisites: [SEM 100]}\n",
    )
    library = load_library([STANDARDS], [path])
    assert library.course("SEM 100").hours == 0
    data = schedule_json("--catalogue", str(path), "--courses", "all")
    assert [(c["code"], c["period"], c["hours"]) for c in data["courses"]] == [
        ("SEM 100", 1, 0),
        ("SEM 200", 2, 0),
    ]


def test_negative_hours_are_still_refused(tmp_path: Path) -> None:
    path = catalogue(tmp_path, "courses:\n  - {code: A, title: a, hours: -1}\n")
    with pytest.raises(DataFileError, match="hours should be greater than or equal to 0"):
        load_library([STANDARDS], [path])


# ---- 14 and issue 25: same-term and mutual corequisites

LAB = (
    "courses:\n"
    "  - {code: CHM 101, title: Chemistry I, hours: 3}\n"
    "  - {code: CHM 236IN, title: Lecture, hours: 3, prerequisites: [CHM 101],"
    " same_term: [CHM 236RC]}\n"
    "  - {code: CHM 236RC, title: Recitation, hours: 1}\n"
)


def test_same_term_pairs_are_placed_together(tmp_path: Path) -> None:
    path = catalogue(tmp_path, LAB)
    data = schedule_json("--catalogue", str(path), "--courses", "all", "--periods", "9")
    period = {c["code"]: c["period"] for c in data["courses"]}
    # the recitation has no prerequisite of its own and went in period 1 before
    assert period == {"CHM 101": 1, "CHM 236IN": 2, "CHM 236RC": 2}


def test_same_term_in_csv_and_xlsx(tmp_path: Path) -> None:
    csv = catalogue(
        tmp_path,
        "code,title,hours,same_term\nL 1,Lecture,3,L 1R\nL 1R,Lab,1,\n",
        "c.csv",
    )
    assert load_library([], [csv]).course("L 1").same_term == (("L 1R",),)
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["課程代碼", "課程名稱", "時數", "同期修習", "修習次數"])
    book.active.append(["L 1", "講授", 3, "L 1R", None])
    book.active.append(["L 1R", "實驗", 1, None, 2])
    book.save(tmp_path / "c.xlsx")
    library = load_library([], [tmp_path / "c.xlsx"])
    assert library.course("L 1").same_term == (("L 1R",),)
    assert library.course("L 1R").count == 2


def test_mutual_corequisites_are_no_cycle_and_go_together(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: A, title: a, hours: 2, corequisites: [B]}\n"
        "  - {code: B, title: b, hours: 2, corequisites: [A]}\n"
        "  - {code: C, title: c, hours: 2}\n",
    )
    data = schedule_json(
        "--catalogue", str(path), "--courses", "all", "--max-hours-per-period", "4"
    )
    period = {c["code"]: c["period"] for c in data["courses"]}
    assert period["A"] == period["B"] != period["C"]


def test_a_cycle_through_a_prerequisite_is_still_refused(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: A, title: a, hours: 2, corequisites: [B]}\n"
        "  - {code: B, title: b, hours: 2, prerequisites: [A]}\n",
    )
    with pytest.raises(DataFileError, match=r"course A: prerequisite cycle A -> B -> A"):
        load_library([], [path])


def test_strict_cycle_search() -> None:
    def course(code: str, pre=(), co=(), same=()) -> Course:
        return Course(
            code=code, title=code, hours=1, prerequisites=pre, corequisites=co, same_term=same
        )

    assert find_strict_cycle([course("A", co=["B"]), course("B", co=["A"])]) is None
    assert find_strict_cycle([course("A", same=["B"]), course("B")]) is None
    # same term is both ways: B after A yet with A
    assert find_strict_cycle([course("A", same=["B"]), course("B", pre=["A"])]) == [
        "A",
        "B",
        "A",
    ]
    # a loose cycle found first does not hide a strict one elsewhere
    found = find_strict_cycle(
        [
            course("A", co=["B"]),
            course("B", co=["A"]),
            course("X", pre=["Y"]),
            course("Y", co=["X"]),
        ]
    )
    assert found == ["X", "Y", "X"]


def test_plan_takes_the_same_term_partner(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: L 1, title: Lecture, hours: 3, covers: {BAS1499-001v4: [K07]},"
        " same_term: [L 1R]}\n"
        "  - {code: L 1R, title: Lab, hours: 1}\n",
    )
    code, out, err = run(
        "plan", "BAS1499-001v4", "T1.2", "--catalogue", str(path), "--format", "json"
    )
    assert code == 0, err
    assert [c["code"] for c in json.loads(out)["courses"]] == ["L 1", "L 1R"]


def test_review_checks_same_term_order(tmp_path: Path) -> None:
    path = catalogue(tmp_path, LAB)
    programme = catalogue(
        tmp_path,
        "name: P\nstandard: BAS1499-001v4\ncourses:\n"
        "  - {code: CHM 101, period: 1}\n"
        "  - {code: CHM 236IN, period: 2}\n"
        "  - {code: CHM 236RC, period: 1}\n",
        "p.yaml",
    )
    code, out, _ = run(
        "review", str(programme), "--catalogue", str(path), "--format", "json", "--lang", "en"
    )
    assert code == 3  # GAP errors: the programme covers nothing of the standard
    findings = [f for f in json.loads(out)["findings"] if f["code"] == "ORDER"]
    assert [(f["course"], f["item"]) for f in findings] == [("CHM 236IN", "CHM 236RC")]
    assert "not taught in the same period as CHM 236RC" in findings[0]["message"]


# ---- 16 and 17: a fixed curriculum without a standard, repeated elective slots


def test_fixed_curriculum_without_a_standard(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: A 1, title: a, hours: 3}\n"
        "  - {code: TE, title: Technical Elective, hours: 3, count: 3, prerequisites: [A 1]}\n",
    )
    data = schedule_json("--catalogue", str(path), "--courses", "all")
    assert data["standard"] is None
    assert [c["code"] for c in data["courses"]] == ["A 1", "TE #1", "TE #2", "TE #3"]
    assert {c["period"] for c in data["courses"] if c["code"].startswith("TE")} == {2}
    code, out, _ = run("schedule", "--catalogue", str(path), "--courses", "all", "--lang", "en")
    assert code == 0
    assert out.startswith("Schedule of every catalogue course (fixed curriculum)\n")
    code, _, err = run("schedule", "--catalogue", str(path))
    assert code == 2
    assert "give a STANDARD, or --all-courses" in err


def test_repeated_slots_with_a_period_cap(tmp_path: Path) -> None:
    path = catalogue(tmp_path, "courses:\n  - {code: GE, title: General Ed, hours: 3, count: 4}\n")
    library = load_library([], [path])
    result = schedule_courses(library, Request.of(None, all_courses=True))
    assert [c.code for c in result.courses] == ["GE #1", "GE #2", "GE #3", "GE #4"]
    assert result.periods_used == 1
    from curriculum.planning.schedule_result import ScheduleLimits

    capped = schedule_courses(
        library, Request.of(None, all_courses=True), limits=ScheduleLimits(max_courses=1)
    )
    assert [(c.code, c.period) for c in capped.courses] == [
        ("GE #1", 1),
        ("GE #2", 2),
        ("GE #3", 3),
        ("GE #4", 4),
    ]


# ---- 18: codes with spaces in lists


def test_codes_with_spaces_are_listed_with_a_separator() -> None:
    assert join_codes(["CS-101", "CS-102"], ", ") == "CS-101 CS-102"
    assert join_codes(["CHEM 151", "ENGL 101"], ", ") == "CHEM 151, ENGL 101"
    assert join_codes(["CHEM 151", "ENGL 101"], "、") == "CHEM 151、ENGL 101"


# ---- the whole path on a degree plan


def test_degree_plan_validates() -> None:
    code, _, err = run("validate", "--catalogue", str(DEGREE), "--lang", "en")
    assert code == 0, err


def test_degree_plan_schedule() -> None:
    data = schedule_json("--catalogue", str(DEGREE), "--courses", "all", "--balance", *ACADEMIC)
    assert data["status"] == "optimal"
    assert len(data["courses"]) == 47  # 41 entries, 3 technical and 5 core electives
    assert data["heaviest_period_hours"] == 15  # 117 h over 8 semesters: at least 15
    assert data["total_hours"] == 117
    period = {c["code"]: c["period"] for c in data["courses"]}
    for lecture, lab in (
        ("CHEM 151", "CHEM 151L"),
        ("CHEM 152", "CHEM 152L"),
        ("CHEM 227", "CHEM 237"),
        ("CHEM 228", "CHEM 238"),
        ("PHYS 206", "PHYS 206R"),  # each other's corequisites
    ):
        assert period[lecture] == period[lab], lecture
    assert period["CHEN 425"] % 2 == 1 and period["CHEN 426"] % 2 == 0  # fall, spring
    assert sorted(period[f"TECH ELEC #{n}"] for n in (1, 2, 3)) == [
        period["TECH ELEC #1"],
        period["TECH ELEC #2"],
        period["TECH ELEC #3"],
    ]
    assert min(period[f"TECH ELEC #{n}"] for n in (1, 2, 3)) > period["CHEN 205"]


def test_degree_plan_table_keeps_codes_whole() -> None:
    code, out, _ = run(
        "schedule", "--catalogue", str(DEGREE), "--courses", "all", "--balance", *ACADEMIC
    )
    assert code == 0
    assert "2024-09/2025-02  CHEM 151, CHEM 151L, ENGR 100, MATH 151" in out
    for line in out.splitlines():
        assert not line.rstrip().endswith(("CHEM", "CHEN", "MATH", "PHYS", "TECH", "ELEC"))


def test_team_calendar_keeps_same_term_courses_together(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: X 1, title: x, hours: 3, cost: 100, covers: {BAS1499-001v4: [K07]},"
        " same_term: [Y 1]}\n"
        "  - {code: Y 1, title: y, hours: 1, cost: 100, offered: ['2']}\n",
    )
    team = tmp_path / "team.csv"
    team.write_text("id,standard,targets\nA1,BAS1499-001v4,T1.2\n", encoding="utf-8")
    code, out, err = run(
        "team", str(team), "--catalogue", str(path), "--schedule", "--periods", "3",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    sessions = json.loads(out)["calendar"]["sessions"]
    assert [(s["course"], s["period"]) for s in sessions] == [("X 1", 2), ("Y 1", 2)]


def test_courses_list_shows_same_term_and_count() -> None:
    code, out, err = run("courses", "list", "--catalogue", str(DEGREE), "--format", "json")
    assert code == 0, err
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows["CHEM 151"]["same_term"] == [["CHEM 151L"]]
    assert (rows["TECH ELEC"]["count"], rows["CHEM 151"]["count"]) == (3, 1)
    code, out, _ = run("courses", "list", "--catalogue", str(DEGREE), "--lang", "en")
    assert "Same term" in out and "Times" in out


def test_plan_takes_both_mutual_corequisites(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: A, title: a, hours: 2, covers: {BAS1499-001v4: [K07]}, corequisites: [B]}\n"
        "  - {code: B, title: b, hours: 2, corequisites: [A]}\n"
        "  - {code: C, title: c, hours: 5, covers: {BAS1499-001v4: [K07]}}\n",
    )
    code, out, err = run(
        "plan", "BAS1499-001v4", "T1.2", "--catalogue", str(path), "--format", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert ([c["code"] for c in data["courses"]], data["total_hours"]) == (["A", "B"], 4)


def spaced_catalogue(tmp_path: Path) -> Path:
    items = ["K01", "K02", "K03", "K04", "K05"]
    lines = ["courses:"]
    for n, item in enumerate(items):
        lines.append(
            f"  - {{code: CHEM {100 + 10 * n}, title: Course {n}, hours: 1, level: 4,"
            f" covers: {{BAS1499-001v4: [{item}, S06]}}}}"
        )
    return catalogue(tmp_path, "\n".join(lines) + "\n")


@pytest.mark.parametrize("command", ["plan", pytest.param("frontier", marks=pytest.mark.slow)])
def test_wrapped_lists_never_cut_a_code(tmp_path: Path, command: str) -> None:
    path = spaced_catalogue(tmp_path)
    code, out, err = run(command, "BAS1499-001v4", "T1.2", "--catalogue", str(path), "--lang", "en")
    assert code == 0, err
    assert "CHEM 100, CHEM 110" in out
    for line in out.splitlines():
        assert not line.rstrip().endswith("CHEM"), line


def test_corequisites_by_kind(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "courses:\n"
        "  - {code: A, title: a, hours: 1, corequisites: {strict: [B], loose: [C]}}\n"
        "  - {code: B, title: b, hours: 1}\n"
        "  - {code: C, title: c, hours: 1}\n",
    )
    course = load_library([], [path]).course("A")
    assert (course.same_term, course.corequisites) == ((("B",),), (("C",),))
    bad = catalogue(
        tmp_path, "courses:\n  - {code: A, title: a, hours: 1, corequisites: {x: []}}\n", "b.yaml"
    )
    with pytest.raises(DataFileError, match="corequisites: unknown kind 'x'"):
        load_library([], [bad])
