"""THE message catalogue of the reports: ``key: (English, zh-TW)``.

Read through :class:`curriculum.i18n.Text`. ``{n}`` counts and ``{s}`` is its
English plural ending. The zh-TW texts use the terms of the iCAP 職能基準 and
full-width punctuation; codes, numbers and currency stay as they are.
"""

from __future__ import annotations

from curriculum.i18n.review import REVIEW
from curriculum.i18n.schedule import SCHEDULE
from curriculum.i18n.team_calendar import TEAM_CALENDAR
from curriculum.i18n.team_frontier import TEAM_DECISION, TEAM_FRONTIER
from curriculum.i18n.template import TEMPLATE, TEMPLATE_STANDARD

COMMON: dict[str, tuple[str, str]] = {
    "whole_standard": ("whole standard", "整份職能基準"),
    "none": ("none", "無"),
    "all": ("all", "全部"),
    "hours_unit": ("h", "小時"),
    "n_courses": ("{n} course{s}", "{n} 門課程"),
    "n_items": ("{n} item{s}", "{n} 個項目"),
    "n_members": ("{n} member{s}", "{n} 位成員"),
    "n_sessions": ("{n} session{s}", "{n} 梯次"),
    "n_departments": ("{n} department{s}", "{n} 個部門"),
    "n_standards": ("{n} standard{s}", "{n} 份職能基準"),
    "n_catalogues": ("{n} catalogue{s}", "{n} 份課程目錄"),
    "level_n": ("level {level}", "級別 {level}"),
    "col.code": ("Code", "課程代碼"),
    "col.title": ("Title", "課程名稱"),
    "col.hours": ("Hours", "時數"),
    "col.cost": ("Cost", "費用"),
    "col.level": ("Level", "級別"),
    "col.covers": ("Covers", "涵蓋項目"),
    "col.item": ("Item", "項目"),
    "col.name": ("Name", "名稱"),
    "col.kind": ("Kind", "類別"),
    "col.covered_by": ("Covered by", "涵蓋課程"),
    "col.task": ("Task", "工作任務"),
    "col.knowledge": ("Knowledge", "職能內涵（K）"),
    "col.skills": ("Skills", "職能內涵（S）"),
    "status.optimal_hours": ("optimal (least total hours proven)", "最佳解（已證明總時數最少）"),
    "status.optimal_cost": ("optimal (least total cost proven)", "最佳解（已證明總費用最少）"),
    "status.optimal_budget": (
        "optimal (most covered weight within the budget, then least hours, proven)",
        "最佳解（已證明在預算內涵蓋權重最多，其次時數最少）",
    ),
    "status.feasible": (
        "feasible, not proven optimal (lower bound {bound}, gap {gap})",
        "可行解，未證明最佳（下界 {bound}，差距 {gap}）",
    ),
    "missing_input": ("{path}: no such file or folder", "{path}：找不到此檔案或資料夾"),
}

