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


def run(*args: str, prog_name: str | None = None):
    return CliRunner().invoke(main, list(args), prog_name=prog_name)


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


def test_duplicate_codes_of_a_catalogue_model_are_listed_in_each_language():
    from pydantic import ValidationError

    from curriculum.model.standard import Catalogue

    course = {"title": "t", "hours": 1}
    codes = ("A1", "a1", "B1", "B1")
    with pytest.raises(ValidationError) as info:
        Catalogue.model_validate({"courses": [{"code": c, **course} for c in codes]})
    problem = info.value.errors()[0]["ctx"]["error"]
    assert problem.localized("zh-TW") == "課程代碼重複：A1、B1、a1"
    assert problem.localized("en") == str(problem) == "duplicate course code A1, B1, a1"


def test_missing_report_options_are_listed_in_each_language():
    from curriculum.errors import DataFileError
    from curriculum.reviewing.verify import _options

    with pytest.raises(DataFileError) as info:
        _options({"options": {"attitudes": False, "indicators": False, "strict": False}}, "r.json")
    missing = "max_items_per_hour、min_courses、min_hours"
    assert info.value.localized("zh-TW") == f"r.json：「options」缺少 {missing}"
    assert str(info.value) == "r.json: options: max_items_per_hour, min_courses, min_hours missing"


def test_currencies_of_a_table_catalogue_are_listed_in_the_run_language(tmp_path):
    path = write(tmp_path / "cur.csv", "code,title,hours,currency\nA,t,1,TWD\nB,t,1,USD\n")
    assert f"{path}：一份課程目錄只能有一種幣別，但出現了 TWD、USD\n" in validate(path)
    en = validate(path, "--lang", "en")
    assert f"{path}: one catalogue has one currency, found TWD, USD\n" in en


def test_files_a_standards_folder_ignores_are_listed_in_the_run_language(tmp_path):
    folder = tmp_path / "standards"
    folder.mkdir()
    (folder / "BAS1499-001v4.yaml").write_bytes((STANDARDS / "BAS1499-001v4.yaml").read_bytes())
    (folder / "a.csv").write_text("x\n", encoding="utf-8")
    (folder / "b.txt").write_text("y\n", encoding="utf-8")
    zh = run("standards", "list", "--standards", str(folder))
    assert zh.exit_code == 0, zh.output
    assert f"{folder}：略過 a.csv、b.txt：副檔名不是 .yaml、.yml、.json；" in zh.stderr
    en = run("standards", "list", "--standards", str(folder), "--lang", "en")
    assert f"{folder}: ignoring a.csv, b.txt: not standard files (.yaml, .yml, .json);" in en.stderr


def test_the_sheets_of_a_workbook_are_listed_in_each_language(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from curriculum.errors import DataFileError
    from curriculum.io.source import xlsx_rows

    book = openpyxl.Workbook()
    book.active.title = "課程"
    book.create_sheet("說明")
    path = tmp_path / "book.xlsx"
    book.save(path)
    with pytest.raises(DataFileError) as info:
        list(xlsx_rows(path, "Courses"))
    assert info.value.localized("zh-TW") == (
        f"{path}：沒有工作表 'Courses'（現有工作表：課程、說明）"
    )
    assert str(info.value) == f"{path}: no sheet 'Courses' (sheets: 課程, 說明)"


def test_an_entry_of_a_list_is_this_entry_in_each_language(tmp_path):
    """A problem whose location names no field (a list's entry) speaks of the entry in
    the run's language, never pydantic's English ``value``."""
    path = write(
        tmp_path / "c1.yaml",
        "courses:\n  - 1\n  - {code: A1, title: t, hours: 1, offered: [[2]]}\n",
    )
    zh = validate(path)
    assert f"{path}:2：courses[0]：此筆資料應為「代碼：值」的對照（填入的是 1）\n" in zh
    assert f"{path}:3：課程 A1：offered[0]：此筆資料應為文字\n" in zh
    assert "value" not in zh.replace(str(path), "")
    en = validate(path, "--lang", "en")
    assert f"{path}:2: courses[0]: this entry should be a valid dictionary" in en
    assert f"{path}:3: course A1: offered[0]: this entry should be a valid string\n" in en
    assert "value" not in en.replace(str(path), "")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("courses:\n  - code: X1\n    title: t: u\n", 3, "此處不可再有鍵與值（值裡含有「:」時"),
        ("courses:\n  - {code: X1, title: t\n", 3, "對應表缺少「,」或「}」"),
        ("courses:\n\t- code: X1\n", 2, "有不能作為值開頭的字元（例如縮排用了定位字元 Tab"),
        ("courses: !!python/object:os.system x\n", 1, "不接受的標記"),
        ("courses: &a 1\nx: &a 2\nother: 1\n", 2, "此處的 YAML 語法無法解析"),  # no words of ours
    ],
)
def test_a_yaml_parse_error_speaks_the_run_language(tmp_path, text, line, words):
    """PyYAML's problem is worded by the catalogue in zh-TW (a generic sentence for one
    the catalogue does not know, never English), and kept as PyYAML wrote it in English."""
    path = write(tmp_path / "bad.yaml", text)
    zh = validate(path)
    assert zh.startswith(f"錯誤：{path}:{line}：YAML 格式錯誤：{words}"), zh
    words_of_ours = zh.replace(str(path), "").replace("YAML", "").replace("Tab", "")
    assert not any("a" <= c <= "z" for c in words_of_ours), zh
    en = validate(path, "--lang", "en")
    assert en.startswith(f"Error: {path}:{line}: invalid YAML: "), en
    assert "「" not in en


