"""Render a :class:`~curriculum.planning.frontier_result.Frontier` as text (table, JSON, CSV,
Markdown); the chart is drawn by :mod:`curriculum.report.chart.frontier`."""

from __future__ import annotations

import io
from collections.abc import Callable

from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, markdown_text, tabulate
from curriculum.numbers import fmt_money, fmt_num, fmt_share
from curriculum.planning.frontier_result import Frontier
from curriculum.report.text import dumps_json, join_codes, keep_codes_whole, wrap


def render_json(frontier: Frontier, lang: str = "en") -> str:
    """The documented JSON contract (the same in every language)."""
    return dumps_json(frontier.to_dict())


def _heading(frontier: Frontier, t: Text) -> list[str]:
    what = t("frontier.what.weight" if frontier.weighted else "frontier.what.items")
    count = t("frontier.count", n=len(frontier.coverable)) if frontier.weighted else ""
    missing = []
    if frontier.gaps:
        missing.append(t("frontier.gaps", items=" ".join(frontier.gaps)))
    if frontier.level_gaps:
        missing.append(t("frontier.level_gaps", items=" ".join(frontier.level_gaps)))
    coverable = t(
        "frontier.coverable", weight=fmt_num(frontier.coverable_weight), what=what, count=count
    )
    if missing:
        coverable += t.sep + t("frontier.not_coverable", parts=t.sep.join(missing))
    status = t("frontier.exact" if frontier.status == "optimal" else "frontier.unproven")
    return [
        t(f"frontier.title.{frontier.by}", code=frontier.standard, name=frontier.standard_name),
        t(
            "plan.targets",
            targets=t.join(frontier.targets) or t("whole_standard"),
            tasks=t.join(frontier.tasks),
        ),
        coverable,
        t("plan.status", status=status),
    ]


def _headers(frontier: Frontier, t: Text) -> list[str]:
    covered = t("frontier.col.weight" if frontier.weighted else "frontier.col.items")
    return [
        covered,
        t("frontier.col.share"),
        t("col.hours"),
        t("col.cost"),
        t(f"frontier.col.step.{frontier.by}"),
        t("frontier.col.courses"),
    ]


def _rows(frontier: Frontier, t: Text) -> list[list[str]]:
    rows = []
    previous = None
    for point in frontier.points:
        main = point.hours if frontier.by == "hours" else point.cost
        step: float | None = None if previous is None else main - previous
        previous = main
        fmt = fmt_num if frontier.by == "hours" else fmt_money
        unproven = not point.proven and point.weight > 0
        rows.append(
            [
                fmt_num(point.weight)
                + (
                    ""
                    if not unproven
                    else t("frontier.bound", bound=fmt_num(point.weight_bound))
                    if point.weight_bound is not None and point.weight_bound > point.weight
                    else "*"
                ),
                fmt_share(point.weight, frontier.coverable_weight),
                fmt_num(point.hours),
                fmt_money(point.cost),
                "" if step is None else "+" + fmt(step),
                join_codes(point.courses, t.comma) or "-",
            ]
        )
    return rows


def _note(frontier: Frontier, t: Text) -> str:
    """How to read the rows: all efficient, or which rows are intervals."""
    if frontier.status == "optimal":
        return t(f"frontier.note.{frontier.by}")
    return t(f"frontier.note_unproven.{frontier.by}")


def render_table(frontier: Frontier, lang: str = "en") -> str:
    """A plain-text table for the terminal (100 columns: course lists wrap, never
    inside a course code)."""
    codes = {c for point in frontier.points for c in point.courses}
    return keep_codes_whole(lambda glue: _table(frontier, Text(lang), glue), codes)


def _table(frontier: Frontier, t: Text, glue: Callable[[str], str]) -> str:
    table = tabulate(
        [[glue(cell) for cell in row] for row in _rows(frontier, t)],
        _headers(frontier, t),
        tablefmt="simple",
        disable_numparse=True,
        colalign=("right", "right", "right", "right", "right", "left"),
        maxcolwidths=[None, None, None, None, None, 48],
    )
    head = [line for text in _heading(frontier, t) for line in wrap(text)]
    note = wrap(_note(frontier, t))
    return "\n".join([*head, "", table, "", *note]) + "\n"


def render_markdown(frontier: Frontier, lang: str = "en") -> str:
    """A Markdown report (GitHub table): ``#`` title."""
    t = Text(lang)
    head = _heading(frontier, t)
    table = tabulate(
        _rows(frontier, t), _headers(frontier, t), tablefmt="github", disable_numparse=True
    )
    parts = [
        f"# {markdown_text(head[0])}",
        "",
        *(f"- {markdown_text(line)}" for line in head[1:]),
        "",
        table,
        "",
        _note(frontier, t),
    ]
    return "\n".join(parts) + "\n"


def render_csv(frontier: Frontier, lang: str = "en") -> str:
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


RENDERERS: dict[str, Callable[..., str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
