"""Lists and places inside keyed messages speak the message's language: ``K01、K02``
and ``第 2 行`` in zh-TW, ``K01, K02`` and ``line 2`` in English; a problem names its
course once (its location does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import STANDARDS

from curriculum.cli import main

STD = ["--standards", str(STANDARDS)]  # zh-TW standards: the run speaks zh-TW without --lang


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def validate(path: Path, *lang: str) -> str:
    result = run("validate", *STD, "--catalogue", str(path), *lang)
    assert result.exit_code == 1, result.output
    return result.stderr


def test_a_course_claiming_items_twice_is_named_once(tmp_path):
    path = write(
        tmp_path / "claims.yaml",
        "courses:\n"
        "  - {code: A1, title: t, hours: 1, covers: {BAS1499-001v4: [K01, K02, K01, K02]}}\n"
        "  - {code: B1, title: t, hours: 1, prerequisites: [B1]}\n"
        "  - {code: C1, title: t, hours: 1, capacity: 2, min_participants: 3}\n"
        "  - {code: D1, title: t, hours: 1, offered: []}\n",
    )
    zh = validate(path)
    assert f"{path}:2：課程 A1：重複宣稱 BAS1499-001v4 的 K01、K02\n" in zh
    assert f"{path}:3：課程 B1：把自己列為先修課程\n" in zh
    assert f"{path}:4：課程 C1：最少開班人數 3 超過班級容量 2\n" in zh
    assert f"{path}:5：課程 D1：沒有開課期別（「offered」是空的）\n" in zh
    en = validate(path, "--lang", "en")
    assert f"{path}:2: course A1: claims K01, K02 of BAS1499-001v4 more than once\n" in en
    assert f"{path}:3: course B1: names itself as a prerequisite\n" in en
    assert f"{path}:4: course C1: min_participants 3 exceeds capacity 2\n" in en
    assert f"{path}:5: course D1: offered in no period (offered is empty)\n" in en


def test_a_course_code_defined_twice_names_its_lines_in_the_run_language(tmp_path):
    path = write(
        tmp_path / "dupc.yaml",
        "courses:\n  - {code: A1, title: t, hours: 1}\n  - {code: A1, title: u, hours: 1}\n",
    )
    assert f"{path}:3：課程代碼 A1 重複：定義於第 2 行、第 3 行\n" in validate(path)
    en = validate(path, "--lang", "en")
    assert f"{path}:3: duplicate course code A1: defined at line 2, line 3\n" in en


def test_a_course_code_defined_twice_in_a_workbook_names_its_rows(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["code", "title", "hours"], ["A1", "t", 1], ["B1", "t", 1], ["a1", "u", 2]):
        book.active.append(row)
    path = tmp_path / "dup.xlsx"
    book.save(path)
    assert f"{path}：第 4 列：課程代碼 A1 / a1 重複：定義於第 2 列、第 4 列\n" in validate(path)
    en = validate(path, "--lang", "en")
    assert f"{path}: row 4: duplicate course code A1 / a1: defined at row 2, row 4\n" in en
