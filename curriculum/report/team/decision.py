"""The team frontier as a short decision table, and as a workbook with every point.

The decision table has one row per budget step: a round amount (1, 2, 2.5 or 5
times a power of ten) chosen so that at most :data:`MAX_ROWS` steps reach the
dearest point. Each row is the most coverage any plan within that budget buys
(the dearest efficient point within it), and what it buys over the row above,
by course and number of participants: never member ids, never names. Every point
with the items it adds for which member ids is in JSON, CSV and the workbook.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from curriculum.i18n import Text
from curriculum.io.xlsx_writer import new_workbook, workbook_bytes
from curriculum.numbers import fmt_money, fmt_share
from curriculum.planning.team.frontier_result import TeamFrontier, TeamFrontierPoint
from curriculum.report.xlsx_tables import add_table_sheet

MAX_ROWS = 16
"""The most budget steps of the decision table."""


def budget_step(top: float) -> float:
    """The smallest round step that reaches ``top`` in at most :data:`MAX_ROWS` steps."""
    if top <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(top / MAX_ROWS))
    step: float = next(
        scale * power
        for scale in (1, 2, 2.5, 5, 10)
        if math.ceil(round(top / (scale * power), 9)) <= MAX_ROWS
    )
    return step


@dataclass(frozen=True)
class DecisionRow:
    """The dearest efficient point within ``budget`` and the point of the row above
    (``None`` for the first row)."""

    budget: float
    point: TeamFrontierPoint
    before: TeamFrontierPoint | None


def decision_rows(frontier: TeamFrontier) -> list[DecisionRow]:
    """One row per budget step whose best plan differs from the row above's (the empty
    plan is left out when proven: it buys nothing)."""
    points = frontier.points
    if not points:
        return []
    top = max(p.cost for p in points)
    step = budget_step(top)
    rows: list[DecisionRow] = []
    shown = points[0] if points[0].proven else None
    k = 0
    while step and (k == 0 or k * step < top):
        k += 1
        budget = k * step
        best = max((p for p in points if p.cost <= budget + 1e-9), key=lambda p: p.cost)
        if best is not shown:
            rows.append(DecisionRow(budget, best, shown))
            shown = best
    return rows


def changes(row: DecisionRow, t: Text) -> str:
    """What a row buys over the row above, course by course: ``+CR-605 ×5``,
    ``CS-105 ×2→7``, ``no CR-603`` (with sessions when more than one runs)."""
    new = row.point
    old_heads = row.before.heads if row.before else {}
    old_sessions = row.before.sessions if row.before else {}
    parts = []
    for code in sorted(set(old_heads) | set(new.heads)):
        a, b = old_heads.get(code, 0), new.heads.get(code, 0)
        runs = new.sessions.get(code, 0)
        sessions = t("tdecide.sessions", n=runs) if runs > 1 else ""
        if a == b and old_sessions.get(code, 0) == runs:
            continue
        if not a:
            parts.append(t("tdecide.added", code=code, n=b) + sessions)
        elif not b:
            parts.append(t("tdecide.dropped", code=code))
        else:
            parts.append(t("tdecide.changed", code=code, a=a, b=b) + sessions)
    return t.sep.join(parts) or "-"


def covered_text(point: TeamFrontierPoint, t: Text) -> str:
    """Member-items covered; ``*`` (and the proven bound) when the point is not proven."""
    text = str(point.covered)
    if point.proven:
        return text
    bound = point.covered_bound
    if bound is not None and bound > point.covered:
        return text + t("frontier.bound", bound=bound)
    return text + "*"


def decision_headers(t: Text, currency: str) -> list[str]:
    return [
        t("tdecide.col.budget", currency=t.unit(currency)),
        t("tfront.col.covered"),
        t("frontier.col.share"),
        t("col.cost"),
        t("tfront.col.sessions"),
        t("tdecide.col.buys"),
    ]


def decision_table(frontier: TeamFrontier, t: Text) -> list[list[str]]:
    """The decision rows as text cells."""
    return [
        [
            fmt_money(row.budget),
            covered_text(row.point, t),
            fmt_share(row.point.covered, frontier.coverable),
            fmt_money(row.point.cost),
            str(sum(row.point.sessions.values())),
            changes(row, t),
        ]
        for row in decision_rows(frontier)
    ]


def render_xlsx(frontier: TeamFrontier, lang: str = "en", wide: bool = False) -> bytes:
    """A workbook: the decision table, every point, and every point's member-items."""
    t = Text(lang)
    book = new_workbook()
    book.remove(book.active)
    rows: list[list[Any]] = [
        [
            row.budget,
            row.point.covered,
            row.point.proven,
            row.point.cost,
            sum(row.point.sessions.values()),
            changes(row, t),
        ]
        for row in decision_rows(frontier)
    ]
    head = decision_headers(t, frontier.currency)
    head = [*head[:2], t("tdecide.col.proven"), *head[3:]]
    add_table_sheet(book, t("tdecide.sheet"), head, rows, "mctmct")
    points: list[list[Any]] = [
        [
            p.covered,
            p.proven,
            p.covered_bound,
            p.cost,
            p.step_cost,
            sum(p.sessions.values()),
            p.hours,
            "; ".join(f"{c} {p.heads.get(c, 0)}" for c in p.sessions),
            p.step,
        ]
        for p in frontier.points
    ]
    keys = ("covered", "proven", "bound", "cost", "step_cost", "sessions", "hours")
    point_head = [t(f"tdecide.xlsx.{k}") for k in (*keys, "courses", "step")]
    add_table_sheet(book, t("tdecide.sheet.points"), point_head, points, "ctcmmchtt")
    items = [
        [p.covered, p.cost, member, item]
        for p in frontier.points
        for member, found in p.member_items.items()
        for item in found
    ]
    item_head = [t("tdecide.xlsx.covered"), t("tdecide.xlsx.cost"), "ID", t("tdecide.xlsx.item")]
    add_table_sheet(book, t("tdecide.sheet.items"), item_head, items, "cmtt")
    return workbook_bytes(book)
