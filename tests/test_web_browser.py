"""The web workspace end to end in headless Chromium: mapping (mouse and keyboard),
planning (background solve) and review (record), with the screenshots under
docs/screenshots/ (``CURRICULUM_UPDATE_SCREENSHOTS=1`` rewrites them; otherwise
fresh ones are checked against them).

Skipped without Chromium unless CURRICULUM_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest
import yaml
from browser import Browser, find_chromium
from test_review_print import _check_or_write, _png_size
from webclient import BAS, CATALOGUE, PROGRAMME, make_workspace

from curriculum.web.app import create_app

uvicorn = pytest.importorskip("uvicorn")


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium executable, or a skip (a failure under CURRICULUM_REQUIRE_BROWSER=1)."""
    found = find_chromium()
    if found is None:
        reason = "Chromium not found: apt-get install chromium fonts-noto-cjk"
        if os.environ.get("CURRICULUM_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (CURRICULUM_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return found


@pytest.fixture
def server(tmp_path):
    """A workspace of its own, served by uvicorn on a free loopback port, in a thread."""
    folder = make_workspace(tmp_path / "ws")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(folder), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started
    yield folder, f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(chromium, tmp_path):
    opened = Browser(chromium, tmp_path / "profile")
    yield opened
    opened.close()


def shot(browser: Browser, tmp_path, name: str) -> None:
    path = tmp_path / name
    browser.screenshot(path, full_page=False)
    assert _png_size(path.read_bytes())[0] == 1280
    _check_or_write(path, name)


def claims(folder, code):
    data = yaml.safe_load((folder / CATALOGUE).read_text("utf-8"))
    course = next(c for c in data["courses"] if c["code"] == code)
    return course["covers"].get(BAS, []), course.get("level")


@pytest.mark.slow
def test_mapping_by_mouse_and_keyboard(server, browser, tmp_path):
    folder, url = server
    browser.goto(f"{url}/mapping?catalogue={CATALOGUE}&standard={BAS}&task=T1.2&lang=zh-TW")
    assert browser.evaluate("document.querySelectorAll('button.cell').length") > 100
    # a click claims K07 for CS-101
    browser.evaluate('document.querySelector(\'[data-course="CS-101"][data-item="K07"]\').click()')
    browser.wait_until("document.getElementById('edit-status').textContent.includes('CS-101')")
    assert "K07" in claims(folder, "CS-101")[0]
    assert (
        browser.evaluate(
            'document.querySelector(\'[data-course="CS-101"][data-item="K07"]\')'
            ".getAttribute('aria-pressed')"
        )
        == "true"
    )
    # the keyboard: focus CS-101 K01, right arrow to K02, Space unclaims it, 5 sets the level
    browser.evaluate('document.querySelector(\'[data-course="CS-101"][data-item="K01"]\').focus()')
    browser.press("ArrowRight", "ArrowRight", 39)
    assert browser.evaluate("document.activeElement.dataset.item") == "K02"
    browser.press(" ", "Space", 32, " ")
    browser.wait_until("document.activeElement.getAttribute('aria-pressed') === 'false'")
    browser.wait_until("!document.getElementById('edit-status').textContent.includes('K07')")
    browser.press("5", "Digit5", 53, "5")
    browser.wait_until("document.getElementById('edit-status').textContent.includes('5')")
    assert claims(folder, "CS-101") == (["K01", "K07"], 5)
    browser.press("ArrowDown", "ArrowDown", 40)
    assert browser.evaluate("document.activeElement.dataset.course") == "CS-102"
    shot(browser, tmp_path, "web-mapping-zh-TW.png")
    # undo twice (level, then the unclaim)
    for _ in range(2):
        browser.evaluate("document.getElementById('undo').click()")
        time.sleep(0.3)
        browser.wait_until(
            "document.readyState === 'complete' && !!document.getElementById('undo')"
        )
    browser.wait_until(
        'document.querySelector(\'[data-course="CS-101"][data-item="K02"]\')'
        ".getAttribute('aria-pressed') === 'true'"
    )
    assert claims(folder, "CS-101") == (["K01", "K07", "K02"], 3)


@pytest.mark.slow
def test_planning_in_the_background(server, browser, tmp_path):
    _folder, url = server
    browser.goto(f"{url}/plan?standard={BAS}&lang=zh-TW")
    browser.evaluate("document.querySelector('input[value=\"T1.2\"]').click()")
    browser.evaluate("document.getElementById('plan-run').click()")
    browser.wait_until("location.pathname.startsWith('/plan/jobs/')")
    total = browser.wait_until("document.getElementById('plan-total')?.dataset.hours")
    assert total == "84"
    assert browser.evaluate("document.getElementById('plan-gaps').textContent") == "K07"
    assert browser.evaluate("document.querySelectorAll('svg.frontier circle').length") == 12
    shot(browser, tmp_path, "web-plan-zh-TW.png")


@pytest.mark.slow
def test_review_and_its_record(server, browser, tmp_path):
    folder, url = server
    browser.goto(f"{url}/review/show?programme={PROGRAMME}&lang=zh-TW")
    rows = browser.evaluate("document.querySelectorAll('#matrix tbody tr').length")
    assert rows == 19
    colour = browser.evaluate(
        "getComputedStyle(document.querySelector('#matrix td.heat-low')).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    browser.evaluate("document.querySelector('input[name=reviewer]').value = '王審查'")
    browser.evaluate("document.querySelector('input[name=\"note-0\"]').value = '補開課程後再審'")
    browser.evaluate("document.getElementById('record-save').click()")
    browser.wait_until("location.search.includes('saved=1')")
    record = folder / "reviews" / "examples__programme-BAS1499-001v4.record.yaml"
    assert yaml.safe_load(record.read_text("utf-8"))["reviewer"] == "王審查"
    # the saved page may still be loading when its address changes: wait for the field
    note = "document.querySelector('input[name=\"note-0\"]')?.value"
    assert browser.wait_until(note) == "補開課程後再審"
    shot(browser, tmp_path, "web-review-zh-TW.png")


@pytest.mark.slow
def test_standards_search(server, browser, tmp_path):
    _folder, url = server
    browser.goto(f"{url}/standards?q=%E7%B0%A1%E5%A0%B1&lang=zh-TW")
    assert browser.evaluate("document.querySelectorAll('table.hits tbody tr').length") >= 1
    browser.evaluate("document.querySelector('a.lang').click()")
    browser.wait_until("document.documentElement.lang === 'en'")
    assert "Search" in browser.evaluate("document.querySelector('.search label').textContent")
    shot(browser, tmp_path, "web-standards-en.png")
