"""Headings of the review reports in English and Traditional Chinese, and the cell
texts every format shares."""

from __future__ import annotations

from curriculum.numbers import fmt_number
from curriculum.reviewing.result import Cell, MatrixRow, Review

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Accreditation review", "課程認證審查"),
    "programme": ("Programme", "課程方案"),
    "provider": ("Provider", "訓練單位"),
    "standard": ("Standard", "職能基準"),
    "targets": ("Targets", "審查範圍"),
    "whole": ("whole standard", "全部工作任務"),
    "tasks": ("tasks", "工作任務"),
    "options": ("Options", "審查條件"),
    "result": ("Result", "審查結果"),
    "pass": ("PASS", "通過"),
    "fail": ("FAIL", "未通過"),
    "summary": ("Coverage by task", "各工作任務涵蓋率"),
    "overall": ("Overall", "整體"),
    "matrix": ("Coverage matrix", "涵蓋矩陣"),
    "legend": (
        "Cells: hours and level at which the course covers the item; in brackets when "
        "below the required level. Indicator rows (P) show assessment methods.",
        "儲存格：課程涵蓋該項目的時數與級別；括號表示低於要求級別。行為指標（P）列顯示評量方式。",
    ),
    "findings": ("Findings", "審查發現"),
    "no_findings": ("No findings.", "無審查發現。"),
    "courses": ("Courses", "課程"),
    "provenance": ("Provenance", "來源與驗證"),
    "changes": ("Claims that no longer hold in {new}", "在 {new} 中不再成立的宣稱"),
    "no_changes": ("Every claim still holds.", "所有宣稱仍然成立。"),
    "task": ("Task", "工作任務"),
    "name": ("Name", "名稱"),
    "level": ("Level", "級別"),
    "item": ("Item", "項目"),
    "n_courses": ("Courses", "課程數"),
    "hours": ("Hours", "時數"),
    "status": ("Status", "狀態"),
    "code": ("Code", "代碼"),
    "severity": ("Severity", "嚴重度"),
    "course": ("Course", "課程"),
    "message": ("Message", "說明"),
    "title_col": ("Title", "課程名稱"),
    "source": ("Source", "來源"),
    "claims": ("Claims", "宣稱項目"),
    "units": ("Units", "單元數"),
    "role": ("Role", "類別"),
    "file": ("File", "檔案"),
    "tool": ("Tool", "工具"),
    "reviewed_for": ("Programme written for", "方案原依據"),
    "reason": ("Reason", "原因"),
    "note": ("Reviewer note", "審查意見"),
    "K": ("K knowledge", "K 知識"),
    "S": ("S skills", "S 技能"),
    "A": ("A attitudes", "A 態度"),
    "P": ("P indicators", "P 行為指標"),
    "error": ("error", "錯誤"),
    "warning": ("warning", "警告"),
    "info": ("info", "資訊"),
    "inline": ("inline", "方案內定義"),
    "programme_file": ("programme", "課程方案"),
    "standard_file": ("standard", "職能基準"),
    "catalogue_file": ("catalogue", "課程目錄"),
    "record_file": ("review record", "審查紀錄"),
    "verdicts": ("Verdict under each version", "各版本審查結果對照"),
    "migration": ("Claims migrated to {new}", "宣稱移轉至 {new}"),
    "no_migration": ("No claim needed a change.", "無宣稱需要變更。"),
    "action": ("Change", "變更"),
    "old_item": ("Old item", "原項目"),
    "new_item": ("New item", "新項目"),
    "recoded": ("recoded", "改代碼"),
    "renamed": ("renamed", "更名"),
    "removed": ("removed", "刪除"),
    "unknown": ("unknown", "未定義"),
    "record": ("Review record", "審查紀錄"),
    "reviewer": ("Reviewer", "審查人"),
    "organisation": ("Organisation", "審查單位"),
    "date": ("Date", "日期"),
    "decision": ("Decision", "審查決定"),
    "unmatched": (
        "Notes on findings this review does not have",
        "本次審查未出現之發現的審查意見",
    ),
}


