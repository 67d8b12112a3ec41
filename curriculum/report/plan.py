"""Render a :class:`~curriculum.result.Plan`: one pure function per format."""

from __future__ import annotations

import io

from curriculum.numbers import fmt_level, fmt_money, fmt_num
from curriculum.planning.result import Plan
from curriculum.report.safe import csv_writer, tabulate
from curriculum.report.text import dumps_json


def render_json(plan: Plan) -> str:
    """The documented JSON contract."""
    return dumps_json(plan.to_dict())


def _heading(plan: Plan) -> list[str]:
    targets = ", ".join(plan.targets) or "whole standard"
    tasks = ", ".join(plan.tasks)
    proven = (
        (
            "optimal (most covered weight within the budget, then least hours, proven)"
            if plan.budget is not None and not plan.budget.fits_unbudgeted
            else "optimal (least total hours proven)"
        )
        if plan.is_optimal
        else f"feasible, not proven optimal (lower bound {fmt_num(plan.lower_bound)} h,"
        f" gap {plan.optimality_gap:.1%})"
    )
    lines = [
        f"Plan for {plan.standard} {plan.standard_name}",
        f"Targets: {targets} (tasks {tasks})",
    ]
    extras = []
    if plan.attitudes:
        extras.append("attitudes included")
    if plan.held:
        extras.append(f"already held: {', '.join(plan.held)}")
    if plan.excluded:
        extras.append(f"excluded: {', '.join(plan.excluded)}")
    if plan.required_courses:
        extras.append(f"required: {', '.join(plan.required_courses)}")
    if plan.ignore_levels:
        extras.append("levels ignored")
    if extras:
        lines.append("Options: " + "; ".join(extras))
    if plan.budget is not None:
        lines.append(_budget_line(plan))
    lines.append(f"Status: {proven}")
    return lines


def _budget_line(plan: Plan) -> str:
    """What the budget was and what it buys (budgeted plans only)."""
    b = plan.budget
    assert b is not None
    limits = []
    if b.max_hours is not None:
        limits.append(f"≤ {fmt_num(b.max_hours)} h")
    if b.max_cost is not None:
        limits.append(f"≤ {fmt_money(b.max_cost)} {plan.currency}")
    if b.fits_unbudgeted:
        buys = "the plan without a budget fits"
    else:
        share = b.covered_weight / b.coverable_weight if b.coverable_weight else 1.0
        if all(w == 1 for w in b.weights.values()):
            buys = f"covers {fmt_num(b.covered_weight)} of {fmt_num(b.coverable_weight)} coverable"
            buys += f" items ({share:.0%})"
        else:
            buys = f"covers weight {fmt_num(b.covered_weight)} of {fmt_num(b.coverable_weight)}"
            buys += f" coverable ({share:.0%})"
        if b.weight_bound > b.covered_weight:
            buys += f", at most {fmt_num(b.weight_bound)} proven possible"
    return f"Budget: {', '.join(limits)}: {buys}"


def _course_rows(plan: Plan) -> list[list[str]]:
    return [
        [
            c.code,
            c.title,
            fmt_num(c.hours),
            fmt_money(c.cost),
            fmt_level(c.level),
            " ".join(c.covers),
        ]
        for c in plan.courses
    ]


def _total_line(plan: Plan) -> str:
    line = (
        f"Total: {len(plan.courses)} courses, {fmt_num(plan.total_hours)} hours, "
        f"{fmt_money(plan.total_cost)} {plan.currency}"
    )
    if plan.unpriced:
        line += f" (no price given for {', '.join(plan.unpriced)})"
    return line


def _mapping_rows(plan: Plan) -> list[list[str]]:
    rows = []
    for item, level in plan.required.items():
        courses = plan.mapping.get(item)
        if courses:
            status = " ".join(courses)
        elif item in plan.budget_gaps:
            status = "BUDGET GAP (left out to fit the budget)"
        elif item in plan.level_gaps:
            offers = ", ".join(
                f"{code} at level {fmt_level(lvl)}" for code, lvl in plan.level_offers.get(item, ())
            )
            status = f"LEVEL GAP (only {offers})" if offers else "LEVEL GAP"
        else:
            status = "GAP (no course)"
        rows.append([item, plan.item_names[item], fmt_level(level), status])
    return rows


