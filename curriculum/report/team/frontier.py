"""Render a :class:`~curriculum.planning.team.frontier_result.TeamFrontier` as text, and
draw it as a chart (matplotlib, imported only when a chart is asked for)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from curriculum.errors import FontWarning
from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, markdown_text, tabulate
from curriculum.numbers import fmt_money, fmt_num, fmt_share
from curriculum.planning.team.frontier_result import TeamFrontier, TeamFrontierPoint
from curriculum.report.chart.frontier import (
    LABEL_PLACES,
    chart_setup,
    label_box,
    milestones,
    place_label,
)
from curriculum.report.team.decision import (
    covered_text,
    decision_headers,
    decision_table,
    render_xlsx,
)
from curriculum.report.text import dumps_json, wrap


def render_json(frontier: TeamFrontier, lang: str = "en", wide: bool = False) -> str:
    """The documented JSON contract (the same in every language)."""
    return dumps_json(frontier.to_dict())


def step_words(point: TeamFrontierPoint, currency: str, t: Text) -> str:
    """The marginal step in ``t``'s language: ``+45,300 TWD: S02 for E008, E010``."""
    if point.step_cost is None:
        return ""

    def parts(found: dict[str, tuple[str, ...]]) -> str:
        return t.sep.join(
            t("tfront.for", item=item, members=t.join(ids)) for item, ids in found.items()
        )

    text = f"+{t.money(point.step_cost, currency)}{t.colon}{parts(point.added)}"
    if point.dropped:
        text += t.paren(t("tfront.instead", parts=parts(point.dropped)))
    return text


def _heading(frontier: TeamFrontier, t: Text) -> list[str]:
    status = t("tfront.exact" if frontier.status == "optimal" else "tfront.unproven")
    return [
        t("tfront.title", team=frontier.title, n=len(frontier.members)),
        t("tfront.coverable", coverable=frontier.coverable, required=frontier.required),
        t("plan.status", status=status),
    ]


def _headers(t: Text) -> list[str]:
    return [
        t("tfront.col.covered"),
        t("frontier.col.share"),
        t("col.cost"),
        t("tfront.col.sessions"),
        t("col.hours"),
        t("tfront.col.step"),
    ]


def _rows(frontier: TeamFrontier, t: Text) -> list[list[str]]:
    return [
        [
            covered_text(p, t),
            fmt_share(p.covered, frontier.coverable),
            fmt_money(p.cost),
            str(sum(p.sessions.values())),
            fmt_num(p.hours),
            step_words(p, frontier.currency, t) or "-",
        ]
        for p in frontier.points
    ]


def _notes(frontier: TeamFrontier, t: Text, every: bool) -> list[str]:
    notes = [t("tdecide.note")]
    if every:
        notes.append(t("tfront.note"))
    if frontier.status != "optimal":
        notes.append(t("tfront.note_unproven"))
    return notes


def render_table(frontier: TeamFrontier, lang: str = "en", wide: bool = False) -> str:
    """The decision table for the terminal (100 columns); with ``wide``, every point too."""
    t = Text(lang)
    decision = tabulate(
        decision_table(frontier, t),
        decision_headers(t, frontier.currency),
        tablefmt="simple",
        disable_numparse=True,
        colalign=("right", "right", "right", "right", "right", "left"),
        maxcolwidths=[None, None, None, None, None, None if wide else 40],
    )
    head = [line for text in _heading(frontier, t) for line in wrap(text)]
    parts = [*head, "", decision, ""]
    if wide:
        every = tabulate(
            _rows(frontier, t),
            _headers(t),
            tablefmt="simple",
            disable_numparse=True,
            colalign=("right", "right", "right", "right", "right", "left"),
        )
        parts += [t("tdecide.every"), "", every, ""]
    parts += [line for note in _notes(frontier, t, wide) for line in wrap(note)]
    return "\n".join(parts) + "\n"


def render_markdown(frontier: TeamFrontier, lang: str = "en", wide: bool = False) -> str:
    """A Markdown report (GitHub tables): ``#`` title, the decision table, every point."""
    t = Text(lang)
    head = _heading(frontier, t)
    decision = tabulate(
        decision_table(frontier, t),
        decision_headers(t, frontier.currency),
        tablefmt="github",
        disable_numparse=True,
    )
    every = tabulate(_rows(frontier, t), _headers(t), tablefmt="github", disable_numparse=True)
    parts = [
        f"# {markdown_text(head[0])}",
        "",
        *(f"- {markdown_text(line)}" for line in head[1:]),
        "",
        decision,
        "",
        f"## {t('tdecide.every')}",
        "",
        every,
        "",
        *(f"- {note}" for note in _notes(frontier, t, True)),
    ]
    return "\n".join(parts) + "\n"


CSV_HEADER = (
    "covered",
    "cost",
    "step_cost",
    "step",
    "sessions",
    "hours",
    "proven",
    "covered_bound",
    "courses",
    "member_items",
)


