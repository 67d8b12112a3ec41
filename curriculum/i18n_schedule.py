"""The schedule's part of THE message catalogue (:mod:`curriculum.i18n_catalogue`
merges it): ``curriculum schedule``, ``key: (English, zh-TW)``.
"""

from __future__ import annotations

SCHEDULE: dict[str, tuple[str, str]] = {
    "sched.title": ("Schedule for {code} {name}", "{code} {name} 訓練時程"),
    "sched.title_all": (
        "Schedule of every catalogue course ({code})",
        "課程目錄全部課程時程（{code}）",
    ),
    "sched.targets": ("Targets: {targets}", "目標：{targets}"),
    "sched.goal.hours": (
        "Goal: least hours, then fewest periods, then least cost",
        "最佳化目標：總時數最少，其次期數最少，再次費用最少",
    ),
    "sched.goal.balance": (
        "Goal: the lightest heaviest period (balanced), then least hours",
        "最佳化目標：最重一期的時數最少（平衡），其次總時數最少",
    ),
    "sched.limits": ("Per period: {limits}", "每期限制：{limits}"),
    "sched.limit.max_hours": ("≤ {value} h", "≤ {value} 小時"),
    "sched.limit.min_hours": ("≥ {value} h", "≥ {value} 小時"),
    "sched.limit.max_cost": ("cost ≤ {value}", "費用 ≤ {value}"),
    "sched.limit.min_courses": ("≥ {value} courses", "≥ {value} 門課"),
    "sched.limit.max_courses": ("≤ {value} courses", "≤ {value} 門課"),
    "sched.status.optimal_hours": (
        "optimal (least total hours proven)",
        "最佳解（已證明總時數最少）",
    ),
    "sched.status.optimal_balance": (
        "optimal (lightest heaviest period proven)",
        "最佳解（已證明最重一期時數最少）",
    ),
    "sched.status.feasible": (
        "feasible, not proven optimal (lower bound {bound})",
        "可行解，未證明最佳（下界 {bound}）",
    ),
    "sched.status.feasible_nobound": (
        "feasible, not proven optimal (no bound proven)",
        "可行解，未證明最佳（未證得下界）",
    ),
    "sched.col.period": ("Period", "期別"),
    "sched.col.courses": ("Courses", "課程"),
    "sched.total": (
        "Total: {n} course{s} in {periods} period(s), {hours} h, {cost} {currency}; "
        "heaviest period {heaviest} h",
        "合計：{n} 門課，{periods} 期，{hours} 小時，{cost} {currency}；最重一期 {heaviest} 小時",
    ),
    "sched.no_course": ("No course needed.", "不需任何課程。"),
    "sched.prereq": ("{code} before {codes}", "{code} 須先於 {codes}"),
    "sched.order": ("Order: {pairs}", "先後順序：{pairs}"),
    "sched.sessions": ("Sessions: {sessions}", "開班日期：{sessions}"),
    "sched.gaps": ("Items no course covers: {items}", "無課程涵蓋的項目：{items}"),
    "sched.ties": (
        "Ties among equally good schedules were not all settled in time: another run "
        "may place courses differently.",
        "同樣好的時程之間未能在時限內完全決定：重新執行時課程期別可能不同。",
    ),
}
