"""Render a :class:`~curriculum.frontier.Frontier` as text, and draw it as a chart.

The chart needs matplotlib (``pip install 'curriculum[plot]'``), imported only
when a chart is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from curriculum.formats import PLOT_HINT
from curriculum.numbers import fmt_money, fmt_num
from curriculum.planning.frontier_result import Frontier
from curriculum.report.safe import csv_writer, tabulate
from curriculum.report.text import dumps_json


def render_json(frontier: Frontier) -> str:
    """The documented JSON contract."""
    return dumps_json(frontier.to_dict())


def _heading(frontier: Frontier) -> list[str]:
    axis = "hours" if frontier.by == "hours" else "cost"
    status = (
        "exact (every point proven efficient)"
        if frontier.status == "optimal"
        else "not proven: the time limit stopped the search (points marked *)"
    )
    what = "weight" if frontier.weighted else "items"
    count = f" ({len(frontier.coverable)} items)" if frontier.weighted else ""
    return [
        f"Coverage against {axis} for {frontier.standard} {frontier.standard_name}",
        f"Targets: {', '.join(frontier.targets) or 'whole standard'} "
        f"(tasks {', '.join(frontier.tasks)})",
        f"Coverable: {fmt_num(frontier.coverable_weight)} {what}{count}; catalogue gaps: "
        f"{' '.join([*frontier.gaps, *frontier.level_gaps]) or 'none'}",
        f"Status: {status}",
    ]


def _headers(frontier: Frontier) -> list[str]:
    covered = "Weight" if frontier.weighted else "Items"
    return [
        covered,
        "Share",
        "Hours",
        "Cost",
        "+" + ("Hours" if frontier.by == "hours" else "Cost"),
        "Courses",
    ]


def _rows(frontier: Frontier) -> list[list[str]]:
    rows = []
    previous = None
    for point in frontier.points:
        share = point.weight / frontier.coverable_weight if frontier.coverable_weight else 1.0
        main = point.hours if frontier.by == "hours" else point.cost
        step = "" if previous is None else main - previous
        previous = main
        fmt = fmt_num if frontier.by == "hours" else fmt_money
        rows.append(
            [
                fmt_num(point.weight) + ("" if point.proven else "*"),
                f"{share:.0%}",
                fmt_num(point.hours),
                fmt_money(point.cost),
                "" if step == "" else "+" + fmt(step),
                " ".join(point.courses) or "-",
            ]
        )
    return rows


def _note(frontier: Frontier) -> str:
    axis = "hours" if frontier.by == "hours" else "cost"
    within = "in as few hours" if frontier.by == "hours" else "for as little money"
    return (
        f"Each row is an efficient plan: nothing covers more {within}. "
        f"Any coverage between two rows needs the {axis} of the higher row."
    )


def render_table(frontier: Frontier) -> str:
    """A plain-text table for the terminal."""
    table = tabulate(
        _rows(frontier),
        _headers(frontier),
        tablefmt="simple",
        disable_numparse=True,
        colalign=("right", "right", "right", "right", "right", "left"),
    )
    return "\n".join([*_heading(frontier), "", table, "", _note(frontier)]) + "\n"


def render_markdown(frontier: Frontier) -> str:
    """A Markdown report (GitHub table)."""
    head = _heading(frontier)
    table = tabulate(_rows(frontier), _headers(frontier), tablefmt="github", disable_numparse=True)
    parts = [
        f"## {head[0]}",
        "",
        *(f"- {line}" for line in head[1:]),
        "",
        table,
        "",
        _note(frontier),
    ]
    return "\n".join(parts) + "\n"


def render_csv(frontier: Frontier) -> str:
    """One row per point, for spreadsheets."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(
        ["covered_weight", "covered_items", "share", "hours", "cost", "proven", "courses", "items"]
    )
    for p in frontier.points:
        share = p.weight / frontier.coverable_weight if frontier.coverable_weight else 1.0
        writer.writerow(
            [
                fmt_num(p.weight),
                len(p.items),
                f"{share:.4f}",
                fmt_num(p.hours),
                fmt_num(p.cost),
                "yes" if p.proven else "no",
                ";".join(p.courses),
                ";".join(p.items),
            ]
        )
    return out.getvalue()