def render_csv(frontier: TeamFrontier, lang: str = "en", wide: bool = False) -> str:
    """One row per point, for spreadsheets (``member_items`` as ``E001:K01;...``)."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(CSV_HEADER)
    for p in frontier.points:
        writer.writerow(
            [
                p.covered,
                fmt_num(p.cost),
                "" if p.step_cost is None else fmt_num(p.step_cost),
                p.step,
                sum(p.sessions.values()),
                fmt_num(p.hours),
                "yes" if p.proven else "no",
                "" if p.covered_bound is None else p.covered_bound,
                ";".join(f"{c}x{n}" for c, n in p.sessions.items()),
                ";".join(f"{m}:{i}" for m, items in p.member_items.items() for i in items),
            ]
        )
    return out.getvalue()


RENDERERS: dict[str, Callable[..., str | bytes]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "xlsx": render_xlsx,
}


def plot_team_frontier(
    frontier: TeamFrontier, fmt: str = "png", lang: str = "en"
) -> tuple[bytes, list[FontWarning]]:
    """Draw the curve as PNG or SVG bytes (unproven points edged red); also return warnings.

    Raises
    ------
    ImportError
        When matplotlib is not installed (the message says how to install it).
    """
    plt, t, font, warnings = chart_setup(lang)
    rc: dict[str, Any] = {"font.family": [font, "DejaVu Sans"]} if font else {}
    xs = [p.cost for p in frontier.points]
    ys = [p.covered / (frontier.coverable or 1) for p in frontier.points]
    with plt.rc_context({**rc, "svg.hashsalt": "curriculum", "path.simplify": False}):
        fig, ax = plt.subplots(figsize=(9, 5.4), dpi=150)
        x_end = max(xs) * 1.08 if xs and max(xs) > 0 else 1
        steps_x, steps_y = [*xs, x_end], [*ys, ys[-1] if ys else 0]
        _draw_steps(ax, frontier, steps_x, steps_y)
        ax.fill_between(steps_x, steps_y, step="post", color="#1f5fa8", alpha=0.08, zorder=1)
        edges = ["#1f5fa8" if p.proven else "#d62728" for p in frontier.points]
        ax.scatter(xs, ys, color="#1f5fa8", s=22, zorder=3, edgecolors=edges)
        _axes(ax, frontier, x_end, t)
        note = t("chart.note") + ("" if frontier.status == "optimal" else t("chart.note.unproven"))
        fig.text(0.01, 0.01, note, fontsize=7, color="#666666")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        _annotate(ax, frontier, xs, ys, t)
        out = io.BytesIO()
        metadata = {"Software": None} if fmt == "png" else {"Date": None}
        fig.savefig(out, format=fmt, metadata=metadata)
    plt.close(fig)
    return out.getvalue(), warnings


def _draw_steps(ax: Any, frontier: TeamFrontier, xs: list[float], ys: list[float]) -> None:
    """The curve, one step per point: solid where the point is proven (no plan within
    the budgets up to the next point covers more), dashed where it is only the best
    found in time (coverage there may be higher, up to the point's bound)."""
    for k, point in enumerate(frontier.points):
        style = "-" if point.proven else "--"
        ax.plot(
            [xs[k], xs[k + 1], xs[k + 1]],
            [ys[k], ys[k], ys[k + 1]],
            linestyle=style,
            color="#1f5fa8",
            linewidth=2,
            zorder=2,
        )


def _axes(ax: Any, frontier: TeamFrontier, x_end: float, t: Text) -> None:
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(0, 1.05)
    ax.set_xlim(0, x_end)
    ax.set_xlabel(t("chart.x.cost", currency=t.unit(frontier.currency)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylabel(t("tfront.chart.y"))
    title = t("tfront.title", team=frontier.title, n=len(frontier.members))
    subtitle = t("tfront.chart.subtitle", coverable=frontier.coverable)
    ax.set_title(f"{title}\n{subtitle}", fontsize=11)
    ax.grid(True, color="#dddddd", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _annotate(ax: Any, frontier: TeamFrontier, xs: list[float], ys: list[float], t: Text) -> None:
    """Label the first points reaching 50%, 75%, 90% and 100%, each at the first place
    whose box stays inside the axes and overlaps no other label."""
    frame = ax.get_window_extent(ax.figure.canvas.get_renderer())
    placed: list[Any] = []
    for k in milestones(ys):
        point = frontier.points[k]
        text = t(
            "tfront.chart.milestone",
            share=fmt_share(point.covered, frontier.coverable),
            cost=t.money(point.cost, frontier.currency),
            currency=frontier.currency,
            n=sum(point.sessions.values()),
        )
        chosen = LABEL_PLACES[0]
        for place in LABEL_PLACES:
            label = place_label(ax, text, (xs[k], ys[k]), place)
            box = label_box(label)
            label.remove()
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
            inside = inside and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(label_box(p)) for p in placed):
                chosen = place
                break
        placed.append(place_label(ax, text, (xs[k], ys[k]), chosen))
