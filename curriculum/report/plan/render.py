"""Render a :class:`~curriculum.result.Plan`: one pure function per format.

Every renderer takes the report language (``en`` or ``zh-TW``); the JSON and the
CSV headers are the same in both.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from curriculum.i18n import Text
from curriculum.io.cells import csv_writer, markdown_text, tabulate
from curriculum.numbers import fmt_level, fmt_money, fmt_num, fmt_share
from curriculum.planning.result import Plan, PlannedCourse
from curriculum.report.plan.programme import render_programme
from curriculum.report.text import dumps_json, join_codes, keep_codes_whole, wrap

TITLE_WIDTH = 30
"""Course titles and item names wrap at this many columns in terminal tables."""


def render_json(plan: Plan, lang: str = "en") -> str:
    """The documented JSON contract (the same in every language)."""
    return dumps_json(plan.to_dict())


def _status(plan: Plan, t: Text) -> str:
    if plan.is_optimal:
        if plan.budget is not None and not plan.budget.fits_unbudgeted:
            weighted = any(w != 1 for w in plan.budget.weights.values())
            return t("status.optimal_budget" if weighted else "status.optimal_budget_items")
        return t("status.optimal_cost" if plan.objective == "cost" else "status.optimal_hours")
    if plan.objective == "cost":
        bound = t.money(plan.lower_bound, plan.currency)
    else:
        bound = f"{fmt_num(plan.lower_bound)} {t('hours_unit')}"
    return t("status.feasible", bound=bound, gap=f"{plan.optimality_gap:.1%}")


def _heading(plan: Plan, t: Text) -> list[str]:
    targets = t.join(plan.targets) or t("whole_standard")
    lines = [
        t("plan.title", code=plan.standard, name=plan.standard_name),
        t("plan.targets", targets=targets, tasks=t.join(plan.tasks)),
    ]
    extras = []
    if plan.attitudes:
        extras.append(t("plan.opt.attitudes"))
    if plan.held:
        extras.append(t("plan.opt.held", codes=t.join(plan.held)))
    if plan.excluded:
        extras.append(t("plan.opt.excluded", codes=t.join(plan.excluded)))
    if plan.required_courses:
        extras.append(t("plan.opt.required", codes=t.join(plan.required_courses)))
    if plan.done:
        extras.append(t("plan.opt.done", codes=t.join(plan.done)))
    if plan.ignore_levels:
        extras.append(t("plan.opt.ignore_levels"))
    if extras:
        lines.append(t("plan.options", options=t.sep.join(extras)))
    if plan.budget is not None:
        lines.append(_budget_line(plan, t))
    lines.append(t("plan.status", status=_status(plan, t)))
    return lines


def _budget_line(plan: Plan, t: Text) -> str:
    """What the budget was and what it buys (budgeted plans only)."""
    b = plan.budget
    assert b is not None
    limits = []
    if b.max_hours is not None:
        limits.append(t("plan.budget.hours", hours=fmt_num(b.max_hours)))
    if b.max_cost is not None:
        limits.append(t("plan.budget.cost", cost=t.money(b.max_cost, plan.currency)))
    if b.fits_unbudgeted:
        buys = t("plan.budget.fits")
    else:
        key = (
            "plan.budget.items" if all(w == 1 for w in b.weights.values()) else "plan.budget.weight"
        )
        buys = t(
            key,
            covered=fmt_num(b.covered_weight),
            coverable=fmt_num(b.coverable_weight),
            share=fmt_share(b.covered_weight, b.coverable_weight),
        )
        if b.weight_bound > b.covered_weight:
            buys += t("plan.budget.bound", bound=fmt_num(b.weight_bound))
    if not limits:
        return t("plan.budget_weights", buys=buys)
    return t("plan.budget", limits=t.comma.join(limits), buys=buys)


def _covers_text(course: PlannedCourse, t: Text) -> str:
    """The items a course covers, then which courses of the plan need it."""
    parts = [" ".join(course.covers)] if course.covers else []
    if course.prerequisite_of:
        parts.append(t("plan.prerequisite_of", codes=t.join(course.prerequisite_of)))
    return t.sep.join(parts)


def _course_rows(plan: Plan, t: Text) -> list[list[str]]:
    return [
        [
            c.code,
            c.title,
            fmt_num(c.hours),
            fmt_money(c.cost),
            fmt_level(c.level),
            _covers_text(c, t),
        ]
        for c in plan.courses
    ]


def _cost(plan: Plan, t: Text) -> str:
    """The plan's total cost, or that no chosen course gives a price."""
    if plan.courses and len(plan.unpriced) == len(plan.courses):
        return t("plan.no_price")
    return t.money(plan.total_cost, plan.currency)


