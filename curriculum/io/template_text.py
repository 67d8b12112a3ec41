"""The texts of the per-standard catalogue template, in English and zh-TW.

Each entry is ``key: (English, zh-TW)``, the shape of the report message
catalogue, so that the texts can move there unchanged; :func:`text` picks one
language and fills in the values. The zh-TW texts use the terms of the iCAP
職能基準 and full-width punctuation.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    "col.code": ("code", "課程代碼"),
    "col.title": ("title", "課程名稱"),
    "col.hours": ("hours", "時數"),
    "col.cost": ("cost", "費用"),
    "col.level": ("level", "級別"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "required_level": ("(level {level})", "（級別 {level}）"),
    "sheet.instructions": ("instructions", "說明"),
    "title": (
        "Course catalogue template for {code} {name}",
        "{code} {name} 課程目錄範本",
    ),
    "how": (
        "One course a row on the 'courses' sheet, from row 2. Fill in the code, title and "
        "hours (required), then the cost and the level the course teaches at (from the list). "
        "Under each item the course teaches, choose '{yes}'; leave the others empty or '{no}'.",
        "請在「courses」工作表由第 2 列起，每列填寫一門課程：課程代碼、課程名稱、時數（必填），"
        "以及費用與課程級別（由下拉選單選擇）。課程涵蓋的每個職能內涵項目請選「{yes}」，"
        "未涵蓋者留空或選「{no}」。",
    ),
    "header": (
        "Each item column is headed 'STANDARD:ITEM name (level N)': level N is the highest "
        "level at which a task of the standard requires the item. Keep the header row as it "
        "is; columns may be added (provider, currency, meta.NAME).",
        "各項目欄的標題為「職能基準代碼:項目代碼 名稱（級別 N）」，級別 N 為職能基準中列出該項目之"
        "工作任務的最高職能級別。請勿修改標題列；可另加欄位（provider、currency、meta.名稱）。",
    ),
    "codes": (
        "Course codes are unique across your catalogues; they may contain spaces but not "
        "the separators , ; 、 (codes match whatever their case).",
        "課程代碼在所有課程目錄中不可重複；可含空白，但不可含分隔符號 , ; 、（不分大小寫）。",
    ),
    "check": (
        "Check the filled file with: curriculum validate --catalogue FILE",
        "填寫完成後請以下列指令檢查：curriculum validate --catalogue 檔案",
    ),
    "items": ("Items of the standard", "職能內涵項目"),
    "item.code": ("item", "項目代碼"),
    "item.kind": ("kind", "類別"),
    "item.name": ("name", "名稱"),
    "item.level": ("required level", "要求級別"),
    "item.tasks": ("tasks", "工作任務"),
    "kind.K": ("knowledge", "知識"),
    "kind.S": ("skill", "技能"),
    "kind.A": ("attitude", "態度"),
}
"""Every text of the per-standard template: ``key: (English, zh-TW)``."""


def template_language(language: str | None) -> str:
    """``"zh-TW"`` for a standard written in Traditional Chinese, else ``"en"``."""
    value = (language or "").strip().lower().replace("_", "-")
    return "zh-TW" if value in ("zh-tw", "zh-hant", "zh-hant-tw", "zh") else "en"


def text(key: str, lang: str, **values: Any) -> str:
    """The text ``key`` in ``lang`` (``"en"`` or ``"zh-TW"``), filled with ``values``."""
    en, zh = TEXTS[key]
    return (zh if lang == "zh-TW" else en).format(**values)