PLAN: dict[str, tuple[str, str]] = {
    "plan.title": ("Plan for {code} {name}", "{code} {name} 訓練規劃"),
    "plan.targets": ("Targets: {targets} (tasks {tasks})", "目標：{targets}（工作任務 {tasks}）"),
    "plan.options": ("Options: {options}", "選項：{options}"),
    "plan.opt.attitudes": ("attitudes included", "含態度項目"),
    "plan.opt.held": ("already held: {codes}", "已具備：{codes}"),
    "plan.opt.excluded": ("excluded: {codes}", "排除課程：{codes}"),
    "plan.opt.required": ("required: {codes}", "指定課程：{codes}"),
    "plan.opt.done": ("done: {codes}", "已修課程：{codes}"),
    "plan.prerequisite_of": ("prerequisite of {codes}", "{codes} 的先修課程"),
    "plan.opt.ignore_levels": ("levels ignored", "不考慮級別"),
    "plan.status": ("Status: {status}", "狀態：{status}"),
    "plan.budget": ("Budget: {limits}: {buys}", "預算：{limits}；{buys}"),
    "plan.budget_weights": ("Weights, no budget: {buys}", "僅設定權重，未設預算：{buys}"),
    "plan.budget.hours": ("≤ {hours} h", "≤ {hours} 小時"),
    "plan.budget.cost": ("≤ {cost} {currency}", "≤ {cost} {currency}"),
    "plan.budget.fits": ("the plan without a budget fits", "不設預算的規劃即在預算內"),
    "plan.budget.items": (
        "covers {covered} of {coverable} coverable items ({share})",
        "涵蓋可涵蓋的 {coverable} 個項目中的 {covered} 個（{share}）",
    ),
    "plan.budget.weight": (
        "covers weight {covered} of {coverable} coverable ({share})",
        "涵蓋可涵蓋權重 {coverable} 中的 {covered}（{share}）",
    ),
    "plan.budget.bound": (", at most {bound} proven possible", "，已證明至多可達 {bound}"),
    "plan.no_course": ("No course needed.", "不需任何課程。"),
    "plan.no_course_possible": (
        "No course: no loaded course covers a required item.",
        "無課程：已載入的課程都未涵蓋任何必要項目。",
    ),
    "plan.total": (
        "Total: {n} course{s}, {hours} hours, {cost}",
        "合計：{n} 門課程，{hours} 小時，{cost}",
    ),
    "plan.total_unpriced": (" (no price given for {codes})", "（未提供費用：{codes}）"),
    "plan.no_price": ("no price given", "未提供費用"),
    "plan.mapping": ("Item → courses", "項目 → 課程"),
    "plan.courses": ("Courses", "課程"),
    "plan.budget_gap": (
        "BUDGET GAP (left out to fit the budget)",
        "預算缺口（為符合預算而未涵蓋）",
    ),
    "plan.level_gap": ("LEVEL GAP", "級別缺口"),
    "plan.level_gap_only": ("LEVEL GAP (only {offers})", "級別缺口（僅有 {offers}）"),
    "plan.level_offer": ("{code} at level {level}", "{code} 級別 {level}"),
    "plan.gap": ("GAP (no course)", "缺口（無課程）"),
    "plan.note.no_claims": (
        "No loaded course claims any item of {code}: give a catalogue for it with --catalogue.",
        "已載入的課程都未宣稱涵蓋 {code} 的項目：請以 --catalogue 指定其課程目錄。",
    ),
    "plan.note.gaps": ("Gaps (no course covers them): {items}", "缺口（無任何課程涵蓋）：{items}"),
    "plan.note.level_gaps": (
        "Covered only below the required level: {items}",
        "僅以低於要求級別的課程涵蓋：{items}",
    ),
    "plan.note.needs": ("{item} {name} (needs {level})", "{item} {name}（要求 {level}）"),
    "plan.note.budget_gaps": (
        "Budget gaps (coverable, left out to fit the budget): {items}",
        "預算缺口（可涵蓋，但為符合預算而未涵蓋）：{items}",
    ),
    "plan.note.no_gaps": (
        "No gaps: every required item is covered.",
        "無缺口：所有必要項目皆已涵蓋。",
    ),
    "plan.note.excluded": (
        "Excluded courses ({codes}) were not considered; without them some gaps may remain.",
        "未考慮排除的課程（{codes}）；部分缺口可能因此產生。",
    ),
    "plan.blocked": ("{code} (needs {needs})", "{code}（需先修 {needs}）"),
    "plan.note.blocked": (
        "Not considered, as their prerequisites cannot be met: {courses}",
        "未列入考量（先修條件無法滿足）：{courses}",
    ),
    "plan.note.ties": (
        "Tie-break not completed within the time limit: another plan of the same "
        "hours may rank higher on cost, course count or code order.",
        "時間限制內未完成同分比較：另有相同時數的規劃可能在費用、課程數或代碼順序上較優。",
    ),
    "plan.note.unlevelled": (
        "Courses without a level count at every level: {codes}",
        "未標示級別的課程視為涵蓋所有級別：{codes}",
    ),
    "batch.learner": ("Learner {id}", "學員 {id}"),
}

