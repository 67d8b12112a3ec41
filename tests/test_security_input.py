"""Hostile and broken input files (issue 11, points 1, 2, 6 and 8)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, STANDARDS

from curriculum.cli import main

NICE = ROOT / "examples" / "nice-sp-rsk-001.csv"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def with_code(tmp_path: Path, code: str) -> Path:
    """The NICE example table with its standard code replaced."""
    text = NICE.read_text(encoding="utf-8").replace("NICE-SP-RSK-001,", f"{code},")
    path = tmp_path / "in" / "table.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- point 1: path traversal


@pytest.mark.parametrize("code", ["../../x", "/tmp/x", "..", "a/b", ".hidden", "a\\b"])
def test_import_code_cannot_leave_the_folder(tmp_path, code):
    source = with_code(tmp_path, code)
    out = tmp_path / "out"
    result = run("standards", "import", str(source), "-d", str(out))
    assert result.exit_code == 1, result.output
    assert "cannot be a file name" in result.stderr
    assert "Traceback" not in result.output
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != source]
    assert written == []


def test_import_does_not_follow_a_symlink_out(tmp_path):
    source = with_code(tmp_path, "SAFE-1")
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.yaml"
    victim.write_text("keep\n", encoding="utf-8")
    (out / "SAFE-1.yaml").symlink_to(victim)
    result = run("standards", "import", str(source), "-d", str(out))
    assert result.exit_code == 1
    assert "leads outside" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep\n"


def test_import_into_a_folder_warns_before_replacing(tmp_path):
    source = with_code(tmp_path, "SAFE-1")
    out = tmp_path / "out"
    assert run("standards", "import", str(source), "-d", str(out)).exit_code == 0
    again = run("standards", "import", str(source), "-d", str(out))
    assert again.exit_code == 0
    assert f"Warning: replacing {out / 'SAFE-1.yaml'}" in again.stderr


# ---- point 2: YAML alias expansion


def alias_bomb(levels: int) -> str:
    """A small catalogue whose aliases expand to 9 ** (levels + 1) strings."""
    anchors = ["  - &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, levels + 1):
        anchors.append(f"  - &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    return (
        "meta:\n  anchors:\n"
        + "\n".join("  " + a for a in anchors)
        + f"\ncourses:\n  - {{code: C1, title: t, hours: 1, meta: {{x: *a{levels}}}}}\n"
    )


@pytest.mark.parametrize("levels", [8, 9, 12])
def test_alias_bomb_is_refused_fast(tmp_path, levels):
    catalogue = tmp_path / "bomb.yaml"
    catalogue.write_text(alias_bomb(levels), encoding="utf-8")
    assert catalogue.stat().st_size < 1000
    start = time.process_time()  # CPU time: the machine's load does not change it
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(catalogue), "--lang", "en"
    )
    assert time.process_time() - start < 5
    assert result.exit_code == 1, result.output
    assert f"{catalogue}:" in result.stderr
    assert "aliases expand past 1,000,000 nodes" in result.stderr


def test_shared_aliases_within_budget_still_load(tmp_path):
    from curriculum.io.fastyaml import load_yaml

    data = load_yaml("a: &x [1, 2]\nb: *x\n")
    assert data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("&a [*a]\n", "an alias refers to a node that contains it"),
        ("[" * 100_000 + "]" * 100_000, "nest"),
        ("- " * 50_000 + "x\n", "nest"),
    ],
    ids=["self", "flow", "block"],
)
def test_self_reference_and_deep_nesting_are_clean_errors(tmp_path, text, problem):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.process_time()  # CPU time: the machine's load does not change it
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(path), "--lang", "en"
    )
    assert time.process_time() - start < 5  # libyaml is quadratic in depth: stop early
    assert result.exit_code == 1
    # our limit ("nested more than 200 levels deep") or, first, PyYAML's own since 6.0.4
    # ("exceeded maximum nesting depth"): either way one clean line naming the file
    assert problem in result.stderr and f"{path}:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_deep_icap_json_is_a_clean_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"ocs_profile": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = run("standards", "import", str(path))
    assert result.exit_code == 1
    assert "nested too deep" in result.stderr


# ---- point 6: numbers and text that do not fit


def test_duplicate_yaml_key_is_an_error(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("courses:\n  - code: C1\n    title: a\n    hours: 1\n    hours: 100\n")
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(path), "--lang", "en"
    )
    assert result.exit_code == 1
    assert f"{path}:5: invalid YAML: key 'hours' given twice in one mapping" in result.stderr
    zh = run("validate", "--standards", str(STANDARDS), "--catalogue", str(path))
    assert f"{path}:5：YAML 格式錯誤：欄位 'hours' 在同一層出現兩次" in zh.stderr


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("&a [*a]\n", "別名（alias）指向包含它自身的節點"),
        ("[" * 300 + "]" * 300, "巢狀超過 200 層"),
        (
            "courses:\n  - {code: C1, title: a, hours: 1, hours: 2}\n",
            "欄位 'hours' 在同一層出現兩次",
        ),
    ],
    ids=["self", "deep", "twice"],
)
def test_yaml_refusals_speak_the_language_of_the_run(tmp_path, text, problem):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", "--standards", str(STANDARDS), "--catalogue", str(path))
    assert result.exit_code == 1
    assert f"YAML 格式錯誤：{problem}" in result.stderr


def test_code_with_leading_zeros_stays_text(tmp_path):
    from curriculum.io.loaders import load_catalogue

    path = tmp_path / "c.yaml"
    path.write_text("courses:\n  - {code: 0012, title: no, hours: 1}\n", encoding="utf-8")
    course = load_catalogue(path).courses[0]
    assert course.code == "0012" and course.title == "no"


def validate_catalogue(tmp_path: Path, text: str, *extra: str):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["validate", "--standards", str(STANDARDS), "--catalogue", str(path), "--lang", "en"]
    return path, run(*extra, *args)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("1e308", "less than or equal to 100000"),
        ("true", "a number is expected, not true/false"),
        (".nan", "finite number"),
    ],
)
def test_hours_that_do_not_fit(tmp_path, hours, message):
    path, result = validate_catalogue(
        tmp_path, f"courses:\n  - {{code: C1, title: t, hours: {hours}}}\n"
    )
    assert result.exit_code == 1, result.output
    assert f"{path}:2: course C1: hours" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output


def test_cost_limit(tmp_path):
    _path, result = validate_catalogue(
        tmp_path, "courses:\n  - {code: C1, title: t, hours: 1, cost: 1e16}\n"
    )
    assert result.exit_code == 1
    assert "course C1: cost should be less than or equal to 10000000000" in result.stderr


def test_budget_options_are_bounded():
    for option, value in (("--max-cost", "1e16"), ("--max-hours", "1e300"), ("--max-hours", "nan")):
        result = run("plan", "BAS1499-001v4", option, value)
        assert result.exit_code == 2, (option, value)


def test_huge_csv_field_is_a_data_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('code,title,hours\nC1,"' + "x" * 200_000 + '",1\n', encoding="utf-8")
    result = run("validate", "--standards", str(STANDARDS), "--catalogue", str(path))
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "field larger than field limit" in result.stderr
    imported = run("standards", "import", str(path))
    assert imported.exit_code == 1 and "Traceback" not in imported.output


def test_duplicate_csv_column_is_an_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("code,title,hours,hours\nC1,t,1,100\n", encoding="utf-8")
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(path), "--lang", "en"
    )
    assert result.exit_code == 1
    assert f"{path}:1: column 'hours' given twice" in result.stderr


def test_latin1_is_not_read_as_cp950(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("code,title,hours\nC1,Sécurité réseau élémentaire,1\n".encode("latin-1"))
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(path), "--lang", "en"
    )
    assert result.exit_code == 1
    assert f"{path}: not UTF-8" in result.stderr and "--encoding" in result.stderr
    mojibake = tmp_path / "m.csv"  # these bytes do decode as CP950, into rare characters
    mojibake.write_bytes("code,title,hours\nC1,élève,1\n".encode("latin-1"))
    result = run(
        "validate", "--standards", str(STANDARDS), "--catalogue", str(mojibake), "--lang", "en"
    )
    assert result.exit_code == 1 and "Latin-1 or CP1252?" in result.stderr
    ok = run(
        "--encoding", "latin-1", "courses", "list", "--catalogue", str(path), "--format", "json"
    )
    assert ok.exit_code == 0, ok.output
    assert "Sécurité réseau élémentaire" in ok.stdout
    bad = run("--encoding", "no-such", "validate")
    assert bad.exit_code == 2


def test_big5_still_reads(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes("code,title,hours\nC1,客戶服務基礎課程,1\n".encode("cp950"))
    result = run("courses", "list", "--catalogue", str(path), "--format", "json")
    assert result.exit_code == 0 and "客戶服務基礎課程" in result.stdout


@pytest.mark.parametrize("code", ["A\u200bB", "X\x1b[2J", "K\u202e01"])
def test_invisible_characters_in_codes_are_refused(tmp_path, code):
    text = "courses:\n  - {code: " + json_str(code) + ", title: t, hours: 1}\n"
    _path, result = validate_catalogue(tmp_path, text)
    assert result.exit_code == 1
    assert "contains U+" in result.stderr and "\x1b" not in result.stderr


def json_str(text: str) -> str:
    import json

    return json.dumps(text)


def test_confusable_code_is_warned(tmp_path):
    text = "courses:\n  - {code: CM-4\u041e4, title: t, hours: 1}\n"
    _path, result = validate_catalogue(tmp_path, text)
    assert "Warning: code CM-4О4 mixes scripts: 'О' (U+041E CYRILLIC CAPITAL LETTER O)" in (
        result.stderr
    )


# ---- point 8: personal data


def test_team_file_without_header_never_echoes_a_name(tmp_path):
    team = tmp_path / "team.csv"
    team.write_text("m1,林示範,業務部,BAS1499-001v4,T1.2,\n", encoding="utf-8")
    result = run("team", str(team), "--standards", str(STANDARDS), "--lang", "en")
    assert result.exit_code == 1
    assert "林示範" not in result.output and "業務部" not in result.output
    assert f"{team}:1: the first row is not a header" in result.stderr


def test_learners_without_header_never_echo_cells(tmp_path):
    learners = tmp_path / "l.csv"
    learners.write_text("王小明,BAS1499-001v4,T1.2,\n", encoding="utf-8")
    result = run("plan", "--batch", str(learners), "--standards", str(STANDARDS))
    assert result.exit_code == 1 and "王小明" not in result.output


def test_unrecognised_spreadsheet_never_echoes_its_first_row(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["陳大文", "secret"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    result = run("standards", "import", str(path))
    assert result.exit_code == 1
    assert "陳大文" not in result.output and "secret" not in result.output


def test_member_errors_name_ids_not_names(tmp_path):
    team = tmp_path / "team.csv"
    team.write_text("id,name,standard,targets\nm1,林示範,BAS1499-001v4,NOPE\n", encoding="utf-8")
    result = run("team", str(team), "--standards", str(STANDARDS))
    assert result.exit_code != 0 and "林示範" not in result.output
