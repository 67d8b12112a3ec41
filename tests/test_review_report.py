"""The review report for the archive: totals, width, language, provenance, --against."""

from __future__ import annotations

import io
import json
import shutil

import click
import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from curriculum.cli import main
from curriculum.report.text import display_width

EXAMPLE = ROOT / "examples" / "programme-BAS1499-001v4.yaml"
WIDE = DATA / "review" / "programme-36.yaml"
ARGS = ["--standards", str(ROOT / "standards"), "--catalogue", str(ROOT / "courses")]
VERSIONS = DATA / "versions"
AGAINST = [
    str(VERSIONS / "programme-v3.yaml"),
    "--standards",
    str(VERSIONS / "standards"),
    "--catalogue",
    str(VERSIONS / "courses.yaml"),
    "--against",
    "TOY-001v4",
]


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("programme", [EXAMPLE, WIDE], ids=["8-courses", "36-courses"])
@pytest.mark.parametrize("extra", [(), ("--indicators",), ("--lang", "en", "--indicators")])
def test_terminal_report_fits_100_columns(programme, extra):
    text = run("review", str(programme), *ARGS, *extra).stdout
    widest = max(text.split("\n"), key=display_width)
    assert display_width(widest) <= 100, widest
    # every course column is shown, under its code, with its title in the legend
    data = json.loads(run("review", str(programme), *ARGS, "--format", "json").stdout)
    for course in data["courses"]:
        assert f"{course['code']}：{course['title']}" in text or (
            f"{course['code']}: {course['title']}" in text
        )


def test_wide_matrix_in_blocks_repeating_the_item_column():
    text = run("review", str(WIDE), *ARGS).stdout
    assert "課程 1–8（共 36 門）" in text and "課程 27–36（共 36 門）" in text
    blocks = [line for line in text.split("\n") if line.startswith("項目  ")]
    assert len(blocks) == 1 + 4  # the items with their status, then 4 blocks of courses
    wide = run("review", str(WIDE), *ARGS, "--wide").stdout
    assert "（共 36 門）" not in wide and "--wide" not in wide.split("\n")[-2]
    assert max(display_width(line) for line in wide.split("\n")) > 100


def test_totals_in_every_format():
    table = run("review", str(EXAMPLE), *ARGS).stdout
    assert "方案合計：8 門課程，87 小時，新臺幣 68,500 元" in table
    en = run("review", str(EXAMPLE), *ARGS, "--lang", "en", "--format", "markdown").stdout
    assert "- Programme totals: 8 courses, 87 hours, TWD 68,500" in en
    data = json.loads(run("review", str(EXAMPLE), *ARGS, "--format", "json").stdout)
    assert data["totals"] == {
        "courses": 8,
        "hours": 87,
        "cost": 68500,
        "currency": "TWD",
        "unpriced": [],
    }
    assert sum(c["cost"] for c in data["courses"]) == 68500
    html = run("review", str(EXAMPLE), *ARGS, "--format", "html").stdout
    assert "<dt>方案合計</dt><dd>8 門課程，87 小時，新臺幣 68,500 元</dd>" in html
    csv = run("review", str(EXAMPLE), *ARGS, "--format", "csv").stdout
    assert "totals,cost,,,,68500,TWD" in csv


def test_no_price_means_no_cost_not_zero():
    text = run("review", *AGAINST, "--lang", "en").stdout
    data = json.loads(run("review", *AGAINST, "--format", "json").stdout)
    assert data["totals"]["cost"] is None and data["totals"]["unpriced"] == ["V1", "V2"]
    assert "Programme totals: 2 courses, 12 hours, no course has a price" in text


def test_zh_tw_headings_use_full_width_punctuation():
    text = run("review", str(EXAMPLE), *ARGS).stdout
    head = text.split("\n\n")[0].split("\n")
    assert all("：" in line and ": " not in line for line in head), head
    assert "審查條件：每項至少 1 門課程、每項至少 0 小時、每小時至多 2 個項目" in head
    assert "審查結果：未通過（錯誤 2、警告 4、資訊 1）" in head
    assert "來源與驗證" in text and "工具：curriculum" in text


def test_provenance_lists_what_the_review_used_as_given(tmp_path, monkeypatch):
    # run from another folder, with the shipped standards: no absolute package path
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    monkeypatch.chdir(tmp_path)
    result = run(
        "review",
        "p.yaml",
        "--catalogue",
        str(ROOT / "courses"),
        "--format",
        "json",
        "-o",
        "r.json",
    )
    assert result.exit_code == 3, result.output
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    inputs = [(i["role"], i["path"]) for i in data["provenance"]["inputs"]]
    assert inputs == [
        ("programme", "p.yaml"),
        ("standard", "package:standards/BAS1499-001v4.yaml"),
        ("catalogue", str(ROOT / "courses" / "example-provider.yaml")),
    ]
    verified = run("review", "verify", "r.json")
    assert verified.exit_code == 0 and "與其輸入檔相符" in verified.stdout


