"""The mapping editor: edits saved atomically, once, with undo; conflicts refused;
suggestions as ``courses suggest``; validation; import and export."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner
from webclient import BAS, CATALOGUE, client, make_workspace, token_of

from curriculum.cli import main
from curriculum.io.loaders import load_catalogue

JSON = {"accept": "application/json"}


@pytest.fixture
def workspace(tmp_path):
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def http(workspace):
    with client(workspace) as http:
        yield http


def page(http, **params):
    return http.get("/mapping", params={"catalogue": CATALOGUE, "standard": BAS, **params}).text


def version(text: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', text).group(1))


def edit(http, cell, base, edit_id, **extra):
    data = {"csrf": token_of(http, "/mapping"), "catalogue": CATALOGUE, "standard": BAS,
            "version": str(base), "cell": cell, "edit_id": edit_id, **extra}  # fmt: skip
    return http.post("/mapping/edit", data=data, headers=JSON)


def claims(workspace, code):
    data = yaml.safe_load((workspace / CATALOGUE).read_text("utf-8"))
    course = next(c for c in data["courses"] if c["code"] == code)
    return course.get("covers", {}).get(BAS, []), course.get("level")


def test_matrix_filters_by_task_and_type(http):
    whole = page(http)
    t12 = page(http, task="T1.2")
    skills = page(http, task="T1.2", kind="S")
    count = lambda text: text.count('<th scope="col"')  # noqa: E731
    assert count(whole) > count(t12) > count(skills) > 0
    assert count(t12) == 13  # K01-K07 and S01-S06
    assert 'data-course="CS-102" data-item="K01" aria-pressed="true"' in t12
    assert 'data-course="CS-101" data-item="K07" aria-pressed="false"' in t12


def test_claim_unclaim_and_level_are_saved_to_the_file(http, workspace):
    base = version(page(http))
    answer = edit(http, "claim CS-101 K07", base, "e1")
    assert answer.status_code == 200 and answer.json()["ok"]
    assert claims(workspace, "CS-101") == (["K01", "K02", "K07"], 3)
    base = answer.json()["version"]
    base = edit(http, "level CS-101", base, "e2", level="4").json()["version"]
    assert claims(workspace, "CS-101") == (["K01", "K02", "K07"], 4)
    edit(http, "unclaim CS-101 K01", base, "e3")
    assert claims(workspace, "CS-101") == (["K02", "K07"], 4)
    # the CLI reads the same file
    listed = CliRunner().invoke(
        main,
        ["courses", "list", "--standards", str(workspace / "standards"),
         "--catalogue", str(workspace / "courses"), "--format", "json"],
    )  # fmt: skip
    course = next(c for c in json.loads(listed.stdout) if c["code"] == "CS-101")
    assert course["level"] == 4
    # the file's header comments are kept
    assert (workspace / CATALOGUE).read_text("utf-8").startswith("# EXAMPLE DATA.")


def test_an_edit_sent_twice_is_applied_once(http, workspace):
    base = version(page(http))
    first = edit(http, "claim CS-101 K07", base, "same-id").json()
    second = edit(http, "claim CS-101 K07", base, "same-id").json()
    assert first["version"] == second["version"] == base + 1
    assert claims(workspace, "CS-101")[0].count("K07") == 1
    state = http.app.state.web.editor.state(CATALOGUE)
    assert [a.id for a in state.history] == ["same-id"]


def test_other_cells_edited_meanwhile_are_kept_and_sent_back(http, workspace):
    base = version(page(http))
    edit(http, "claim CS-101 K07", base, "a")  # another page
    answer = edit(http, "claim CS-102 K04", base, "b").json()  # this page, base unchanged
    assert answer["ok"]
    assert {(c["op"], c["course"], c["item"]) for c in answer["changes"]} == {
        ("claim", "CS-101", "K07"),
        ("claim", "CS-102", "K04"),
    }
    assert "K07" in claims(workspace, "CS-101")[0] and "K04" in claims(workspace, "CS-102")[0]


def test_the_same_cell_edited_meanwhile_is_a_conflict(http, workspace):
    base = version(page(http))
    edit(http, "claim CS-101 K07", base, "a")
    answer = edit(http, "unclaim CS-101 K07", base, "b")
    assert answer.status_code == 409 and not answer.json()["ok"]
    assert "K07" in claims(workspace, "CS-101")[0]


def test_a_change_on_disk_is_never_overwritten(http, workspace):
    base = version(page(http))
    path = workspace / CATALOGUE
    changed = path.read_text("utf-8").replace("hours: 18", "hours: 19", 1)
    path.write_text(changed, encoding="utf-8")  # the CLI or another editor
    answer = edit(http, "claim CS-101 K07", base, "x")
    assert answer.status_code == 409
    assert "在本頁載入後已被其他人或程式修改" in answer.json()["message"]
    assert path.read_text("utf-8") == changed
    # after a reload the edit goes through
    fresh = version(page(http))
    assert fresh > base
    assert edit(http, "claim CS-101 K07", fresh, "z").status_code == 200
    assert "hours: 19" in path.read_text("utf-8")


def test_undo_reverses_the_last_edits(http, workspace):
    before = (workspace / CATALOGUE).read_text("utf-8")
    base = version(page(http))
    base = edit(http, "claim CS-101 K07", base, "1").json()["version"]
    base = edit(http, "level CS-101", base, "2", level="5").json()["version"]
    assert claims(workspace, "CS-101") == (["K01", "K02", "K07"], 5)
    for n in range(2):
        assert edit(http, "", base, f"u{n}", undo="1").status_code == 200
    assert claims(workspace, "CS-101") == (["K01", "K02"], 3)
    assert yaml.safe_load((workspace / CATALOGUE).read_text("utf-8")) == yaml.safe_load(before)
    nothing = edit(http, "", base, "u9", undo="1")
    assert nothing.status_code == 400


@pytest.mark.parametrize(
    ("cell", "extra"),
    [("claim NOPE-1 K01", {}), ("level CS-101", {"level": "x"}), ("level CS-101", {"level": "-2"}),
     ("drop CS-101", {}), ("claim CS-101 K99", {})],
)  # fmt: skip
def test_bad_edits_are_refused_and_nothing_is_written(http, workspace, cell, extra):
    before = (workspace / CATALOGUE).read_bytes()
    answer = edit(http, cell, version(page(http)), "bad", **extra)
    assert answer.status_code == 400
    assert not answer.json()["ok"] and answer.json()["message"]
    assert (workspace / CATALOGUE).read_bytes() == before


def test_a_plain_form_edit_redirects_back(http, workspace):
    data = {"csrf": token_of(http), "catalogue": CATALOGUE, "standard": BAS, "task": "T1.2",
            "version": str(version(page(http))), "cell": "claim CS-101 K07"}  # fmt: skip
    answer = http.post("/mapping/edit", data=data, follow_redirects=False)
    assert answer.status_code == 303 and "task=T1.2" in answer.headers["location"]
    assert "K07" in claims(workspace, "CS-101")[0]


def test_suggestions_are_those_of_courses_suggest(http, workspace):
    result = CliRunner().invoke(
        main,
        ["courses", "suggest", str(workspace / CATALOGUE), "--standard", BAS, "--format", "json",
         "--standards", str(workspace / "standards")],
    )  # fmt: skip
    expected = {(s["course"], s["item"]) for s in json.loads(result.stdout)["suggestions"]}
    text = page(http)
    shown = set(re.findall(r'value="claim (\S+) (\S+)" class="accept"', text))
    assert shown == expected and expected


def test_export_round_trips(http, workspace):
    original = load_catalogue(workspace / CATALOGUE)
    for fmt in ("yaml", "csv", "xlsx"):
        answer = http.get("/mapping/export", params={"catalogue": CATALOGUE, "format": fmt})
        assert answer.status_code == 200
        path = workspace / f"export.{fmt}"
        path.write_bytes(answer.content)
        back = load_catalogue(path)
        assert [(c.code, c.hours, c.level, c.covers, c.prerequisites) for c in back.courses] == [
            (c.code, c.hours, c.level, c.covers, c.prerequisites) for c in original.courses
        ], fmt
        path.unlink()


def test_import_a_filled_template(http, workspace):
    template = workspace / "t.csv"
    made = CliRunner().invoke(
        main,
        ["courses", "template", str(template), "--standard", BAS,
         "--standards", str(workspace / "standards")],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    lines = template.read_text("utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = [""] * len(header)
    row[0], row[1], row[2], row[4] = "NEW-1", "新課程", "6", "4"
    k01 = next(n for n, h in enumerate(header) if h.startswith(f"{BAS}:K01"))
    row[k01] = "yes"
    body = ",".join(header) + "\n" + ",".join(row) + "\n"
    answer = http.post(
        "/mapping/import",
        data={"csrf": token_of(http)},
        files={"file": ("new courses.csv", body.encode())},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:800]
    imported = load_catalogue(workspace / "courses" / "new_courses.yaml")
    assert [c.code for c in imported.courses] == ["NEW-1"]
    assert imported.courses[0].covers == {BAS: ("K01",)}
    assert "new_courses.yaml" in http.get(answer.headers["location"]).text


def test_import_clashing_with_the_workspace_is_refused(http, workspace):
    data = (workspace / CATALOGUE).read_bytes()  # the same course codes again
    answer = http.post(
        "/mapping/import", data={"csrf": token_of(http)}, files={"file": ("again.yaml", data)}
    )
    assert answer.status_code == 400 and "CS-101" in answer.text
    assert sorted(p.name for p in (workspace / "courses").iterdir()) == ["example-provider.yaml"]


def test_an_accepted_suggestion_leaves_the_list(http):
    text = page(http)
    course, item = sorted(re.findall(r'value="claim (\S+) (\S+)" class="accept"', text))[0]
    answer = edit(http, f"claim {course} {item}", version(text), "accept-1")
    assert answer.status_code == 200, answer.text
    after = set(re.findall(r'value="claim (\S+) (\S+)" class="accept"', page(http)))
    assert (course, item) not in after


def test_import_problems_speak_the_page_language_whichever_spoke_before(http, workspace):
    """The loaders word an upload's problems in the request's language, not the
    server's: zh-TW, then English, then zh-TW again from the same server."""
    uploads = [
        ("again.yaml", (workspace / CATALOGUE).read_bytes(), "代碼已用於", "code already used"),
        ("bad.yaml", b"courses:\n  - {code: X, hours: -1}\n", "時數應大於或等於 0", "hours should"),
        ("broken.yaml", b"courses: [\n", "YAML 格式錯誤", "invalid YAML"),
    ]
    for lang in ("zh-TW", "en", "zh-TW"):
        http.get("/mapping", params={"lang": lang})
        for name, body, zh, en in uploads:
            answer = http.post(
                "/mapping/import", data={"csrf": token_of(http)}, files={"file": (name, body)}
            )
            assert answer.status_code == 400 and name in answer.text
            said, other = (zh, en) if lang == "zh-TW" else (en, zh)
            assert said in answer.text and other not in answer.text, (lang, name)
    assert sorted(p.name for p in (workspace / "courses").iterdir()) == ["example-provider.yaml"]
