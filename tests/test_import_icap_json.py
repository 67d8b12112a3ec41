"""The iCAP parser-JSON importer: structure, repairs, defects and the shipped standards."""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner
from conftest import DATA, STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError, DefectWarning, RepairWarning
from curriculum.io.importers import detect_format, import_standards
from curriculum.io.importers.icap_json import import_icap_json
from curriculum.io.importers.icap_repairs import (
    fix_wraps,
    looks_truncated,
    split_output_code,
    strip_footnotes,
)
from curriculum.io.loaders import load_standard
from curriculum.io.writers import dump_standard

DIRTY = DATA / "import" / "icap-dirty.json"
SHIPPED = ["APP7322-001v4", "AVA2173-001v4", "MEM3400-001v1"]


@pytest.fixture(scope="module")
def dirty():
    """The dirty fixture imported, with the warnings it raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        standard = import_standards(DIRTY)[0]
    return standard, [w for w in caught if issubclass(w.category, RepairWarning | DefectWarning)]


def test_text_repairs():
    assert fix_wraps("評選與建置\n3D列印設\n備、環境") == "評選與建置3D列印設備、環境"
    assert fix_wraps("設備 結構理論") == "設備結構理論"
    assert fix_wraps("類型(粉末、 液體)") == "類型(粉末、液體)"
    assert fix_wraps("PBF and\nBJ 設備") == "PBF and BJ 設備"
    assert strip_footnotes("相關知識【註 4】") == ("相關知識", ["4"])
    assert looks_truncated("建置與") and looks_truncated("各") and not looks_truncated("報價單")


def test_output_code_split_only_when_proven():
    assert split_output_code("O2.3.13", "D設計初稿", "T2.3", 1) == ("O2.3.1", "3D設計初稿")
    assert split_output_code("O2.3.13", "D設計初稿", "T2.4", 1) is None  # another task
    assert split_output_code("O2.3.13", "設計初稿", "T2.3", 1) is None  # no Latin letter
    assert split_output_code("O2.3.12", "D稿", "T2.3", 12) is None  # 12 outputs: plausible


def test_structure_of_a_dirty_document(dirty):
    standard, _ = dirty
    assert [t.code for t in standard.tasks] == ["T1.1", "T1.2", "T1.3"]
    t11, t12, t13 = standard.tasks
    # two competency blocks merged: union of items, highest level, levels kept
    assert t11.knowledge == ("K01", "K02") and t11.skills == ("S01",)
    assert t11.level == 4 and t11.meta["block_levels"] == [3, 4]
    assert [p.code for p in t11.indicators] == ["P1.1.1", "P1.1.2"]
    # an output without code kept once, the repeated copy dropped
    assert [(o.code, o.name) for o in t11.outputs] == [("O1.1.1", "3D模型"), (None, "會議紀錄")]
    # two task codes sharing a block: each gets its own indicators and outputs
    assert [p.code for p in t12.indicators] == ["P1.2.1"]
    assert [p.code for p in t13.indicators] == ["P1.3.1"]
    assert t12.knowledge == t13.knowledge == ("K01",)
    assert t12.meta["shares_block_with"] == ["T1.3"]
    assert standard.item_index["A01"].description == "願意學習新知。"
    assert standard.notes[-1].text == "【註1】測試知識：方法、工具與流程。"
    assert standard.notes[-1].section == "supplements"


def test_one_warning_per_repair_original_kept(dirty):
    standard, caught = dirty
    repairs = [str(w.message) for w in caught if w.category is RepairWarning]
    assert len(repairs) == len(standard.meta["repairs"]) == 8
    assert sum("removed footnote marker" in m for m in repairs) == 1  # K01 once
    k01 = standard.item_index["K01"]
    assert k01.name == "測試知識" and k01.meta["footnotes"] == ["1"]
    split = next(r for r in standard.meta["repairs"] if r["reason"].startswith("output code"))
    assert split["original"] == "O1.1.13 D模型" and split["repaired"] == "O1.1.1 3D模型"
    assert standard.name == "測試人員" and standard.item_index["S01"].name == "溝通協調能力"


def test_defects_are_kept_and_reported(dirty):
    standard, caught = dirty
    defects = [str(w.message) for w in caught if w.category is DefectWarning]
    assert len(defects) == len(standard.meta["defects"]) == 4
    assert standard.duties[0].name == "規劃與"  # truncated: kept, never completed
    assert any("T1: name '規劃與': looks truncated (kept as is)" in m for m in defects)
    assert standard.task_index["T1.3"].outputs[0].name == "各"
    assert standard.classifications[1].code == "Unknown"


def test_round_trip_is_exact(dirty, tmp_path):
    standard, _ = dirty
    path = tmp_path / "s.yaml"
    path.write_text(dump_standard(standard), encoding="utf-8")
    assert load_standard(path) == standard


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_standards_are_the_importer_output(code):
    source = STANDARDS / "sources" / f"{code}.json"
    assert detect_format(source) == "icap-json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        standard = import_icap_json(json.loads(source.read_text(encoding="utf-8")), source.name)
    assert dump_standard(standard) == (STANDARDS / f"{code}.yaml").read_text(encoding="utf-8")
    assert standard.source["attribution"].startswith("Occupational competency standard")


def test_shipped_repairs_as_the_issue_lists():
    ava = load_standard(STANDARDS / "AVA2173-001v4.yaml")
    assert [(o.code, o.name) for o in ava.task_index["T2.3"].outputs] == [("O2.3.1", "3D設計初稿")]
    assert ava.item_index["K07"].name == "珠寶、飾品製作相關知識"
    app = load_standard(STANDARDS / "APP7322-001v4.yaml")
    assert app.task_index["T1.1"].name == "評選與建置3D列印設備、環境及安全"
    assert app.duties[0].name == "建置與"
    mem = load_standard(STANDARDS / "MEM3400-001v1.yaml")
    assert mem.item_index["K01"].name == "3D列印技術原理及設備結構理論"
    assert any(d["text"] == "O2.2.1" for d in mem.meta["defects"])
    lost = [d for d in mem.meta["defects"] if d["at"] == "notes.supplements[0]"]
    assert lost and "may have lost its first character" in lost[0]["problem"]
    assert mem.notes[-1].text.startswith("D列印技術")  # reported, never completed


@pytest.mark.parametrize("path", sorted(STANDARDS.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_yaml_round_trips_byte_for_byte(path):
    assert dump_standard(load_standard(path)) == path.read_text(encoding="utf-8")


def test_cli_prints_each_repair_as_a_warning():
    result = CliRunner().invoke(main, ["standards", "import", str(DIRTY)])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 12 and all(line.startswith("Warning: ") for line in lines)
    assert "O1.1.13 D模型' -> 'O1.1.1 3D模型'" in result.stderr
    assert result.stdout.startswith("framework: icap\n")


def test_unknown_keys_are_errors(tmp_path):
    data = json.loads(DIRTY.read_text(encoding="utf-8"))
    data["ocs_content"]["ocu_units"][0]["tasks"][0]["surprise"] = 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with (
        pytest.raises(DataFileError, match=r"T1.tasks\[0\]: unknown key 'surprise'"),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        import_standards(bad)
    result = CliRunner().invoke(main, ["standards", "import", str(bad)])
    assert result.exit_code == 1 and "unknown key 'surprise'" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_that_is_not_icap(tmp_path):
    other = tmp_path / "x.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    result = CliRunner().invoke(main, ["standards", "import", str(other)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {other}: JSON, but not iCAP parser output (no ocs_profile)\n"


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_standards_plan_against_the_example_catalogue(code):
    from conftest import ROOT

    catalogue = ROOT / "examples" / "3d-printing-courses.csv"
    args = ["--standards", str(STANDARDS), "--catalogue", str(catalogue)]
    result = CliRunner().invoke(main, ["plan", code, *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "optimal" and plan["courses"]
    standard = load_standard(STANDARDS / f"{code}.yaml")
    needed = {i for t in standard.tasks for i in t.items}
    covered = {i for c in plan["courses"] for i in c["covers"]}
    assert covered | set(plan["gaps"]) | set(plan["level_gaps"]) == needed
