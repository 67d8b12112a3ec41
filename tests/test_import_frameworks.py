"""ESCO, O*NET and tabular imports, spreadsheet catalogues, templates and list filters."""

from __future__ import annotations

import csv
import json
import sys
import warnings

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, ROOT, STANDARDS
from helpers import modules_after_commands, top_level

from curriculum.cli import main
from curriculum.errors import DataFileError, SkippedRowWarning, UnknownReferenceError
from curriculum.io.importers import ImportOptions, detect_format, import_standards
from curriculum.io.importers.esco import label_key, occupation_code, skill_code
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue, load_standard
from curriculum.io.template import catalogue_template
from curriculum.io.writers import dump_standard
from curriculum.model.finder import filter_standards, parse_level_range

ESCO = DATA / "import" / "esco-sample.parquet"
ONET = DATA / "import" / "onet-skills-sample.xlsx"
NICE = ROOT / "examples" / "nice-sp-rsk-001.csv"
EXAMPLE_COURSES = ROOT / "examples" / "esco-onet-courses.csv"
AI = "artificial intelligence engineer"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def quiet_import(path, fmt=None, options=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return import_standards(path, fmt, options)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The AI engineer (ESCO, with optional skills) and an O*NET occupation as YAML."""
    folder = tmp_path_factory.mktemp("imported")
    for standard in quiet_import(ESCO, None, ImportOptions((AI,), include_optional=True)):
        (folder / f"{standard.code}.yaml").write_text(dump_standard(standard), encoding="utf-8")
    for standard in quiet_import(ONET, None, ImportOptions(("15-1211.00",))):
        (folder / f"{standard.code}.yaml").write_text(dump_standard(standard), encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- detection


def test_formats_are_recognised_by_content(tmp_path):
    assert detect_format(ESCO) == "esco"
    assert detect_format(ONET) == "onet"
    assert detect_format(NICE) == "table"
    assert detect_format(STANDARDS / "sources" / "BAS1499-001v4.txt") == "icap-text"
    renamed = tmp_path / "profiles.dat"
    renamed.write_bytes(ESCO.read_bytes())
    assert detect_format(renamed) == "esco"


# --------------------------------------------------------------------------- ESCO


def test_esco_codes_are_stable_and_documented():
    assert skill_code("Python (computer programming)") == "Ed6e37c8c10"
    assert skill_code("  Python   (computer programming) ") == skill_code(
        "Python (computer programming)"
    )
    assert label_key("ｄａｔａ  mining") == "data mining"
    assert (
        occupation_code(
            "http://data.europa.eu/esco/occupation/35553663-deab-4d9a-bf22-15c1625d28e8"
        )
        == "ESCO-35553663"
    )


def test_esco_one_occupation_essential_only():
    [standard] = quiet_import(ESCO, None, ImportOptions((AI,)))
    assert standard.code == "ESCO-35553663" and standard.name == AI
    assert standard.framework == "esco" and standard.language == "en"
    assert [t.code for t in standard.tasks] == ["T1"]
    assert len(standard.tasks[0].items) == 8
    python = standard.item_index[skill_code("Python (computer programming)")]
    assert python.name == "Python (computer programming)" and python.meta["relation"] == "essential"
    # knowledge: listed as essential knowledge of some occupation of the file
    assert standard.item_index[skill_code("computer programming")].kind == "K"
    assert standard.item_index[skill_code("information extraction")].kind == "S"
    assert standard.source["attribution"].startswith("This service uses the ESCO classification")
    assert standard.meta["uri"].endswith("35553663-deab-4d9a-bf22-15c1625d28e8")
    assert standard.classifications[-1].code == "2511"


def test_esco_optional_skills_only_when_asked():
    [standard] = quiet_import(ESCO, None, ImportOptions(("ESCO-35553663",), include_optional=True))
    assert [t.code for t in standard.tasks] == ["T1", "T2"]
    optional = standard.task_index["T2"].items
    assert optional and all(standard.item_index[c].meta["relation"] == "optional" for c in optional)


def test_esco_list_and_all():
    every = quiet_import(ESCO)
    assert [s.name for s in every] == [AI, "data scientist", "web developer"]
    two = quiet_import(ESCO, None, ImportOptions(("WEB DEVELOPER", AI)))
    assert [s.name for s in two] == ["web developer", AI]
    shared = skill_code("computer programming")
    assert all(shared in s.item_index for s in every if shared in {i.code for i in s.items})


def test_esco_unknown_occupation_suggests_close_names():
    with pytest.raises(
        UnknownReferenceError, match=r"no ESCO occupation 'data scientst'.*data scientist"
    ):
        quiet_import(ESCO, None, ImportOptions(("data scientst",)))


def test_esco_without_pyarrow_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = run("standards", "import", str(ESCO), "--occupation", AI)
    assert result.exit_code == 1
    assert "pip install 'curriculum[esco]'" in result.stderr and "Traceback" not in result.stderr


def test_esco_cli_many_standards_need_a_folder(tmp_path):
    result = run("standards", "import", str(ESCO))
    assert result.exit_code == 2 and "gives 3 standards: give --output-dir DIR" in result.stderr
    result = run("standards", "import", str(ESCO), "-d", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "ESCO-258e46f9.yaml",
        "ESCO-35553663.yaml",
        "ESCO-c40a2919.yaml",
    ]
    assert result.stderr == f"Wrote 3 standard(s) to {tmp_path / 'out'}\n"
    assert load_library([tmp_path / "out"], [COURSES], check_references=False).standards


# --------------------------------------------------------------------------- O*NET


def test_onet_threshold_scale_and_flags():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [chief] = import_standards(ONET, None, ImportOptions(("11-1011.00",)))
    skipped = [str(w.message) for w in caught if w.category is SkippedRowWarning]
    assert skipped == [
        "onet-skills-sample.xlsx: 11-1011.00: skipped 4 level rows flagged Not Relevant: "
        "2.B.3.c, 2.B.3.d, 2.B.3.j, 2.B.3.l"
    ]
    assert chief.code == "ONET-11-1011.00" and chief.name == "Chief Executives"
    assert chief.level_scale == (0, 7) and chief.framework == "onet"
    assert all(t.meta["importance"] >= 3.0 for t in chief.tasks)
    reading = chief.task_index["2.A.1.a"]
    assert reading.level == 4.62 and reading.items == ("2.A.1.a",)
    assert chief.duty_of("2.A.1.a").name == "Content skills"
    assert "2.B.3.c" not in chief.item_index  # not relevant: dropped
    strict = quiet_import(ONET, None, ImportOptions(("11-1011.00",), min_importance=4.0))[0]
    assert 0 < len(strict.tasks) < len(chief.tasks)
    assert "CC BY 4.0" in chief.source["attribution"]


def test_onet_unknown_code():
    with pytest.raises(UnknownReferenceError, match=r"no O\*NET occupation 99-9999\.00"):
        quiet_import(ONET, None, ImportOptions(("99-9999.00",)))


def test_onet_cli_min_importance_is_checked():
    result = run("standards", "import", str(ONET), "--min-importance", "9")
    assert result.exit_code == 2 and "--min-importance" in result.stderr


# --------------------------------------------------------------------------- plan across frameworks


@pytest.mark.parametrize(
    ("code", "targets", "hours"),
    [("ESCO-35553663", ["T1"], 96), ("ONET-15-1211.00", [], 116)],
)
def test_imported_standards_plan_against_a_catalogue(imported, code, targets, hours):
    args = ["--standards", str(imported), "--catalogue", str(EXAMPLE_COURSES)]
    assert run("validate", *args).exit_code == 0
    result = run("plan", code, *targets, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["status"] == "optimal" and plan["total_hours"] == hours
    standard = load_standard(imported / f"{code}.yaml")
    needed = {i for t in standard.expand_targets(targets) for i in t.items}
    covered = {i for c in plan["courses"] for i in c["covers"]}
    assert covered | set(plan["gaps"]) | set(plan["level_gaps"]) == needed


def test_onet_levels_are_compared_on_the_onet_scale(imported):
    args = ["--standards", str(imported), "--catalogue", str(EXAMPLE_COURSES)]
    plan = json.loads(run("plan", "ONET-15-1211.00", *args, "--format", "json").stdout)
    # SA-240 (level 3) claims 2.B.1.a, which O*NET asks at level 3.12: a level gap
    assert "2.B.1.a" in plan["level_gaps"] and "2.B.1.f" not in plan["level_gaps"]


# --------------------------------------------------------------------------- tabular


def test_nice_example_table():
    [standard] = quiet_import(NICE)
    assert standard.code == "NICE-SP-RSK-001" and standard.framework == "nice"
    assert len(standard.items_of_kind("K")) == 39 and len(standard.items_of_kind("S")) == 2
    assert len(standard.items_of_kind("A")) == 11
    assert standard.tasks[0].items[0] == "K0001"


def test_table_as_xlsx_gives_the_same_standard(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    with NICE.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            book.active.append(row)
    path = tmp_path / "nice.xlsx"
    book.save(path)
    assert detect_format(path) == "table"
    from_xlsx = quiet_import(path)[0]
    from_csv = quiet_import(NICE)[0]
    assert from_xlsx.model_copy(update={"source": {}}) == from_csv.model_copy(update={"source": {}})


def test_table_levels_optional_items_and_weights(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "standard,standard_name,level_min,level_max,duty,task,task_name,task_level,item,kind,"
        "item_name,essential,weight\n"
        "X-1,Example,0,5,D1,T1,Task one,2,K1,knowledge,Know one,,\n"
        "X-1,,,,D1,T1,Task one,2,S1,S,Skill one,no,0.5\n"
        "X-1,,,,D1,T2,Task two,4.5,K1,K,Know one,yes,2\n",
        encoding="utf-8",
    )
    standard = quiet_import(path)[0]
    assert standard.level_scale == (0, 5)
    t1, t2 = standard.tasks
    assert t1.knowledge == ("K1",) and t1.skills == () and t1.meta["optional"] == ["S1"]
    assert t1.meta["weights"] == {"S1": 0.5} and t2.level == 4.5


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("X,D1,T1,Task,K1,Q,Name\n", ":2: item K1: kind 'Q' is not K, S or A"),
        ("X,D1,T1,Task,K1,K,Name\nY,D1,T1,Task,K2,K,Other\n", ":3: standard 'Y' differs"),
        (
            "X,D1,T1,Task,K1,K,Name\nX,D1,T1,Task,K1,K,Renamed\n",
            ":3: item K1 is defined differently",
        ),
        ("X,D1,T1,Task,K1,K,Name\nX,D1,T1,Task,K1,K,Name\n", ":3: task T1 lists item K1 twice"),
        ("X,D1,T1,Task,K1,K,\n", ":2: empty item_name"),
    ],
)
def test_table_errors_name_the_line(tmp_path, rows, message):
    path = tmp_path / "bad.csv"
    path.write_text("standard,duty,task,task_name,item,kind,item_name\n" + rows, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        import_standards(path)
    assert f"{path}{message}" in str(info.value)


# --------------------------------------------------------------------------- catalogues


def test_template_xlsx_loads_and_plans(tmp_path):
    path = tmp_path / "mine.xlsx"
    result = run("courses", "template", str(path))
    assert result.exit_code == 0 and result.stderr == f"Wrote {path}\n"
    catalogue = load_catalogue(path)
    assert [c.code for c in catalogue.courses] == ["EX-101"]
    assert catalogue.courses[0].covers == {BAS: ("K01", "K02")}
    import openpyxl

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["courses", "instructions"]
    sheet = book["courses"]
    sheet.append(["EX-102", "客服專案管理", 12, 9000, 4, f"{BAS}:K07", "範例訓練中心", "TWD"])
    book.save(path)
    library = load_library([STANDARDS], [path])
    assert sorted(library.courses) == ["EX-101", "EX-102"]
    result = run("plan", BAS, "T1.2", "--standards", str(STANDARDS), "--catalogue", str(path))
    assert result.exit_code == 0 and "EX-102" in result.stdout


def test_template_csv_and_refusals(tmp_path):
    path = tmp_path / "mine.csv"
    assert run("courses", "template", str(path)).exit_code == 0
    assert path.read_bytes() == catalogue_template("csv").encode("utf-8")
    assert load_catalogue(path).courses[0].code == "EX-101"
    again = run("courses", "template", str(path))
    assert again.exit_code == 2 and "exists; give --force" in again.stderr
    assert run("courses", "template", str(path), "--force").exit_code == 0
    wrong = run("courses", "template", str(tmp_path / "x.ods"))
    assert wrong.exit_code == 2 and "written as .xlsx or .csv" in wrong.stderr


def test_xlsx_catalogue_errors_name_the_row(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["code", "title", "hours", "covers"])
    book.active.append(["A-1", "ok", 3, f"{BAS}:K01"])
    book.active.append(["A-2", "bad", 2, "K01"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(
        DataFileError, match=r"bad.xlsx: row 3, column D \(covers\): course A-2: covers entry 'K01'"
    ):
        load_catalogue(path)
    book.active.append(["A-3", "neg", -1])
    book.save(path)
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(tmp_path), "--lang", "en"
    )
    assert result.exit_code == 1 and "bad.xlsx: row 3" in result.stderr


# --------------------------------------------------------------------------- list filters


def test_level_ranges():
    assert parse_level_range("3") == (3, 3) and parse_level_range("3-5") == (3, 5)
    with pytest.raises(ValueError):
        parse_level_range("5-3")


def test_list_filters_by_framework_level_and_text(imported):
    library = load_library([STANDARDS, imported], [COURSES], check_references=False)
    everything = list(library.standards.values())
    codes = lambda **kw: [s.code for s in filter_standards(everything, **kw)]  # noqa: E731
    assert codes(frameworks=["ONET"]) == ["ONET-15-1211.00"]
    assert codes(frameworks=["icap"], level=(4, 4)) == ["APP7322-001v4", "AVA2173-001v4"]
    assert codes(text="珠寶設計") == ["AVA2173-001v4"]
    assert codes(text="ＰＹＴＨＯＮ programming") == ["ESCO-35553663"]
    assert codes(text="systems analysts") == ["ESCO-35553663", "ONET-15-1211.00"]
    args = ["--standards", str(STANDARDS), "--standards", str(imported)]
    out = run(
        "standards", "list", *args, "--search", "客戶服務", "--format", "csv", "--no-bom"
    ).stdout
    assert [r["code"] for r in csv.DictReader(out.splitlines())] == [BAS, "MEM3400-001v1"]
    bad = run("standards", "list", *args, "--level", "high")
    assert bad.exit_code == 2 and "Invalid value for '--level'" in bad.stderr


# --------------------------------------------------------------------------- docs and laziness


def test_readme_documents_the_table_columns_and_examples(monkeypatch):
    from curriculum.io.importers.tabular import COLUMNS

    readme = (ROOT / "docs" / "importers.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in readme, column
    assert (
        f"`Python (computer programming)` is always `{skill_code('Python (computer programming)')}`"
        in readme
    )
    monkeypatch.chdir(ROOT)
    result = run("plan", "AVA2173-001v4", "--catalogue", "examples/3d-printing-courses.csv")
    assert result.exit_code == 0 and "JD-104" in result.stdout


LAZY = [
    ["--help"],
    ["standards", "list"],
    ["courses", "list"],
    ["standards", "import", str(DATA / "import" / "icap-dirty.json")],
]


@pytest.fixture(scope="module")
def loaded_lazily(tmp_path_factory) -> list[set[str]]:
    return modules_after_commands(LAZY, tmp_path_factory.mktemp("modules"))


@pytest.mark.parametrize("args", LAZY)
def test_heavy_libraries_are_imported_lazily(args, loaded_lazily):
    heavy = {"openpyxl", "pyarrow", "ortools"}
    assert top_level(loaded_lazily[LAZY.index(args)]) & heavy == set()


def test_a_standard_table_given_as_catalogue_gets_a_hint():
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(NICE), "--lang", "en"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {NICE}:1: this is a standard table, not a catalogue: "
        f"run `curriculum standards import {NICE}` to convert it\n"
    )
