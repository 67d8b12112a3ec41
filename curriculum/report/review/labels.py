"""Headings of the review reports in English and Traditional Chinese, and the cell
texts every format shares."""

from __future__ import annotations

from curriculum.i18n import Text
from curriculum.numbers import fmt_number
from curriculum.report.text import join_codes
from curriculum.reviewing.result import Cell, MatrixRow, Review, Share


def label(review: Review, key: str, **values: object) -> str:
    """A heading in the review's language (from the one message catalogue)."""
    return Text(review.lang)(f"review.{key}", **values)


def cell_text(cell: Cell | None, lang: str = "en") -> str:
    """``12h L4``; in brackets when below the required level; methods for indicators."""
    if cell is None:
        return ""
    if cell.methods:
        return "、".join(cell.methods)
    t = Text(lang)
    hours = fmt_number(cell.hours)
    if cell.level is None:
        text = t("review.cell_hours", hours=hours)
    else:
        text = t("review.cell", hours=hours, level=fmt_number(cell.level))
    return text if cell.at_level else t.paren(text).strip()


def status_label(review: Review, status: str) -> str:
    """A matrix row's status as the reader's word (``GAP`` → ``缺口``); ``-`` as it is."""
    return status if status == "-" else label(review, f"status.{status}")


def code_label(review: Review, code: str) -> str:
    """What a finding code means, in the review's language (``GAP`` → ``缺口``)."""
    return label(review, f"code.{code}")


def code_cell(review: Review, code: str) -> str:
    """A finding's code in one cell: ``GAP`` (an English word already), ``缺口 GAP``."""
    return f"{code_label(review, code)} {code}" if Text(review.lang).zh else code


def result_pair(review: Review) -> tuple[str, str]:
    """(``Result``, ``FAIL (error 2, warning 1, info 0)``) in the review's language."""
    t = Text(review.lang)
    verdict = label(review, "fail" if review.failed else "pass")
    counts = t.comma.join(
        f"{label(review, s)} {review.count(s)}" for s in ("error", "warning", "info")
    )
    return label(review, "result"), verdict + t.paren(counts)


def result_line(review: Review) -> str:
    """``Result: FAIL (error 2, warning 1, info 0)``; ``審查結果：未通過（錯誤 2、…）``."""
    key, value = result_pair(review)
    return key + Text(review.lang).colon + value


def totals_text(review: Review) -> str:
    """``8 courses, 87 hours, 68,500 TWD`` (and the courses without a price)."""
    t = Text(review.lang)
    totals = review.totals
    cost = (
        Text(review.lang).money(totals.cost, totals.currency)
        if totals.cost is not None
        else label(review, "no_cost")
    )
    text = label(
        review,
        "totals.line",
        courses=t("n_courses", n=totals.courses),
        hours=fmt_number(totals.hours),
        cost=cost,
    )
    if totals.unpriced and totals.cost is not None:
        unpriced = label(
            review,
            "totals.unpriced",
            n=len(totals.unpriced),
            codes=join_codes(totals.unpriced, t.comma),
        )
        text += t.paren(unpriced)
    return text


def options_text(review: Review) -> str:
    """The thresholds and switches of the review, in its language."""
    o = review.options
    opts = [
        label(review, "opt.min_courses", n=o.min_courses),
        label(review, "opt.min_hours", n=fmt_number(o.min_hours)),
        label(review, "opt.max_items", n=fmt_number(o.max_items_per_hour)),
    ]
    opts += [
        label(review, f"opt.{k}")
        for k in ("attitudes", "indicators", "strict", "doubtful")
        if getattr(o, k)
    ]
    return Text(review.lang).comma.join(opts)


def heading_pairs(review: Review) -> tuple[str, list[tuple[str, str]]]:
    """The report's title and its (label, value) lines: programme, provider,
    standard, targets, options and the programme's totals."""
    t = Text(review.lang)
    p = review.provenance
    std = f"{review.standard.code} {review.standard.name}"
    details = t.comma.join(x for x in (p.standard_version, p.standard_date) if x)
    if details:
        std += t.paren(details)
    targets = " ".join(review.targets) or label(review, "whole")
    pairs = [
        (label(review, "provider"), review.provider or "-"),
        (label(review, "standard"), std),
    ]
    if p.programme_standard != review.standard.code:
        pairs.append((label(review, "reviewed_for"), p.programme_standard))
    tasks = f"{label(review, 'tasks')} {' '.join(review.tasks)}"
    pairs.append((label(review, "targets"), targets + t.paren(tasks)))
    pairs.append((label(review, "options"), options_text(review)))
    pairs.append((label(review, "totals"), totals_text(review)))
    return label(review, "title") + t.colon + review.programme, pairs


