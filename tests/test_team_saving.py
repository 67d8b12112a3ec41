"""The team report a planner can forward (issue 22): the saving against a baseline a
planner recognises, and the team's name in titles."""

from __future__ import annotations

import csv
import json
import math

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, STANDARDS

from curriculum.cli import main
from curriculum.io.library import load_library
from curriculum.io.team_file import load_team

SESSIONS = ROOT / "examples" / "sessions-catalogue.yaml"
TEAM = ROOT / "examples" / "team.csv"
ARGS = ["--standards", str(STANDARDS), "--catalogue", str(SESSIONS)]


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def report() -> dict:
    """The example team plan's JSON."""
    return json.loads(invoke("team", TEAM, *ARGS, "--format", "json"))


def own_plans_booked_together() -> float:
    """Independently: each member's cheapest plan (``curriculum plan --objective cost``),
    booked into the fewest sessions that seat everyone who chose the course."""
    library = load_library([STANDARDS], [SESSIONS])
    heads: dict[str, int] = {}
    with TEAM.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            args = ["plan", row["standard"], *row["targets"].split(";"), *ARGS]
            if row["held"]:
                args += ["--have", row["held"].replace(";", ",")]
            plan = json.loads(invoke(*args, "--objective", "cost", "--format", "json"))
            for course in plan["courses"]:
                heads[course["code"]] = heads.get(course["code"], 0) + 1
    total = 0.0
    for code, n in heads.items():
        course = library.courses[code]
        sessions = math.ceil(n / (course.capacity or n))
        total += sessions * (course.session_cost or 0) + n * (course.cost or 0)
    return total


def test_the_saving_is_against_own_plans_booked_together(report):
    baseline = own_plans_booked_together()
    assert report["member_by_member"]["cost_pooled"] == baseline == 463_500
    assert report["saving"] == baseline - report["total_cost"] == 81_900
    assert report["saving_share"] == round(81_900 / 463_500, 4)
    assert report["saving_alone"] == report["member_by_member"]["cost_alone"] - 381_600
    # members and departments share the baseline as they share the team plan
    assert sum(m["alone"]["cost_pooled"] for m in report["members"]) == baseline
    assert sum(d["cost_pooled"] for d in report["departments"]) == baseline


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_the_report_names_the_baseline_and_never_a_share_of_the_alone_figure(lang):
    out = invoke("team", TEAM, *ARGS, "--lang", lang)
    lines = out.splitlines()
    if lang == "en":
        assert (
            "Baseline (each member's own cheapest plan, sessions shared): TWD 463,500, 645 hours"
            in lines
        )
        assert "Saving against the baseline: TWD 81,900 (18%)" in lines
        alone = [line for line in lines if "whole sessions alone" in line]
    else:
        assert (
            "比較基準（各成員自己最便宜的規劃，相同課程併班上課）：新臺幣 463,500 元，645 小時"
            in lines
        )
        assert "相較比較基準節省：新臺幣 81,900 元（18%）" in lines
        alone = [line for line in lines if "各自包班" in line]
    assert alone and "1,702,500" in alone[0] and "%" not in alone[0]
    assert "1,320,900" not in out and "78%" not in out  # the unfair figure, never shown
    csv_text = invoke("team", TEAM, *ARGS, "--format", "csv", "--lang", "en")
    total = list(csv.DictReader(csv_text.lstrip("\ufeff").split("\n\n")[-1].splitlines()))
    assert total[0]["saving"] == "81900" and total[0]["cost_pooled"] == "463500"


# ----------------------------------------------------------------------- the name


def test_name_option_titles_every_format(tmp_path):
    small = DATA / "team" / "small.csv"
    args = ["team", small, *ARGS, "--name", "客服中心 2027 年度"]
    assert invoke(*args).splitlines()[0] == "客服中心 2027 年度 團隊訓練規劃：3 位成員，2 個部門"
    assert invoke(*args, "--format", "markdown").startswith("# 客服中心 2027 年度 團隊訓練規劃")
    data = json.loads(invoke(*args, "--format", "json"))
    assert data["name"] == "客服中心 2027 年度" and data["team"] == str(small)
    invoke(*args, "--format", "xlsx", "-o", tmp_path / "t.xlsx")
    from openpyxl import load_workbook

    summary = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    assert "客服中心 2027 年度 團隊訓練規劃" in str(summary["A1"].value)
    plain = json.loads(invoke("team", small, *ARGS, "--format", "json"))
    assert plain["name"] is None


def test_name_from_the_team_file(tmp_path):
    rows = (DATA / "team" / "small.csv").read_text(encoding="utf-8").splitlines()
    with_column = [rows[0] + ",團隊名稱", *(r + ",客服一組" for r in rows[1:])]
    path = tmp_path / "team.csv"
    path.write_text("\n".join(with_column) + "\n", encoding="utf-8")
    assert load_team(path).name == "客服一組"
    assert invoke("team", path, *ARGS, "--lang", "en").startswith("Team plan for 客服一組: 3")
    # --name wins over the file's
    out = invoke("team", path, *ARGS, "--lang", "en", "--name", "Ops")
    assert out.startswith("Team plan for Ops: 3")
    yaml_team = tmp_path / "team.yaml"
    yaml_team.write_text(
        "name: 專案企劃部\nmembers:\n  - {id: E1, standard: BAS1499-001v4, targets: [T1.2]}\n",
        encoding="utf-8",
    )
    assert load_team(yaml_team).name == "專案企劃部"
    two = [rows[0] + ",team", rows[1] + ",A", rows[2] + ",B", rows[3] + ","]
    path.write_text("\n".join(two) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["team", str(path), *ARGS, "--lang", "en"])
    assert result.exit_code == 1
    assert "one team file names one team" in result.stderr and "Traceback" not in result.output
