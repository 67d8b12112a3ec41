"""The schedule's reports: CSV, Markdown, XLSX, iCalendar (checked with a real
iCalendar parser) and the Gantt chart, built from Schedule objects directly."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date, datetime

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from curriculum import formats
from curriculum.errors import UsageError
from curriculum.planning.schedule_result import (
    Schedule,
    ScheduledCourse,
    ScheduleLimits,
    SchedulePeriod,
    SessionDates,
)
from curriculum.report.schedule.formats import RENDERERS, render_schedule
from curriculum.report.schedule.ics import UID_DOMAIN, fold, render_ics
from curriculum.report.schedule.tables import CSV_SECTIONS

NO_FONT_ZH = "找不到中文字型（Debian：apt-get install fonts-noto-cjk）："
LONG_CJK = "資料分析與視覺化進階實務應用課程：以公共資料集為例的專題實作與成果發表（含期末簡報）"
FORMULA = '=HYPERLINK("http://evil.example","x")'


def schedule(dated: bool = True, objective: str = "hours") -> Schedule:
    """Three periods (the third empty): a course with two sessions, a formula-like
    title, a long CJK title without sessions and a title with iCalendar specials."""

    def when(month: int, last: int) -> tuple[date | None, date | None]:
        return (date(2027, month, 1), date(2027, month + 2, last)) if dated else (None, None)

    periods = (
        SchedulePeriod(1, "2027-Q1" if dated else "1", *when(1, 31), ("CS-101", "X-1"), 18, 3000),
        SchedulePeriod(2, "2027-Q2" if dated else "2", *when(4, 30), ("CS-201", "CS-202"), 13.5, 0),
        SchedulePeriod(3, "2027-Q3" if dated else "3", *when(7, 30), (), 0, 0),
    )
    two = (
        SessionDates(date(2027, 3, 1), date(2027, 3, 5)),
        SessionDates(date(2027, 3, 15), date(2027, 3, 15)),
    )
    courses = (
        ScheduledCourse(
            "CS-101",
            "Intro, basics; part \\ one",
            1,
            12,
            2000,
            ("K01", "S02"),
            ("CS-201",),
            two if dated else (),
        ),
        ScheduledCourse("X-1", FORMULA, 1, 6, 1000, ("K02",)),
        ScheduledCourse("CS-201", LONG_CJK, 2, 12, None, ("S03",)),
        ScheduledCourse("CS-202", "Pipes | and\nbreaks", 2, 1.5, 0, ("S04",)),
    )
    return Schedule(
        "BAS1499-001v4",
        "客戶服務專案人員",
        ("T1", "T2"),
        objective,  # type: ignore[arg-type]
        "optimal",
        periods,
        courses,
        gaps=("K09",),
        limits=ScheduleLimits(max_hours=20, max_courses=3),
    )


def empty_schedule() -> Schedule:
    period = SchedulePeriod(1, "2027-01", date(2027, 1, 1), date(2027, 1, 31), (), 0, 0)
    return Schedule("S", None, (), "hours", "optimal", (period,), ())


def sections(text: str) -> dict[str, list[list[str]]]:
    """The CSV's sections by name (the first cell of each header names it)."""
    names = {header[0]: name for name, header in CSV_SECTIONS.items()}
    out = {}
    for block in text.split("\r\n\r\n"):
        rows = list(csv.reader(io.StringIO(block)))
        assert rows[0] == CSV_SECTIONS[names[rows[0][0]]]
        out[names[rows[0][0]]] = rows[1:]
    return out


# --------------------------------------------------------------------------- formats


def test_format_names_match_the_renderers():
    assert set(formats.SCHEDULE_FILE_FORMATS) == set(RENDERERS)
    assert set(formats.SCHEDULE_FORMATS) - set(formats.SCHEDULE_FILE_FORMATS) == {"table", "json"}
    with pytest.raises(KeyError):
        render_schedule(schedule(), "pdf")


# --------------------------------------------------------------------------- CSV