def heading_lines(review: Review) -> list[str]:
    """The title, then programme, provider, standard, targets, options, totals lines."""
    title, pairs = heading_pairs(review)
    colon = Text(review.lang).colon
    return [title, *(k + colon + v for k, v in pairs)]


def share_text(lang: str, share: Share | None) -> str:
    """``5/6 (83%)``, ``5/6（83%）``; ``-`` when nothing is counted."""
    if share is None or not share.total:
        return "-"
    return Text(lang)(
        "review.share_cell",
        covered=share.covered,
        total=share.total,
        share=f"{share.covered / share.total:.0%}",
    )


def share_kinds(review: Review) -> list[str]:
    """The kinds the overall summary reports (K, S, then A and P)."""
    return list(review.overall)


def summary_kinds(review: Review) -> list[str]:
    """The share columns of the coverage by task: K, S, P, then A (with attitudes) and
    E (when a targeted task has electives)."""
    return ["K", "S", "P", *(k for k in ("A", "E") if k in review.overall)]


def summary_rows(review: Review) -> list[list[str]]:
    """Per task: code, name, level and the shares of :func:`summary_kinds`; then the
    overall row."""
    kinds = summary_kinds(review)
    rows = [
        [
            t.code,
            t.name,
            fmt_number(t.level),
            *(share_text(review.lang, t.shares.get(k)) for k in kinds),
        ]
        for t in review.task_summaries
    ]
    rows.append(
        [
            label(review, "overall"),
            "",
            "",
            *(share_text(review.lang, review.overall[k]) for k in kinds),
        ]
    )
    return rows


def summary_headers(review: Review) -> list[str]:
    """Headers of :func:`summary_rows`."""
    return [
        label(review, "task"),
        label(review, "name"),
        label(review, "level"),
        *(label(review, k) for k in summary_kinds(review)),
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
        *(cell_text(row.cells.get(c.code), review.lang) for c in review.courses),
        str(len(row.courses)),
        "" if row.kind == "P" else fmt_number(row.hours),
        status_label(review, row.status),
    ]


def finding_rows(review: Review, split: bool = False) -> list[list[str]]:
    """Findings as code, severity, item, course, message (and the reviewer's note
    when the review has a record); ``split``: the code and its label in two columns
    (a spreadsheet filters on the code)."""
    record = review.record
    return [
        [
            *([f.code, code_label(review, f.code)] if split else [code_cell(review, f.code)]),
            label(review, f.severity),
            f.item or "",
            f.course or "",
            f.message,
            *([record.note_for(f.code, f.item, f.course)] if record else []),
        ]
        for f in review.findings
    ]


def finding_headers(review: Review, split: bool = False) -> list[str]:
    """Headers of :func:`finding_rows`."""
    keys = ("code", *(("kind",) if split else ()), "severity", "item", "course", "message")
    keys += ("note",) if review.record else ()
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
    """The claims written for the older standard that no longer hold: item, course, reason."""
    return [[c.item, c.course or "", c.reason] for c in review.changed_claims]


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
        ("decision", decision_label(review, r.decision)),
    ]
    return [(label(review, k), v) for k, v in pairs if v]


DECISIONS = ("approved", "conditional", "rejected", "pass", "fail")
"""Decisions a record may write as a word, shown in the review's language."""


def decision_label(review: Review, decision: str | None) -> str | None:
    """``conditional`` → ``有條件通過``; any other text as the reviewer wrote it."""
    key = (decision or "").strip().lower()
    return label(review, f"decision.{key}") if key in DECISIONS else decision


def unmatched_rows(review: Review) -> list[list[str]]:
    """Notes of the record that name no finding of the review."""
    if review.record is None:
        return []
    return [
        [n.code, n.item or "", n.course or "", n.note] for n in review.record.notes if not n.matched
    ]
