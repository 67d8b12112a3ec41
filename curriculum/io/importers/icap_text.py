"""Import an iCAP 職能基準 from the text extracted from its published PDF.

The text keeps the PDF's tables as tab-separated cells. The document has, in order:
a title, a version table, the identification fields (code, name, classifications,
job description, level), the task table (duty, task, outputs, indicators, level,
knowledge, skills), the attitudes and the notes. The task table's header repeats
at each page break, and a row whose duty and task cells are empty continues the
task above it. Every line must be understood: anything else is an error naming its
line, so that nothing in the document is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from curriculum.errors import DataFileError, Phrase
from curriculum.io.importers.icap_repairs import ImportLog
from curriculum.io.source import validate
from curriculum.model.codes import normalize_code
from curriculum.model.standard import Standard

VERSION_HEADER = ["版本", "職能基準代碼", "職能基準名稱", "狀態", "更新說明", "發展更新日期"]
TASK_HEADER_START = ["主要職責", "工作任務", "工作產出", "行為指標", "職能級別"]
TASK_COLUMNS = 7
ATTITUDE_HEADING = "職能內涵(A=attitude態度)"
NOTES_HEADING = "說明與補充事項"
NOTE_SECTIONS = {
    "建議擔任此職類/職業之學歷/經驗/或能力條件：": "prerequisites",
    "補充說明：": "supplements",
}
"""The headings of the parts of the notes, and the section each starts (the
sections of the iCAP parser JSON). A heading is not a note; the lines under it
are the section's notes."""

_DUTY = re.compile(r"^T\d+$")
_TASK = re.compile(r"^T\d+(?:\.\d+)+$")
_ATTITUDE = re.compile(r"^A\d+$")
_TAGS = re.compile(r"</?p>", re.I)


def squash(text: str) -> str:
    """Remove all white space: a header is recognised whatever its inner spacing."""
    return re.sub(r"\s+", "", text)


def note_section(text: str) -> str | None:
    """The section a notes line starts when it is a section heading (:data:`NOTE_SECTIONS`)."""
    key = squash(normalize_code(text)).rstrip(":")
    for heading, section in NOTE_SECTIONS.items():
        if squash(normalize_code(heading)).rstrip(":") == key:
            return section
    return None


def lead_code(cell: str) -> tuple[str, str]:
    """Split ``T1.1 確認需求`` into its NFKC-normalised code and the rest."""
    first, _, rest = cell.strip().partition(" ")
    return normalize_code(first), rest.strip()


def split_coded(text: str, letter: str) -> list[tuple[str | None, str]]:
    """Split a cell such as ``K01 名稱 K02 名稱`` into ``(code, text)`` pairs.

    Text before the first code comes back with ``None`` as its code: it continues
    the previous entry (a cell broken across a page).
    """
    text = _TAGS.sub(" ", text)
    pattern = re.compile(rf"(?<![^\s>])({letter}[0-9０-９]+(?:[.．][0-9０-９]+)*)(?=\s|$)")
    parts: list[tuple[str | None, str]] = []
    matches = list(pattern.finditer(text))
    head = text[: matches[0].start()] if matches else text
    if head.strip():
        parts.append((None, " ".join(head.split())))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = " ".join(text[match.end() : end].split())
        parts.append((normalize_code(match.group(1)), body))
    return parts


