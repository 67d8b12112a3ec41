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