def _total_line(plan: Plan, t: Text) -> str:
    line = t(
        "plan.total", n=len(plan.courses), hours=fmt_num(plan.total_hours), cost=_cost(plan, t)
    )
    if plan.unpriced and len(plan.unpriced) < len(plan.courses):
        line += t("plan.total_unpriced", codes=t.join(plan.unpriced))
    return line


def _no_course(plan: Plan, t: Text) -> str:
    """Why the plan has no course: nothing to cover, or nothing can be covered."""
    if plan.required and set(plan.required) <= {*plan.gaps, *plan.level_gaps}:
        return t("plan.no_course_possible")
    return t("plan.no_course")


def _covered_by(plan: Plan, item: str, t: Text) -> str:
    courses = plan.mapping.get(item)
    if courses:
        return join_codes(courses, t.comma)
    if item in plan.budget_gaps:
        return t("plan.budget_gap")
    if item in plan.level_gaps:
        offers = t.join(
            t("plan.level_offer", code=code, level=fmt_level(lvl))
            for code, lvl in plan.level_offers.get(item, ())
        )
        return t("plan.level_gap_only", offers=offers) if offers else t("plan.level_gap")
    return t("plan.gap")


def _mapping_rows(plan: Plan, t: Text) -> list[list[str]]:
    return [
        [item, plan.item_names[item], fmt_level(level), _covered_by(plan, item, t)]
        for item, level in plan.required.items()
    ]


def _notes(plan: Plan, t: Text) -> list[str]:
    notes = []
    names = plan.item_names
    if plan.required and set(plan.gaps) == set(plan.required):
        notes.append(t("plan.note.no_claims", code=plan.standard))
    if plan.gaps:
        items = t.sep.join(f"{i} {names[i]}" for i in plan.gaps)
        notes.append(t("plan.note.gaps", items=items))
    if plan.level_gaps:
        items = t.sep.join(
            t("plan.note.needs", item=i, name=names[i], level=fmt_level(plan.required[i]))
            for i in plan.level_gaps
        )
        notes.append(t("plan.note.level_gaps", items=items))
    if plan.budget_gaps:
        items = t.sep.join(f"{i} {names[i]}" for i in plan.budget_gaps)
        notes.append(t("plan.note.budget_gaps", items=items))
    if not plan.gaps and not plan.level_gaps and not plan.budget_gaps:
        notes.append(t("plan.note.no_gaps"))
    elif plan.excluded and (plan.gaps or plan.level_gaps):
        notes.append(t("plan.note.excluded", codes=t.join(plan.excluded)))
    if plan.blocked and (plan.gaps or plan.level_gaps):
        courses = t.sep.join(t("plan.blocked", code=c, needs=needs) for c, needs in plan.blocked)
        notes.append(t("plan.note.blocked", courses=courses))
    if not plan.ties_proven:
        notes.append(t("plan.note.ties"))
    levelled = any(level is not None for level in plan.required.values())
    if plan.unlevelled and levelled and not plan.ignore_levels:
        notes.append(t("plan.note.unlevelled", codes=t.join(plan.unlevelled)))
    return notes


def _headers(t: Text) -> list[str]:
    return [t(f"col.{c}") for c in ("code", "title", "hours", "cost", "level", "covers")]


def _mapping_headers(t: Text) -> list[str]:
    return [t(f"col.{c}") for c in ("item", "name", "level", "covered_by")]


def render_table(plan: Plan, lang: str = "en") -> str:
    """A plain-text report for the terminal: at most 100 columns, names wrapped (never
    inside a course code)."""
    codes = {c.code for c in plan.courses} | {c for cs in plan.mapping.values() for c in cs}
    codes |= {c for offers in plan.level_offers.values() for c, _ in offers}
    codes |= {*plan.excluded, *plan.required_courses, *plan.done}
    return keep_codes_whole(lambda glue: _table(plan, Text(lang), glue), codes)


def _table(plan: Plan, t: Text, glue: Callable[[str], str]) -> str:
    parts = ["\n".join(line for h in _heading(plan, t) for line in wrap(glue(h))), ""]
    if plan.courses:
        parts.append(
            tabulate(
                [[glue(cell) for cell in row] for row in _course_rows(plan, t)],
                _headers(t),
                tablefmt="simple",
                disable_numparse=True,
                colalign=("left", "left", "right", "right", "right", "left"),
                maxcolwidths=[None, TITLE_WIDTH, None, None, None, 24],
            )
        )
    else:
        parts.append(_no_course(plan, t))
    parts += [_total_line(plan, t), "", t("plan.mapping")]
    parts.append(
        tabulate(
            [[glue(cell) for cell in row] for row in _mapping_rows(plan, t)],
            _mapping_headers(t),
            tablefmt="simple",
            disable_numparse=True,
            maxcolwidths=[None, 40, None, 40],
        )
    )
    parts += ["", *(line for note in _notes(plan, t) for line in wrap(glue(note)))]
    return "\n".join(parts) + "\n"


