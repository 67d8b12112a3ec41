"""The coverage/hours curve: exact against brute force, rendered and drawn."""

from __future__ import annotations

import json
import sys
from itertools import combinations, pairwise

import pytest
from click.testing import CliRunner
from conftest import BAS, COURSES, STANDARDS
from helpers import budget_instances, fast_and_full
from hypothesis import HealthCheck, given, settings

from curriculum.cli import main
from curriculum.planning.frontier import compute_frontier, frontier_points
from curriculum.planning.plan import plan_courses
from curriculum.request import Request
from curriculum.solve.cover import SolveParams

DATA_ARGS = ["--standards", str(STANDARDS), "--catalogue", str(COURSES)]


def brute_force_frontier(problem, weights, primary):
    """Pareto-efficient (weight, primary) pairs with their best plan, lowest first."""
    secondary = 1 - primary
    best = {}
    n = len(problem.columns)
    for size in range(n + 1):
        for subset in combinations(range(n), size):
            covered = {i for j in subset for i in problem.covers[j]}
            weight = sum(weights[i] for i in covered)
            value = problem.value(subset)
            key = (value[primary], value[secondary], size, subset)
            if weight not in best or key < best[weight]:
                best[weight] = key
    points = []
    for weight in sorted(best, reverse=True):
        if not points or best[weight][0] < points[-1][1]:
            points.append((weight, best[weight][0], best[weight][3]))
    return points[::-1]


@fast_and_full(15)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_instances())
def test_frontier_matches_brute_force(instance):
    problem, weights, _, _ = instance
    problem = type(problem)(problem.items, problem.columns, problem.covers, problem.objectives)
    for by, primary in (("hours", 0), ("cost", 1)):
        points = frontier_points(problem, weights, by=by, params=SolveParams(workers=1))
        got = []
        for chosen, proven, bound in points:
            assert proven
            covered = {i for j in chosen for i in problem.covers[j]}
            got.append((sum(weights[i] for i in covered), problem.value(chosen)[primary], chosen))
            assert bound == got[-1][0]
        assert got == brute_force_frontier(problem, weights, primary)


@pytest.fixture(scope="module")
def curve(library):
    """The curve of the whole shipped standard against the example catalogue."""
    return compute_frontier(library, Request.of(BAS), SolveParams(workers=2))


@pytest.mark.slow
def test_curve_on_the_example(curve, library):
    assert curve.status == "optimal"
    first, last = curve.points[0], curve.points[-1]
    assert (first.weight, first.hours, first.courses) == (0, 0, ())
    plan = plan_courses(library, Request.of(BAS))
    assert last.courses == tuple(c.code for c in plan.courses)  # the full plan
    assert last.weight == curve.coverable_weight == len(curve.coverable)
    pairs = [(p.weight, p.hours) for p in curve.points]
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(pairs))
    for point in curve.points:
        covered = {i for c in point.courses for i in library.courses[c].items_for(BAS)} & set(
            curve.coverable
        )
        assert set(point.items) <= covered
        assert point.hours == sum(library.courses[c].hours for c in point.courses)