def test_csv_has_a_bom_sections_and_neutralised_formulas():
    text = render_schedule(schedule(), "csv")
    assert isinstance(text, str) and text.startswith("\ufeff")
    assert render_schedule(schedule(), "csv", bom=False) == text[1:]
    zh = render_schedule(schedule(), "csv", "zh-TW")  # headers in the reader's language
    assert zh.splitlines()[0] == "\ufeff期別,期別名稱,開始日期,結束日期,課程,時數,費用"
    assert zh.splitlines()[1:4] == text.splitlines()[1:4]  # the same data
    parts = sections(text[1:])
    assert [row[:2] for row in parts["periods"]] == [
        ["1", "2027-Q1"],
        ["2", "2027-Q2"],
        ["3", "2027-Q3"],
    ]
    assert parts["periods"][0][2:] == ["2027-01-01", "2027-03-31", "CS-101;X-1", "18", "3000"]
    assert parts["periods"][1][-2:] == ["13.5", "0"]
    by_code = {row[0]: row for row in parts["courses"]}
    assert list(by_code) == ["CS-101", "X-1", "CS-201", "CS-202"]
    assert by_code["CS-101"][6] == "2027-03-01–2027-03-05;2027-03-15"
    assert by_code["CS-101"][7:] == ["K01;S02", "CS-201"]
    assert by_code["X-1"][1] == "'" + FORMULA  # neutralised
    assert by_code["CS-201"][5] == ""  # unknown cost
    assert by_code["CS-202"][4] == "1.5"
    assert parts["total"] == [
        ["BAS1499-001v4", "hours", "optimal", "4", "2", "31.5", "3000", "TWD", "18"]
    ]


def test_csv_numbered_periods_have_no_dates():
    parts = sections(render_schedule(schedule(dated=False), "csv", bom=False))
    assert parts["periods"][0][:4] == ["1", "1", "", ""]
    assert all(row[6] == "" for row in parts["courses"])


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("lang", "heads", "period"),
    [("en", ("Periods", "Courses"), "Period 1"), ("zh-TW", ("各期", "課程"), "第 1 期")],
)
def test_markdown_has_a_title_two_sections_and_safe_cells(lang, heads, period):
    text = render_schedule(schedule(dated=False), "markdown", lang)
    lines = text.splitlines()
    assert lines[0].startswith("# ") and "BAS1499-001v4 客戶服務專案人員" in lines[0]
    assert [line for line in lines if line.startswith("#")][1:] == [f"## {h}" for h in heads]
    assert sum(line.startswith("# ") for line in lines) == 1
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) == 2 + 3 + 2 + 4  # two headers with rules, 3 periods, 4 courses
    assert any(line.startswith(f"| {period} ") for line in rows)
    assert "Pipes \\| and breaks" in text  # pipe escaped, line break removed
    assert "K09" in lines[-1]  # the gap note
    if lang == "zh-TW":
        assert "每期限制：≤ 20 小時；≤ 3 門課程" in text
        assert "合計：4 門課程，2 期，31.5 小時，新臺幣 3,000 元" in text
    else:
        assert "Per period: ≤ 20 h; ≤ 3 courses" in text
        assert "Total: 4 courses in 2 periods, 31.5 h, TWD 3,000" in text


def test_markdown_of_an_empty_schedule_says_so():
    text = render_schedule(empty_schedule(), "markdown")
    assert text.startswith("# Schedule for S\n")
    assert text.count("No course needed.") == 1


# --------------------------------------------------------------------------- XLSX


@pytest.mark.parametrize(
    ("lang", "names"),
    [("en", ["Summary", "Periods", "Courses"]), ("zh-TW", ["摘要", "各期", "課程"])],
)
def test_xlsx_keeps_numbers_and_dates_and_prints_landscape(lang, names):
    from openpyxl import load_workbook

    data = render_schedule(schedule(), "xlsx", lang)
    assert isinstance(data, bytes) and data == render_schedule(schedule(), "xlsx", lang)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == names
    periods, courses = book[names[1]], book[names[2]]
    first = [c.value for c in periods[2]]
    assert first[1:3] == [datetime(2027, 1, 1), datetime(2027, 3, 31)]
    assert first[3:] == ["CS-101 X-1", 18, 3000]
    assert periods["E3"].value == 13.5 and periods["E3"].number_format == "#,##0.0#"
    assert periods["F2"].number_format == "#,##0"
    rows = {row[1]: row for row in courses.iter_rows(min_row=2, values_only=True)}
    assert rows["CS-201"][3:5] == (12, None)
    assert rows["X-1"][2] == FORMULA and courses["C3"].data_type == "s"  # text, never a formula
    for sheet in (periods, courses):
        assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert "BAS1499-001v4 客戶服務專案人員" in book[names[0]]["A1"].value


