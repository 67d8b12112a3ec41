"""Reports people hand on: one language switch, 100 columns, numbers that add up."""

from __future__ import annotations

import io
import json
from fractions import Fraction

import pytest
from click.testing import CliRunner
from conftest import COURSES, ROOT, STANDARDS
from helpers import fast_and_full
from hypothesis import given
from hypothesis import strategies as st

from curriculum.cli import main
from curriculum.i18n import Text, normalize_lang, resolve_lang
from curriculum.i18n.build import read_catalogue
from curriculum.numbers import allocate, fmt_share
from curriculum.report.text import display_width, wrap

BAS = "BAS1499-001v4"
DATA = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]
TEAM = [
    str(ROOT / "examples" / "team.csv"),
    "--standards",
    str(STANDARDS),
    "--catalogue",
    str(ROOT / "examples" / "sessions-catalogue.yaml"),
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("value", ["zh-TW", "zh-tw", "ZH", "zh", "zh-Hant", "zh_TW"])
def test_every_spelling_of_traditional_chinese_is_zh_tw(value):
    assert normalize_lang(value) == "zh-TW"
    assert run("plan", BAS, "T1.2", *DATA, "--lang", value).stdout.startswith(
        f"{BAS} 客戶服務專案人員 訓練規劃\n規劃範圍："
    )


def test_language_defaults_to_the_standards_and_bad_names_are_usage_errors():
    assert resolve_lang(None, ["zh-TW", "zh-TW"]) == "zh-TW"
    assert resolve_lang(None, ["zh-TW", "en"]) == "en"
    assert resolve_lang("EN", ["zh-TW"]) == "en"
    bad = run("plan", BAS, *DATA, "--lang", "fr")
    assert bad.exit_code == 2 and "unknown language 'fr'" in bad.stderr
    for command in (["plan", BAS], ["frontier", BAS], ["team", *TEAM[:1]], ["validate"]):
        assert "--lang" in run(*command, "--help").stdout


def test_zh_tw_messages_use_full_width_punctuation():
    for key, entry in read_catalogue().items():
        zh = entry.zh
        text = zh.replace("{", "").replace("}", "")
        for ascii_mark in (": ", "; ", "(", ")"):
            assert ascii_mark not in text, (key, zh)
    assert (
        Text("zh-TW")("plan.total", n=1, hours="6", cost="1 TWD") == "合計：1 門課程，6 小時，1 TWD"
    )
    assert (
        Text("en")("plan.total", n=1, hours="6", cost="1 TWD") == "Total: 1 course, 6 hours, 1 TWD"
    )


@fast_and_full(25)
@given(st.integers(0, 10**7), st.lists(st.fractions(min_value=0, max_value=10**5), min_size=1))
def test_largest_remainder_parts_sum_to_the_total(total, shares):
    parts = allocate(total, shares)
    if sum(shares) == 0:
        assert parts == [0] * len(shares)
        return
    assert sum(parts) == total
    weight = sum(shares, Fraction(0))
    for part, share in zip(parts, shares, strict=True):
        assert abs(part - total * share / weight) < 1


def test_shares_never_round_to_all_or_nothing():
    assert fmt_share(200, 201) == "99%"
    assert fmt_share(1, 300) == "1%"
    assert (fmt_share(0, 5), fmt_share(5, 5), fmt_share(0, 0)) == ("0%", "100%", "100%")


def test_team_money_is_whole_and_adds_up():
    data = json.loads(run("team", *TEAM, "--format", "json").stdout)
    costs = [m["cost"] for m in data["members"]]
    assert all(isinstance(c, int) for c in costs)
    assert sum(costs) == data["total_cost"]
    assert sum(d["cost"] for d in data["departments"]) == data["total_cost"]
    assert data["covered"] == sum(m["covered"] for m in data["members"])
    assert data["required"] == sum(m["required"] for m in data["members"]) == 142


@pytest.mark.slow
def test_team_under_a_budget_says_what_it_proves_why_and_skips_unfair_savings():
    out = run("team", *TEAM, "--max-cost", "200000", "--lang", "en").stdout
    assert "Status: optimal (most member-items covered within the budget, then least" in out
    assert "Saving against member by member" not in out
    assert "No saving shown: the member-by-member plans cover 133 member-items" in out
    assert "Team coverage: 92 of 142 member-items (65%)" in out
    wide = run("team", *TEAM, "--max-cost", "200000", "--lang", "en", "--wide").stdout
    assert "left out K14: over the team budget" in wide
    data = json.loads(run("team", *TEAM, "--max-cost", "200000", "--format", "json").stdout)
    assert data["saving"] is None
    assert data["members"][0]["why_left_out"] == {"K14": ["cost"]}
    hours = json.loads(run("team", *TEAM, "--max-hours", "20", "--format", "json").stdout)
    reasons = {r for m in hours["members"] for why in m["why_left_out"].values() for r in why}
    assert "hours" in reasons


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_terminal_tables_fit_100_columns_unless_wide(lang):
    for args in (["team", *TEAM], ["team", *TEAM, "--max-cost", "200000"], ["plan", BAS, *DATA]):
        out = run(*args, "--lang", lang).stdout
        assert max(display_width(line) for line in out.splitlines()) <= 100, args
    wide = run("team", *TEAM, "--wide").stdout
    assert "E001 E002" in wide and "E001 E002" not in run("team", *TEAM).stdout


def test_long_lines_wrap_at_spaces_and_between_cjk_characters():
    lines = wrap("Gaps: " + "; ".join(["K01 客戶服務政策與目標"] * 20), 40)
    assert all(display_width(line) <= 40 for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])