def test_cli_table_json_csv():
    runner = CliRunner()
    result = runner.invoke(main, ["frontier", BAS, "T1.2", *DATA_ARGS, "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Coverage against hours for BAS1499-001v4 客戶服務專案人員" in result.stdout
    assert "Status: exact (every point proven efficient)" in result.stdout
    data = json.loads(
        runner.invoke(main, ["frontier", BAS, "T1.2", *DATA_ARGS, "--format", "json"]).stdout
    )
    assert data["points"][-1]["hours"] == 84 and data["points"][-1]["covered_items"] == 11
    assert data["points"][0]["hours"] == 0
    csv_out = runner.invoke(main, ["frontier", BAS, "T1.2", *DATA_ARGS, "--format", "csv"]).stdout
    assert csv_out.startswith("\ufeffcovered_weight,covered_items,share,hours,cost")
    cost = json.loads(
        runner.invoke(
            main, ["frontier", BAS, "T1.2", *DATA_ARGS, "--by", "cost", "--format", "json"]
        ).stdout
    )
    assert cost["points"][-1]["cost"] <= data["points"][-1]["cost"]


@pytest.mark.slow
def test_plot_png_and_svg(tmp_path):
    pytest.importorskip("matplotlib")
    runner = CliRunner()
    png = tmp_path / "curve.png"
    result = runner.invoke(main, ["frontier", BAS, "T1.2", *DATA_ARGS, "--plot", str(png)])
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = tmp_path / "curve.svg"
    runner.invoke(main, ["frontier", BAS, "T1.2", *DATA_ARGS, "--plot", str(svg)])
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    result = runner.invoke(main, ["frontier", BAS, *DATA_ARGS, "--plot", str(tmp_path / "c.pdf")])
    assert result.exit_code == 2 and "give a .png or .svg" in result.stderr


def test_plot_without_matplotlib_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = CliRunner().invoke(
        main, ["frontier", BAS, *DATA_ARGS, "--plot", str(tmp_path / "c.png")]
    )
    assert result.exit_code == 1
    assert "pip install 'curriculum[plot]'" in result.stderr
    assert not (tmp_path / "c.png").exists()


def test_plot_falls_back_to_ascii_titles_without_a_cjk_font(library, monkeypatch):
    pytest.importorskip("matplotlib")
    from curriculum.report.chart import frontier as report

    curve = compute_frontier(library, Request.of(BAS, ["T1.2"]), SolveParams(workers=1))
    titles = []
    monkeypatch.setattr(report, "chart_title", lambda f, name, t=None: titles.append(name) or name)
    monkeypatch.setattr(report, "_cjk_font", lambda: None)
    svg, warnings = report.plot_frontier(curve, "svg")
    assert warnings and "fonts-noto-cjk" in str(warnings[0])
    assert [w.localized("zh-TW") for w in warnings] == [
        "找不到中文字型（Debian：apt-get install fonts-noto-cjk）：圖表標題只顯示職能基準代碼"
    ]
    assert titles == [""] and svg.startswith(b"<?xml")
    monkeypatch.undo()
    assert report.chart_title(curve, "").startswith("BAS1499-001v4 (T1.2)")


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "by"), [("en", "hours"), ("zh-TW", "hours"), ("zh-TW", "cost")])
def test_chart_labels_hide_no_point(library, lang, by):
    """Each milestone label's box stays inside the axes and covers no point of the curve
    nor another label."""
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from curriculum.report.chart.frontier import covered_points, draw_frontier, label_box

    curve = compute_frontier(library, Request.of(BAS, []), SolveParams(workers=1), by=by)
    fig, labels, _ = draw_frontier(curve, lang)
    try:
        ax = fig.axes[0]
        xs = [p.hours if by == "hours" else p.cost for p in curve.points]
        total = curve.coverable_weight
        ys = [p.weight / total for p in curve.points]
        frame = ax.get_window_extent(fig.canvas.get_renderer())
        assert len(labels) == 4
        for label in labels:
            assert covered_points(ax, label, xs, ys) == 0, label.get_text()
            box = label_box(label)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
            assert box.y1 <= frame.y1
        boxes = [label_box(label) for label in labels]
        for i, box in enumerate(boxes):  # no label hides another (the 100% label did)
            assert not any(box.overlaps(other) for other in boxes[i + 1 :]), labels[i].get_text()
    finally:
        plt.close(fig)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_instances())
def test_objectives_only_curve_has_the_brute_force_values(instance):
    """Without the tie-break the points keep the exact (weight, hours) pairs."""
    problem, weights, _, _ = instance
    problem = type(problem)(problem.items, problem.columns, problem.covers, problem.objectives)
    params = SolveParams(workers=1, tie_break=False)
    messages = []
    points = frontier_points(problem, weights, params=params, progress=messages.append)
    got = [
        (sum(weights[i] for i in {i for j in c for i in problem.covers[j]}), problem.value(c)[0])
        for c, _, _ in points
    ]
    assert got == [(w, h) for w, h, _ in brute_force_frontier(problem, weights, 0)]
    assert all(proven for _, proven, _ in points)
    assert len(messages) == len(points)  # one progress line per point
    assert all(m.startswith("frontier: point ") for m in messages)
