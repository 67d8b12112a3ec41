"""The review page: the CLI's figures, the review record, the signed report that
``review verify`` accepts, comparison and uploads (hostile ones included)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner
from test_security_input import alias_bomb
from webclient import PROGRAMME, client, make_workspace, token_of

from curriculum.cli import main

RECORD = "reviews/examples__programme-BAS1499-001v4.record.yaml"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A workspace folder, the current folder (as ``curriculum serve`` makes it)."""
    folder = make_workspace(tmp_path / "ws")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def http(workspace):
    with client(workspace) as http:
        yield http


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_review_page_shows_the_cli_figures(http):
    expected = json.loads(cli("review", PROGRAMME, "--format", "json").stdout)
    page = http.get("/review/show", params={"programme": PROGRAMME, "lang": "en"}).text
    assert 'id="review-result" class="fail"' in page  # the CLI exits 3: FAIL
    for severity in ("error", "warning", "info"):
        assert f"{severity} {expected['counts'][severity]}" in page
    rows = [r["code"] for r in expected["matrix"]]
    assert [p.split('"')[0] for p in page.split('data-item="')[1:]] == rows
    for row in expected["matrix"]:
        assert f'<td class="status-{row["status"].lower()}">{row["status"]}</td>' in page
    findings = page.split('id="findings"')[1]
    assert findings.count('<tr class="sev-') == len(expected["findings"])
    # the heat map: a below-level cell is bracketed and marked
    assert 'class="heat-low">(6h L3)</td>' in page


def save_record(http, **extra):
    token = token_of(http)
    data = {
        "csrf": token,
        "programme": PROGRAMME,
        "reviewer": "王審查",
        "organisation": "範例認證中心",
        "decision": "conditional",
        "date": "2027-01-15",
        "note-0": "補開 K05 課程後再審",
        **extra,
    }
    return http.post("/review/record", data=data, follow_redirects=False)


def test_the_record_is_saved_and_the_signed_report_verifies(http, workspace):
    answer = save_record(http)
    assert answer.status_code == 303
    record = yaml.safe_load((workspace / RECORD).read_text("utf-8"))
    assert record["reviewer"] == "王審查" and record["decision"] == "conditional"
    page = http.get("/review/show", params={"programme": PROGRAMME, "lang": "zh-TW"}).text
    assert '<option value="conditional" selected>有條件通過</option>' in page
    assert record["notes"] == [{"code": "GAP", "item": "K05", "note": "補開 K05 課程後再審"}]
    page = http.get("/review/show", params={"programme": PROGRAMME}).text
    assert 'value="補開 K05 課程後再審"' in page and 'value="王審查"' in page
    report = http.get("/review/report", params={"programme": PROGRAMME, "format": "json"})
    assert report.status_code == 200
    expected = cli("review", PROGRAMME, "--record", RECORD, "--format", "json").stdout
    assert report.text == expected
    data = json.loads(report.text)
    assert data["record"]["decision"] == "conditional"
    assert RECORD in [i["path"] for i in data["provenance"]["inputs"]]
    (workspace / "signed.json").write_bytes(report.content)
    verified = cli("review", "verify", "signed.json")
    assert verified.exit_code == 0, verified.output
    assert "與其輸入檔相符" in verified.stdout  # a zh-TW report
    # a record changed afterwards no longer matches
    save_record(http, decision="rejected")
    assert cli("review", "verify", "signed.json").exit_code == 3


def test_a_record_needs_a_reviewer(http):
    answer = save_record(http, reviewer="")
    assert answer.status_code == 400 and "審查紀錄須填寫審查人姓名" in answer.text  # its language


@pytest.mark.parametrize(("fmt", "ext"), [("html", "html"), ("csv", "csv"), ("xlsx", "xlsx"),
                                          ("markdown", "md"), ("table", "txt")])  # fmt: skip
def test_every_review_format_downloads(http, fmt, ext):
    answer = http.get("/review/report", params={"programme": PROGRAMME, "format": fmt})
    assert answer.status_code == 200
    assert f'.review.{ext}"' in answer.headers["content-disposition"]
    assert len(answer.content) > 500


def test_compare_providers(http, workspace):
    second = workspace / "programmes" / "other.yaml"
    second.parent.mkdir()
    text = (workspace / PROGRAMME).read_text("utf-8").replace("  - CM-402\n", "")
    second.write_text(text, encoding="utf-8")
    assert "programmes/other.yaml" in http.get("/review").text
    page = http.get(
        "/review/compare", params=[("programme", PROGRAMME), ("programme", "programmes/other.yaml")]
    ).text
    assert "#1" in page and "#2" in page
    expected = json.loads(
        cli("review", PROGRAMME, "programmes/other.yaml", "--compare", "--format", "json").stdout
    )
    assert page.count("<tr>") >= len(expected["matrix"]) + 2
    assert http.get("/review/compare", params={"programme": PROGRAMME}).status_code == 400