TEAM: dict[str, tuple[str, str]] = {
    "team.title": (
        "Team plan for {source}: {members}, {departments}",
        "{source} 團隊訓練規劃：{members}，{departments}",
    ),
    "team.objective": ("Objective: {first} first, then {second}", "目標：先{first}，再{second}"),
    "team.objective_budget": (
        "Objective: most member-items covered within the budget, then {first}, then {second}",
        "目標：先在預算內涵蓋最多成員項目，再{first}，再{second}",
    ),
    "team.cost": ("cost", "費用最低"),
    "team.hours": ("hours", "時數最少"),
    "team.budget": ("Budget: {limits}", "預算：{limits}"),
    "team.budget.cost": ("team cost ≤ {cost} {currency}", "團隊費用 ≤ {cost} {currency}"),
    "team.budget.hours": ("≤ {hours} h per member", "每人 ≤ {hours} 小時"),
    "team.status": ("Status: {status}", "狀態：{status}"),
    "team.proven.cost": ("least total cost", "總費用最低"),
    "team.proven.hours": ("least training hours", "訓練時數最少"),
    "team.proven.budget": (
        "most member-items covered within the budget, then {what}",
        "在預算內涵蓋最多成員項目，其次{what}",
    ),
    "team.optimal": ("optimal ({what} proven)", "最佳解（已證明{what}）"),
    "team.ties": (
        "; tie-break not completed, another equally good plan may be printed",
        "；未完成同分比較，可能另有同樣好的規劃",
    ),
    "team.baseline_returned": (
        "; the member-by-member plan, nothing better found in time",
        "；此為個別規劃，時限內未找到更好的規劃",
    ),
    "team.total": (
        "Team total: {cost} {currency}, {sessions}, {enrolments} enrolments, "
        "{hours} training hours",
        "團隊合計：{cost} {currency}，{sessions}，{enrolments} 人次，訓練 {hours} 小時",
    ),
    "team.coverage": (
        "Team coverage: {covered} of {required} member-items ({share}); "
        "{full} of {members} members fully covered",
        "團隊涵蓋：成員項目 {required} 個中涵蓋 {covered} 個（{share}）；"
        "{members} 位成員中 {full} 位完全涵蓋",
    ),
    "team.alone": (
        "Member by member (each planned and priced alone): {alone} {currency}, "
        "{hours} hours; same choices in shared sessions: {pooled} {currency}",
        "個別規劃（每人各自規劃、各自計價）：{alone} {currency}，{hours} 小時；"
        "相同選課併班上課：{pooled} {currency}",
    ),
    "team.saving": (
        "Saving against member by member: {saving} {currency} ({share})",
        "相較個別規劃節省：{saving} {currency}（{share}）",
    ),
    "team.no_saving": (
        "No saving shown: the member-by-member plans cover {alone_covered} member-items, "
        "the team plan {covered}; the costs are not like for like.",
        "不列節省金額：個別規劃涵蓋 {alone_covered} 個成員項目，團隊規劃涵蓋 {covered} 個，"
        "兩者費用無法直接比較。",
    ),
    "team.baseline": (
        "Baseline (each member's own cheapest plan, sessions shared): "
        "{pooled} {currency}, {hours} hours",
        "比較基準（各成員自己最便宜的規劃，相同課程併班上課）：{pooled} {currency}，{hours} 小時",
    ),
    "team.saving_baseline": (
        "Saving against the baseline: {saving} {currency} ({share})",
        "相較比較基準節省：{saving} {currency}（{share}）",
    ),
    "team.alone_sessions": (
        "The same plans with every member booking whole sessions alone (as plan prices "
        "them): {alone} {currency}",
        "同樣的規劃若每人各自包班（即 plan 的計價）：{alone} {currency}",
    ),
    "team.col.baseline": ("Baseline", "比較基準"),
    "team.members": ("Members", "成員"),
    "team.courses": ("Courses and sessions", "課程與梯次"),
    "team.departments": ("Departments", "部門"),
    "team.sheet": ("Member sheet", "個人課表"),
    "team.summary": ("Summary", "摘要"),
    "team.left_out_title": ("Left out", "未納入"),
    "team.col.id": ("ID", "編號"),
    "team.col.name": ("Name", "姓名"),
    "team.col.department": ("Department", "部門"),
    "team.col.targets": ("Targets", "目標"),
    "team.col.courses": ("Courses", "課程"),
    "team.col.covered": ("Covered", "涵蓋"),
    "team.col.not_covered": ("Not covered", "未涵蓋"),
    "team.col.required": ("Required", "應涵蓋"),
    "team.col.gaps": ("Gaps", "缺口"),
    "team.col.sessions": ("Sessions", "梯次"),
    "team.col.heads": ("Heads", "人數"),
    "team.col.seats": ("Seats", "名額"),
    "team.col.per_session": ("Per session", "每梯次費用"),
    "team.col.per_head": ("Per head", "每人費用"),
    "team.col.total": ("Total", "合計"),
    "team.col.participants": ("Participants", "參加成員"),
    "team.col.members": ("Members", "人數"),
    "team.col.enrolments": ("Enrolments", "人次"),
    "team.col.alone": ("Member by member", "個別規劃"),
    "team.col.items": ("Items", "涵蓋項目"),
    "team.col.reason": ("Why", "原因"),
    "team.participants_n": ("{n} member{s}", "{n} 人"),
    "team.gap": ("gap {items}", "缺口 {items}"),
    "team.level_gap": ("level gap {items}", "級別缺口 {items}"),
    "team.left_out": ("left out {items}", "未納入 {items}"),
    "team.why.hours": ("over the per-member hours", "超過每人時數上限"),
    "team.why.cost": ("over the team budget", "超過團隊預算"),
    "team.why.participants": (
        "too few members for a session's minimum",
        "參加人數未達開班下限",
    ),
    "team.note.shares": (
        "Member and department costs share each session's price among its participants, "
        "in whole {currency} (largest remainder), so they add up to the team total.",
        "成員與部門費用由參加者分攤各梯次費用，以整數 {currency} 計（最大餘數法），"
        "加總即為團隊合計。",
    ),
    "team.note.wide": (
        "Heads counts each course's participants; --wide lists their ids.",
        "人數為各課程參加成員數；加 --wide 列出成員編號。",
    ),
    "team.note.unpriced": ("No price given for {codes}", "未提供費用：{codes}"),
}