@dataclass
class _TaskRow:
    duty: tuple[str, str]
    code: str
    name: str
    level: int | None = None
    outputs: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, str]] = field(default_factory=list)
    knowledge: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.lineno = 0
        self.title: str | None = None
        self.versions: list[dict[str, Any]] = []
        self.fields: dict[str, Any] = {}
        self.names: dict[str, str | None] = {}
        self.classifications: list[dict[str, Any]] = []
        self.tasks: list[_TaskRow] = []
        self.items: dict[str, dict[str, Any]] = {}
        self.attitudes: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []
        self._note_indents: list[int] = []
        self._section: str | None = None
        self.log = ImportLog(source)  # the JSON importer's repairs, with its warnings

    def fail(self, key: str, **values: Any) -> DataFileError:
        """The error ``key`` of the catalogue (filled with ``values``) at this line."""
        at = f"{self.source}:{self.lineno}"
        return DataFileError.keyed("import.at", at=at, problem=Phrase(key, **values))

    # ------------------------------------------------------------------ driver

    def parse(self) -> dict[str, Any]:
        section = "start"
        last_label = ""
        for lineno, raw in enumerate(self.lines, start=1):
            self.lineno = lineno
            line = raw.replace("\u3000", " ").rstrip("\r\n")
            if not line.strip():
                if section == "versions":
                    section = "fields"
                continue
            cells = [c.strip() for c in line.split("\t")]
            filled = [c for c in cells if c]
            head = squash(filled[0])
            if [squash(c) for c in filled] == VERSION_HEADER:
                section = "versions"
            elif [squash(c) for c in filled[:5]] == TASK_HEADER_START:
                section = "tasks"
            elif squash(line) == ATTITUDE_HEADING:
                section = "attitudes"
            elif squash(line) == NOTES_HEADING:
                section = "notes"
            elif section == "start" and len(filled) == 1:
                self.title = filled[0]
            elif section == "versions":
                self._version_row(filled)
            elif section in ("start", "fields"):
                section = "fields"
                if cells[0]:
                    last_label = head
                self._field_row(last_label, cells)
            elif section == "tasks":
                self._task_row(cells)
            elif section == "attitudes":
                self._attitude(line.strip())
            elif section == "notes":
                self._note(line)
            else:  # pragma: no cover - every section is handled above
                raise self.fail("icap.unexpected", line=line.strip()[:40])
        return self._document()

    # ------------------------------------------------------------------ sections

    def _version_row(self, filled: list[str]) -> None:
        if len(filled) != len(VERSION_HEADER):
            raise self.fail("icap.version_row", n=len(filled), expected=len(VERSION_HEADER))
        version, code, name, status, note, date = filled
        self.versions.append(
            {
                "version": version,
                "code": code,
                "name": name,
                "status": status,
                "note": note,
                "date": date,
            }
        )

    def _field_row(self, label: str, cells: list[str]) -> None:
        values = [c for c in cells[1:] if c] if cells[0] else [c for c in cells if c]
        if label == "職能基準代碼":
            self._set("code", values)
        elif label.startswith("職能基準名稱"):
            if not values or len(values) > 2:
                raise self.fail("icap.name_row")
            self.names[values[0]] = values[1] if len(values) == 2 else None
        elif label == "所屬類別":
            self._classification(values)
        elif label == "工作描述":
            self._set("description", values)
        elif label == "基準級別":
            self._set("level", values)
        else:
            raise self.fail("icap.unknown_field", label=repr(label))

    def _set(self, key: str, values: list[str]) -> None:
        if len(values) != 1:
            raise self.fail("icap.one_value", field=key, values=values)
        if key in self.fields:
            raise self.fail("icap.field_twice", field=key)
        self.fields[key] = values[0]

    def _classification(self, values: list[str]) -> None:
        if values and squash(values[0]) == "所屬類別":
            values = values[1:]
        code_at = next((i for i, v in enumerate(values) if v.endswith("代碼")), None)
        if not values or code_at is None or code_at == 0 or code_at + 2 != len(values):
            raise self.fail("icap.classification")
        name = " ".join(values[1:code_at]) or None
        self.classifications.append({"kind": values[0], "name": name, "code": values[code_at + 1]})

    def _task_row(self, cells: list[str]) -> None:
        if len(cells) > TASK_COLUMNS and any(cells[TASK_COLUMNS:]):
            raise self.fail("icap.task_cells", most=TASK_COLUMNS)
        cells = (cells + [""] * TASK_COLUMNS)[:TASK_COLUMNS]
        duty_cell, task_cell, outputs, indicators, level, know, skill = cells
        if task_cell:
            code, name = lead_code(task_cell)
            if not _TASK.match(code):
                raise self.fail("icap.task_cell", cell=repr(task_cell))
            if duty_cell:
                duty_pair = lead_code(duty_cell)
                if not _DUTY.match(duty_pair[0]):
                    raise self.fail("icap.duty_cell", cell=repr(duty_cell))
            elif self.tasks:
                duty_pair = self.tasks[-1].duty
            else:
                raise self.fail("icap.first_duty")
            if not code.startswith(duty_pair[0] + "."):
                raise self.fail("icap.duty_of", code=code, duty=duty_pair[0])
            self.tasks.append(_TaskRow(duty_pair, code, name))
        elif duty_cell:
            raise self.fail("icap.duty_alone")
        elif not self.tasks:
            raise self.fail("icap.continuation")
        task = self.tasks[-1]
        if level:
            try:
                value = int(normalize_code(level))
            except ValueError:
                raise self.fail("icap.level", code=task.code, level=repr(level)) from None
            if task.level is not None and task.level != value:
                raise self.fail("icap.two_levels", code=task.code)
            task.level = value
        for out_code, text in split_coded(outputs, "O"):
            if out_code is None and task.outputs:
                task.outputs[-1]["name"] += text
            else:
                task.outputs.append({"code": out_code, "name": text})
        for p_code, text in split_coded(indicators, "P"):
            if p_code is None:
                if not task.indicators:
                    raise self.fail("icap.indicator_code", code=task.code)
                task.indicators[-1]["text"] += text
            else:
                task.indicators.append({"code": p_code, "text": text})
        for kind, cell, target in (("K", know, task.knowledge), ("S", skill, task.skills)):
            for item_code, name in split_coded(cell, kind):
                if item_code is None:
                    raise self.fail("icap.item_code", code=task.code, kind=kind, name=repr(name))
                self._define(item_code, kind, name)
                target.append(item_code)

    def _define(self, code: str, kind: str, name: str) -> None:
        footnotes: list[str] = []
        name = self.log.name(f"{code}", "name", name, footnotes=footnotes)
        known = self.items.get(code)
        if known is None:
            known = self.items[code] = {"code": code, "kind": kind, "name": name}
        elif known["name"] != name:
            raise self.fail("icap.two_names", code=code, one=repr(known["name"]), other=repr(name))
        if footnotes:  # kept with the item, as the JSON importer keeps them
            numbers = known.setdefault("meta", {}).setdefault("footnotes", [])
            numbers += [n for n in footnotes if n not in numbers]

    def _attitude(self, line: str) -> None:
        code, rest = lead_code(line)
        cut = min((i for i in (rest.find("："), rest.find(":")) if i >= 0), default=-1)
        # "A01 創新" (no description) is read as the JSON importer reads it
        name, text = (rest[:cut], rest[cut + 1 :]) if cut >= 0 else (rest, "")
        if not _ATTITUDE.match(code) or not name.strip():
            raise self.fail("icap.attitude_line", line=repr(line[:30]))
        if code in self.items:
            raise self.fail("icap.attitude_twice", code=code)
        name = self.log.name(code, "name", name, footnotes=[])
        item = {"code": code, "kind": "A", "name": name, "description": text.strip() or None}
        self.items[code] = item
        self.attitudes.append(item)

    def _note(self, line: str) -> None:
        """A notes line; a section heading (:data:`NOTE_SECTIONS`) at the top level is
        not a note but starts a section, whose lines count their depth from it."""
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if text.startswith(("-", "•", "．", "・", "●", "○")):
            text = text[1:].strip()
        while self._note_indents and self._note_indents[-1] > indent:
            self._note_indents.pop()
        if not self._note_indents or self._note_indents[-1] < indent:
            self._note_indents.append(indent)
        depth = len(self._note_indents) - 1
        if depth == 0:
            self._section = note_section(text)
            if self._section is not None:
                return
        elif self._section is not None:
            depth -= 1
        self.notes.append({"text": text, "depth": depth, "section": self._section})

    # ------------------------------------------------------------------ result

    def _document(self) -> dict[str, Any]:
        if "code" not in self.fields:
            raise DataFileError.keyed("icap.no_code", path=self.source)
        if not self.tasks:
            raise DataFileError.keyed("icap.no_tasks", path=self.source)
        code = normalize_code(self.fields["code"])
        current = next((v for v in self.versions if normalize_code(v["code"]) == code), None)
        name = next((v for v in self.names.values() if v), None) or (
            current["name"] if current else code
        )
        duties: list[dict[str, Any]] = []
        for row in self.tasks:
            if not duties or duties[-1]["code"] != row.duty[0]:
                duties.append({"code": row.duty[0], "name": row.duty[1], "tasks": []})
            duties[-1]["tasks"].append(
                {
                    "code": row.code,
                    "name": row.name,
                    "level": row.level,
                    "outputs": row.outputs,
                    "indicators": row.indicators,
                    "knowledge": row.knowledge,
                    "skills": row.skills,
                }
            )
        order = {"K": 0, "S": 1, "A": 2}
        items = sorted(self.items.values(), key=lambda i: (order[i["kind"]], _natural(i["code"])))
        level = self.fields.get("level")
        meta: dict[str, Any] = {}
        if self.log.repairs:
            meta["repairs"] = self.log.repairs
        if self.log.defects:
            meta["defects"] = self.log.defects
        return {
            "code": code,
            "name": name,
            "title": self.title,
            "framework": "icap",
            "language": "zh-TW",
            "version": current["version"] if current else None,
            "level": int(normalize_code(level)) if level else None,
            "versions": self.versions,
            "names": self.names,
            "classifications": self.classifications,
            "description": self.fields.get("description"),
            "duties": duties,
            "items": items,
            "notes": self.notes,
            "meta": meta,
        }


def _natural(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


def parse_icap_text(text: str, source: str = "<text>") -> Standard:
    """Parse the text form of an iCAP standard into a :class:`Standard`.

    Raises
    ------
    DataFileError
        When a line cannot be understood or the result does not validate.
    """
    document = _Parser(text, source).parse()
    document["source"] = {"format": "icap-text", "file": source.rsplit("/", 1)[-1]}
    return validate(Standard, document, source)


def looks_like_icap_text(text: str) -> bool:
    """Whether ``text`` has the task table header of an iCAP document."""
    return any(
        [squash(c) for c in line.split("\t") if c.strip()][:5] == TASK_HEADER_START
        for line in text.splitlines()
    )
