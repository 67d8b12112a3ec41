"""The catalogue templates' part of THE message catalogue (:mod:`curriculum.i18n.catalogue`
merges it): the instructions of ``courses template`` and of the per-standard template
(``courses template --standard``), ``key: (English, zh-TW)``.
"""

from __future__ import annotations

TEMPLATE: dict[str, tuple[str, str]] = {
    "template.sheet": ("instructions", "填寫說明"),
    "template.column": ("column", "欄位"),
    "template.required": ("required", "必填"),
    "template.meaning": ("meaning", "說明"),
    "template.yes": ("yes", "是"),
    "template.no": ("no", "否"),
    "template.instructions": (
        "Fill in one course per row of the 'courses' sheet, starting at row 2 (replace the "
        "example row). Keep the header row. Columns marked 'meta.NAME' may be added: they are "
        "kept with the course. Check the file with: curriculum validate --catalogue FILE.xlsx",
        "請在「courses」工作表每列填寫一門課程，自第 2 列起（取代範例列），保留標題列。"
        "可另加「meta.名稱」欄位，內容會隨課程保留。"
        "檢查檔案：curriculum validate --catalogue 檔案.xlsx",
    ),
    "template.col.code": (
        "The course's code, unique across your catalogues (no spaces, commas or ;).",
        "課程代碼，在所有課程目錄中不可重複（不可含空白、逗號或分號）。",
    ),
    "template.col.title": ("The course's title, in any language.", "課程名稱，任何語言皆可。"),
    "template.col.hours": (
        "Teaching hours (a number, 0 or more; 0 for a seminar without credit hours).",
        "授課時數（0 以上的數字；不計時數的講座填 0）。",
    ),
    "template.col.cost": (
        "Price per participant, in the catalogue's currency.",
        "每位學員的費用，以課程目錄的幣別計。",
    ),
    "template.col.level": (
        "The level the course teaches at, on the scale of the standards it claims "
        "(iCAP 1-6, O*NET 0-7). Empty: counts at any level.",
        "課程的授課級別，依所宣稱職能基準的級別（iCAP 1–6，O*NET 0–7）；留空表示任何級別皆可。",
    ),
    "template.col.covers": (
        "The items the course teaches, as STANDARD:ITEM pairs separated by ';' "
        "(item codes are local to their standard, so each pair names the standard).",
        "課程涵蓋的項目，寫成「職能基準代碼:項目代碼」，以「;」分隔"
        "（項目代碼只在所屬職能基準內有效，因此每組都要寫出職能基準）。",
    ),
    "template.col.provider": (
        "The training provider (the same on every row, or one per course).",
        "訓練單位（每列相同，或每門課程各自填寫）。",
    ),
    "template.col.currency": (
        "The currency of cost and session_cost (the same on every row; default TWD).",
        "cost 與 session_cost 的幣別（每列相同；預設 TWD）。",
    ),
    "template.col.session_cost": (
        "Fixed cost of running one session, whatever the number of participants.",
        "開設一個梯次的固定費用，與學員人數無關。",
    ),
    "template.col.capacity": (
        "Most participants in one session (a whole number, at least 1).",
        "一個梯次的人數上限（至少 1 的整數）。",
    ),
    "template.col.min_participants": (
        "Fewest participants for a session to run (at most capacity).",
        "梯次開班的最低人數（不超過人數上限）。",
    ),
    "template.col.prerequisites": (
        "Courses to take first: codes separated by ';', alternatives by '|' "
        "(CS-101; CS-102 | CS-103 = CS-101 and one of CS-102, CS-103).",
        "須先修的課程：代碼以「;」分隔，可擇一者以「|」分隔"
        "（例：CS-101;CS-102|CS-103 表示 CS-101 及 CS-102、CS-103 擇一）。",
    ),
    "template.col.corequisites": (
        "Courses to take first or in the same period, written as prerequisites.",
        "須先修或同期修習的課程，寫法同先修課程。",
    ),
    "template.col.same_term": (
        "Courses taken in the same period (a lecture and its lab), written as prerequisites.",
        "須於同一期修習的課程（如講授課與其實驗課），寫法同先修課程。",
    ),
    "template.col.count": (
        "How many times the course is taken (an elective slot taken 3 times: 3); empty = 1.",
        "修習次數（如選修課程名額修 3 次填 3）；空白表示 1 次。",
    ),
    "template.col.offered": (
        "Periods the course runs in: numbers (1; 3), quarters (2027-Q1, Q1), semesters "
        "(2027-S2, S2) or months (2027-03); empty = every period.",
        "開課期間：期別編號（1;3）、季（2027-Q1、Q1）、學期（2027-S2、S2）或月份（2027-03）；"
        "空白表示每期皆開。",
    ),
    "template.col.sessions": (
        "Dated sessions: 2027-03-01..2027-03-05; 2027-09-06 (a single date is a one-day session).",
        "梯次日期：2027-03-01..2027-03-05;2027-09-06（單一日期為一日梯次）。",
    ),
}