def test_team_csv_has_one_kind_of_row_per_section():
    text = run("team", *TEAM, "--max-cost", "200000", "--format", "csv", "--lang", "en").stdout
    assert text.startswith("\ufeffmember,name,department,")
    sections = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n\n")
    heads = [s.split("\r\n")[0].split(",")[0] for s in sections]
    assert heads == ["member", "member", "course", "department", "team"]
    assert "E001,K14,left_out,cost" in sections[1]


def test_team_workbook_has_numbers_formats_and_a_member_sheet(tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "team.xlsx"
    assert run("team", *TEAM, "--format", "xlsx", "-o", str(target), "--lang", "en").exit_code == 0
    first = target.read_bytes()
    run("team", *TEAM, "--format", "xlsx", "-o", str(target), "--lang", "en")
    assert target.read_bytes() == first
    book = load_workbook(io.BytesIO(first))
    assert book.sheetnames == [
        "Summary",
        "Members",
        "Member sheet",
        "Courses and sessions",
        "Departments",
    ]
    members = book["Members"]
    assert isinstance(members["G2"].value, int) and members["G2"].number_format == "#,##0"
    assert members.freeze_panes == "B2" and members.auto_filter.ref
    sheet = book["Member sheet"]
    assert sheet["A2"].value == "E001" and sheet["G2"].value.startswith("S02 溝通協調能力")
    zh = tmp_path / "zh.xlsx"
    run("team", *TEAM, "--format", "xlsx", "-o", str(zh))
    assert load_workbook(zh).sheetnames[:3] == ["摘要", "成員", "個人課表"]


@pytest.mark.parametrize(
    "args",
    [
        ["team", "nope.csv"],
        ["review", "nope.yaml"],
        ["plan", "--batch", "nope.csv"],
        ["standards", "import", "nope.txt"],
        ["plan", BAS, "--catalogue", "nope.yaml"],
        ["validate", "--standards", "/nonexistent"],
    ],
)
def test_a_missing_input_is_one_line_and_exit_1(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--lang", "en", *args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(": no such file or folder"), lines


# --------------------------------------------------------------------------- errors without --lang

ENGLISH_STANDARD = """\
code: EN-1
name: English test standard
framework: table
language: en
duties:
  - code: D1
    name: Duty
    tasks:
      - {code: T1, name: Task one, level: 3, knowledge: [K1]}
items:
  - {code: K1, kind: K, name: Know one}
"""


@pytest.fixture
def bad_catalogue(tmp_path, monkeypatch):
    """A catalogue without title and hours columns, in a folder without ./standards
    or ./courses: a command given no --standards reads the shipped (zh-TW) ones."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bad.csv"
    path.write_text("code,name\nX-1,x\n", encoding="utf-8")
    return path


def english_bas(folder):
    """``folder`` holding the shipped BAS1499-001v4 rewritten as an English standard."""
    folder.mkdir()
    text = (STANDARDS / f"{BAS}.yaml").read_text(encoding="utf-8")
    assert "language: zh-TW" in text
    (folder / f"{BAS}.yaml").write_text(text.replace("language: zh-TW", "language: en"), "utf-8")
    return folder


def zh_error(result, path) -> bool:
    return (
        result.exit_code == 1
        and result.stderr.startswith(f"錯誤：{path}:1：")
        and ("缺少欄位 'hours'" in result.stderr and "missing column" not in result.stderr)
    )


def en_error(result, path) -> bool:
    return (
        result.exit_code == 1
        and result.stderr.startswith(f"Error: {path}:1: ")
        and ("missing column 'hours'" in result.stderr and "缺少欄位" not in result.stderr)
    )


@pytest.mark.parametrize("where", ["command", "group"])
def test_a_data_error_speaks_the_standards_language_unless_lang_says(bad_catalogue, where):
    """No --lang: the plan's standard is zh-TW, so is its catalogue's error; --lang en
    (the command's option or the group's) keeps it English."""
    args = ["plan", BAS, "T1.2", "--catalogue", str(bad_catalogue)]
    plain = run(*args)
    assert zh_error(plain, bad_catalogue), plain.stderr
    english = run(*args, "--lang", "en") if where == "command" else run("--lang", "en", *args)
    assert en_error(english, bad_catalogue), english.stderr


def test_an_english_standard_gives_english_errors(bad_catalogue, tmp_path):
    """The language is the standard's, not zh-TW always: the same command on the
    same standard written in English speaks English without --lang."""
    args = ["plan", BAS, "T1.2", "--catalogue", str(bad_catalogue)]
    plain = run(*args)
    assert zh_error(plain, bad_catalogue), plain.stderr
    english = run(*args, "--standards", str(english_bas(tmp_path / "en")))
    assert en_error(english, bad_catalogue), english.stderr


def test_validate_speaks_the_language_its_standards_share(bad_catalogue, tmp_path):
    """validate names no standard: zh-TW with the shipped ones, English with an
    English one among them (the standards' languages differ)."""
    result = run("validate", "--catalogue", str(bad_catalogue))
    assert zh_error(result, bad_catalogue), result.stderr
    (tmp_path / "EN-1.yaml").write_text(ENGLISH_STANDARD, encoding="utf-8")
    both = ["--standards", str(STANDARDS), "--standards", str(tmp_path / "EN-1.yaml")]
    mixed = run("validate", *both, "--catalogue", str(bad_catalogue))
    assert en_error(mixed, bad_catalogue), mixed.stderr


def test_the_standard_a_command_names_chooses_among_mixed_ones(bad_catalogue, tmp_path):
    """plan, schedule and frontier speak the language of the standard they name,
    whatever the languages of the others loaded."""
    (tmp_path / "EN-1.yaml").write_text(ENGLISH_STANDARD, encoding="utf-8")
    both = ["--standards", str(STANDARDS), "--standards", str(tmp_path / "EN-1.yaml")]
    data = [*both, "--catalogue", str(bad_catalogue)]
    for command in ("plan", "schedule", "frontier"):
        zh = run(command, BAS, "T1.2", *data)
        assert zh_error(zh, bad_catalogue), (command, zh.stderr)
        en = run(command, "EN-1", "T1", *data)
        assert en_error(en, bad_catalogue), (command, en.stderr)


def test_standards_show_speaks_the_standard_it_shows(tmp_path):
    """standards show names its standard: its errors speak that standard's language
    among mixed ones (no catalogue read)."""
    (tmp_path / "EN-1.yaml").write_text(ENGLISH_STANDARD, encoding="utf-8")
    both = ["--standards", str(STANDARDS), "--standards", str(tmp_path / "EN-1.yaml")]
    zh = run("standards", "show", BAS, "--task", "T9", *both)
    assert zh.exit_code == 2 and zh.stderr.startswith(f"錯誤：{BAS} 沒有工作任務或主要職責 T9")
    en = run("standards", "show", "EN-1", "--task", "T9", *both)
    assert en.exit_code == 2 and en.stderr.startswith("Error: EN-1 has no task or duty T9")


def test_plan_wording_bugs():
    out = run("plan", BAS, "T1.2", *DATA, "--lang", "en", "--require", "CS-101").stdout
    assert "Total: 9 courses" in out
    weights = run("plan", BAS, "T1.2", *DATA, "--lang", "en", "--weights", "/dev/null")
    assert "Budget: :" not in weights.stdout
    frontier = run("frontier", BAS, "T1.2", *DATA, "--lang", "en").stdout
    assert "catalogue gaps" not in frontier and "only below the required level S04" in frontier
    assert "\n      0       0%" in frontier and "0*" not in frontier


def test_templates_agree_on_spaces_and_schedule_names_level_gaps():
    from curriculum.i18n.build import read_catalogue

    entries = read_catalogue()
    for key in ("template.col.code", "template.std.codes"):
        assert "可含空白" in entries[key].zh and "may contain spaces" in entries[key].en[0]
    out = run("schedule", BAS, "T1.2", *DATA, "--lang", "zh-TW", "--start", "2027-01").stdout
    assert "無課程涵蓋的項目：K07\n" in out and "僅有低於要求級別課程涵蓋的項目：S04" in out
    json_out = run("schedule", BAS, "T1.2", *DATA, "--format", "json", "--start", "2027-01")
    data = json.loads(json_out.stdout)
    assert data["gaps"] == ["K07"] and data["level_gaps"] == ["S04"]


def test_zh_tw_template_has_chinese_headers_the_loader_reads(tmp_path):
    from curriculum.io.loaders import load_catalogue

    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"t.{suffix}"
        assert run("courses", "template", str(path), "--lang", "zh-TW").exit_code == 0
        if suffix == "csv":
            assert path.read_text(encoding="utf-8-sig").startswith("課程代碼,課程名稱,時數,費用")
        course = load_catalogue(path).courses[0]
        assert course.code == "EX-101" and course.hours == 6
