"""Every string of the web pages, as (English, zh-TW) pairs; iCAP's terms in zh-TW.

Templates call ``t("key")`` (or ``t("key", n=3)`` with ``str.format`` fields); a key
missing here is a bug that the tests catch (``tests/test_web.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    # the frame
    "app": ("curriculum workspace", "curriculum 工作區"),
    "nav.home": ("Workspace", "工作區"),
    "nav.standards": ("Standards", "職能基準"),
    "nav.mapping": ("Mapping", "課程對應"),
    "nav.plan": ("Plan", "訓練規劃"),
    "nav.review": ("Review", "課程審查"),
    "lang.switch": ("中文", "English"),
    "skip": ("Skip to content", "跳至主要內容"),
    "error": ("Error", "錯誤"),
    "back": ("Back", "返回"),
    "none": ("none", "無"),
    # home
    "home.folder": ("Folder", "資料夾"),
    "home.standards": ("{n} standards", "{n} 項職能基準"),
    "home.catalogues": ("{n} catalogues, {m} courses", "{n} 份課程目錄，共 {m} 門課程"),
    "home.programmes": ("{n} programmes", "{n} 份訓練課程方案"),
    "home.valid": ("Every standard and catalogue is valid.", "所有職能基準與課程目錄皆通過檢查。"),
    "home.problems": (
        "Problems in the data (as curriculum validate lists them)",
        "資料問題（與 curriculum validate 相同）",
    ),
    "home.shipped": ("(shipped copy, read-only)", "（套件內附，唯讀）"),
    # standards
    "std.title": ("Competency standards", "職能基準"),
    "std.search": ("Search standards, tasks and items", "搜尋職能基準、工作任務與職能內涵"),
    "std.search.button": ("Search", "搜尋"),
    "std.results": ("{n} matches for “{q}”", "「{q}」共 {n} 筆結果"),
    "std.noresult": ("No match.", "查無結果。"),
    "std.code": ("Code", "代碼"),
    "std.name": ("Name", "名稱"),
    "std.level": ("Level", "級別"),
    "std.version": ("Version", "版本"),
    "std.duty": ("Duty", "主要職責"),
    "std.task": ("Task", "工作任務"),
    "std.knowledge": ("Knowledge (K)", "知識（K）"),
    "std.skills": ("Skills (S)", "技能（S）"),
    "std.attitudes": ("Attitudes (A)", "態度（A）"),
    "std.indicators": ("Behaviour indicators", "行為指標"),
    "std.outputs": ("Outputs", "工作產出"),
    "std.items": ("Competency items", "職能內涵"),
    "std.kind": ("Type", "類型"),
    "std.found_in": ("in", "位於"),
    # mapping editor
    "map.title": ("Mapping editor", "課程對應編輯"),
    "map.catalogue": ("Catalogue", "課程目錄"),
    "map.standard": ("Standard", "職能基準"),
    "map.open": ("Open", "開啟"),
    "map.filter": ("Filter", "篩選"),
    "map.all": ("all", "全部"),
    "map.course": ("Course", "課程"),
    "map.hours": ("Hours", "時數"),
    "map.claims": ("Claims", "宣稱項目"),
    "map.suggest": ("Suggestions", "建議對應"),
    "map.accept": ("Accept {item}", "採用 {item}"),
    "map.help": (
        "Click a cell, or move with the arrow keys and press Space, to claim or unclaim an "
        "item; type a digit to set the level of the course in the row. Every change is "
        "saved to the file at once.",
        "點選格子，或以方向鍵移動後按空白鍵，即可宣稱或取消宣稱職能內涵；輸入數字可設定該列課程的級別。"
        "每次變更都會立即存檔。",
    ),
    "map.undo": ("Undo", "復原"),
    "map.saved": ("Saved: {what}", "已儲存：{what}"),
    "map.conflict": (
        "{file} was changed outside this page since it was loaded: nothing was written. "
        "Reload the page to see the changes.",
        "{file} 在本頁載入後已被其他人或程式修改，未寫入任何變更。請重新載入頁面查看。",
    ),
    "map.cell_conflict": (
        "Someone else changed this cell since the page loaded: nothing was written. Reload.",
        "本頁載入後已有其他人修改此格，未寫入任何變更。請重新載入。",
    ),
    "map.nothing_to_undo": ("Nothing to undo.", "沒有可復原的變更。"),
    "map.readonly": (
        "Only YAML catalogues inside the folder can be edited.",
        "僅能編輯資料夾內的 YAML 課程目錄。",
    ),
    "map.validation": ("Validation", "資料檢查"),
    "map.import": (
        "Import a catalogue or template spreadsheet (CSV, XLSX, YAML)",
        "匯入課程目錄或範本試算表（CSV、XLSX、YAML）",
    ),
    "map.import.button": ("Import", "匯入"),
    "map.imported": ("Imported as {file}", "已匯入為 {file}"),
    "map.export": ("Export", "匯出"),
    "map.level": ("Level", "級別"),
    "map.history": ("Changes this session", "本次變更紀錄"),
    "map.claim": ("claim {item} for {course}", "{course} 宣稱 {item}"),
    "map.unclaim": ("unclaim {item} for {course}", "{course} 取消宣稱 {item}"),
    "map.setlevel": ("level {level} for {course}", "{course} 級別設為 {level}"),
    "map.no_catalogue": (
        "No editable catalogue: import one below.",
        "沒有可編輯的課程目錄：請由下方匯入。",
    ),
    # plan
    "plan.title": ("Training plan", "訓練規劃"),
    "plan.targets": ("Targets (none: the whole standard)", "目標（未選：整份職能基準）"),
    "plan.have": (
        "Items already held (codes, comma-separated)",
        "已具備的職能內涵（代碼，以逗號分隔）",
    ),
    "plan.max_hours": ("At most hours", "時數上限"),
    "plan.max_cost": ("At most cost", "費用上限"),
    "plan.time_limit": ("Time limit (seconds)", "求解時間上限（秒）"),
    "plan.objective": ("Minimise", "最小化"),
    "plan.hours": ("hours, then cost", "時數，其次費用"),
    "plan.cost": ("cost, then hours", "費用，其次時數"),
    "plan.run": ("Plan", "開始規劃"),
    "plan.queued": ("Waiting for a solver…", "等待求解器…"),
    "plan.running": ("Solving… {s} s", "求解中… {s} 秒"),
    "plan.cancel": ("Cancel", "取消"),
    "plan.cancelled": ("Cancelled.", "已取消。"),
    "plan.failed": ("The plan failed", "規劃失敗"),
    "plan.courses": ("Courses", "課程"),
    "plan.gaps": ("Gaps: items no course covers", "缺口：無任何課程涵蓋的項目"),
    "plan.level_gaps": ("Covered only below the required level", "僅以低於要求級別的課程涵蓋"),
    "plan.budget_gaps": ("Left out by the budget", "因預算未涵蓋"),
    "plan.mapping": ("Item → courses", "項目 → 課程"),
    "plan.frontier.hours": ("Trade-off: coverage against hours", "涵蓋率與時數的取捨"),
    "plan.frontier.cost": ("Trade-off: coverage against cost", "涵蓋率與費用的取捨"),
    "plan.frontier.x.hours": ("hours", "時數"),
    "plan.frontier.x.cost": ("cost", "費用"),
    "plan.frontier.max": ("max {top}", "最多 {top}"),
    "plan.frontier.y": ("items covered", "涵蓋項目數"),
    "plan.downloads": ("Download", "下載"),
    # review
    "rev.title": ("Accreditation review", "課程認證審查"),
    "rev.programme": ("Programme", "訓練課程方案"),
    "rev.upload": (
        "Or upload a programme (YAML, CSV, XLSX)",
        "或上傳訓練課程方案（YAML、CSV、XLSX）",
    ),
    "rev.upload.button": ("Upload and review", "上傳並審查"),
    "rev.run": ("Review", "審查"),
    "rev.compare": ("Compare the selected programmes", "比較所選訓練課程方案"),
    "rev.matrix": ("Coverage matrix", "涵蓋矩陣"),
    "rev.findings": ("Findings", "審查發現"),
    "rev.decision": ("Decision", "審查決定"),
    "rev.reviewer": ("Reviewer", "審查人"),
    "rev.organisation": ("Organisation", "審查單位"),
    "rev.note": ("Note", "備註"),
    "rev.date": ("Date", "日期"),
    "rev.save": ("Save the review record", "儲存審查紀錄"),
    "rev.saved": ("Review record saved to {file}", "審查紀錄已存於 {file}"),
    "rev.report": (
        "Signed report (JSON, checked by curriculum review verify)",
        "附雜湊簽章的報告（JSON，可由 curriculum review verify 驗證）",
    ),
    "rev.formats": ("Other formats", "其他格式"),
    "rev.uploaded": ("Uploaded as {file}", "已上傳為 {file}"),
    "rev.none": (
        "No programme in the workspace: upload one.",
        "工作區內沒有訓練課程方案：請上傳。",
    ),
    "rev.compare.title": ("Programmes compared", "訓練課程方案比較"),
    "rev.verify": (
        "Verify a signed report (JSON) against the workspace's files",
        "以工作區檔案驗證附雜湊簽章的報告（JSON）",
    ),
    "rev.verify.button": ("Verify", "驗證"),
    "rev.verify.title": ("Report verified", "報告驗證"),
    "rev.verify.matches": (
        "The report matches its inputs: the review computed again is identical.",
        "報告與其輸入相符：重新計算的審查結果完全相同。",
    ),
    "rev.verify.differs": ("The report does NOT match its inputs.", "報告與其輸入不符。"),
    "rev.verify.changed": ("Inputs changed since", "已變更的輸入檔案"),
    "rev.verify.differing": ("Parts of the review that differ", "審查結果不同的部分"),
}


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **fields)`` in ``lang`` (``en`` or ``zh-TW``)."""
    index = 1 if lang == "zh-TW" else 0

    def t(key: str, **fields: Any) -> str:
        text = TEXTS[key][index]
        return text.format(**fields) if fields else text

    return t
