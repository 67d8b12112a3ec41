"""The team report's sentences, shared by the text renderers and the workbook."""

from __future__ import annotations

from curriculum.i18n import Text
from curriculum.numbers import fmt_num, fmt_share
from curriculum.planning.team.result import MemberPlan, TeamPlan


def _budgeted(plan: TeamPlan) -> bool:
    return plan.max_cost is not None or plan.max_hours is not None


def _status(plan: TeamPlan, t: Text) -> str:
    what = t(f"team.proven.{plan.objective}")
    if _budgeted(plan):
        what = t("team.proven.budget", what=what)
    if plan.status == "optimal":
        return t("team.optimal", what=what) + ("" if plan.ties_proven else t("team.ties"))
    if plan.objective == "cost":
        bound = t.money(plan.lower_bound, plan.currency)
    else:
        bound = f"{fmt_num(plan.lower_bound)} {t('hours_unit')}"
    text = t("status.feasible", bound=bound, gap=f"{plan.optimality_gap:.1%}")
    return text + (t("team.baseline_returned") if plan.baseline_returned else "")


def heading_lines(plan: TeamPlan, t: Text) -> list[str]:
    other = "hours" if plan.objective == "cost" else "cost"
    first, second = t(f"team.{plan.objective}"), t(f"team.{other}")
    lines = [
        t(
            "team.title",
            source=plan.title,
            members=t("n_members", n=len(plan.members)),
            departments=t("n_departments", n=len(plan.departments)),
        ),
        t(
            "team.objective_budget" if _budgeted(plan) else "team.objective",
            first=first,
            second=second,
        ),
    ]
    limits = []
    if plan.max_cost is not None:
        limits.append(t("team.budget.cost", cost=t.money(plan.max_cost, plan.currency)))
    if plan.max_hours is not None:
        limits.append(t("team.budget.hours", hours=fmt_num(plan.max_hours)))
    if limits:
        lines.append(t("team.budget", limits=t.comma.join(limits)))
    lines.append(t("team.status", status=_status(plan, t)))
    return lines


def summary_lines(plan: TeamPlan, t: Text) -> list[str]:
    full = sum(1 for m in plan.members if m.covered == m.required)
    lines = [
        t(
            "team.total",
            cost=t.money(plan.total_cost, plan.currency),
            currency=plan.currency,
            sessions=t("n_sessions", n=plan.sessions),
            enrolments=plan.enrolments,
            hours=fmt_num(plan.total_hours),
        ),
        t(
            "team.coverage",
            covered=plan.covered,
            required=plan.required,
            share=fmt_share(plan.covered, plan.required),
            full=full,
            members=len(plan.members),
        ),
        t(
            "team.baseline",
            pooled=t.money(plan.pooled_cost, plan.currency),
            hours=fmt_num(plan.alone_hours),
        ),
    ]
    if plan.saving is None:
        lines.append(t("team.no_saving", alone_covered=plan.alone_covered, covered=plan.covered))
    else:
        lines.append(
            t(
                "team.saving_baseline",
                saving=t.money(plan.saving, plan.currency),
                currency=plan.currency,
                share=fmt_share(plan.saving, plan.pooled_cost) if plan.saving > 0 else "0%",
            )
        )
    if plan.alone_cost != plan.pooled_cost:
        lines.append(t("team.alone_sessions", alone=t.money(plan.alone_cost, plan.currency)))
    return lines


def left_out_text(m: MemberPlan, t: Text) -> list[str]:
    """The member's left-out items grouped by why, e.g. ``left out K03: over the team budget``."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for item in m.budget_gaps:
        groups.setdefault(m.why_left_out.get(item, ()), []).append(item)
    return [
        t("team.left_out", items=" ".join(items))
        + (t.colon + t.comma.join(t(f"team.why.{r}") for r in why) if why else "")
        for why, items in groups.items()
    ]


def department_headers(t: Text) -> list[str]:
    return [
        t("team.col.department"),
        t("team.col.members"),
        t("team.col.enrolments"),
        t("col.hours"),
        t("col.cost"),
        t("team.col.covered"),
        t("team.col.baseline"),
    ]
