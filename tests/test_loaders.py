"""Loading standards and catalogues: every defect is a clear, located error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BAS, COURSES, STANDARDS

from curriculum.errors import DataFileError
from curriculum.io.library import load_library
from curriculum.io.loaders import load_catalogue, load_standard
from curriculum.model.standard import Standard

GOOD = """\
courses:
  - code: X-1
    title: 測試
    hours: 3.5
    cost: 100
    covers:
      BAS1499-001v4: [K01]
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load_with(tmp_path: Path, name: str, text: str, encoding: str = "utf-8"):
    return load_library([STANDARDS], [write(tmp_path, name, text, encoding)])


def error_of(tmp_path: Path, name: str, text: str) -> str:
    with pytest.raises(DataFileError) as info:
        load_with(tmp_path, name, text)
    return str(info.value)


def test_good_catalogue_loads(tmp_path):
    library = load_with(tmp_path, "c.yaml", GOOD)
    assert library.courses["X-1"].hours == 3.5
    assert library.catalogues[0].catalogue.currency == "TWD"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("hours:", "hour:"), "course X-1: unknown key 'hour' (did you mean 'hours'?)"),
        (
            GOOD.replace("hours: 3.5", "hours: -1"),
            ":4: course X-1: hours should be greater than or equal to 0 (got -1)",
        ),
        (
            GOOD.replace("cost: 100", "cost: -5"),
            ":5: course X-1: cost should be greater than or equal to 0",
        ),
        (GOOD.replace("[K01]", "[K99]"), "course X-1: BAS1499-001v4 defines no item K99"),
        (GOOD.replace("BAS1499-001v4:", "NOPE-1:"), "course X-1: unknown standard NOPE-1"),
        (
            GOOD.replace("BAS1499-001v4:", "BAS1499-001v3:"),
            "course X-1: unknown standard BAS1499-001v3 (an older version: replaced by "
            "BAS1499-001v4 on 2023/12/15)",
        ),
        (GOOD.replace("[K01]", "[K01, K01]"), "claims K01 of BAS1499-001v4 more than once"),
        (GOOD + "  - {code: X-1, title: 重複, hours: 1}\n", "duplicate course code X-1"),
        (GOOD.replace("    title: 測試\n", ""), "course X-1: missing key 'title'"),
        ("courses: [\n", "invalid YAML"),
        ("- just a list\n", "a catalogue file must be a mapping"),
    ],
)
def test_catalogue_defects(tmp_path, text, expected):
    message = error_of(tmp_path, "bad.yaml", text)
    assert expected in message
    assert str(tmp_path / "bad.yaml") in message
    assert len(message.splitlines()) == 1


def test_yaml_syntax_error_names_the_line(tmp_path):
    message = error_of(tmp_path, "bad.yaml", "courses:\n  - code: [\n")
    assert f"{tmp_path / 'bad.yaml'}:3: invalid YAML" in message


def test_every_problem_is_listed(tmp_path):
    bad1 = write(tmp_path, "a.yaml", GOOD.replace("hours:", "hour:"))
    bad2 = write(tmp_path, "b.yaml", GOOD.replace("X-1", "X-2").replace("[K01]", "[K99]"))
    with pytest.raises(DataFileError) as info:
        load_library([STANDARDS], [bad1, bad2])
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert "unknown key 'hour'" in lines[0] and "K99" in lines[1]


def test_course_codes_unique_across_catalogues(tmp_path):
    a = write(tmp_path, "a.yaml", GOOD)
    b = write(tmp_path, "b.yaml", GOOD)
    with pytest.raises(DataFileError, match=r"course X-1: code already used in .*a.yaml"):
        load_library([STANDARDS], [a, b])


def test_meta_is_kept(tmp_path):
    library = load_with(tmp_path, "c.yaml", GOOD + "    meta: {room: A1, 備註: 夜間班}\n")
    assert library.courses["X-1"].meta == {"room": "A1", "備註": "夜間班"}


