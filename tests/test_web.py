"""The web workspace: start-up, security and the standards pages (in process)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT
from webclient import BAS, client, csrf, make_workspace, token_of

from curriculum.cli import main
from curriculum.i18n.build import read_catalogue
from curriculum.web.texts import translator


@pytest.fixture
def workspace(tmp_path):
    """A workspace folder with the shipped data."""
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def http(workspace):
    """A client of the workspace app."""
    with client(workspace) as http:
        yield http


def test_pages_render_in_both_languages(http):
    for path in ("/", "/standards", f"/standards/{BAS}", "/plan", "/review", "/mapping"):
        zh = http.get(path + "?lang=zh-TW")
        assert zh.status_code == 200, path
        assert '<html lang="zh-TW">' in zh.text
        en = http.get(path + "?lang=en")
        assert en.status_code == 200 and '<html lang="en">' in en.text
    # the choice is kept in a cookie
    assert '<html lang="en">' in http.get("/standards").text


def test_every_text_has_both_languages_in_the_one_catalogue():
    texts = {k: e for k, e in read_catalogue().items() if k.startswith("web.")}
    assert len(texts) > 100
    for key, entry in texts.items():
        assert all(en.strip() for en in entry.en) and entry.zh.strip(), key
        assert entry.en[0].count("{") == entry.zh.count("{"), key
    en, zh = translator("en"), translator("zh-TW")
    assert en("home.standards", n=1) == "1 standard" and en("home.standards", n=3) == "3 standards"
    assert zh("home.standards", n=3) == "3 項職能基準" and zh("nav.plan") == "訓練規劃"


def test_standard_page_shows_duties_tasks_items_and_indicators(http):
    page = http.get(f"/standards/{BAS}?lang=zh-TW").text
    for text in ("工作任務 T1.2", "行為指標", "P1.2.3", "K07", "教育訓練規範", "級別"):
        assert text in page, text


@pytest.mark.parametrize(
    ("query", "expected"),
    [("簡報", "S05"), ("教育訓練", "K07"), ("t1.2", "T1.2"), ("ＢＡＳ1499", BAS)],
)
def test_search_finds_items_tasks_and_codes(http, query, expected):
    page = http.get("/standards", params={"q": query}).text
    assert f">{expected}</a>" in page


def test_search_of_nothing_says_so(http):
    page = http.get("/standards", params={"q": "zzzz-none", "lang": "en"}).text
    assert "No match." in page


def test_loopback_only_answers_loopback_host_names(workspace):
    with client(workspace) as http:
        assert http.get("/", headers={"host": "localhost:8000"}).status_code == 200
        refused = http.get("/", headers={"host": "evil.example:8000"})
        assert refused.status_code == 403 and "127.0.0.1" in refused.text


def test_a_token_is_needed_off_loopback(workspace):
    with client(workspace, token="s3cret-token") as http:
        assert http.get("/", headers={"host": "10.0.0.5:8000"}).status_code == 403
        assert http.get("/?token=wrong").status_code == 403
        first = http.get("/standards?token=s3cret-token&q=K01", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/standards?q=K01"
        assert "HttpOnly" in first.headers["set-cookie"]
        # the cookie then stands for the token
        assert http.get("/standards", headers={"host": "10.0.0.5:8000"}).status_code == 200


def test_every_form_needs_the_csrf_token(http):
    posts = [r.path for r in http.app.routes if "POST" in (getattr(r, "methods", None) or ())]
    assert {"/plan", "/review/record", "/review/upload", "/mapping/edit"} <= set(posts)
    token = token_of(http)
    for path in posts:
        path = path.replace("{job}", "x")
        for data in ({}, {"csrf": "0" * 64}, {"csrf": token + "0"}):
            answer = http.post(path, data=data)
            assert answer.status_code == 403, (path, data)
            assert "CSRF" in answer.text
    # a token from another session is refused too
    with client(http.app.state.web.workspace.folder) as other:
        assert other.post("/plan", data={"csrf": token, "standard": BAS}).status_code == 403


def test_cross_site_origin_is_refused(http):
    token = token_of(http)
    answer = http.post(
        "/plan", data={"csrf": token, "standard": BAS}, headers={"origin": "http://evil.example"}
    )
    assert answer.status_code == 403


def test_headers_forbid_outside_resources_and_framing(http):
    answer = http.get("/")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    # nothing in a page points outside the machine
    for path in ("/", f"/standards/{BAS}", "/plan", "/review", "/mapping"):
        page = http.get(path).text
        assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in page, path


def test_a_large_body_is_refused_before_it_is_read(http):
    token = token_of(http)
    big = b"x" * (5 * 1024 * 1024 + 1)
    answer = http.post(
        "/review/upload", files={"file": ("programme.yaml", big)}, data={"csrf": token}
    )
    assert answer.status_code == 413
    # a body sent without its length is counted as it arrives
    chunks = (b"x" * 65536 for _ in range(100))
    streamed = http.post(
        "/review/upload",
        content=chunks,
        headers={"content-type": "multipart/form-data; boundary=b", "x-csrf-token": token},
    )
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    "name",
    ["../standards/BAS1499-001v4.yaml", "/etc/passwd", "standards/BAS1499-001v4.yaml",
     "examples/../examples/programme-BAS1499-001v4.yaml", "nope.yaml"],
)  # fmt: skip
def test_paths_are_confined_to_the_workspace(http, name):
    answer = http.get("/review/show", params={"programme": name})
    assert answer.status_code == 404 and "not a file of this workspace" in answer.text
    export = http.get("/mapping/export", params={"catalogue": name})
    assert export.status_code == 404


def test_a_link_leading_out_is_not_followed(workspace, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text((ROOT / "examples/programme-BAS1499-001v4.yaml").read_text("utf-8"))
    (workspace / "programme-link.yaml").symlink_to(outside)
    with client(workspace) as http:
        answer = http.get("/review/show", params={"programme": "programme-link.yaml"})
        assert answer.status_code == 404


def test_course_titles_are_escaped(workspace):
    catalogue = workspace / "courses" / "example-provider.yaml"
    text = catalogue.read_text("utf-8").replace(
        "title: 客戶服務政策與目標", "title: '<script>alert(1)</script>&\"x'"
    )
    catalogue.write_text(text, encoding="utf-8")
    with client(workspace) as http:
        for path in (
            f"/mapping?standard={BAS}",
            "/review/show?programme=examples/programme-BAS1499-001v4.yaml",
        ):
            page = http.get(path).text
            assert "<script>alert(1)" not in page
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#34;x"
            in http.get(f"/mapping?standard={BAS}").text
        )


def test_broken_data_shows_the_validate_messages(workspace):
    (workspace / "courses" / "broken.yaml").write_text("courses:\n  - {code: X1, title: t}\n")
    with client(workspace) as http:
        page = http.get("/?lang=en").text
        assert "as curriculum validate lists them" in page
        assert "broken.yaml" in page and "hours" in page
        problems = page.split('class="problems"')[1]
        assert str(workspace) not in problems  # paths relative to the folder
        # the standards are shown all the same
        assert http.get(f"/standards/{BAS}").status_code == 200
        assert http.get("/standards", params={"q": "K07"}).status_code == 200
        assert http.get("/plan").status_code == 400  # plans need the catalogues


def test_serve_without_the_extra_says_what_to_install():
    code = (
        "import sys\n"
        "for name in ('starlette', 'uvicorn', 'jinja2', 'multipart', 'python_multipart'):\n"
        "    sys.modules[name] = None\n"
        "from curriculum.cli import main\n"
        "main(['serve', '--no-browser'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Error: curriculum serve needs the web extra: pip install 'curriculum[web]'"
    )


@pytest.mark.slow
def test_the_cli_does_not_import_the_web_stack():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from curriculum.cli import main\n"
        "CliRunner().invoke(main, ['standards', 'list'])\n"
        "CliRunner().invoke(main, ['serve', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'uvicorn', 'jinja2', 'multipart', 'curriculum.web')))\n"
        "print('curriculum.web' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == ["[]", "False"], done.stderr


def test_serve_help_lists_its_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--no-browser"):
        assert option in result.stdout


def test_csrf_token_is_in_every_form(http):
    for path in ("/plan", "/review", f"/mapping?standard={BAS}"):
        page = http.get(path).text
        token = csrf(page)
        forms = page.count('method="post"')
        assert forms and page.count(f'name="csrf" value="{token}"') == forms, path


def test_the_default_language_is_the_standards(workspace, tmp_path):
    with client(workspace) as http:
        assert '<html lang="zh-TW">' in http.get("/").text
    english = tmp_path / "en"
    (english / "standards").mkdir(parents=True)
    text = (ROOT / "standards" / "BAS1499-001v4.yaml").read_text("utf-8")
    (english / "standards" / "X.yaml").write_text(
        text.replace("language: zh-TW", "language: en"), encoding="utf-8"
    )
    (english / "courses").mkdir()
    with client(english) as http:
        assert '<html lang="en">' in http.get("/").text


def test_workspace_problems_follow_the_page_language(workspace):
    """The loaded library's problems are kept per language: the English page after the
    zh-TW one (the files unchanged) is worded in English, and back."""
    (workspace / "courses" / "broken.yaml").write_text("courses:\n  - {code: X1, title: t}\n")
    with client(workspace) as http:
        for lang, said, other in (("zh-TW", "缺少欄位", "missing key"),
                                  ("en", "missing key", "缺少欄位"),
                                  ("zh-TW", "缺少欄位", "missing key")):  # fmt: skip
            page = http.get("/", params={"lang": lang}).text
            assert "broken.yaml" in page and said in page and other not in page, lang
