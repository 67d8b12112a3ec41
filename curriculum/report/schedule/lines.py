"""The lines every schedule report shares: heading (title, targets, goal, limits,
status), the total line and the notes (order, sessions, gaps, unproven ties)."""

from __future__ import annotations

from curriculum.i18n import Text
from curriculum.numbers import fmt_money, fmt_num
from curriculum.planning.schedule_result import Schedule


def _status(schedule: Schedule, t: Text) -> str:
    if schedule.is_optimal:
        return t(f"sched.status.optimal_{schedule.objective}")
    if schedule.lower_bound is None:
        return t("sched.status.feasible_nobound")
    return t("sched.status.feasible", bound=f"{fmt_num(schedule.lower_bound)} {t('hours_unit')}")


def _limits(schedule: Schedule, t: Text) -> str:
    limits = schedule.limits
    parts = []
    for name in ("max_hours", "min_hours", "max_cost", "min_courses", "max_courses"):
        value = getattr(limits, name)
        if value is not None:
            shown = fmt_money(value) if name == "max_cost" else fmt_num(value)
            parts.append(t(f"sched.limit.{name}", value=shown))
    return t.sep.join(parts)


def heading(schedule: Schedule, t: Text) -> list[str]:
    """Title, targets, goal, limits and status lines (shared by the other renderers)."""
    if schedule.all_courses and not schedule.standard:
        lines = [t("sched.title_curriculum")]
    elif schedule.all_courses:
        lines = [t("sched.title_all", code=schedule.standard)]
    else:
        title = t("sched.title", code=schedule.standard, name=schedule.standard_name or "")
        targets = t.join(schedule.targets) or t("whole_standard")
        lines = [title.rstrip(), t("sched.targets", targets=targets)]
    lines.append(t(f"sched.goal.{schedule.objective}"))
    limits = _limits(schedule, t)
    if limits:
        lines.append(t("sched.limits", limits=limits))
    lines.append(t("plan.status", status=_status(schedule, t)))
    return lines


def total_text(schedule: Schedule, t: Text) -> str:
    """Courses, periods used, hours, cost and the heaviest period, in one line."""
    return t(
        "sched.total",
        n=len(schedule.courses),
        periods=t("sched.n_periods", n=schedule.periods_used),
        hours=fmt_num(schedule.total_hours),
        cost=(
            t("plan.no_price")
            if schedule.total_cost is None
            else t.money(schedule.total_cost, schedule.currency)
        ),
        heaviest=fmt_num(schedule.heaviest_period_hours),
    )


def notes(schedule: Schedule, t: Text) -> list[str]:
    """Prerequisite order, dated sessions, gaps and unproven ties (shared by every
    renderer)."""
    notes = []
    order = [
        t("sched.prereq", code=c.code, codes=t.join(c.prerequisite_of))
        for c in schedule.courses
        if c.prerequisite_of
    ]
    if order:
        notes.append(t("sched.order", pairs=t.sep.join(order)))
    dated = [
        f"{c.code} " + t.join(f"{s.start.isoformat()}–{s.end.isoformat()}" for s in c.sessions)
        for c in schedule.courses
        if c.sessions
    ]
    if dated:
        notes.append(t("sched.sessions", sessions=t.sep.join(dated)))
    if schedule.gaps:
        notes.append(t("sched.gaps", items=t.join(schedule.gaps)))
    if schedule.level_gaps:
        notes.append(t("sched.level_gaps", items=t.join(schedule.level_gaps)))
    if not schedule.ties_proven:
        notes.append(t("sched.ties"))
    return notes
