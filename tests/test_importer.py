"""The iCAP text importer against the published seed and its variants."""

from __future__ import annotations

import pytest
from conftest import SEED, STANDARDS

from curriculum.errors import DataFileError
from curriculum.io.importers.icap_text import parse_icap_text
from curriculum.io.loaders import load_standard
from curriculum.io.writers import dump_standard

SEED_TEXT = SEED.read_text(encoding="utf-8")

EXPECTED_TASKS = {
    "T1.1": (3, "K01 K02 K03 K04 K05 K06", "S01 S02", ["P1.1.1"]),
    "T1.2": (
        4,
        "K01 K02 K03 K04 K05 K06 K07",
        "S01 S02 S03 S04 S05 S06",
        ["P1.2.1", "P1.2.2", "P1.2.3", "P1.2.4"],
    ),
    "T1.3": (
        4,
        "K01 K02 K03 K04 K05 K06 K08 K09",
        "S01 S02 S07 S08 S09 S10",
        ["P1.3.1", "P1.3.2", "P1.3.3"],
    ),
    "T2.1": (3, "K05 K10 K11 K12 K13", "S02 S11 S12", ["P2.1.1", "P2.1.2"]),
    "T2.2": (3, "K05 K10 K11 K12 K14", "S02 S11 S13 S14", ["P2.2.1", "P2.2.2", "P2.2.3"]),
}


@pytest.fixture(scope="module")
def seed():
    return parse_icap_text(SEED_TEXT, str(SEED))


def test_identification_fields(seed):
    assert seed.code == "BAS1499-001v4"
    assert seed.name == "客戶服務專案人員"
    assert seed.title == "客戶服務專案人員職能基準"
    assert seed.version == "V4"
    assert seed.level == 3
    assert [(c.kind, c.name, c.code) for c in seed.classifications] == [
        ("職類別", "企業經營管理 / 行政支援", "BAS"),
        ("職業別", "未分類其他場所服務經理人員", "1499"),
        ("行業別", "支援服務業 / 行政支援服務業", "N8209"),
    ]
    assert seed.names == {"職類": None, "職業": "客戶服務專案人員"}
    assert seed.description.startswith("依組織服務項目定位")


def test_version_table(seed):
    assert [(v.version, v.code, v.date) for v in seed.versions] == [
        ("V4", "BAS1499-001v4", "2023/12/15"),
        ("V3", "BAS1499-001v3", "2021/12/20"),
        ("V2", "BAS1499-001v2", "2018/12/20"),
        ("V1", "BAS1499-001v1", "2015/12/31"),
    ]
    assert seed.versions[1].note == "已被《BAS1499-001v4》取代"
    assert seed.versions[0].status == "最新版本"


def test_every_task(seed):
    assert [d.code for d in seed.duties] == ["T1", "T2"]
    assert [d.name for d in seed.duties] == ["客服專案管理", "客戶關係經營"]
    assert {
        t.code: (t.level, " ".join(t.knowledge), " ".join(t.skills), [p.code for p in t.indicators])
        for t in seed.tasks
    } == EXPECTED_TASKS


def test_continued_row_and_paragraph_fragments(seed):
    task = seed.task_index["T1.1"]
    assert task.knowledge[-1] == "K06"  # K06 sits alone on the next page
    indicator = seed.task_index["T1.2"].indicators[1]
    assert indicator.text == "向組織權責人員報告客服專案計畫內容，並取得同意。"
    assert "<p>" not in str(seed.model_dump())
    outputs = seed.task_index["T2.2"].outputs
    assert [(o.code, o.name) for o in outputs] == [
        ("O2.2.1", "諮詢紀錄表"),
        ("O2.2.2", "客訴紀錄表"),
    ]


def test_items_and_attitudes(seed):
    assert [i.code for i in seed.items_of_kind("K")] == [f"K{n:02}" for n in range(1, 15)]
    assert [i.code for i in seed.items_of_kind("S")] == [f"S{n:02}" for n in range(1, 15)]
    attitudes = seed.items_of_kind("A")
    assert [a.code for a in attitudes] == [f"A0{n}" for n in range(1, 7)]
    assert attitudes[0].name == "親和力"
    assert attitudes[0].description.startswith("對他人表現理解")
    assert seed.item_index["K06"].name == "專案管理"


def test_notes_keep_their_section(seed):
    # the heading 建議擔任此職類/職業之學歷/經驗/或能力條件 starts the section, as in iCAP JSON
    assert [(n.depth, n.text[:6], n.section) for n in seed.notes] == [
        (0, "大專以上畢業", "prerequisites")
    ]


def test_shipped_yaml_is_the_import_of_the_seed(seed):
    assert load_standard(STANDARDS / "BAS1499-001v4.yaml") == parse_icap_text(
        SEED_TEXT, "standards/sources/BAS1499-001v4.txt"
    )
    assert (STANDARDS / "BAS1499-001v4.yaml").read_text(encoding="utf-8") == dump_standard(
        parse_icap_text(SEED_TEXT, "standards/sources/BAS1499-001v4.txt")
    )


def test_header_recognised_whatever_its_spacing(seed):
    text = SEED_TEXT.replace("職能級別", "職 能 級 別").replace("職能 級別", "職能級別")
    assert parse_icap_text(text, "x.txt").tasks == seed.tasks


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp950"])
def test_encodings_via_cli(tmp_path, seed, encoding):
    from click.testing import CliRunner

    from curriculum.cli import main

    source = tmp_path / "std.txt"
    source.write_bytes(SEED_TEXT.encode(encoding, errors="strict"))
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["standards", "import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    imported = load_standard(out)
    assert imported.tasks == seed.tasks and imported.items == seed.items


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("K06 專案管理\t", "K06 專案管理\t\tX99 多出", "more than 7 cells"),
        ("K06 專案管理\t", "K06 專案管理\tX99 多出", "S text without a code"),
        ("基準級別\t\t3", "基準級別\t\t3\n未知欄位\t\t值", "unknown field '未知欄位'"),
        ("\t3\tK01 組織服務項目定位 K02", "\t三\tK01 組織服務項目定位 K02", "is not a number"),
        (
            "\t4\tK01 組織服務項目定位 K02 組織客戶服務政策及目標 K03 內外部客戶服務作法及成果 K04 "
            "客服專案計畫內容 K05 客戶服務科技工具及趨勢 K06 專案管理 K07",
            "\t9\tK01 組織服務項目定位 K02 組織客戶服務政策及目標 K03 內外部客戶服務作法及成果 K04 "
            "客服專案計畫內容 K05 客戶服務科技工具及趨勢 K06 專案管理 K07",
            "outside 1–6",
        ),
        ("K06 專案管理\t", "K06 專案治理\t", "K06 is named both"),
    ],
)
def test_defects_are_errors_naming_the_line(old, new, message):
    assert old in SEED_TEXT
    with pytest.raises(DataFileError) as info:
        parse_icap_text(SEED_TEXT.replace(old, new, 1), "bad.txt")
    assert message in str(info.value)
    assert str(info.value).startswith("bad.txt")
