"""Large standards (issue 22 point 13): ``standards import -o`` into a new folder, and
the long catalogue layout (one row per course and item) with its template."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue

BAS = "BAS1499-001v4"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_creates_the_output_folder(tmp_path: Path) -> None:
    source = tmp_path / "std.csv"
    source.write_text(
        "standard,duty,task,task_name,item,kind,item_name\nX-1,D1,T1,Task,K1,K,Know\n",
        encoding="utf-8",
    )
    target = tmp_path / "project" / "standards" / "X-1.yaml"
    code, _, err = run("standards", "import", str(source), "-o", str(target))
    assert code == 0, err
    assert target.is_file()
    assert err.splitlines()[0] == f"Created folder {target.parent}"


def fill(template: Path, rows: dict[str, str]) -> Path:
    """The long CSV template with course cells filled in: item -> cells before it."""
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        item = line.split(",")[5]
        if item in rows:
            out.append(rows[item] + line[5:])
        else:
            out.append(line)
    path = template.with_name("filled.csv")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def test_long_template_filled_in_loads(tmp_path: Path) -> None:
    template = tmp_path / "long.csv"
    code, _, err = run("courses", "template", str(template), "--standard", BAS, "--layout", "long")
    assert code == 0, err
    header = template.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "課程代碼,課程名稱,時數,費用,級別,項目,項目名稱"
    filled = fill(
        template,
        {
            f"{BAS}:K01": "CS 101,客服入門,6,4500,4,",
            f"{BAS}:K02": "CS 101,,,,,",
            f"{BAS}:S01": "DA 302,資料分析,6,,4,",
        },
    )
    library = load_library([STANDARDS], [filled])
    assert library.course("CS 101").covers == {BAS: ("K01", "K02")}
    assert library.course("CS 101").hours == 6
    assert library.course("DA 302").covers == {BAS: ("S01",)}
    assert len(library.courses) == 2


def test_long_rows_of_one_course_must_agree(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(f"code,title,hours,item\nA,a,6,{BAS}:K01\nA,a,9,{BAS}:K02\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_catalogue(path)
    assert str(caught.value) == (
        f"{path}:3: column C (hours): course A: hours '9' differs from '6' on an earlier "
        f"row of the course ({path}:2: column C (hours))"
    )


def test_without_an_item_column_a_repeated_code_is_still_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("code,title,hours\nA,a,6\nA,a,6\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="duplicate course code A"):
        load_catalogue(path)


def test_long_xlsx_template(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "long.xlsx"
    code, _, err = run("courses", "template", str(target), "--standard", BAS, "--layout", "long")
    assert code == 0, err
    book = openpyxl.load_workbook(target)
    sheet = book["courses"]
    sheet["A2"], sheet["B2"], sheet["C2"] = "CS 101", "客服入門", 6
    book.save(target)
    library = load_library([STANDARDS], [target])
    assert library.course("CS 101").covers == {BAS: ("K01",)}


def test_a_large_standard_gets_the_long_layout_and_says_so(tmp_path: Path) -> None:
    rows = [f"X-9,D1,T1,Task,K{n:04d},K,Item {n}" for n in range(1, 1113)]
    source = tmp_path / "big.csv"
    source.write_text(
        "standard,duty,task,task_name,item,kind,item_name\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    folder = tmp_path / "standards"
    assert run("standards", "import", str(source), "-o", str(folder / "X-9.yaml"))[0] == 0
    template = tmp_path / "big-courses.csv"
    code, _, err = run(
        "courses", "template", str(template), "--standard", "X-9", "--standards", str(folder)
    )
    assert code == 0, err
    assert err.splitlines()[0] == (
        "X-9 has 1,112 items: wrote the long layout (one row per course and item); "
        "--layout wide writes one column per item"
    )
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "code,title,hours,cost,level,item,item_name"
    assert len(lines) == 1113
    code, _, err = run(
        "courses", "template", str(tmp_path / "wide.csv"), "--standard", "X-9",
        "--standards", str(folder), "--layout", "wide",
    )  # fmt: skip
    assert code == 0 and err == f"Wrote {tmp_path / 'wide.csv'}\n"
