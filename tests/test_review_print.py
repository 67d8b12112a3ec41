"""The HTML review of a wide programme (36 courses) in headless Chromium: a scrolling
matrix with a sticky header row and a frozen item column on screen, and an A4 print
whose parts carry every course column; and the screenshots under docs/screenshots/.

Skipped without Chromium unless CURRICULUM_REQUIRE_BROWSER=1 (CI). The PDF's text
is read with ``pdftotext`` (poppler-utils) when installed, required under
CURRICULUM_REQUIRE_BROWSER=1. ``CURRICULUM_UPDATE_SCREENSHOTS=1`` rewrites the
committed screenshots; otherwise the test checks them against fresh ones.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import Browser, find_chromium
from click.testing import CliRunner
from conftest import DATA, ROOT

from curriculum.cli import main

WIDE = DATA / "review" / "programme-36.yaml"
EXAMPLE = ROOT / "examples" / "programme-BAS1499-001v4.yaml"
ARGS = ["--standards", str(ROOT / "standards"), "--catalogue", str(ROOT / "courses")]
SHOTS = ROOT / "docs" / "screenshots"
REQUIRED = os.environ.get("CURRICULUM_REQUIRE_BROWSER") == "1"


def _require(what: str) -> None:
    if REQUIRED:
        pytest.fail(f"{what} (CURRICULUM_REQUIRE_BROWSER=1)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        _require("Chromium not found: apt-get install chromium fonts-noto-cjk")
    return found


def _html(tmp_path: Path, programme: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["review", str(programme), *ARGS, "--format", "html", "-o", str(out), *extra]
    )
    assert result.exit_code in (0, 3), result.output
    return out


def _codes(programme: Path) -> list[str]:
    import json

    data = json.loads(
        CliRunner().invoke(main, ["review", str(programme), *ARGS, "--format", "json"]).stdout
    )
    return [c["code"] for c in data["courses"]]


@pytest.mark.slow
def test_wide_matrix_scrolls_with_sticky_header_and_item_column(chromium, tmp_path):
    page = _html(tmp_path, WIDE, "wide.html")
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(page, width=1280, height=900)
        box = "document.querySelector('div.scroll')"
        assert browser.evaluate(f"{box}.scrollWidth > {box}.clientWidth")  # it scrolls
        browser.evaluate(f"{box}.scrollTo(600, 200)")
        where = browser.evaluate(
            f"""(() => {{
              const frame = {box}.getBoundingClientRect();
              const head = document.querySelector('table.matrix thead th.course')
                .getBoundingClientRect();
              const item = document.querySelector('table.matrix tbody td.item')
                .getBoundingClientRect();
              return [frame.top, frame.left, head.top, item.left];
            }})()"""
        )
    finally:
        browser.close()
    top, left, head_top, item_left = where
    assert abs(head_top - top) <= 2, where  # the header row stays on top
    assert abs(item_left - left) <= 2, where  # the item column stays on the left


def _print_layout(browser: Browser) -> dict:
    """Under print media at the A4 landscape content width (277 mm at 96 dpi): the
    visible matrix parts, their course columns and their right edges."""
    browser.page("Emulation.setEmulatedMedia", media="print")
    browser.page(
        "Emulation.setDeviceMetricsOverride",
        width=1047,
        height=740,
        deviceScaleFactor=1,
        mobile=False,
    )
    return browser.evaluate(
        """(() => {
          const parts = [...document.querySelectorAll('table.part')]
            .filter(t => t.offsetParent !== null);
          return {
            screen: document.querySelector('div.scroll').offsetParent !== null,
            parts: parts.length,
            right: Math.max(...parts.map(t => t.getBoundingClientRect().right)),
            items: parts.map(t => t.querySelector('tbody td.item') !== null),
            courses: parts.flatMap(
              t => [...t.querySelectorAll('th.course')].map(th => th.innerText)),
          };
        })()"""
    )


@pytest.mark.slow
def test_print_splits_the_matrix_and_keeps_every_course_column(chromium, tmp_path):
    page = _html(tmp_path, WIDE, "wide.html")
    codes = _codes(WIDE)
    assert len(codes) == 36
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(page, width=1280, height=900)
        pdf = browser.pdf()
        layout = _print_layout(browser)
    finally:
        browser.close()
    # the printed matrix: parts that each fit the page, the item column in each
    assert not layout["screen"]
    assert layout["parts"] == 4 and all(layout["items"])
    assert layout["right"] <= 1047, layout
    assert layout["courses"] == codes
    # the PDF: every course column is printed
    assert pdf.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        _require("pdftotext not found: apt-get install poppler-utils")
    (tmp_path / "wide.pdf").write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "wide.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    missing = [code for code in codes if code not in text]
    assert not missing, missing
    assert "課程 1–10（共 36 門）" in text and "課程 31–36（共 36 門）" in text


SCREENSHOTS = {
    "review-zh-TW-8-courses.png": (EXAMPLE, (), False),
    "review-zh-TW-36-courses.png": (WIDE, (), True),
}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _check_or_write(shot: Path, name: str) -> None:
    """Write the committed screenshot (CURRICULUM_UPDATE_SCREENSHOTS=1) or check that
    the committed one has the fresh one's size (pixels differ with fonts)."""
    committed = SHOTS / name
    if os.environ.get("CURRICULUM_UPDATE_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, committed)
        return
    assert committed.is_file(), f"{committed} is missing: CURRICULUM_UPDATE_SCREENSHOTS=1"
    fresh, kept = _png_size(shot.read_bytes()), _png_size(committed.read_bytes())
    assert fresh[0] == kept[0] and abs(fresh[1] - kept[1]) <= 0.1 * kept[1], (fresh, kept)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCREENSHOTS))
def test_review_screenshots(chromium, tmp_path, name):
    programme, extra, scrolled = SCREENSHOTS[name]
    page = _html(tmp_path, programme, "review.html", "--lang", "zh-TW", *extra)
    browser = Browser(chromium, tmp_path / "profile")
    shot = tmp_path / name
    try:
        browser.open(page, width=1280, height=900)
        if scrolled:  # the wide matrix, scrolled: the header and item column stay
            browser.evaluate("document.querySelector('#matrix').scrollIntoView()")
            browser.evaluate("document.querySelector('div.scroll').scrollTo(900, 120)")
            browser.screenshot(shot, full_page=False)
        else:
            browser.screenshot(shot)
    finally:
        browser.close()
    assert _png_size(shot.read_bytes())[0] == 1280
    _check_or_write(shot, name)


@pytest.mark.slow
def test_frontier_chart_screenshot(chromium, tmp_path):
    pytest.importorskip("matplotlib")
    svg = tmp_path / "frontier.svg"
    result = CliRunner().invoke(
        main,
        ["frontier", "BAS1499-001v4", *ARGS, "--lang", "zh-TW", "--plot", str(svg)],
    )
    assert result.exit_code == 0, result.output
    page = tmp_path / "frontier.html"
    page.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<img src="{svg.name}" style="width:1280px;display:block"></body></html>',
        encoding="utf-8",
    )
    shot = tmp_path / "frontier-BAS1499-001v4-zh-TW.png"
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(page, width=1280, height=768)
        browser.screenshot(shot)
    finally:
        browser.close()
    assert _png_size(shot.read_bytes())[0] == 1280
    _check_or_write(shot, shot.name)
