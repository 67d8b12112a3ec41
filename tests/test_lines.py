"""Line breaking by each language's rules, and reports within the terminal's width."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from curriculum.cli import main
from curriculum.i18n import lines
from curriculum.i18n.lines import NO_START, display_width, width, wrap, wrap_cell

BAS = "BAS1499-001v4"
COMPARE = [
    "review",
    "--compare",
    str(ROOT / "tests" / "data" / "compare" / "programme-a.yaml"),
    str(ROOT / "tests" / "data" / "compare" / "programme-b.yaml"),
    "--catalogue",
    str(ROOT / "courses"),
    "--catalogue",
    str(ROOT / "tests" / "data" / "compare" / "provider-b.yaml"),
]


def widest(text: str) -> int:
    return max((display_width(line) for line in text.splitlines()), default=0)


def test_no_line_starts_with_closing_punctuation_and_codes_stay_whole():
    lines = wrap("甲乙丙丁戊己庚辛壬癸、子丑寅卯", 20)
    assert lines == ["甲乙丙丁戊己庚辛壬", "  癸、子丑寅卯"]
    assert wrap("see K04 DA-303 的先修課程", 12) == ["see K04", "  DA-303 的", "  先修課程"]
    assert wrap_cell("K01 K02 K03 K04", 7).split("\n") == ["K01 K02", "K03 K04"]


def test_money_is_never_split():
    text = "個別規劃（每人各自規劃、各自計價）：新臺幣 1,702,500 元；併班上課：新臺幣 463,500 元"
    for columns in range(30, 90):
        for line in wrap(text, columns):
            assert "新臺幣" not in line or "元" in line.split("新臺幣")[-1], (columns, line)
    assert wrap("Saving: TWD 1,320,900 (78%)", 14) == ["Saving: TWD", "  1,320,900", "  (78%)"] or (
        "TWD 1,320,900" in "".join(wrap("Saving: TWD 1,320,900 (78%)", 16))
    )


UNITS = st.tuples(st.sampled_from(["甲", "乙", "丙", "ab", "K01", " "]), st.sampled_from(
    ["", "", "、", "，", "。）", "："]
)).filter(lambda u: u[0] != " " or not u[1])  # fmt: skip
# punctuation follows a character, as in real text


@given(st.lists(UNITS, min_size=1, max_size=40).map(lambda u: "".join(a + b for a, b in u)),
       st.integers(8, 40))  # fmt: skip
def test_wrapped_lines_fit_and_never_start_with_closing_punctuation(text, columns):
    lines = wrap(text, columns, indent="")
    for line in lines:
        assert display_width(line) <= columns or " " not in line.strip()
        assert not line or line[0] not in NO_START or line == lines[0] or line[:1] == " "


def test_columns_narrows_reports(monkeypatch):
    assert width() == 100
    monkeypatch.setenv("COLUMNS", "60")
    assert width() == 60
    out = CliRunner().invoke(main, ["plan", BAS, "T1.2", "--max-cost", "30000"]).stdout
    assert widest(out) <= 60 or "----" in out  # notes wrap; tables keep their columns
    notes = out.split("\n\n")[-1]
    assert widest(notes) <= 60
    monkeypatch.setenv("COLUMNS", "300")
    assert width() == 100


def test_compare_and_standards_show_fit_100_columns_unless_wide():
    for lang in ("en", "zh-TW"):
        compare = CliRunner().invoke(main, [*COMPARE, "--lang", lang]).stdout
        assert 80 < widest(compare) <= 100
        show = CliRunner().invoke(main, ["standards", "show", "AVA2173-001v4", "--lang", lang])
        assert widest(show.stdout) <= 100
    wide = CliRunner().invoke(main, ["standards", "show", "AVA2173-001v4", "--wide"]).stdout
    assert widest(wide) > 100


def test_short_terms_stay_whole_and_sentences_still_break():
    """A table's terms (two to four ideographs between spaces or punctuation) move down
    whole: 級別缺口 never reads 級別缺 / 口; a longer run breaks between characters."""
    assert wrap("缺口 K07；級別缺口 S04", 16, indent="") == ["缺口 K07；", "級別缺口 S04"]
    assert wrap("缺口 K07 級別缺口；S04", 16, indent="") == ["缺口 K07", "級別缺口；S04"]
    lines = wrap("相較比較基準節省新臺幣", 12, indent="")
    assert lines[0] == "相較比較基準"


def test_no_line_ends_with_an_opening_bracket():
    assert wrap("範例訓練中心（示範資料）", 14, indent="") == ["範例訓練中心", "（示範資料）"]


# The units as a regular expression: the specification the hand-written scanner of
# curriculum.i18n.lines follows (too slow to compile at every start of a command).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff"
_MONEY = r"新臺幣 [\d,.]+ 元|\b[A-Z]{3} [\d,.]+"
_SHORT = f"(?<![{_IDEOGRAPHS}])[{_IDEOGRAPHS}]{{2,4}}(?![{_IDEOGRAPHS}])"
_UNIT = f"{_MONEY}|{_SHORT}|[{_WIDE}]|[^\\s{_WIDE}]+"
_SPEC = re.compile(f"[{lines.OPENING}]*(?:{_UNIT})|[^\\S\u00a0]+")
_SPEC_LAST = re.compile(f"[{lines.OPENING}]*(?:{_UNIT})$")
_ALPHABET = "ab AZ,.1１（「『《〈【級別缺口無新臺幣元、，。）」\t\n\u3000TWD65ＡーㄅＵＳＤ_"


@given(st.text(alphabet=_ALPHABET, max_size=24))
def test_the_scanner_splits_as_the_specification(text):
    """Units and the last unit of a line exactly as the regular expression finds them
    (a no-break space aside: the expression dropped it, the scanner glues with it)."""
    assert lines.tokens(text) == _SPEC.findall(text)
    last = _SPEC_LAST.search(text)
    assert lines._last(text) == (None if last is None else last.start())


def test_money_codes_terms_and_brackets_are_units():
    assert lines.tokens("（含）新臺幣 65,000 元 TWD 1,200 級別缺口、DA-303") == [
        "（含",
        "）",
        "新臺幣 65,000 元",
        " ",
        "TWD 1,200",
        " ",
        "級別缺口",
        "、",
        "DA-303",
    ]


def test_a_no_break_space_glues_and_is_kept():
    assert wrap("a\u00a0b  c", 100) == ["a\u00a0b  c"]
    assert wrap("aaaa\u00a0bbbb cc", 9, indent="") == ["aaaa\u00a0bbbb", "cc"]


@given(st.text(alphabet=_ALPHABET, max_size=40), st.integers(min_value=4, max_value=30))
def test_a_text_that_fits_is_one_line_as_the_unit_walk_gives_it(text, columns):
    """The shortcut for a text that fits gives what breaking unit by unit gives."""
    assert wrap(text, columns, indent="  ") == lines._wrap(text, columns, "  ")
