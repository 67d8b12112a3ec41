"""The schedule's part of THE message catalogue (:mod:`curriculum.i18n_catalogue` merges
it): ``curriculum schedule`` reports (markdown, XLSX, iCalendar, chart), ``key: (English,
zh-TW)``.
"""

from __future__ import annotations

SCHEDULE: dict[str, tuple[str, str]] = {
    "sched.title": ("Schedule for {code}", "{code} 訓練時程"),
    "sched.title_plain": ("Schedule", "訓練時程"),
    "sched.targets": ("Targets: {targets}", "目標：{targets}"),
    "sched.objective.hours": (
        "Objective: least hours, then fewest periods, then least cost",
        "排程目標：總時數最少，其次期數最少，再次費用最低",
    ),
    "sched.objective.balance": (
        "Objective: the heaviest period's hours as low as possible (balanced load)",
        "排程目標：負擔最重一期的時數最少（均衡負擔）",
    ),
    "sched.status.optimal": ("Status: optimal, proven", "狀態：最佳解，已證明"),
    "sched.status.feasible": (
        "Status: feasible, optimality not proven{bound}",
        "狀態：可行解，尚未證明為最佳{bound}",
    ),
    "sched.bound": (" (lower bound {bound} h)", "（下界 {bound} 小時）"),
    "sched.ties": (
        "The later objectives (periods, cost, tie-breaks) were not all proven in the time limit.",
        "後續目標（期數、費用、同分規則）未能全部在時限內證明。",
    ),
    "sched.limits": ("Per period: {limits}", "每期限制：{limits}"),
    "sched.limit.max_hours": ("at most {hours} h", "最多 {hours} 小時"),
    "sched.limit.min_hours": ("at least {hours} h", "至少 {hours} 小時"),
    "sched.limit.max_cost": ("at most {cost} {currency}", "最多 {cost} {currency}"),
    "sched.limit.min_courses": ("at least {n} course{s}", "至少 {n} 門課程"),
    "sched.limit.max_courses": ("at most {n} course{s}", "最多 {n} 門課程"),
    "sched.n_periods": ("{n} period{s}", "{n} 期"),
    "sched.total": (
        "Total: {courses} in {periods}, {hours} hours, {cost}; heaviest period {heaviest} hours",
        "合計：{courses}，分 {periods}，{hours} 小時，{cost}；負擔最重一期 {heaviest} 小時",
    ),
    "sched.gaps": ("Not covered by any course: {items}", "沒有課程涵蓋：{items}"),
    "sched.no_course": ("No course to schedule.", "沒有需要排入時程的課程。"),
    "sched.summary": ("Summary", "摘要"),
    "sched.periods": ("Periods", "各期"),
    "sched.courses": ("Courses", "課程"),
    "sched.period_n": ("Period {n}", "第 {n} 期"),
    "sched.col.period": ("Period", "期別"),
    "sched.col.start": ("Start", "開始"),
    "sched.col.end": ("End", "結束"),
    "sched.col.courses": ("Courses", "課程"),
    "sched.col.sessions": ("Sessions", "梯次日期"),
    "sched.col.prerequisite_of": ("Prerequisite of", "為其先修之課程"),
    "sched.ics.period": ("Period: {period}", "期別：{period}"),
    "sched.ics.session": (
        "Session {k} of {n}: {start} to {end}",
        "第 {k} 梯次（共 {n} 梯次）：{start} 至 {end}",
    ),
    "sched.ics.hours": ("Hours: {hours}", "時數：{hours}"),
    "sched.ics.cost": ("Cost: {cost}", "費用：{cost}"),
    "sched.ics.covers": ("Covers: {items}", "涵蓋項目：{items}"),
    "sched.ics.prerequisite_of": ("Prerequisite of: {codes}", "為其先修之課程：{codes}"),
    "sched.ics.standard": ("Standard: {code}", "職能基準：{code}"),
    "sched.chart.x": ("Period", "期別"),
    "sched.chart.note": (
        "Each bar is a course across its period, or its dated sessions; colours mark the periods.",
        "每條橫條是一門課程所在的期別，或其梯次日期；顏色區分期別。",
    ),
}
