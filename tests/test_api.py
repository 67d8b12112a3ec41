"""The public Python API: ``import curriculum`` and one call per question."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BAS, COURSES, DATA, ROOT, STANDARDS

import curriculum

TINY = DATA / "tiny"
EXAMPLES = ROOT / "examples"
PROGRAMME = EXAMPLES / "programme-BAS1499-001v4.yaml"


@pytest.fixture(scope="module")
def tiny_library() -> curriculum.Library:
    return curriculum.load_library(TINY / "standard.yaml", TINY / "courses.yaml")


@pytest.fixture(scope="module")
def sessions() -> curriculum.Library:
    return curriculum.load_library(STANDARDS, EXAMPLES / "sessions-catalogue.yaml")


def test_all_names_exist_and_are_public():
    assert len(set(curriculum.__all__)) == len(curriculum.__all__)
    for name in curriculum.__all__:
        assert getattr(curriculum, name) is not None, name
    for name in ("plan", "plan_budget", "frontier", "plan_team", "review", "load_library"):
        assert callable(getattr(curriculum, name))
        assert getattr(curriculum, name).__doc__.count("Parameters\n    ----------") == 1
    assert set(curriculum.__all__) <= set(dir(curriculum))


def test_exports_are_the_library_classes():
    from curriculum.errors import CurriculumError
    from curriculum.io.library import Library
    from curriculum.planning.result import Plan
    from curriculum.reviewing.result import Review

    assert curriculum.Library is Library
    assert curriculum.Plan is Plan
    assert curriculum.Review is Review
    assert issubclass(curriculum.BudgetError, CurriculumError)
    from curriculum import Frontier, SolveParams, Standard, TeamPlan

    assert {Frontier.__name__, SolveParams.__name__, Standard.__name__, TeamPlan.__name__} == {
        "Frontier",
        "SolveParams",
        "Standard",
        "TeamPlan",
    }


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'plan_courses'"):
        curriculum.plan_courses  # noqa: B018
    assert not hasattr(curriculum, "Nothing")


def test_import_is_cheap():
    """``import curriculum`` loads no solver, spreadsheet, plotting or data model, nor
    the question modules of the API (each is imported on first use)."""
    code = (
        "import json, sys, curriculum\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('ortools', 'openpyxl', 'matplotlib', 'pydantic', 'curriculum'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(out.stdout) == ["curriculum", "curriculum._version"]


def test_planning_and_reviewing_import_no_excel_or_plots():
    code = (
        "import sys, curriculum\n"
        "lib = curriculum.load_library('standards', 'courses')\n"
        "curriculum.review(lib, 'examples/programme-BAS1499-001v4.yaml')\n"
        "curriculum.plan(lib, 'BAS1499-001v4', 'T1.2')\n"
        "print(sorted(m for m in ('openpyxl', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"


def test_load_library_takes_one_path_or_several(tiny_library):
    assert list(tiny_library.standards) == ["TINY-001v2"]
    assert sorted(tiny_library.courses) == ["A1", "B1", "C1", "C2", "D1", "L1", "Z9"]
    both = curriculum.load_library(
        [STANDARDS, TINY / "standard.yaml"], (str(COURSES), TINY / "courses.yaml")
    )
    assert {BAS, "TINY-001v2"} <= set(both.standards)
    assert {"A1", "CS-102"} <= set(both.courses)


def test_load_library_reports_a_missing_folder():
    with pytest.raises(curriculum.DataFileError, match="no-such-folder: no such file"):
        curriculum.load_library("no-such-folder", COURSES)


def test_plan_on_tiny(tiny_library):
    p = curriculum.plan(tiny_library, "TINY-001v2")
    assert [c.code for c in p.courses] == ["A1", "B1", "C1"]
    assert p.total_hours == 10
    assert p.total_cost == 450
    assert p.gaps == ("S03",)
    assert p.level_gaps == ("K03",)
    assert p.status == "optimal"


def test_plan_targets_have_exclude_as_strings_or_lists(tiny_library):
    by_string = curriculum.plan(tiny_library, "TINY-001v2", "T1.1, T1.2", exclude="A1")
    by_list = curriculum.plan(tiny_library, "TINY-001v2", ["T1.1", "T1.2"], exclude=["A1"])
    assert by_string == by_list
    assert by_string.tasks == ("T1.1", "T1.2")
    assert [c.code for c in by_string.courses] == ["D1"]
    assert by_string.total_hours == 8
    held = curriculum.plan(tiny_library, "TINY-001v2", "T1.1", have="K01 K02 S01")
    assert held.courses == ()
    assert held.total_hours == 0


def test_plan_require_and_params(tiny_library):
    p = curriculum.plan(
        tiny_library,
        "TINY-001v2",
        "T1.1",
        require="D1",
        params=curriculum.SolveParams(time_limit=5, workers=1),
    )
    assert [c.code for c in p.courses] == ["D1"]
    assert p.required_courses == ("D1",)


def test_plan_unknown_target(tiny_library):
    with pytest.raises(curriculum.UnknownReferenceError, match="T9"):
        curriculum.plan(tiny_library, "TINY-001v2", "T9")


def test_plan_budget_on_tiny(tiny_library):
    # A1+B1 and A1+C1 both cover 4 of 5 items in 7 hours: A1+C1 costs less
    b = curriculum.plan_budget(tiny_library, "TINY-001v2", max_hours=7)
    assert [c.code for c in b.courses] == ["A1", "C1"]
    assert (b.total_hours, b.total_cost) == (7, 150)
    assert b.budget_gaps == ("S02",)
    assert b.budget is not None
    assert (b.budget.covered_weight, b.budget.coverable_weight) == (4, 5)


def test_plan_budget_weights_file(tmp_path, tiny_library):
    weights = tmp_path / "weights.yaml"
    weights.write_text("items: {S02: 5}\n", encoding="utf-8")
    b = curriculum.plan_budget(tiny_library, "TINY-001v2", max_hours=7, weights=str(weights))
    assert [c.code for c in b.courses] == ["A1", "B1"]
    assert b.budget_gaps == ("K04",)
    assert b.budget is not None and b.budget.covered_weight == 8


def test_plan_budget_that_cannot_be_met(tiny_library):
    with pytest.raises(curriculum.BudgetError):
        curriculum.plan_budget(tiny_library, "TINY-001v2", require="D1", max_hours=1)


def test_frontier_on_tiny(tiny_library):
    f = curriculum.frontier(tiny_library, "TINY-001v2")
    assert f.coverable == ("K01", "K02", "K04", "S01", "S02")
    assert [(len(p.items), p.hours) for p in f.points] == [
        (0, 0),
        (1, 3),
        (3, 4),
        (4, 7),
        (5, 10),
    ]
    assert f.points[-1].courses == ("A1", "B1", "C1")
    by_cost = curriculum.frontier(tiny_library, "TINY-001v2", by="cost")
    assert by_cost.points[-1].courses == ("C1", "D1")
    assert by_cost.points[-1].cost == 60


def test_plan_team_from_a_path_or_a_team(sessions):
    team = curriculum.load_team(EXAMPLES / "team.csv")
    assert [m.id for m in team.members][:3] == ["E001", "E002", "E003"]
    t = curriculum.plan_team(sessions, str(EXAMPLES / "team.csv"))
    assert t.status == "optimal"
    assert (t.total_cost, t.total_hours, t.alone_cost) == (381600, 696, 1702500)
    assert len(t.members) == 12
    assert sum(c.sessions for c in t.courses) == 11
    assert curriculum.plan_team(sessions, team).total_cost == 381600


def test_plan_team_on_tiny(tmp_path, tiny_library):
    team_file = tmp_path / "team.yaml"
    team_file.write_text(
        "- {id: P1, standard: TINY-001v2, targets: [T1.1]}\n"
        "- {id: P2, standard: TINY-001v2, targets: [T2.1]}\n",
        encoding="utf-8",
    )
    t = curriculum.plan_team(tiny_library, team_file, objective="hours")
    assert [(m.id, m.courses, m.hours) for m in t.members] == [
        ("P1", ("A1",), 4),
        ("P2", ("A1", "C1"), 7),
    ]
    assert t.members[1].gaps == ("S03",)


def test_review_from_a_path(library):
    r = curriculum.review(library, PROGRAMME.relative_to(ROOT).as_posix(), lang="en")
    assert r.failed
    assert [(f.code, f.item or f.course) for f in r.findings if f.severity == "error"] == [
        ("GAP", "K05"),
        ("LEVEL", "S04"),
    ]
    assert (r.count("warning"), r.count("info")) == (4, 1)
    assert r.provenance.inputs[0].role == "programme"


def test_review_options_and_loaded_programme(library):
    programme = curriculum.load_programme(PROGRAMME)
    assert programme.standard == BAS
    r = curriculum.review(library, programme, strict=True, min_courses=2, lang="en")
    assert r.options.strict and r.options.min_courses == 2
    thin = {f.item for f in r.findings if f.code == "THIN"}
    assert "K01" in thin
    assert "K08" not in thin  # K08 is covered by DA-301 and DA-303
    assert r.provenance.inputs[0].role != "programme"


def test_review_against_an_unknown_standard(library):
    with pytest.raises(curriculum.UnknownReferenceError):
        curriculum.review(library, PROGRAMME, against="NOPE-001v1")


@pytest.mark.parametrize(("doc", "least"), [("docs/api.md", 20), ("README.md", 4)])
def test_python_examples_in_the_docs_run(monkeypatch, doc, least):
    """docs/api.md and the README are true: their examples run as doctests from the root."""
    monkeypatch.chdir(ROOT)
    text = (ROOT / doc).read_text(encoding="utf-8")
    # a code fence ends an example's expected output, like a blank line
    text = re.sub(r"^```.*$", "", text, flags=re.M)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    test = doctest.DocTestParser().get_doctest(text, {}, doc, doc, 0)
    assert len(test.examples) >= least
    runner = doctest.DocTestRunner(optionflags=flags)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_module_docstring_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    results = doctest.testmod(curriculum, optionflags=doctest.ELLIPSIS)
    assert results.attempted >= 3
    assert results.failed == 0


def test_paths_may_be_pathlike(tiny_library):
    assert curriculum.load_team.__name__ == "load_team"
    p = curriculum.load_library(Path(TINY / "standard.yaml"), [TINY / "courses.yaml"])
    assert sorted(p.courses) == sorted(tiny_library.courses)