def test_upload_a_programme_and_review_it(http, workspace):
    token = token_of(http)
    data = (workspace / PROGRAMME).read_bytes()
    answer = http.post(
        "/review/upload",
        data={"csrf": token},
        files={"file": ("../../我的 programme.yaml", data)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    saved = sorted(p.name for p in (workspace / "programmes").iterdir())
    assert saved == ["我的_programme.yaml"]
    assert http.get(answer.headers["location"]).status_code == 200
    again = http.post(
        "/review/upload", data={"csrf": token}, files={"file": ("我的 programme.yaml", data)}
    )
    assert again.status_code == 200
    assert sorted(p.name for p in (workspace / "programmes").iterdir()) == [
        "我的_programme-2.yaml",
        "我的_programme.yaml",
    ]


HOSTILE = {
    "bomb.yaml": (alias_bomb(9).encode(), "aliases expand past 1,000,000 nodes"),
    "self.yaml": (b"&a [*a]\n", "contains it"),
    "deep.yaml": (b"[" * 100_000 + b"]" * 100_000, "nest"),
    "twice.yaml": (b"name: a\nname: b\n", "given twice"),
    "tag.yaml": (b"!!python/object/apply:os.system ['true']\n", "tag"),
    "huge.csv": (b'code,title,hours\nC1,"' + b"x" * 200_000 + b'",1\n', "field limit"),
    "columns.csv": (b"code,title,hours,hours\nC1,t,1,100\n", "given twice"),
    "latin1.csv": ("code,title,hours\nC1,Sécurité,1\n".encode("latin-1"), "not UTF-8"),
    "broken.xlsx": (b"PK\x03\x04 not a workbook", "broken.xlsx"),
    "empty.yaml": (b"", "empty.yaml"),
    "codes.yaml": (b'courses:\n  - {code: "A\\u200bB", title: t, hours: 1}\n', "U+"),
}


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("endpoint", ["/review/upload", "/mapping/import"])
def test_hostile_uploads_are_clean_errors(http, workspace, endpoint, name, lang):
    """A clean error, nothing saved, every line in the page's language."""
    data, problem = HOSTILE[name]
    before = sorted(p.name for p in workspace.rglob("*"))
    http.get("/", params={"lang": lang})  # the language cookie
    token = token_of(http)
    answer = http.post(endpoint, data={"csrf": token}, files={"file": (name, data)})
    assert answer.status_code == 400, answer.text[:300]
    assert "Traceback" not in answer.text and "curriculum-upload-" not in answer.text
    problems = answer.text.split('class="problems"')[1].split("</ul>")[0]
    if lang == "en":
        assert problem in problems, problems[:500]
    else:
        lines = re.findall(r"<li>(.*?)</li>", problems, re.S)
        assert lines and all(re.search(r"[\u4e00-\u9fff]", line) for line in lines), lines
    assert sorted(p.name for p in workspace.rglob("*")) == before  # nothing saved


def test_an_upload_of_another_kind_is_refused(http):
    token = token_of(http)
    answer = http.post("/review/upload", data={"csrf": token}, files={"file": ("x.exe", b"MZ")})
    assert answer.status_code == 400 and ".exe" in answer.text


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_review_page_words_are_the_reports(http, lang):
    """The heading lines (totals with money as the reports write it), the verdict and
    the matrix cells as the Markdown report writes them, in the page's language."""
    import html
    import re

    report = cli("review", PROGRAMME, "--format", "markdown", "--lang", lang).stdout
    page = html.unescape(
        http.get("/review/show", params={"programme": PROGRAMME, "lang": lang}).text
    )
    heading = re.findall(r"<li>([^<]*)</li>", page.split('class="review-heading"')[1])
    assert heading and all(f"- {line}\n" in report for line in heading)
    result = re.search(r'<p>([^<]*)<b id="review-result"[^>]*>([^<]*)</b>', page)
    assert result and f"**{result.group(1)}{result.group(2)}**" in report
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in report.split("\n")
            if line.startswith("| K01 ")]  # fmt: skip
    k01 = page.split('data-item="K01"')[1].split("</tr>")[0]
    assert re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", k01) == rows[0]
    if lang == "zh-TW":
        assert "審查結果：" in page and "68,500" in page


def upload_report(http, data: bytes, name: str = "signed.json"):
    token = token_of(http)
    return http.post("/review/verify", data={"csrf": token}, files={"file": (name, data)})


def test_a_signed_report_is_verified_in_the_page(http):
    save_record(http)
    report = http.get("/review/report", params={"programme": PROGRAMME, "format": "json"})
    answer = upload_report(http, report.content)
    assert answer.status_code == 200, answer.text[:300]
    assert 'id="verify-result" class="pass"' in answer.text
    save_record(http, decision="rejected")  # the record changed since the report
    answer = upload_report(http, report.content)
    assert 'id="verify-result" class="fail"' in answer.text
    assert RECORD in answer.text.split('id="verify-changed"')[1]


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.yaml", "standards/../../x.yaml"])
def test_a_report_naming_a_file_outside_the_workspace_is_refused(http, path):
    report = json.loads(http.get("/review/report", params={"programme": PROGRAMME}).text)
    report["provenance"]["inputs"][0]["path"] = path
    answer = upload_report(http, json.dumps(report).encode())
    assert answer.status_code == 404
    assert "not a file of this workspace" in answer.text


def test_a_report_that_is_not_one_is_a_clean_error(http):
    http.get("/", params={"lang": "en"})
    answer = upload_report(http, b"[1, 2")
    assert answer.status_code == 400 and "not a JSON review report" in answer.text
    http.get("/", params={"lang": "zh-TW"})
    answer = upload_report(http, b"[1, 2")
    assert answer.status_code == 400 and "不是 JSON 格式的審查報告" in answer.text
    assert "curriculum-upload-" not in answer.text
