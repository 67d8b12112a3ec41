"""Reviewer fixes of issue 22: verify from anywhere, removed items under a newer version,
the review's prices, migrated catalogues as real tables, and UNUSED."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COURSES, DATA, ROOT, STANDARDS

from curriculum.cli import main
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue
from curriculum.reviewing.programme import ProgrammeCourse, entry_code, load_programme
from curriculum.reviewing.programme_refs import resolve_programme
from curriculum.reviewing.review import review_programme

VERSIONS = DATA / "versions"
SESSIONS = ROOT / "examples" / "sessions-catalogue.yaml"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _review(library, path: Path, **kwargs):
    return review_programme(
        library, resolve_programme(load_programme(path), library, path), **kwargs
    )


# ------------------------------------------------------------------ 5. verify from anywhere


def test_verify_a_copied_review_folder_from_another_folder(tmp_path, monkeypatch):
    folder = tmp_path / "review"
    (folder / "courses").mkdir(parents=True)
    (folder / "standards").mkdir()
    shutil.copy(ROOT / "examples" / "programme-BAS1499-001v4.yaml", folder / "prog.yaml")
    shutil.copy(COURSES / "example-provider.yaml", folder / "courses")
    shutil.copy(STANDARDS / "BAS1499-001v4.yaml", folder / "standards")
    monkeypatch.chdir(folder)
    run("review", "prog.yaml", "--format", "json", "-o", "report.json")
    assert run("review", "verify", "report.json").exit_code == 0
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for report in ("../copy/report.json", str(copy / "report.json")):
        result = run("review", "verify", report)
        assert result.exit_code == 0, result.output
        assert "與其輸入檔相符" in result.stdout  # a zh-TW report
    # an input of the copy that changes is still caught
    with (copy / "prog.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# changed\n")
    changed = run("review", "verify", "../copy/report.json")
    assert changed.exit_code == 3 and "輸入檔已變更：prog.yaml" in changed.stdout


# ------------------------------------------------- 6. removed items under a newer version


@pytest.fixture(scope="module")
def versions():
    return load_library([VERSIONS / "standards"], [VERSIONS / "courses.yaml"])


def test_a_removed_item_outside_the_target_is_outside_not_unknown(versions, tmp_path):
    programme = tmp_path / "programme.yaml"
    programme.write_text(
        "name: P\nstandard: TOY-001v3\ntargets: [T1.1]\ncourses:\n"
        "  - {code: W1, title: W1, hours: 9, level: 3,\n"
        "     covers: {TOY-001v3: [K01, K02, S01, S03]}}\n",
        encoding="utf-8",
    )
    old = _review(versions, programme, lang="en")
    assert [(f.code, f.severity) for f in old.findings] == [("OUTSIDE", "info")]
    # v4 removes S03: the claim is outside still, not an unknown item (an error)
    new = _review(versions, programme, against="TOY-001v4", lang="en")
    assert "UNKNOWN" not in {f.code for f in new.findings}
    assert {f.code for f in new.findings if f.severity == "error"} == {"GAP"}  # K05, new in v4
    (outside,) = [f for f in new.findings if f.code == "OUTSIDE"]
    assert outside.severity == "info"
    assert outside.message == "course W1 also claims S03, which TOY-001v4 removed: not counted"


def test_an_item_no_version_defines_is_still_unknown(versions, tmp_path):
    programme = tmp_path / "programme.yaml"
    programme.write_text(
        "name: P\nstandard: TOY-001v3\ntargets: [T1.2]\ncourses:\n"
        "  - {code: W1, title: W1, hours: 6, level: 3, covers: {TOY-001v3: [K03, S02, K77]}}\n",
        encoding="utf-8",
    )
    new = _review(versions, programme, against="TOY-001v4")
    assert [f.item for f in new.findings if f.code == "UNKNOWN"] == ["K77"]


# ------------------------------------------------------------ 7. the review's prices


def test_review_prices_courses_as_plan_does(tmp_path):
    library = load_library([STANDARDS], [SESSIONS])
    review = _review(library, ROOT / "examples" / "programme-BAS1499-001v4.yaml")
    prices = {c.code: c.cost for c in review.courses}
    assert prices["CS-102"] == library.courses["CS-102"].price == 31_800
    assert review.totals.cost == sum(p for p in prices.values() if p is not None)
    plan = json.loads(
        run("plan", "BAS1499-001v4", "T1.2", "--catalogue", SESSIONS, "--format", "json").stdout
    )
    planned = {c["code"]: c["cost"] for c in plan["courses"]}
    assert prices["CS-102"] == planned["CS-102"]


def test_review_compare_uses_the_same_prices():
    programme = ROOT / "examples" / "programme-BAS1499-001v4.yaml"
    result = run(
        "review", programme, programme, "--compare", "--standards", STANDARDS,
        "--catalogue", SESSIONS, "--format", "json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    library = load_library([STANDARDS], [SESSIONS])
    entries = load_programme(programme).courses
    total = sum(
        (e if isinstance(e, ProgrammeCourse) else library.courses[entry_code(e)]).price
        for e in entries
    )
    assert {p["cost"] for p in data["programmes"]} == {total}


# ------------------------------------------------- 8. migrate writes what its suffix says


MIGRATE = [
    "courses", "migrate", VERSIONS / "courses.yaml", "--to", "TOY-001v4",
    "--standards", VERSIONS / "standards", "--catalogue", VERSIONS / "courses.yaml",
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".yaml"])
def test_migrate_writes_the_format_its_suffix_names(tmp_path, suffix):
    out = tmp_path / f"x-v5{suffix}"
    result = run(*MIGRATE, "-o", out)
    assert result.exit_code == 0, result.output
    if suffix == ".xlsx":
        assert out.read_bytes()[:2] == b"PK"
    migrated = load_catalogue(out)
    assert migrated.courses[0].covers == {"TOY-001v4": ("K01", "K02", "S01")}


def test_migrate_refuses_a_suffix_it_cannot_write(tmp_path):
    result = run(*MIGRATE, "-o", tmp_path / "x.txt")
    assert result.exit_code == 2 and ".xlsx" in result.stderr
    assert not (tmp_path / "x.txt").exists()


def test_every_shipped_catalogue_round_trips_as_a_table():
    from curriculum.io.catalogue_table import catalogue_file

    for path in (
        COURSES / "example-provider.yaml",
        SESSIONS,
        ROOT / "examples" / "degree-plan.yaml",
    ):
        catalogue = load_catalogue(path)
        for suffix in (".csv", ".xlsx"):
            assert catalogue_file(catalogue, Path(f"x{suffix}"))  # read back identical


# ------------------------------------------------------------------------ 9. UNUSED


def test_unused_spares_prerequisites_and_says_level_only_when_there_is_one(library, tmp_path):
    programme = tmp_path / "programme.yaml"
    programme.write_text(
        "name: P\nstandard: BAS1499-001v4\ntargets: [T1.2]\n"
        "courses: [CS-105, CS-106, DX-701, GN-801]\n",
        encoding="utf-8",
    )
    review = _review(library, programme, lang="en")
    unused = {f.course: f.message for f in review.findings if f.code == "UNUSED"}
    assert "CS-105" not in unused  # CS-106 needs it first
    assert unused["DX-701"] == "course DX-701 covers no required item"  # no level
    assert unused["GN-801"] == "course GN-801 covers no required item at its level"