def test_full_width_codes_are_normalised(tmp_path):
    library = load_with(tmp_path, "c.yaml", GOOD.replace("[K01]", "[Ｋ０１]"))
    assert library.courses["X-1"].covers == {BAS: ("K01",)}


CSV = (
    "code,title,hours,cost,level,covers,provider,currency,meta.room\r\n"
    "X-1,客訴處理,3.5,100,3,BAS1499-001v4:K14;BAS1499-001v4:Ｓ１３,中心,TWD,A\r\n"
    "X-2,資料建檔,6,,,BAS1499-001v4:K13,中心,TWD,\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950"])
def test_csv_catalogue(tmp_path, encoding):
    library = load_with(tmp_path, "c.csv", CSV, encoding)
    course = library.courses["X-1"]
    assert course.covers == {BAS: ("K14", "S13")}
    assert (course.hours, course.cost, course.level, course.meta) == (3.5, 100, 3, {"room": "A"})
    assert library.courses["X-2"].cost is None
    assert library.catalogues[0].catalogue.provider == "中心"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CSV.replace("meta.room", "hour"), ":1: unknown column 'hour'"),
        (CSV.replace("K13", "K99"), "course X-2: BAS1499-001v4 defines no item K99"),
        (
            CSV.replace("BAS1499-001v4:K13", "K13"),
            ":3: column F (covers): course X-2: covers entry 'K13'",
        ),
        (CSV.replace(",6,", ",six,"), ":3: column C (hours): course X-2: hours should be a number"),
        (CSV.replace("TWD,\r\n", "USD,\r\n"), "one catalogue has one currency"),
    ],
)
def test_csv_defects(tmp_path, text, expected):
    message = error_of(tmp_path, "bad.csv", text)
    assert expected in message


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(DataFileError, match="no such file or folder"):
        load_library([STANDARDS], [tmp_path / "missing.yaml"])


def test_shipped_data_validates():
    library = load_library([STANDARDS], [COURSES])
    assert list(library.standards) == ["APP7322-001v4", "AVA2173-001v4", BAS, "MEM3400-001v1"]
    assert 20 <= len(library.courses) <= 40
    assert library.catalogues[0].catalogue.meta["example"] is True


def test_standard_model_rejects_defects():
    std = load_standard(STANDARDS / "BAS1499-001v4.yaml").model_dump(mode="json")
    bad = dict(std)
    bad["duties"][0]["tasks"][0]["knowledge"] = ["K01", "K99"]
    with pytest.raises(ValueError, match=r"task T1\.1 names K99, which the standard does not"):
        Standard.model_validate(bad)
    std = load_standard(STANDARDS / "BAS1499-001v4.yaml").model_dump(mode="json")
    std["items"].append(dict(std["items"][0]))
    with pytest.raises(ValueError, match="duplicate item code K01"):
        Standard.model_validate(std)
    std = load_standard(STANDARDS / "BAS1499-001v4.yaml").model_dump(mode="json")
    std["duties"][1]["tasks"][0]["level"] = 7
    with pytest.raises(ValueError, match=r"task T2\.1: level 7 is outside 1–6"):
        Standard.model_validate(std)
    std = load_standard(STANDARDS / "BAS1499-001v4.yaml").model_dump(mode="json")
    std["duties"][1]["tasks"][0]["skills"] = ["K01"]
    with pytest.raises(ValueError, match="lists K01 as skill but it is defined as knowledge"):
        Standard.model_validate(std)


def test_bad_standard_file_names_the_file(tmp_path):
    text = (STANDARDS / "BAS1499-001v4.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "s.yaml", text.replace("  name: 客服專案管理", "  nmae: 客服專案管理"))
    with pytest.raises(DataFileError) as info:
        load_library([path], [COURSES])
    assert str(info.value) == (f"{path}:49: duty T1: unknown key 'nmae' (did you mean 'name'?)")


def test_catalogue_round_trip(tmp_path):
    catalogue = load_catalogue(COURSES / "example-provider.yaml")
    assert catalogue.courses[0].code == "CS-100"
