"""The reviewer's desk: migration to a new version, several providers, doubtful
claims and the review record (issue 15)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from curriculum.cli import main
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue
from curriculum.io.provenance import sha256_file
from curriculum.reviewing.diff import diff_standards
from curriculum.reviewing.migrate import migrate_catalogue, migrate_claims
from curriculum.reviewing.plausibility import build_model, doubtful_claims, grams, suggest_claims

VERSIONS = DATA / "versions"
COMPARE = DATA / "compare"
PROGRAMME_V3 = str(VERSIONS / "programme-v3.yaml")
VERSION_ARGS = [
    "--standards",
    str(VERSIONS / "standards"),
    "--catalogue",
    str(VERSIONS / "courses.yaml"),
]
COMPARE_ARGS = [
    str(COMPARE / "programme-a.yaml"),
    str(COMPARE / "programme-b.yaml"),
    "--standards",
    str(ROOT / "standards"),
    "--catalogue",
    str(ROOT / "courses"),
    "--catalogue",
    str(COMPARE / "provider-b.yaml"),
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def versions():
    return load_library([VERSIONS / "standards"], [VERSIONS / "courses.yaml"])


# --------------------------------------------------------------------------- 1. migration


def test_migrate_claims_recode_rename_removal_level(versions):
    old, new = versions.standards["TOY-001v3"], versions.standards["TOY-001v4"]
    claims = {"A": ("K01", "K02", "K03", "S03", "K99"), "B": ("S02",)}
    moved, log = migrate_claims(claims, {"A": 2, "B": 3}, old, new)
    assert moved == {"A": ("K01", "K02", "K04", "K99"), "B": ("S02",)}
    changes = {(c.course, c.action, c.old_item, c.new_item) for c in log.changes}
    assert changes == {
        ("A", "level", "K01", "K01"),  # T1.1 level 2 → 3, course level 2
        ("A", "renamed", "K02", "K02"),
        ("A", "level", "K02", "K02"),
        ("A", "recoded", "K03", "K04"),
        ("A", "removed", "S03", None),
        ("A", "unknown", "K99", "K99"),
    }
    assert log.counts == {"recoded": 1, "renamed": 1, "removed": 1, "level": 2, "unknown": 1}
    # nothing changes silently: every claim that differs has a change
    assert "B" not in {c.course for c in log.changes}


def test_courses_migrate_writes_a_catalogue_that_loads(tmp_path, versions):
    out = tmp_path / "migrated.yaml"
    result = run(
        "courses", "migrate", str(VERSIONS / "courses.yaml"), "--to", "TOY-001v4",
        *VERSION_ARGS, "-o", str(out), "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["action"], r["old_item"]) for r in rows} == {
        ("level", "K01"), ("renamed", "K02"), ("level", "K02"), ("level", "S01"),
    }  # fmt: skip
    migrated = load_catalogue(out)
    assert migrated.courses[0].covers == {"TOY-001v4": ("K01", "K02", "S01")}
    for fmt in ("table", "markdown", "json"):
        shown = run("courses", "migrate", str(VERSIONS / "courses.yaml"), "--to", "TOY-001v4",
                    *VERSION_ARGS, "--format", fmt)  # fmt: skip
        assert shown.exit_code == 0 and "K02" in shown.stdout
        assert "未寫入任何檔案" in shown.stderr


def test_migrate_catalogue_recodes_and_drops(versions):
    old, new = versions.standards["TOY-001v3"], versions.standards["TOY-001v4"]
    catalogue = load_catalogue(VERSIONS / "courses.yaml")
    course = catalogue.courses[0].model_copy(
        update={"covers": {"TOY-001v3": ("K03", "S03"), "OTHER": ("X1",)}}
    )
    moved, log = migrate_catalogue(catalogue.model_copy(update={"courses": (course,)}), old, new)
    assert moved.courses[0].covers == {"TOY-001v4": ("K04",), "OTHER": ("X1",)}
    assert [c.action for c in log.changes] == ["recoded", "removed"]


def test_review_migrate_to_lists_the_changelog_and_drops_removed_claims():
    result = run("review", PROGRAMME_V3, *VERSION_ARGS, "--migrate-to", "TOY-001v4",
                 "--format", "json", "--lang", "en")  # fmt: skip
    data = json.loads(result.stdout)
    actions = {(c["course"], c["action"], c["old_item"]) for c in data["migration"]["changes"]}
    assert ("V2", "recoded", "K03") in actions and ("V2", "removed", "S03") in actions
    codes = {(f["code"], f["item"]) for f in data["findings"]}
    assert ("UNKNOWN", "S03") not in codes and ("PROVISIONAL", "K04") not in codes
    v2 = next(c for c in data["courses"] if c["code"] == "V2")
    assert v2["claims"] == ["K04", "S02"]
    for fmt in ("table", "markdown", "html", "csv"):
        text = run("review", PROGRAMME_V3, *VERSION_ARGS, "--migrate-to", "TOY-001v4",
                   "--format", fmt, "--lang", "en").stdout  # fmt: skip
        assert "recoded" in text and "K04" in text, fmt


def test_default_review_has_no_new_keys():
    data = json.loads(run("review", PROGRAMME_V3, *VERSION_ARGS, "--format", "json").stdout)
    assert "migration" not in data and "record" not in data and "against" in data
    assert "doubtful" not in data["options"] and data["against"] is None


def test_diff_shows_reworded_indicator_texts_and_warns_on_unrelated_standards(versions):
    result = run("standards", "diff", "TOY-001v3", "TOY-001v4", "--lang", "en", "--standards",
                 str(VERSIONS / "standards"))  # fmt: skip
    assert "P1.2.2 (T1.2): 指標三 → 指標三（修訂）" in result.stdout
    assert "K02: 舊名稱 → 新名稱" in result.stdout
    assert "Warning" not in result.output
    other = run("standards", "diff", "BAS1499-001v4", "AVA2173-001v4", "--format", "json")
    assert other.exit_code == 0
    assert "是不同職業" in other.stderr
    assert json.loads(other.stdout)["related"] is False
    old, new = versions.standards["TOY-001v3"], versions.standards["TOY-001v4"]
    assert diff_standards(old, new).related


# --------------------------------------------------------------------------- 2. compare


def test_compare_two_providers_json():
    result = run("review", "--compare", *COMPARE_ARGS, "--format", "json", "--lang", "en")
    assert result.exit_code == 3  # both programmes have gaps
    data = json.loads(result.stdout)
    assert [(p["name"], p["provider"]) for p in data["programmes"]] == [
        ("甲方案", "範例訓練中心（示範資料）"),
        ("乙方案", "乙訓練中心（測試資料）"),
    ]
    a, b = data["programmes"]
    assert (a["courses"], a["hours"], b["courses"], b["hours"], b["cost"]) == (4, 45, 2, 20, 15600)
    assert a["overall"]["K"] == {"covered": 6, "total": 6}
    assert b["overall"]["K"] == {"covered": 5, "total": 6}
    k05 = next(r for r in data["matrix"] if r["code"] == "K05")
    assert [c["status"] for c in k05["cells"]] == ["OK", "GAP"]
    assert k05["cells"][0]["courses"] == ["CS-106"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html", "xlsx"])
def test_compare_every_format(tmp_path, fmt):
    out = tmp_path / f"compare.{fmt}"
    result = run("review", "--compare", *COMPARE_ARGS, "--format", fmt, "-o", str(out))
    assert result.exit_code == 3, result.output
    data = out.read_bytes()
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(out)
        assert wb.sheetnames == ["Programmes", "Matrix"]
        assert "乙方案" in str(wb["Matrix"].cell(row=1, column=7).value)
    else:
        text = data.decode("utf-8-sig")
        assert "甲方案" in text and "乙方案" in text and "K05" in text


def test_compare_refuses_one_programme_without_flag_and_mixed_standards():
    two = run("review", *COMPARE_ARGS)
    assert two.exit_code == 2 and "--compare" in two.output
    mixed = run("review", "--compare", str(COMPARE / "programme-a.yaml"), PROGRAMME_V3,
                "--standards", str(ROOT / "standards"), "--standards",
                str(VERSIONS / "standards"), "--catalogue", str(ROOT / "courses"),
                "--catalogue", str(VERSIONS / "courses.yaml"), "--lang", "en")  # fmt: skip
    assert mixed.exit_code == 1 and "one standard" in mixed.output


# --------------------------------------------------------------------------- 3. plausibility


def test_grams_cover_chinese_and_english():
    assert {"客訴", "處理"} <= set(grams("客訴處理")) & set(grams("處理客訴"))
    assert " com" in grams("Complaint handling") and "lain" in grams("complaints")


def test_doubtful_flags_a_moved_claim_not_the_true_ones(library):
    std = library.standards["BAS1499-001v4"]
    courses = library.courses_for(std.code)
    model = build_model(std, {c.code: c.title for c in courses})
    claims = {c.code: c.items_for(std.code) for c in courses}
    # 客訴處理流程與實務 claims complaint handling; a customer-complaint item moved
    # to 專案管理基礎 (project management basics) is doubtful
    moved = {"PM-201": (*claims["PM-201"], "K13")}
    assert [s.item for s in doubtful_claims(model, moved)] == ["K13"]
    true_flagged = len(doubtful_claims(model, claims))
    assert true_flagged < 0.35 * sum(len(v) for v in claims.values())


def test_review_doubtful_finding_has_score_and_matched_words(tiny):
    result = run(
        "review", str(DATA / "review" / "DOUBTFUL.yaml"), "--standards",
        str(DATA / "tiny" / "standard.yaml"), "--catalogue", str(DATA / "tiny" / "courses.yaml"),
        "--doubtful", "--format", "json", "--lang", "zh-TW",
    )  # fmt: skip
    data = json.loads(result.stdout)
    (finding,) = data["findings"]
    assert finding["score"] == 0 and finding["matched"] == []
    assert "相似度 0" in finding["message"]
    assert data["options"]["doubtful"] is True


def test_suggest_proposes_unclaimed_supported_items():
    result = run("courses", "suggest", str(ROOT / "courses" / "example-provider.yaml"),
                 "--standard", "BAS1499-001v4", "--format", "json", "--top", "1")  # fmt: skip
    data = json.loads(result.stdout)
    found = {(s["course"], s["item"]) for s in data["suggestions"]}
    assert ("CS-104", "S10") in found  # 客服專案計畫撰寫 → 客服專案效益分析紀錄撰寫
    library = load_library([ROOT / "standards"], [ROOT / "courses"])
    for s in data["suggestions"]:
        assert s["item"] not in library.courses[s["course"]].items_for("BAS1499-001v4")
        assert s["score"] >= 0.1


def test_suggest_for_some_courses_gives_their_part_of_the_whole():
    from curriculum.api.courses import suggest

    library = load_library([ROOT / "standards"], [ROOT / "courses"])
    path = ROOT / "courses" / "example-provider.yaml"
    _std, everything = suggest(library, path, "BAS1499-001v4")
    some = {s.course for s in everything[::3]}
    _std, part = suggest(library, path, "BAS1499-001v4", courses=some)
    assert part == [s for s in everything if s.course in some] and len(some) > 1


def test_suggest_recovers_held_out_claims(library):
    std = library.standards["BAS1499-001v4"]
    courses = library.courses_for(std.code)
    model = build_model(std, {c.code: c.title for c in courses})
    claims = {c.code: list(c.items_for(std.code)) for c in courses}
    held = {c: items.pop() for c, items in claims.items() if len(items) > 1}
    found = suggest_claims(model, claims, top=3)
    hits = sum(1 for s in found if held.get(s.course) == s.item)
    assert hits >= len(held) // 4


# --------------------------------------------------------------------------- 4. record


RECORD = """\
reviewer: 王審查
organisation: 範例認證中心
date: 2025-03-01
decision: conditional
notes:
  - {code: LEVEL, item: K01, note: 請提高課程級別}
  - {code: GAP, item: S99, note: 不存在的發現}
