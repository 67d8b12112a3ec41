"""Draw a :class:`~curriculum.planning.frontier_result.Frontier` as a chart, and the set-up
every chart shares (pyplot on Agg, a CJK font, the language's texts).

matplotlib (``pip install 'curriculum[plot]'``) is imported only when a chart is drawn.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from curriculum.errors import FontWarning
from curriculum.formats import PLOT_HINT
from curriculum.i18n import Text
from curriculum.numbers import fmt_num, fmt_share
from curriculum.planning.frontier_result import Frontier

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

    def pick() -> str | None:
        installed = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FONTS if name in installed), None)

    found = pick()
    if found is None:  # matplotlib's font cache may predate the fonts: look once more
        for path in sorted(font_manager.findSystemFonts()):
            if any(mark in Path(path).name for mark in ("CJK", "SourceHan", "NotoSansTC")):
                font_manager.fontManager.addfont(path)
        found = pick()
    return found


def chart_title(frontier: Frontier, name: str, t: Text | None = None) -> str:
    """The chart's two-line title; ``name`` is the standard's name or ``""``."""
    t = t or Text()
    what = t("frontier.what.weight" if frontier.weighted else "frontier.what.items")
    targets = t.join(frontier.targets) or t("whole_standard")
    subtitle = t(
        f"chart.subtitle.{frontier.by}", weight=fmt_num(frontier.coverable_weight), what=what
    )
    return f"{frontier.standard} {name}".strip() + t.paren(targets) + "\n" + subtitle


def milestones(shares: list[float]) -> list[int]:
    """Points worth a label: the first to reach 50%, 75%, 90% and 100% coverage."""
    picked: list[int] = []
    for level in (0.5, 0.75, 0.9, 1.0):
        k = next((k for k, share in enumerate(shares) if share >= level - 1e-9), None)
        if k is not None and k not in picked:
            picked.append(k)
    return picked


def plot_frontier(
    frontier: Frontier, fmt: str = "png", lang: str = "en"
) -> tuple[bytes, list[FontWarning]]:
    """Draw the curve as PNG or SVG bytes; also return warnings.

    Titles keep the standard's Chinese name only when a CJK font is installed
    (Debian: ``fonts-noto-cjk``); otherwise they fall back to ASCII, never to
    boxes.

    Raises
    ------
    ImportError
        When matplotlib is not installed (the message says how to install it).
    """
    import matplotlib.pyplot as plt

    fig, _, warnings = draw_frontier(frontier, lang)
    metadata = {"Software": None} if fmt == "png" else {"Date": None}
    out = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "curriculum", "path.simplify": False}):
        fig.savefig(out, format=fmt, metadata=metadata)
    plt.close(fig)
    return out.getvalue(), warnings


def chart_setup(lang: str) -> tuple[Any, Text, str | None, list[FontWarning]]:
    """What every chart starts from: pyplot (Agg), the texts (English when no CJK font
    is installed), the CJK font and the warnings so far.

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

    warnings = []
    font = _cjk_font()
    t = Text(lang)
    if font is None and t.zh:
        t = Text("en")
        warnings.append(FontWarning.keyed("chart.no_font.english"))
    return plt, t, font, warnings


def draw_frontier(frontier: Frontier, lang: str = "en") -> tuple[Any, list[Any], list[FontWarning]]:
    """The chart's figure, its milestone labels (placed so that no label box hides
    a point) and warnings.

    Raises
    ------
    ImportError
        When matplotlib is not installed (the message says how to install it).
    """
    plt, t, font, warnings = chart_setup(lang)
    name = frontier.standard_name
    if font is None and not name.isascii():
        name = ""
        warnings.append(FontWarning.keyed("chart.no_font.title"))
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
        _label_axes(ax, frontier, name, x_end, t)
        fig.text(0.01, 0.01, _footnote(frontier, t), fontsize=7, color="#666666")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        labels = _annotate_milestones(ax, frontier, xs, ys, t)
    return fig, labels, warnings


