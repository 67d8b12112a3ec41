"""The schedule's part of THE message catalogue (:mod:`curriculum.i18n.catalogue`
merges it): ``curriculum schedule`` in every format, ``key: (English, zh-TW)``.
"""

from __future__ import annotations

SCHEDULE: dict[str, tuple[str, str]] = {
    "sched.title": ("Schedule for {code} {name}", "{code} {name} 訓練時程"),
    "sched.title_all": (
        "Schedule of every catalogue course ({code})",
        "課程目錄全部課程時程（{code}）",
    ),
    "sched.title_curriculum": (
        "Schedule of every catalogue course (fixed curriculum)",
        "課程目錄全部課程時程（固定課程）",
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
        "Total: {n} course{s} in {periods}, {hours} h, {cost} {currency}; "
        "heaviest period {heaviest} h",
        "合計：{n} 門課，{periods}，{hours} 小時，{cost} {currency}；最重一期 {heaviest} 小時",
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
    # file formats (CSV, markdown, XLSX, iCalendar, chart)
    "sched.title_plain": (
        "Schedule",
        "訓練時程",
    ),
    "sched.objective.hours": (
        "Objective: least hours, then fewest periods, then least cost",
        "排程目標：總時數最少，其次期數最少，再次費用最低",
    ),
    "sched.objective.balance": (
        "Objective: the heaviest period's hours as low as possible (balanced load)",
        "排程目標：負擔最重一期的時數最少（均衡負擔）",
    ),
    "sched.status.optimal": (
        "Status: optimal, proven",
        "狀態：最佳解，已證明",
    ),
    "sched.bound": (
        " (lower bound {bound} h)",
        "（下界 {bound} 小時）",
    ),
    "sched.n_periods": (
        "{n} period{s}",
        "{n} 期",
    ),
    "sched.summary": (
        "Summary",
        "摘要",
    ),
    "sched.periods": (
        "Periods",
        "各期",
    ),
    "sched.courses": (
        "Courses",
        "課程",
    ),
    "sched.period_n": (
        "Period {n}",
        "第 {n} 期",
    ),
    "sched.col.start": (
        "Start",
        "開始",
    ),
    "sched.col.end": (
        "End",
        "結束",
    ),
    "sched.col.sessions": (
        "Sessions",
        "梯次日期",
    ),
    "sched.col.prerequisite_of": (
        "Prerequisite of",
        "為其先修之課程",
    ),
    "sched.ics.period": (
        "Period: {period}",
        "期別：{period}",
    ),
    "sched.ics.session": (
        "Session {k} of {n}: {start} to {end}",
        "第 {k} 梯次（共 {n} 梯次）：{start} 至 {end}",
    ),
    "sched.ics.hours": (
        "Hours: {hours}",
        "時數：{hours}",
    ),
    "sched.ics.cost": (
        "Cost: {cost}",
        "費用：{cost}",
    ),
    "sched.ics.covers": (
        "Covers: {items}",
        "涵蓋項目：{items}",
    ),
    "sched.ics.prerequisite_of": (
        "Prerequisite of: {codes}",
        "為其先修之課程：{codes}",
    ),
    "sched.ics.standard": (
        "Standard: {code}",
        "職能基準：{code}",
    ),
    "sched.chart.x": (
        "Period",
        "期別",
    ),
    "sched.chart.note": (
        "Each bar is a course across its period, or its dated sessions; colours mark the periods.",
        "每條橫條是一門課程所在的期別，或其梯次日期；顏色區分期別。",
    ),
}
