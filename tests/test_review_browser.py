"""The HTML review report opened in a real headless Chromium.

Skipped when no Chromium is installed, unless CURRICULUM_REQUIRE_BROWSER=1 (set
by .ci/run), in which case a missing browser fails the test. Set
CURRICULUM_ARTIFACTS=DIR to keep the screenshot and the PDF.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from browser import Browser, find_chromium
from click.testing import CliRunner
from conftest import ROOT

from curriculum.cli import main

EXAMPLE = ROOT / "examples" / "programme-BAS1499-001v4.yaml"
ARGS = ["--standards", str(ROOT / "standards"), "--catalogue", str(ROOT / "courses")]
CJK_FONT = re.compile(r"CJK|Noto Sans TC|Noto Serif TC|Source Han|WenQuanYi|Droid Sans Fallback")


@pytest.fixture(scope="module")
def chromium() -> str:
    """The Chromium executable, or a skip (a failure under CURRICULUM_REQUIRE_BROWSER=1)."""
    found = find_chromium()
    if found is None:
        reason = (
            "Chromium not found: install it (Debian: apt-get install chromium "
            "fonts-noto-cjk) to run the HTML report browser test"
        )
        if os.environ.get("CURRICULUM_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (CURRICULUM_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return found


@pytest.mark.slow
def test_html_report_in_headless_chromium(chromium, tmp_path):
    report = tmp_path / "review.html"
    result = CliRunner().invoke(
        main, ["review", str(EXAMPLE), *ARGS, "--format", "html", "-o", str(report)]
    )
    assert result.exit_code == 3, result.stderr
    data = json.loads(
        CliRunner().invoke(main, ["review", str(EXAMPLE), *ARGS, "--format", "json"]).stdout
    )
    required = [r["code"] for r in data["matrix"]]

    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.open(report)
        # it renders: the title and every section are laid out with a size
        assert browser.evaluate("document.title").startswith("課程認證審查")
        headings = browser.evaluate("[...document.querySelectorAll('h2')].map(h => h.innerText)")
        assert headings[:3] == ["各工作任務涵蓋率", "涵蓋矩陣", "審查發現"]
        height = browser.evaluate("document.querySelector('table.matrix').offsetHeight")
        assert height > 19 * 15
        # one matrix row per required item, in the standard's order
        rows = browser.evaluate(
            "[...document.querySelectorAll('table.matrix tbody tr')].map(r => r.dataset.item)"
        )
        assert rows == required and len(rows) == 19
        # the CJK headings are drawn with a real CJK font, not a fallback box
        for selector in ("h1", "h2", "table.matrix td.name"):
            fonts = browser.fonts_for(selector)
            cjk = [f for f in fonts if CJK_FONT.search(f["familyName"])]
            assert cjk and sum(f["glyphCount"] for f in cjk) >= 4, (selector, fonts)
        # a screenshot of the whole page, and an A4 print
        shot = tmp_path / "review.png"
        browser.screenshot(shot)
        pdf = browser.pdf()
    finally:
        browser.close()
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    width = int.from_bytes(png[16:20], "big")
    assert width == 1280
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 842) < 2 and abs(float(h) - 595) < 2 for w, h in boxes), (
        boxes
    )  # A4 landscape in points
    keep = os.environ.get("CURRICULUM_ARTIFACTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "review.png")
        (Path(keep) / "review.pdf").write_bytes(pdf)