FRONTIER: dict[str, tuple[str, str]] = {
    "frontier.title.hours": (
        "Coverage against hours for {code} {name}",
        "{code} {name}：涵蓋程度與訓練時數",
    ),
    "frontier.title.cost": (
        "Coverage against cost for {code} {name}",
        "{code} {name}：涵蓋程度與費用",
    ),
    "frontier.coverable": ("Coverable: {weight} {what}{count}", "可涵蓋：{weight} {what}{count}"),
    "frontier.what.items": ("items", "個項目"),
    "frontier.what.weight": ("weight", "權重"),
    "frontier.count": (" ({n} items)", "（{n} 個項目）"),
    "frontier.not_coverable": ("not coverable: {parts}", "無法涵蓋：{parts}"),
    "frontier.gaps": ("no course {items}", "無課程 {items}"),
    "frontier.level_gaps": ("only below the required level {items}", "僅低於要求級別 {items}"),
    "frontier.exact": ("exact (every point proven efficient)", "精確（每一點皆已證明為效率解）"),
    "frontier.unproven": (
        "not proven: the time limit stopped the search (points marked *)",
        "未證明：搜尋因時間限制停止（標 * 者）",
    ),
    "frontier.col.items": ("Items", "項目數"),
    "frontier.col.weight": ("Weight", "權重"),
    "frontier.col.share": ("Share", "比例"),
    "frontier.col.step.hours": ("+Hours", "+時數"),
    "frontier.col.step.cost": ("+Cost", "+費用"),
    "frontier.col.courses": ("Courses", "課程"),
    "frontier.note.hours": (
        "Each row is an efficient plan: nothing covers more in as few hours. "
        "Any coverage between two rows needs the hours of the higher row.",
        "每一列都是效率解：沒有其他規劃能以同樣時數涵蓋更多。"
        "介於兩列之間的涵蓋程度，需要較高一列的時數。",
    ),
    "frontier.note.cost": (
        "Each row is an efficient plan: nothing covers more for as little money. "
        "Any coverage between two rows needs the cost of the higher row.",
        "每一列都是效率解：沒有其他規劃能以同樣費用涵蓋更多。"
        "介於兩列之間的涵蓋程度，需要較高一列的費用。",
    ),
    "frontier.note_unproven.hours": (
        "Rows without * are efficient plans: nothing covers more in as few hours. A row marked * "
        "is the best found in time; up to the weight in brackets may be coverable within the "
        "hours below the next row up, so coverage between a row marked * and the row above it "
        "is an interval, not proven.",
        "未標 * 的列是效率解：沒有其他規劃能以同樣時數涵蓋更多。標 * 的列是時限內找到的最佳解；"
        "在下一列的時數以內，最多可能涵蓋括號中的權重，"
        "因此標 * 的列與上一列之間的涵蓋程度只是區間，尚未證明。",
    ),
    "frontier.note_unproven.cost": (
        "Rows without * are efficient plans: nothing covers more for as little money. A row "
        "marked * is the best found in time; up to the weight in brackets may be coverable "
        "within the cost below the next row up, so coverage between a row marked * and the row "
        "above it is an interval, not proven.",
        "未標 * 的列是效率解：沒有其他規劃能以同樣費用涵蓋更多。標 * 的列是時限內找到的最佳解；"
        "在下一列的費用以內，最多可能涵蓋括號中的權重，"
        "因此標 * 的列與上一列之間的涵蓋程度只是區間，尚未證明。",
    ),
    "chart.subtitle.hours": (
        "What each budget of hours covers: {weight} coverable {what}",
        "各時數預算可涵蓋的程度：可涵蓋 {weight} {what}",
    ),
    "chart.subtitle.cost": (
        "What each budget of money covers: {weight} coverable {what}",
        "各費用預算可涵蓋的程度：可涵蓋 {weight} {what}",
    ),
    "chart.milestone": (
        "{share} covered:\n{hours} h, {cost} {currency}, {n} course{s}",
        "涵蓋 {share}：\n{hours} 小時，{cost} {currency}，{n} 門課程",
    ),
    "chart.x.hours": (
        "Training hours (least possible for each coverage level)",
        "訓練時數（各涵蓋程度的最少時數）",
    ),
    "chart.x.cost": (
        "Cost ({currency}, least possible for each coverage level)",
        "費用（{currency}，各涵蓋程度的最低費用）",
    ),
    "chart.y": ("Share of coverable {what} covered", "可涵蓋{what}的涵蓋比例"),
    "chart.y.items": ("items", "項目"),
    "chart.y.weight": ("weight", "權重"),
    "chart.note": (
        "Each step is an efficient plan (exact, CP-SAT).",
        "每一階都是效率解（CP-SAT 精確求解）。",
    ),
    "chart.note.missing": (
        " Not coverable by the catalogue: {items}.",
        "課程目錄無法涵蓋：{items}。",
    ),
    "chart.note.unproven": (
        " Red-edged points are not proven (time limit).",
        "紅框的點未經證明（時間限制）。",
    ),
}

