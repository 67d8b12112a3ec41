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
    start = time.monotonic()
    result = run("validate", "--standards", str(STANDARDS), "--catalogue", str(catalogue))
    assert time.monotonic() - start < 5
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
        ("[" * 100_000 + "]" * 100_000, "nested more than 200 levels deep"),
        ("- " * 50_000 + "x\n", "nested more than 200 levels deep"),
    ],
    ids=["self", "flow", "block"],
)
def test_self_reference_and_deep_nesting_are_clean_errors(tmp_path, text, problem):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", "--standards", str(STANDARDS), "--catalogue", str(path))
    assert result.exit_code == 1
    assert problem in result.stderr and f"{path}:" in result.stderr


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
    result = run("validate", "--standards", str(STANDARDS), "--catalogue", str(path))
    assert result.exit_code == 1
    assert f"{path}:5: invalid YAML: key 'hours' given twice" in result.stderr


def test_code_with_leading_zeros_stays_text(tmp_path):
    from curriculum.io.loaders import load_catalogue

    path = tmp_path / "c.yaml"
    path.write_text("courses:\n  - {code: 0012, title: no, hours: 1}\n", encoding="utf-8")
    course = load_catalogue(path).courses[0]
    assert course.code == "0012" and course.title == "no"
