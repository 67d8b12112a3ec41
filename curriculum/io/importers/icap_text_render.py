"""Write a standard in the text layout of a published iCAP PDF (the inverse of the text importer).

The layout is the one :mod:`curriculum.io.importers.icap_text` reads, as in
``standards/sources/BAS1499-001v4.txt``: title, version table, identification
fields, the task table (tab-separated cells), the attitudes and the notes. An
item's footnote numbers (``meta.footnotes``) are written back as markers
(``【註1】``) after its name in the first task row that lists it, as the
published documents do; notes of a section (``prerequisites``, ``supplements``)
are written under the section's heading. Importing the text gives the standard
back, apart from the record of the import itself (``source`` and ``meta``).
"""

from __future__ import annotations

from collections.abc import Iterator

from curriculum.io.importers.icap_text import NOTE_SECTIONS, VERSION_HEADER
from curriculum.model.standard import Item, Standard, Task

TASK_HEADER = [
    "主要職責",
    "工作任務",
    "工作產出",
    "行為指標",
    "職能 級別",
    "職能內涵 (K=knowledge 知識)",
    "職能內涵 (S=skills 技能)",
]
ATTITUDE_TITLE = "職能內涵 (A=attitude 態度)"
NOTES_TITLE = "說明與補充事項"


def render_icap_text(standard: Standard) -> str:
    """The standard as the text of its published PDF (tab-separated tables)."""
    return "\n".join(_lines(standard)) + "\n"


def _lines(standard: Standard) -> Iterator[str]:
    yield ""
    if standard.title:
        yield from (standard.title, "")
    if standard.versions:
        yield "\t".join(VERSION_HEADER)
        for v in standard.versions:
            yield "\t".join(x or "" for x in (v.version, v.code, v.name, v.status, v.note, v.date))
        yield ""
    yield from _fields(standard)
    yield ""
    yield "\t".join(TASK_HEADER)
    yield from _task_rows(standard)
    attitudes = standard.items_of_kind("A")
    if attitudes:
        yield from ("", ATTITUDE_TITLE, "")
        for item in attitudes:
            text = f"{item.code} {item.name}"
            yield (f"{text}：{item.description}" if item.description else text)
            yield ""
    if standard.notes:
        yield from ("", NOTES_TITLE, "")
        yield from _notes(standard)


def _fields(standard: Standard) -> Iterator[str]:
    yield f"職能基準代碼\t\t{standard.code}\t\t\t"
    for n, (kind, name) in enumerate(standard.names.items()):
        label = "職能基準名稱 (擇一填寫)" if n == 0 else ""
        yield f"{label}\t\t{kind}\t{name or ''}\t\t"
    for n, c in enumerate(standard.classifications):
        label = "所屬 類別" if n == 0 else ""
        yield f"{label}\t{c.kind}\t{c.name or ''}\t\t{c.kind}代碼\t{c.code}"
    if standard.description is not None:
        yield f"工作描述\t\t{standard.description}\t\t\t"
    if standard.level is not None:
        yield f"基準級別\t\t{_number(standard.level)}\t\t\t"


def _task_rows(standard: Standard) -> Iterator[str]:
    items = standard.item_index
    marked: set[str] = set()

    def names(codes: tuple[str, ...]) -> str:
        cells = []
        for code in codes:
            item = items[code]
            cells.append(f"{code} {item.name}{_markers(item, marked)}")
        return " ".join(cells)

    for duty in standard.duties:
        for n, task in enumerate(duty.tasks):
            duty_cell = f"{duty.code} {duty.name}" if n == 0 else ""
            yield "\t".join(
                (
                    duty_cell,
                    f"{task.code} {task.name}",
                    " ".join(f"{o.code or ''} {o.name}".strip() for o in task.outputs),
                    _indicators(task),
                    _number(task.level) if task.level is not None else "",
                    names(task.knowledge),
                    names(task.skills),
                )
            )


def _markers(item: Item, marked: set[str]) -> str:
    """The item's footnote markers, the first time the item is written."""
    if item.code in marked:
        return ""
    marked.add(item.code)
    return "".join(f"【註{n}】" for n in item.meta.get("footnotes", ()))


def _indicators(task: Task) -> str:
    parts = [f"{i.code} {i.text}" for i in task.indicators]
    return " ".join(f"<p>{p}</p>" for p in parts) if len(parts) > 1 else "".join(parts)


def _notes(standard: Standard) -> Iterator[str]:
    headings = {section: heading for heading, section in NOTE_SECTIONS.items()}
    section: str | None = None
    for note in standard.notes:
        if note.section != section and note.section is not None:
            yield f"- {headings[note.section]}"
        section = note.section
        depth = note.depth + (1 if section is not None else 0)
        yield " " * depth + f"- {note.text}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
