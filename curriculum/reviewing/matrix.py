"""The coverage matrix of a review: one row per item (and per performance indicator),
the shares of each task and of the whole standard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from curriculum.i18n import Text
from curriculum.model.levels import (
    Level,
    meets_level,
)
from curriculum.model.standard import Standard, Task
from curriculum.numbers import fmt_number
from curriculum.reviewing.checks import Findings
from curriculum.reviewing.result import (
    Cell,
    MatrixRow,
    ReviewCourse,
    ReviewOptions,
    RowStatus,
    Share,
    TaskSummary,
)


def item_rows(
    standard: Standard,
    tasks: Sequence[Task],
    levels: Mapping[str, Level],
    courses: Sequence[ReviewCourse],
    options: ReviewOptions,
    findings: Findings,
) -> list[MatrixRow]:
    """The K/S/A rows of the matrix, in the standard's order, with GAP/LEVEL/THIN findings."""
    item_tasks: dict[str, list[str]] = {}
    for task in tasks:
        for code in task.items:
            item_tasks.setdefault(code, []).append(task.code)
    rows: list[MatrixRow] = []
    for item in (i for i in standard.items if i.code in levels):
        need = levels[item.code]
        cells = {
            c.code: Cell(c.item_hours[item.code], c.level, meets_level(c.level, need))
            for c in courses
            if item.code in c.claims
        }
        covering = tuple(code for code, cell in cells.items() if cell.at_level)
        hours = sum(cells[c].hours or 0 for c in covering)
        values: dict[str, Any] = {"name": item.name, "level": fmt_number(need)}
        if not cells:
            status: RowStatus = "GAP"
            findings.add("GAP", item.code, None, "GAP" if need is not None else "GAP.any", **values)
        elif not covering:
            status = "LEVEL"
            claims = Text(findings.lang).comma.join(
                f"{c} L{fmt_number(cell.level)}" for c, cell in cells.items()
            )
            findings.add("LEVEL", item.code, None, "LEVEL", claims=claims, **values)
        elif len(covering) < options.min_courses or hours < options.min_hours:
            status = "THIN"
            findings.add(
                "THIN",
                item.code,
                None,
                "THIN",
                count=len(covering),
                hours=fmt_number(hours),
                min_courses=options.min_courses,
                min_hours=fmt_number(options.min_hours),
                **values,
            )
        else:
            status = "OK"
        row_tasks = tuple(item_tasks.get(item.code, ()))
        rows.append(
            MatrixRow(
                item.code, item.kind, item.name, need, row_tasks, cells, covering, hours, status
            )
        )
    return rows


def indicator_rows(
    standard: Standard,
    tasks: Sequence[Task],
    courses: Sequence[ReviewCourse],
    findings: Findings,
) -> list[MatrixRow]:
    """The behaviour-indicator (P) rows, with UNKNOWN, OUTSIDE and UNASSESSED findings.

    An indicator is UNASSESSED only when the programme gives assessments at all.
    """
    indicators = {p.code: (t, p) for t in standard.tasks for p in t.indicators}
    chosen = {t.code for t in tasks}
    assessed = any(c.assessments for c in courses)
    for course in courses:
        for code in course.assessments:
            if code not in indicators:
                findings.add("UNKNOWN", code, course.code, "UNKNOWN.indicator")
            elif indicators[code][0].code not in chosen:
                findings.add("OUTSIDE", code, course.code, "OUTSIDE.indicator")
    rows: list[MatrixRow] = []
    for task in tasks:
        for indicator in task.indicators:
            cells = {
                c.code: Cell(methods=c.assessments[indicator.code])
                for c in courses
                if c.assessments.get(indicator.code)
            }
            p_row: RowStatus = "OK" if cells else "UNASSESSED" if assessed else "-"
            if not cells and assessed:
                findings.add("UNASSESSED", indicator.code, None, "UNASSESSED", task=task.code)
            rows.append(
                MatrixRow(
                    indicator.code,
                    "P",
                    indicator.text,
                    task.level,
                    (task.code,),
                    cells,
                    tuple(cells),
                    0,
                    p_row,
                )
            )
    return rows


def task_summaries(
    tasks: Sequence[Task], courses: Sequence[ReviewCourse], p_rows: Sequence[MatrixRow]
) -> tuple[TaskSummary, ...]:
    """Per task: the share of its knowledge, skills and indicators covered at its level."""

    def covered(code: str, need: Level) -> bool:
        return any(code in c.claims and meets_level(c.level, need) for c in courses)

    p_status = {r.code: r.status for r in p_rows}
    summaries = []
    for task in tasks:
        shares = {
            "K": Share(sum(covered(i, task.level) for i in task.knowledge), len(task.knowledge)),
            "S": Share(sum(covered(i, task.level) for i in task.skills), len(task.skills)),
            "P": Share(
                sum(p_status[p.code] == "OK" for p in task.indicators), len(task.indicators)
            ),
        }
        summaries.append(TaskSummary(task.code, task.name, task.level, shares))
    return tuple(summaries)


def overall_shares(
    rows: Sequence[MatrixRow], p_rows: Sequence[MatrixRow], options: ReviewOptions
) -> dict[str, Share]:
    """The share of the required items of each kind covered (OK or THIN), and of indicators."""
    overall = {}
    kinds = ("K", "S", "A") if options.attitudes else ("K", "S")
    for kind in kinds:
        mine = [r for r in rows if r.kind == kind]
        overall[kind] = Share(sum(r.status in ("OK", "THIN") for r in mine), len(mine))
    p_status = {r.code: r.status for r in p_rows}
    overall["P"] = Share(sum(s == "OK" for s in p_status.values()), len(p_status))
    return overall
