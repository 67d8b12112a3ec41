"""``plan --batch``: one plan per learner, identical problems solved once, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, DATA, STANDARDS

import curriculum.planning.batch as batch
from curriculum.cli import main
from curriculum.errors import DataFileError
from curriculum.io.learners import parse_learners, read_learners
from curriculum.planning.batch import plan_batch
from curriculum.planning.plan import plan_courses
from curriculum.report.plan.batch import CSV_COLUMNS
from curriculum.request import Request
from curriculum.solve.cover import SolveParams

LEARNERS = DATA / "batch" / "learners.csv"
BAD = DATA / "batch" / "bad.csv"
DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_each_learner_gets_the_plan_a_single_run_gives(library):
    learners = read_learners(LEARNERS)
    results = plan_batch(library, Request(), None, learners, processes=1)
    assert [learner.id for learner, _ in results] == ["ann", "bob", "cho", "dee", "eve", "fay"]
    for learner, plan in results:
        single = plan_courses(
            library, Request.of(learner.standard, learner.targets, have=learner.held)
        )
        assert plan.to_dict() == single.to_dict()


def test_identical_requirements_are_solved_once(library, monkeypatch):
    calls = []
    solve = batch.solve_cover

    def counting(problem, params):
        calls.append(problem)
        return solve(problem, params)

    monkeypatch.setattr(batch, "solve_cover", counting)
    plan_batch(library, Request(), None, read_learners(LEARNERS), processes=1)
    # ann and dee ask for the same thing: six learners, five problems.
    assert len(calls) == 5 == len(set(calls))


def test_process_pool_gives_the_same_plans(library):
    rows = ["id,standard,targets,held"]
    tasks = ["T1.1", "T1.2", "T2.1", "T2.2", "T1", "T2", "", "T1.1 T2.1", "T1.2 T2.2"]
    rows += [f"p{n},{BAS},{t},{'K01' if n % 2 else ''}" for n, t in enumerate(tasks * 2)]
    learners = parse_learners("\n".join(rows) + "\n", "pool.csv")
    alone = plan_batch(library, Request(), None, learners, processes=1)
    pooled = plan_batch(library, Request(), None, learners, processes=2)
    assert [p.to_dict() for _, p in alone] == [p.to_dict() for _, p in pooled]


def test_json_lines_one_plan_per_learner():
    result = run("plan", "--batch", str(LEARNERS), *DATA_ARGS, "--format", "json", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    first = json.loads(lines[0])
    assert first["id"] == "ann" and first["total_hours"] == 84 and first["status"] == "optimal"
    assert json.loads(lines[1])["held"] == ["K01", "K02"]
    assert json.loads(lines[3])["courses"] == first["courses"]


def test_csv_has_a_learner_column_and_one_header():
    result = run("plan", "--batch", str(LEARNERS), *DATA_ARGS, "--format", "csv", "--jobs", "1")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0] == list(CSV_COLUMNS)  # one header, one kind of row
    assert all(len(r) == len(CSV_COLUMNS) for r in rows)
    learners = [r[0] for r in rows[1:]]
    assert list(dict.fromkeys(learners)) == ["ann", "bob", "cho", "dee", "eve", "fay"]
    ann = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:] if r[0] == "ann"]
    assert sum(float(r["hours"]) for r in ann) == float(ann[0]["total_hours"])
    assert all(r["course"] and r["status"] == "optimal" and not r["error"] for r in ann)
    needed = {r["course"]: r["prerequisite_of"] for r in ann}
    assert needed["CS-105"] == "CS-106" and needed["CS-106"] == ""


def test_table_titles_each_learner():
    out = run("plan", "--batch", str(LEARNERS), *DATA_ARGS, "--jobs", "1", "--lang", "en").stdout
    assert out.startswith("=== Learner ann ===\n\nPlan for BAS1499-001v4")
    assert out.count("=== Learner ") == 6
    zh = run("plan", "--batch", str(LEARNERS), *DATA_ARGS, "--jobs", "1").stdout
    assert zh.startswith("=== 學員 ann ===\n\nBAS1499-001v4 客戶服務專案人員 訓練規劃")


def test_unknown_references_name_file_line_and_learner():
    result = run("plan", "--batch", str(BAD), *DATA_ARGS, "--jobs", "1", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"Error: {BAD}:3: learner bob: unknown standard BAS1499-001v3")
    assert lines[1].startswith(f"{BAD}:4: learner cho: {BAS} has no task or duty T9")
    assert lines[2].startswith(f"{BAD}:5: learner dee: {BAS} defines no item K99")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,standard\nx,S\n", "f.csv:1: missing column 'id'"),
        ("id,standard,level\nx,S,3\n", "f.csv:1: unknown column 'level'"),
        ("id,standard\nx,S\ny,S\nx,S\n", "f.csv:4: learner x: id already used on line 2"),
        ("id,standard\n,S\n", "f.csv:2: empty id"),
        ("id,standard\nx,\n", "f.csv:2: learner x: empty standard"),
        ("id,standard\nx,S,extra\n", "f.csv:2: more cells than columns"),
    ],
)
def test_malformed_learners_file(text, message):
    with pytest.raises(DataFileError) as caught:
        parse_learners(text, "f.csv")
    assert message in str(caught.value).splitlines()


def test_batch_and_standard_are_exclusive_and_one_is_needed():
    result = run("plan", BAS, "--batch", str(LEARNERS), *DATA_ARGS)
    assert result.exit_code == 2 and "give no STANDARD" in result.stderr
    result = run("plan", *DATA_ARGS)
    assert result.exit_code == 2 and "Missing argument 'STANDARD'" in result.stderr
    result = run("plan", BAS, "--jobs", "2", *DATA_ARGS)
    assert result.exit_code == 2 and "--jobs applies to --batch only" in result.stderr


def test_codes_are_split_and_normalised():
    text = 'id,standard,targets,held\nx,ＢＡＳ,"T1.1；T1.2,Ｔ2.1", K01 \n'
    (learner,) = parse_learners(text, "f")
    assert learner.standard == "BAS" and learner.targets == ("T1.1", "T1.2", "T2.1")
    assert learner.held == ("K01",)
    assert SolveParams().workers == 0


def test_cli_output_is_byte_identical_whatever_the_processes(tmp_path):
    rows = ["id,standard,targets,held"]
    tasks = ["T1.1", "T1.2", "T2.1", "T2.2", "T1", "T2", "", "T1.1 T2.1", "T1.2 T2.2"]
    rows += [f"q{n},{BAS},{t},{'S01' if n % 3 else ''}" for n, t in enumerate(tasks * 2)]
    learners = tmp_path / "learners.csv"
    learners.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outs = {
        run("plan", "--batch", str(learners), *DATA_ARGS, "--format", "json", "--jobs", j).stdout
        for j in ("1", "2")
    }
    assert len(outs) == 1 and len(next(iter(outs)).splitlines()) == 18
