"""The command line as a user runs it: every command, format and error case."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, ROOT, SEED, STANDARDS
from helpers import (
    modules_after_commands,
    recording_cp_sat_solves,
    top_level,
    write_generated_catalogue,
)

from curriculum.cli import main
from curriculum.cli.commands import SUMMARIES

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_plan_json_contract():
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in (
        "standard",
        "targets",
        "status",
        "total_hours",
        "total_cost",
        "courses",
        "mapping",
        "gaps",
        "level_gaps",
    ):
        assert key in data
    assert data["standard"] == BAS and data["targets"] == ["T1.2"]
    assert data["status"] == "optimal"
    assert data["total_hours"] == sum(c["hours"] for c in data["courses"])
    assert data["total_cost"] == sum(c["cost"] for c in data["courses"])
    for course in data["courses"]:
        assert {"code", "title", "hours", "cost", "covers"} <= set(course)
        assert course["covers"] == sorted(course["covers"])
    assert data["gaps"] == ["K07"] and data["level_gaps"] == ["S04"]
    covered = {i for c in data["courses"] for i in c["covers"]}
    assert set(data["mapping"]) == covered
    assert result.stderr == ""


def test_plan_table_reads_well():
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout
    assert "Status: optimal (least total hours proven)" in out
    assert "Total: 9 courses, 84 hours, TWD 65,000" in out
    assert "prerequisite of TR-501" in out  # CS-101, brought by TR-501
    assert "K07     教育訓練規範" in out and "GAP (no course)" in out
    assert "LEVEL GAP (only CM-402 at level 3)" in out


def display_cells(row: str) -> list[str]:
    """The characters of a row, a wide (CJK) character taking two display cells."""
    from wcwidth import wcwidth

    cells: list[str] = []
    for ch in row:
        cells += [ch] * max(1, wcwidth(ch))
    return cells


def test_plan_table_columns_align_with_cjk():
    out = run("plan", BAS, *DATA_ARGS).stdout
    block = out.split("\n\n")[1].splitlines()
    header, rule, *rows = block[:-1]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert len(starts) == 6
    for row in [header, *rows]:
        cells = display_cells(row)
        for start in starts[1:]:
            assert cells[start - 1] == " ", (row, start)  # a gap at every column boundary
        if row.startswith(" "):
            continue  # a wrapped line of a long cell
        for end in starts[3:6]:
            assert cells[end - 3] != " ", row  # Hours, Cost, Level are right-aligned
    assert any(any(ord(ch) > 0x2E80 for ch in row) for row in rows)


def test_plan_csv_has_bom_and_rows():
    zh = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "csv").stdout
    assert zh.startswith("\ufeff課程代碼,課程名稱,時數,費用,級別,涵蓋項目,為其先修課程\n")
    assert "K07,教育訓練規範,4,缺口," in zh and "\nBAS1499-001v4,最佳解," in zh
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "csv", "--lang", "en")
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0] == ["course", "title", "hours", "cost", "level", "covers", "prerequisite_of"]
    assert rows[2] == ["CS-101", "客戶服務政策與目標", "6", "4500", "3", "", "TR-501"]
    assert rows[10] == []  # sections apart by a blank line, each with its own header
    assert rows[11] == ["item", "name", "level", "status", "courses"]
    items = {r[0]: r for r in rows[12:] if len(r) == 5}
    assert items["K07"][3:] == ["gap", ""]
    assert items["S04"][3:] == ["level_gap", "CM-402"]
    assert all(r[3] == "covered" and r[4] for k, r in items.items() if k not in ("K07", "S04"))
    assert rows[-2] == ["standard", "status", "courses", "hours", "cost", "currency"]
    assert rows[-1] == [BAS, "optimal", "9", "84", "65000", "TWD"]
    plain = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "csv", "--no-bom", "--lang", "en")
    plain = plain.stdout
    assert plain == result.stdout.lstrip("\ufeff")


def test_plan_markdown():
    out = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "markdown", "--lang", "en").stdout
    assert out.startswith("# Plan for BAS1499-001v4")
    assert "\n## Courses\n" in out and "\n## Item → courses\n" in out
    assert "| CS-102 |" in out


def test_plan_options_pass_through():
    data = json.loads(
        run(
            "plan",
            BAS,
            "T1.2",
            *DATA_ARGS,
            "--format",
            "json",
            "--have",
            "K01,K02",
            "--exclude",
            "CS-106",
            "--require",
            "CM-401",
            "--attitudes",
        ).stdout
    )
    assert data["held"] == ["K01", "K02"]
    assert "CS-106" not in [c["code"] for c in data["courses"]]
    assert "CM-401" in [c["code"] for c in data["courses"]]
    assert "A05" in data["gaps"]


def test_plan_output_file_is_atomic_and_never_overwrites_inputs(tmp_path):
    out = tmp_path / "plan.json"
    result = run("plan", BAS, *DATA_ARGS, "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["standard"] == BAS
    catalogue = tmp_path / "c.yaml"
    catalogue.write_bytes((COURSES / "example-provider.yaml").read_bytes())
    before = catalogue.read_bytes()
    result = run(
        "plan",
        BAS,
        "--standards",
        str(STANDARDS),
        "--catalogue",
        str(catalogue),
        "-o",
        str(catalogue),
        "--lang",
        "en",
    )
    assert result.exit_code == 2
    assert "is an input file" in result.stderr
    assert catalogue.read_bytes() == before


def test_same_output_whatever_the_workers(library, tmp_path, monkeypatch):
    """A catalogue too big for the small-problem search: each run reaches CP-SAT
    with the workers asked for, succeeds, and prints the same plan."""
    items = [i.code for i in library.standards[BAS].items if i.kind in "KS"]
    catalogue = write_generated_catalogue(tmp_path / "big.yaml", BAS, items, 300)
    args = ["--standards", str(STANDARDS), "--catalogue", str(catalogue), "--format", "json"]
    outs = set()
    with recording_cp_sat_solves(monkeypatch) as solves:
        for workers in (1, 2, 8):
            solves.clear()
            result = run("plan", BAS, *args, "--workers", str(workers))
            assert result.exit_code == 0, result.stderr
            assert solves and set(solves) == {workers}
            outs.add(result.stdout)
    assert len(outs) == 1
    plan = json.loads(outs.pop())
    assert plan["status"] == "optimal" and plan["gaps"] == [] and plan["courses"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["plan", "NOPE"],
            2,
            "Error: unknown standard NOPE (valid: APP7322-001v4, AVA2173-001v4, BAS1499-001v4, "
            "MEM3400-001v1)",
        ),
        (["plan", BAS, "T9"], 2, "has no task or duty T9 (valid: T1, T2, T1.1"),
        (["plan", BAS, "--have", "K99"], 2, "defines no item K99"),
        (["plan", BAS, "--exclude", "ZZ-1"], 2, "unknown course ZZ-1 (valid: CM-401"),
        (["plan", BAS, "--format", "pdf"], 2, "Invalid value for '--format'"),
        (["plan", BAS, "--time-limit", "0"], 2, "Invalid value for '--time-limit'"),
        (["standards", "show", "NOPE"], 2, "unknown standard NOPE"),
        (["standards", "show", BAS, "--task", "T7.1"], 2, "has no task or duty T7.1"),
    ],
)
def test_usage_errors(args, code, message):
    result = run("--lang", "en", *args, *DATA_ARGS)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_catalogue_one_line_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "courses:\n  - {code: B-1, title: x, hour: 3, covers: {BAS1499-001v4: [K01]}}\n",
        encoding="utf-8",
    )
    result = run(
        "plan", BAS, "--standards", str(STANDARDS), "--catalogue", str(bad), "--lang", "en"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {bad}:2: course B-1: unknown key 'hour' (did you mean 'hours'?)\n"
    )


def test_validate_ok_and_lists_every_problem(tmp_path):
    result = run("validate", *DATA_ARGS, "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == (
        "OK: 4 standards (APP7322-001v4, AVA2173-001v4, BAS1499-001v4, MEM3400-001v1), "
        "1 catalogue with 28 courses\n"
    )
    assert run("validate", *DATA_ARGS).stdout.startswith("檢查通過：4 份職能基準（APP7322-001v4、")
    (tmp_path / "a.yaml").write_text(
        "courses:\n  - {code: A, title: a, hours: -1}\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        "code,title,hours,covers\nB,b,2,BAS1499-001v3:K01\n", encoding="utf-8"
    )
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(tmp_path), "--lang", "en"
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "a.yaml:2: course A: hours should be greater than or equal to 0 (got -1)" in lines[0]
    assert "b.csv:2: course B: unknown standard BAS1499-001v3 (an older version" in lines[1]


def test_standards_list_and_show():
    out = run("standards", "list", *DATA_ARGS).stdout
    assert "BAS1499-001v4" in out and "客戶服務專案人員" in out
    data = json.loads(run("standards", "list", *DATA_ARGS, "--format", "json").stdout)
    assert [d["code"] for d in data] == ["APP7322-001v4", "AVA2173-001v4", BAS, "MEM3400-001v1"]
    assert data[2]["tasks"] == 5 and data[2]["K"] == 14 and data[2]["level"] == 3
    out = run("standards", "show", BAS, *DATA_ARGS).stdout
    assert re.search(r"^T1\.2 +規劃推動並執行客服專案", out, re.M)
    assert "職能架構：icap；版本 V4（2023/12/15）；基準級別 3" in out
    out = run("standards", "show", BAS, "--task", "T1.2", *DATA_ARGS).stdout
    assert "P1.2.4 推動並執行客服專案計畫。" in out and "K07 教育訓練規範" in out
    data = json.loads(run("standards", "show", BAS, "--format", "json", *DATA_ARGS).stdout)
    assert data["code"] == BAS and len(data["items"]) == 34
    tasks = json.loads(
        run("standards", "show", BAS, "--task", "T2", "--format", "json", *DATA_ARGS).stdout
    )
    assert [t["code"] for t in tasks] == ["T2.1", "T2.2"]
    assert run("standards", "show", BAS, "--format", "yaml", *DATA_ARGS).stdout == (
        STANDARDS / "BAS1499-001v4.yaml"
    ).read_text(encoding="utf-8")
    assert run("standards", "show", BAS, "--format", "markdown", *DATA_ARGS).stdout.startswith(
        "## BAS1499-001v4"
    )


def test_courses_list():
    out = run("courses", "list", *DATA_ARGS).stdout
    assert "CS-101" in out and "客戶服務政策與目標" in out
    rows = list(
        csv.DictReader(
            io.StringIO(run("courses", "list", *DATA_ARGS, "--format", "csv", "--no-bom").stdout)
        )
    )
    assert len(rows) == 28 and rows[0]["code"] == "CM-401"
    md = run("courses", "list", *DATA_ARGS, "--standard", BAS, "--format", "markdown").stdout
    assert md.startswith("| 代碼")
    assert run("courses", "list", *DATA_ARGS, "--format", "csv").stdout.startswith("\ufeffcode,")
    data = json.loads(run("courses", "list", *DATA_ARGS, "--format", "json").stdout)
    assert data[0]["hours"] == 6 and data[0]["cost"] == 3600 and data[0]["level"] == 4
    assert data[0]["covers"] == {BAS: ["S02"]}


def test_courses_list_shows_prerequisites_and_calendar_within_100_columns():
    from curriculum.report.text import display_width

    out = run("courses", "list", *DATA_ARGS).stdout
    assert max(display_width(line) for line in out.splitlines()) <= 100
    assert out.startswith("訓練單位：範例訓練中心（示範資料）")
    timing = out.split("\n\n")[-1]
    assert "DA-301 | DA-302" in timing and "Q2; Q4" in timing and "2027-07-12..2027-07-13" in timing
    data = {
        c["code"]: c
        for c in json.loads(run("courses", "list", *DATA_ARGS, "--format", "json").stdout)
    }
    assert data["TR-501"]["prerequisites"] == [["CS-101", "CS-100"]]
    assert data["TR-501"]["offered"] == ["S2"] and data["CM-401"]["offered"] is None
    assert data["TR-501"]["sessions"][0] == {"start": "2027-07-12", "end": "2027-07-13"}
    rows = list(
        csv.DictReader(
            io.StringIO(run("courses", "list", *DATA_ARGS, "--format", "csv", "--no-bom").stdout)
        )
    )
    assert {r["code"]: r["prerequisites"] for r in rows}["DA-303"] == "DA-301 | DA-302"


def test_standards_import(tmp_path):
    out = tmp_path / "s.yaml"
    result = run("standards", "import", str(SEED), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == (STANDARDS / "BAS1499-001v4.yaml").read_text(
        encoding="utf-8"
    ).replace("file: BAS1499-001v4.txt", "file: BAS1499-001v4.txt")
    stdout = run("standards", "import", str(SEED)).stdout
    assert stdout == out.read_text(encoding="utf-8")
    result = run("standards", "import", str(SEED), "-o", str(SEED))
    assert result.exit_code == 2 and "is an input file" in result.stderr
    junk = tmp_path / "junk.txt"
    junk.write_text("hello\n", encoding="utf-8")
    result = run("standards", "import", str(junk))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {junk}: not a recognised standard document")


def test_defaults_use_local_folders_or_the_packaged_copies(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./standards here: the packaged copies are used
    result = run("plan", BAS, "T1.2", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["total_hours"] == 84
    monkeypatch.chdir(ROOT)
    assert run("validate").exit_code == 0


def test_packaged_data_matches_the_repository():
    pkg = ROOT / "curriculum" / "data"
    for folder, name in (
        ("standards", "BAS1499-001v4.yaml"),
        ("standards", "APP7322-001v4.yaml"),
        ("standards", "AVA2173-001v4.yaml"),
        ("standards", "MEM3400-001v1.yaml"),
        ("courses", "example-provider.yaml"),
    ):
        assert (pkg / folder / name).read_bytes() == (ROOT / folder / name).read_bytes(), (
            f"copy {folder}/{name} to curriculum/data/{folder}/"
        )


NO_SOLVE = [
    ["--help"],
    ["plan", "--help"],
    ["standards", "show", BAS],
    ["standards", "list"],
    ["validate"],
    ["courses", "list"],
    ["review", "examples/programme-BAS1499-001v4.yaml", "--format", "html"],
    ["review", "examples/programme-BAS1499-001v4.yaml", "--format", "json", "--lang", "en"],
    ["standards", "diff", BAS, BAS],
]


@pytest.fixture(scope="module")
def loaded_without_solving(tmp_path_factory) -> list[set[str]]:
    return modules_after_commands(NO_SOLVE, tmp_path_factory.mktemp("modules"))


@pytest.mark.parametrize("args", NO_SOLVE)
def test_commands_that_do_not_solve_never_import_ortools(args, loaded_without_solving):
    assert "ortools" not in top_level(loaded_without_solving[NO_SOLVE.index(args)])


def test_tiny_fixture_via_cli():
    result = run(
        "plan",
        "TINY-001v2",
        "--standards",
        str(DATA / "tiny" / "standard.yaml"),
        "--catalogue",
        str(DATA / "tiny" / "courses.yaml"),
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    assert [c["code"] for c in data["courses"]] == ["A1", "B1", "C1"]
    assert data["unlevelled_courses"] == ["C1"]


def test_output_to_a_device_writes_through_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("plan", BAS, "T1.2", *DATA_ARGS, "--format", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert fifo.exists() and not fifo.is_file()  # still a pipe, not replaced by a file
    assert json.loads(received[0])["standard"] == BAS


def test_plan_says_when_no_catalogue_covers_the_standard(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("courses: []\n", encoding="utf-8")
    args = ("--standards", str(STANDARDS), "--catalogue", str(empty), "--lang", "en")
    result = run("plan", BAS, "T1.1", *args)
    assert result.exit_code == 0
    assert "No loaded course claims any item of BAS1499-001v4" in result.stdout
    assert "No course: no loaded course covers a required item." in result.stdout
    assert "No course needed." not in result.stdout
    assert "Total: 0 courses, 0 hours" in result.stdout
    assert "No loaded course claims" not in run("plan", BAS, *DATA_ARGS, "--lang", "en").stdout


def test_budgets_do_not_combine_with_batch(tmp_path):
    learners = tmp_path / "learners.csv"
    learners.write_text("id,standard,targets,held\na,BAS1499-001v4,T1.2,\n", encoding="utf-8")
    result = run("plan", "--batch", str(learners), "--max-hours", "10", *DATA_ARGS)
    assert result.exit_code == 2
    assert "do not combine with --batch" in result.stderr


def test_resource_and_deprecation_warnings_of_libraries_are_not_shown(capsys):
    """A library's unclosed temporary file (seen from Dask in a cluster run) or its
    deprecation is for its developers: no ``Warning:`` line for the user."""
    import warnings

    from curriculum.cli.localized import show_warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("Unclosed file <tempfile>", ResourceWarning, stacklevel=1)
        warnings.warn("old API", DeprecationWarning, stacklevel=1)
        warnings.warn("shown", UserWarning, stacklevel=1)
    show_warnings(caught)
    assert capsys.readouterr().err == "Warning: shown\n"


def test_a_command_imports_only_its_own_module(tmp_path):
    """``curriculum validate`` loads the validate command, not plan's or team's (each
    command's module is imported when it is asked for); ``--help`` lists them all."""
    (modules,) = modules_after_commands([["validate"]], tmp_path)
    loaded = {m for m in modules if m.startswith("curriculum.cli.")}
    assert "curriculum.cli.validate" in loaded
    assert not loaded & {"curriculum.cli.plan", "curriculum.cli.team", "curriculum.cli.review"}
    listed = run("--help").stdout
    for name in ("batch", "courses", "frontier", "plan", "review", "schedule", "serve", "team"):
        assert f"  {name} " in listed, name


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_help_lists_every_command_without_importing_one(lang):
    """``curriculum --help`` writes its list from the summaries, importing no command's
    module; the list is the one click writes with every command loaded."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from curriculum.cli import main\n"
        f"first = CliRunner().invoke(main, ['--lang', {lang!r}, '--help']).output\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('curriculum.cli.'))\n"
        "import click\n"
        "ctx = click.Context(main)\n"
        "every = [main.get_command(ctx, n) for n in main.list_commands(ctx)]\n"
        f"again = CliRunner().invoke(main, ['--lang', {lang!r}, '--help']).output\n"
        "print(repr((first, loaded, again, [c.short_help for c in every])))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
    ).stdout
    first, loaded, again, summaries = ast.literal_eval(out.strip())
    commands = {m.rsplit(".", 1)[1] for m in loaded}
    assert not commands & {"plan", "plan_batch", "team", "review", "validate", "courses"}
    assert first == again and "  validate " in first
    assert summaries == [SUMMARIES[n] for n in sorted(SUMMARIES)]


def test_commands_run_no_pydantic_plugin_unless_the_user_says(monkeypatch):
    """Looking for pydantic plugins reads every installed distribution's metadata at
    each start; a command skips it, and a user's own setting is kept."""
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert CliRunner().invoke(main, ["standards", "list"]).exit_code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "logfire")
    assert CliRunner().invoke(main, ["standards", "list"]).exit_code == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "logfire"