LABEL_PLACES = tuple(
    ((dx * side, dy * up), "left" if side > 0 else "right", "top" if up < 0 else "bottom")
    for dx, dy in ((12, 12), (12, 36), (48, 12), (12, 64), (96, 24), (12, 96), (12, 128))
    for side, up in ((1, -1), (-1, 1), (-1, -1), (1, 1))
)
"""Where a milestone label may go (offset in points, alignment), in order of preference;
the far places below let the last point (100%, top right) find room under the others."""


def label_box(label: Any) -> Any:
    """The display box of a label's text with its rounded frame (not its arrow)."""
    from matplotlib.text import Text as MplText

    renderer = label.figure.canvas.get_renderer()
    label.update_positions(renderer)
    pad = label.get_fontsize() * 0.3 * label.figure.dpi / 72 + 2
    return MplText.get_window_extent(label, renderer).padded(pad)


def covered_points(ax: Any, label: Any, xs: list[float], ys: list[float]) -> int:
    """How many of the points ``(xs, ys)`` the label's box covers (a marker's size
    counts)."""
    box = label_box(label).padded(5)
    return sum(
        1
        for x, y in ax.transData.transform(list(zip(xs, ys, strict=True)))
        if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1
    )


def place_label(ax: Any, text: str, xy: tuple[float, float], place: Any) -> Any:
    offset, ha, va = place
    return ax.annotate(
        text,
        xy,
        textcoords="offset points",
        xytext=offset,
        ha=ha,
        va=va,
        multialignment="left",
        fontsize=8,
        color="#222222",
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#bbbbbb", "lw": 0.6},
        arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.6},
        zorder=4,
    )


def _annotate_milestones(
    ax: Any, frontier: Frontier, xs: list[float], ys: list[float], t: Text
) -> list[Any]:
    """Label the points where coverage crosses a milestone share, each at the first of
    :data:`LABEL_PLACES` where its box stays inside the axes and covers no point and
    no other label."""
    frame = ax.get_window_extent(ax.figure.canvas.get_renderer())
    placed: list[Any] = []
    for k in milestones(ys):
        point = frontier.points[k]
        text = t(
            "chart.milestone",
            share=fmt_share(point.weight, frontier.coverable_weight),
            hours=fmt_num(point.hours),
            cost=t.money(point.cost, frontier.currency),
            currency=frontier.currency,
            n=len(point.courses),
        )
        scores = []
        for n, place in enumerate(LABEL_PLACES):
            label = place_label(ax, text, (xs[k], ys[k]), place)
            box = label_box(label)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
            inside = inside and frame.y0 <= box.y0 and box.y1 <= frame.y1
            crowded = sum(box.overlaps(label_box(p)) for p in placed)
            score = (not inside, covered_points(ax, label, xs, ys) + crowded, n)
            label.remove()
            if score[:2] == (False, 0):
                break
            scores.append(score)
        else:
            place = LABEL_PLACES[min(scores)[2]]
        placed.append(place_label(ax, text, (xs[k], ys[k]), place))
    return placed


def _label_axes(ax: Any, frontier: Frontier, name: str, x_end: float, t: Text) -> None:
    """Axis scales, labels, title and grid."""
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(0, 1.05)
    ax.set_xlim(0, x_end)
    if frontier.by == "hours":
        ax.set_xlabel(t("chart.x.hours"))
    else:
        ax.set_xlabel(t("chart.x.cost", currency=t.unit(frontier.currency)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    what = t("chart.y.weight" if frontier.weighted else "chart.y.items")
    ax.set_ylabel(t("chart.y", what=what))
    ax.set_title(chart_title(frontier, name, t), fontsize=11)
    ax.grid(True, color="#dddddd", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _footnote(frontier: Frontier, t: Text) -> str:
    """The chart's footnote: how to read it, what no course covers, what is unproven."""
    note = t("chart.note")
    missing = " ".join([*frontier.gaps, *frontier.level_gaps])
    if missing:
        note += t("chart.note.missing", items=missing)
    if frontier.status != "optimal":
        note += t("chart.note.unproven")
    return note
