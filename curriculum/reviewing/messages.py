"""Finding codes, severities and the review's messages in English and zh-TW.

The finding messages stay here, next to their codes; the language is resolved
and punctuated as in every report (:class:`curriculum.i18n.Text`: ``zh``,
``zh-Hant`` and any case give zh-TW, whose texts use full-width punctuation).
"""

from __future__ import annotations

from typing import Any, Literal

Severity = Literal["error", "warning", "info"]

SEVERITIES: dict[str, Severity] = {
    "GAP": "error",
    "LEVEL": "error",
    "UNKNOWN": "error",
    "PREREQ": "error",
    "UNASSESSED": "warning",
    "THIN": "warning",
    "DENSE": "warning",
    "UNUSED": "warning",
    "PROVISIONAL": "warning",
    "ORDER": "warning",
    "OUTSIDE": "info",
    "DOUBTFUL": "info",
}
"""Every finding code with its severity, in report order."""


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


CODE_ORDER = {code: n for n, code in enumerate(SEVERITIES)}


from curriculum.i18n import LANGUAGES, Text  # noqa: E402, F401  (one list of report languages)

_MESSAGES: dict[str, tuple[str, str]] = {
    "GAP": (
        "{item} {name}: no course covers it (required at level {level})",
        "{item} {name}：無任何課程涵蓋（要求級別 {level}）",
    ),
    "GAP.any": (
        "{item} {name}: no course covers it",
        "{item} {name}：無任何課程涵蓋",
    ),
    "LEVEL": (
        "{item} {name}: claimed only below the required level {level} ({claims})",
        "{item} {name}：僅以低於要求級別 {level} 的課程涵蓋（{claims}）",
    ),
    "UNKNOWN.item": (
        "course {course} claims {item}, which {standard} does not define",
        "課程 {course} 宣稱涵蓋 {item}，但 {standard} 未定義此項目",
    ),
    "UNKNOWN.indicator": (
        "course {course} assesses {item}, which {standard} does not define",
        "課程 {course} 評量 {item}，但 {standard} 未定義此行為指標",
    ),
    "UNKNOWN.course": (
        "course {course} is in no loaded catalogue",
        "課程 {course} 不在任何已載入的課程目錄中",
    ),
    "UNKNOWN.standard": (
        "course {course} claims items of {item}, which is not loaded",
        "課程 {course} 宣稱涵蓋未載入的職能基準 {item} 的項目",
    ),
    "UNKNOWN.target": (
        "target {item} is neither a task nor a duty of {standard}",
        "目標 {item} 不是 {standard} 的工作任務或主要職責",
    ),
    "PREREQ.pre": (
        "course {course} needs {requirement} first, which neither the programme nor its "
        "entry requirements include",
        "課程 {course} 的先修課程 {requirement} 不在方案中，也不在入學條件中",
    ),
    "PREREQ.co": (
        "course {course} needs {requirement} alongside, which neither the programme nor its "
        "entry requirements include",
        "課程 {course} 的同修課程 {requirement} 不在方案中，也不在入學條件中",
    ),
    "PREREQ.same": (
        "course {course} is taken in the same period as {requirement}, which neither the "
        "programme nor its entry requirements include",
        "課程 {course} 須同期修習的課程 {requirement} 不在方案中，也不在入學條件中",
    ),
    "ORDER.pre": (
        "course {course} (period {period}) is not taught after its prerequisite "
        "{requirement} (period {other})",
        "課程 {course}（期別 {period}）未排在其先修課程 {requirement}（期別 {other}）之後",
    ),
    "ORDER.same": (
        "course {course} (period {period}) is not taught in the same period as "
        "{requirement} (period {other})",
        "課程 {course}（期別 {period}）未與須同期修習的課程 {requirement}"
        "（期別 {other}）排在同一期",
    ),
    "ORDER.co": (
        "course {course} (period {period}) is taught before its corequisite "
        "{requirement} (period {other})",
        "課程 {course}（期別 {period}）排在其同修課程 {requirement}（期別 {other}）之前",
    ),
    "UNASSESSED": (
        "{item} ({task}): no course assesses this behaviour indicator",
        "{item}（{task}）：此行為指標沒有任何課程評量",
    ),
    "THIN": (
        "{item} {name}: {count} course(s), {hours} h; the minimum is {min_courses} "
        "course(s), {min_hours} h",
        "{item} {name}：{count} 門課程、{hours} 小時；"
        "最低要求為 {min_courses} 門、{min_hours} 小時",
    ),
    "DENSE": (
        "course {course} claims {count} items in {hours} h ({rate} per hour; the maximum "
        "is {limit})",
        "課程 {course} 在 {hours} 小時內宣稱 {count} 個項目（每小時 {rate} 個；上限為 {limit}）",
    ),
    "UNUSED": (
        "course {course} covers no required item at its level",
        "課程 {course} 未在要求級別涵蓋任何必要項目",
    ),
    "UNUSED.any": (
        "course {course} covers no required item",
        "課程 {course} 未涵蓋任何必要項目",
    ),
    "OUTSIDE.item": (
        "course {course} also claims {items}, outside the target",
        "課程 {course} 另宣稱涵蓋目標範圍外的 {items}",
    ),
    "OUTSIDE.removed": (
        "course {course} also claims {items}, which {standard} removed: not counted",
        "課程 {course} 另宣稱涵蓋 {standard} 已刪除的 {items}，不予計入",
    ),
    "PROVISIONAL": (
        "course {course} claims {old_item} of {old}, now {item} {name} in {standard}: "
        "counted as a provisional claim to confirm",
        "課程 {course} 宣稱涵蓋 {old} 的 {old_item}，{standard} 改為 {item} {name}："
        "暫列為待確認的宣稱",
    ),
    "DOUBTFUL": (
        "course {course} claims {item} {name}, which its text hardly supports "
        "(score {score}; matched: {matched})",
        "課程 {course} 宣稱涵蓋 {item} {name}，但課程內容幾乎未提及"
        "（相似度 {score}；相符字詞：{matched}）",
    ),
    "OUTSIDE.indicator": (
        "course {course} assesses {item}, outside the target",
        "課程 {course} 評量目標範圍外的 {item}",
    ),
}


def message(lang: str, key: str, **values: Any) -> str:
    """The finding message ``key`` in ``lang`` (any spelling :func:`normalize_lang` reads)."""
    en, zh = _MESSAGES[key]
    return (zh if Text(lang).zh else en).format(**values)


_CHANGES: dict[str, tuple[str, str]] = {
    "removed": ("removed in {new}", "{new} 已刪除"),
    "recoded": ("now {code} in {new}", "{new} 改為 {code}"),
    "renamed": ("renamed in {new}: {old_name} → {new_name}", "{new} 更名：{old_name} → {new_name}"),
    "level": (
        "required level {old_level} → {new_level}; course level {level} no longer suffices",
        "要求級別 {old_level} → {new_level}；課程級別 {level} 已不足",
    ),
    "task": ("target task removed in {new}", "{new} 已刪除此工作任務"),
    "unknown": ("not an item of {old}; kept as it is", "{old} 未定義此項目；保留原樣"),
    "indicator": ("indicator removed or reworded in {new}", "{new} 已刪除或修改此行為指標"),
}


def change_message(lang: str, key: str, **values: Any) -> str:
    """Why a claim no longer holds, in ``lang``."""
    en, zh = _CHANGES[key]
    return (zh if Text(lang).zh else en).format(**values)