# --------------------------------------------------------------------------- iCalendar


def calendar(data: bytes):
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(data)


def test_ics_parses_with_one_event_per_session_or_period():
    data = render_schedule(schedule(), "ics", "en")
    assert isinstance(data, bytes)
    cal = calendar(data)
    assert str(cal["VERSION"]) == "2.0" and str(cal["CALSCALE"]) == "GREGORIAN"
    assert "PRODID" in cal
    events = cal.walk("VEVENT")
    spans = [
        (str(e["SUMMARY"]).split()[0], e.decoded("DTSTART"), e.decoded("DTEND")) for e in events
    ]
    assert spans == [
        ("CS-101", date(2027, 3, 1), date(2027, 3, 6)),  # DTEND exclusive
        ("CS-101", date(2027, 3, 15), date(2027, 3, 16)),
        ("X-1", date(2027, 1, 1), date(2027, 4, 1)),  # the whole period
        ("CS-201", date(2027, 4, 1), date(2027, 7, 1)),
        ("CS-202", date(2027, 4, 1), date(2027, 7, 1)),
    ]
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.endswith("@" + UID_DOMAIN) for u in uids)
    assert {e.decoded("DTSTAMP") for e in events} == {datetime(2027, 1, 1, tzinfo=_utc())}
    cs101 = events[0]
    assert str(cs101["SUMMARY"]) == "CS-101 Intro, basics; part \\ one"  # escaped, read back
    description = str(cs101["DESCRIPTION"]).split("\n")
    assert description[:2] == ["Period: 2027-Q1", "Session 1 of 2: 2027-03-01 to 2027-03-05"]
    assert "Hours: 12" in description and "Cost: TWD 2,000" in description
    assert "Covers: K01, S02" in description and "Prerequisite of: CS-201" in description
    assert str(events[2]["SUMMARY"]) == "X-1 " + FORMULA  # kept as written: no spreadsheet
    assert str(events[4]["SUMMARY"]) == "CS-202 Pipes | and breaks"  # a title is one line
    assert not any(line.startswith("Cost") for line in str(events[3]["DESCRIPTION"]).split("\n"))


def _utc():
    from datetime import timezone

    return timezone.utc


def test_ics_lines_are_crlf_folded_at_75_octets_without_splitting_characters():
    data = render_schedule(schedule(), "ics", "zh-TW")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a fold never splits a character
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) >= 3
    cal = calendar(data)
    titles = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert f"CS-201 {LONG_CJK}" in titles
    assert "期別：2027-Q2" in str(cal.walk("VEVENT")[3]["DESCRIPTION"])
    assert str(cal["X-WR-CALNAME"]) == "BAS1499-001v4 客戶服務專案人員 訓練時程"


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_folding_keeps_every_character_and_the_octet_limit(text):
    line = "SUMMARY:" + text.replace("\r", "").replace("\n", "")
    folded = fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_ics_uids_are_stable_and_follow_the_content():
    first = render_schedule(schedule(), "ics")
    assert render_schedule(schedule(), "ics") == first
    moved = schedule()
    other = Schedule("OTHER", None, moved.targets, "hours", "optimal", moved.periods, moved.courses)
    uids = {str(e["UID"]) for e in calendar(first).walk("VEVENT")}
    assert uids.isdisjoint(
        str(e["UID"]) for e in calendar(render_ics(other).encode()).walk("VEVENT")
    )
    # the language changes the texts, never the UIDs
    zh = {
        str(e["UID"]) for e in calendar(render_schedule(schedule(), "ics", "zh-TW")).walk("VEVENT")
    }
    assert zh == uids