def label(review: Review, key: str, **values: str) -> str:
    """A heading in the review's language."""
    en, zh = _LABELS[key]
    return (zh if review.lang == "zh-TW" else en).format(**values)


def cell_text(cell: Cell | None) -> str:
    """``12h L4``; in brackets when below the required level; methods for indicators."""
    if cell is None:
        return ""
    if cell.methods:
        return "、".join(cell.methods)
    text = f"{fmt_number(cell.hours)}h"
    if cell.level is not None:
        text += f" L{fmt_number(cell.level)}"
    return text if cell.at_level else f"({text})"


def result_line(review: Review) -> str:
    """``Result: FAIL (2 error, 1 warning, 0 info)``."""
    verdict = label(review, "fail" if review.failed else "pass")
    counts = ", ".join(
        f"{label(review, s)} {review.count(s)}" for s in ("error", "warning", "info")
    )
    return f"{label(review, 'result')}: {verdict} ({counts})"


def heading_lines(review: Review) -> list[str]:
    """Programme, provider, standard, targets, options: the report's first lines."""
    p = review.provenance
    std = f"{review.standard.code} {review.standard.name}"
    details = ", ".join(x for x in (p.standard_version, p.standard_date) if x)
    if details:
        std += f" ({details})"
    targets = " ".join(review.targets) or label(review, "whole")
    lines = [
        f"{label(review, 'title')}: {review.programme}",
        f"{label(review, 'provider')}: {review.provider or '-'}",
        f"{label(review, 'standard')}: {std}",
    ]
    if p.programme_standard != review.standard.code:
        lines.append(f"{label(review, 'reviewed_for')}: {p.programme_standard}")
    lines.append(
        f"{label(review, 'targets')}: {targets} ({label(review, 'tasks')} {' '.join(review.tasks)})"
    )
    o = review.options
    opts = [
        f"min-courses {o.min_courses}",
        f"min-hours {fmt_number(o.min_hours)}",
        f"max-items-per-hour {fmt_number(o.max_items_per_hour)}",
    ]
    if o.attitudes:
        opts.append("attitudes")
    if o.indicators:
        opts.append("indicators")
    lines.append(f"{label(review, 'options')}: {', '.join(opts)}")
    return lines


def share_kinds(review: Review) -> list[str]:
    """The kinds the overall summary reports (K, S, then A and P)."""
    return list(review.overall)


def summary_rows(review: Review) -> list[list[str]]:
    """Per task: code, name, level and the K, S, P shares; then the overall row."""
    rows = [
        [
            t.code,
            t.name,
            fmt_number(t.level),
            *(str(t.shares[k]) for k in ("K", "S", "P")),
            *(["-"] if "A" in review.overall else []),
        ]
        for t in review.task_summaries
    ]
    rows.append(
        [
            label(review, "overall"),
            "",
            "",
            *(str(review.overall[k]) for k in ("K", "S", "P")),
            *([str(review.overall["A"])] if "A" in review.overall else []),
        ]
    )
    return rows


def summary_headers(review: Review) -> list[str]:
    """Headers of :func:`summary_rows`."""
    kinds = ["K", "S", "P", *(["A"] if "A" in review.overall else [])]
    return [
        label(review, "task"),
        label(review, "name"),
        label(review, "level"),
        *(label(review, k) for k in kinds),
    ]


def matrix_headers(review: Review) -> list[str]:
    """Headers of :func:`matrix_rows`."""
    return [
        label(review, "item"),
        label(review, "name"),
        label(review, "level"),
        *(c.code for c in review.courses),
        label(review, "n_courses"),
        label(review, "hours"),
        label(review, "status"),
    ]


