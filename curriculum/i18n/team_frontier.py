"""The team frontier's part of THE message catalogue (:mod:`curriculum.i18n.catalogue`
merges it): ``curriculum team --frontier``, ``key: (English, zh-TW)``.
"""

from __future__ import annotations

TEAM_FRONTIER: dict[str, tuple[str, str]] = {
    "tfront.title": (
        "Team coverage against cost for {team}: {n} member{s}",
        "{team} 團隊涵蓋程度與費用：{n} 位成員",
    ),
    "tfront.coverable": (
        "Coverable: {coverable} of {required} member-items",
        "可涵蓋：成員項目 {required} 個中的 {coverable} 個",
    ),
    "tfront.exact": ("exact (every point proven efficient)", "精確（每一點皆已證明為效率解）"),
    "tfront.unproven": (
        "not proven: the time limit stopped the search (points marked *)",
        "未證明：搜尋因時間限制停止（標 * 者）",
    ),
    "tfront.col.covered": ("Member-items", "成員項目"),
    "tfront.col.sessions": ("Sessions", "梯次"),
    "tfront.col.step": ("What the extra money buys", "增加的費用換得"),
    "tfront.for": ("{item} for {members}", "{members} 的 {item}"),
    "tfront.instead": ("instead of {parts}", "取代 {parts}"),
    "tfront.note": (
        "Each row is an efficient team plan with sessions shared: nothing covers more "
        "member-items for as little money. Any coverage between two rows needs the cost of the "
        "higher row. Each step says what it adds, for which members (ids), at its marginal price.",
        "每一列都是併班上課的團隊效率解：沒有其他規劃能以同樣費用涵蓋更多成員項目。"
        "介於兩列之間的涵蓋程度，需要較高一列的費用。每一階列出增加的項目、"
        "對象成員（編號）與邊際費用。",
    ),
    "tfront.note_unproven": (
        "Rows without * are efficient team plans. A row marked * is the best found in time; up "
        "to the member-items in brackets may be coverable within the cost below the next row "
        "up, so coverage between a row marked * and the row above it is an interval, not proven.",
        "未標 * 的列是團隊效率解。標 * 的列是時限內找到的最佳解；在下一列的費用以內，"
        "最多可能涵蓋括號中的成員項目，因此標 * 的列與上一列之間的涵蓋程度只是區間，尚未證明。",
    ),
    "tfront.chart.subtitle": (
        "What each team budget covers, sessions shared: {coverable} coverable member-items",
        "各團隊預算可涵蓋的程度（併班上課）：可涵蓋 {coverable} 個成員項目",
    ),
    "tfront.chart.y": ("Share of coverable member-items covered", "可涵蓋成員項目的涵蓋比例"),
    "tfront.chart.milestone": (
        "{share} covered:\n{cost} {currency}, {n} session{s}",
        "涵蓋 {share}：\n{cost} {currency}，{n} 梯次",
    ),
}

TEAM_DECISION: dict[str, tuple[str, str]] = {
    "tdecide.col.budget": ("Up to ({currency})", "預算上限（{currency}）"),
    "tdecide.col.buys": ("Adds to the row above (course ×members)", "較上一列增加（課程 人數）"),
    "tdecide.col.proven": ("Proven", "已證明"),
    "tdecide.added": ("+{code} ×{n}", "+{code} {n} 人"),
    "tdecide.dropped": ("no {code}", "取消 {code}"),
    "tdecide.changed": ("{code} ×{a}→{b}", "{code} {a}→{b} 人"),
    "tdecide.sessions": (" in {n} sessions", "（{n} 梯次）"),
    "tdecide.note": (
        "Each row is the most member-items a team plan within the budget covers, sessions "
        "shared (an efficient plan: nothing covers more for as little money), and what it "
        "buys over the row above: courses and how many members take them. Every efficient "
        "plan, with the items each step adds for which member ids: --wide, or --format json, "
        "csv or xlsx.",
        "每一列是預算內涵蓋最多成員項目的團隊規劃（併班上課；效率解：沒有其他規劃能以同樣費用"
        "涵蓋更多），以及較上一列增加的課程與參加人數。所有效率解，及每一階增加的項目與對象"
        "成員編號：加 --wide，或 --format json、csv、xlsx。",
    ),
    "tdecide.every": ("Every efficient plan", "所有效率解"),
    "tdecide.sheet": ("Decision", "決策表"),
    "tdecide.sheet.points": ("Points", "效率解"),
    "tdecide.sheet.items": ("Member items", "成員項目"),
    "tdecide.xlsx.covered": ("Member-items", "成員項目"),
    "tdecide.xlsx.proven": ("Proven", "已證明"),
    "tdecide.xlsx.bound": ("At most coverable", "最多可涵蓋"),
    "tdecide.xlsx.cost": ("Cost", "費用"),
    "tdecide.xlsx.step_cost": ("Step cost", "增加費用"),
    "tdecide.xlsx.sessions": ("Sessions", "梯次"),
    "tdecide.xlsx.hours": ("Hours", "時數"),
    "tdecide.xlsx.courses": ("Courses (members)", "課程（人數）"),
    "tdecide.xlsx.step": ("Step (member ids)", "增加內容（成員編號）"),
    "tdecide.xlsx.item": ("Item", "項目"),
}