def render_markdown(plan: Plan, lang: str = "en") -> str:
    """A Markdown report (GitHub tables): ``#`` title, ``##`` sections."""
    t = Text(lang)
    head = _heading(plan, t)
    parts = [
        f"# {markdown_text(head[0])}",
        "",
        *(f"- {markdown_text(line)}" for line in head[1:]),
        "",
    ]
    parts += [f"## {markdown_text(t('plan.courses'))}", ""]
    parts.append(
        tabulate(_course_rows(plan, t), _headers(t), tablefmt="github", disable_numparse=True)
        if plan.courses
        else _no_course(plan, t)
    )
    parts += [
        "",
        f"**{markdown_text(_total_line(plan, t))}**",
        "",
        f"## {markdown_text(t('plan.mapping'))}",
        "",
    ]
    parts.append(
        tabulate(
            _mapping_rows(plan, t), _mapping_headers(t), tablefmt="github", disable_numparse=True
        )
    )
    parts += ["", *(f"- {markdown_text(n)}" for n in _notes(plan, t))]
    return "\n".join(parts) + "\n"


CSV_SECTIONS = {
    "courses": ["course", "title", "hours", "cost", "level", "covers", "prerequisite_of"],
    "items": ["item", "name", "level", "status", "courses"],
    "total": ["standard", "status", "courses", "hours", "cost", "currency"],
}
"""The plan CSV: three sections, each its header then its rows, a blank line between."""


def csv_sections(plan: Plan) -> dict[str, list[list[str]]]:
    """The rows of each CSV section (without headers)."""
    courses = [
        [
            c.code,
            c.title,
            fmt_num(c.hours),
            "" if c.cost is None else fmt_num(c.cost),
            fmt_level(c.level) if c.level is not None else "",
            ";".join(c.covers),
            ";".join(c.prerequisite_of),
        ]
        for c in plan.courses
    ]
    items = []
    for item, level in plan.required.items():
        covering = plan.mapping.get(item, ())
        if covering:
            status = "covered"
        elif item in plan.budget_gaps:
            status = "budget_gap"
        elif item in plan.level_gaps:
            status = "level_gap"
            covering = tuple(code for code, _ in plan.level_offers.get(item, ()))
        else:
            status = "gap"
        level_text = fmt_level(level) if level is not None else ""
        items.append([item, plan.item_names[item], level_text, status, ";".join(covering)])
    total = [
        [
            plan.standard,
            plan.status,
            str(len(plan.courses)),
            fmt_num(plan.total_hours),
            fmt_num(plan.total_cost),
            plan.currency,
        ]
    ]
    return {"courses": courses, "items": items, "total": total}


def _csv_words(lang: str, header: list[str], rows: list[list[str]]) -> list[list[str]]:
    """A section in the reader's language: its header, and its ``status``, ``objective``
    and ``reason`` codes (``covered`` → ``已涵蓋``); English keeps the machine's names."""
    t = Text(lang)
    if not t.zh:
        return [header, *rows]
    coded = [(k, n) for k, n in enumerate(header) if n in ("status", "objective", "reason")]
    out = [[t(f"csv.{name}") for name in header]]
    for row in rows:
        row = list(row)
        for k, name in coded:
            parts = [t(f"csv.{name}.{v}") if v else v for v in row[k].split(";")]
            row[k] = ";".join(parts)
        out.append(row)
    return out


def write_sections(
    sections: dict[str, list[list[str]]], headers: dict[str, list[str]], lang: str = "en"
) -> str:
    """CSV text: each section's header and rows, sections apart by a blank line; in
    zh-TW the headers and status words are translated (see :func:`_csv_words`)."""
    out = io.StringIO()
    writer = csv_writer(out)
    for n, (name, rows) in enumerate(sections.items()):
        if n:
            out.write("\r\n")
        writer.writerows(_csv_words(lang, headers[name], rows))
    return out.getvalue()


def render_csv(plan: Plan, lang: str = "en") -> str:
    """Courses, items (status and covering courses) and the total, for spreadsheets."""
    return write_sections(csv_sections(plan), CSV_SECTIONS, lang)


RENDERERS = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
    "programme": render_programme,
}