TEMPLATE_STANDARD: dict[str, tuple[str, str]] = {
    "template.std.col.code": ("code", "課程代碼"),
    "template.std.col.title": ("title", "課程名稱"),
    "template.std.col.hours": ("hours", "時數"),
    "template.std.col.cost": ("cost", "費用"),
    "template.std.col.level": ("level", "級別"),
    "template.std.yes": ("yes", "是"),
    "template.std.no": ("no", "否"),
    "template.std.required_level": ("(level {level})", "（級別 {level}）"),
    "template.std.sheet.instructions": ("instructions", "說明"),
    "template.std.title": (
        "Course catalogue template for {code} {name}",
        "{code} {name} 課程目錄範本",
    ),
    "template.std.how": (
        "One course a row on the 'courses' sheet, from row 2. Fill in the code, title and "
        "hours (required), then the cost and the level the course teaches at (from the list). "
        "Under each item the course teaches, choose '{yes}'; leave the others empty or '{no}'.",
        "請在「courses」工作表由第 2 列起，每列填寫一門課程：課程代碼、課程名稱、時數（必填），"
        "以及費用與課程級別（由下拉選單選擇）。課程涵蓋的每個職能內涵項目請選「{yes}」，"
        "未涵蓋者留空或選「{no}」。",
    ),
    "template.std.header": (
        "Each item column is headed 'STANDARD:ITEM name (level N)': level N is the highest "
        "level at which a task of the standard requires the item. Keep the header row as it "
        "is; columns may be added (provider, currency, meta.NAME).",
        "各項目欄的標題為「職能基準代碼:項目代碼 名稱（級別 N）」，級別 N 為職能基準中列出該項目之"
        "工作任務的最高職能級別。請勿修改標題列；可另加欄位（provider、currency、meta.名稱）。",
    ),
    "template.std.codes": (
        "Course codes are unique across your catalogues; they may contain spaces but not "
        "the separators , ; 、 (codes match whatever their case).",
        "課程代碼在所有課程目錄中不可重複；可含空白，但不可含分隔符號「,」「;」「、」（不分大小寫）。",
    ),
    "template.std.check": (
        "Check the filled file with: curriculum validate --catalogue FILE",
        "填寫完成後請以下列指令檢查：curriculum validate --catalogue 檔案",
    ),
    "template.std.items": ("Items of the standard", "職能內涵項目"),
    "template.std.item.code": ("item", "項目代碼"),
    "template.std.item.kind": ("kind", "類別"),
    "template.std.item.name": ("name", "名稱"),
    "template.std.item.level": ("required level", "要求級別"),
    "template.std.item.tasks": ("tasks", "工作任務"),
    "template.std.kind.K": ("knowledge", "知識"),
    "template.std.kind.S": ("skill", "技能"),
    "template.std.kind.A": ("attitude", "態度"),
    # the long layout (one row per course and item), for large standards
    "template.long.col.item": ("item", "項目"),
    "template.long.col.item_name": ("item_name", "項目名稱"),
    "template.long.how": (
        "One row per item of the standard on the 'courses' sheet. For each item a course "
        "teaches, write the course's code in its row; copy the row when several courses "
        "teach the item. Rows left without a code are not read.",
        "「courses」工作表每列為職能基準的一個項目。課程涵蓋某項目時，請在該列填寫課程代碼；"
        "多門課程涵蓋同一項目時，請複製該列。未填課程代碼的列不會讀取。",
    ),
    "template.long.course": (
        "Give a course's title and hours (required), cost and level on one of its rows; its "
        "other rows may leave them empty (or repeat them exactly).",
        "每門課程的課程名稱、時數（必填）、費用與級別填在其中一列即可；"
        "同一課程的其他列可留空（或填寫完全相同的內容）。",
    ),
    "template.long.more": (
        "The item column holds STANDARD:ITEM; item_name is for reading only and is not checked.",
        "「項目」欄為「職能基準代碼:項目代碼」；「項目名稱」欄僅供閱讀，不會讀取。",
    ),
    "template.long.codes": (
        "Course codes are unique across your catalogues; they may contain spaces but not the "
        "separators , ; 、. Check the filled file with: curriculum validate --catalogue FILE",
        "課程代碼在所有課程目錄中不可重複；可含空白，但不可含分隔符號「,」「;」「、」。"
        "填寫完成後請以 curriculum validate --catalogue 檔案 檢查。",
    ),
    "template.long.chosen": (
        "{code} has {n} items: wrote the long layout (one row per course and item); "
        "--layout wide writes one column per item",
        "{code} 有 {n} 個項目：已寫出長格式（每列一門課程的一個項目）；"
        "--layout wide 可改為每個項目一欄",
    ),
}
"""The per-standard catalogue template (``courses template --standard``)."""