LISTS: dict[str, tuple[str, str]] = {
    "list.code": ("Code", "代碼"),
    "list.name": ("Name", "名稱"),
    "list.framework": ("Framework", "架構"),
    "list.version": ("Version", "版本"),
    "list.level": ("Level", "級別"),
    "list.tasks": ("Tasks", "工作任務"),
    "list.K": ("K", "K"),
    "list.S": ("S", "S"),
    "list.A": ("A", "A"),
    "list.title": ("Title", "課程名稱"),
    "list.hours": ("Hours", "時數"),
    "list.cost": ("Cost", "費用"),
    "list.currency": ("Currency", "幣別"),
    "list.covers": ("Covers", "涵蓋項目"),
    "list.provider": ("Provider", "訓練單位"),
    "list.shared": (
        "Provider: {provider}   Currency: {currency}",
        "訓練單位：{provider}　幣別：{currency}",
    ),
    "list.prerequisites": ("Prerequisites", "先修課程"),
    "list.corequisites": ("Corequisites", "同修課程"),
    "list.same_term": ("Same term", "同期修習"),
    "list.count": ("Times", "修習次數"),
    "list.offered": ("Offered", "開課期間"),
    "list.sessions": ("Sessions", "梯次日期"),
    "validate.ok": (
        "OK: {standards} ({codes}), {catalogues} with {courses}",
        "檢查通過：{standards}（{codes}），{catalogues}，共 {courses}",
    ),
}


