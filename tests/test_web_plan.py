"""The plan page: the same answers as the CLI, every download, progress and cancel."""

from __future__ import annotations

import html
import json

import pytest
from click.testing import CliRunner
from webclient import BAS, client, make_workspace, token_of, wait

from curriculum.cli import main
from curriculum.i18n import Text

CASES = {
    "task": {"targets": ["T1.2"]},
    "duty-have": {"targets": ["T1"], "have": "K01, S02"},
    "budget": {"targets": ["T1.2"], "max_cost": "30000"},
    "cost": {"targets": ["T2"], "objective": "cost"},
}


def cli_args(case: dict) -> list[str]:
    args = [BAS, *case["targets"]]
    if case.get("have"):
        args += ["--have", case["have"].replace(" ", "")]
    if case.get("max_cost"):
        args += ["--max-cost", case["max_cost"]]
    if case.get("objective"):
        args += ["--objective", case["objective"]]
    return args


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One app over the shipped data, with every case planned once."""
    folder = make_workspace(tmp_path_factory.mktemp("plan") / "ws")
    with client(folder) as http:
        token = token_of(http)
        jobs = {}
        for name, case in CASES.items():
            answer = http.post(
                "/plan",
                data={"csrf": token, "standard": BAS, "time_limit": "60", **case},
                follow_redirects=False,
            )
            assert answer.status_code == 303, answer.text
            jobs[name] = answer.headers["location"]
        for job in jobs.values():
            state = wait(http, job)
            assert state["state"] == "done", state  # its error says why
        yield folder, http, jobs


def run_cli(folder, *args: str) -> str:
    """What the CLI writes with ``-o FILE`` (the bytes a download must equal)."""
    data = ["--standards", str(folder / "standards"), "--catalogue", str(folder / "courses")]
    out = folder.parent / "cli-output"
    result = CliRunner().invoke(main, [*args, *data, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes().decode("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_page_figures_equal_the_cli(served, name):
    folder, http, jobs = served
    expected = json.loads(run_cli(folder, "plan", *cli_args(CASES[name]), "--format", "json"))
    page = http.get(jobs[name]).text
    assert f'data-hours="{expected["total_hours"]}"' in page
    assert f'data-cost="{expected["total_cost"]}"' in page
    for course in expected["courses"]:
        assert f'data-code="{course["code"]}"' in page
    assert page.count("data-code=") == len(expected["courses"])
    gaps = page.split('id="plan-gaps">')[1].split("<")[0]
    assert gaps.split() == (expected["gaps"] or ["無"])
    assert json.loads(http.get(f"{jobs[name]}/plan.json").text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fmt", "ext"), [("table", "txt"), ("csv", "csv"), ("markdown", "md"), ("programme", "yaml")]
)
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_every_plan_download_equals_the_cli(served, fmt, ext, lang):
    folder, http, jobs = served
    args = cli_args(CASES["task"])
    expected = run_cli(folder, "plan", *args, "--format", fmt, "--lang", lang)
    answer = http.get(f"{jobs['task']}/plan.{ext}", params={"lang": lang})
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.content.decode("utf-8") == expected


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "ext"), [("json", "json"), ("csv", "csv"), ("table", "txt")])
def test_frontier_downloads_equal_the_cli(served, fmt, ext):
    folder, http, jobs = served
    expected = run_cli(folder, "frontier", BAS, "T1.2", "--format", fmt, "--lang", "en")
    answer = http.get(f"{jobs['task']}/frontier.{ext}", params={"lang": "en"})
    assert answer.content.decode("utf-8") == expected


@pytest.mark.slow
def test_frontier_chart_is_drawn_inline(served):
    _folder, http, jobs = served
    page = http.get(jobs["task"]).text
    assert '<svg class="frontier"' in page
    svg = http.get(f"{jobs['task']}/frontier.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.count("<circle") == 12  # 0 to 11 coverable items of T1.2


@pytest.mark.slow
def test_same_request_on_same_files_is_not_solved_twice(served):
    _folder, http, jobs = served
    token = token_of(http)
    again = http.post(
        "/plan",
        data={"csrf": token, "standard": BAS, "time_limit": "60", "targets": ["T1.2"]},
        follow_redirects=False,
    )
    assert again.headers["location"] == jobs["task"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("max_hours", "nan"), ("max_hours", "-1"), ("max_cost", "inf"), ("time_limit", "0"),
     ("time_limit", "abc"), ("max_cost", "1e16")],
)  # fmt: skip
def test_bad_numbers_are_refused(tmp_path, name, value):
    with client(make_workspace(tmp_path / "ws")) as http:
        token = token_of(http)
        answer = http.post("/plan", data={"csrf": token, "standard": BAS, name: value})
        assert answer.status_code == 400
        # the field by the form's own label, in the page's language (the workspace's zh-TW)
        assert '<html lang="zh-TW">' in answer.text
        assert Text("zh-TW")(f"web.plan.{name}") + "：" in answer.text
        assert name not in answer.text.split('role="alert"')[1]


@pytest.mark.slow
def test_unknown_standard_or_target(tmp_path):
    with client(make_workspace(tmp_path / "ws")) as http:
        token = token_of(http)
        answer = http.post("/plan", data={"csrf": token, "standard": "NOPE-1"})
        # the workspace speaks its standards' language (zh-TW)
        assert answer.status_code == 400 and "沒有職能基準 NOPE-1" in answer.text
        job = http.post(
            "/plan",
            data={"csrf": token, "standard": BAS, "targets": ["T9"]},
            follow_redirects=False,
        ).headers["location"]
        status = wait(http, job)
        assert status["state"] == "failed" and "T9" in status["error"]
        assert "T9" in http.get(job).text


def test_unknown_job_is_404(tmp_path):
    with client(make_workspace(tmp_path / "ws")) as http:
        assert http.get("/plan/jobs/nope").status_code == 404


def test_a_job_is_cancelled_queued_or_running(tmp_path):
    with client(make_workspace(tmp_path / "ws"), solvers=1) as http:
        token = token_of(http)
        jobs = []
        for targets in (["T1"], ["T2"]):
            answer = http.post(
                "/plan",
                data={"csrf": token, "standard": BAS, "targets": targets},
                follow_redirects=False,
            )
            jobs.append(answer.headers["location"])
        assert http.get(f"{jobs[1]}/status").json()["state"] == "queued"
        for job in jobs:
            page = http.get(job).text
            assert 'id="plan-cancel"' in page and "<progress" in page
            http.post(f"{job}/cancel", data={"csrf": token})
        for job in jobs:
            assert wait(http, job)["state"] == "cancelled"
            assert "已取消" in http.get(job).text
        processes = [j.process for j in http.app.state.web.jobs._jobs.values()]
        assert all(p is None or not p.is_alive() for p in processes)


def _text_of(page: str, element_id: str) -> str:
    """The text inside the element with ``element_id`` (tags dropped, entities read)."""
    import re

    inner = page.split(f'id="{element_id}"')[1].split(">", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "", inner.split("</li>")[0].split("</p>")[0]))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("name", ["task", "budget", "cost"])
def test_page_words_and_figures_are_the_reports(served, name, lang):
    """Status, total (money with its separators) and course cells as the Markdown
    report writes them, in the page's language: never an English status word or a
    half-width colon in zh-TW."""
    folder, http, jobs = served
    report = run_cli(folder, "plan", *cli_args(CASES[name]), "--format", "markdown",
                     "--lang", lang)  # fmt: skip
    page = http.get(jobs[name], params={"lang": lang}).text
    status = _text_of(page, "plan-status")
    assert f"- {status}\n" in report
    total = _text_of(page, "plan-total")
    assert f"**{total}**" in report
    assert "," in total  # thousands separators, as the reports write money
    import re

    table = [[c.strip() for c in line.strip("|").split("|")] for line in report.split("\n")
             if line.startswith("| ")]  # fmt: skip
    courses = page.split('id="plan-courses"')[1].split("</table>")[0].split("<tr data-code=")
    for row in courses[1:]:
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", row)]
        assert cells in table  # hours, cost, level, covers as the report writes them
    assert len(courses) > 1
    if lang == "zh-TW":
        assert status.startswith("狀態：") and "optimal" not in status