@pytest.mark.slow  # two interpreters: ~2-3 s on 2 busy cores
def test_ics_is_byte_identical_across_processes():
    """No hash seed, clock or set order leaks into the file."""
    code = (
        "import sys, hashlib\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_schedule_reports import schedule\n"
        "from curriculum.report.schedule.formats import render_schedule\n"
        "print(hashlib.sha256(render_schedule(schedule(), 'ics', 'zh-TW')).hexdigest())\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "PATH": ""},
        )
        for seed in ("1", "2")
    ]
    digests = {run.communicate()[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(digests) == 1


def test_ics_escapes_and_drops_control_characters():
    from curriculum.report.schedule.ics import escape_text

    assert escape_text("a\\b;c,d\ne\r\nf\x1b[31mg\x07") == "a\\\\b\\;c\\,d\\ne\\nf[31mg"


def test_ics_of_numbered_periods_is_a_usage_error_naming_start():
    with pytest.raises(UsageError) as caught:
        render_schedule(schedule(dated=False), "ics")
    message = str(caught.value)
    assert caught.value.exit_code == 2 and "--start" in message and "\n" not in message


def test_ics_of_an_empty_schedule_is_a_calendar_without_events():
    cal = calendar(render_schedule(empty_schedule(), "ics"))
    assert cal.walk("VEVENT") == [] and str(cal["X-WR-CALNAME"]) == "Schedule for S"


# --------------------------------------------------------------------------- chart


@pytest.mark.parametrize(("fmt", "dated", "lang"), [("png", True, "zh-TW"), ("svg", False, "en")])
def test_chart_writes_the_same_bytes_each_time(tmp_path, fmt, dated, lang):
    pytest.importorskip("matplotlib")
    from curriculum.report.chart.schedule import plot_schedule

    data, _ = plot_schedule(schedule(dated), fmt, lang)
    again, _ = plot_schedule(schedule(dated), fmt, lang)
    assert data == again
    path = tmp_path / f"gantt.{fmt}"
    path.write_bytes(data)
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
    else:
        text = data.decode("utf-8")
        assert "<svg" in text and "Period 1" in text and "<dc:date>" not in text


def test_chart_labels_rows_and_periods(monkeypatch):
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from curriculum.report.chart import frontier
    from curriculum.report.chart import schedule as schedule_chart

    fig, warnings = schedule_chart.draw_schedule(schedule(), "en")
    ax = fig.axes[0]
    rows = [label.get_text() for label in ax.get_yticklabels()]
    assert [row.split()[0] for row in rows] == ["CS-101", "X-1", "CS-201", "CS-202"]
    assert [label.get_text() for label in ax.get_xticklabels()] == ["2027-Q1", "2027-Q2"]
    bars = {c.get_gid(): c for c in ax.collections}
    assert set(bars) == {"period-1", "period-1-span", "period-2"}  # one collection per period
    assert len(bars["period-1"].get_paths()) == 3  # CS-101's two sessions, X-1's period
    assert len(bars["period-1-span"].get_paths()) == 1  # CS-101's period behind its sessions
    assert len(bars["period-2"].get_paths()) == 2
    first, second = (tuple(bars[f"period-{n}"].get_facecolor()[0]) for n in (1, 2))
    assert first != second  # coloured by period
    boxes = [path.get_extents() for path in bars["period-1"].get_paths()]
    assert [(b.x0, b.x1) for b in boxes[:2]] == [
        (date(2027, 3, 1).toordinal(), date(2027, 3, 6).toordinal()),
        (date(2027, 3, 15).toordinal(), date(2027, 3, 16).toordinal()),
    ]
    assert (boxes[2].x0, boxes[2].x1) == (
        date(2027, 1, 1).toordinal(),
        date(2027, 4, 1).toordinal(),
    )
    plt.close(fig)
    monkeypatch.setattr(frontier, "_cjk_font", lambda: None)
    fig, warnings = schedule_chart.draw_schedule(schedule(), "zh-TW")
    rows = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert rows[2] == "CS-201" and any("fonts-noto-cjk" in str(w) for w in warnings)
    assert [w.localized("zh-TW") for w in warnings] == [
        f"{NO_FONT_ZH}圖表改以英文呈現",
        f"{NO_FONT_ZH}圖表只顯示課程與職能基準代碼",
    ]
    assert str(warnings[1]).endswith("the chart shows course and standard codes only")
    assert fig.axes[0].get_xlabel() == "Period"  # English without a CJK font
    assert "客戶" not in fig.axes[0].get_title()
    plt.close(fig)


def test_chart_without_matplotlib_says_how_to_install(monkeypatch):
    from curriculum.report.chart.schedule import plot_schedule

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'curriculum\[plot\]'"):
        plot_schedule(schedule(), "png")


def test_chart_of_an_empty_schedule_says_so():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from curriculum.report.chart.schedule import draw_schedule

    fig, _ = draw_schedule(empty_schedule(), "en")
    assert "No course needed." in [text.get_text() for text in fig.axes[0].texts]
    assert [label.get_text() for label in fig.axes[0].get_xticklabels()] == ["2027-01"]
    plt.close(fig)