def matrix_row(review: Review, row: MatrixRow) -> list[str]:
    """One matrix row as text cells."""
    return [
        row.code,
        row.name,
        fmt_number(row.level),
        *(cell_text(row.cells.get(c.code)) for c in review.courses),
        str(len(row.courses)),
        "" if row.kind == "P" else fmt_number(row.hours),
        row.status,
    ]


def finding_rows(review: Review) -> list[list[str]]:
    """Findings as code, severity, item, course, message (and the reviewer's note
    when the review has a record)."""
    record = review.record
    return [
        [
            f.code,
            label(review, f.severity),
            f.item or "",
            f.course or "",
            f.message,
            *([record.note_for(f.code, f.item, f.course)] if record else []),
        ]
        for f in review.findings
    ]


def finding_headers(review: Review) -> list[str]:
    """Headers of :func:`finding_rows`."""
    keys = ("code", "severity", "item", "course", "message", *(("note",) if review.record else ()))
    return [label(review, k) for k in keys]


def course_rows(review: Review) -> list[list[str]]:
    """The programme's courses: code, title, hours, level, units, source, claims."""
    return [
        [
            c.code,
            c.title,
            fmt_number(c.hours),
            fmt_number(c.level),
            str(c.units) if c.units else "",
            label(review, "inline") if c.source == "inline" else c.source,
            " ".join(c.claims),
        ]
        for c in review.courses
    ]


def course_headers(review: Review) -> list[str]:
    """Headers of :func:`course_rows`."""
    return [
        label(review, k)
        for k in ("code", "title_col", "hours", "level", "units", "source", "claims")
    ]


def provenance_rows(review: Review) -> list[list[str]]:
    """Each input file: role, path, SHA-256."""
    return [[label(review, f"{f.role}_file"), f.path, f.sha256] for f in review.provenance.inputs]


def changed_rows(review: Review) -> list[list[str]]:
    """The claims written for the older standard that no longer hold."""
    return [[c.course or "", c.item, c.reason] for c in review.changed_claims]


def verdict_headers(review: Review) -> list[str]:
    """Headers of :func:`verdict_rows`."""
    kinds = list(review.overall)
    return [
        label(review, "standard"),
        label(review, "result"),
        *(label(review, s) for s in ("error", "warning", "info")),
        *(label(review, k) for k in kinds),
    ]


def verdict_rows(review: Review) -> list[list[str]]:
    """The verdict under the older and the newer version (``--against``)."""
    against = review.against
    if against is None:
        return []
    return [
        [
            v.standard,
            label(review, "fail" if v.failed else "pass"),
            str(v.counts.error),
            str(v.counts.warning),
            str(v.counts.info),
            *(str(v.overall[k]) if k in v.overall else "-" for k in review.overall),
        ]
        for v in against.verdicts
    ]


def migration_headers(review: Review) -> list[str]:
    """Headers of :func:`migration_rows`."""
    return [label(review, k) for k in ("course", "action", "old_item", "new_item", "reason")]


def migration_rows(review: Review) -> list[list[str]]:
    """The changelog of ``--migrate-to``: course, change, old and new item, reason."""
    if review.migration is None:
        return []
    return [
        [c.course, label(review, c.action), c.old_item, c.new_item or "-", c.reason]
        for c in review.migration.changes
    ]


def record_lines(review: Review) -> list[tuple[str, str]]:
    """(label, value) of the review record's reviewer, organisation, date, decision."""
    r = review.record
    if r is None:
        return []
    pairs = [
        ("reviewer", r.reviewer),
        ("organisation", r.organisation),
        ("date", r.date),
        ("decision", r.decision),
    ]
    return [(label(review, k), v) for k, v in pairs if v]


def unmatched_rows(review: Review) -> list[list[str]]:
    """Notes of the record that name no finding of the review."""
    if review.record is None:
        return []
    return [
        [n.code, n.item or "", n.course or "", n.note] for n in review.record.notes if not n.matched
    ]