def _notes(plan: Plan) -> list[str]:
    notes = []
    if plan.required and set(plan.gaps) == set(plan.required):
        notes.append(
            f"No loaded course claims any item of {plan.standard}: "
            "give a catalogue for it with --catalogue."
        )
    if plan.gaps:
        notes.append(
            "Gaps (no course covers them): "
            + "; ".join(f"{i} {plan.item_names[i]}" for i in plan.gaps)
        )
    if plan.level_gaps:
        notes.append(
            "Covered only below the required level: "
            + "; ".join(
                f"{i} {plan.item_names[i]} (needs {fmt_level(plan.required[i])})"
                for i in plan.level_gaps
            )
        )
    if plan.budget_gaps:
        notes.append(
            "Budget gaps (coverable, left out to fit the budget): "
            + "; ".join(f"{i} {plan.item_names[i]}" for i in plan.budget_gaps)
        )
    if not plan.gaps and not plan.level_gaps and not plan.budget_gaps:
        notes.append("No gaps: every required item is covered.")
    if not plan.ties_proven:
        notes.append(
            "Tie-break not completed within the time limit: another plan of the same "
            "hours may rank higher on cost, course count or code order."
        )
    if plan.unlevelled and not plan.ignore_levels:
        notes.append("Courses without a level count at every level: " + ", ".join(plan.unlevelled))
    return notes


def render_table(plan: Plan) -> str:
    """A plain-text report for the terminal (CJK-aware column widths)."""
    headers = ["Code", "Title", "Hours", "Cost", "Level", "Covers"]
    parts = ["\n".join(_heading(plan)), ""]
    if plan.courses:
        parts.append(
            tabulate(
                _course_rows(plan),
                headers,
                tablefmt="simple",
                disable_numparse=True,
                colalign=("left", "left", "right", "right", "right", "left"),
            )
        )
    else:
        parts.append("No course needed.")
    parts += [_total_line(plan), "", "Item → courses"]
    parts.append(
        tabulate(
            _mapping_rows(plan),
            ["Item", "Name", "Level", "Covered by"],
            tablefmt="simple",
            disable_numparse=True,
        )
    )
    parts += ["", *_notes(plan)]
    return "\n".join(parts) + "\n"


def render_markdown(plan: Plan) -> str:
    """A Markdown report (GitHub tables)."""
    head = _heading(plan)
    parts = [f"## {head[0]}", "", *(f"- {line}" for line in head[1:]), "", "### Courses", ""]
    parts.append(
        tabulate(
            _course_rows(plan),
            ["Code", "Title", "Hours", "Cost", "Level", "Covers"],
            tablefmt="github",
            disable_numparse=True,
        )
        if plan.courses
        else "No course needed."
    )
    parts += ["", f"**{_total_line(plan)}**", "", "### Item → courses", ""]
    parts.append(
        tabulate(
            _mapping_rows(plan),
            ["Item", "Name", "Level", "Covered by"],
            tablefmt="github",
            disable_numparse=True,
        )
    )
    parts += ["", *(f"- {n}" for n in _notes(plan))]
    return "\n".join(parts) + "\n"


def render_csv(plan: Plan) -> str:
    """One row per chosen course, gap and total, for spreadsheets."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["type", "code", "name", "hours", "cost", "level", "items"])
    for c in plan.courses:
        writer.writerow(
            [
                "course",
                c.code,
                c.title,
                fmt_num(c.hours),
                "" if c.cost is None else fmt_num(c.cost),
                fmt_level(c.level),
                ";".join(c.covers),
            ]
        )
    for item in plan.gaps:
        writer.writerow(
            ["gap", item, plan.item_names[item], "", "", fmt_level(plan.required[item]), ""]
        )
    for item in plan.budget_gaps:
        writer.writerow(
            ["budget_gap", item, plan.item_names[item], "", "", fmt_level(plan.required[item]), ""]
        )
    for item in plan.level_gaps:
        writer.writerow(
            [
                "level_gap",
                item,
                plan.item_names[item],
                "",
                "",
                fmt_level(plan.required[item]),
                ";".join(code for code, _ in plan.level_offers.get(item, ())),
            ]
        )
    writer.writerow(
        [
            "total",
            plan.standard,
            plan.status,
            fmt_num(plan.total_hours),
            fmt_num(plan.total_cost),
            "",
            ";".join(c.code for c in plan.courses),
        ]
    )
    return out.getvalue()


RENDERERS = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