def test_provenance_names_both_versions_with_against():
    data = json.loads(run("review", *AGAINST, "--format", "json").stdout)
    paths = [i["path"] for i in data["provenance"]["inputs"] if i["role"] == "standard"]
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["TOY-001v4.yaml", "TOY-001v3.yaml"]


def test_against_has_its_own_section_with_verdicts():
    text = run("review", *AGAINST, "--lang", "en").stdout
    section = text.split("Re-check against TOY-001v4\n", 1)[1].split("\n\n\n")[0]
    assert "Written for TOY-001v3, re-checked against TOY-001v4." in section
    assert "TOY-001v3   PASS" in section and "TOY-001v4   FAIL" in section
    changes = text.split("Claims that no longer hold in TOY-001v4\n", 1)[1]
    assert changes.lstrip().startswith("Item    Course    Reason")
    html = run("review", *AGAINST, "--lang", "en", "--format", "html").stdout
    assert '<section id="against"><h2>Re-check against TOY-001v4</h2>' in html
    assert 'class="verdicts"' in html


def test_xlsx_without_output_is_refused_on_a_terminal(monkeypatch):
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    from curriculum.cli import review as review_cli

    monkeypatch.setattr(review_cli, "binary_stdout", lambda: Terminal())
    result = run("review", str(EXAMPLE), *ARGS, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx needs --output FILE" in result.stderr
    assert "Traceback" not in result.output


def test_xlsx_is_byte_identical_across_runs(tmp_path):
    outs = []
    for n in range(2):
        out = tmp_path / f"r{n}.xlsx"
        run("review", *AGAINST, "--format", "xlsx", "-o", str(out))
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].startswith(b"PK")


def test_review_texts_in_the_one_catalogue_with_full_width_punctuation():
    from curriculum.i18n.build import read_catalogue

    prefixes = ("review.", "finding.", "change.")
    review = {k: v for k, v in read_catalogue().items() if k.startswith(prefixes)}
    assert "review.compare.title" in review and "review.sheet.matrix" in review
    assert "finding.GAP" in review and "change.removed" in review
    for key, entry in review.items():
        en, zh = entry.en[0], entry.zh
        assert en and zh, key
        for ascii_mark in (": ", "; ", " (", ", "):
            assert ascii_mark not in zh, (key, zh)


def test_standards_show_and_diff_in_both_languages():
    show = run("standards", "show", "BAS1499-001v4", *ARGS[:2]).stdout
    assert "職能架構：icap；版本 V4（2023/12/15）；基準級別 3" in show
    assert "職類別：企業經營管理 / 行政支援（BAS）" in show
    task = run("standards", "show", "BAS1499-001v4", "--task", "T1.2", *ARGS[:2]).stdout
    assert "T1.2 規劃推動並執行客服專案（主要職責 T1 客服專案管理；級別 4）" in task
    assert "  行為指標：" in task and "  職能內涵（K）：" in task
    en = run("standards", "show", "BAS1499-001v4", "--lang", "en", *ARGS[:2]).stdout
    assert "Framework: icap; version V4 of 2023/12/15; level 3" in en
    diff = run("standards", "diff", "TOY-001v3", "TOY-001v4", "--standards",
               str(VERSIONS / "standards")).stdout  # fmt: skip
    assert diff.startswith("TOY-001v3 至 TOY-001v4 的變更\n\n新增項目：\n  K05（K） 知識五\n")
    assert "  K02：舊名稱 → 新名稱" in diff and "P1.2.2（T1.2）：指標三 → 指標三（修訂）" in diff
    en = run("standards", "diff", "TOY-001v3", "TOY-001v4", "--lang", "en", "--standards",
             str(VERSIONS / "standards")).stdout  # fmt: skip
    assert en.startswith("Changes from TOY-001v3 to TOY-001v4\n\nItems added:\n")


@pytest.mark.parametrize("missing", ["nothere.yaml", "some/dir/TOY.yml"])
def test_standards_diff_with_a_missing_file_is_one_line_exit_1(missing):
    result = run("standards", "diff", "BAS1499-001v4", missing)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or folder\n"
    assert result.stdout == ""


def test_course_template_instructions_in_both_languages(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    for lang, sheet, head in (
        ("en", "instructions", ["column", "required", "meaning"]),
        ("zh-TW", "填寫說明", ["欄位", "必填", "說明"]),
    ):
        out = tmp_path / f"template-{lang}.xlsx"
        assert run("courses", "template", str(out), "--lang", lang).exit_code == 0
        book = openpyxl.load_workbook(out)
        assert book.sheetnames == ["courses", sheet]
        rows = [[c.value for c in row] for row in book[sheet].iter_rows()]
        assert rows[0] == head
        hours = next(r for r in rows if r[0] == ("時數" if lang == "zh-TW" else "hours"))
        assert hours[2] == (
            "授課時數（0 以上的數字；不計時數的講座填 0）。"
            if lang == "zh-TW"
            else "Teaching hours (a number, 0 or more; 0 for a seminar without credit hours)."
        )
    # the columns (Chinese names in zh-TW) and the example row load as a catalogue
    assert (
        run("validate", "--catalogue", str(tmp_path / "template-zh-TW.xlsx"), *ARGS[:2]).exit_code
        == 0
    )