def test_a_catalogues_problems_are_in_row_order_and_name_its_columns_in_zh(tmp_path):
    """A workbook-like catalogue's problems come in line order in either language, and
    in zh-TW a course's field is named by the template's heading (時數), not its key."""
    path = write(
        tmp_path / "c.csv",
        "課程代碼,課程名稱,時數,費用,級別,項目\n"
        "C1,一,10,1000,4,BAS1499-001v4:K01\n"
        "C2,二,-5,1000,4,BAS1499-001v4:K03\n"
        "C3,三,8,1000,4,BAS1499-001v4:K99\n"
        "C4,四,8,abc,4,BAS1499-001v4:K04\n"
        "C1,一,12,1000,4,BAS1499-001v4:K05\n",
    )
    for lang, hours in (("zh-TW", "時數應大於或等於 0"), ("en", "hours should be greater")):
        lines = validate(path, "--lang", lang).splitlines()
        numbers = [int(line.split(str(path) + ":")[1].split(":")[0][:1]) for line in lines]
        assert numbers == [3, 4, 5, 6], lines
        assert hours in lines[0], lines
    zh = validate(path)
    assert "課程 C4：費用應為數字" in zh and "課程 C1：時數 '12' 與此課程前面一列" in zh, zh
    assert "hours" not in zh and "cost" not in zh, zh


def test_usage_line_and_suggestions_use_zh_punctuation():
    """Click's usage line in zh-TW: ``用法：curriculum plan [選項]`` (the full-width colon,
    no space after it); a suggestion follows its sentence with no space."""
    zh = run("--lang", "zh-TW", "plan", "--bogus", prog_name="curriculum")
    assert zh.exit_code == 2
    assert zh.stderr.startswith("用法：curriculum plan [選項] "), zh.stderr
    assert "錯誤：沒有 '--bogus' 這個選項。（是否應為" in zh.stderr, zh.stderr
    group = run("--lang", "zh-TW", "bogus", prog_name="curriculum")
    assert group.stderr.startswith("用法：curriculum [選項] 指令 [參數]..."), group.stderr
    en = run("--lang", "en", "plan", "--bogus", prog_name="curriculum")
    assert en.stderr.startswith("Usage: curriculum plan [OPTIONS] "), en.stderr
    assert "Error: No such option '--bogus'. Did you mean" in en.stderr, en.stderr


def test_a_process_that_runs_many_commands_wraps_click_once():
    """Every command installs click's words; a process that runs thousands (a test
    run, a notebook, a server) must not wrap the wrappers: it ended in a
    RecursionError after about a thousand commands."""
    import click

    from curriculum.cli import click_words

    click_words.install()
    usage = click.formatting.HelpFormatter.write_usage
    suggestion = click.exceptions.NoSuchOption.format_message
    for _ in range(1_200):
        click_words.install()
    assert click.formatting.HelpFormatter.write_usage is usage
    assert click.exceptions.NoSuchOption.format_message is suggestion
    zh = run("--lang", "zh-TW", "plan", "--bogus", prog_name="curriculum")
    assert zh.exit_code == 2 and zh.stderr.startswith("用法：curriculum plan [選項] "), zh.stderr


def test_a_team_files_member_is_placed_in_the_run_language(tmp_path, monkeypatch):
    """A YAML team file's member is placed with the language's colon (``team.yaml：
    members[0]：`` in zh-TW), not English punctuation inside a zh-TW line."""
    monkeypatch.chdir(tmp_path)
    team = write(
        tmp_path / "team.yaml",
        "members:\n  - {id: E1, name: A, standard: BAS1499-001v4, targets: [[1]]}\n",
    )
    zh = run("team", str(team), *STD)
    assert zh.exit_code == 1 and f"錯誤：{team}：members[0]：成員 E1：" in zh.stderr, zh.stderr
    assert "：targets[0] 應為文字" in zh.stderr, zh.stderr  # a list's entry by its index
    en = run("team", str(team), *STD, "--lang", "en")
    assert en.exit_code == 1 and f"Error: {team}: members[0]: member E1: " in en.stderr, en.stderr
    assert ": targets[0] should be a valid string" in en.stderr, en.stderr
    write(team, "members:\n  - {id: E1, standard: BAS1499-001v4, targets: [T1], held: {a: 1}}\n")
    en = run("team", str(team), *STD, "--lang", "en")
    assert "member E1: held should be a list" in en.stderr, en.stderr  # never pydantic's tuple


def test_speaking_sets_the_language_of_one_block_of_one_thread():
    """A server's request speaks its own language; another thread, and the code after
    the block, speak the process's."""
    import threading

    from curriculum.i18n import run_lang, speaking

    before = run_lang()
    other = "en" if before == "zh-TW" else "zh-TW"
    seen = []
    with speaking(other):
        assert run_lang() == other
        thread = threading.Thread(target=lambda: seen.append(run_lang()))
        thread.start()
        thread.join()
    assert seen == [before] and run_lang() == before