STANDARD: dict[str, tuple[str, str]] = {
    "std.framework": (
        "Framework: {framework}; version {version}{date}; level {level}",
        "職能架構：{framework}；版本 {version}{date}；級別 {level}",
    ),
    "std.of_date": (" of {date}", "（{date}）"),
    "std.description": ("Description", "職能基準說明"),
    "std.task": (
        "{code} {name}  (duty {duty} {duty_name}; level {level})",
        "{code} {name}（主要職責 {duty} {duty_name}；級別 {level}）",
    ),
    "std.outputs": ("Outputs", "工作產出"),
    "std.indicators": ("Behaviour indicators", "行為指標"),
    "std.knowledge": ("Knowledge", "知識"),
    "std.skills": ("Skills", "技能"),
    "std.notes": ("Notes", "備註"),
    "diff.title": ("Changes from {old} to {new}", "{old} 至 {new} 的變更"),
    "diff.warning": ("Warning", "警告"),
    "diff.none": ("No differences.", "無差異。"),
    "diff.items_added": ("Items added", "新增項目"),
    "diff.items_removed": ("Items removed", "刪除項目"),
    "diff.items_renamed": ("Items renamed", "更名項目"),
    "diff.items_recoded": ("Items recoded", "改代碼項目"),
    "diff.kind_changes": ("Items changing kind", "變更類別的項目"),
    "diff.tasks_added": ("Tasks added", "新增工作任務"),
    "diff.tasks_removed": ("Tasks removed", "刪除工作任務"),
    "diff.tasks_renamed": ("Tasks renamed", "更名工作任務"),
    "diff.tasks_recoded": ("Tasks recoded", "改代碼工作任務"),
    "diff.level_changes": ("Level changes", "級別變更"),
    "diff.item_changes": ("K/S items per task", "各工作任務的知識與技能項目"),
    "diff.indicator_changes": (
        "Behaviour indicators per task (added or reworded / removed or reworded)",
        "各工作任務的行為指標（新增或改寫／刪除或改寫）",
    ),
    "diff.indicators_reworded": (
        "Behaviour indicators reworded (old → new text)",
        "改寫的行為指標（原文 → 新文）",
    ),
}

CATALOGUE: dict[str, tuple[str, str]] = {
    **COMMON,
    **PLAN,
    **TEAM,
    **FRONTIER,
    **TEAM_FRONTIER,
    **TEAM_DECISION,
    **SCHEDULE,
    **TEAM_CALENDAR,
    **LISTS,
    **REVIEW,
    **STANDARD,
    **TEMPLATE,
    **TEMPLATE_STANDARD,
    **SCHEDULE,
}