RENDERERS: dict[str, Callable[[Frontier], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}


# --------------------------------------------------------------------------- chart


CJK_FONTS = (
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Noto Sans TC",
    "Noto Serif CJK TC",
    "Source Han Sans TW",
    "Microsoft JhengHei",
    "PingFang TC",
    "Heiti TC",
    "WenQuanYi Zen Hei",
)


def _cjk_font() -> str | None:
    """The first installed font that draws Chinese, or ``None``."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def chart_title(frontier: Frontier, name: str) -> str:
    """The chart's two-line title; ``name`` is the standard's name or ``""``."""
    by_hours = frontier.by == "hours"
    what = "weight" if frontier.weighted else "items"
    targets = ", ".join(frontier.targets) or "whole standard"
    return (
        f"{frontier.standard} {name}".strip()
        + f" ({targets})\n"
        + f"What each budget of {'hours' if by_hours else 'money'} covers: "
        + f"{fmt_num(frontier.coverable_weight)} coverable {what}"
    )


def _milestones(shares: list[float]) -> list[int]:
    """Points worth a label: the first to reach 50%, 75%, 90% and 100% coverage."""
    picked: list[int] = []
    for level in (0.5, 0.75, 0.9, 1.0):
        k = next((k for k, share in enumerate(shares) if share >= level - 1e-9), None)
        if k is not None and k not in picked:
            picked.append(k)
    return picked


def plot_frontier(frontier: Frontier, fmt: str = "png") -> tuple[bytes, list[str]]:
    """Draw the curve as PNG or SVG bytes; also return warnings.

    Titles keep the standard's Chinese name only when a CJK font is installed
    (Debian: ``fonts-noto-cjk``); otherwise they fall back to ASCII, never to
    boxes.

    Raises
    ------
    ImportError
        When matplotlib is not installed (the message says how to install it).
    """
    try:
        import matplotlib
    except ImportError:
        raise ImportError(PLOT_HINT) from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    warnings = []
    font = _cjk_font()
    name = frontier.standard_name
    if font is None and not name.isascii():
        name = ""
        warnings.append(
            "no CJK font found (Debian: apt-get install fonts-noto-cjk): "
            "the chart title shows the standard code only"
        )
    rc = {"font.family": [font, "DejaVu Sans"]} if font else {}
    by_hours = frontier.by == "hours"
    xs = [p.hours if by_hours else p.cost for p in frontier.points]
    total = frontier.coverable_weight or 1
    ys = [p.weight / total for p in frontier.points]
    with plt.rc_context({**rc, "svg.hashsalt": "curriculum", "path.simplify": False}):
        fig, ax = plt.subplots(figsize=(9, 5.4), dpi=150)
        x_end = max(xs) * 1.08 if xs and max(xs) > 0 else 1
        ax.step(
            [*xs, x_end],
            [*ys, ys[-1] if ys else 0],
            where="post",
            color="#1f5fa8",
            linewidth=2,
            zorder=2,
        )
        ax.fill_between(
            [*xs, x_end],
            [*ys, ys[-1] if ys else 0],
            step="post",
            color="#1f5fa8",
            alpha=0.08,
            zorder=1,
        )
        ax.scatter(
            xs,
            ys,
            color="#1f5fa8",
            s=28,
            zorder=3,
            edgecolors=["#1f5fa8" if p.proven else "#d62728" for p in frontier.points],
        )
        for k in _milestones(ys):
            point = frontier.points[k]
            label = (
                f"{ys[k]:.0%} covered: {fmt_num(point.hours)} h, "
                f"{fmt_money(point.cost)} {frontier.currency}, {len(point.courses)} course"
                + ("s" if len(point.courses) != 1 else "")
            )
            right = xs[k] > 0.55 * x_end
            ax.annotate(
                label,
                (xs[k], ys[k]),
                textcoords="offset points",
                xytext=(10, -40) if right else (14, -30),
                ha="center" if right else "left",
                fontsize=8,
                color="#222222",
                bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#bbbbbb", "lw": 0.6},
                arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.6},
                zorder=4,
            )
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylim(0, 1.05)
        ax.set_xlim(0, x_end)
        if by_hours:
            ax.set_xlabel("Training hours (least possible for each coverage level)")
        else:
            ax.set_xlabel(f"Cost ({frontier.currency}, least possible for each coverage level)")
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        what = "weight" if frontier.weighted else "items"
        ax.set_ylabel(f"Share of coverable {what} covered")
        ax.set_title(chart_title(frontier, name), fontsize=11)
        ax.grid(True, color="#dddddd", linewidth=0.6, zorder=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        note = "Each step is an efficient plan (exact, CP-SAT)."
        missing = " ".join([*frontier.gaps, *frontier.level_gaps])
        if missing:
            note += f" Not coverable by the catalogue: {missing}."
        if frontier.status != "optimal":
            note += " Red-edged points are not proven (time limit)."
        fig.text(0.01, 0.01, note, fontsize=7, color="#666666")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        metadata = {"Software": None} if fmt == "png" else {"Date": None}
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata=metadata)
        plt.close(fig)
    return out.getvalue(), warnings
