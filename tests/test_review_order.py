"""Review of prerequisites and course order: PREREQ and ORDER (issue 14, point 4)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import BAS, COURSES, STANDARDS

from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.library import Library
from curriculum.reviewing.programme import Programme, load_programme
from curriculum.reviewing.programme_refs import resolve_programme
from curriculum.reviewing.review import review_programme

TINY = "TINY-001v2"


def course(code: str, items: list[str], **extra: Any) -> dict[str, Any]:
    """An inline course of the tiny standard that covers ``items`` at level 2."""
    return {"code": code, "title": f"課程{code}", "hours": 4, "level": 2, "covers": {TINY: items}}


def findings(library: Library, lang: str = "en", **data: Any) -> list[tuple[str, str, str]]:
    """The PREREQ and ORDER findings of a programme on T1.1 of the tiny standard."""
    programme = Programme.model_validate(
        {"name": "p", "standard": TINY, "targets": ["T1.1"]} | data
    )
    review = review_programme(library, programme, lang=lang)
    return [(f.code, f.item, f.course) for f in review.findings if f.code in ("PREREQ", "ORDER")]


def three(pre: Any = (), co: Any = (), periods: tuple[Any, ...] | None = None) -> list[Any]:
    """Courses A (K01), B (K02) and C (S01, with the requisites given), with periods."""
    entries = [course("A", ["K01"]), course("B", ["K02"]), course("C", ["S01"])]
    entries[2] |= {"prerequisites": list(pre), "corequisites": list(co)}
    if periods is not None:
        for entry, period in zip(entries, periods, strict=True):
            entry["period"] = period
    return entries


def test_missing_prerequisite_is_an_error_naming_course_and_requirement(tiny):
    assert findings(tiny, courses=three(pre=["Z"])) == [("PREREQ", "Z", "C")]
    assert findings(tiny, courses=three(co=["Z"])) == [("PREREQ", "Z", "C")]


@pytest.mark.parametrize("held", ["A", "B"])
def test_either_alternative_satisfies_a_requirement(tiny, held):
    entries = [e for e in three(pre=["A | B"]) if e["code"] != {"A": "B", "B": "A"}[held]]
    assert findings(tiny, courses=entries) == []
    missing = [e for e in three(pre=["A | B"]) if e["code"] == "C"]
    assert findings(tiny, courses=missing) == [("PREREQ", "A | B", "C")]


def test_entry_requirements_satisfy_a_requirement_and_its_order(tiny):
    # C (period 1) needs Y: held on entry, so neither missing nor late
    assert findings(tiny, courses=three(pre=["Y"]), entry_requirements=["Y"]) == []
    entries = three(pre=["B"], periods=(1, 2, 1))
    assert findings(tiny, courses=entries) == [("ORDER", "B", "C")]
    assert findings(tiny, courses=entries, entry_requirements=["B"]) == []


def test_unordered_programme_gives_no_order_finding(tiny):
    # C before its prerequisite A in the list, but the list is no sequence
    entries = [course("C", ["S01"], prerequisites=["A"]), course("A", ["K01"])]
    entries[0]["prerequisites"] = ["A"]
    assert findings(tiny, courses=entries) == []
    assert findings(tiny, courses=entries, ordered=True) == [("ORDER", "A", "C")]
    assert findings(tiny, courses=entries[::-1], ordered=True) == []


def test_prerequisite_in_the_same_period_is_out_of_order_a_corequisite_is_not(tiny):
    assert findings(tiny, courses=three(pre=["A"], periods=(1, 2, 1))) == [("ORDER", "A", "C")]
    assert findings(tiny, courses=three(pre=["A"], periods=(1, 2, 2))) == []
    assert findings(tiny, courses=three(co=["A"], periods=(1, 2, 1))) == []
    assert findings(tiny, courses=three(co=["A"], periods=(2, 2, 1))) == [("ORDER", "A", "C")]


def test_an_early_alternative_is_enough(tiny):
    # C (period 2) needs A or B: B comes in period 3, A in period 1
    assert findings(tiny, courses=three(pre=["A | B"], periods=(1, 3, 2))) == []
    assert findings(tiny, courses=three(pre=["A | B"], periods=(3, 3, 2))) == [
        ("ORDER", "A | B", "C")
    ]


def test_dated_periods_order_in_time(tiny):
    periods = ("2027-Q4", "2028-Q1", "2027-q3")  # C in 2027-Q3, before A in 2027-Q4
    assert findings(tiny, courses=three(pre=["A"], periods=periods)) == [("ORDER", "A", "C")]
    periods = ("2027-Q2", "2028-Q1", "2027-Q3")
    assert findings(tiny, courses=three(pre=["A"], periods=periods)) == []


def test_messages_in_both_languages(tiny):
    programme = Programme.model_validate(
        {"name": "p", "standard": TINY, "targets": ["T1.1"], "courses": three(pre=["A", "Z | Y"])}
        | {"ordered": True}
    )
    programme = programme.model_copy(
        update={"courses": (programme.courses[2], *programme.courses[:2])}
    )
    en = {f.code: f.message for f in review_programme(tiny, programme, lang="en").findings}
    assert en["PREREQ"] == (
        "course C needs Z or Y first, which neither the programme nor its entry requirements "
        "include"
    )
    assert en["ORDER"] == "course C (period 1) is not taught after its prerequisite A (period 2)"
    zh = {f.code: f.message for f in review_programme(tiny, programme, lang="zh-TW").findings}
    assert zh["PREREQ"] == "課程 C 的先修課程 Z 或 Y 不在方案中，也不在入學條件中"
    assert zh["ORDER"] == "課程 C（期別 1）未排在其先修課程 A（期別 2）之後"


@pytest.mark.parametrize(
    ("data", "wanted"),
    [
        ({"ordered": True, "periods": (1, 2, 3)}, "either ordered: true or a period"),
        ({"periods": (1, None, 2)}, "course B has no period"),
        ({"periods": (1, "2027-Q1", 2)}, "the periods mix numbers and quarters"),
        ({"periods": ("Q1", "Q2", "Q3")}, "has no year"),
    ],
)
def test_bad_order_is_bad_data(tmp_path, data, wanted):
    entries = three(periods=data.get("periods"))
    entries = [{k: v for k, v in e.items() if v is not None} for e in entries]
    doc = {"name": "p", "standard": TINY, "courses": entries, "ordered": data.get("ordered", False)}
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=wanted):
        load_programme(path)


def test_unknown_entry_requirement_is_bad_data(library, tmp_path):
    path = tmp_path / "p.yaml"
    doc = {"name": "p", "standard": BAS, "courses": ["CS-102"], "entry_requirements": ["PM-210"]}
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"entry requirement PM-210: no loaded catalogue"):
        resolve_programme(load_programme(path), library, path)


def test_catalogue_prerequisites_with_alternatives_and_entry_requirements(library):
    """The example catalogue: DA-303 needs DA-301 or DA-302, PM-202 needs PM-201."""

    def found(courses: list[Any], held: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
        programme = Programme.model_validate(
            {"name": "p", "standard": BAS, "courses": courses, "entry_requirements": held}
        )
        review = review_programme(library, programme, lang="en")
        return [(f.code, f.item, f.course) for f in review.findings if f.code == "PREREQ"]

    assert found(["DA-303", "DA-302"]) == []
    assert found(["DA-303", "DA-301"]) == []
    assert found(["DA-303", "PM-202"]) == [
        ("PREREQ", "DA-301 | DA-302", "DA-303"),
        ("PREREQ", "PM-201", "PM-202"),
    ]
    assert found(["DA-303", "PM-202"], ("pm-201", "DA-302")) == []


def run_review(path: Path, *extra: str) -> Any:
    args = ["--standards", str(STANDARDS), "--catalogue", str(COURSES), "--lang", "en"]
    return CliRunner().invoke(main, ["review", str(path), *args, *extra])


def test_findings_reach_every_format_and_fail_the_review(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        f"standard,course,period\n{BAS},PM-202,2027-Q1\n,DA-303,2027-Q1\n,DA-301,2027-Q2\n",
        encoding="utf-8",
    )
    result = run_review(path, "--format", "json")
    assert result.exit_code == 3, result.stderr
    data = json.loads(result.stdout)
    got = [(f["code"], f["severity"], f["course"]) for f in data["findings"]]
    assert ("PREREQ", "error", "PM-202") in got and ("ORDER", "warning", "DA-303") in got
    assert data["failed"] is True
    rows = list(
        csv.reader(io.StringIO(run_review(path, "--format", "csv").stdout.lstrip("\ufeff")))
    )
    assert any("PREREQ" in row and "PM-202" in row for row in rows)
    for fmt in ("table", "markdown", "html"):
        out = run_review(path, "--format", fmt).stdout
        assert "PREREQ" in out and "ORDER" in out and "DA-302" in out, fmt
    xlsx = tmp_path / "r.xlsx"
    assert run_review(path, "--format", "xlsx", "-o", str(xlsx)).exit_code == 3
    from openpyxl import load_workbook

    cells = {c.value for ws in load_workbook(xlsx) for row in ws.iter_rows() for c in row}
    assert {"PREREQ", "ORDER", "PM-201"} <= cells


def test_table_entry_requirements_clear_the_finding(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(f"standard,course,entry_requirements\n{BAS},PM-202,PM-201\n", encoding="utf-8")
    data = json.loads(run_review(path, "--format", "json").stdout)
    assert not [f for f in data["findings"] if f["code"] in ("PREREQ", "ORDER")]