"""


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """The version fixtures and a review record copied to a folder we may edit."""
    shutil.copytree(VERSIONS, tmp_path / "versions")
    (tmp_path / "record.yaml").write_text(RECORD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _review(*extra: str) -> list[str]:
    return ["review", "versions/programme-v3.yaml", "--standards", "versions/standards",
            "--catalogue", "versions/courses.yaml", "--against", "TOY-001v4", "--lang", "en",
            "--record", "record.yaml", *extra]  # fmt: skip


def test_record_is_merged_into_every_format_and_hashed(workspace):
    data = json.loads(run(*_review("--format", "json")).stdout)
    assert data["record"]["reviewer"] == "王審查" and data["record"]["date"] == "2025-03-01"
    notes = {(n["code"], n["item"]): n["matched"] for n in data["record"]["notes"]}
    assert notes == {("LEVEL", "K01"): True, ("GAP", "S99"): False}
    record_input = [i for i in data["provenance"]["inputs"] if i["role"] == "record"]
    assert record_input == [
        {"role": "record", "path": "record.yaml", "sha256": sha256_file(Path("record.yaml"))}
    ]
    for fmt in ("table", "markdown", "html", "csv"):
        text = run(*_review("--format", fmt)).stdout
        assert "請提高課程級別" in text and "王審查" in text and "不存在的發現" in text, fmt
    run(*_review("--format", "xlsx", "-o", "r.xlsx"))
    from openpyxl import load_workbook

    values = {c.value for row in load_workbook("r.xlsx")["Record"].iter_rows() for c in row}
    assert "王審查" in values and "請提高課程級別" in values
    # determinism: the same inputs give the same bytes
    assert run(*_review("--format", "json")).stdout == run(*_review("--format", "json")).stdout


def test_verify_matches_then_detects_a_changed_input(workspace):
    run(*_review("--format", "json", "-o", "report.json", "--doubtful"))
    ok = run("review", "verify", "report.json")
    assert ok.exit_code == 0, ok.output
    assert "matches its inputs" in ok.stdout or "與其輸入檔相符" in ok.stdout
    record = Path("record.yaml")
    record.write_text(RECORD.replace("conditional", "approved"), encoding="utf-8")
    changed = run("review", "verify", "report.json")
    assert changed.exit_code == 3
    assert "input changed: record.yaml" in changed.stdout and "differs: record" in changed.stdout
    Path("record.yaml").unlink()
    missing = run("review", "verify", "report.json")
    assert missing.exit_code == 1 and "record.yaml" in missing.output


def test_verify_help_and_bad_report(tmp_path):
    assert "REPORT" in run("review", "verify", "--help").stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = run("review", "verify", str(bad))
    assert result.exit_code == 1 and "not a JSON review report" in result.output


@pytest.mark.parametrize(
    ("change", "zh", "en"),
    [
        ({"min_courses": "x"}, "min_courses 應為整數（填入的是 'x'）", "min_courses should be"),
        ({"bogus": 1}, "不認得的欄位 'bogus'", "unknown key 'bogus'"),
    ],
)
def test_verify_names_a_bad_option_in_the_reports_language(workspace, change, zh, en):
    """A report whose options were edited: the option is named in the report's language
    (zh-TW here), never pydantic's summary or Python's TypeError."""
    run(*_review("--format", "json", "-o", "report.json", "--lang", "zh-TW"))
    data = json.loads(Path("report.json").read_text(encoding="utf-8"))
    assert data["language"] == "zh-TW"
    data["options"].update(change)
    Path("report.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("review", "verify", "report.json")
    assert result.exit_code == 1 and zh in result.stderr, result.output
    assert "validation error" not in result.output and "keyword" not in result.output
    english = run("--lang", "en", "review", "verify", "report.json")
    assert english.exit_code == 1 and en in english.stderr, english.output
